"""Content translations: the checks of `s3gen validate`, `s3gen translate status`, `extract`
and `import` (PO and XLIFF round trips), and what an edition prints from them."""

from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from s3gen.cli import cli
from s3gen.edition import edition
from s3gen.model.translations import InLanguage, fingerprint, texts
from s3gen.source.validate import check_strategy
from s3gen.tools.translate import (
    Unit,
    extract,
    imported,
    read_po_file,
    write_po_file,
    write_xliff_file,
)
from tests.conftest import apply_edits, located
from tests.issue_cases import PL_ALPHA, polish

LISTED = [("  language: en\n", "  language: en\n  translations: [pl]\n")]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_a_source_text_changed_after_translation_is_one_stale_warning_at_its_line(
    minimal: Path,
) -> None:
    apply_edits(minimal, polish({"priority alpha-food": {"title": ("Food", "Żywność")}}))
    assert check_strategy(minimal, "strategy").issues == []
    apply_edits(
        minimal, {"regions/alpha.yaml": [("    title: Food\n", "    title: Food and drink\n")]}
    )
    issues = check_strategy(minimal, "strategy").issues
    assert located(issues) == [
        ("translation-stale", PL_ALPHA, 4, "texts.priority alpha-food.title")
    ]
    # Both texts are shown, and the fingerprint to set once the translation is updated.
    assert "now: 'Food and drink'; the translation: 'Żywność'" in issues[0].message
    assert issues[0].message.endswith(f"set fingerprint: {fingerprint('Food and drink')}")


def test_a_stale_translation_is_not_printed_the_current_source_is(minimal: Path) -> None:
    apply_edits(minimal, polish({"priority alpha-food": {"title": ("Old food", "Żywność")}}))
    result = check_strategy(minimal, "strategy")
    assert result.strategy is not None
    printed = edition(result.strategy, result.translations, "pl")
    title = printed.strategy.regions[0].priorities[0].title
    assert title == "Food" and isinstance(title, InLanguage) and title.lang == "en"
    assert (printed.coverage.stale, printed.coverage.translated) == (1, 0)


def test_a_current_translation_is_printed_and_counted(minimal: Path) -> None:
    apply_edits(minimal, polish({"priority alpha-food": {"title": ("Food", "Żywność")}}))
    result = check_strategy(minimal, "strategy")
    assert result.strategy is not None
    printed = edition(result.strategy, result.translations, "pl")
    title = printed.strategy.regions[0].priorities[0].title
    assert title == "Żywność" and not isinstance(title, InLanguage)
    assert printed.strategy.document.language == "pl"
    assert printed.coverage.translated == 1
    assert printed.coverage.total == len(texts(result.strategy))
    # The source strategy is left as it was; the source edition is it.
    assert result.strategy.regions[0].priorities[0].title == "Food"
    assert (
        edition(result.strategy, result.translations, "en").strategy.regions[0].priorities[0].title
        == "Food"
    )


def test_a_typo_gets_did_you_mean_and_a_gone_item_is_an_orphan(minimal: Path) -> None:
    apply_edits(
        minimal,
        polish(
            {
                "priority alpha-fod": {"title": ("Food", "Żywność")},
                "gap alpha-funding": {"titel": ("Funding", "Finansowanie")},
            }
        ),
    )
    issues = check_strategy(minimal, "strategy").issues
    assert [(i.code, i.line, i.message) for i in issues] == [
        (
            "translation-unknown",
            3,
            "regions/alpha.yaml has no item 'priority alpha-fod' (did you mean "
            "'priority alpha-food'?)",
        ),
        (
            "translation-unknown",
            8,
            "'titel' is not a translated field of a gap (did you mean 'title'?)",
        ),
    ]
    assert check_strategy(minimal, "strategy").strategy is None  # an error, like any other


def test_a_translation_of_a_file_the_strategy_does_not_have_is_an_orphan(minimal: Path) -> None:
    apply_edits(minimal, {"translations/pl/regions/hamburg.yaml": "status: draft\ntexts: {}\n"})
    issues = check_strategy(minimal, "strategy").issues
    assert [(i.code, i.file, i.message) for i in issues] == [
        (
            "translation-orphan",
            "strategy/translations/pl/regions/hamburg.yaml",
            "the strategy has no file 'regions/hamburg.yaml' to translate: it is not used",
        )
    ]


def test_extract_is_idempotent_and_never_touches_the_source_files(minimal: Path) -> None:
    apply_edits(minimal, {"strategy.yaml": LISTED})
    source = snapshot(minimal)
    code, output = run("translate", "extract", "--strategy", str(minimal))
    assert code == 0, output
    assert "pl: 3 files written" in output
    after = snapshot(minimal)
    assert {k: v for k, v in after.items() if not k.startswith("translations/")} == source
    code, output = run("translate", "extract", "--strategy", str(minimal))
    assert code == 0 and "up to date" in output, output
    assert snapshot(minimal) == after
    # What it wrote is valid, and every text has its entry with its source's fingerprint.
    assert check_strategy(minimal, "strategy").issues == []
    written = yaml.safe_load((minimal / "translations/pl/regions/alpha.yaml").read_text())
    assert written["texts"]["priority alpha-food"]["title"] == {
        "fingerprint": fingerprint("Food"),
        "text": "",
    }


def _translate_everything(minimal: Path) -> None:
    """Every text of the minimal strategy translated (a made-up 'PL: ' prefix), written by
    extract."""
    result = check_strategy(minimal, "strategy")
    assert result.strategy is not None
    units = [
        Unit(t.file, t.item, t.path, t.source, "PL: " + t.source, True)
        for t in texts(result.strategy)
    ]
    merged = imported(result.translations, "pl", units)
    for name, data in extract(result.strategy, merged, "pl").items():
        path = minimal / "translations" / "pl" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def test_status_exits_1_while_anything_is_missing_or_stale_and_0_when_complete(
    minimal: Path,
) -> None:
    apply_edits(minimal, {"strategy.yaml": LISTED})
    code, output = run("translate", "status", "--strategy", str(minimal))
    assert code == 1, output
    total = len(texts(check_strategy(minimal, "strategy").strategy))  # type: ignore[arg-type]
    assert "pl  all files" in output and f"0 of {total}" in output
    _translate_everything(minimal)
    code, output = run("translate", "status", "--strategy", str(minimal))
    assert code == 0, output
    assert f"{total} of {total}" in output and "100 %" in output
    apply_edits(minimal, {"regions/alpha.yaml": [("    title: Food\n", "    title: Fish\n")]})
    code, output = run("translate", "status", "--strategy", str(minimal))
    assert code == 1 and "1 stale" in output, output


def test_a_po_file_written_and_read_back_changes_nothing(minimal: Path, tmp_path: Path) -> None:
    apply_edits(minimal, {"strategy.yaml": LISTED})
    _translate_everything(minimal)
    # One stale and one missing entry, so that every state goes through the round trip.
    apply_edits(minimal, {"regions/alpha.yaml": [("    title: Food\n", "    title: Fish\n")]})
    alpha = minimal / "translations/pl/regions/alpha.yaml"
    text = alpha.read_text()
    alpha.write_text(text.replace("text: 'PL: Vouchers'", "text: ''"))
    run("translate", "extract", "--strategy", str(minimal))  # its canonical form
    before = snapshot(minimal)
    for fmt, suffix in (("po", "po"), ("xliff", "xlf")):
        code, output = run(
            "translate",
            "extract",
            "--strategy",
            str(minimal),
            "--format",
            fmt,
            "--out",
            str(tmp_path / "out"),
        )
        assert code == 0, output
        written = tmp_path / "out" / f"mini-pl.{suffix}"
        code, output = run("translate", "import", "--strategy", str(minimal), str(written))
        assert code == 0, output
        assert "nothing changed" in output
        assert snapshot(minimal) == before


def test_a_po_file_filled_in_by_a_translator_is_recorded_against_its_source(
    minimal: Path, tmp_path: Path
) -> None:
    apply_edits(minimal, {"strategy.yaml": LISTED})
    result = check_strategy(minimal, "strategy")
    assert result.strategy is not None
    po = write_po_file(result.strategy, result.translations, "pl").decode()
    entry = 'msgctxt "regions/alpha.yaml#priority alpha-food#title"\nmsgid "Food"\nmsgstr ""'
    assert entry in po
    filled = tmp_path / "pl.po"
    filled.write_text(po.replace(entry, entry.removesuffix('""') + '"Żywność"'))
    assert [u.text for u in read_po_file(filled.read_bytes(), "pl.po") if u.text] == ["Żywność"]
    code, output = run("translate", "import", "--strategy", str(minimal), str(filled))
    assert code == 0, output
    written = yaml.safe_load((minimal / "translations/pl/regions/alpha.yaml").read_text())
    assert written["texts"]["priority alpha-food"]["title"] == {
        "fingerprint": fingerprint("Food"),
        "text": "Żywność",
    }
    assert check_strategy(minimal, "strategy").issues == []


def test_an_edition_in_a_language_the_strategy_does_not_have_is_refused(minimal: Path) -> None:
    code, output = run("html", "--strategy", str(minimal), "--language", "fi", "--out", "x")
    assert code == 2
    assert "the strategy has no edition in 'fi': it is written in 'en'" in output
    assert "s3gen translate extract --language fi" in output


def test_extract_never_writes_through_a_link_into_the_strategy_files(minimal: Path) -> None:
    apply_edits(minimal, {"strategy.yaml": LISTED})
    (minimal / "translations" / "pl").mkdir(parents=True)
    (minimal / "translations" / "pl" / "regions").symlink_to(minimal / "regions")
    source = snapshot(minimal / "regions")
    code, output = run("translate", "extract", "--strategy", str(minimal))
    assert code == 1, output
    assert "is a link or not a folder: s3gen writes translations only into real folders" in output
    assert snapshot(minimal / "regions") == source
    # And validation says the link is not read.
    issues = check_strategy(minimal, "strategy").issues
    assert [(i.code, i.file) for i in issues] == [
        ("ignored-file", "strategy/translations/pl/regions")
    ]


def test_an_imported_text_that_would_not_validate_is_refused_and_nothing_written(
    minimal: Path, tmp_path: Path
) -> None:
    apply_edits(minimal, {"strategy.yaml": LISTED})
    result = check_strategy(minimal, "strategy")
    assert result.strategy is not None
    po = write_po_file(result.strategy, result.translations, "pl").decode()
    entry = 'msgctxt "regions/alpha.yaml#priority alpha-food#title"\nmsgid "Food"\nmsgstr ""'
    filled = tmp_path / "pl.po"
    filled.write_text(po.replace(entry, entry.removesuffix('""') + '"Żyw\\nność"'))
    code, output = run("translate", "import", "--strategy", str(minimal), str(filled))
    assert code == 1
    assert "nothing was written" in output and "holds a line break" in output
    assert not (minimal / "translations").exists()


def test_a_filled_xliff_target_without_a_review_state_is_a_translation(
    minimal: Path, tmp_path: Path
) -> None:
    apply_edits(minimal, {"strategy.yaml": LISTED})
    result = check_strategy(minimal, "strategy")
    assert result.strategy is not None
    xliff = write_xliff_file(result.strategy, result.translations, "pl").decode()
    unit = '<trans-unit id="priority alpha-food#title">\n        <source>Food</source>\n'
    assert unit + '        <target state="new" />' in xliff
    filled = tmp_path / "pl.xlf"
    filled.write_text(
        xliff.replace(
            unit + '        <target state="new" />',
            unit + '        <target state="new">Żyw<g id="1">ność</g></target>',
        )
    )
    code, output = run("translate", "import", "--strategy", str(minimal), str(filled))
    assert code == 0, output
    written = yaml.safe_load((minimal / "translations/pl/regions/alpha.yaml").read_text())
    assert written["texts"]["priority alpha-food"]["title"]["text"] == "Żywność"


def test_the_fingerprint_ignores_rewrapping_but_not_a_changed_list() -> None:
    assert fingerprint("One two\nthree.\n") == fingerprint("One two three.")
    assert fingerprint("First.\n\nSecond.") != fingerprint("First. Second.")
    assert fingerprint("- a\n- b") != fingerprint("- a - b")
    assert fingerprint("Word") != fingerprint("Words")


def test_a_po_file_in_a_language_the_strategy_has_not_is_refused(
    minimal: Path, tmp_path: Path
) -> None:
    result = check_strategy(minimal, "strategy")
    assert result.strategy is not None
    po = tmp_path / "fi.po"
    po.write_bytes(write_po_file(result.strategy, result.translations, "fi"))
    code, output = run("translate", "import", "--strategy", str(minimal), str(po))
    assert code == 1
    assert "fi.po is a translation into 'fi', which the strategy neither lists" in output
    assert not (minimal / "translations").exists()
