"""What a long build is doing and how far it is: on a terminal, one line redrawn as documents
are laid out; elsewhere (CI, a pipe, a log file) plain lines, one per step, which a log keeps.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TextIO


def _nothing(_message: str) -> None:
    pass


class Progress:
    """Steps and counts, each as a line given to ``say``."""

    def __init__(self, say: Callable[[str], None] = _nothing) -> None:
        self._say = say

    def step(self, message: str) -> None:
        """A new step of the build: "validating the strategy"."""
        self._say(message)

    def count(self, done: int, total: int, message: str) -> None:
        """How far a step is: ``done`` of ``total`` things, said by ``message``."""
        self._say(message)

    def end(self) -> None:
        """The build ended (or failed): what follows starts on a line of its own."""


SILENT = Progress()  # a build that says nothing of its steps


class Redrawn(Progress):
    """On a terminal: a count redraws its line instead of adding one."""

    def __init__(self, prefix: str, stream: TextIO) -> None:
        super().__init__(self._line)
        self._prefix, self._stream, self._open = prefix, stream, False

    def _line(self, message: str) -> None:
        self.end()
        self._stream.write(f"{self._prefix}{message}\n")
        self._stream.flush()

    def count(self, done: int, total: int, message: str) -> None:
        # \r back to the start of the line, then erase it (ECMA-48 EL): a shorter count leaves
        # nothing of the longer one before it.
        self._stream.write(f"\r\x1b[2K{self._prefix}{message}")
        self._open = done < total
        self._stream.write("" if self._open else "\n")
        self._stream.flush()

    def end(self) -> None:
        if self._open:
            self._stream.write("\n")
            self._stream.flush()
            self._open = False


def on_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` shows a redrawn line to a person: a terminal that handles ECMA-48
    (not TERM=dumb), outside CI (whose logs show a terminal's redraws as garbage)."""
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):  # a stream without a file, or closed
        return False
    in_ci = os.environ.get("CI", "").lower() not in ("", "0", "false")
    return tty and os.environ.get("TERM", "") != "dumb" and not in_ci


def for_stream(prefix: str, stream: TextIO) -> Progress:
    """The progress of a command whose lines start with ``prefix`` ("s3gen pdf: "), on
    ``stream``."""
    if on_terminal(stream):
        return Redrawn(prefix, stream)

    def say(message: str) -> None:
        stream.write(f"{prefix}{message}\n")
        stream.flush()

    return Progress(say)
