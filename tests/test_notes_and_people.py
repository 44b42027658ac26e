"""What is published and what stays with the editors: the editors' working notes are kept in the
data and shown in the preview only; a representative's name is published only where the data
says it may be; the open data can leave every person's name out."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from s3gen import model
from s3gen.build import report_html
from s3gen.cli import cli
from s3gen.model.published import may_name
from s3gen.serve import Preview
from s3gen.source.validate import check_strategy
from tests.conftest import DEFAULT_STRATEGY, apply_edits, copy_fixture
from tests.html_checks import require

EDITOR_NOTE = "Ask the broker again whether this still holds"
REGION_EDITOR_NOTE = "Re-check the scoreboard edition before the final edition"
READER_NOTE = "Shown with the partner for readers"
PERMITTED = "Ada Permitted"
CONSENTED = "Cleo Consented"
PRIVATE = "Bob Private"

PARTNERS = """partners:
  - id: beta-institute
    name: Beta Institute
    representative: Ada Permitted
    representative_published_by: src-two
    note: Shown with the partner for readers
    editor_note: Ask the broker again whether this still holds
    sources: [src-two]
  - id: beta-agency
    name: Beta Agency
    role: associated_organisation
    representative: Bob Private
    sources: [src-two]
  - id: beta-college
    name: Beta College
    representative: Cleo Consented
    representative_consent: 2026-03-01
    sources: [src-two]
editor_notes:
  - Re-check the scoreboard edition before the final edition
"""


@pytest.fixture(scope="module")
def people(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal strategy with one partner whose representative's name its organisation
    publishes, one with recorded consent, one with neither, and editors' notes."""
    strategy = copy_fixture("minimal", tmp_path_factory.mktemp("people"))
    old = "partners:\n  - id: beta-institute\n    name: Beta Institute\n    sources: [src-two]\n"
    apply_edits(strategy, {"regions/beta.yaml": [(old, PARTNERS)]})
    return strategy


def valid(folder: Path) -> model.Strategy:
    result = check_strategy(folder)
    assert result.strategy is not None, [i.message for i in result.issues]
    return result.strategy


def export(folder: Path, out: Path, *extra: str) -> dict[str, str]:
    args = ["export", "--strategy", str(folder), "--out", str(out), *extra]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()}


def test_the_report_names_only_the_permitted_representatives(people: Path) -> None:
    page = report_html(valid(people), people, None)
    assert PERMITTED in page and CONSENTED in page
    assert PRIVATE not in page
    # The organisation stays in the directory, with its role.
    row = re.search(r"<tr id=\"partner-beta-agency\">.*?</tr>", page, re.S)
    assert row is not None and "Beta Agency" in row[0] and "Associated organisation" in row[0]


def test_the_report_shows_reader_notes_and_never_editor_notes(people: Path) -> None:
    page = report_html(valid(people), people, None)
    assert READER_NOTE in page
    assert EDITOR_NOTE not in page and REGION_EDITOR_NOTE not in page


def test_the_preview_shows_the_editor_notes(people: Path) -> None:
    preview = Preview(people, None)
    page = preview.page.decode("utf-8")
    assert EDITOR_NOTE in page and REGION_EDITOR_NOTE in page
    assert "Editors' note" in page
    # The preview shows what will be published: not the names without permission.
    assert PRIVATE not in page


def test_the_open_data_names_only_the_permitted_representatives(
    people: Path, tmp_path: Path
) -> None:
    files = export(people, tmp_path)
    everything = "".join(files.values())
    assert PERMITTED in everything and CONSENTED in everything
    assert PRIVATE not in everything
    assert EDITOR_NOTE not in everything and REGION_EDITOR_NOTE not in everything
    with (tmp_path / "partners.csv").open(encoding="utf-8", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    assert rows["beta-agency"]["representative"] == ""
    assert rows["beta-institute"]["representative"] == PERMITTED
    assert "editor_note" not in rows["beta-institute"]


def test_the_open_data_can_leave_out_all_personal_data(people: Path, tmp_path: Path) -> None:
    files = export(people, tmp_path, "--no-personal-data")
    everything = "".join(files.values())
    for name in (PERMITTED, CONSENTED, PRIVATE):
        assert name not in everything
    data = json.loads(files["strategy.json"])
    assert data["document"]["editors"] == []
    for region in data["regions"]:
        for partner in region["partners"]:
            assert partner["representative"] is None
            assert partner["representative_consent"] is None


def test_export_help_documents_the_option() -> None:
    result = CliRunner().invoke(cli, ["export", "--help"])
    assert "--no-personal-data" in result.output
    assert "representatives" in result.output


def test_an_unknown_source_as_permission_is_a_located_error(people: Path) -> None:
    copy = copy_fixture("minimal", people.parent / "unknown")
    old = "partners:\n  - id: beta-institute\n    name: Beta Institute\n    sources: [src-two]\n"
    apply_edits(copy, {"regions/beta.yaml": [(old, PARTNERS.replace("by: src-two", "by: src-x"))]})
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(copy)])
    assert result.exit_code == 1
    assert "beta.yaml:" in result.output and "src-x" in result.output


def _default_strategy() -> model.Strategy:
    return valid(DEFAULT_STRATEGY)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_default_strategy_keeps_its_working_notes_for_the_editors() -> None:
    notes = _editor_notes(_default_strategy())
    assert notes, "the default strategy's working notes are kept as editors' notes"
    reader_notes = " ".join(_reader_notes(_default_strategy()))
    for phrase in ("research notes", "was not recorded", "was found", "not retrieved"):
        assert phrase not in reader_notes


def _editor_notes(strategy: model.Strategy) -> list[str]:
    found = []
    for r in strategy.regions:
        found += list(r.editor_notes)
        for item in (r.nuts, *r.other_nuts, *r.innovation, r.s3, *r.partners):
            if item is not None and item.editor_note:
                found.append(item.editor_note)
    return found


def _reader_notes(strategy: model.Strategy) -> list[str]:
    found = []
    for r in strategy.regions:
        found += list(r.notes)
        for item in (r.nuts, *r.other_nuts, *r.innovation, r.s3, *r.partners):
            if item is not None and item.note:
                found.append(item.note)
    return found


def test_no_editor_note_and_no_unpermitted_name_reaches_the_default_pdf(
    default_pdf: Path,
) -> None:
    strategy = _default_strategy()
    args = [require("pdftotext"), "-enc", "UTF-8", str(default_pdf), "-"]
    text = _words(subprocess.run(args, capture_output=True, text=True, check=True).stdout)
    # pdftotext breaks lines and hyphenates: compare the first words of each note.
    for note in _editor_notes(strategy):
        assert _words(note)[:40] not in text, note
    for region in strategy.regions:
        for p in region.partners:
            if p.representative and not may_name(p):
                assert p.representative not in text, p.representative


def test_no_editor_note_reaches_the_default_open_data(tmp_path: Path) -> None:
    strategy = _default_strategy()
    everything = _words("".join(export(DEFAULT_STRATEGY, tmp_path).values()))
    for note in _editor_notes(strategy):
        assert _words(note) not in everything, note
