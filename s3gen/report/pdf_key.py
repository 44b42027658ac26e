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

from s3gen.output import open_regular

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
# Bounds on what the key reads, far above any real strategy and its templates (the default
# ones: 12 files, 2 MB), so that a folder that grew by mistake fails in a moment instead of
# being read for minutes.
MAX_FILES = 20_000  # names seen in the allowed folders, hashed or not
MAX_BYTES = 512 << 20  # bytes read from the files hashed
CHUNK = 1 << 20  # read at a time


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


class _TooMany(Exception):
    """More names in the allowed folders than MAX_FILES."""


def _within(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


def _files(
    folder: Path, roots: list[str], skip: list[str], budget: list[int]
) -> list[tuple[str, str]]:
    """Every file under ``folder`` that WeasyPrint may load, with its name there and its real
    path, in a stable order. Links are followed only where WeasyPrint may follow them (into
    ``roots``), and each real folder is listed once, so that a link out (to /usr) or a loop
    costs nothing; folders in ``skip`` (the outputs) and hidden names, such as editor swap
    files, are left out. Each name seen takes one from ``budget[0]``."""
    found: list[tuple[str, str]] = []
    start = os.path.realpath(folder)
    seen = {start}
    if not _within(start, roots) or _within(start, skip):
        return found
    for top, dirs, files in os.walk(folder, followlinks=True):
        budget[0] -= len(dirs) + len(files)
        if budget[0] < 0:
            raise _TooMany()
        kept = []
        for name in sorted(dirs):
            real = os.path.realpath(os.path.join(top, name))
            if name.startswith(".") or real in seen:
                continue
            if _within(real, roots) and not _within(real, skip) and os.path.isdir(real):
                seen.add(real)
                kept.append(name)
        dirs[:] = kept  # os.walk lists only these next
        for file in files:
            if file.startswith("."):
                continue
            path = os.path.join(top, file)
            # realpath, not Path.resolve: a link that loops is a name like any other here.
            target = os.path.realpath(path)
            if _within(target, roots) and not _within(target, skip) and os.path.isfile(target):
                found.append((os.path.relpath(path, folder), target))
    return sorted(found)


@dataclass(frozen=True)
class PrintKey:
    """What a PDF is made from, as a digest, and the files that digest covers (resolved); or,
    when the folders hold too much to read, why it is unknown (then the digest is empty and
    matches no PDF: it is laid out every time)."""

    digest: str
    files: frozenset[Path]
    unknown: str = ""


@dataclass(frozen=True)
class Inputs:
    """Everything a PDF is made from except its page, read once for all the documents of a
    build (200 factsheets at three lengths each would read the fonts 600 times): a digest, and
    the files it covers, or why it is unknown."""

    digest: str
    files: frozenset[Path]
    unknown: str = ""

    def key(self, page: str) -> PrintKey:
        """The key of the PDF of ``page`` (as printed) made from these inputs."""
        if self.unknown:
            return PrintKey("", frozenset(), self.unknown)
        digest = hashlib.sha256(self.digest.encode("ascii"))
        digest.update(page.encode("utf-8"))
        return PrintKey(digest.hexdigest()[:32], self.files)


def read_inputs(allowed: list[Path], variant: str, outputs: list[Path]) -> Inputs:
    """A digest of everything the PDF is made from besides its page: every file it may load
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
    roots = [os.path.realpath(folder) for folder in allowed]
    skip = [os.path.realpath(folder) for folder in outputs]
    files: set[Path] = set()
    budget, left = [MAX_FILES], MAX_BYTES
    for index, folder in enumerate(allowed):
        try:
            listed = _files(folder, roots, skip, budget)
        except _TooMany:
            return Inputs("", frozenset(), _too_large(allowed, folder, f"{MAX_FILES:,} files"))
        for name, target in listed:
            if Path(name).suffix.lower() in _THROUGH_THE_PAGE:
                continue
            add(f"{index} {name}".encode())
            content, left = _digest(target, left)
            if left < 0:
                return Inputs("", frozenset(), _too_large(allowed, folder, f"{MAX_BYTES:,} bytes"))
            add(content)
            files.add(Path(target))
    return Inputs(digest.hexdigest(), frozenset(files))


def _digest(path: str, left: int) -> tuple[bytes, int]:
    """The SHA-256 of the file at ``path``, read in chunks while ``left`` bytes may still be
    read, and what is left then (below zero: the file is larger than that)."""
    digest = hashlib.sha256()
    try:  # a named pipe put there since it was listed must not block the build
        fd = open_regular(path)
    except OSError:  # unreadable here: WeasyPrint could not load it either
        return b"\0unreadable", left
    try:
        while chunk := os.read(fd, min(CHUNK, max(left, 0) + 1)):
            left -= len(chunk)
            if left < 0:
                break
            digest.update(chunk)
    except OSError:
        return b"\0unreadable", left
    finally:
        os.close(fd)
    return digest.digest(), left


def _too_large(allowed: list[Path], folder: Path, what: str) -> str:
    shown = ", ".join(str(f) for f in allowed)
    return (
        f"the folders the PDF may load files from ({shown}) hold more than {what}: whether the "
        f"PDF is up to date is not checked, so it is laid out every time; move what the report "
        f"does not use out of {folder}"
    )


def pdf_key(target: Path) -> str | None:
    """The key stored in a complete PDF written by s3gen (its permanent file identifier)."""
    try:
        with os.fdopen(open_regular(target), "rb") as f:  # never wait on a named pipe
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
