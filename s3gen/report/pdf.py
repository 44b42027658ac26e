"""Print the report HTML to PDF with WeasyPrint. The only module that imports weasyprint.

Safe: resources are fetched only from the project's own folders (the templates, for the print
stylesheet and the fonts), never from the network or elsewhere on disk. Hermetic: the text is set
only in the fonts the stylesheets load with ``@font-face``; the machine's own fonts are never
seen, so every machine lays out the same page in the same fonts and writes the same bytes.
Strict: any WeasyPrint warning, or a character none of the loaded fonts can draw, fails the
build unless the caller allows it. The PDF is written atomically.
"""

from __future__ import annotations

import base64
import binascii
import inspect
import logging
import os
import unicodedata
import warnings
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pydyf
from fontTools.ttLib import TTFont

with warnings.catch_warnings():
    # On import WeasyPrint warns when the machine's font configuration has no fonts; s3gen never
    # uses that configuration (see ShippedFonts), so a machine without fonts is fine.
    warnings.simplefilter("ignore", UserWarning)
    import weasyprint
    from weasyprint.text.ffi import ffi, fontconfig, pangoft2
    from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from s3gen.errors import S3genError
from s3gen.model.formats import MEDIA_TYPES
from s3gen.output import write_atomic
from s3gen.report.pdf_key import PrintKey

SCREEN_STYLESHEET = "static/report.css"
PRINT_STYLESHEET = "static/print.css"
DEFAULT_VARIANT = "pdf/ua-1"


class PdfProblem(S3genError):
    """The PDF could not be built; the message says what and where."""


class RefusedResource(FatalURLFetchingError):
    """A resource outside the allowed folders was requested; nothing was fetched."""


# The images a page may hold as data: addresses (the funder's logos): the content is in the page,
# nothing is fetched.
DATA_IMAGES = tuple(f"data:{kind};base64," for kind in MEDIA_TYPES.values())


class ProjectFetcher(URLFetcher):
    """Fetches ``file:`` URLs inside the allowed folders, and the logos the page holds as
    ``data:`` addresses; refuses everything else."""

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(
            allowed_protocols=["file", "data"], allow_redirects=False, fail_on_errors=True
        )
        self.allowed = [p.resolve() for p in allowed]
        self.served: set[Path] = set()  # every file read (resolved)

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
        prefix = next((p for p in DATA_IMAGES if url.startswith(p)), None)
        if prefix is not None:
            try:
                content = base64.b64decode(url[len(prefix) :], validate=True)
            except binascii.Error as exc:
                raise RefusedResource(f"refused an image in the page: {exc}") from exc
            return URLFetcherResponse(
                url, content, status=200, headers={"Content-Type": prefix[5:].split(";")[0]}
            )
        path = self.resolve(url)
        self.served.add(path)
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), status=200)


def _empty_font_config() -> Any:
    """A new Fontconfig configuration that knows no font: no system or user font folders, no
    rules. WeasyPrint does not declare the function, so it is declared here (once)."""
    try:
        create = fontconfig.FcConfigCreate
    except AttributeError:
        ffi.cdef("FcConfig * FcConfigCreate (void);")
        create = fontconfig.FcConfigCreate
    config = create()
    if config == ffi.NULL:
        raise PdfProblem("Fontconfig could not create a font configuration")
    return config


class ShippedFonts(FontConfiguration):
    """WeasyPrint's font configuration with the machine's fonts taken away.

    WeasyPrint starts from the machine's Fontconfig setup and adds the ``@font-face`` fonts to
    it, so any text those fonts do not set (a missing glyph, a family they do not name, a rule
    that failed to load) silently takes whatever font the machine has: DejaVu Sans on one
    machine, a system Noto Sans on another, with other line breaks and page counts. Here the
    font map is given an empty configuration instead, which then holds only the ``@font-face``
    fonts: every fallback lands on one of them. The stylesheets and the layout must share this
    object, or WeasyPrint drops the ``@font-face`` rules without a warning.
    """

    def __init__(self) -> None:
        super().__init__()
        config = _empty_font_config()
        pangoft2.pango_fc_font_map_set_config(ffi.cast("PangoFcFontMap *", self.font_map), config)
        fontconfig.FcConfigDestroy(config)  # the font map holds its own reference
        self._config = config

    def loaded(self) -> list[Path]:
        """The font files Fontconfig holds in this configuration: the only fonts the layout
        can set text in. Empty until the stylesheets' ``@font-face`` rules have loaded some
        (WeasyPrint stores each in a temporary file of its own)."""
        found: set[Path] = set()
        for which in (fontconfig.FcSetSystem, fontconfig.FcSetApplication):
            fonts = fontconfig.FcConfigGetFonts(self._config, which)
            if fonts == ffi.NULL:
                continue
            for i in range(fonts.nfont):
                name = ffi.new("FcChar8 **")
                found_file = fontconfig.FcPatternGetString(fonts.fonts[i], b"file", 0, name)
                if found_file == fontconfig.FcResultMatch:
                    found.add(Path(os.fsdecode(ffi.string(name[0]))))
        return sorted(found)


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
def _stream_ends_told_apart() -> Iterator[None]:
    """pydyf ends every stream with a line feed before ``endstream``. When the (compressed)
    data itself ends with a carriage return, that CR and the LF read as one CR LF end of line,
    so the data looks one byte shorter than its /Length: PDF/A validators refuse the file
    (ISO 19005-2, 6.1.7.1), and about one stream in 256 ends so. Such a stream gets a CR LF end
    of line of its own: the data, then CR LF, then ``endstream``. Patched for one build, like
    `_page_references_kept`."""
    original = getattr(pydyf.Stream, "data", None)
    if not isinstance(original, property) or original.fget is None:
        yield  # another pydyf: nothing to work around
        return
    compute = original.fget

    def data(stream: Any) -> Any:
        written = compute(stream)
        if isinstance(written, bytes) and written.endswith(b"\r\nendstream"):
            return written[: -len(b"\nendstream")] + b"\r\nendstream"
        return written

    pydyf.Stream.data = property(data)
    try:
        yield
    finally:
        pydyf.Stream.data = original


class _AtTheDefaultLevel:
    """zlib as pydyf sees it during a build: a compressor asked for at any level works at
    zlib's default one."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = zlib.Z_DEFAULT_COMPRESSION, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, *args, **kwargs)


@contextmanager
def _streams_compressed_at_the_default_level() -> Iterator[None]:
    """pydyf compresses every content stream at zlib's level 9. On the 1,400 pages of a
    200-region report that took 7.4 s for 11.5 MB of streams; zlib's default level (6) takes
    1.6 s for 12.0 MB (`benchmarks/README.md`): a file 4 % larger, 6 s sooner. Patched for
    one build, like `_page_references_kept`."""
    original = getattr(pydyf, "zlib", None)
    if original is not zlib:
        yield  # another pydyf: nothing to change
        return
    pydyf.zlib = _AtTheDefaultLevel()
    try:
        yield
    finally:
        pydyf.zlib = original


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


@contextmanager
def _languages_tagged() -> Iterator[None]:
    """WeasyPrint gives the PDF the page's language (the catalog's /Lang), not the language of
    a part in another one: an English text not translated yet in a Polish edition, a region's
    name in its own language. Each element with a ``lang`` attribute gives its structure
    elements that /Lang, so that a screen reader switches language in the PDF as in the HTML.
    Patched for the duration of one build, like the page references."""
    try:
        from weasyprint.pdf import tags
    except ImportError:  # another WeasyPrint: the tests of the editions will tell
        yield
        return
    original = getattr(tags, "_build_box_tree", None)
    if original is None:
        yield
        return

    def tagged(box: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None else None
        whole_page = getattr(box, "element_tag", None) in ("html", "body")
        for structure in original(box, *args, **kwargs):
            if lang and not whole_page and "Lang" not in structure:
                structure["Lang"] = pydyf.String(lang)
            yield structure

    tags._build_box_tree = tagged
    try:
        yield
    finally:
        tags._build_box_tree = original


def _metadata_uncompressed(document: Any) -> None:
    """Have ``document`` write its XMP metadata stream without compression.

    WeasyPrint compresses it except for PDF/A-1, and page-validation's PDF/A-2 and PDF/A-3
    profiles then fail the file (rule METADATA-FILTER-001). An uncompressed metadata stream is
    valid in every variant, and tools that read XMP without a PDF parser find it. Only this
    document's metadata object is changed; nothing global is patched."""
    metadata: Any = getattr(document, "metadata", None)
    include = getattr(metadata, "include_in_pdf", None)
    if include is None or "compress" not in inspect.signature(include).parameters:
        return  # another WeasyPrint: the tests with page-validation will tell
    signature = inspect.signature(include)

    def uncompressed(*args: Any, **kwargs: Any) -> Any:
        bound = signature.bind(*args, **kwargs)
        bound.arguments["compress"] = False
        return include(*bound.args, **bound.kwargs)

    metadata.include_in_pdf = uncompressed


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


def missing_glyphs(
    html: str, fonts: list[Path], locate: Callable[[set[str]], Mapping[str, str]] | None = None
) -> list[str]:
    """Characters of the page text that none of ``fonts`` can draw, each with some context and,
    where ``locate`` knows it, the place in the strategy files it is written."""
    cmap: set[int] = set()
    for font in fonts:
        try:
            with TTFont(font, lazy=True, fontNumber=0) as program:
                cmap.update(program.getBestCmap() or {})
        except Exception as exc:  # fontTools raises many kinds for a damaged file
            raise PdfProblem(
                f"a font the stylesheets load is damaged or not a TrueType/OpenType font ({exc})"
            ) from exc
    parser = _Text()
    parser.feed(html)
    text = "".join(parser.parts)
    found: dict[str, str] = {}
    for i, char in enumerate(text):
        if ord(char) in cmap or char in "\n\r\t" or char in found:
            continue
        if unicodedata.category(char) in ("Cc", "Cf"):  # invisible controls draw nothing
            continue
        found[char] = " ".join(text[max(0, i - 30) : i + 30].split())
    places = locate(set(found)) if locate is not None and found else {}
    named = []
    for char, context in found.items():
        name = f"U+{ord(char):04X} {unicodedata.name(char, '?')}"
        if char in places:
            named.append(f"{name} at {places[char]}, in '{context}'")
        elif locate is not None:
            named.append(f"{name} in '{context}' (the templates' text, not the strategy's)")
        else:
            named.append(f"{name} in '{context}'")
    return named


def _reported(messages: list[str]) -> str:
    return (
        "WeasyPrint reported: "
        + "; ".join(messages[:10])
        + (" (and more)" if len(messages) > 10 else "")
        + ". Fix the template or stylesheet, or build with --no-strict."
    )


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
    key: PrintKey,
    variant: str = DEFAULT_VARIANT,
    strict: bool = True,
    progress: Callable[[str], None] = lambda _: None,
    locate: Callable[[set[str]], Mapping[str, str]] | None = None,
) -> PdfResult:
    """Lay out ``page`` (made by ``pdf_key.print_page``) with the print stylesheet and write
    the PDF to ``target`` atomically.

    ``templates`` are the template folders, first match wins (overrides first); ``allowed`` are
    the folders resources may be read from; ``key`` (``pdf_key.Inputs.key``) becomes the
    PDF's permanent file identifier, so the next build can tell whether its inputs changed.
    ``locate`` tells, for characters the fonts cannot draw, where each is written.
    """

    def find(name: str) -> Path:
        for folder in templates:
            if (folder / name).is_file():
                return (folder / name).resolve()  # as_uri() needs an absolute path
        raise PdfProblem(f"{name} is missing from the templates")

    base, stylesheet = find(SCREEN_STYLESHEET), find(PRINT_STYLESHEET)
    fetcher = ProjectFetcher(allowed)
    fonts = ShippedFonts()
    options: dict[str, object] = {}
    if variant != "none":
        options["pdf_variant"] = variant
    with (
        _weasyprint_warnings() as reported,
        _page_references_kept(),
        _languages_tagged(),
        _stream_ends_told_apart(),
        _streams_compressed_at_the_default_level(),
    ):
        try:
            sheets = [
                weasyprint.CSS(filename=str(f), url_fetcher=fetcher, font_config=fonts)
                for f in (base, stylesheet)
            ]
            loaded = fonts.loaded()
            if not loaded:
                said = f" (WeasyPrint reported: {'; '.join(reported[:3])})" if reported else ""
                raise PdfProblem(
                    f"no font was loaded: {PRINT_STYLESHEET} must load the report's fonts with "
                    f"@font-face rules whose files are in the templates{said}"
                )
            if reported and strict:  # the stylesheets' own problems: no need to lay out first
                raise PdfProblem(_reported(reported))
            missing = missing_glyphs(page, loaded, locate)
            if missing and strict:
                raise PdfProblem(
                    "the report's fonts cannot draw these characters (the PDF would show an "
                    "empty box for them): "
                    + "; ".join(missing[:10])
                    + (f" (and {len(missing) - 10} more)" if len(missing) > 10 else "")
                    + ". Write these characters otherwise in the strategy files, or load a "
                    "font that has them with an @font-face rule in the templates' "
                    f"{PRINT_STYLESHEET}."
                )
            progress("laying out pages")
            document = weasyprint.HTML(
                string=page, base_url=stylesheet.parent.as_uri() + "/", url_fetcher=fetcher
            ).render(stylesheets=sheets, font_config=fonts, **options)
            progress(f"laid out {len(document.pages)} pages")
            _metadata_uncompressed(document)
            # The permanent file identifier of a strict build is the key of its inputs (the
            # second is WeasyPrint's hash of the content): equal inputs give equal bytes, and
            # the next build can tell. A build that is not strict may have let problems
            # through, and one that read a file the key does not cover might differ next time
            # with the same key: neither ever matches a key.
            keyed = strict and fetcher.served <= key.files
            identifier = key.digest.encode() if keyed else True
            data = document.write_pdf(pdf_identifier=identifier, **options)
        except RefusedResource as exc:
            raise PdfProblem(str(exc)) from exc
        except FatalURLFetchingError as exc:  # a file that could not be read (a BaseException)
            cause = f": {exc.__cause__}" if exc.__cause__ else ""
            raise PdfProblem(f"{exc}{cause}") from exc
    if reported and strict:
        raise PdfProblem(_reported(reported))
    assert isinstance(data, bytes)
    write_atomic(target, data)
    return PdfResult(target, len(document.pages), [] if strict else reported + missing)
