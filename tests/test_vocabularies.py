"""A strategy's vocabularies are its own data: the policy areas of its macro-regional strategy,
the projects of its partners and the names of its development groups are declared in
strategy.yaml, checked like any reference, offered by its JSON Schema and printed as written.
A strategy of format 1 (which had the EUSBSR's built in) gets one message and a migration."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from s3gen.cli import cli
from s3gen.errors import Issue
from s3gen.source.validate import check_strategy
from s3gen.tools.migrate import migrate
from tests.conftest import DEFAULT_STRATEGY, FIXTURES, copy_fixture, git

FORMAT_1 = FIXTURES / "format-1" / "strategy.yaml"  # the default strategy.yaml before format 2


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _default_copy(tmp_path: Path) -> Path:
    root = tmp_path / "strategy"
    shutil.copytree(DEFAULT_STRATEGY, root, ignore=shutil.ignore_patterns("schema"))
    return root


def _errors(root: Path) -> list[Issue]:
    return [i for i in check_strategy(root).issues if i.severity.value == "error"]


def test_an_unknown_policy_area_names_every_allowed_value_and_where_they_are_declared(
    tmp_path: Path,
) -> None:
    root = _default_copy(tmp_path)
    _edit(root / "strategy.yaml", "policy_areas: [health]", "policy_areas: [helth]")
    (issue,) = _errors(root)
    assert issue.code == "unknown-reference"
    assert issue.path.endswith(".policy_areas[0]")
    line = (root / "strategy.yaml").read_text(encoding="utf-8").splitlines()[issue.line - 1]
    assert line[issue.column - 1 :].startswith("helth")
    assert "(did you mean 'health'?)" in issue.message
    assert "allowed: bioeconomy, culture, education," in issue.message
    assert "transport (declared in vocabularies.policy_areas.areas in strategy.yaml)" in (
        issue.message
    )


def test_a_project_the_vocabulary_does_not_declare_is_an_error(tmp_path: Path) -> None:
    root = _default_copy(tmp_path)
    _edit(root / "regions" / "hamburg.yaml", "projects: [gosmart_bsr]", "projects: [gosmart]")
    (issue,) = _errors(root)
    assert issue.file.endswith("regions/hamburg.yaml")
    assert "'gosmart' is not a project of this strategy" in issue.message
    assert "allowed: gosmart_bsr, gosmart_excel_bsr" in issue.message


def test_a_strategy_without_policy_areas_says_it_declares_none(minimal: Path) -> None:
    _edit(
        minimal / "strategy.yaml",
        "    sources: [src-one]\n",
        "    sources: [src-one]\n    policy_areas: [innovation]\n",
    )
    (issue,) = _errors(minimal)
    assert "it declares none; declare the list in vocabularies.policy_areas.areas" in (
        issue.message
    )


def test_the_report_prints_the_strategys_own_words(tmp_path: Path) -> None:
    root = _default_copy(tmp_path)
    strategy = root / "strategy.yaml"
    _edit(strategy, 'title: "EUSBSR policy areas"', 'title: "Macro-regional themes"')
    _edit(strategy, 'name: "Health"', 'name: "Health and welfare"')
    _edit(strategy, 'name: "GoSmart BSR",', 'name: "Project One",')
    _edit(strategy, 'less_developed: "Less developed region"', 'less_developed: "Catching-up"')
    _edit(strategy, 'advanced: "Advanced region"', 'advanced: "Frontrunner"')
    out = tmp_path / "html"
    result = CliRunner().invoke(cli, ["html", "--strategy", str(root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<strong>Macro-regional themes:</strong>" in page
    assert "<strong>EUSBSR policy areas:</strong>" not in page
    assert "Health and welfare" in page
    assert "Project One" in page
    for name in ("Catching-up", "Frontrunner"):
        # The regions' facts, the map's table and legend, the network's legend.
        assert page.count(name) >= 4, name
    # No label keeps the default wording (the strategy's own prose may use it).
    assert not re.search(r">\s*(Less developed|Advanced) region\s*<", page, re.IGNORECASE)


def test_the_schema_offers_the_strategys_own_values(tmp_path: Path) -> None:
    root = _default_copy(tmp_path)
    runner = CliRunner()
    assert runner.invoke(cli, ["schema", "--strategy", str(root)]).exit_code == 0
    region = json.loads((root / "schema" / "region.schema.json").read_text(encoding="utf-8"))
    projects = region["definitions"]["Partner"]["properties"]["projects"]["items"]
    assert projects == {"type": "string", "enum": ["gosmart_bsr", "gosmart_excel_bsr"]}
    _edit(root / "strategy.yaml", "{id: gosmart_bsr,", "{id: project-one,")
    _edit(root / "regions" / "hamburg.yaml", "[gosmart_bsr, gosmart_excel_bsr]", "[project-one]")
    _edit(root / "regions" / "hamburg.yaml", "projects: [gosmart_bsr]", "projects: [project-one]")
    stale = runner.invoke(cli, ["schema", "--check", "--strategy", str(root)])
    assert stale.exit_code == 1 and "region.schema.json" in stale.output
    assert runner.invoke(cli, ["schema", "--strategy", str(root)]).exit_code == 0
    region = json.loads((root / "schema" / "region.schema.json").read_text(encoding="utf-8"))
    items = region["definitions"]["Partner"]["properties"]["projects"]["items"]
    assert items["enum"][0] == "project-one"


def _format_1_copy(tmp_path: Path) -> Path:
    root = _default_copy(tmp_path)
    shutil.copyfile(FORMAT_1, root / "strategy.yaml")
    return root


def test_a_format_1_strategy_gets_one_located_message(tmp_path: Path) -> None:
    root = _format_1_copy(tmp_path)
    (issue,) = check_strategy(root).issues
    assert (issue.code, issue.line, issue.column) == ("format-outdated", 6, 1)
    assert issue.file.endswith("strategy.yaml")
    assert "s3gen migrate --strategy" in issue.message
    assert "renames `eusbsr_policy_areas` to `policy_areas`" in issue.message


def test_a_newer_format_is_a_clear_error(minimal: Path) -> None:
    _edit(minimal / "strategy.yaml", "format: 2", "format: 3")
    (issue,) = check_strategy(minimal).issues
    assert issue.code == "format-newer"
    assert "written in format 3" in issue.message and "install a newer s3gen" in issue.message


def test_migrate_adds_the_vocabularies_and_touches_nothing_else(tmp_path: Path) -> None:
    root = _format_1_copy(tmp_path)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    result = CliRunner().invoke(cli, ["migrate", "--strategy", str(root)])
    assert result.exit_code == 0, result.output
    assert "the 14 EUSBSR policy areas" in result.output
    assert check_strategy(root).strategy is not None, _errors(root)
    after = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    changed = [p for p in after if after[p] != before.get(p)]
    assert changed == [root / "strategy.yaml"]
    old = before[root / "strategy.yaml"].decode().splitlines()
    new = after[root / "strategy.yaml"].decode().splitlines()
    renamed = [line.replace("eusbsr_policy_areas", "policy_areas") for line in old]
    # The old lines, renamed keys aside, come back in order with only lines inserted.
    at = 0
    inserted = []
    for line in new:
        if at < len(renamed) and line == renamed[at]:
            at += 1
        else:
            inserted.append(line)
    assert at == len(renamed)
    assert inserted[0] == "format: 2"
    assert "vocabularies:" in inserted
    assert sum(line != r for line, r in zip(old, renamed, strict=True)) == 8
    again = CliRunner().invoke(cli, ["migrate", "--strategy", str(root)])
    assert again.exit_code == 0 and "nothing to do" in again.output
    assert (root / "strategy.yaml").read_bytes() == after[root / "strategy.yaml"]


def test_migrate_keeps_windows_line_endings(tmp_path: Path) -> None:
    root = _format_1_copy(tmp_path)
    text = FORMAT_1.read_text(encoding="utf-8")
    (root / "strategy.yaml").write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    assert migrate(root) is not None
    data = (root / "strategy.yaml").read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert check_strategy(root).strategy is not None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("format: two\ndocument: {}\n", "'format' is 'two', not a whole number"),
        ("format: 7\ndocument: {}\n", "'format' is 7; this s3gen migrates format 1 to 2"),
        ("format: 0\ndocument: {}\n", "'format' is 0"),
        ("{format: 1, document: {}}\n", "one flow mapping"),
        ("- a list\n", "cannot be read"),
    ],
)
def test_migrate_refuses_what_it_cannot_migrate(minimal: Path, text: str, message: str) -> None:
    (minimal / "strategy.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["migrate", "--strategy", str(minimal)])
    assert result.exit_code == 1
    assert message in result.output and "nothing was written" in result.output
    assert "Traceback" not in result.output
    assert (minimal / "strategy.yaml").read_text(encoding="utf-8") == text


def test_the_minimal_fixture_is_in_the_current_format(tmp_path: Path) -> None:
    root = copy_fixture("minimal", tmp_path)
    assert migrate(root) is None


def _migrated(tmp_path: Path, change: Callable[[str], str]) -> tuple[str, str]:
    """Migrate a format-1 copy after ``change`` to its text: the text before and after."""
    root = _format_1_copy(tmp_path)
    before = change(FORMAT_1.read_text(encoding="utf-8"))
    (root / "strategy.yaml").write_bytes(before.encode("utf-8"))
    result = CliRunner().invoke(cli, ["migrate", "--strategy", str(root)])
    assert result.exit_code == 0, result.output
    assert check_strategy(root).strategy is not None, _errors(root)
    return before, (root / "strategy.yaml").read_bytes().decode("utf-8")


@pytest.mark.parametrize("quote", ['"', "'"])
def test_migrate_renames_a_quoted_key_inside_its_quotes(tmp_path: Path, quote: str) -> None:
    _, after = _migrated(
        tmp_path,
        lambda t: t.replace(
            "    eusbsr_policy_areas: [health]", f"    {quote}eusbsr_policy_areas{quote}: [health]"
        ),
    )
    assert f"    {quote}policy_areas{quote}: [health]" in after


def test_migrate_sets_an_explicit_format_1_in_place(tmp_path: Path) -> None:
    _, after = _migrated(tmp_path, lambda t: t.replace("document:", "format: 1\ndocument:", 1))
    assert after.count("format: ") == 1 and "format: 2\ndocument:" in after


def test_migrate_keeps_a_byte_order_mark_first(tmp_path: Path) -> None:
    _, after = _migrated(
        tmp_path, lambda t: "\ufeff" + "".join(line for line in t.splitlines(True)[5:])
    )
    assert after.startswith("\ufeffformat: 2\ndocument:")


def test_migrate_finishes_format_1_content_marked_format_2_by_hand(tmp_path: Path) -> None:
    root = _format_1_copy(tmp_path)
    _edit(root / "strategy.yaml", "document:", "format: 2\ndocument:")
    (issue,) = check_strategy(root).issues
    assert issue.code == "format-outdated"
    assert "'eusbsr_policy_areas' is format 1's name of 'policy_areas'" in issue.message
    assert CliRunner().invoke(cli, ["migrate", "--strategy", str(root)]).exit_code == 0
    assert check_strategy(root).strategy is not None, _errors(root)


def test_vocabularies_without_format_say_to_write_the_format(minimal: Path) -> None:
    _edit(minimal / "strategy.yaml", "format: 2\n", "")
    (issue,) = check_strategy(minimal).issues
    assert "has `vocabularies:` (format 2) but no `format` key" in issue.message
    assert CliRunner().invoke(cli, ["migrate", "--strategy", str(minimal)]).exit_code == 0
    assert check_strategy(minimal).strategy is not None


def test_migrate_adds_the_abbreviation_its_title_uses(minimal: Path) -> None:
    """A format-1 strategy without a glossary: the title 'EUSBSR policy areas', now data, is
    explained, so the migrated strategy stays free of warnings about it."""
    _edit(minimal / "strategy.yaml", "format: 2\n", "")
    text = (minimal / "strategy.yaml").read_text(encoding="utf-8")
    text = text[: text.index("\n# What the report calls")] + "\n"
    (minimal / "strategy.yaml").write_text(
        text.replace(
            "    sources: [src-one]\n",
            "    sources: [src-one]\n    eusbsr_policy_areas: [ship]\n",
            1,
        ),
        encoding="utf-8",
    )
    assert check_strategy(minimal).issues[0].code == "format-outdated"
    assert CliRunner().invoke(cli, ["migrate", "--strategy", str(minimal)]).exit_code == 0
    result = check_strategy(minimal)
    assert result.strategy is not None
    assert [t.term for t in result.strategy.glossary] == ["EUSBSR"]
    assert not [i for i in result.issues if i.code == "abbreviation-undefined"]


def test_the_change_report_reads_across_the_migration(tmp_path: Path) -> None:
    """The pull request that migrates a strategy gets its change report: the base revision,
    of format 1, is compared as migrated (in a copy), and the migration itself is no change."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    strategy = copy_fixture("minimal", repo)
    _edit(strategy / "strategy.yaml", "format: 2\n", "")
    text = (strategy / "strategy.yaml").read_text(encoding="utf-8")
    (strategy / "strategy.yaml").write_text(
        text[: text.index("\n# What the report calls")] + "\n", encoding="utf-8"
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "format 1")
    before = (strategy / "strategy.yaml").read_bytes()
    assert CliRunner().invoke(cli, ["migrate", "--strategy", str(strategy)]).exit_code == 0
    git(repo, "commit", "-qam", "migrated")
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "--strategy", str(strategy)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("No change")
    git(repo, "checkout", "-q", "HEAD~1")
    assert (strategy / "strategy.yaml").read_bytes() == before  # the revision was not touched


def test_the_schema_is_written_while_other_parts_of_strategy_yaml_have_errors(
    minimal: Path,
) -> None:
    _edit(minimal / "strategy.yaml", "  title: Minimal strategy\n", "")
    assert _errors(minimal)  # the document has no title
    result = CliRunner().invoke(cli, ["schema", "--strategy", str(minimal)])
    assert result.exit_code == 0, result.output
    assert (minimal / "schema" / "region.schema.json").is_file()
