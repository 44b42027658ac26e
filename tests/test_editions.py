"""The default strategy's editions in Polish and German, from the shared build (`make pdf`
builds every language strategy.yaml lists): file names, the PDF's language, translated labels
and texts, English fallback marked `lang="en"`, the CLDR's dates and numbers, and the
independent checkers (page-validation for PDF/UA-1, Nu and axe for the HTML)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import page
import pypdf
import pyphen
import pytest
import yaml
from babel.dates import format_date
from click.testing import CliRunner

from s3gen.cli import cli
from s3gen.edition import edition
from s3gen.report.wording import wording
from s3gen.source.validate import check_strategy
from tests.conftest import DEFAULT_STRATEGY, EDITIONS, apply_edits, edition_pdf
from tests.html_checks import axe_violations_of, vnu_errors_of

PUBLISHED = yaml.safe_load((DEFAULT_STRATEGY / "strategy.yaml").read_text())["document"][
    "publication_date"
]


def html_of(editions_pdf: Path, language: str) -> str:
    return (editions_pdf.parent.parent / "html" / language / "index.html").read_text("utf-8")


def translated(language: str, file: str, item: str, field: str) -> str:
    texts = yaml.safe_load((DEFAULT_STRATEGY / "translations" / language / file).read_text())
    text: str = texts["texts"][item][field]["text"]
    return text


def test_strategy_yaml_lists_the_editions_the_shared_build_makes() -> None:
    document = yaml.safe_load((DEFAULT_STRATEGY / "strategy.yaml").read_text())["document"]
    assert tuple(document["translations"]) == EDITIONS


@pytest.mark.parametrize("language", EDITIONS)
def test_each_edition_has_its_files(editions_pdf: Path, language: str) -> None:
    pdf = editions_pdf.parent
    assert edition_pdf(editions_pdf, language).is_file()
    assert (pdf / f"{editions_pdf.stem}-summary-{language}.pdf").is_file()
    sheets = sorted(p.stem for p in (pdf / "factsheets" / language).glob("*.pdf"))
    assert sheets == sorted(p.stem for p in (DEFAULT_STRATEGY / "regions").glob("*.yaml"))
    assert (pdf.parent / "html" / language / "regions" / "podlaskie.html").is_file()


@pytest.mark.parametrize("language", EDITIONS)
def test_the_pdf_says_its_language(editions_pdf: Path, language: str) -> None:
    reader = pypdf.PdfReader(edition_pdf(editions_pdf, language))
    assert reader.trailer["/Root"]["/Lang"] == language


@pytest.mark.parametrize("language", EDITIONS)
def test_each_edition_is_pdf_ua_1_compliant(editions_pdf: Path, language: str) -> None:
    report = page.validate_pdf(
        str(edition_pdf(editions_pdf, language)), profile=page.ValidationProfile.PDF_UA_1
    )
    assert report.rules.total > 100  # the profile was really checked
    assert [f"{f.rule_id}: {f.message}" for f in report.failures] == []


def test_each_html_edition_passes_nu_and_axe(editions_pdf: Path) -> None:
    pages = [editions_pdf.parent.parent / "html" / language / "index.html" for language in EDITIONS]
    # One Java start for the pages, and their browsers side by side.
    assert vnu_errors_of(*pages) == {page: [] for page in pages}
    assert axe_violations_of(*pages) == {page: [] for page in pages}


@pytest.mark.parametrize("language", EDITIONS)
def test_labels_are_translated_and_english_fallback_is_marked(
    editions_pdf: Path, language: str
) -> None:
    html = html_of(editions_pdf, language)
    assert f'<html lang="{language}"' in html
    _ = wording(language).translations.gettext
    for label in ("About this edition", "Contents", "How to cite"):
        assert _(label) != label and _(label) in html, label
    # The methodology is not translated: it is printed in English, marked as such.
    assert re.search(r'lang="en"[^>]*>\s*<p>This edition reuses the joint priorities', html)


def test_a_translated_text_is_printed_without_an_english_mark(editions_pdf: Path) -> None:
    html = html_of(editions_pdf, "pl")
    title = translated("pl", "regions/podlaskie.yaml", "priority podlaskie-agri-food", "title")
    assert f">{title}<" in html
    assert "Agri-food industry" not in html


def test_the_polish_edition_writes_dates_and_numbers_by_the_cldr(editions_pdf: Path) -> None:
    html = html_of(editions_pdf, "pl")
    assert format_date(PUBLISHED, "long", locale="pl") in html  # "27 listopada 2026"
    assert "listopada" in format_date(PUBLISHED, "long", locale="pl")


def test_the_imprint_says_how_much_is_translated_and_that_it_is_a_draft(
    editions_pdf: Path,
) -> None:
    checked = check_strategy(DEFAULT_STRATEGY)
    assert checked.strategy is not None
    coverage = edition(checked.strategy, checked.translations, "pl").coverage
    assert 0 < coverage.translated < coverage.total and coverage.reviewed == 0
    t = wording("pl").translations
    said = t.ngettext(
        "%(translated)s of the %(total)s text of the strategy is translated; the others "
        "are printed in the language the strategy is written in, marked as such.",
        "%(translated)s of the %(total)s texts of the strategy are translated; the others "
        "are printed in the language the strategy is written in, marked as such.",
        coverage.total,
    ) % {"translated": coverage.translated, "total": coverage.total}
    draft = t.gettext("The translations are drafts that no person has reviewed yet.")
    imprint = html_of(editions_pdf, "pl").split('id="imprint"', 1)[1].split("</section>", 1)[0]
    assert f"{said} {draft}" in imprint


def test_the_editions_link_to_each_other(minimal: Path, tmp_path: Path) -> None:
    listed = [("  language: en\n", "  language: en\n  translations: [pl, de]\n")]
    apply_edits(minimal, {"strategy.yaml": listed})

    def built(out: Path, *languages: str) -> None:
        asked = [arg for language in languages for arg in ("--language", language)]
        result = CliRunner().invoke(
            cli, ["html", "--strategy", str(minimal), "--out", str(out), *asked]
        )
        assert result.exit_code == 0, result.output

    built(tmp_path / "all", "all")
    english = (tmp_path / "all" / "index.html").read_text("utf-8")
    polish = (tmp_path / "all" / "pl" / "index.html").read_text("utf-8")
    assert '<link rel="alternate" hreflang="pl" href="pl/index.html">' in english
    assert '<link rel="alternate" hreflang="de" href="de/index.html">' in english
    assert '<link rel="alternate" hreflang="en" href="../index.html">' in polish
    assert '<link rel="alternate" hreflang="de" href="../de/index.html">' in polish
    assert '<a href="../de/index.html" hreflang="de" lang="de">Deutsch</a>' in polish
    # Built alone, an edition links to none: the others may not be there.
    built(tmp_path / "alone", "pl")
    assert "hreflang" not in (tmp_path / "alone" / "pl" / "index.html").read_text("utf-8")


def _languages_of_structure(pdf: Path) -> set[str]:
    """The /Lang of every structure element of ``pdf``."""
    reader = pypdf.PdfReader(pdf)
    found: set[str] = set()
    todo = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.ArrayObject):
            todo.extend(node)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/Lang" in node:
                found.add(str(node["/Lang"]))
            if "/K" in node:
                todo.append(node["/K"])
    return found


def test_the_pdf_tags_say_where_the_text_is_in_another_language(editions_pdf: Path) -> None:
    # English fallback text, and the regions' names in their own languages.
    assert {"en", "lv", "de", "fi"} <= _languages_of_structure(edition_pdf(editions_pdf, "pl"))
    assert {"en", "pl", "lv"} <= _languages_of_structure(edition_pdf(editions_pdf, "de"))


def _breaks(pdf: Path) -> list[tuple[str, int]]:
    """Each word the PDF hyphenates at a line's end: the word and where it was broken."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    found = []
    for head, tail in re.findall(r"(\w+)\u2010\n\s*(\w+)", text):
        found.append((head + tail, len(head)))
    return found


def test_the_polish_edition_is_hyphenated_by_polish_rules_and_english_is_not(
    editions_pdf: Path, default_pdf: Path
) -> None:
    breaks = _breaks(edition_pdf(editions_pdf, "pl"))
    assert len(breaks) > 20
    polish = pyphen.Pyphen(lang="pl")
    # Nearly all by the Polish dictionary (English text in the edition breaks by English rules).
    by_polish = [w for w, at in breaks if at in polish.positions(w.lower())]
    assert len(by_polish) >= 0.8 * len(breaks), breaks
    assert _breaks(default_pdf) == []
