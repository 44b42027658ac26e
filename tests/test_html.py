"""The HTML report: complete, linked, safe, valid, accessible and reproducible."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from s3gen.cli import cli
from tests.conftest import DEFAULT_STRATEGY, FIXTURES, TEMPLATES, copy_fixture
from tests.html_checks import Page, axe_violations, layout_overflow, require, vnu_errors

GOLDEN = FIXTURES / "minimal" / "report.html"


def build(strategy: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(
        cli, ["html", "--strategy", str(strategy), "--out", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return (out / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def default_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("html")
    build(DEFAULT_STRATEGY, out)
    return out / "index.html"


def test_golden_html_of_the_minimal_fixture(tmp_path: Path) -> None:
    # The fixture is copied out of git so that no commit id enters the page. To regenerate after
    # an intended change: S3GEN_REGENERATE=1 pytest tests/test_html.py, then review the diff.
    html = build(copy_fixture("minimal", tmp_path), tmp_path / "out")
    if os.environ.get("S3GEN_REGENERATE"):
        GOLDEN.write_text(html, encoding="utf-8")
    assert html == GOLDEN.read_text(encoding="utf-8")


def test_every_chapter_and_item_has_its_anchor(default_page: Path) -> None:
    ids = Page(default_page.read_text(encoding="utf-8")).ids()
    assert len(ids) == len(set(ids)), "duplicate ids"
    for chapter in (
        "imprint",
        "summary",
        "introduction",
        "methodology",
        "areas",
        "joint-actions",
        "gap-coverage",
        "peer-learning",
        "monitoring-framework",
        "regions",
        "mentor-matches",
        "directory",
        "indicators",
        "sources",
        "back-cover",
        "figure-matrix",
        "table-areas",
    ):
        assert chapter in ids
    for anchor in (
        "region-podlaskie",
        "region-louna-eesti",
        "area-bioeconomy",
        "gap-vidzeme-national-s3-only",
        "action-tibs-transnational-brokerage",
        "practice-vidzeme-tibs-broker-service",
        "partner-vidzeme-planning-region",
        "source-eis-2023",
        "peer-podlaskie-learns-tibs-brokerage",
    ):
        assert anchor in ids


def test_internal_links_resolve_and_nothing_is_fetched(default_page: Path) -> None:
    page = Page(default_page.read_text(encoding="utf-8"))
    ids = set(page.ids())
    hrefs = page.hrefs()
    internal = [h for h in hrefs if h.startswith("#")]
    assert internal and all(h[1:] in ids for h in internal), [
        h for h in internal if h[1:] not in ids
    ]
    assert all(
        h.startswith(("#", "https://", "http://", "mailto:", "data/", "regions/")) for h in hrefs
    )
    # The open data and the regions' factsheet pages, written beside the page.
    local = [h for h in hrefs if h.startswith(("data/", "regions/"))]
    assert any(h.startswith("regions/") for h in local)
    assert local and all((default_page.parent / h).is_file() for h in local)
    for tag, attrs in page.tags:
        # No image, script or frame to load; a logo is an image embedded as a data: address.
        if "src" in attrs:
            assert tag == "img", (tag, attrs)
            assert re.match(r"data:image/(png|svg\+xml);base64,", str(attrs["src"])), attrs
        assert not (tag == "link" and attrs.get("rel") == "stylesheet"), "CSS must be inline"


def test_proposals_and_unconfirmed_facts_are_labelled(default_page: Path) -> None:
    html = default_page.read_text(encoding="utf-8")
    badge = '<span class="badge badge-proposal">Proposal</span>'
    # Every action of Podlaskie is a proposal: its list says so once, instead of a badge each.
    podlaskie = html.split('id="region-podlaskie"', 1)[1].split('<section class="region"', 1)[0]
    actions = podlaskie.split("<h4>Actions</h4>", 1)[1].split("<h4>", 1)[0]
    assert '<p class="legend">Every action of this region is an illustrative proposal.</p>' in (
        actions
    )
    assert badge not in actions
    # Table 2 mixes documented and proposed actions: each proposed row carries the badge.
    joint = html.split('id="table-joint"', 1)[1].split("</table>", 1)[0]
    rows = joint.split("<tr>")[2:]
    proposed = [r for r in rows if badge in r]
    assert proposed and len(proposed) < len(rows)
    assert 'href="#action-tibs-transnational-brokerage"' not in "".join(proposed)
    tibs = html.split('id="action-tibs-transnational-brokerage"', 1)[1][:400]
    assert "badge-proposal" not in tibs  # a documented action
    rise = html.split('id="partner-rise"', 1)[1][:300]
    assert "badge-unconfirmed" in rise


def test_cover_says_what_this_edition_is(default_page: Path) -> None:
    # The cover must not present a compilation as the project's own Trans-S3 document, and an
    # editor reads as a name and a role, not as a name glued to a sentence.
    cover = default_page.read_text(encoding="utf-8").split('<header class="cover"', 1)[1]
    cover = cover.split("</header>", 1)[0]
    assert "compiled from public sources" in cover.lower()
    assert "Interreg Baltic Sea Region · GoSmart BSR and GoSmart&amp;Excel BSR<" not in cover
    assert "<dd>s3gen editorial team, compilation from public sources</dd>" in cover


def test_every_source_citation_links_to_the_bibliography(default_page: Path) -> None:
    html = default_page.read_text(encoding="utf-8")
    assert "[@" not in html  # every Markdown citation was turned into a link
    cites = re.findall(r'<a class="cite" href="#(source-[a-z0-9-]+)"', html)
    assert len(cites) > 100
    ids = set(Page(html).ids())
    assert set(cites) <= ids


def test_bsr_names_come_through_intact(default_page: Path) -> None:
    html = default_page.read_text(encoding="utf-8")
    for text in (
        "Lõuna-Eesti",
        "Gävleborg",
        "Białystok",
        "Sostinės regionas",
        "Cēsis",
        "Støvring",
        "Starka företag",  # the representatives' names are no longer published
    ):
        assert text in html


def test_hostile_input_is_printed_inert(tmp_path: Path) -> None:
    html = build(copy_fixture("hostile", tmp_path), tmp_path / "out")
    page = Page(html)
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "iframe", "img", "object", "embed"}, tags
    assert sum(1 for t, _ in page.tags if t == "style") == 1  # ours only
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction"):
                assert not re.match(r"\s*(javascript|vbscript|data):", value, re.I), (tag, value)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not run
    assert '<a href="https://example.org/ok">ok</a>' in html  # safe links still work
    assert '<a href="mailto:a@example.org">mail</a>' in html


def test_content_security_policy_forbids_scripts(default_page: Path) -> None:
    html = default_page.read_text(encoding="utf-8")
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert csp is not None
    assert "default-src 'none'" in csp.group(1)
    assert "script-src" not in csp.group(1)  # falls back to default-src 'none'


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    first = build(strategy, tmp_path / "a")
    second = build(strategy, tmp_path / "b")
    assert first == second


def test_commit_is_shown_when_built_inside_git(tmp_path: Path) -> None:
    """The test makes its own repository: whether the checkout it runs in is one must not
    matter (a tarball has no .git)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    strategy = copy_fixture("minimal", repo)
    git = require("git")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "strategy"]):
        subprocess.run([git, "-C", str(repo), *args], check=True, capture_output=True)
    head = subprocess.run(
        [git, "-C", str(repo), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
    ).stdout.strip()
    html = build(strategy, tmp_path / "in-git")
    assert f"from the strategy files of commit <code>{head[:12]}</code>" in html
    outside = build(copy_fixture("minimal", tmp_path / "plain"), tmp_path / "outside")
    assert "from the strategy files of commit" not in outside


def test_a_broken_template_override_names_template_and_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    strategy = copy_fixture("minimal", tmp_path)
    build(strategy, out)
    before = (out / "index.html").read_bytes()
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "_action.html").write_text("<div>\n{{ a.no_such_field }}\n</div>\n")
    result = CliRunner().invoke(
        cli, ["html", "--strategy", str(strategy), "--out", str(out), "--templates", str(overrides)]
    )
    assert result.exit_code == 1
    assert "_action.html line 2" in result.output
    assert "no_such_field" in result.output
    assert (out / "index.html").read_bytes() == before  # the previous page is intact


def test_a_template_override_replaces_the_built_in_one(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "_action.html").write_text('<p class="mine">{{ a.title }}</p>\n')
    html = build(copy_fixture("minimal", tmp_path), tmp_path / "out", "--templates", str(overrides))
    assert '<p class="mine">Vouchers</p>' in html


def test_an_override_added_or_edited_between_builds_of_one_process_is_used(
    tmp_path: Path,
) -> None:
    """Templates are compiled once per process (`html._environment`); `s3gen serve` builds
    again after edits, so an override added beside the defaults, or edited, counts at once."""
    strategy = copy_fixture("minimal", tmp_path)
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    args = ("--templates", str(overrides))
    assert 'class="mine"' not in build(strategy, tmp_path / "out", *args)
    action = overrides / "_action.html"
    action.write_text('<p class="mine">{{ a.title }}</p>\n')
    assert '<p class="mine">Vouchers</p>' in build(strategy, tmp_path / "out", *args)
    action.write_text('<p class="edited">{{ a.title }}</p>\n')
    os.utime(action, ns=(1, 1))  # a time of its own, whatever the clock's resolution
    assert '<p class="edited">Vouchers</p>' in build(strategy, tmp_path / "out", *args)
    action.unlink()
    assert 'class="edited"' not in build(strategy, tmp_path / "out", *args)


def test_nu_html_checker_reports_no_error(default_page: Path) -> None:
    assert vnu_errors(default_page) == []


def test_axe_reports_no_violation(default_page: Path) -> None:
    assert axe_violations(default_page) == []


@pytest.mark.parametrize("name", ["summary.html", "regions/vidzeme.html"])
def test_the_summary_page_and_a_factsheet_page_pass_the_same_checks(
    default_page: Path, name: str
) -> None:
    """The pages beside the report (the longest factsheet): Nu, axe, and no sideways scroll."""
    page = default_page.parent / name
    assert vnu_errors(page) == []
    assert axe_violations(page) == []
    for width, found in layout_overflow(page, 1280, 390).items():
        assert found["page_width"] <= found["viewport"], width
        assert found["tables"] == [], width


def test_tables_fit_or_scroll_in_their_own_box(default_page: Path, tmp_path: Path) -> None:
    """At 1280 and 390 px the page never scrolls sideways: a table wider than the text scrolls
    inside its own box."""
    for width, found in layout_overflow(default_page, 1280, 390).items():
        assert found["page_width"] <= found["viewport"], width
        assert found["tables"] == [], width
        assert found["captions"] == [], width
    # The check sees a table that does not fit: the same page with boxes that do not scroll
    # and a table too wide for them.
    css = (TEMPLATES / "static" / "report.css").read_text(encoding="utf-8")
    overrides = tmp_path / "overrides"
    (overrides / "static").mkdir(parents=True)
    (overrides / "static" / "report.css").write_text(
        css + "\n@media screen { .table-wrap { overflow: visible !important; } }\n"
        "table { min-width: 1500px; }\ncaption { max-width: none !important; }\n",
        encoding="utf-8",
    )
    build(DEFAULT_STRATEGY, tmp_path / "out", "--templates", str(overrides))
    broken = layout_overflow(tmp_path / "out" / "index.html", 1280)["1280"]
    assert broken["page_width"] > broken["viewport"] and broken["tables"]
    assert broken["captions"]


def test_a_strategy_of_its_own_gets_no_words_of_the_default_one(tmp_path: Path) -> None:
    """The cover line, the brokerage section and the rest come from the strategy's data: the
    minimal strategy's page names no programme, project or brokerage system of the default."""
    html = build(copy_fixture("minimal", tmp_path), tmp_path / "out")
    found = re.findall(r"Baltic|GoSmart|TIBS|EUSBSR|Interreg", html, re.I)
    assert found == []
    assert '<p class="eyebrow">' not in html  # no cover line in its data: none printed
    default = (DEFAULT_STRATEGY / "strategy.yaml").read_text(encoding="utf-8")
    assert "cover_line:" in default and "brokerage:" in default  # the default's, as data
