"""The front and back matter as data, checked: the funder's logos (images in the strategy folder
that load), the ISBN's check digit, the flagship actions, and the glossary that explains every
abbreviation the published text uses."""

from __future__ import annotations

import itertools
import os
import struct
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from s3gen.cli import cli
from s3gen.errors import Issue, IssueSeverity
from s3gen.model.abbreviations import abbreviations
from s3gen.model.formats import ImageFormat
from s3gen.source import validate
from s3gen.source.images import NotAnImage, image_format
from s3gen.source.load import Refused, read_named_file
from s3gen.source.validate import check_strategy
from tests.conftest import Change, apply_edits, copy_fixture, located
from tests.issue_cases import ALPHA, BETA, TINY_SVG, S, appended, logo, tiny_png

Check = Callable[..., list[Issue]]
LOGO = "logos/programme"  # + .png or .svg
LOGO_AT = ("strategy/strategy.yaml", 26, "funding.logos[0].file")


@pytest.fixture
def check(tmp_path: Path) -> Check:
    """Like conftest's, but each call edits a fresh copy of the minimal strategy."""
    copies = itertools.count()

    def run(edits: dict[str, Change]) -> list[Issue]:
        root = copy_fixture("minimal", tmp_path / f"copy-{next(copies)}")
        apply_edits(root, edits)
        return check_strategy(root, "strategy").issues

    return run


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def logo_issues(check: Check, data: bytes, suffix: str = ".png") -> list[tuple[str, str]]:
    """(code, message) of each issue of a strategy showing ``data`` as its logo."""
    issues = check(logo(LOGO + suffix, data))
    return [(i.code, i.message) for i in issues]


def the_logo_issue(check: Check, data: bytes, suffix: str = ".png") -> str:
    """The message of the one issue, located at the logo's file, of a strategy showing ``data``
    as its logo: it is an error."""
    issues = check(logo(LOGO + suffix, data))
    assert [(i.file, i.line, i.path, i.severity) for i in issues] == [
        (*LOGO_AT[:2], LOGO_AT[2], IssueSeverity.ERROR)
    ], issues
    return issues[0].message


def chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


# --- Logos: PNG ----------------------------------------------------------------------------


def test_a_png_logo_is_shown(check: Check) -> None:
    assert check(logo(LOGO + ".png", tiny_png(120, 40))) == []


def test_a_png_cut_short_is_refused(check: Check) -> None:
    assert the_logo_issue(check, tiny_png()[:-3]) == (
        f"'{LOGO}.png' cannot be shown as a logo: the PNG image is cut short: it ends inside "
        "its 'IEND' chunk"
    )


def test_a_damaged_png_is_refused(check: Check) -> None:
    data = bytearray(tiny_png())
    data[42] ^= 0xFF  # a byte of the pixels
    assert the_logo_issue(check, bytes(data)).endswith(
        "the PNG image is damaged: the checksum of its 'IDAT' chunk is wrong"
    )


@pytest.mark.parametrize(
    ("width", "height", "said"),
    [
        (0, 1, "the PNG image's width is 0 pixels; it must be from 1 to 10,000"),
        (1, 10_001, "the PNG image's height is 10,001 pixels; it must be from 1 to 10,000"),
        (2**32 - 1, 1, "the PNG image's width is 4,294,967,295 pixels"),
    ],
)
def test_a_png_of_no_size_or_too_large_is_refused(
    check: Check, width: int, height: int, said: str
) -> None:
    assert said in the_logo_issue(check, tiny_png(width, height))


def test_a_png_of_the_largest_size_is_shown(check: Check) -> None:
    assert check(logo(LOGO + ".png", tiny_png(10_000, 10_000))) == []


def test_a_png_without_header_or_pixels_is_refused(check: Check) -> None:
    signature = b"\x89PNG\r\n\x1a\n"
    header = tiny_png()[8:33]
    assert the_logo_issue(check, signature + chunk(b"IEND", b"")).endswith(
        "the PNG image has no header (IHDR) where it must start"
    )
    assert the_logo_issue(check, signature + header + chunk(b"IEND", b"")).endswith(
        "the PNG image holds no pixels (no IDAT chunk)"
    )
    bad_depth = chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 3, 2, 0, 0, 0))
    assert the_logo_issue(check, signature + bad_depth).endswith(
        "the PNG image's header is invalid (bit depth 3 with colour type 2)"
    )


@pytest.mark.parametrize(
    ("data", "what"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
        (b"GIF89a\x01\x00", "a GIF image"),
        (b"%PDF-1.7\n", "a PDF document"),
        (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "a WebP image"),
    ],
)
def test_another_format_is_named(check: Check, data: bytes, what: str) -> None:
    assert the_logo_issue(check, data) == (
        f"'{LOGO}.png' cannot be shown as a logo: it is {what}; a logo must be a PNG or an SVG "
        "image"
    )


def test_text_that_is_no_image_is_refused(check: Check) -> None:
    assert the_logo_issue(check, b"logo goes here\n").endswith(
        "it is neither a PNG nor an SVG image; a logo must be a PNG or an SVG image"
    )
    assert the_logo_issue(check, b"").endswith(
        "the file is empty; a logo must be a PNG or an SVG image"
    )


# --- Logos: SVG ----------------------------------------------------------------------------


def test_an_svg_logo_is_shown(check: Check) -> None:
    assert check(logo(LOGO + ".svg", TINY_SVG)) == []
    sized = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" '
        b'xmlns:xlink="http://www.w3.org/1999/xlink" width="120mm" height="40"><defs>'
        b'<linearGradient id="g"/></defs><rect fill="url(#g)" width="1" height="1"/>'
        b'<use xlink:href="#g"/><style>rect { fill: url("#g") }</style></svg>'
    )
    assert check(logo(LOGO + ".svg", sized)) == []


def test_a_broken_svg_is_refused_with_where_its_xml_breaks(check: Check) -> None:
    assert the_logo_issue(
        check, b'<svg xmlns="http://www.w3.org/2000/svg">\n<g></svg>', ".svg"
    ) == (
        f"'{LOGO}.svg' cannot be shown as a logo: it is not a PNG image, nor an SVG image that "
        "loads: its XML is broken at line 2, column 6 (mismatched tag)"
    )


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY a "aaaaaaaaaa">\n'
    + b"".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">\n'.encode() for i in range(9)
    )
    + b']>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&j;</text></svg>'
)


@pytest.mark.parametrize(
    "data",
    [
        BILLION_LAUGHS,
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + TINY_SVG,
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&x;</text></svg>',
    ],
    ids=["billion laughs", "external DTD", "external entity"],
)
def test_an_svg_with_a_doctype_is_refused_without_reading_it(check: Check, data: bytes) -> None:
    started = time.monotonic()
    assert the_logo_issue(check, data, ".svg").endswith(
        "the SVG image has a document type declaration (<!DOCTYPE ...>); remove it: s3gen reads "
        "no DTD and no entities"
    )
    assert time.monotonic() - started < 10  # nothing was expanded (a bound, not a timing)


def test_an_undeclared_entity_is_broken_xml(check: Check) -> None:
    data = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">&x;</svg>'
    assert "(undefined entity)" in the_logo_issue(check, data, ".svg")


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (
            b'<svg viewBox="0 0 1 1"/>',
            "the SVG image's root element is not in the SVG namespace; write "
            '<svg xmlns="http://www.w3.org/2000/svg" ...>',
        ),
        (
            b'<html xmlns="http://www.w3.org/1999/xhtml"/>',
            "it is XML, but not an SVG image: its root element is <html>",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"/>',
            'the SVG image has no size: give its <svg> a viewBox (e.g. viewBox="0 0 120 40") '
            "or a width and a height",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 10"/>',
            "the SVG image's viewBox '0 0 0 10' is not four numbers ending in a width and a "
            'height above 0, e.g. viewBox="0 0 120 40"',
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0,0,10"/>',
            "the SVG image's viewBox '0,0,10' is not four numbers",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="40"/>',
            "the SVG image's width '100%' is not a length above 0",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="nan" height="40"/>',
            "the SVG image's width 'nan' is not a length above 0",
        ),
    ],
    ids=["no namespace", "not svg", "no size", "empty viewBox", "short viewBox", "%", "nan"],
)
def test_an_svg_must_be_svg_with_a_size(check: Check, data: bytes, said: str) -> None:
    assert said in the_logo_issue(check, data, ".svg")


@pytest.mark.parametrize(
    ("inside", "said"),
    [
        (b'<image href="https://example.org/x.png"/>', "a link to 'https://example.org/x.png'"),
        (
            b'<image xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="data:image/png;'
            b'base64,AAAA"/>',
            "a link to 'data:image/png;base64,AAAA'",
        ),
        (b'<use href="other.svg#x"/>', "a link to 'other.svg#x'"),
        (b"<style>@import url(x.css);</style>", "imports another style sheet (@import)"),
        (b"<style>rect { fill: url('pattern.png') }</style>", "a style that refers to"),
        (b'<rect style="fill: url(http://x.org/p)"/>', "a style that refers to 'http://x.org/p'"),
        (b'<rect fill="url(https://x.org/p#g)"/>', "a style that refers to 'https://x.org/p#g'"),
        (b'<rect filter="URL(x.svg#f)"/>', "a style that refers to 'x.svg#f'"),
        (b"<style>@IMPORT 'x.css';</style>", "imports another style sheet (@import)"),
        (b"<script>alert(1)</script>", "holds a <script> element; a logo may not"),
        (b'<rect onclick="alert(1)"/>', "has a script in its 'onclick' attribute"),
    ],
    ids=[
        "image",
        "data",
        "use",
        "import",
        "style element",
        "style attribute",
        "fill attribute",
        "upper case url",
        "upper case import",
        "script",
        "on",
    ],
)
def test_an_svg_must_hold_everything_it_shows(check: Check, inside: bytes, said: str) -> None:
    data = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">' + inside + b"</svg>"
    assert said in the_logo_issue(check, data, ".svg")


def test_a_stylesheet_instruction_is_refused(check: Check) -> None:
    data = b'<?xml-stylesheet href="x.css"?>\n' + TINY_SVG
    assert the_logo_issue(check, data, ".svg").endswith(
        "the SVG image links a style sheet (<?xml-stylesheet ...?>)"
    )


def test_the_format_is_decided_by_the_content_and_the_name_must_agree(check: Check) -> None:
    assert the_logo_issue(check, tiny_png(), ".svg") == (
        f"'{LOGO}.svg' holds a PNG image, but its name does not end in .png: rename it, since "
        "browsers and the PDF take the format from the name"
    )
    assert check(logo(LOGO + ".PNG", tiny_png())) == []


# --- Logos: the file -----------------------------------------------------------------------


def test_a_missing_logo_is_located(check: Check) -> None:
    issues = check(logo("logos/programme.png"))
    assert located(issues) == [("logo-missing", *LOGO_AT)]
    assert issues[0].message == (
        "there is no file 'logos/programme.png' in the strategy folder (the path is relative to "
        "the folder that holds strategy.yaml)"
    )


def test_a_logo_larger_than_1_mib_is_refused_before_it_is_read(check: Check) -> None:
    data = tiny_png() + b"\x00" * (2 * 1024 * 1024)
    assert the_logo_issue(check, data) == (
        f"'{LOGO}.png' is {len(data):,} bytes; the limit is 1,048,576 bytes"
    )
    assert check(logo(LOGO + ".png", tiny_png() + b"\x00" * (1024 * 1024 - 200))) == []


def test_a_folder_is_no_logo(check: Check) -> None:
    issues = check({**logo(LOGO + ".png"), LOGO + ".png": lambda p: p.mkdir(parents=True)})
    assert [(i.code, i.message) for i in issues] == [
        ("logo-missing", f"'{LOGO}.png' is a folder, not a file")
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_is_no_logo_and_is_not_waited_on(check: Check) -> None:
    def pipe(path: Path) -> None:
        path.parent.mkdir(parents=True)
        os.mkfifo(path)

    issues = check({**logo(LOGO + ".png"), LOGO + ".png": pipe})
    assert [(i.code, i.message) for i in issues] == [
        ("logo-missing", f"'{LOGO}.png' is a pipe, a socket or a device, not a file")
    ]


def test_a_link_inside_the_folder_is_followed(check: Check) -> None:
    def link(path: Path) -> None:
        (path.parent / "real.png").write_bytes(tiny_png())
        path.symlink_to("real.png")

    assert check({**logo("programme.png"), "programme.png": link}) == []


@pytest.mark.parametrize(
    ("target", "code", "said"),
    [
        (
            "/etc/hostname",
            "outside-strategy",
            "'programme.png' is a link to /etc/hostname, outside",
        ),
        ("/dev/zero", "outside-strategy", "'programme.png' is a link to /dev/zero, outside"),
        ("../../x.png", "outside-strategy", "'programme.png' is a link to ../../x.png, outside"),
        ("nowhere.png", "logo-missing", "'programme.png' is a link to nowhere.png, which does"),
        ("programme.png", "logo-missing", "'programme.png' is a link that leads round in a loop"),
    ],
    ids=["a file outside", "a device outside", "up and out", "nothing", "itself"],
)
def test_a_link_is_judged_by_where_it_leads(
    check: Check, target: str, code: str, said: str
) -> None:
    issues = check({**logo("programme.png"), "programme.png": lambda p: p.symlink_to(target)})
    assert [i.code for i in issues] == [code]
    assert issues[0].message.startswith(said), issues[0].message


def test_a_folder_link_out_of_the_strategy_is_refused(check: Check, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "programme.png").write_bytes(tiny_png())
    issues = check({**logo("logos/programme.png"), "logos": lambda p: p.symlink_to(outside)})
    assert [i.code for i in issues] == ["outside-strategy"]


@pytest.mark.parametrize("path", ["../outside.png", "/etc/logo.png", "logos\\x.png", "./x.png"])
def test_a_logo_path_out_of_the_folder_is_malformed(check: Check, path: str) -> None:
    issues = check(logo(path))
    assert [(i.code, i.path) for i in issues] == [("invalid-format", LOGO_AT[2])]


def test_a_logo_needs_its_alt_text(check: Check) -> None:
    issues = check(logo(LOGO + ".png", tiny_png(), alt='""'))
    assert [(i.code, i.path, i.message) for i in issues] == [
        ("empty-value", "funding.logos[0].alt", "'alt' is empty")
    ]


def test_each_logo_file_is_read_once(check: Check, monkeypatch: pytest.MonkeyPatch) -> None:
    reads = []

    def counted(root: Path, name: str, *args: Any, **kwargs: Any) -> bytes | Refused:
        reads.append(name)
        return read_named_file(root, name, *args, **kwargs)

    monkeypatch.setattr(validate, "read_named_file", counted)
    blocks = "".join(f"    - file: {LOGO}.png\n      alt: Logo {i}\n" for i in range(200))
    issues = check(
        {
            **appended(f"funding:\n  statement: Funded.\n  logos:\n{blocks}"),
            f"{LOGO}.png": lambda p: (p.parent.mkdir(), p.write_bytes(b"GIF89a")),
        }
    )
    assert [i.code for i in issues] == ["logo-invalid"] * 200
    assert reads == [f"{LOGO}.png"]


def test_logo_errors_are_printed_as_located_lines(minimal: Path) -> None:
    apply_edits(minimal, logo(LOGO + ".svg", BILLION_LAUGHS))
    result = run("validate", "--strategy", str(minimal))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{minimal}/strategy.yaml:26:13: error: funding.logos[0].file: '{LOGO}.svg' cannot be "
        "shown as a logo: the SVG image has a document type declaration (<!DOCTYPE ...>); "
        "remove it: s3gen reads no DTD and no entities [logo-invalid]"
    )


# --- ISBN ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("isbn", "valid"),
    [("978-3-16-148410-1", False), ("9783161484109", False), ("979-10-90636-07-1", True)],
)
def test_the_isbn_check_digit(check: Check, isbn: str, valid: bool) -> None:
    issues = check({"strategy.yaml": [("CC-BY-4.0\n", f'CC-BY-4.0\n  isbn: "{isbn}"\n')]})
    if valid:
        assert issues == []
        return
    assert located(issues) == [("invalid-format", S, 8, "document.isbn")]
    assert issues[0].message == (
        f"the ISBN '{isbn}' is not valid: its last digit, the check digit, is {isbn[-1]}, but its "
        "first twelve digits give 0; one of the digits is mistyped: copy the ISBN again from the "
        "imprint or the ISBN agency"
    )


def test_a_malformed_isbn_or_doi_is_refused_by_its_format(check: Check) -> None:
    issues = check(
        {
            "strategy.yaml": [
                ("CC-BY-4.0\n", "CC-BY-4.0\n  isbn: 3-16-148410-0\n  doi: https://doi.org/10.1/x\n")
            ]
        }
    )
    assert [(i.code, i.path) for i in issues] == [
        ("invalid-format", "document.isbn"),
        ("invalid-format", "document.doi"),
    ]


# --- Flagships -----------------------------------------------------------------------------


def test_a_flagship_is_an_existing_action_with_a_suggestion(check: Check) -> None:
    issues = check(appended("flagship_actions: [alpha-voucher]\n"))
    assert [(i.code, i.path, i.message) for i in issues] == [
        (
            "unknown-reference",
            "flagship_actions[0]",
            "unknown action 'alpha-voucher' (did you mean 'alpha-vouchers'?)",
        )
    ]


def test_a_flagship_is_a_joint_action(check: Check) -> None:
    issues = check(appended("flagship_actions: [beta-academy]\n"))
    assert [(i.code, i.line, i.column, i.message) for i in issues] == [
        (
            "flagship-not-joint",
            23,
            20,
            "action 'beta-academy' of Beta is a regional action; a flagship is a joint "
            "transnational action: name one with 'scope: transnational', or make this one "
            "transnational with its partner regions",
        )
    ]
    assert check(appended("flagship_actions: [alpha-vouchers]\n")) == []


def test_a_flagship_listed_twice_is_an_error_at_the_second(check: Check) -> None:
    issues = check(appended("flagship_actions:\n  - alpha-vouchers\n  - alpha-vouchers\n"))
    assert [(i.code, i.severity, i.line, i.message) for i in issues] == [
        (
            "duplicate-entry",
            IssueSeverity.ERROR,
            25,
            "action 'alpha-vouchers' is already a flagship (line 24); list each flagship action "
            "once",
        )
    ]


# --- Glossary ------------------------------------------------------------------------------

SME = "  - {term: SME, meaning: small and medium-sized enterprise}\n"


def named(issue: Issue) -> str:
    """The abbreviation an abbreviation-undefined warning is about."""
    return (
        issue.message.partition("the abbreviation '")[2].partition("'")[0]
        or (issue.message.split("'")[1])
    )


def test_a_term_listed_twice_is_an_error_at_the_second(check: Check) -> None:
    issues = check(appended(f"glossary:\n{SME}{SME}"))
    assert [(i.code, i.severity, i.line, i.path, i.message) for i in issues] == [
        (
            "duplicate-entry",
            IssueSeverity.ERROR,
            25,
            "glossary[1].term",
            "the glossary already explains 'SME' (line 24); merge the two entries into one",
        )
    ]


def test_an_abbreviation_is_reported_once_at_its_first_use(check: Check) -> None:
    issues = check(
        {
            "strategy.yaml": [("Governance.", "Governance for SMEs.")],
            "sources.yaml": [("title: Source two", "title: SME survey")],
            ALPHA: [("    title: Food", "    title: Food SMEs and SME clusters")],
            BETA: [("Health technologies.", "Health technologies for SMEs.")],
        }
    )
    assert [(i.code, i.severity, i.file, i.line, i.column, i.path, i.message) for i in issues] == [
        (
            "abbreviation-undefined",
            IssueSeverity.WARNING,
            S,
            12,
            15,
            "chapters.governance",
            "'SME' is an abbreviation the glossary does not explain: add it to 'glossary' in "
            "strategy/strategy.yaml with what it stands for (used here first, and in 3 more "
            "places)",
        )
    ]


def test_the_first_use_is_in_reading_order_and_source_titles_are_not_read(check: Check) -> None:
    # strategy.yaml is read first, then the region files; the sources' titles are other works'
    # titles, quoted as they are: not read.
    issues = check(
        {
            "sources.yaml": [("title: Source two", "title: ICT survey")],
            ALPHA: [("    title: Food", "    title: ICT"), ("Food industry.", "ICT firms.")],
            BETA: [("Health technologies.", "Health ICT.")],
        }
    )
    assert [(i.code, i.file, i.path) for i in issues] == [
        ("abbreviation-undefined", "strategy/regions/alpha.yaml", "priorities[0].title")
    ]
    assert issues[0].message.endswith("(used here first, and in 2 more places)")


def test_every_undefined_abbreviation_has_its_warning_and_explained_ones_none(
    check: Check,
) -> None:
    text = "R&D for SMEs in the EU-BSR region, RCO87 (COVID-19) and ÖKO, II, PL84"
    issues = check(
        {
            **appended(f"glossary:\n{SME}  - {{term: R&D, meaning: research and development}}\n"),
            ALPHA: [("Food industry.", text)],
        }
    )
    assert sorted(named(i) for i in issues) == ["BSR", "COVID", "EU", "RCO", "ÖKO"]
    assert {i.code for i in issues} == {"abbreviation-undefined"}


def test_only_published_prose_is_read(check: Check) -> None:
    # Ids, addresses, codes, units, notes and the editors' working notes are not prose.
    issues = check(
        {
            "strategy.yaml": [
                ("  language: en\n", "  language: en\n  editors: [{name: Jan KOWALSKI}]\n")
            ],
            ALPHA: [
                (
                    "  level: 2\n",
                    "  level: 2\n  note: From the XYZ list.\n  editor_note: Ask ABC.\n",
                ),
                ("sources: [src-two]\npriorities", "sources: [src-two]\nnotes: [KPI]\npriorities"),
            ],
            BETA: [("        unit: people", "        unit: FTE")],
        }
    )
    assert issues == []


def test_code_links_and_citations_are_not_read(check: Check) -> None:
    text = (
        "Use `SQL` and [the page](https://example.org/EU/DE) at https://example.org/ABC [@src-two]"
    )
    assert check({ALPHA: [("Food industry.", text)]}) == []
    assert [
        i.message.split("'")[1] for i in check({ALPHA: [("Food industry.", "See [the EU](#x).")]})
    ] == ["EU"]


def test_a_glossary_meaning_is_published_text(check: Check) -> None:
    glossary = "glossary:\n  - {term: EUSBSR, meaning: EU Strategy for the Baltic Sea Region}\n"
    issues = check({**appended(glossary), ALPHA: [("    title: Food", "    title: EUSBSR food")]})
    assert [(i.code, i.path, i.message.split("'")[1]) for i in issues] == [
        ("abbreviation-undefined", "glossary[0].meaning", "EU")
    ]


def test_a_glossary_term_no_text_uses_is_a_warning(check: Check) -> None:
    issues = check(appended(f"glossary:\n{SME}  - {{term: Trans-S3, meaning: the strategy}}\n"))
    # Trans-S3 is no abbreviation by the rule, so whether it is used is not known: no warning.
    assert [(i.code, i.severity, i.line, i.path, i.message) for i in issues] == [
        (
            "glossary-unused",
            IssueSeverity.WARNING,
            24,
            "glossary[0].term",
            "the glossary explains 'SME', which no published text uses: remove the entry, or "
            "check how the text writes it",
        )
    ]
    plural = check(appended("glossary:\n  - {term: SMEs, meaning: small enterprises}\n"))
    assert [i.code for i in plural] == ["glossary-unused"]
    used = check({**appended(f"glossary:\n{SME}"), ALPHA: [("    title: Food", "    title: SMEs")]})
    assert used == []


def test_the_glossary_warnings_cannot_be_accepted(check: Check) -> None:
    for code in ("abbreviation-undefined", "glossary-unused"):
        issues = check(
            {
                ALPHA: [
                    (
                        "    sources: [src-two]\ngaps",
                        f"    sources: [src-two]\n    accepted:\n      - code: {code}\n"
                        "        reason: The text quotes a name.\ngaps",
                    )
                ]
            }
        )
        assert [(i.code, i.path) for i in issues] == [
            ("invalid-value", "priorities[0].accepted[0].code")
        ], code


def test_an_undefined_abbreviation_fails_strict(minimal: Path) -> None:
    apply_edits(minimal, {ALPHA: [("    title: Food", "    title: Food for SMEs")]})
    assert run("validate", "--strategy", str(minimal)).exit_code == 0
    result = run("validate", "--strict", "--strategy", str(minimal))
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"{minimal}/regions/alpha.yaml:12:12: error: priorities[0].title: 'SME' is an "
        "abbreviation the glossary does not explain: add it to 'glossary' in "
        f"{minimal}/strategy.yaml with what it stands for (used only here) "
        "[abbreviation-undefined]"
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("SMEs and SME's", ["SME", "SME"]),
        ("R&D&I, R&D-intensive, R & D", ["R&D&I", "R&D"]),
        ("EU-BSR, non-EU", ["EU", "BSR", "EU"]),
        ("RCO87, RIS3, NUTS 2, NUTS2", ["RCO", "RIS", "NUTS", "NUTS"]),
        ("PL84, EU27, CO2, S3, B2B, H2020, 5G", []),
        ("II, III, IV, XIV, XXXIX, CIV, MIX, IVX", ["CIV", "MIX", "IVX"]),
        ("GoSmartBSR, MSc, PhD, iOS, ABCx, _EU", []),
        ("ŁÓDŹ ÖKO ΕΕ", ["ŁÓDŹ", "ÖKO", "ΕΕ"]),
        ("`EU` ``EU`` ```\nEU\n``` [x](https://x.org/EU) http://EU.org [@eu-1] <https://EU>", []),
        ("[EU](x) EU's EU’s (EU) **EU**", ["EU"] * 5),
        ("`unclosed EU", []),
    ],
)
def test_what_is_an_abbreviation(text: str, found: list[str]) -> None:
    assert abbreviations(text) == found


def test_an_abbreviation_written_with_digits_is_quoted_as_written(check: Check) -> None:
    edits = {ALPHA: [("    title: Food", "    title: Food (RCO87, RCO01)")]}
    (issue,) = check(edits)
    assert issue.message == (
        "'RCO87' holds the abbreviation 'RCO', which the glossary does not explain: add it to "
        "'glossary' in strategy/strategy.yaml with what it stands for (used here first, and in "
        "1 more place)"
    )
    glossary = appended("glossary:\n  - {term: RCO87, meaning: Interreg output indicator 87}\n")
    assert check({**edits, **glossary}) == []


SVG_PIECES = [
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1">',
    b"</svg>",
    b'<?xml version="1.0" encoding="bogus"?>',
    b"<!DOCTYPE svg>",
    b"&x;",
    b"<style>",
    b"url(",
    b'width="1e999"',
    b"\xff\xfe",
    b"\x00",
    b"<",
]


@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(st.sampled_from(SVG_PIECES), max_size=12).map(b"".join),
        st.binary(max_size=200).map(lambda b: tiny_png(3, 2)[: len(b)] + b),
    )
)
def test_any_bytes_are_an_image_or_a_reason(data: bytes) -> None:
    try:
        found = image_format(data)
    except NotAnImage as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert found in (ImageFormat.PNG, ImageFormat.SVG)


def test_a_logo_name_too_long_for_the_system_is_a_located_error(check: Check) -> None:
    issues = check(logo("x" * 300 + ".png"))
    assert [(i.code, i.path) for i in issues] == [("logo-missing", LOGO_AT[2])]
    assert issues[0].message.endswith(": File name too long")
