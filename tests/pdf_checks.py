"""Helpers that inspect built PDFs: which font programs they embed, and where those come from."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
from fontTools.ttLib import TTFont

from tests.conftest import TEMPLATES

SHIPPED_FONTS = TEMPLATES / "static" / "fonts"


@dataclass(frozen=True)
class EmbeddedFont:
    base_font: str  # the PDF's name for it, e.g. /KTBWVY+Report-Sans: says nothing of its origin
    postscript_name: str  # from the name table of the embedded font program
    version: str
    outlines: dict[int, tuple[Any, ...]]  # code point -> glyph outline, for every mapped glyph


def _outlines(font: TTFont) -> dict[int, tuple[Any, ...]]:
    """Each mapped character's outline (its points, end points and flags), from ``glyf``."""
    glyf = font["glyf"]
    found: dict[int, tuple[Any, ...]] = {}
    for code, name in (font.getBestCmap() or {}).items():
        glyph = glyf[name]
        coordinates, ends, flags = glyph.getCoordinates(glyf)
        found[code] = (tuple(coordinates), tuple(ends), bytes(flags))
    return found


def _describe(program: bytes, base_font: str) -> EmbeddedFont:
    font = TTFont(io.BytesIO(program))
    names = font["name"]
    return EmbeddedFont(
        base_font,
        str(names.getDebugName(6)),
        str(names.getDebugName(5)),
        _outlines(font),
    )


def embedded_fonts(pdf: Path) -> list[EmbeddedFont]:
    """Every font program embedded in ``pdf``, read from the file itself. A font that is used
    but not embedded fails here: every font of an s3gen PDF must be embedded."""
    reader = pypdf.PdfReader(pdf)
    found: dict[int, EmbeddedFont] = {}
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            descendant = (
                font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            )
            descriptor = descendant["/FontDescriptor"].get_object()
            files = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
            assert files, f"{font['/BaseFont']} is not embedded in {pdf}"
            stream = descriptor.raw_get(files[0])
            key = stream.idnum if hasattr(stream, "idnum") else id(stream)
            if key not in found:
                data = stream.get_object().get_data()
                found[key] = _describe(data, str(font["/BaseFont"]))
    return list(found.values())


def shipped_fonts() -> dict[str, EmbeddedFont]:
    """The shipped font files, by PostScript name."""
    found = {}
    for path in sorted(SHIPPED_FONTS.glob("*.ttf")):
        described = _describe(path.read_bytes(), path.name)
        found[described.postscript_name] = described
    return found


def foreign_fonts(pdf: Path) -> list[str]:
    """The embedded fonts of ``pdf`` that are not (subsets of) a shipped font file: identified
    by the PostScript name and version inside the font program, and by every glyph outline
    being the shipped one's for the same character. Empty when all is well."""
    shipped = shipped_fonts()
    problems: list[str] = []
    fonts = embedded_fonts(pdf)
    if not fonts:
        problems.append("no embedded font at all")
    for font in fonts:
        origin = shipped.get(font.postscript_name)
        if origin is None or origin.version != font.version:
            problems.append(f"{font.base_font} is {font.postscript_name} ({font.version})")
            continue
        differ = [c for c, o in font.outlines.items() if origin.outlines.get(c) != o]
        if differ or not font.outlines:
            shown = ", ".join(f"U+{c:04X}" for c in differ[:5])
            problems.append(f"{font.base_font}: glyphs unlike {font.postscript_name}'s: {shown}")
    return problems


# --- Font configurations a build machine may have -------------------------------------------

DECOY_FAMILIES = ("Report Sans", "Noto Sans", "DejaVu Sans", "sans-serif")
# Text from scripts and symbols Noto Sans does not cover, beside some it does: where the shipped
# fonts have no glyph, a machine font would be the fallback, and the decoy offers one.
DECOY_EXTRA = "Check ✓, 漢字, 🙂, ☃ and Ελληνικά, Кириллица, Łódź"


def _decoy_font(path: Path) -> None:
    """A font that claims the report's own family name (and Noto Sans): every character of
    Latin-1 and Latin Extended-A, and of ``DECOY_EXTRA`` (which the shipped fonts lack), is a
    box twice as wide as usual, so a build that sets any text in it has other line breaks and
    embeds a program called Decoy-Regular."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def box() -> Any:
        pen = TTGlyphPen(None)
        pen.moveTo((50, 0))
        pen.lineTo((50, 700))
        pen.lineTo((1100, 700))
        pen.lineTo((1100, 0))
        pen.closePath()
        return pen.glyph()

    codes = [c for c in range(0x20, 0x180) if not 0x7F <= c < 0xA0]
    codes += [ord(c) for c in DECOY_EXTRA if ord(c) not in codes and not c.isspace()]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef", "box", "space"])
    builder.setupCharacterMap({c: "space" if c == 0x20 else "box" for c in codes})
    empty = TTGlyphPen(None).glyph()
    builder.setupGlyf({".notdef": box(), "box": box(), "space": empty})
    builder.setupHorizontalMetrics({".notdef": (1200, 50), "box": (1200, 50), "space": (600, 0)})
    builder.setupHorizontalHeader(ascent=900, descent=-200)
    builder.setupNameTable(
        {"familyName": "Report Sans", "styleName": "Regular", "psName": "Decoy-Regular"}
    )
    builder.setupOS2(sTypoAscender=900, sTypoDescender=-200, usWinAscent=900, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))


def decoy_font_config(folder: Path) -> Path:
    """A Fontconfig configuration whose only font is the decoy, preferred for every family the
    report could ask for: a machine whose fonts are all wrong."""
    fonts = folder / "fonts"
    fonts.mkdir(parents=True)
    _decoy_font(fonts / "Decoy-Regular.ttf")
    aliases = "".join(
        f"<alias><family>{f}</family><prefer><family>Report Sans</family></prefer></alias>"
        for f in DECOY_FAMILIES
    )
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>{fonts}</dir><cachedir>{folder / 'cache'}</cachedir>{aliases}"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return config


def no_font_config(folder: Path) -> Path:
    """A Fontconfig configuration with no font at all: a machine with no fonts installed."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "no-fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n', encoding="utf-8")
    return config
