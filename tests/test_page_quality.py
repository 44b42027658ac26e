"""The page-break check (tests/page_quality.py): each rule broken on purpose in a small PDF that
WeasyPrint makes from HTML written here, a clean PDF with none broken, and the default PDF.

The small PDFs are set in a shipped font only, through s3gen's own font configuration that
hides the machine's fonts, and their boxes have fixed heights: where the pages break does not
depend on the machine.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():
    # As in s3gen.report.pdf: WeasyPrint warns on import when the machine has no fonts, and
    # the machine's fonts are never used here (ShippedFonts).
    warnings.simplefilter("ignore", UserWarning)
    import weasyprint

from s3gen.report.pdf import ShippedFonts
from tests.conftest import TEMPLATES
from tests.page_quality import check_pages, page_break_problems, page_fills

FONT = TEMPLATES / "static" / "fonts" / "NotoSans-Regular.ttf"
# A small page of 120 x 160 mm: a body of 128 mm between margins of 16 mm, a little more than
# the 9 % (14.4 mm) the check leaves out for the running head and the footer.
STYLE = f"""
@font-face {{ font-family: "Test Sans"; src: url("{FONT.as_uri()}"); }}
@page {{
  size: 120mm 160mm; margin: 16mm 12mm;
  @top-center {{ content: "Running head"; font-family: "Test Sans"; font-size: 8pt; }}
  @bottom-center {{ content: "Page " counter(page); font-family: "Test Sans"; font-size: 8pt; }}
}}
html {{ font-family: "Test Sans"; font-size: 9pt; line-height: 5mm; }}
body {{ margin: 0; }}
h1, h2 {{ font-size: 11pt; line-height: 6mm; margin: 0 0 2mm; }}
p {{ margin: 0 0 2mm; }}
section {{ break-before: page; }}
table {{ border-collapse: collapse; }}
caption {{ text-align: left; line-height: 5mm; }}
tr {{ height: 8mm; break-inside: avoid; }}
th, td {{ padding: 0 2mm; text-align: left; }}
.block {{ break-inside: avoid; }}
"""
RULE = "a table split across pages keeps at least 3 rows on each page"


class _Complaints(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def pdf_of(folder: Path, body: str, name: str = "test.pdf") -> Path:
    """A tagged PDF (PDF/UA-1) of ``body``; WeasyPrint must not complain about it."""
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>Page breaks</title>'
        f"<style>{STYLE}</style></head><body>{body}</body></html>"
    )
    handler = _Complaints()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        path = folder / name
        weasyprint.HTML(string=html).write_pdf(
            path, pdf_variant="pdf/ua-1", font_config=ShippedFonts()
        )
    finally:
        logger.removeHandler(handler)
    assert handler.messages == []
    return path


def lines(count: int, word: str = "text") -> str:
    """A paragraph of ``count`` lines (5 mm each)."""
    return "<p>" + "<br>".join(f"Line {i + 1} of {word}." for i in range(count)) + "</p>"


def table(rows: int, caption: str | None = None, last: str | None = None) -> str:
    """A table of four columns with a header row and ``rows`` rows (8 mm each), the last one
    ``last`` if given (a totals row, say)."""
    said = f"<caption>{caption}</caption>" if caption else ""
    head = "<thead><tr><th>Region</th><th>Country</th><th>Areas</th><th>Share</th></tr></thead>"
    body = [
        f"<tr><td>Region {i}</td><td>C{i}</td><td>{i}</td><td>{i}%</td></tr>"
        for i in range(1, rows + 1)
    ]
    if last:
        body[-1] = f"<tr><td>{last}</td><td></td><td>{rows}</td><td>100%</td></tr>"
    return f"<table>{said}{head}<tbody>{''.join(body)}</tbody></table>"


def test_a_clean_pdf_has_no_problem(tmp_path: Path) -> None:
    """Headings followed by their text, a long table split with many rows on each page."""
    body = (
        "<h1>A report</h1>"
        + lines(8)
        + "<h2>The regions</h2>"
        + lines(3)
        + table(40, "Table 1. Regions by priority area", last="Total")
        + "<h2>What follows</h2>"
        + lines(6)
    )
    pdf = pdf_of(tmp_path, body)
    quality = check_pages(pdf)
    assert len(quality.fills) == 4
    assert quality.problems == []


def test_more_than_two_nearly_empty_pages_between_the_covers(tmp_path: Path) -> None:
    full = lines(22)
    body = (
        lines(2, "the cover")  # the first page may be nearly empty
        + f"<section>{full}</section>"
        + "".join(f"<section>{lines(2, 'an ending')}</section>" for _ in range(3))
        + f"<section>{full}</section>"
        + f"<section>{lines(1, 'the back cover')}</section>"  # and so may the last
    )
    pdf = pdf_of(tmp_path, body)
    quality = check_pages(pdf)
    fills = quality.fills
    assert len(fills) == 7
    # Two lines of 5 mm of a body of 131.2 mm (the page less 9 % at the top and the bottom).
    assert fills[2:5] == pytest.approx([10 / 131.2] * 3, abs=0.02)
    said = "3 pages between the covers are under a quarter full (pages 3, 4, 5) and at most 2 "
    said += "may be, for chapter or annex endings"
    assert quality.problems == [
        f"page {n}: only {fills[n - 1]:.0%} full; {said}" for n in (3, 4, 5)
    ]


def test_two_nearly_empty_pages_are_allowed(tmp_path: Path) -> None:
    body = (
        lines(22)
        + "".join(f"<section>{lines(2, 'an ending')}</section>" for _ in range(2))
        + f"<section>{lines(22)}</section>"
    )
    pdf = pdf_of(tmp_path, body)
    assert len(page_fills(pdf)) == 4
    assert page_break_problems(pdf) == []


def test_fill_is_the_span_of_the_words(tmp_path: Path) -> None:
    """A line at the top and one at the foot of the body make a full page; a drawing without
    a word counts as empty (as the issue defines fill, by the words)."""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="80mm" height="64mm" role="img">'
        '<title>A chart</title><rect width="80mm" height="64mm" fill="#1f3864"/></svg>'
    )
    spread = '<section><p>top</p><div style="height: 115mm"></div><p>foot</p></section>'
    pdf = pdf_of(tmp_path, lines(22) + spread + f"<section>{svg}</section>")
    fills = page_fills(pdf)
    assert len(fills) == 3
    assert fills[1] > 0.85
    assert fills[2] == 0.0


def test_a_table_leaving_its_last_row_alone_on_the_next_page(tmp_path: Path) -> None:
    body = table(15, "Table 1. Regions by priority area", last="Total")
    pdf = pdf_of(tmp_path, body)
    assert page_break_problems(pdf) == [
        "page 2: only 1 row of the table 'Table 1. Regions by priority area' (its last row); "
        + RULE
    ]


def test_a_table_starting_with_two_rows_at_the_foot_of_a_page(tmp_path: Path) -> None:
    """A table without a caption is named by its first header cells."""
    body = f'<div style="height: 100mm">{lines(18)}</div>' + table(10)  # 28 mm left
    pdf = pdf_of(tmp_path, body)
    assert page_break_problems(pdf) == [
        "page 1: only 2 rows of the table with the columns 'Region', 'Country', 'Areas', … "
        "(its first 2 rows); " + RULE
    ]


def test_a_short_table_on_one_page_is_fine(tmp_path: Path) -> None:
    body = lines(3) + table(1, "Table 1. One row") + lines(3) + table(2, "Table 2. Two rows")
    assert page_break_problems(pdf_of(tmp_path, body)) == []


def test_a_heading_last_on_a_page(tmp_path: Path) -> None:
    """The heading fits at the foot of the page, the block it introduces does not."""
    body = (
        lines(16)
        + '<h2 style="break-after: auto">Results</h2>'
        + f'<div class="block">{lines(10)}</div>'
    )
    pdf = pdf_of(tmp_path, body)
    assert page_break_problems(pdf) == [
        "page 1: the heading 'Results' (H2) is the last thing on the page; a heading stands on "
        "the page of the text it introduces"
    ]


def test_a_heading_last_on_the_last_page_is_no_problem(tmp_path: Path) -> None:
    pdf = pdf_of(tmp_path, lines(16) + "<h2>An afterword to come</h2>")
    assert page_break_problems(pdf) == []
