"""Print the report HTML to PDF with WeasyPrint. The only module that imports weasyprint.

Safe: resources are fetched only from the project's own folders (the templates, for the print
stylesheet and the fonts), never from the network or elsewhere on disk. Strict: any WeasyPrint
warning, or a character the report font does not cover (which would silently fall back to
whatever font the machine has), fails the build unless the caller allows it. The PDF is written
atomically.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pydyf
import weasyprint
from fontTools.ttLib import TTFont
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from s3gen.output import write_atomic

SCREEN_STYLESHEET = "static/report.css"
PRINT_STYLESHEET = "static/print.css"
REPORT_FONT = "static/fonts/NotoSans-Regular.ttf"
DEFAULT_VARIANT = "pdf/ua-1"


class PdfProblem(Exception):
    """The PDF could not be built; the message says what and where."""


class RefusedResource(FatalURLFetchingError):
    """A resource outside the allowed folders was requested; nothing was fetched."""


class ProjectFetcher(URLFetcher):
    """Fetches ``file:`` URLs inside the allowed folders and refuses everything else."""

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(allowed_protocols=["file"], allow_redirects=False, fail_on_errors=True)
        self.allowed = [p.resolve() for p in allowed]

    def resolve(self, url: str) -> Path:
        """The local file ``url`` names, if it may be read; raise RefusedResource otherwise."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedResource(
                f"refused to fetch {url!r}: only the project's own files may be used"
            )
        # resolve() follows symbolic links and '..', so both are judged by where they lead.
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.allowed):
            shown = ", ".join(str(p) for p in self.allowed)
            raise RefusedResource(f"refused to fetch {url!r}: it is outside {shown}")
        if not path.is_file():
            raise RefusedResource(f"refused to fetch {url!r}: no such file")
        return path

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        path = self.resolve(url)
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), status=200)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _weasyprint_warnings() -> Iterator[list[str]]:
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    propagate = logger.propagate
    logger.propagate = False  # reported by us, not printed by logging's last resort
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


@contextmanager
def _page_references_kept() -> Iterator[None]:
    """pydyf builds the tuple of all page references anew each time one page's is asked for,
    and WeasyPrint's tagging (PDF/UA) asks once per tagged element: time quadratic in the
    number of pages (29 % of a 1,400-page build). Pages are only ever appended to the page
    tree, so while its length is unchanged the tuple is too: keep it until then. The class is
    patched for the duration of one build: builds must not run in parallel threads."""
    original = getattr(pydyf.PDF, "page_references", None)
    if not isinstance(original, property) or original.fget is None:
        yield  # another pydyf: nothing to work around
        return
    compute = original.fget

    def kept(pdf: Any) -> Any:
        count = len(pdf.pages["Kids"])
        found = pdf.__dict__.get("_s3gen_page_references")
        if found is None or found[0] != count:
            found = (count, compute(pdf))
            pdf.__dict__["_s3gen_page_references"] = found
        return found[1]

    pydyf.PDF.page_references = property(kept)
    try:
        yield
    finally:
        pydyf.PDF.page_references = original


class _Text(HTMLParser):
    """The text of a page outside <style>, <title> and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "script"):
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def missing_glyphs(html: str, font: Path) -> list[str]:
    """Characters of the page text that ``font`` cannot draw, each with some context."""
    cmap = TTFont(font, lazy=True).getBestCmap()
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.parts)
    found: dict[str, str] = {}
    for i, char in enumerate(text):
        if ord(char) in cmap or char in "\n\r\t" or char in found:
            continue
        if unicodedata.category(char) in ("Cc", "Cf"):  # invisible controls draw nothing
            continue
        context = " ".join(text[max(0, i - 30) : i + 30].split())
        found[char] = f"U+{ord(char):04X} {unicodedata.name(char, '?')} in '{context}'"
    return list(found.values())


@dataclass(frozen=True)
class PdfResult:
    path: Path
    pages: int
    warnings: list[str]  # only when not strict


def render_pdf(
    page: str,
    target: Path,
    templates: list[Path],
    allowed: list[Path],
    *,
    key: str,
    variant: str = DEFAULT_VARIANT,
    strict: bool = True,
    progress: Callable[[str], None] = lambda _: None,
) -> PdfResult:
    """Lay out ``page`` (made by ``print_inputs.print_page``) with the print stylesheet and write
    the PDF to ``target`` atomically.

    ``templates`` are the template folders, first match wins (overrides first); ``allowed`` are
    the folders resources may be read from; ``key`` (``print_inputs.print_key``) becomes the
    PDF's permanent file identifier, so the next build can tell whether its inputs changed.
    """

    def find(name: str) -> Path:
        for folder in templates:
            if (folder / name).is_file():
                return folder / name
        raise PdfProblem(f"{name} is missing from the templates")

    base, stylesheet, font = find(SCREEN_STYLESHEET), find(PRINT_STYLESHEET), find(REPORT_FONT)
    missing = missing_glyphs(page, font)
    if missing and strict:
        raise PdfProblem(
            "the report font cannot draw these characters (the PDF would use "
            "another font for them): " + "; ".join(missing[:10])
        )
    fetcher = ProjectFetcher(allowed)
    # The permanent file identifier of a strict build is the key of its inputs (the second is
    # WeasyPrint's hash of the content): equal inputs give equal bytes, and the next build can
    # tell. A build that is not strict may have let problems through: it never matches a key.
    options: dict[str, object] = {"pdf_identifier": key.encode() if strict else True}
    if variant != "none":
        options["pdf_variant"] = variant
    progress("laying out pages")
    with _weasyprint_warnings() as warnings, _page_references_kept():
        try:
            sheets = [
                weasyprint.CSS(filename=str(f), url_fetcher=fetcher) for f in (base, stylesheet)
            ]
            document = weasyprint.HTML(
                string=page, base_url=stylesheet.parent.as_uri() + "/", url_fetcher=fetcher
            ).render(stylesheets=sheets, **options)
            progress(f"laid out {len(document.pages)} pages")
            data = document.write_pdf(**options)
        except RefusedResource as exc:
            raise PdfProblem(str(exc)) from exc
    if warnings and strict:
        raise PdfProblem(
            "WeasyPrint reported: "
            + "; ".join(warnings[:10])
            + (" (and more)" if len(warnings) > 10 else "")
            + ". Fix the template or stylesheet, or build with --no-strict."
        )
    assert isinstance(data, bytes)
    write_atomic(target, data)
    return PdfResult(target, len(document.pages), [] if strict else warnings + missing)
