"""Every command refuses what `s3gen validate` refuses: a strategy with an error found while
reading (no regions, an unreadable file) publishes nothing, like one with any other error."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from s3gen.cli import cli
from s3gen.serve import Preview
from tests.conftest import copy_fixture


def _no_region_files(s: Path) -> None:
    for f in (s / "regions").glob("*.yaml"):
        if f.is_file():
            f.unlink()


def _only_other_files(s: Path) -> None:
    _no_region_files(s)
    (s / "regions" / "notes.txt").write_text("not a region\n", encoding="utf-8")


def _no_regions_folder(s: Path) -> None:
    shutil.rmtree(s / "regions")


def _no_sources(s: Path) -> None:
    (s / "sources.yaml").unlink()


def _not_utf8(s: Path) -> None:
    (s / "regions" / "beta.yaml").write_bytes(b"id: beta\nname: \xff\xfe\n")


def _region_file_is_a_folder(s: Path) -> None:
    (s / "regions" / "gamma.yaml").mkdir()


def _syntax_error(s: Path) -> None:
    (s / "regions" / "beta.yaml").write_text("id: [beta\n", encoding="utf-8")


DAMAGE = {
    f.__name__: f
    for f in (
        _no_region_files,
        _only_other_files,
        _no_regions_folder,
        _no_sources,
        _not_utf8,
        _region_file_is_a_folder,
        _syntax_error,
    )
}


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(damage=st.lists(st.sampled_from(sorted(DAMAGE)), min_size=1, max_size=3, unique=True))
def test_what_validate_refuses_no_command_publishes(tmp_path: Path, damage: list[str]) -> None:
    shutil.rmtree(tmp_path / "strategy", ignore_errors=True)
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    strategy = copy_fixture("minimal", tmp_path)
    for name in sorted(damage, key=lambda n: n == "_no_regions_folder"):  # that one last
        DAMAGE[name](strategy)
    out = tmp_path / "out"
    runner = CliRunner()
    validated = runner.invoke(cli, ["validate", "--strategy", str(strategy)])
    if validated.exit_code == 2:  # not a strategy folder at all: a usage error, said once
        return
    refused = validated.exit_code == 1
    commands = [
        ["html", "--out", str(out / "html")],
        ["export", "--out", str(out / "data")],
        ["analyse"],
        ["new", "gap", "--region", "alpha"],
    ]
    if refused:  # a refused PDF costs no layout; an accepted one is tested elsewhere
        commands.append(["pdf", "--out", str(out / "pdf"), "--html-out", str(out / "html")])
    for args in commands:
        result = runner.invoke(cli, [*args, "--strategy", str(strategy)])
        assert result.exit_code == (1 if refused else 0), (damage, args, result.output)
        if refused:
            assert "Fix " in result.output and "first" in result.output, (args, result.output)
    if refused:
        assert not out.exists() or not any(p.is_file() for p in out.rglob("*")), damage
        page = Preview(strategy, None).page
        assert b"The strategy has" in page and b"Minimal strategy</h1>" not in page
