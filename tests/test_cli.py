"""The command line: exit codes, output formats, help for every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from s3gen.cli import cli
from tests.conftest import apply_edits


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def break_alpha(root: Path) -> None:
    apply_edits(
        root,
        {
            "regions/alpha.yaml": [
                ("severity: high", "severity: hihg"),
                ("name: Alpha", "name: yes"),
            ]
        },
    )


def test_valid_strategy_exits_0(minimal: Path) -> None:
    result = run("validate", "--strategy", str(minimal))
    assert result.exit_code == 0, result.output
    assert result.output == "No issues in 4 files.\n"


def test_invalid_strategy_exits_1_with_located_messages(minimal: Path) -> None:
    break_alpha(minimal)
    result = run("validate", "--strategy", str(minimal))
    assert result.exit_code == 1, result.output
    alpha = minimal / "regions" / "alpha.yaml"
    assert result.output.splitlines() == [
        f"{alpha}:2:7: error: name: 'name' should be a text, but YAML read yes as the boolean "
        'true; put it in quotes: name: "yes" [implicit-type]',
        f"{alpha}:21:15: error: gaps[0].severity: 'hihg' is not allowed in 'severity' (did you "
        "mean 'high'?); allowed: low, medium, high [invalid-value]",
        "2 errors in 1 of 4 files.",
        "References between files and warnings are checked once these errors are fixed.",
    ]


def test_warnings_exit_0_unless_strict(minimal: Path) -> None:
    apply_edits(minimal, {"regions/beta.yaml": [("    gaps: [beta-skills]\n", "")]})
    relaxed = run("validate", "--strategy", str(minimal))
    assert relaxed.exit_code == 0, relaxed.output
    assert ": warning: gaps[0].id: no action addresses gap 'beta-skills'" in relaxed.output
    strict = run("validate", "--strict", "--strategy", str(minimal))
    assert strict.exit_code == 1, strict.output
    assert ": error: gaps[0].id: no action addresses gap 'beta-skills'" in strict.output


def test_json_format_is_a_list_of_issue_objects(minimal: Path) -> None:
    break_alpha(minimal)
    result = run("validate", "--format", "json", "--strategy", str(minimal))
    assert result.exit_code == 1
    issues = json.loads(result.output)
    assert [(i["code"], i["line"], i["column"], i["path"], i["severity"]) for i in issues] == [
        ("implicit-type", 2, 7, "name", "error"),
        ("invalid-value", 21, 15, "gaps[0].severity", "error"),
    ]
    assert set(issues[0]) == {"code", "severity", "file", "line", "column", "path", "message"}


def test_json_format_of_a_clean_strategy_is_an_empty_list(minimal: Path) -> None:
    result = run("validate", "--format", "json", "--strategy", str(minimal))
    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_github_format_is_workflow_commands(minimal: Path) -> None:
    break_alpha(minimal)
    result = run("validate", "--format", "github", "--strategy", str(minimal))
    assert result.exit_code == 1
    first = result.output.splitlines()[0]
    alpha = str(minimal / "regions" / "alpha.yaml").replace(":", "%3A").replace(",", "%2C")
    assert first.startswith(f"::error file={alpha},line=2,col=7,title=implicit-type::name: ")


def test_missing_strategy_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_unknown_format_is_a_usage_error(minimal: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--format", "xml", "--strategy", str(minimal)])
    assert result.exit_code == 2
    assert "'xml' is not one of 'text', 'json', 'github'" in result.output


def _commands(group: click.Group) -> list[str]:
    return sorted(group.commands)


@pytest.mark.parametrize("command", [[], *[[c] for c in _commands(cli)]])
def test_every_command_has_help(command: list[str]) -> None:
    for flag in ("--help", "-h"):
        result = run(*command, flag)
        assert result.exit_code == 0, result.output
        assert "Usage: " in result.output
    target = cli if not command else cli.commands[command[0]]
    assert target.help and len(target.help.strip()) > 20


def test_version_is_the_installed_distributions_and_the_packages() -> None:
    """`--version` says what pip installed; the package, pyproject.toml and the installed
    metadata say the same version (a release changes all of them at once)."""
    import importlib.metadata
    import tomllib

    import s3gen
    from tests.conftest import REPO

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    installed = importlib.metadata.version("s3gen")
    assert installed == s3gen.__version__ == project["version"]
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"s3gen, version {installed}\n"


def test_version_falls_back_to_the_package_when_not_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib.metadata

    def not_installed(name: str) -> str:
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(importlib.metadata, "version", not_installed)
    monkeypatch.setattr("s3gen.cli.__version__", "9.9.9")
    assert run("--version").output == "s3gen, version 9.9.9\n"


def test_python_m_s3gen_runs_the_cli(minimal: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "s3gen", "validate", "--strategy", str(minimal)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "No issues in 4 files.\n"


def test_broken_files_never_give_a_traceback(minimal: Path) -> None:
    apply_edits(
        minimal,
        {
            "regions/alpha.yaml": b"\x00\x01binary",
            "strategy.yaml": "[1, 2",
            "sources.yaml": "sources: !!binary aGVsbG8=",
        },
    )
    proc = subprocess.run(
        [sys.executable, "-m", "s3gen", "validate", "--strategy", str(minimal)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert [line.rsplit("[", 1)[-1] for line in proc.stdout.splitlines()[:3]] == [
        "not-utf8]",
        "yaml-tag]",
        "yaml-syntax]",
    ]


def test_a_folder_that_is_not_a_strategy_is_a_usage_error(minimal: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(minimal / "regions")])
    assert result.exit_code == 2
    assert (
        "is not a strategy folder: it has no strategy.yaml and no regions/; did you mean"
        in " ".join(result.output.split())
    )


def test_an_unwritable_output_is_an_error_not_a_bug(minimal: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "s3gen",
            "html",
            "--strategy",
            str(minimal),
            "--out",
            str(blocker / "sub"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert "bug" not in proc.stderr and "Traceback" not in proc.stderr
    assert f"{blocker} is a file, not a folder" in proc.stderr
