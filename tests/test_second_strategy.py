"""A strategy of another macro-region (tests/fixtures/danube: three Danube regions, the EUSDR's
priority areas), built end to end: nothing of the default strategy's wording (the Baltic Sea
Region, GoSmart, TIBS, the EUSBSR) appears in any output, and its own words do."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from s3gen.cli import cli
from tests.conftest import copy_fixture, report_pdf

DEFAULT_WORDING = ("Baltic", "GoSmart", "TIBS", "EUSBSR", "BSR")


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every output of the strategy, by what it is: the commands' texts, the page, the PDF's
    text, each open-data file."""
    work = tmp_path_factory.mktemp("danube")
    strategy = copy_fixture("danube", work)
    s = ["--strategy", str(strategy)]
    found = {
        "validate": _run("validate", *s),
        "analyse": _run("analyse", *s),
        "schema": _run("schema", *s),
    }
    _run("pdf", *s, "--out", str(work / "pdf"), "--html-out", str(work / "html"))
    found["html"] = (work / "html" / "index.html").read_text(encoding="utf-8")
    pdf = report_pdf(work / "pdf")
    found["pdf"] = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    _run("export", *s, "--out", str(work / "data"))
    for path in sorted((work / "data").iterdir()):
        found[f"export/{path.name}"] = path.read_text(encoding="utf-8")
    for path in sorted((strategy / "schema").iterdir()):
        found[f"schema/{path.name}"] = path.read_text(encoding="utf-8")
    changed = work / "changed"
    shutil.copytree(strategy, changed)
    region = changed / "regions" / "wien.yaml"
    region.write_text(
        region.read_text(encoding="utf-8").replace("budget_eur: 90000", "budget_eur: 95000"),
        encoding="utf-8",
    )
    found["diff"] = _run("diff", f"{strategy}/", f"{changed}/", "--format", "markdown")
    return found


def test_every_output_is_made(outputs: dict[str, str]) -> None:
    assert "No issues in 5 files." in outputs["validate"]
    assert "Trans-S3 analysis" in outputs["analyse"]
    assert "95000" in outputs["diff"] or "95,000" in outputs["diff"]
    assert {"export/strategy.json", "export/policy_areas.csv", "export/regions.csv"} <= set(outputs)
    assert outputs["pdf"].count("\f") >= 10  # pages


@pytest.mark.parametrize("word", DEFAULT_WORDING)
def test_no_output_holds_the_default_strategys_wording(outputs: dict[str, str], word: str) -> None:
    holding = [name for name, text in outputs.items() if word.lower() in text.lower()]
    assert holding == [], f"{word!r} in {holding}"


def test_the_outputs_hold_its_own_words(outputs: dict[str, str]) -> None:
    html, pdf = outputs["html"], " ".join(outputs["pdf"].split())
    for text in (html, pdf):
        assert "EUSDR priority areas:" in text
        assert "Region catching up" in text and "Region ahead" in text
        assert "Matching partners" in text  # the brokerage section's title
        assert "Test project of the fixture" in text
        assert "Austria" in text and "Hungary" in text and "Slovenia" in text  # not "AT"
    assert "TEST EDITION, NOT A STRATEGY OF ANY REGION" in pdf.upper()
    assert "pa8" in outputs["export/policy_areas.csv"]
    assert "pa1a" not in outputs["schema/strategy.schema.json"]  # only its own three areas
    assert '"pa7"' in outputs["schema/strategy.schema.json"]
