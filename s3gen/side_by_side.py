"""Lay out independent documents side by side: each in a forked worker, as many at once as
this process may use cores.

WeasyPrint lays out one document on one core, and a document depends on all its pages; the
regions' factsheets (and the summary edition) do not depend on each other, so they are laid out
in parallel. Each worker is a `background.Background`: it inherits the page to lay out without
copying it, ends with its parent however the parent ends (even by SIGKILL), and a job that
fails in its worker is done again here, so that its error is raised with its own message. Ctrl+C
stops every worker. Without a second core (or where forking is not safe) the jobs run here, one
after the other: the documents are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from s3gen.background import Background, can_fork, cores

T = TypeVar("T")


def run_all(
    jobs: Sequence[Callable[[], T]],
    done: Callable[[int, int], None] = lambda _k, _n: None,
) -> list[T]:
    """The result of every job, in order; ``done(k, n)`` after each of the ``n`` jobs ends."""
    n = len(jobs)
    workers = min(cores(), n) if n > 1 and can_fork() else 1
    results: list[T] = []
    running: list[Background[T]] = []
    try:
        for start in range(0, n, workers):
            running = [Background(job, fork=workers > 1) for job in jobs[start : start + workers]]
            for worker in running:
                results.append(worker.result())
                done(len(results), n)
            running = []
    finally:
        for worker in running:  # an error or Ctrl+C: no worker goes on
            worker.cancel()
    return results
