"""Whether the bytes of a logo are an image the report and the PDF can show: a PNG or an SVG.

The format is decided by the content, never by the name (the validator then checks the name
agrees, since browsers and WeasyPrint go by the name's ending). A PNG must have its signature, a
sane header (IHDR: width and height from 1 to 10,000 pixels, a valid bit depth and colour type)
and whole chunks with correct checksums up to its end chunk (IEND), so that a truncated or
damaged file is refused; the compressed pixels themselves are not unpacked. An SVG must be
well-formed XML without a document type declaration (so no entity can be declared, nor expanded:
no "billion laughs"), its root element ``svg`` in the SVG namespace with a ``viewBox`` or a
``width`` and ``height``, and self-contained: no script, and no reference to anything outside
the file (links, images and styles that the PDF could only fetch from elsewhere, which its
build refuses).
"""

from __future__ import annotations

import math
import struct
import zlib
from typing import Any
from xml.parsers import expat

from s3gen.model.formats import ImageFormat

LARGEST_FILE = 1024 * 1024  # bytes: 1 MiB, a logo's most
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LARGEST_SIDE = 10_000  # pixels, of a PNG
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
# Bit depths allowed for each PNG colour type (PNG specification, table 11.1).
_PNG_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
# Units of an SVG width or height that give the image a size (a percentage gives none).
_UNITS = ("px", "pt", "pc", "mm", "cm", "in", "em", "ex")
# What other formats start with, to say what a refused file is.
_OTHER_FORMATS = (
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"BM", "a BMP image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip file (a compressed .svgz? unpack it to .svg)"),
    (b"PK\x03\x04", "a ZIP archive"),
)
EXPECTED = "a logo must be a PNG or an SVG image"


class NotAnImage(Exception):
    """The bytes are not a PNG or SVG image that loads; the message says why."""


def image_format(data: bytes) -> ImageFormat:
    """The format of the image ``data`` holds; NotAnImage when it holds none that loads."""
    if data.startswith(PNG_SIGNATURE):
        _check_png(data)
        return ImageFormat.PNG
    for start, what in _OTHER_FORMATS:
        if data.startswith(start):
            raise NotAnImage(f"it is {what}; {EXPECTED}")
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        raise NotAnImage(f"it is a WebP image; {EXPECTED}")
    if not data.strip():
        raise NotAnImage(f"the file is empty; {EXPECTED}")
    if not data.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").startswith(b"<"):
        raise NotAnImage(f"it is neither a PNG nor an SVG image; {EXPECTED}")
    _check_svg(data)
    return ImageFormat.SVG


# --- PNG -------------------------------------------------------------------------------------


def _check_png(data: bytes) -> None:
    at = len(PNG_SIGNATURE)
    first = True
    seen_data = False
    while True:
        if at + 8 > len(data):
            raise NotAnImage("the PNG image is cut short: it ends before its end chunk (IEND)")
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        end = at + 8 + length + 4
        if end > len(data):
            raise NotAnImage(
                f"the PNG image is cut short: it ends inside its {_chunk_name(kind)} chunk"
            )
        body = data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[end - 4 : end])
        if zlib.crc32(kind + body) != crc:
            raise NotAnImage(
                f"the PNG image is damaged: the checksum of its {_chunk_name(kind)} chunk is wrong"
            )
        if first:
            if kind != b"IHDR" or length != 13:
                raise NotAnImage("the PNG image has no header (IHDR) where it must start")
            _check_header(body)
            first = False
        seen_data = seen_data or kind == b"IDAT"
        if kind == b"IEND":
            if not seen_data:
                raise NotAnImage("the PNG image holds no pixels (no IDAT chunk)")
            return
        at = end


def _chunk_name(kind: bytes) -> str:
    return repr(kind.decode("latin-1"))


def _check_header(header: bytes) -> None:
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", header
    )
    for side, size in (("width", width), ("height", height)):
        if not 0 < size <= LARGEST_SIDE:
            raise NotAnImage(
                f"the PNG image's {side} is {size:,} pixels; it must be from 1 to {LARGEST_SIDE:,}"
            )
    if depth not in _PNG_DEPTHS.get(colour, ()):
        raise NotAnImage(
            f"the PNG image's header is invalid (bit depth {depth} with colour type {colour})"
        )
    if compression or filtering or interlace > 1:
        raise NotAnImage("the PNG image's header is invalid (unknown compression or filter)")


# --- SVG -------------------------------------------------------------------------------------


class _Svg:
    """Handlers of one SVG parse: the root element, and what makes the image not stand alone."""

    def __init__(self) -> None:
        self.root: tuple[str, dict[str, str]] | None = None
        self.style: list[str] | None = None  # the text of the <style> element being read

    def doctype(self, *args: Any) -> None:
        raise NotAnImage(
            "the SVG image has a document type declaration (<!DOCTYPE ...>); remove it: "
            "s3gen reads no DTD and no entities"
        )

    def instruction(self, target: str, data: str) -> None:
        if target == "xml-stylesheet":
            raise NotAnImage("the SVG image links a style sheet (<?xml-stylesheet ...?>)")

    def start(self, name: str, attributes: dict[str, str]) -> None:
        if self.root is None:
            self.root = (name, attributes)
        local = name.rpartition(" ")[2]
        if local in ("script", "foreignObject"):
            raise NotAnImage(f"the SVG image holds a <{local}> element; a logo may not")
        for key, value in attributes.items():
            attribute = key.rpartition(" ")[2]
            if attribute.startswith("on"):
                raise NotAnImage(f"the SVG image has a script in its '{attribute}' attribute")
            if attribute == "href":
                _own_reference(value.strip(), f"a link to '{value}'")
            else:  # style, and presentation attributes such as fill="url(...)" or filter
                _check_style(value)
        if local == "style":
            self.style = []

    def end(self, name: str) -> None:
        if self.style is not None and name.rpartition(" ")[2] == "style":
            _check_style("".join(self.style))
            self.style = None

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)


def _own_reference(target: str, what: str) -> None:
    if not target.startswith("#"):
        raise NotAnImage(
            f"the SVG image holds {what}, outside the image; a logo must hold everything it "
            "shows (the PDF build fetches nothing from elsewhere)"
        )


def _check_style(css: str) -> None:
    """A style (or an attribute's value) may refer to parts of the image (url(#x)), never to
    anything else; CSS keywords are case-blind, so URL( and @IMPORT are found too."""
    lower = css.lower()
    if "@import" in lower:
        raise NotAnImage("the SVG image's style imports another style sheet (@import)")
    at = lower.find("url(")
    while at >= 0:
        close = css.find(")", at)
        target = css[at + 4 : close if close >= 0 else len(css)].strip(" \t\n'\"")
        _own_reference(target, f"a style that refers to '{target}'")
        at = lower.find("url(", at + 4)


def _check_svg(data: bytes) -> None:
    svg = _Svg()
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.StartDoctypeDeclHandler = svg.doctype
    parser.ProcessingInstructionHandler = svg.instruction
    parser.StartElementHandler = svg.start
    parser.EndElementHandler = svg.end
    parser.CharacterDataHandler = svg.text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise NotAnImage(
            f"it is not a PNG image, nor an SVG image that loads: its XML is broken at line "
            f"{exc.lineno}, column {exc.offset + 1} ({expat.ErrorString(exc.code)})"
        ) from None
    except (LookupError, ValueError) as exc:  # an encoding Python does not know, or cannot read
        raise NotAnImage(
            f"it is not a PNG image, nor an SVG image that loads: its XML cannot be read ({exc}); "
            "save it as UTF-8"
        ) from None
    assert svg.root is not None  # well-formed XML has a root element
    name, attributes = svg.root
    if name != f"{SVG_NAMESPACE} svg":
        local = name.rpartition(" ")[2]
        if local == "svg":
            raise NotAnImage(
                f"the SVG image's root element is not in the SVG namespace; write "
                f'<svg xmlns="{SVG_NAMESPACE}" ...>'
            )
        raise NotAnImage(f"it is XML, but not an SVG image: its root element is <{local}>")
    _check_size(attributes)


def _check_size(attributes: dict[str, str]) -> None:
    box = attributes.get("viewBox")
    if box is not None:
        numbers = [_number(n) for n in box.replace(",", " ").split()]
        wide, high = (numbers[2], numbers[3]) if len(numbers) == 4 else (None, None)
        if None in numbers or not (wide and wide > 0 and high and high > 0):
            raise NotAnImage(
                f"the SVG image's viewBox '{box}' is not four numbers ending in a width and a "
                'height above 0, e.g. viewBox="0 0 120 40"'
            )
        return
    width, height = attributes.get("width"), attributes.get("height")
    if width is None or height is None:
        raise NotAnImage(
            'the SVG image has no size: give its <svg> a viewBox (e.g. viewBox="0 0 120 40") '
            "or a width and a height"
        )
    for side, value in (("width", width), ("height", height)):
        if not (_length(value) or 0) > 0:
            raise NotAnImage(
                f"the SVG image's {side} '{value}' is not a length above 0 (a number, "
                f"optionally in {', '.join(_UNITS)}); or give it a viewBox"
            )


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _length(text: str) -> float | None:
    text = text.strip()
    for unit in _UNITS:
        if text.endswith(unit):
            return _number(text[: -len(unit)])
    return _number(text)
