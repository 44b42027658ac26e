"""Writing outputs: atomically, so that a failed or interrupted build never leaves a half-written
file and the previous output stays in place until the new one is complete; and knowing, before a
build starts, that its output folders can be written.

An output is always a regular file: a path that is a symbolic link, a folder, a named pipe, a
device or a socket is refused, never replaced or followed.

The temporary file of a write is locked while it is written, so that the next write of the
same output can tell one abandoned by a killed build (nobody holds its lock) from one another
build is still writing, and remove it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from s3gen.errors import S3genError

# Advisory locks (flock) and these open() flags exist on POSIX systems. On Windows a write is
# still atomic; what is lost there is the cleanup of temporary files left by killed builds and
# the turn-taking of two `s3gen new` at once (see tools/scaffold.py).
LOCKS = sys.platform != "win32"
if LOCKS:
    import fcntl
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)

_TEMPORARY_SUFFIX = ".tmp"
# What tempfile.mkstemp puts between the prefix and the suffix: a temporary file of ours has only
# these characters there (one of ``index.html.x.html``'s has dots).
_RANDOM_PART = re.compile(r"[a-z0-9_]+")
# Another build's cleanup may remove a temporary file in the moment between its creation and its
# lock; the write then takes a new one. More than a few in a row is no race but a bug.
_ATTEMPTS = 5
_REMOVE = "remove it or choose another path"
_KINDS = {  # what an output path is instead of a regular file, and what to do
    stat.S_IFDIR: ("a folder", _REMOVE),
    stat.S_IFIFO: ("a named pipe (FIFO)", _REMOVE),
    stat.S_IFSOCK: ("a socket", _REMOVE),
    stat.S_IFCHR: ("a device", "choose another path"),  # /dev/null: never remove it
    stat.S_IFBLK: ("a device", "choose another path"),
}


class OutputProblem(S3genError):
    """An output s3gen cannot or will not write (a folder it cannot write into, a path that is not
    a regular file); the message says which and why."""


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
    if exc.errno in (errno.ENOTDIR, errno.EEXIST, errno.ENOENT):
        found = _first_file(folder)
        if found.is_symlink():
            return f"{found} is a link to {os.readlink(found)}, which is no folder"
        if exc.errno != errno.ENOENT:
            return f"{found} is a file, not a folder"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.EROFS:
        return "the file system is read-only"
    if exc.errno == errno.ENOENT:
        return "it cannot be created there (no such file or folder)"
    return str(exc.strerror or exc)


def open_regular(path: Path | str) -> int:
    """A descriptor of ``path`` opened for reading, refused (OSError) unless it is a regular
    file: a named pipe is opened without waiting for a writer, then refused like a device."""
    fd = os.open(path, os.O_RDONLY | NONBLOCK | CLOEXEC)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file", str(path))
    return fd


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename."""
    refuse_unless_regular_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError) as exc:
        # Named by the file in the way, not by the folder that could not be made ("File
        # exists" when that file is the folder's own name).
        found = _first_file(path.parent)
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(found)) from exc
    remove_abandoned(path)
    fd, tmp = _locked_temporary(path)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
            os.fchmod(fd, 0o644)
            # Renamed while still locked: until then, no cleanup can take it for abandoned.
            os.replace(tmp, path)
        finally:
            os.close(fd)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def refuse_unless_regular_file(path: Path) -> None:
    """Refuse ``path`` unless it is missing or a regular file (a folder on the way to it may be
    a link: only the last name is judged). Replacing a link would not write where it points,
    and following it would write outside the output folder; a named pipe would block a writer
    or lose the file to whoever reads it; a device or a folder is no output."""
    try:
        mode = path.lstat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return  # missing (or below a file, said when its folder is made)
    if stat.S_ISLNK(mode):
        try:
            where = os.readlink(path)
        except OSError:
            where = "?"
        raise OutputProblem(
            f"cannot write {path}: it is a symbolic link (to {where}), and outputs are written "
            "only as regular files; remove the link or choose another path"
        )
    if not stat.S_ISREG(mode):
        kind, advice = _KINDS.get(stat.S_IFMT(mode), ("not a regular file", _REMOVE))
        raise OutputProblem(
            f"cannot write {path}: it is {kind}, and outputs are written only as regular "
            f"files; {advice}"
        )


def _first_file(folder: Path) -> Path:
    """The first name on the way to ``folder`` that is something other than a folder (a file,
    or a link that leads nowhere)."""
    for parent in [*reversed(folder.parents), folder]:
        if os.path.lexists(parent) and not parent.is_dir():
            return parent
    return folder


def _locked_temporary(path: Path) -> tuple[int, str]:
    """A new temporary file beside ``path``, open and locked; its descriptor and name."""
    for _ in range(_ATTEMPTS):
        fd, tmp = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=_TEMPORARY_SUFFIX, dir=path.parent
        )
        try:
            if _hold(fd, tmp):
                return fd, tmp
        except BaseException:
            os.close(fd)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise
        os.close(fd)  # removed by another build's cleanup before it was locked: take another
    raise OutputProblem(f"cannot write {path}: its temporary files kept disappearing")


def _hold(fd: int, tmp: str) -> bool:
    """Lock the temporary file ``fd``; whether it is still there under its name ``tmp``."""
    if not LOCKS:
        return True  # no cleanup removes anything either
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # a cleanup holds it only for as long as an unlink
    except OSError:
        return True  # a file system without locks: none can be taken by a cleanup either
    try:
        named = os.stat(tmp)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)


def remove_abandoned(path: Path) -> None:
    """Remove the temporary files of ``path`` that no live process is writing (a build killed
    between the creation of its temporary file and the rename left them)."""
    prefix = f".{path.name}."
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if (
            name.startswith(prefix)
            and name.endswith(_TEMPORARY_SUFFIX)
            and _RANDOM_PART.fullmatch(name[len(prefix) : -len(_TEMPORARY_SUFFIX)])
        ):
            _remove_if_unlocked(entry.path)


def _remove_if_unlocked(tmp: str) -> None:
    if not LOCKS:
        return  # whether its writer is alive cannot be told: keep it
    try:  # not through a link, and without blocking on a named pipe: neither is ours
        fd = os.open(tmp, os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC)
    except OSError:
        return
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # its writer is alive (or locks do not work here): keep it
            return
        with contextlib.suppress(OSError):
            named = os.lstat(tmp)
            if (named.st_dev, named.st_ino) == (opened.st_dev, opened.st_ino):
                os.unlink(tmp)
    finally:
        os.close(fd)
