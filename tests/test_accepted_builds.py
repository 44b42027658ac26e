"""Whatever `s3gen validate` accepts, every other command builds: what would fail later (a date
the timeline cannot place, a number no float holds) fails in validation, located."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from s3gen.cli import cli
from tests.conftest import apply_edits, copy_fixture

# Within the bounds often (so that the builds run), beyond them sometimes.
NUMBERS = st.one_of(
    st.integers(0, 10**15), st.sampled_from([10**15 + 1, 10**18, 10**400, 10**4000])
)


@example(start=dt.date(1900, 1, 1), end=dt.date(2199, 12, 31), budget=10**15)  # the bounds
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.dates()),
    end=st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.dates()),
    budget=NUMBERS,
)
def test_what_validate_accepts_builds_and_what_it_refuses_is_located(
    tmp_path: Path, start: dt.date, end: dt.date, budget: int
) -> None:
    shutil.rmtree(tmp_path / "strategy", ignore_errors=True)
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(
        strategy,
        {
            "regions/alpha.yaml": [
                ("    start: 2027-01-01", f'    start: "{start.isoformat()}"'),
                ("    end: 2028-12-31", f'    end: "{end.isoformat()}"'),
            ],
            "regions/beta.yaml": [("budget_eur: 1000", f"budget_eur: {budget}")],
        },
    )
    runner = CliRunner()
    validated = runner.invoke(cli, ["validate", "--strategy", str(strategy)])
    assert "internal error" not in validated.output
    if validated.exit_code == 1:
        assert "[out-of-range]" in validated.output or "[end-before-start]" in validated.output
        return
    assert validated.exit_code == 0, validated.output
    for args in (
        ["html", "--out", str(tmp_path / "out")],
        ["analyse"],
        ["export", "--out", str(tmp_path / "d")],
    ):
        result = runner.invoke(cli, [*args, "--strategy", str(strategy)])
        assert result.exit_code == 0, (args, result.output)
