"""The interface wording through gettext catalogs (s3gen/report/wording.py): every message of
the templates is translated in every shipped catalog, and a strategy in a language with a
catalog prints its wording."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

from s3gen.cli import cli
from s3gen.report import wording as wording_module
from s3gen.report.wording import (
    LOCALES,
    REVIEWED,
    UNREVIEWED,
    languages,
    wording,
    wording_statement,
)
from tests.conftest import apply_edits, copy_fixture
from tools.catalogs import problems, template_messages

SHIPPED = {"pl", "de", "fi", "sv"}  # at least these (the first four)


def _html(strategy: Path, out: Path) -> str:
    result = CliRunner().invoke(cli, ["html", "--strategy", str(strategy), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return (out / "index.html").read_text(encoding="utf-8")


def test_the_templates_have_their_wording_in_messages() -> None:
    ids = {m.id for m in template_messages() if m.id}
    assert len(ids) > 50  # the check below would pass vacuously on templates without any
    assert {"Priorities", "Gaps in the SME support system"} <= ids


def test_every_message_of_the_templates_is_translated_in_every_catalog() -> None:
    assert set(languages()) >= SHIPPED
    template = template_messages()
    assert [p for path in sorted(LOCALES.glob("*.po")) for p in problems(template, path)] == []


def test_the_check_names_a_message_missing_from_a_catalog(tmp_path: Path) -> None:
    template = template_messages()
    with (LOCALES / "pl.po").open("rb") as f:
        catalog = read_po(f)
    del catalog["Priorities"]
    cut = tmp_path / "pl.po"
    with cut.open("wb") as f:
        write_po(f, catalog)
    assert problems(template, cut) == ["pl.po: no entry for 'Priorities'"]


def test_a_catalog_says_whether_a_person_reviewed_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not wording("pl").reviewed and wording("pl").review == UNREVIEWED
    assert wording("en").reviewed and not wording("en").translated  # the templates' own
    reviewed = tmp_path / "locales"
    reviewed.mkdir()
    text = (LOCALES / "pl.po").read_text(encoding="utf-8")
    (reviewed / "pl.po").write_text(text.replace(UNREVIEWED, REVIEWED, 1), encoding="utf-8")
    monkeypatch.setattr(wording_module, "LOCALES", reviewed)
    wording.cache_clear()
    try:
        assert wording("pl").reviewed
    finally:
        wording.cache_clear()


def test_a_strategy_in_polish_prints_the_polish_wording(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    english = _html(strategy, tmp_path / "en")
    apply_edits(strategy, {"strategy.yaml": [("language: en", "language: pl")]})
    polish = _html(strategy, tmp_path / "pl")
    assert '<html lang="pl">' in polish
    priorities = wording("pl").translations.gettext("Priorities")
    assert priorities != "Priorities"
    assert "<h4>Priorities</h4>" in english and "<h4>Priorities</h4>" not in polish
    assert f"<h4>{priorities}</h4>" in polish
    # The imprint says the wording is a draft that no person has reviewed (in Polish).
    statement = wording_statement("pl")
    assert "reviewed" not in statement and f'<p class="wording-status">{statement}</p>' in polish
    assert 'class="wording-status"' not in english


def test_a_language_without_a_catalog_prints_the_english_wording(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(strategy, {"strategy.yaml": [("language: en", "language: nb")]})
    assert "nb" not in languages()
    page = _html(strategy, tmp_path / "nb")
    assert '<html lang="nb">' in page and "<h4>Priorities</h4>" in page
    assert "no translation of its interface wording into Norwegian Bokmål" in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1 December 2026"), ("pl", "1 grudnia 2026"), ("de", "1. Dezember 2026")],
)
def test_dates_follow_the_locales_rules(language: str, expected: str) -> None:
    import datetime as dt

    from babel.dates import format_date as babel_date

    from s3gen.report.formatting import format_date

    day = dt.date(2026, 12, 1)
    assert format_date(day, language) == expected
    if language != "en":  # English keeps the report's own order (day first)
        assert expected == babel_date(day, "long", locale=language)
    assert format_date(day, "xx-unknown") == "1 December 2026"


def test_a_polish_edition_dates_its_publication_in_polish(tmp_path: Path) -> None:
    import yaml
    from babel.dates import format_date as babel_date

    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(strategy, {"strategy.yaml": [("language: en", "language: pl")]})
    page = _html(strategy, tmp_path / "pl")
    published = yaml.safe_load((strategy / "strategy.yaml").read_text())["document"]
    polish = babel_date(published["publication_date"], "long", locale="pl")
    assert polish.endswith("stycznia 2026") and polish in page
