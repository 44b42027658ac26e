"""Laying out side by side (s3gen/side_by_side.py): results in order, a failing job's own
error, and no worker left running when its parent is killed (SIGKILL) or interrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from s3gen.background import can_fork
from s3gen.side_by_side import run_all


def _square(x: int) -> int:
    return x * x


def test_results_come_in_order_with_progress() -> None:
    seen: list[tuple[int, int]] = []
    jobs = [lambda x=x: _square(x) for x in range(5)]
    assert run_all(jobs, lambda k, n, _job: seen.append((k, n))) == [0, 1, 4, 9, 16]
    assert seen == [(k, 5) for k in range(1, 6)]


def test_a_failing_job_raises_its_own_error() -> None:
    def fails() -> int:
        raise ValueError("the factsheet of X was not written: reason")

    with pytest.raises(ValueError, match="the factsheet of X was not written"):
        run_all([lambda: 1, fails, lambda: 3])


@pytest.mark.skipif(not can_fork(), reason="one core here: the jobs run in this process")
def test_a_worker_takes_the_next_job_while_a_long_one_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Two workers; the first job ends only once the last has run, which it can only while the
    # first still runs: laid out in batches of two, the first job would wait for nothing.
    monkeypatch.setattr("s3gen.side_by_side.cores", lambda: 2)
    last = tmp_path / "last"

    def long() -> str:
        deadline = time.monotonic() + 60  # a bound, not a measurement
        while not last.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return "long, after the last" if last.exists() else "long, alone"

    def quick(x: int) -> str:
        if x == 3:
            last.touch()
        return str(x)

    ended: list[int] = []
    jobs = [long, *(lambda x=x: quick(x) for x in (1, 2, 3))]
    assert run_all(jobs, lambda _k, _n, job: ended.append(job)) == [
        "long, after the last",
        "1",
        "2",
        "3",
    ]
    assert ended == [1, 2, 3, 0]


@pytest.mark.skipif(not can_fork(), reason="one core here: the jobs run in this process")
def test_the_workers_are_forked_once_and_each_does_many_jobs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What WeasyPrint caches in a worker serves its next document too.
    monkeypatch.setattr("s3gen.side_by_side.cores", lambda: 2)
    pids = run_all([os.getpid for _ in range(8)])
    assert len(set(pids)) == 2 and os.getpid() not in pids


@pytest.mark.skipif(not can_fork(), reason="one core here: the jobs run in this process")
def test_a_job_whose_worker_dies_or_whose_result_cannot_travel_is_done_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("s3gen.side_by_side.cores", lambda: 2)
    parent = os.getpid()

    def dies() -> str:
        if os.getpid() != parent:
            os._exit(3)  # a worker killed (out of memory, say) in the middle of its job
        return "done here"

    def local() -> object:
        return lambda: None  # a function defined here cannot be pickled

    results = run_all([lambda: 0, dies, lambda: 2, local, lambda: 4, lambda: 5])
    assert results[:3] == [0, "done here", 2] and results[4:] == [4, 5]
    assert callable(results[3])


@pytest.mark.skipif(not can_fork(), reason="one core here: the jobs run in this process")
def test_meanwhile_runs_here_while_the_workers_are_at_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each job ends only once `meanwhile` has run: it must run while they do, in the parent.
    monkeypatch.setattr("s3gen.side_by_side.cores", lambda: 2)
    parent, flag = os.getpid(), tmp_path / "meanwhile"

    def job() -> bool:
        deadline = time.monotonic() + 60  # a bound, not a measurement
        while not flag.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        return flag.exists()

    def meanwhile() -> None:
        if os.getpid() == parent:
            flag.touch()

    assert run_all([job, job, job], meanwhile=meanwhile) == [True, True, True]


@pytest.mark.skipif(not can_fork(), reason="one core here: the jobs run in this process")
def test_an_error_meanwhile_stops_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("s3gen.side_by_side.cores", lambda: 2)

    def job() -> int:
        (tmp_path / str(os.getpid())).touch()
        time.sleep(60)
        return 0

    def meanwhile() -> None:
        deadline = time.monotonic() + 60  # until both workers are at work
        while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        raise ValueError("a template of the HTML pages is broken")

    with pytest.raises(ValueError, match="template"):
        run_all([job, job], meanwhile=meanwhile)
    workers = [int(p.name) for p in tmp_path.iterdir()]
    assert len(workers) == 2 and not [w for w in workers if _alive(w)]


# A parent whose workers record their pids, then sleep; the test kills the parent.
PARENT = textwrap.dedent(
    """
    import os, sys, time
    from s3gen.side_by_side import run_all
    folder = sys.argv[1]
    def job():
        open(os.path.join(folder, str(os.getpid())), "w").close()
        time.sleep(60)
        return 0
    run_all([job, job])
    """
)


# A SIGTERM that arrives while the parent forks a worker: sent from the fork's own hook (in the
# parent, after the fork), the moment at which a handler's exception used to be printed and
# ignored, so that the build went on to the end.
SIGNAL_DURING_FORK = textwrap.dedent(
    """
    import os, signal, sys
    from s3gen.cli import _terminate
    from s3gen.side_by_side import run_all
    signal.signal(signal.SIGTERM, _terminate)
    os.register_at_fork(after_in_parent=lambda: os.kill(os.getpid(), signal.SIGTERM))
    run_all([lambda: 1, lambda: 2, lambda: 3])
    print("all jobs ended")
    """
)


@pytest.mark.skipif(not can_fork(), reason="one core here: the jobs run in this process")
def test_a_sigterm_while_a_worker_is_forked_ends_the_parent() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SIGNAL_DURING_FORK], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (128 + signal.SIGTERM, ""), done.stderr


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split()[2] == "Z")


@pytest.mark.skipif(not can_fork(), reason="one core here: the jobs run in this process")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT])
def test_no_worker_outlives_its_parent(tmp_path: Path, how: signal.Signals) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT, str(tmp_path)],
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60  # a bound, not a measurement
    while len(list(tmp_path.iterdir())) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    workers = [int(p.name) for p in tmp_path.iterdir()]
    assert len(workers) == 2 and parent.pid not in workers
    parent.send_signal(how)
    parent.wait(timeout=60)
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)]
