"""Output has a cap: however many issues of one code a file has, text and annotations show the
first hundred of each code and file and count the rest; JSON lists every one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from s3gen.cli import cli
from s3gen.errors import SHOWN_PER_CODE_AND_FILE
from tests.conftest import apply_edits, copy_fixture

LIMIT = SHOWN_PER_CODE_AND_FILE


def with_problems(
    folder: Path, citations: int = 0, bad_severities: int = 0, bad_ids: int = 0
) -> Path:
    """The minimal strategy (a fresh copy) with ``citations`` unknown citations in one
    description, or gaps with a misspelt severity and gaps with an id that is not kebab-case,
    all in one file. (References are checked only once the files' structure is valid, so
    citations are not mixed with the others.)"""
    shutil.rmtree(folder / "strategy", ignore_errors=True)
    strategy = copy_fixture("minimal", folder)
    cites = " ".join(f"[@nope-{i}]" for i in range(citations))
    gaps = [
        f"  - id: {'Extra_Gap' if i >= bad_severities else 'extra-gap'}-{i}\n    title: Gap {i}\n"
        f"    description: D.\n    category: funding\n"
        f"    severity: {'hihg' if i < bad_severities else 'low'}\n    illustrative: true\n"
        for i in range(bad_severities + bad_ids)
    ]
    edits = [("    description: Food industry.", f"    description: Food industry {cites}.")]
    edits.append(("actions:\n", "".join(gaps) + "actions:\n"))
    apply_edits(strategy, {"regions/alpha.yaml": edits})
    return strategy


def check_capped(strategy: Path, counts: dict[str, int]) -> None:
    for fmt, prefix in (("text", ""), ("github", "::notice::")):
        lines = run(strategy, "--format", fmt).splitlines()
        for code, count in counts.items():
            shown = [x for x in lines if x.endswith(f"[{code}]") or f"title={code}::" in x]
            assert len(shown) == min(count, LIMIT), (fmt, code)
            more = [x for x in lines if f"more [{code}] issues not shown" in x]
            expected = [
                f"{prefix}{strategy}/regions/alpha.yaml: {count - LIMIT:,} more [{code}] "
                "issues not shown; `--format json` lists them all."
            ]
            assert more == (expected if count > LIMIT else []), (fmt, code)
    total = sum(counts.values())
    text = run(strategy)
    assert f"{total} error{'s' if total != 1 else ''} in 1 of 4 files." in text  # all are counted
    issues = json.loads(run(strategy, "--format", "json"))
    for code, count in counts.items():
        assert sum(i["code"] == code for i in issues) == count, code


def run(strategy: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(strategy), *args])
    assert result.exit_code == 1, result.output
    return result.output


@settings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    bad_severities=st.integers(min_value=0, max_value=2 * LIMIT + 5),
    bad_ids=st.integers(min_value=0, max_value=2 * LIMIT + 5),
)
def test_text_shows_at_most_a_hundred_per_code_and_file_and_counts_the_rest(
    tmp_path: Path, bad_severities: int, bad_ids: int
) -> None:
    assume(bad_severities + bad_ids > 0)  # else a valid strategy: nothing to cap
    strategy = with_problems(tmp_path, bad_severities=bad_severities, bad_ids=bad_ids)
    check_capped(strategy, {"invalid-value": bad_severities, "invalid-id": bad_ids})


def test_cross_file_issues_are_capped_too(tmp_path: Path) -> None:
    for citations in (LIMIT, LIMIT + 1, 3 * LIMIT):
        check_capped(with_problems(tmp_path, citations=citations), {"unknown-reference": citations})


def test_a_command_that_needs_a_valid_strategy_caps_its_list_too(tmp_path: Path) -> None:
    strategy = with_problems(tmp_path, citations=3 * LIMIT)
    result = CliRunner().invoke(cli, ["analyse", "--strategy", str(strategy)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert sum(line.endswith("[unknown-reference]") for line in lines) == LIMIT
    assert f"{2 * LIMIT:,} more [unknown-reference] issues not shown; `s3gen validate " in (
        result.stderr
    )
