"""The interface wording through gettext catalogs (s3gen/report/wording.py): every message of
the templates is translated in every shipped catalog, and a strategy in a language with a
catalog prints its wording."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.dates import format_skeleton
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


# --- The wording the report's Python code writes (view, formatting, factsheets, charts, map) ---


def test_the_python_code_s_wording_is_in_the_catalogs() -> None:
    ids = {m.id for m in template_messages() if m.id}
    # A fact label, a badge of a module-level table (N_), a counted noun (NN_), an enum label.
    assert {"Smart specialisation strategy", "Untapped synergy", "Support tools"} <= ids
    assert ("partner region", "partner regions") in ids
    assert ("%(count)s more gap", "%(count)s more gaps") in ids


def test_every_translation_keeps_the_placeholders_and_plural_forms_of_its_message() -> None:
    import re

    placeholder = re.compile(r"%\((\w+)\)s")
    forms = {"pl": 3, "de": 2, "fi": 2, "sv": 2}
    for language, count in forms.items():
        with (LOCALES / f"{language}.po").open("rb") as f:
            catalog = read_po(f)
        assert catalog.num_plurals == count, language
        for message in catalog:
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if isinstance(message.id, tuple):
                assert len(strings) == count, (language, message.id)
            wanted = {name for i in ids for name in placeholder.findall(i)}
            for text in strings:
                assert set(placeholder.findall(text)) == wanted, (language, message.id, text)


def test_a_polish_edition_prints_the_view_s_own_wording_in_polish(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    english = _html(strategy, tmp_path / "en")
    apply_edits(strategy, {"strategy.yaml": [("language: en", "language: pl")]})
    polish = _html(strategy, tmp_path / "pl")
    t = wording("pl").translations
    # A fact label, and the country by its Polish name (the CLDR's).
    country = t.gettext("Country")
    assert country != "Country"
    assert "<dt>Country</dt>\n<dd>Poland" in english
    assert f"<dt>{country}</dt>\n<dd>Polska" in polish and "<dt>Country</dt>" not in polish
    # The NUTS fact, a chapter title, a table's number, an annex, a badge, an enum label.
    nuts = t.gettext("%(code)s (level %(level)s, NUTS %(version)s)")
    assert nuts % {"code": "PL84", "level": 2, "version": "2021"} in polish
    assert "PL84 (level 2, NUTS 2021)" in english and "PL84 (level 2, NUTS 2021)" not in polish
    summary = t.gettext("Executive summary")
    assert f"</span> {summary}</h2>" in polish and "</span> Executive summary</h2>" in english
    assert t.gettext("Table %(number)s") % {"number": 1} + ".</span>" in polish
    assert t.gettext("Annex %(letter)s") % {"letter": "A"} in polish and "Annex A" not in polish
    assert f">{t.gettext('Proposal')}</span>" in polish
    assert f"<strong>{t.gettext('Transnational')}</strong>" in polish
    assert "<strong>Transnational</strong>" in english
    # The status inside a sentence is the catalog's own form, not the label lowered.
    assert f"({t.gettext('draft')})" in polish and "(draft)" in english
    # Months of the tables by the CLDR.
    assert "Jan 2027 – Dec 2028" in english
    assert f"{format_skeleton('yMMM', dt.date(2027, 1, 1), locale='pl')} – " in polish
    # The printed footers' words, for the print stylesheet; none in English.
    assert f'data-page-before="{t.gettext("page %(page)s of %(pages)s").split("%")[0]}"' in polish
    assert "<body>" in english and "data-page-before" not in english


def test_a_polish_factsheet_and_its_charts_speak_polish(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(strategy, {"strategy.yaml": [("language: en", "language: pl")]})
    _html(strategy, tmp_path / "pl")
    t = wording("pl").translations
    sheet = (tmp_path / "pl" / "regions" / "alpha.html").read_text(encoding="utf-8")
    assert t.ngettext("priority", "priorities", 1) in sheet
    assert t.gettext("budget of its actions") in sheet
    page = (tmp_path / "pl" / "index.html").read_text(encoding="utf-8")
    assert f">{t.gettext('Shared priority areas')}</title>" in page
    assert f">{t.gettext('Timeline of actions')}</title>" in page
    assert ">Shared areas:<" not in page and f">{t.gettext('Shared areas:')}<" in page


def test_counted_words_take_the_polish_plural_forms() -> None:
    from s3gen.analyse import Basis
    from s3gen.report.formatting import count_of_proposals, joint_actions_in_words

    t = wording("pl").translations
    few = count_of_proposals(Basis(documented=0, proposed=23), "gap", language="pl")
    many = count_of_proposals(Basis(documented=0, proposed=25), "gap", language="pl")
    message = ("all %(total)s gap is a proposal", "all %(total)s gaps are proposals")
    assert few == t.ngettext(*message, 23) % {"total": 23}
    assert many == t.ngettext(*message, 25) % {"total": 25}
    assert few.replace("23", "") != many.replace("25", "")  # two of Polish's three forms
    assert joint_actions_in_words(5, 0, "pl") != joint_actions_in_words(3, 0, "pl").replace(
        "3", "5"
    )
    # English as it always was.
    assert (
        count_of_proposals(Basis(documented=0, proposed=23), "gap") == "all 23 gaps are proposals"
    )
    assert (
        count_of_proposals(Basis(documented=1, proposed=20), "action", "addressing them")
        == "20 of the 21 actions addressing them are proposals"
    )
    assert joint_actions_in_words(7, 6) == "7 joint actions (6 proposed)"


@pytest.mark.parametrize("language", ["pl", "de"])
def test_numbers_and_amounts_follow_the_locale(language: str) -> None:
    from babel.numbers import (
        format_compact_currency,
        format_currency,
        format_decimal,
        get_decimal_symbol,
    )

    from s3gen.report.formatting import format_eur, format_eur_short, format_number

    assert format_number(1000, language) == format_decimal(1000, locale=language)
    assert format_number(12345.5, language) == format_decimal(12345.5, locale=language)
    assert format_number(2.5, language) == format_decimal(2.5, locale=language)
    assert format_eur(65918.75, language) == format_currency(65918.75, "EUR", locale=language)
    # A whole amount without its decimals, as in English.
    decimals = get_decimal_symbol(language) + "00"
    whole = format_currency(400000, "EUR", locale=language)
    assert decimals in whole and format_eur(400000, language) == whole.replace(decimals, "")
    assert format_eur_short(1_820_000, language) == format_compact_currency(
        1_820_000, "EUR", locale=language, fraction_digits=2
    )
    assert format_eur(None, language) == ""


def test_polish_and_german_amounts_read_as_babel_writes_them() -> None:
    from s3gen.report.formatting import format_eur

    assert format_eur(65918.75, "pl") == "65\N{NO-BREAK SPACE}918,75\N{NO-BREAK SPACE}€"
    assert format_eur(65918.75, "de") == "65.918,75\N{NO-BREAK SPACE}€"


def test_english_numbers_and_amounts_are_unchanged() -> None:
    from s3gen.report.formatting import format_eur, format_eur_short, format_number

    assert format_eur(65918.75) == format_eur(65918.75, "en") == "EUR 65,918.75"
    assert format_eur(400000, "en-GB") == "EUR 400,000"
    assert format_eur_short(1_820_000) == "EUR 1.82 million"
    assert format_eur_short(400_000) == "EUR 400,000"
    assert format_number(1000) == "1,000" and format_number(2.5) == "2.5"
    assert format_number(1000, "xx-unknown") == "1,000"  # a language Babel does not know


def test_months_are_written_by_the_cldr_never_by_the_machine_s_locale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import time

    from s3gen.report.formatting import format_month

    # date.strftime calls time.strftime: a machine set to another locale is simulated so.
    monkeypatch.setattr(time, "strftime", lambda *args: "Jän")
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    assert [format_month(dt.date(2027, m, 1)) for m in range(1, 13)] == [
        f"{name} 2027" for name in months
    ]
    assert format_month(dt.date(2027, 1, 1), "pl") == format_skeleton(
        "yMMM", dt.date(2027, 1, 1), locale="pl"
    )
    assert format_month(dt.date(2027, 5, 1), "de") == "Mai 2027"


def test_every_enum_value_has_a_label_and_english_is_as_before() -> None:
    from s3gen.report.formatting import LABELS, label, label_in_text

    t = wording("pl").translations
    for enum, table in LABELS.items():
        assert set(table) == {str(v) for v in enum}, enum  # one place per enum, complete
        for value in enum:
            spelt = str(value).replace("_", " ")
            assert label(value) == spelt[:1].upper() + spelt[1:]
            assert label_in_text(value) == label(value).lower()
            alone, in_text = table[str(value)]
            assert label(value, "pl") == t.gettext(alone)
            assert label_in_text(value, "pl") == (
                t.gettext(in_text) if in_text else t.gettext(alone).lower()
            )


def test_the_footers_of_the_printed_pages_have_the_edition_s_words() -> None:
    from s3gen.report.wording import print_strings

    assert print_strings("en") == () and print_strings("nb") == ()
    polish = dict(print_strings("pl"))
    t = wording("pl").translations
    page = t.gettext("page %(page)s of %(pages)s") % {"page": "1", "pages": "9"}
    assert f"{polish['page-before']}1{polish['page-between']}9{polish['page-after']}" == page
    footer = t.gettext("%(title)s · version %(version)s") % {"title": "T", "version": "0.1"}
    assert f"{polish['title-before']}T{polish['version-before']}0.1{polish['version-after']}" == (
        footer
    )
    # The print stylesheet's own English, and where it reads an edition's words.
    css = (LOCALES.parent / "templates" / "static" / "print.css").read_text(encoding="utf-8")
    assert 'page-before "page ", page-between " of "' in css
    assert "page-before attr(data-page-before)" in css
