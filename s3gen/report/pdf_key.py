"""What a PDF is made from: the page as printed, and a key over every input.

Kept apart from `pdf.py` so that deciding whether the PDF must be laid out again costs
no WeasyPrint import (0.8 s): when the key of this build equals the one stored in the existing
PDF, the layout would give the same bytes and is skipped.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import functools
import hashlib
import importlib.metadata
import os
import re
from dataclasses import dataclass
from pathlib import Path

_STYLE = re.compile(r"<style>.*?</style>", re.DOTALL)
_FILE_ID = re.compile(rb"/ID \[\((\w+)\)")
# Files of the strategy folder that reach the PDF only through the page, which is hashed: a
# comment edited in a region file changes no key.
_THROUGH_THE_PAGE = (".yaml", ".yml", ".json")
# The system libraries WeasyPrint lays text out with (loaded by it through cffi).
_SYSTEM_LIBRARIES = (
    ("libpango-1.0.so.0", "pango_version_string"),
    ("libharfbuzz.so.0", "hb_version_string"),
)
# Fontconfig matches each run of text to one of the loaded fonts (its version is a number).
_FONTCONFIG = ("libfontconfig.so.1", "FcGetVersion")
_REQUIREMENT_NAME = re.compile(r"[A-Za-z0-9._-]+")


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


@functools.cache
def _versions() -> tuple[str, ...]:
    """The versions of WeasyPrint, of every package it needs (recursively) and of the system
    libraries it lays text out with: an upgrade of any of them may move a line break."""
    found: dict[str, str] = {}
    todo = ["weasyprint"]
    while todo:
        name = todo.pop().lower()
        if name in found:
            continue
        try:
            found[name] = importlib.metadata.version(name)
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            found[name] = ""
            continue
        for requirement in requires:
            match = _REQUIREMENT_NAME.match(requirement)
            if match and "extra ==" not in requirement:
                todo.append(match.group())
    for library, function in _SYSTEM_LIBRARIES:
        try:
            call = getattr(ctypes.CDLL(library), function)
            call.restype = ctypes.c_char_p
            found[library] = call().decode("ascii")
        except (OSError, AttributeError, UnicodeDecodeError):
            found[library] = ""
    library, function = _FONTCONFIG
    try:
        found[library] = str(getattr(ctypes.CDLL(library), function)())
    except (OSError, AttributeError):
        found[library] = ""
    return tuple(f"{name} {version}" for name, version in sorted(found.items()))


def _files(folder: Path, roots: list[Path], skip: list[Path]) -> list[tuple[str, Path]]:
    """Every file under ``folder`` with its name there, in a stable order. Links are followed
    only where WeasyPrint may follow them (into ``roots``); folders in ``skip`` (the outputs)
    and hidden files, such as editor swap files, are left out."""
    found: list[tuple[str, Path]] = []
    seen: set[Path] = set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = Path(top).resolve()
        if real in seen or any(real.is_relative_to(s) for s in skip):
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file in files:
            path = Path(top, file)
            try:
                target = path.resolve()
            except RuntimeError:  # a loop of links (Python 3.13 resolves to no file instead)
                continue  # leads to no file: WeasyPrint could load nothing from it either
            if (
                not file.startswith(".")
                and any(target.is_relative_to(root) for root in roots)
                and target.is_file()
            ):
                found.append((str(path.relative_to(folder)), path))
    return sorted(found)


@dataclass(frozen=True)
class PrintKey:
    """What a PDF is made from, as a digest, and the files that digest covers (resolved)."""

    digest: str
    files: frozenset[Path]


def print_key(page: str, allowed: list[Path], variant: str, outputs: list[Path]) -> PrintKey:
    """A digest of everything the PDF is made from: the page as printed, every file it may load
    (stylesheets and fonts in ``allowed``, except the ``outputs`` folders), the PDF variant, the
    versions of the libraries that write it, and s3gen's PDF code.

    The layout sets text only in the fonts the stylesheets load from these folders (never in
    the machine's own, see ``pdf.ShippedFonts``), so the fonts it uses are among the
    files hashed; a build that reads a file outside ``files`` does not store the key."""
    digest = hashlib.sha256()

    def add(part: bytes) -> None:  # length-prefixed, so that parts cannot run into each other
        digest.update(len(part).to_bytes(8, "big") + part)

    for part in (*_versions(), variant):
        add(part.encode())
    for module in ("pdf.py", "pdf_key.py"):
        add((Path(__file__).parent / module).read_bytes())
    add(page.encode("utf-8"))
    roots = [folder.resolve() for folder in allowed]
    skip = [folder.resolve() for folder in outputs]
    files: set[Path] = set()
    for index, folder in enumerate(allowed):
        for name, path in _files(folder, roots, skip):
            if path.suffix.lower() in _THROUGH_THE_PAGE:
                continue
            add(f"{index} {name}".encode())
            try:
                add(path.read_bytes())
            except OSError:  # unreadable here: WeasyPrint could not load it either
                add(b"\0unreadable")
            files.add(path.resolve())
    return PrintKey(digest.hexdigest()[:32], frozenset(files))


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
    if b"/Prev" in trailer.partition(b"stream")[0]:
        return None  # changed since s3gen wrote it (an incremental update keeps the id)
    found = _FILE_ID.search(trailer)
    return found.group(1).decode("ascii") if found else None
