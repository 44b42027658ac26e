"""Run one piece of work in a second process while this one goes on.

Building a large report is CPU-bound Python: a thread would not help. A forked child inherits
the validated strategy without copying or pickling it, computes its part on the second core, and
sends the result back through a pipe. Where forking is not possible or not worth it (one core,
other threads running, as in `s3gen serve`, a small strategy, or the fork itself fails), the
work is done in this process when its result is asked for: the result is the same either way.
Children are forked on Linux only.
If the child fails in any way, the work is done again here, so that an error is raised with
its real traceback.

A child never outlives this process: the kernel kills it when its parent dies (even by SIGKILL,
which no handler sees; only Linux offers this, hence forking there only), and a send to a parent
that is gone fails instead of blocking, since the child keeps no copy of the pipe's reading end.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# prctl(2): the signal the kernel sends this process when the thread that forked it ends.
_PR_SET_PDEATHSIG = 1

# Below this many regions the work shared out takes milliseconds: not worth a second process.
PARALLEL_FROM_REGIONS = 50


def worth_forking(regions: int) -> bool:
    """Whether a strategy of ``regions`` regions is built faster with a second process."""
    return regions >= PARALLEL_FROM_REGIONS and can_fork()


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this process may use
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether a second process would run at the same time and is safe to fork."""
    return (
        # Only Linux can have the kernel end a child with its parent (see _die_with); elsewhere a
        # child could go on computing after its parent was killed, so there is none.
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and cores() > 1
        and threading.active_count() == 1  # forking a threaded process can deadlock the child
    )


def _die_with(parent: int) -> None:
    """End this child when ``parent`` does, however it ends (children are forked on Linux
    only)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the broken pipe still ends the child
        pass
    # The parent may have died before the signal was asked for: the kernel would never send it.
    if os.getppid() != parent:
        os._exit(1)


def enter_child(parent: int, parents_ends: Iterable[Connection]) -> None:
    """What a child forked by ``parent`` (with Ctrl+C and SIGTERM held, see `forking`) does
    first."""
    # The parent forked from its only thread (see can_fork), so "the thread that forked it ends"
    # is "the parent ends".
    _die_with(parent)
    # A copy of the parent's end here would keep the pipe open after the parent died, and a
    # result larger than the pipe holds would then block this child forever.
    for end in parents_ends:
        end.close()
    # Ctrl+C reaches every process of the terminal: the parent handles it and ends this one
    # (by SIGTERM, which unwinds the child as it does the parent: a file being written is
    # removed). Both were held across the fork, so that neither interrupts the child before
    # this line.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


# Held across a fork. In the parent, a handler that ran inside the fork would run in one of the
# fork's own hooks (logging's, say), where Python prints the exception and goes on: the build
# ignored a SIGTERM that came at that moment and finished. Held, it is handled after the fork.
_HELD = {signal.SIGINT, signal.SIGTERM}


@contextlib.contextmanager
def forking() -> Iterator[None]:
    """Around a fork: Ctrl+C and SIGTERM wait until the fork is over, in the parent, and until
    the child has set itself up (`enter_child`)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)


def _work(func: Callable[[], Any], conn: Connection, other_end: Connection, parent: int) -> None:
    enter_child(parent, [other_end])
    try:
        conn.send(func())
    except Exception:  # nothing sent (or the parent is gone): it sees EOF and works itself
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
            self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("fork")
        receive = send = None
        try:
            with forking():
                receive, send = context.Pipe(duplex=False)
                process = context.Process(
                    target=_work, args=(self._func, send, receive, os.getpid()), daemon=True
                )
                process.start()
        except OSError:  # no memory or processes left for a fork: work here instead
            for end in (receive, send):
                if end is not None:
                    end.close()
            return
        send.close()
        self._process, self._conn = process, receive

    @property
    def forked(self) -> bool:
        return self._process is not None

    @property
    def ready(self) -> Connection | None:
        """What becomes readable when the child has sent its result (for
        `multiprocessing.connection.wait`); None when the work is done here."""
        return self._conn

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
        """The value of ``func()``; an exception it raises is raised here."""
        if self._conn is None:
            return self._func()
        try:
            value: T = self._conn.recv()
        except BaseException as exc:
            self.cancel()
            if not isinstance(exc, Exception):  # Ctrl+C while waiting: stop the child, go on
                raise
            # The child failed (an error, or a result that cannot travel): work here instead.
            return self._func()
        self._conn.close()
        self._conn = None
        if self._process is not None:
            self._process.join()  # it has sent its result and is ending
            self._process = None
        return value
