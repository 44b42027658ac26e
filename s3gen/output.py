"""Writing outputs: atomically, so that a failed or interrupted build never leaves a half-written
file and the previous output stays in place until the new one is complete; and knowing, before a
build starts, that its output folders can be written."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from s3gen.errors import S3genError


class OutputProblem(S3genError):
    """An output folder cannot be written into; the message names it and says why."""


def check_writable(folder: Path) -> None:
    """Make sure files can be written into ``folder``, creating it if it is missing, the way
    the build will write them (a temporary file, removed at once): a read-only folder found
    only when the PDF is written would have cost the whole layout."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".s3gen-check-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputProblem(f"cannot write into the folder {folder}: {_why(folder, exc)}") from exc
    os.close(fd)
    os.unlink(probe)


def _why(folder: Path, exc: OSError) -> str:
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        # The first part of the path that is there and is not a folder.
        for part in reversed([folder, *folder.parents]):
            if part.exists() and not part.is_dir():
                return f"{part} is a file, not a folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.ENOENT:
        return "it cannot be created there (no such file or folder)"
    return str(exc.strerror or exc)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
