"""The report as a publication (issue 17): an executive summary built from the data, the main
part and its annexes, the imprint, the glossary, the funder block and the back cover, and page
breaks that leave no scraps, for the default strategy and the fixtures."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from s3gen import model
from s3gen.report.formatting import LICENCES
from s3gen.source.validate import check_strategy
from tests.conftest import (
    DEFAULT_STRATEGY,
    TEMPLATES,
    apply_edits,
    build_pdf,
    copy_fixture,
    report_pdf,
)
from tests.html_checks import Page, require
from tests.issue_cases import TINY_SVG, logo, tiny_png
from tests.page_quality import page_break_problems
from tests.test_html import build
from tests.test_pdf import outline


@pytest.fixture(scope="module")
def default_strategy() -> model.Strategy:
    result = check_strategy(DEFAULT_STRATEGY)
    assert result.strategy is not None
    return result.strategy


@pytest.fixture(scope="module")
def default_html(tmp_path_factory: pytest.TempPathFactory) -> str:
    return build(DEFAULT_STRATEGY, tmp_path_factory.mktemp("publication"))


def section(html: str, ident: str) -> str:
    """The HTML of the element with ``id`` ``ident`` up to the next section of its level."""
    start = html.index(f'id="{ident}"')
    ends = [html.find(mark, start + 1) for mark in ('<section id="', "</main>")]
    return html[start : min(e for e in ends if e > 0)]


def text(html: str) -> str:
    """The words of ``html``: inline elements run into their neighbours, others are apart."""
    inline = re.sub(r"</?(?:a|span|strong|em|code)\b[^>]*>", "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", inline).split())


# --- the executive summary ------------------------------------------------------------------


def test_the_summary_gives_key_figures_that_say_what_they_rest_on(
    default_html: str, default_strategy: model.Strategy
) -> None:
    s = default_strategy
    joint = [a for r in s.regions for a in r.actions if a.scope is model.ActionScope.TRANSNATIONAL]
    proposed = sum(a.illustrative for a in joint)
    gaps = [g for r in s.regions for g in r.gaps]
    countries = {r.country for r in s.regions}
    figures = text(section(default_html, "summary").split("</ul>", 1)[0])
    assert f"{len(s.regions)} partner regions in {len(countries)} countries" in figures
    # Counted here from the strategy, not from the view: the basis of each figure is printed.
    assert f"{len(joint)} joint transnational actions" in figures
    assert f"{proposed} of the {len(joint)} actions are proposals" in figures
    assert f"{len(gaps)} gaps in SME support" in figures
    budget = sum(a.budget_eur or 0 for a in joint)
    assert f"EUR {round(budget / 1e6, 2):g} million budget of the joint actions" in figures
    if all(a.illustrative for a in joint if a.budget_eur):
        assert "all in proposed actions" in figures


def test_the_summary_names_the_widest_shared_areas_gaps_flagships_and_asks(
    default_html: str, default_strategy: model.Strategy
) -> None:
    s = default_strategy
    summary = text(section(default_html, "summary"))
    holders: dict[str, set[str]] = {a.id: set() for a in s.priority_areas}
    for r in s.regions:
        for p in r.priorities:
            for area in p.areas:
                holders[area].add(r.id)
    widest = max(s.priority_areas, key=lambda a: len(holders[a.id]))
    assert f"{widest.name}: {len(holders[widest.id])} of {len(s.regions)} regions" in summary
    assert "Where SME support falls short" in summary
    titles = {a.id: a.title for r in s.regions for a in r.actions}
    assert s.flagship_actions
    for flagship in s.flagship_actions:
        assert titles[flagship] in summary
    assert "Chosen by the editors" in summary
    assert s.chapters.asks and "What this strategy asks of decision makers" in summary


def test_the_summary_fills_at_most_two_pages(default_pdf: Path) -> None:
    pages = {title: page for _, title, page in outline(pypdf.PdfReader(default_pdf))}
    assert pages["2 Introduction and vision"] - pages["1 Executive summary"] <= 2


def test_without_named_flagships_the_summary_shows_the_widest_joint_actions(
    tmp_path: Path,
) -> None:
    html = build(copy_fixture("minimal", tmp_path), tmp_path / "out")
    summary = text(section(html, "summary"))
    assert "The joint actions with the most partner regions" in summary
    assert "What this strategy asks" not in summary  # no asks in the strategy: no heading


# --- main part and annexes --------------------------------------------------------------------


def test_annexes_are_lettered_in_contents_outline_and_running_heads(default_pdf: Path) -> None:
    reader = pypdf.PdfReader(default_pdf)
    chapters = [title for depth, title, _ in outline(reader) if depth == 0]
    annexes = [t for t in chapters if t.startswith("Annex ")]
    assert [t.split()[1] for t in annexes] == list("ABCDEF")[: len(annexes)]
    assert annexes[0] == "Annex A Regional profiles" and annexes[-1].endswith(" Sources")
    pdftotext = require("pdftotext")
    pages = {title: page for _, title, page in outline(reader)}
    page = pages["Annex A Regional profiles"] + 1  # a page inside the annex
    head = subprocess.run(
        [pdftotext, "-f", str(page), "-l", str(page), str(default_pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[0]
    assert head.startswith("Annex A Regional profiles")


def test_every_running_head_names_the_chapter_its_page_is_in(default_pdf: Path) -> None:
    """Chapters follow one another on a page: the head names the chapter the page starts in
    (the one that begins at its top, or else the one that began before), never one that only
    begins lower down."""
    reader = pypdf.PdfReader(default_pdf)
    chapters = [(page, title) for depth, title, page in outline(reader) if depth == 0]
    pdftotext = require("pdftotext")
    layout = subprocess.run(
        [pdftotext, "-layout", str(default_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    checked = 0
    for number in range(chapters[0][0], len(reader.pages)):  # the back cover has no head
        lines = [line.strip() for line in layout[number - 1].splitlines() if line.strip()]
        before = [t for p, t in chapters if p < number]
        here = [t for p, t in chapters if p == number]
        expected = here[0] if here and lines[1].startswith(here[0]) else before[-1]
        assert lines[0].startswith(expected), (number, lines[0], expected)
        checked += 1
    assert checked > 50


def test_figures_and_tables_are_listed_with_links(default_html: str) -> None:
    lists = section(default_html, "lists-title")
    listed = re.findall(r'<a href="#((?:figure|table)-[a-z-]+)" class="fig-num">', lists)
    shown = re.findall(r'<(?:figure|div class="table-wrap") id="([a-z-]+)"', default_html)
    # Figures, then tables, each in the order the document shows them.
    assert listed == sorted(shown, key=lambda x: not x.startswith("figure"))
    assert sum(x.startswith("table") for x in listed) >= 8


# --- front and back matter ------------------------------------------------------------------


def test_the_imprint_says_how_to_cite_the_licence_and_the_disclaimer(
    default_html: str, default_strategy: model.Strategy
) -> None:
    doc = default_strategy.document
    imprint = text(section(default_html, "imprint").split("</section>", 1)[0])
    year = doc.publication_date.year
    cite = f"{doc.editors[0].name} ({year}). {doc.title}. Version {doc.version}"
    assert cite in imprint
    name, url, reuse = LICENCES[doc.licence]
    assert name in imprint and reuse in imprint
    assert f'href="{url}"' in section(default_html, "imprint")
    assert doc.disclaimer
    assert text(doc.disclaimer.split("\n\n")[0])[:80] in imprint
    assert "Built with s3gen" in imprint


def test_the_commit_is_in_the_imprint_not_on_the_contents(tmp_path: Path) -> None:
    from tests.conftest import committed_minimal, git

    strategy = committed_minimal(tmp_path)
    head = git(strategy.parent, "rev-parse", "HEAD").strip()[:12]
    html = build(strategy, tmp_path / "out")
    assert head in section(html, "imprint").split("</section>", 1)[0]
    contents = html[html.index('<nav class="toc"') : html.index("<main")]
    assert head not in contents
    assert html.count(head) == 1


def test_the_glossary_annex_lists_the_terms_in_order(
    default_html: str, default_strategy: model.Strategy
) -> None:
    glossary = section(default_html, "glossary")
    terms = re.findall(r"<dt>(.*?)</dt>", glossary)
    expected = sorted((t.term for t in default_strategy.glossary), key=str.casefold)
    assert [t.replace("&amp;", "&") for t in terms] == expected


def test_a_strategy_without_funding_or_glossary_has_neither(tmp_path: Path) -> None:
    html = build(copy_fixture("minimal", tmp_path), tmp_path / "out")
    assert 'class="funding"' not in html and "<img" not in html
    assert 'id="glossary"' not in html
    assert "Annex E" in html and "Annex F" not in html  # the letters close up


def test_the_funder_block_shows_its_logos_in_the_page_and_the_pdf(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(strategy, logo("logos/programme.png", tiny_png(40, 12), alt="The programme"))
    text_ = (strategy / "strategy.yaml").read_text(encoding="utf-8")
    first = "      alt: The programme\n"
    text_ = text_.replace(
        first, first + "    - file: logos/union.svg\n      alt: The flag of the union\n"
    )
    (strategy / "strategy.yaml").write_text(text_, encoding="utf-8")
    (strategy / "logos" / "union.svg").write_bytes(TINY_SVG)
    build_pdf(strategy, tmp_path / "out")
    page = Page((tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8"))
    images = [attrs for tag, attrs in page.tags if tag == "img"]
    assert [i["alt"] for i in images] == ["The programme", "The flag of the union"]
    assert str(images[0]["src"]).startswith("data:image/png;base64,")
    assert str(images[1]["src"]).startswith("data:image/svg+xml;base64,")
    pdf = report_pdf(tmp_path / "out" / "pdf")
    reader = pypdf.PdfReader(pdf)
    back = reader.pages[-1]
    assert "Funded by the programme." in back.extract_text()
    xobjects = back["/Resources"].get("/XObject") or {}
    assert len(xobjects) >= 2  # the PNG as an image, the SVG as a form


# --- page breaks ------------------------------------------------------------------------------


def test_the_default_pdf_breaks_cleanly(default_pdf: Path) -> None:
    problems = page_break_problems(default_pdf)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("fixture", ["minimal", "analysis"])
def test_the_fixture_pdfs_break_cleanly(fixture: str, tmp_path: Path) -> None:
    build_pdf(copy_fixture(fixture, tmp_path), tmp_path / "out")
    problems = page_break_problems(report_pdf(tmp_path / "out" / "pdf"))
    assert problems == [], "\n".join(problems)


def test_the_check_fails_a_strategy_laid_out_to_break_it(tmp_path: Path) -> None:
    """Every chapter forced onto a page of its own: the minimal strategy becomes a row of
    nearly empty pages, which the check reports."""
    css = (TEMPLATES / "static" / "report.css").read_text(encoding="utf-8")
    overrides = tmp_path / "overrides" / "static"
    overrides.mkdir(parents=True)
    (overrides / "report.css").write_text(
        css + "\nmain > section, main > section#summary { break-before: page !important; }\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build_pdf(copy_fixture("minimal", tmp_path), out, "--templates", str(overrides.parent))
    problems = page_break_problems(report_pdf(out / "pdf"))
    assert problems and all("under a quarter full" in p for p in problems), problems


# --- badges and sources -----------------------------------------------------------------------


def test_a_table_of_proposals_says_so_once(default_html: str) -> None:
    for ident in ("table-gaps", "table-indicators"):
        table = section(default_html, ident).split("</table>", 1)[0]
        caption = table.split("</caption>", 1)[0]
        assert "Every row is an illustrative proposal." in caption, ident
        assert "badge-proposal" not in table.split("</caption>", 1)[1], ident


def test_each_card_has_one_sources_line_at_most(default_html: str) -> None:
    from html.parser import HTMLParser

    class Cards(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.open: list[tuple[str, int]] = []  # (tag, sources lines) of open elements
            self.lines: list[int] = []  # per card: its sources lines

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            classes = (dict(attrs).get("class") or "").split()
            if tag in ("div", "section"):
                self.open.append((tag, 0) if "card" in classes else (tag, -1))
            if "sources-line" in classes:
                for i, (t, n) in enumerate(self.open):
                    if n >= 0:
                        self.open[i] = (t, n + 1)

        def handle_endtag(self, tag: str) -> None:
            if tag in ("div", "section") and self.open:
                _, n = self.open.pop()
                if n >= 0:
                    self.lines.append(n)

    parser = Cards()
    parser.feed(default_html)
    assert len(parser.lines) > 50
    assert max(parser.lines) == 1


def test_table_headers_never_hyphenate_a_word(default_pdf: Path) -> None:
    from tests.page_quality import _Texts, _Tree

    reader = pypdf.PdfReader(default_pdf)
    tree = _Tree(reader)
    texts = _Texts(reader)
    headers = [texts.of(e.marks()) for e in tree.elements if e.tag == "TH"]
    assert len(headers) > 50
    # WeasyPrint breaks a word with U+2010 (hyphen); a soft hyphen may show as U+00AD.
    broken = [h for h in headers if re.search(r"\w[\u2010\u00ad-]\s", h)]
    assert broken == []


# --- typography -------------------------------------------------------------------------------


def test_the_type_scale_holds_in_the_pdf(default_pdf: Path) -> None:
    """Body text of at least 9.5 pt; captions, tables, labels and citation marks at least 7.5 pt,
    measured on the text as drawn (the charts' labels are the next issue's)."""
    from collections import Counter

    from tests.page_quality import text_runs

    runs = [r for r in text_runs(default_pdf) if "Figure" not in r.tags]
    small = sorted({(r.size, r.text.strip()[:30]) for r in runs if r.size < 7.5})
    assert small == []
    paragraphs: Counter[float] = Counter()
    for r in runs:
        if "P" in r.tags and not r.tags & {"TD", "TH", "Caption"}:
            paragraphs[r.size] += len(r.text)
    body, _ = paragraphs.most_common(1)[0]
    assert body >= 9.5
    cells = {r.size for r in runs if r.tags & {"TD", "TH"}}
    assert min(cells) >= 7.5


def test_a_citation_names_whoever_is_known() -> None:
    from s3gen.report.formatting import how_to_cite

    assert how_to_cite(["A. Editor", "B. Editor"], 2026, "Title.", "1.0", "", "Office", "") == (
        "A. Editor; B. Editor (2026). Title. Version 1.0. Office."
    )
    # Without editors the publisher is the author; without either, the title leads.
    assert how_to_cite([], 2026, "Title", "1.0", "draft", "Office", "https://doi.org/10.1/x") == (
        "Office (2026). Title. Version 1.0 (draft). https://doi.org/10.1/x"
    )
    assert how_to_cite([], 2026, "Title", "1.0", "", "", "") == "Title (2026). Version 1.0."


def test_the_citations_of_one_bracket_print_in_bibliography_order_once() -> None:
    from markupsafe import Markup

    from s3gen.report.markdown import MarkdownRenderer

    numbers = {"alpha": 1, "beta": 2, "gamma": 3}
    renderer = MarkdownRenderer(lambda i: Markup(f"[{numbers[i]}]"), numbers.__getitem__)
    assert renderer.block("Text [@gamma; @alpha; @gamma].") == Markup("<p>Text [1][3].</p>")
