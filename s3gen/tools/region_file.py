"""Changing a region file for `s3gen new`: exactly one item more, or nothing.

An item is added by inserting lines, in the file's own line ending, so that every other byte
(comments, order, BOM) stays as it was; the result must read, in YAML, as the old file with one
item more, and the whole strategy with it must validate, before anything is written. A file
is replaced through a link to its target (never outside the strategy folder), keeping its mode;
a new one never replaces anything. `editing` holds a lock on the strategy folder so that two
`s3gen new` at once each see the other's item.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from s3gen.errors import IssueSeverity, S3genError
from s3gen.output import LOCKS, remove_abandoned
from s3gen.source.load import Mapping, Node, Scalar, Sequence, SourceDoc, load_strategy, parse_yaml
from s3gen.source.validate import validate

if LOCKS:
    import fcntl


class ScaffoldProblem(S3genError):
    """The request cannot be carried out; the message says why and what to do."""


# Line breaks for str.splitlines() or YAML 1.1, beyond the three every tool agrees on.
_OTHER_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


# The lines of a file as editors, git and open() see them: ended by CRLF, LF or CR. Never
# str.splitlines(), which also ends a line at the characters above.
_LINE = re.compile(r"[^\r\n]+(?:\r\n?|\n)?|\r\n?|\n")


_BREAK = re.compile(r"\r\n?|\n")


# YAML 1.1 ends a line at NEL and the line and paragraph separators too (in a comment, or folded
# inside a quoted text); an editor and git do not. Between the two views there is no line on
# which an item could be inserted for both.
_YAML_ONLY_BREAK = re.compile("[\x85\u2028\u2029]")


def describe_character(char: str) -> str:
    name = unicodedata.name(char, "")
    kind = "a line break" if char in f"\r\n{_OTHER_BREAKS}" else "a control character"
    if unicodedata.category(char) == "Cf":
        kind = "a direction character"
    return f"U+{ord(char):04X}{f' {name}' if name else ''} ({kind})"


@dataclass(frozen=True)
class Insertion:
    text: str  # the whole new file
    line: int  # 1-based line where the item starts


_KEEP_BLOCK = re.compile(r":\s*[|>][0-9]?\+")


def _top_key(line: str, key: str) -> tuple[str, str] | None:
    """The value and the comment after ``key:`` on a top-level line, or None for another line.
    Read without a regular expression: one that splits value from comment can backtrack over
    a long run of spaces."""
    body = line.rstrip("\r\n")
    if not body.startswith(key):
        return None
    rest = body[len(key) :].lstrip()
    if not rest.startswith(":"):
        return None
    rest = rest[1:]
    # A comment starts at a '#' that follows a space or a tab.
    at = next((i for i in range(1, len(rest)) if rest[i] == "#" and rest[i - 1] in " \t"), None)
    if at is None:
        return rest, ""
    start = len(rest[:at].rstrip(" \t"))
    return rest[:start], rest[start:]


def insert_item(text: str, key: str, item: list[str]) -> Insertion:
    """``text`` with ``item`` appended to the top-level list ``key``; nothing else changes.

    Lines are inserted, ended as the file's first line is (CRLF, LF or CR); the one line that
    changes is an empty flow list, `key: []`, which loses its `[]`."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    first_break = _BREAK.search(body)
    newline = first_break.group() if first_break else "\n"
    lines = _LINE.findall(body)
    start = next((i for i, line in enumerate(lines) if _top_key(line, key)), None)
    if start is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        block = [f"{key}:{newline}"] + [f"  {x}{newline}" for x in item]
        return Insertion(bom + "".join(lines + block), len(lines) + 2)
    found = _top_key(lines[start], key)
    assert found is not None
    value, comment = found[0].strip(), found[1]
    if value == "[]":
        ending = lines[start][len(lines[start].rstrip("\r\n")) :]
        lines[start] = f"{key}:{comment}{ending or newline}"
        value = ""
    if value:
        raise ScaffoldProblem(
            f"'{key}' is written on one line ({value}); write it as a list "
            "with one '- ' line per item first"
        )
    # The list runs until the next line at column 0 that is not one of its own items (items
    # may stand at column 0 themselves: "- id: ...").
    end = start + 1
    indent = None
    while end < len(lines):
        line = lines[end]
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            line_indent = len(line) - len(line.lstrip(" "))
            if indent is None:
                if line_indent == 0 and not stripped.startswith("-"):
                    break
                indent = line_indent
            elif line_indent == 0 and not (indent == 0 and stripped.startswith("-")):
                break
        end += 1
    # Comments and blank lines just before the next key belong to that key, unless a block
    # scalar that keeps its trailing blank lines ("|+", ">+") ends the list: then they are its.
    keeps_blanks = any(_KEEP_BLOCK.search(line) for line in lines[start:end])
    while end > start + 1 and (
        lines[end - 1].startswith("#") or (not lines[end - 1].strip() and not keeps_blanks)
    ):
        end -= 1
    pad = " " * (indent if indent is not None else 2)
    if end == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    block = [f"{pad}{x}{newline}" for x in item]
    return Insertion(bom + "".join(lines[:end] + block + lines[end:]), end + 1)


@contextlib.contextmanager
def editing(folder: Path, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold the strategy folder's lock: load the strategy and call `new_*` inside it.

    Adding an item reads the region file, inserts lines and replaces the file; two `s3gen new`
    at once would both read the old file, and the second replacement would drop the first
    item (and both could pick the same new id). The lock is on the folder itself, so that
    nothing is left beside the files; ``on_wait`` is called when another holds it."""
    if not LOCKS:  # Windows: no advisory locks; one `s3gen new` at a time is up to the user
        yield
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # a file system without locks
            raise ScaffoldProblem(
                f"cannot lock {folder} against a second `s3gen new` ({exc.strerror}); "
                "nothing was written"
            ) from exc
        yield
    finally:
        os.close(fd)  # and with it the lock


def inside(path: Path, folder: Path) -> Path:
    """Where ``path`` leads, through any link; refused outside the strategy folder, as the
    loader refuses to read there."""
    target = path.resolve()
    if not target.is_relative_to(folder.resolve()):
        raise ScaffoldProblem(
            f"{path} is a link to {target}, outside the strategy folder; s3gen new writes only "
            "inside it, so nothing was written"
        )
    return target


def check_line_breaks(text: str, path: Path) -> None:
    found = _YAML_ONLY_BREAK.search(text)
    if found is not None:
        line = len(_BREAK.findall(text, 0, found.start())) + 1
        raise ScaffoldProblem(
            f"{path}:{line}: the line holds {describe_character(found.group())}, which YAML "
            "reads as the end of a line but editors and git do not, so there is no safe place "
            "to add an item; replace it with a space or a line break; nothing was written"
        )


def _shape(node: Node | None) -> object:
    """A node without its position: what a change to the file changes."""
    if isinstance(node, Scalar):
        return (node.tag, node.raw)
    if isinstance(node, Sequence):
        return ("seq", tuple(_shape(item) for item in node.items))
    if isinstance(node, Mapping):
        return ("map", tuple((_shape(k), _shape(v)) for k, v in node.entries))
    return None


def check_one_more(old: str, new: str, key: str, item: list[str], path: Path) -> None:
    # The line-based insertion is only right if YAML reads the new file as the old one with
    # one more item at the end of `key`: anything else is a file shape it does not know, and
    # nothing is written.
    before, _ = parse_yaml(old.removeprefix("\ufeff"), str(path))
    after, _ = parse_yaml(new.removeprefix("\ufeff"), str(path))
    added, _ = parse_yaml("\n".join(item) + "\n", str(path))
    ok = (
        isinstance(before, Mapping)
        and isinstance(after, Mapping)
        and isinstance(added, Sequence)
        and len(added.items) == 1
    )
    if ok:
        assert isinstance(before, Mapping) and isinstance(added, Sequence)
        entries = [(_shape(k), _shape(v)) for k, v in before.entries]
        old_list = before.get(key)
        items = old_list.items if isinstance(old_list, Sequence) else ()
        grown = ("seq", tuple(_shape(i) for i in (*items, *added.items)))
        names = [k.raw for k, _ in before.entries]
        if key in names:
            entries[names.index(key)] = (entries[names.index(key)][0], grown)
        else:
            entries.append((("str", key), grown))
        ok = _shape(after) == ("map", tuple(entries))
    if not ok:
        raise ScaffoldProblem(
            f"could not add to {path} safely: its '{key}' list is written in a way s3gen new "
            "does not know; add the item by hand; nothing was written"
        )


def check_strategy(folder: Path, path: Path, text: str) -> None:
    # What s3gen writes must leave a valid strategy: the whole strategy is validated with the
    # new text in place of the file before the file is written.
    name = f"regions/{path.name}"
    docs, load_issues = load_strategy(folder, str(folder))
    root, issues = parse_yaml(text.removeprefix("\ufeff"), str(path))
    doc = SourceDoc(str(path), name, root)
    others = [d for d in docs if d.name != name]
    issues += [i for i in load_issues if i.file != str(path)]
    issues += validate([*others, doc], folder).issues
    errors = sorted(i for i in issues if i.severity is IssueSeverity.ERROR)
    if errors:
        first = errors[0]
        raise ScaffoldProblem(
            f"could not add to {path} safely ({first.file}:{first.line}: {first.message}); "
            "nothing was written"
        )


def replace_file(target: Path, data: bytes, original: bytes, shown: Path) -> None:
    """Replace ``target`` by ``data`` atomically, with its mode (and owner, where allowed)."""
    info = target.stat()
    if not info.st_mode & stat.S_IWUSR:  # root may write anyway; the owner said no
        raise ScaffoldProblem(f"{shown} is read-only; nothing was written")
    # What a `new` killed while writing left behind (the folder's lock keeps out any other
    # that could be writing now).
    remove_abandoned(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            # Only root may give a file to another owner; a group the user is in, anyone.
            with contextlib.suppress(OSError):
                os.fchown(handle.fileno(), -1, info.st_gid)
            with contextlib.suppress(OSError):
                os.fchown(handle.fileno(), info.st_uid, -1)
            os.fchmod(handle.fileno(), stat.S_IMODE(info.st_mode))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        # Other s3gen commands wait for the lock; an editor does not.
        if target.read_bytes() != original:
            raise ScaffoldProblem(
                f"{shown} changed while s3gen new was adding to it; nothing was written, "
                "run the command again"
            )
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def create_file(path: Path, data: bytes) -> None:
    """Write a new file at ``path`` atomically, never replacing anything that has the name."""
    remove_abandoned(path)
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp"
        try:
            # The mode a new file gets from the user's umask, as an editor's would.
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)  # fails if the name is taken, even by a link to nothing
        except FileExistsError:
            raise ScaffoldProblem(
                f"{path} already exists; s3gen new never overwrites a file"
            ) from None
        except OSError:  # a file system without hard links: the lock keeps others out
            if os.path.lexists(path):
                raise ScaffoldProblem(
                    f"{path} already exists; s3gen new never overwrites a file"
                ) from None
            os.rename(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
