"""Each region's factsheet: at most two pages in the shipped fonts, PDF/UA-1, with its own
HTML page linked from the report; laid out again only when what it prints changed."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import page
import pypdf
import pytest
from click.testing import CliRunner

from s3gen.build import BuildProblem, BuildResult
from s3gen.cli import cli
from tests.conftest import DEFAULT_STRATEGY, copy_fixture, git, pdf_build


def _factsheets(strategy: Path, out: Path, *extra: str) -> str:
    result = CliRunner().invoke(
        cli,
        [
            "factsheets",
            "--strategy",
            str(strategy),
            "--out",
            str(out / "pdf"),
            "--html-out",
            str(out / "html"),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def default_factsheets(default_pdf: Path) -> Path:
    """The output folder of the default strategy's shared build (`s3gen pdf`, as `make pdf`
    runs it), which holds the factsheets: pdf/factsheets/ and html/regions/."""
    return default_pdf.parent.parent


def _regions() -> list[str]:
    return sorted(p.stem for p in (DEFAULT_STRATEGY / "regions").glob("*.yaml"))


def test_every_region_has_a_factsheet_of_at_most_two_pages(default_factsheets: Path) -> None:
    pdfs = sorted((default_factsheets / "pdf" / "factsheets").glob("*.pdf"))
    assert [p.stem for p in pdfs] == _regions()
    for pdf in pdfs:
        reader = pypdf.PdfReader(pdf)
        assert 1 <= len(reader.pages) <= 2, (pdf.name, len(reader.pages))
        fonts = subprocess.run(
            ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        names = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
        assert names <= {"Report-Sans", "Report-Sans-Bold", "Report-Sans-Italic"}, names


def test_a_factsheet_is_pdf_ua_1_compliant(default_factsheets: Path) -> None:
    pdf = default_factsheets / "pdf" / "factsheets" / "vidzeme.pdf"  # the longest
    report = page.validate_pdf(str(pdf), profile=page.ValidationProfile.PDF_UA_1)
    assert report.rules.total > 100
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []


def test_a_factsheet_prints_the_regions_part_and_what_it_rests_on(
    default_factsheets: Path,
) -> None:
    html = (default_factsheets / "html" / "regions" / "podlaskie.html").read_text("utf-8")
    text = re.sub(r"<[^>]+>", " ", html)
    text = " ".join(text.split())
    for heading in (
        "Key figures",
        "Priorities",
        "Gaps in the SME support system",
        "Actions",
        "Peer learning",
        "Partners and brokerage contacts",
        "Sources",
    ):
        assert f">{heading}</h2>" in html, heading
    assert "2 of 2 gaps addressed by an action both gaps are proposals" in text
    assert "Less developed region" in text
    assert "Not printed here: 1 more priority" in text  # five priorities, four printed
    # Vidzeme, the longest, is cut to two items of each list: its own peer learning (as
    # learner) and the other regions' items it mentors in are both counted.
    reader = pypdf.PdfReader(default_factsheets / "pdf" / "factsheets" / "vidzeme.pdf")
    vidzeme = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    vidzeme = vidzeme.replace("peer- learning", "peer-learning")  # broken at its hyphen
    vidzeme = vidzeme.replace("\u2010 ", "")  # a word hyphenated at the end of a line
    assert "3 / 3 peer learning: as learner / as mentor" in vidzeme
    assert "1 more peer-learning item as learner, 1 more peer-learning item as mentor" in vidzeme
    # Every link within the page has its target here; the others go to the report beside it.
    ids = set(re.findall(r' id="([^"]+)"', html))
    for href in re.findall(r'href="([^"]+)"', html):
        if href.startswith("#"):
            assert href[1:] in ids, href
        elif not href.startswith("http"):
            assert href.startswith("../index.html#"), href
    # Sources are numbered as in the report, and only those cited are listed.
    cited = set(re.findall(r'class="cite" href="#(source-[^"]+)"', html))
    listed = set(re.findall(r'<li id="(source-[^"]+)"', html))
    assert cited == listed and cited


def test_the_report_links_each_factsheet(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["html", "--strategy", str(DEFAULT_STRATEGY), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    report = (tmp_path / "index.html").read_text(encoding="utf-8")
    for region in _regions():
        assert f'href="regions/{region}.html"' in report
        assert (tmp_path / "regions" / f"{region}.html").is_file()


def _state(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_only_the_factsheets_that_print_an_edit_are_laid_out_again(tmp_path: Path) -> None:
    strategy = copy_fixture("danube", tmp_path)
    out = tmp_path / "out"
    first = _factsheets(strategy, out)
    assert "Wrote 3 factsheets" in first
    pdfs = out / "pdf" / "factsheets"
    pages = out / "html" / "regions"
    before, pages_before = _state(pdfs), _state(pages)
    wien = strategy / "regions" / "wien.yaml"
    wien.write_text(
        wien.read_text("utf-8").replace("budget_eur: 90000", "budget_eur: 95000"), "utf-8"
    )
    second = _factsheets(strategy, out)
    assert "Wrote 1 factsheet into" in second and "2 up to date" in second, second
    after = _state(pdfs)
    assert after["wien.pdf"] != before["wien.pdf"]
    for name in ("kozep-dunantul.pdf", "vzhodna-slovenija.pdf"):
        assert after[name] == before[name], name  # same inode and time: not rewritten
    assert _state(pages)["kozep-dunantul.html"] == pages_before["kozep-dunantul.html"]
    # Wien's name is printed in the others' peer learning: all three are laid out again.
    wien.write_text(wien.read_text("utf-8").replace("name: Wien", "name: Wien (Vienna)"), "utf-8")
    assert "Wrote 3 factsheets" in _factsheets(strategy, out)
    # Nothing changed: nothing is laid out.
    assert "Wrote 0 factsheets" in _factsheets(strategy, out)


def _laid_out(result: BuildResult) -> set[str]:
    """The names of the PDFs a build laid out."""
    done = {result.pdf.name} if result.laid_out and result.pdf else set()
    done |= {result.summary.name} if result.summary_laid_out and result.summary else set()
    return done | {o.document.target.name for o in result.factsheets if o.laid_out}


def test_after_one_region_is_edited_exactly_the_documents_that_print_it_are_laid_out(
    tmp_path: Path,
) -> None:
    strategy = copy_fixture("danube", tmp_path)
    out = tmp_path / "out"
    first = pdf_build(strategy, out, factsheets=True)
    assert _laid_out(first) == {
        "danube-test-0.1.pdf",
        "danube-test-0.1-summary.pdf",
        "wien.pdf",
        "kozep-dunantul.pdf",
        "vzhodna-slovenija.pdf",
    }
    every = [*(out / "pdf").glob("*.pdf"), *(out / "pdf" / "factsheets").iterdir()]
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in every}
    # A budget of Wien's: its factsheet, the report and the summary (whose total it is in)
    # print it; the two other factsheets do not.
    wien = strategy / "regions" / "wien.yaml"
    wien.write_text(
        wien.read_text("utf-8").replace("budget_eur: 90000", "budget_eur: 95000"), "utf-8"
    )
    second = pdf_build(strategy, out, factsheets=True)
    assert _laid_out(second) == {
        "danube-test-0.1.pdf",
        "danube-test-0.1-summary.pdf",
        "wien.pdf",
    }
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in every}
    changed = {name for name in before if after[name] != before[name]}
    assert changed == _laid_out(second)  # the others were not even rewritten
    # A wording only the region's own pages print: its factsheet and the report.
    wien.write_text(
        wien.read_text("utf-8").replace(
            "title: Digital services", "title: Digital services for firms"
        ),
        "utf-8",
    )
    third = pdf_build(strategy, out, factsheets=True)
    assert _laid_out(third) == {"danube-test-0.1.pdf", "wien.pdf"}
    assert _laid_out(pdf_build(strategy, out, factsheets=True)) == set()


def test_a_document_that_fails_fails_the_build_with_its_own_error_and_keeps_every_output(
    tmp_path: Path,
) -> None:
    strategy = copy_fixture("danube", tmp_path)
    out = tmp_path / "out"
    pdf_build(strategy, out, factsheets=True)
    every = [p for p in out.rglob("*") if p.is_file()]
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in every}
    # A character the shipped fonts cannot draw, in a text only Wien's pages print.
    wien = strategy / "regions" / "wien.yaml"
    wien.write_text(
        wien.read_text("utf-8").replace(
            "title: Digital services", "title: Digital services \u0f00"
        ),
        "utf-8",
    )
    with pytest.raises(BuildProblem) as raised:
        pdf_build(strategy, out, factsheets=True)
    message = str(raised.value)
    assert message.startswith(("the report was not written", "the factsheet of Wien was not"))
    assert "wien.yaml:" in message  # where the character is written
    after = {p: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in every}
    assert after == before
    assert sorted(p for p in out.rglob("*") if p.is_file()) == sorted(every)  # no scraps


def test_a_factsheet_names_the_commit_of_its_own_regions_file(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    strategy = copy_fixture("danube", repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    first = git(repo, "rev-parse", "HEAD").strip()[:12]
    note = strategy / "regions" / "kozep-dunantul.yaml"
    note.write_text(note.read_text("utf-8") + "# a comment\n", "utf-8")
    git(repo, "commit", "-qam", "second")
    out = tmp_path / "out"
    _factsheets(strategy, out)
    wien = (out / "html" / "regions" / "wien.html").read_text("utf-8")
    assert f"<code>{first}</code>" in wien  # another region's commit leaves it as it was
    second = git(repo, "rev-parse", "HEAD").strip()[:12]
    other = (out / "html" / "regions" / "kozep-dunantul.html").read_text("utf-8")
    assert f"<code>{second}</code>" in other
