"""The CI workflow and the pre-commit hooks call commands that exist, with options they take."""

from __future__ import annotations

import re
import shlex

import yaml
from click.testing import CliRunner

from s3gen.cli import cli
from tests.conftest import REPO


def s3gen_calls(text: str) -> list[list[str]]:
    calls = []
    for match in re.finditer(r"s3gen ([^|\n]+)", text):
        words = shlex.split(match.group(1).replace('"origin/${{ github.base_ref }}"', "HEAD"))
        calls.append([w for w in words if not w.startswith(">")])
    return calls


def test_workflow_is_valid_yaml_and_its_s3gen_calls_parse() -> None:
    text = (REPO / ".github" / "workflows" / "strategy.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    assert set(workflow["jobs"]) == {"review", "publish"}
    calls = s3gen_calls(text)
    assert ["validate", "--format", "github"] in calls
    for call in calls:
        result = CliRunner().invoke(cli, [*call, "--help"])
        assert result.exit_code == 0, (call, result.output)


def test_pre_commit_hooks_call_s3gen() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["s3gen-validate", "s3gen-schema"]
    for hook in hooks:
        args = shlex.split(hook["entry"])
        assert args[0] == "s3gen"
        result = CliRunner().invoke(cli, [*args[1:], "--help"])
        assert result.exit_code == 0, hook
