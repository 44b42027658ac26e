"""What a PDF is made from: the page as printed, and a key over every input.

Kept apart from `render_pdf.py` so that deciding whether the PDF must be laid out again costs
no WeasyPrint import (0.8 s): when the key of this build equals the one stored in the existing
PDF, the layout would give the same bytes and is skipped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import os
import re
from pathlib import Path

_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)
_FILE_ID = re.compile(rb"/ID \[\((\w+)\)")
# Files of the strategy folder that reach the PDF only through the page, which is hashed: a
# comment edited in a region file changes no key.
_THROUGH_THE_PAGE = (".yaml", ".yml", ".json")
# The libraries that turn the page into PDF bytes.
_LIBRARIES = ("weasyprint", "pydyf", "tinycss2", "cssselect2", "fonttools")


def creation_date(publication: dt.date) -> dt.datetime:
    """The date stamped into the PDF: SOURCE_DATE_EPOCH when set, else the publication date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    return dt.datetime(publication.year, publication.month, publication.day, tzinfo=dt.UTC)


def print_page(html: str, created: dt.datetime) -> str:
    """The report page as WeasyPrint lays it out.

    The page inlines its screen stylesheet; for print, the same stylesheet and the print one are
    given as files, in that order, so that the print rules win. Dates go in through the page's
    metadata, which WeasyPrint turns into the PDF's.
    """
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    head, sep, rest = html.partition("</head>")
    head = _STYLE.sub("", head, count=1)
    return (
        f'{head}<meta name="dcterms.created" content="{stamp}">\n'
        f'<meta name="dcterms.modified" content="{stamp}">\n{sep}{rest}'
    )


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return ""


def _files(folder: Path) -> list[tuple[str, Path]]:
    """Every file under ``folder`` with its name there, in a stable order, following links as
    WeasyPrint would (each folder once), skipping hidden ones such as editor swap files."""
    found: list[tuple[str, Path]] = []
    seen: set[str] = set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(f for f in files if not f.startswith(".")):
            path = Path(top, file)
            if path.is_file():
                found.append((str(path.relative_to(folder)), path))
    return sorted(found)


def print_key(page: str, allowed: list[Path], variant: str) -> str:
    """A digest of everything the PDF is made from: the page as printed, every file it may load
    (stylesheets and fonts in ``allowed``), the PDF variant, the versions of the libraries that
    write it, and s3gen's PDF code."""
    digest = hashlib.sha256()
    for part in (*(_version(name) for name in _LIBRARIES), variant):
        digest.update(part.encode() + b"\0")
    for module in ("render_pdf.py", "print_inputs.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    digest.update(page.encode("utf-8"))
    for folder in allowed:
        for name, path in _files(folder):
            if path.suffix.lower() not in _THROUGH_THE_PAGE:
                digest.update(name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:32]


def pdf_key(target: Path) -> str | None:
    """The key stored in a complete PDF written by s3gen (its permanent file identifier)."""
    try:
        with target.open("rb") as f:
            size = f.seek(0, os.SEEK_END)
            f.seek(max(0, size - 1024))
            tail = f.read()
            at = tail.rfind(b"startxref")
            if not tail.rstrip().endswith(b"%%EOF") or at < 0:
                return None  # cut short, or not a PDF
            f.seek(int(tail[at + 9 :].split()[0]))
            trailer = f.read(1024)
    except (OSError, ValueError, IndexError):
        return None
    found = _FILE_ID.search(trailer)
    return found.group(1).decode("ascii") if found else None
