"""Run one piece of work in a second process while this one goes on.

Building a large report is CPU-bound Python: a thread would not help. A forked child inherits
the validated strategy without copying or pickling it, computes its part on the second core, and
sends the result back through a pipe. Where forking is not possible or not worth it (one core,
other threads running, as in `s3gen serve`, or a small strategy), the work is done in this
process when its result is asked for: the result is the same either way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


# Below this many regions the work shared out takes milliseconds: not worth a second process.
PARALLEL_FROM_REGIONS = 50


def worth_forking(regions: int) -> bool:
    """Whether a strategy of ``regions`` regions is built faster with a second process."""
    return regions >= PARALLEL_FROM_REGIONS and can_fork()


def can_fork() -> bool:
    """Whether a second process would run at the same time and is safe to fork."""
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and (os.cpu_count() or 1) > 1
        and threading.active_count() == 1  # forking a threaded process can deadlock the child
    )


def _work(func: Callable[[], Any], conn: Connection) -> None:
    # Ctrl+C reaches every process of the terminal: the parent handles it and ends this one.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        outcome: tuple[str, Any] = ("ok", func())
    except Exception as exc:  # sent back and raised where the result is asked for
        outcome = ("error", exc)
    try:
        conn.send(outcome)
    except Exception:  # an unpicklable error: the parent sees EOF and redoes the work itself
        pass
    finally:
        conn.close()


class Background(Generic[T]):
    """``func()`` computed in a forked child (when ``fork`` is true), collected by ``result()``."""

    def __init__(self, func: Callable[[], T], fork: bool) -> None:
        self._func = func
        self._conn: Connection | None = None
        self._process: multiprocessing.process.BaseProcess | None = None
        if fork:
            context = multiprocessing.get_context("fork")
            receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_work, args=(func, send), daemon=True)
            self._process.start()
            send.close()
            self._conn = receive

    @property
    def forked(self) -> bool:
        return self._process is not None

    def __enter__(self) -> Background[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()

    def cancel(self) -> None:
        """Stop the child if its result was not collected (the build failed meanwhile)."""
        if self._process is not None:
            self._process.terminate()
            self._process.join()
            self._process = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def result(self) -> T:
        """The value of ``func()``; an exception it raised is raised here."""
        if self._process is None or self._conn is None:
            return self._func()
        try:
            status, value = self._conn.recv()
        except EOFError:  # the child died or could not send its result: do the work here
            status, value = "ok", self._func()
        finally:
            self._conn.close()
            self._conn = None
            self._process.join()
            self._process = None
        if status == "error":
            raise value
        result: T = value
        return result
