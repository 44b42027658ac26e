"""Work done in a second process: the same result as in this one, errors raised here."""

from __future__ import annotations

import multiprocessing
import os
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from benchmarks.generate import generate
from s3gen import background, build
from s3gen.background import Background
from s3gen.cli import cli
from s3gen.model.kinds import DATA_FILES
from s3gen.report import markdown


def test_this_machine_can_fork() -> None:
    """Correctness needs fork only (Linux has it), not a second core. Where fork is missing
    the tests below fail rather than being skipped."""
    assert "fork" in multiprocessing.get_all_start_methods()


def _pid_and_sum() -> tuple[int, int]:
    return os.getpid(), sum(range(1000))


def test_forked_work_runs_in_another_process_with_the_same_result() -> None:
    work = Background(_pid_and_sum, fork=True)
    assert work.forked
    pid, total = work.result()
    assert pid != os.getpid()
    assert total == 499500
    assert Background(_pid_and_sum, fork=False).result() == (os.getpid(), 499500)


def _fails() -> None:
    raise ValueError("no such region: 'vidzme'")


@pytest.mark.parametrize("fork", [True, False])
def test_an_error_in_the_work_is_raised_where_the_result_is_asked_for(fork: bool) -> None:
    work = Background(_fails, fork=fork)
    with pytest.raises(ValueError, match="vidzme") as raised:
        work.result()
    # Raised again here, so its traceback shows where the work failed.
    assert raised.traceback[-1].name == "_fails"


def test_a_result_that_cannot_travel_is_computed_here() -> None:
    parent = os.getpid()
    work = Background(lambda: lambda: os.getpid(), fork=True)  # a lambda does not pickle
    assert work.forked
    assert work.result()() == parent


def test_a_failed_fork_does_the_work_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork(self: object) -> None:
        raise OSError(12, "Cannot allocate memory")

    monkeypatch.setattr(multiprocessing.get_context("fork").Process, "start", no_fork)
    work = Background(_pid_and_sum, fork=True)
    assert not work.forked
    assert work.result() == (os.getpid(), 499500)


def test_a_child_that_dies_has_its_work_redone_here() -> None:
    parent = os.getpid()

    def dies_in_the_child() -> str:
        if os.getpid() != parent:
            os._exit(3)
        return "done here"

    assert Background(dies_in_the_child, fork=True).result() == "done here"


def test_a_large_report_is_the_same_built_with_a_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = generate(12, tmp_path / "g12")
    forked: list[bool] = []

    class Recorded(Background[Any]):
        def result(self) -> Any:
            forked.append(self.forked)
            return super().result()

    monkeypatch.setattr(background, "can_fork", lambda: True)  # even on a one-core runner
    monkeypatch.setattr(build, "Background", Recorded)  # the open data
    monkeypatch.setattr(markdown, "Background", Recorded)  # half of the Markdown
    built = {}
    for threshold in (1, 10_000):  # forked, then in this process
        monkeypatch.setattr(background, "PARALLEL_FROM_REGIONS", threshold)
        out = tmp_path / f"html-{threshold}"
        result = CliRunner().invoke(
            cli, ["html", "--strategy", str(folder), "--out", str(out)], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        files = [out / "index.html", *sorted((out / "data").iterdir())]
        built[threshold] = {p.name: p.read_bytes() for p in files}
    assert forked == [True, True, False, False]
    assert built[1] == built[10_000]
    assert len(built[1]) == 1 + len(DATA_FILES) and all(built[1].values())


def _sleeps() -> None:
    time.sleep(60)


def test_leaving_the_block_early_stops_the_child() -> None:
    with pytest.raises(RuntimeError), Background(_sleeps, fork=True) as work:
        process = work._process
        assert process is not None and process.is_alive()
        raise RuntimeError("the template failed")
    assert not process.is_alive()
    # Stopped by a signal, not waited for: a child that finished its minute would exit with 0.
    assert process.exitcode is not None and process.exitcode < 0
