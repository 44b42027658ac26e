"""Change reports between two versions of a strategy: exact change lists on fixture pairs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from s3gen.cli import cli
from s3gen.source.validate import check_strategy
from s3gen.tools.diff import diff_strategies
from tests.conftest import apply_edits, committed_minimal, copy_fixture, git


def load(folder: Path):  # type: ignore[no-untyped-def]
    result = check_strategy(folder)
    assert result.strategy is not None, result.issues
    return result.strategy


def changes(before: Path, after: Path) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    d = diff_strategies(load(before), load(after), "a", "b")
    return [(c.kind, c.id, c.change, c.old_id, tuple(f.field for f in c.fields)) for c in d.changes]


def pair(tmp_path: Path) -> tuple[Path, Path]:
    before = copy_fixture("minimal", tmp_path / "a")
    after = copy_fixture("minimal", tmp_path / "b")
    return before, after


def test_no_change(tmp_path: Path) -> None:
    before, after = pair(tmp_path)
    assert changes(before, after) == []


def test_added_removed_and_changed_items(tmp_path: Path) -> None:
    before, after = pair(tmp_path)
    apply_edits(
        after,
        {
            "regions/beta.yaml": [
                ("budget_eur: 1000", "budget_eur: 1500"),
                ("        target: 20", "        target: 25"),
                (
                    "  - id: beta-skills\n",
                    "  - id: beta-data\n    title: Data\n    description: No data.\n"
                    "    category: data_and_monitoring\n    severity: low\n"
                    "    illustrative: true\n  - id: beta-skills\n",
                ),
            ],
            "regions/alpha.yaml": [
                (
                    "    illustrative: true\npeer_learning:\n",
                    "    illustrative: true\npeer_learning: []\n",
                ),
                ("  - id: alpha-learns\n", ""),
                ("    topic: Cluster support\n", ""),
                ("    mentors: [beta]\n", ""),
                ("    good_practice: beta-clusters\n", ""),
                ("    gap: alpha-funding\n", ""),
                ("    format: study_visit\n    illustrative: true\n", ""),
            ],
            "strategy.yaml": [
                (
                    "  summary: Summary citing [@src-one].",
                    "  summary: |\n    Summary citing [@src-one].\n    A second line.",
                )
            ],
        },
    )
    assert changes(before, after) == [
        ("document", "mini", "changed", "", ("chapters.summary",)),
        ("gap", "beta-data", "added", "", ()),
        ("action", "beta-academy", "changed", "", ("budget_eur",)),
        ("indicator", "beta-trained", "changed", "", ("target",)),
        ("peer-learning", "alpha-learns", "removed", "", ()),
    ]


def test_text_fields_get_a_line_diff(tmp_path: Path) -> None:
    before, after = pair(tmp_path)
    apply_edits(
        before, {"strategy.yaml": [("  vision: Vision.", "  vision: |\n    One.\n    Two.")]}
    )
    apply_edits(
        after, {"strategy.yaml": [("  vision: Vision.", "  vision: |\n    One.\n    Three.")]}
    )
    d = diff_strategies(load(before), load(after), "a", "b")
    assert d.changes[0].fields[0].text_diff == (" One.", "-Two.", "+Three.")


def test_a_renamed_region_file_with_a_new_id_is_an_id_change(tmp_path: Path) -> None:
    before, after = pair(tmp_path)
    beta = after / "regions" / "beta.yaml"
    beta.rename(after / "regions" / "betta.yaml")
    apply_edits(
        after,
        {
            "regions/betta.yaml": [("id: beta\n", "id: betta\n")],
            "regions/alpha.yaml": [
                ("partner_regions: [beta]", "partner_regions: [betta]"),
                ("mentors: [beta]", "mentors: [betta]"),
            ],
        },
    )
    assert changes(before, after) == [
        ("region", "betta", "id-changed", "beta", ()),
        ("action", "alpha-vouchers", "changed", "", ("partner_regions",)),
        ("peer-learning", "alpha-learns", "changed", "", ("mentors",)),
    ]


def test_an_id_change_with_other_edits_is_found_by_title(tmp_path: Path) -> None:
    before, after = pair(tmp_path)
    apply_edits(
        after,
        {
            "regions/alpha.yaml": [
                ("  - id: alpha-food", "  - id: alpha-agri-food"),
                ("    description: Food industry.", "    description: Agri-food industry."),
            ]
        },
    )
    assert changes(before, after) == [
        ("priority", "alpha-agri-food", "id-changed", "alpha-food", ("description",)),
    ]


def test_diff_between_git_revisions_in_every_format(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    strategy = copy_fixture("minimal", repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    apply_edits(strategy, {"regions/beta.yaml": [("budget_eur: 1000", "budget_eur: 2000")]})
    git(repo, "commit", "-qam", "second")
    run = CliRunner().invoke
    text = run(cli, ["diff", "HEAD~1", "HEAD", "--strategy", str(strategy)])
    assert text.exit_code == 0, text.output
    assert text.output.splitlines() == [
        "Changes from revision HEAD~1 to revision HEAD: 1 changed.",
        "",
        "Actions",
        '  ~ beta-academy "Academy" in beta: changed',
        "      budget_eur: 1000 -> 2000",
    ]
    md = run(cli, ["diff", "HEAD~1", "--format", "markdown", "--strategy", str(strategy)])
    assert "- **~** `beta-academy`" in md.output and "`budget_eur`: 1000 → 2000" in md.output
    data = json.loads(
        run(cli, ["diff", "HEAD~1", "--format", "json", "--strategy", str(strategy)]).output
    )
    assert data["changes"][0]["fields"][0] == {
        "field": "budget_eur",
        "before": 1000.0,
        "after": 2000.0,
        "text_diff": [],
    }


def test_unknown_revision_is_a_clear_error(minimal: Path, tmp_path: Path) -> None:
    """A revision or folder that does not exist is a usage error (exit 2, as the README's table
    of exit codes says), naming the argument and what to write instead."""
    outside = CliRunner().invoke(cli, ["diff", "no-such-rev", "--strategy", str(minimal)])
    assert outside.exit_code == 2, outside.output
    assert outside.output.endswith(
        f"Error: Invalid value for 'REV_A': 'no-such-rev' is taken as a git revision, and "
        f"{minimal} is not in a git repository; to compare two strategy folders, write each as "
        "a path (./other, ../other, /abs/other)\n"
    ), outside.output
    strategy = committed_minimal(tmp_path)
    inside = CliRunner().invoke(cli, ["diff", "no-such-rev", "--strategy", str(strategy)])
    assert inside.exit_code == 2, inside.output
    assert inside.output.endswith(
        f"Error: Invalid value for 'REV_A': 'no-such-rev' is not a git revision of the "
        f"repository at {strategy.parent}; `git log --oneline` and `git branch` list the "
        "revisions there\n"
    ), inside.output
    second = CliRunner().invoke(cli, ["diff", "HEAD", "no-such-rev", "--strategy", str(strategy)])
    assert second.exit_code == 2, second.output
    assert "Error: Invalid value for 'REV_B': 'no-such-rev' is not" in second.output


def test_a_revision_is_never_taken_for_a_folder_of_the_same_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pull request that commits a folder named origin/main (a copy of its own strategy)
    must not make `s3gen diff origin/main` compare the strategy with itself."""
    strategy = committed_minimal(tmp_path)
    repo = strategy.parent
    git(repo, "branch", "base")
    apply_edits(strategy, {"regions/alpha.yaml": [("severity: high", "severity: low")]})
    shutil.copytree(strategy, repo / "base")  # a folder with the revision's name
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "change, with a decoy folder")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(cli, ["diff", "base", "--strategy", "strategy"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Changes from revision base to the files in strategy: 1 ")
    # The folder is compared only when written as one.
    folder = CliRunner().invoke(cli, ["diff", "./base", "--strategy", "strategy"])
    assert folder.exit_code == 0 and folder.output.startswith("No change from folder ./base")
    missing = CliRunner().invoke(cli, ["diff", "./nope", "--strategy", "strategy"])
    assert missing.exit_code == 2, missing.output
    assert missing.output.endswith(
        "Error: Invalid value for 'REV_A': there is no folder ./nope\n"
    ), missing.output
    shutil.copytree(strategy, repo / "other")
    hint = CliRunner().invoke(cli, ["diff", "other", "--strategy", "strategy"])
    assert hint.exit_code == 2, hint.output
    assert hint.output.endswith(
        "Error: Invalid value for 'REV_A': 'other' is not a git revision of the repository at "
        f"{repo}; to compare with the folder other, write ./other\n"
    ), hint.output


def test_an_item_moved_to_another_region_is_a_change(tmp_path: Path) -> None:
    before, after = pair(tmp_path)
    gap = (
        "  - id: beta-skills\n    title: Skills\n    description: Too few skilled staff.\n"
        "    category: skills\n    severity: low\n    illustrative: true\n"
    )
    apply_edits(
        after,
        {
            "regions/beta.yaml": [(gap, ""), ("gaps:\n", "gaps: []\n")],
            "regions/alpha.yaml": [("gaps:\n", "gaps:\n" + gap)],
        },
    )
    assert changes(before, after) == [("gap", "beta-skills", "changed", "", ("region",))]


def test_a_committed_link_out_of_the_strategy_is_refused_as_the_loader_refuses_it(
    tmp_path: Path,
) -> None:
    """A revision is read like the folder: a committed link that leads out of the strategy (or
    round in a loop) is a located error in that revision, and what it points at is never read."""
    strategy = committed_minimal(tmp_path)
    repo = strategy.parent
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\nname: SECRET-TEXT\n", encoding="utf-8")
    (strategy / "regions" / "gamma.yaml").symlink_to(secret)  # absolute
    (strategy / "regions" / "delta.yaml").symlink_to("../../../secret.yaml")  # relative
    (strategy / "regions" / "loop.yaml").symlink_to("loop.yaml")
    (strategy / "regions" / "nowhere.yaml").symlink_to("gone.yaml")  # inside, to nothing
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "links")
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", "--strategy", str(strategy)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == "The strategy at revision HEAD is not valid:"
    found = [
        (line.split(": ", 1)[0].rsplit("/", 2)[-2:], line.rsplit(" ", 1)[-1]) for line in lines[1:4]
    ]
    assert found == [
        (["regions", "delta.yaml:1:1"], "[outside-strategy]"),
        (["regions", "gamma.yaml:1:1"], "[outside-strategy]"),
        (["regions", "loop.yaml:1:1"], "[missing-file]"),
    ], result.output
    assert f"is a link to {secret}, outside the strategy folder" in lines[2]
    assert "SECRET-TEXT" not in result.output and "internal error" not in result.output
    # A revision's files are named as git names them, not by the folder they were extracted to.
    assert lines[1].startswith("HEAD:strategy/regions/delta.yaml:1:1: "), lines[1]
    assert "s3gen-diff-" not in result.output
    # The files as they are now say the same.
    now = CliRunner().invoke(cli, ["diff", "HEAD~1", "--strategy", str(strategy)])
    assert now.exit_code == 1 and "[outside-strategy]" in now.output, now.output


def test_a_committed_regions_folder_linked_out_is_not_listed(tmp_path: Path) -> None:
    strategy = committed_minimal(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(strategy / "regions", elsewhere)
    (elsewhere / "private-name.txt").write_text("x\n", encoding="utf-8")
    (strategy / "regions").symlink_to(elsewhere)
    git(strategy.parent, "add", "-A")
    git(strategy.parent, "commit", "-qm", "regions elsewhere")
    result = CliRunner().invoke(cli, ["diff", "HEAD~1", "HEAD", "--strategy", str(strategy)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[1] == (
        f"HEAD:strategy/regions:1:1: error: 'regions' is a link to {elsewhere}, outside the "
        "strategy folder; its files are not read. Copy the folder into the strategy folder "
        "instead [outside-strategy]"
    ), result.output
    assert "private-name" not in result.output
