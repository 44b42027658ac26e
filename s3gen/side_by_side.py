"""Lay out independent documents side by side: in forked workers, as many as this process may
use cores, each taking the next document as soon as it has sent back the last.

WeasyPrint lays out one document on one core, and a document depends on all its pages; the
report, its summary edition and the regions' factsheets do not depend on each other, so they
are laid out in parallel. A worker takes the next job as soon as it is free (the report takes
longer than all the factsheets together on a small strategy: it is not waited for by a batch).
The workers are forked once, after every job is known: each inherits the jobs without copying
or pickling them and is told only which to do next, and keeps what WeasyPrint caches from one
document to the next (a worker forked per document did a tenth more work than one process
laying them all out). A worker ends with its parent however the parent ends (even by SIGKILL,
see `background.enter_child`); a job that fails in its worker, or whose worker died, is done
again here, so that its error is raised with its own message. Ctrl+C stops every worker.
Without a second core (or where forking is not safe) the jobs run here, one after the other:
the documents are the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar, cast

from s3gen.background import can_fork, cores, enter_child, forking

T = TypeVar("T")


def _serve(
    jobs: Sequence[Callable[[], Any]], conn: Connection, parents_ends: list[Connection], parent: int
) -> None:
    """A worker: do ``jobs[index]`` for each index received, send back (done, result), until
    the parent closes the pipe."""
    enter_child(parent, parents_ends)
    while True:
        try:
            index = conn.recv()
        except (EOFError, OSError):
            break
        try:
            answer = (True, jobs[index]())
        except Exception:  # the parent does the job itself, for the error with its traceback
            answer = (False, None)
        try:
            conn.send(answer)
        except Exception:  # a result that cannot travel (nothing was sent), or no parent
            try:
                conn.send((False, None))
            except Exception:
                break
    conn.close()


class _Worker:
    def __init__(self, jobs: Sequence[Callable[[], Any]], others: list[Connection]) -> None:
        context = multiprocessing.get_context("fork")
        mine = theirs = None
        try:
            with forking():
                mine, theirs = context.Pipe(duplex=True)
                # It closes the parent's ends of every worker's pipe, its own included.
                self.process = context.Process(
                    target=_serve, args=(jobs, theirs, [mine, *others], os.getpid()), daemon=True
                )
                self.process.start()
        except BaseException:
            for end in (mine, theirs):
                if end is not None:
                    end.close()
            raise
        theirs.close()
        self.conn = mine
        self.job = -1  # the index of the job it does now

    def stop(self, at_once: bool) -> None:
        """End the worker: when it is done (it reads the end of its pipe), or ``at_once``."""
        if at_once:
            self.process.terminate()
        self.conn.close()
        self.process.join()


def run_all(
    jobs: Sequence[Callable[[], T]],
    done: Callable[[int, int, int], None] = lambda _k, _n, _job: None,
    meanwhile: Callable[[], object] = lambda: None,
) -> list[T]:
    """The result of every job, in order; ``done(k, n, job)`` when the ``k``-th of the ``n``
    jobs to end, ``jobs[job]``, has ended. Jobs start in their order: the longest first.
    ``meanwhile()`` is done here once the workers are at work (first, without workers); an
    error it raises stops them."""
    n = len(jobs)
    results: dict[int, T] = {}
    # A failure starts no further job, lets those running end, and raises the error of the
    # first failed job in order: the same error whichever worker happened to end first.
    failed: dict[int, Exception] = {}
    waiting: Iterator[int] = iter(range(n))

    def here(index: int) -> None:
        try:
            results[index] = jobs[index]()
        except Exception as exc:
            failed[index] = exc
            return
        done(len(results), n, index)

    workers: list[_Worker] = []
    ended_well = False
    try:
        for _ in range(min(cores(), n) if n > 1 and can_fork() else 0):
            try:
                workers.append(_Worker(jobs, [w.conn for w in workers]))
            except OSError:  # no memory or processes left for a fork: fewer workers
                break
        busy: dict[Connection, _Worker] = {}

        def give(worker: _Worker) -> None:
            index = None if failed else next(waiting, None)
            if index is not None:
                worker.conn.send(index)
                worker.job = index
                busy[worker.conn] = worker

        for worker in workers:
            give(worker)
        meanwhile()
        while busy:
            for ready in wait(list(busy)):
                worker = busy.pop(cast(Connection, ready))
                try:
                    answer: tuple[bool, T] = worker.conn.recv()
                except (EOFError, OSError):  # the worker died: its job is done here
                    workers.remove(worker)
                    worker.stop(at_once=True)
                    here(worker.job)
                    continue
                sent, value = answer
                if sent:
                    results[worker.job] = value
                    done(len(results), n, worker.job)
                else:
                    here(worker.job)
                give(worker)
        for index in waiting:  # no worker (left): the jobs run here
            if failed:
                break
            here(index)
        ended_well = True
    finally:
        for worker in workers:  # after Ctrl+C or an error here, no worker goes on
            worker.stop(at_once=not ended_well)
    if failed:
        raise failed[min(failed)]
    return [results[i] for i in range(n)]
