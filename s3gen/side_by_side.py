"""Lay out independent documents side by side: each in a forked worker, as many at once as
this process may use cores.

WeasyPrint lays out one document on one core, and a document depends on all its pages; the
report, its summary edition and the regions' factsheets do not depend on each other, so they
are laid out in parallel. A worker starts as soon as another ends (the report takes longer than
all the factsheets together on a small strategy: it is not waited for by a batch). Each worker
is a `background.Background`: it inherits the page to lay out without copying it, ends with its
parent however the parent ends (even by SIGKILL), and a job that fails in its worker is done
again here, so that its error is raised with its own message. Ctrl+C stops every worker.
Without a second core (or where forking is not safe) the jobs run here, one after the other:
the documents are the same either way.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import wait
from typing import TypeVar

from s3gen.background import Background, can_fork, cores

T = TypeVar("T")


def run_all(
    jobs: Sequence[Callable[[], T]],
    done: Callable[[int, int, int], None] = lambda _k, _n, _job: None,
) -> list[T]:
    """The result of every job, in order; ``done(k, n, job)`` when the ``k``-th of the ``n``
    jobs to end, ``jobs[job]``, has ended. Jobs start in their order: the longest first."""
    n = len(jobs)
    workers = min(cores(), n) if n > 1 and can_fork() else 1
    results: dict[int, T] = {}
    if workers == 1:
        for index, job in enumerate(jobs):
            results[index] = job()
            done(len(results), n, index)
        return [results[i] for i in range(n)]
    waiting: Iterator[tuple[int, Callable[[], T]]] = iter(enumerate(jobs))
    running: dict[int, Background[T]] = {}
    # A failure starts no further job, lets those running end, and raises the error of the
    # first failed job in order: the same error whichever worker happened to end first.
    failed: dict[int, Exception] = {}
    try:
        while running or (not failed and len(results) < n):
            for index, job in itertools.islice(waiting, workers - len(running)):
                running[index] = Background(job, fork=True)
            # A worker that could not be forked does its job here, when its result is asked for.
            handles = {w.ready: i for i, w in running.items() if w.ready is not None}
            ended = [i for i, w in running.items() if w.ready is None]
            if not ended:
                ended = [handles[h] for h in wait(list(handles))]  # type: ignore[index]
            for index in sorted(ended):
                try:
                    results[index] = running.pop(index).result()
                except Exception as exc:
                    failed[index] = exc
                    waiting = iter(())
                    continue
                done(len(results), n, index)
    finally:
        for worker in running.values():  # Ctrl+C: no worker goes on
            worker.cancel()
    if failed:
        raise failed[min(failed)]
    return [results[i] for i in range(n)]
