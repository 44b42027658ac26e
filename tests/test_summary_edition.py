"""The summary edition: the executive summary on its own, as a PDF beside the report's and a
page beside the report's page; its links go to the report, its sources are those it cites."""

from __future__ import annotations

import re
from pathlib import Path

import page
import pypdf

from tests.conftest import build_pdf, copy_fixture


def _summary(default_pdf: Path) -> Path:
    return default_pdf.with_name(f"{default_pdf.stem}-summary.pdf")


def test_the_summary_edition_is_a_short_pdf_ua_1_document(default_pdf: Path) -> None:
    summary = _summary(default_pdf)
    reader = pypdf.PdfReader(summary)
    assert 1 <= len(reader.pages) <= 3
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Executive summary" in text and "partner regions" in text
    report = page.validate_pdf(str(summary), profile=page.ValidationProfile.PDF_UA_1)
    assert report.rules.total > 100
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []


def test_the_summary_page_links_into_the_report_and_lists_what_it_cites(
    default_pdf: Path,
) -> None:
    html = (default_pdf.parent.parent / "html" / "summary.html").read_text(encoding="utf-8")
    assert '<ul class="key-figures">' in html
    ids = set(re.findall(r' id="([^"]+)"', html))
    for href in re.findall(r'href="([^"]+)"', html):
        if href.startswith("#"):
            assert href[1:] in ids, href
        else:
            assert href.startswith(("index.html", "http")), href
    cited = set(re.findall(r'class="cite" href="#(source-[^"]+)"', html))
    listed = set(re.findall(r'<li id="(source-[^"]+)"', html))
    assert cited == listed and cited


def test_an_unchanged_summary_is_not_laid_out_again(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    first = build_pdf(strategy, tmp_path / "out")
    assert "The summary edition" in first.output and "is written" in first.output
    summary = next((tmp_path / "out" / "pdf").glob("*-summary.pdf"))
    before = (summary.stat().st_ino, summary.stat().st_mtime_ns)
    second = build_pdf(strategy, tmp_path / "out")
    assert "is up to date, left as it was" in second.output
    assert (summary.stat().st_ino, summary.stat().st_mtime_ns) == before
