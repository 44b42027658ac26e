"""Read strategy files: bytes -> YAML node trees that remember where every value was written.

This is the only module that reads `strategy/`. It reports what makes a file unreadable (encoding,
size, YAML syntax, several documents, anchors and aliases, explicit tags, duplicate keys, nesting
depth) and nothing about what the data means: the structure of each file is `convert.py`'s to
check, the rules across files `validate.py`'s. It also reads the files the strategy names (its
logos), refusing anything but a regular file inside the strategy folder and reading no more than
the limit; what they hold is `images.py`'s to judge.

The tree is built straight from PyYAML's event stream rather than from its composer, for three
reasons: duplicate keys are caught (PyYAML silently keeps the last one), an alias is refused where
it is written without ever being expanded (so "billion laughs" costs nothing), and each scalar keeps
its raw text and quoting, which the validator needs to explain YAML 1.1 implicit typing ("yes"
read as a boolean, 1.10 read as 1.1). Over 500 lines: the tree builder and the reader it serves
are one responsibility, reading the files, and the limits they enforce are easier to audit
together.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from s3gen.errors import Issue, make_issue

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_ALIAS_ISSUES = 3

_TAG = "tag:yaml.org,2002:"
_ALLOWED_SCALAR_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_ALLOWED_COLLECTION_TAGS = {_TAG + "map", _TAG + "seq"}
_STR = _TAG + "str"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Mark = Any  # a mark of PyYAML's pure-Python parser or of libyaml's: both have line and column
_RESOLVER = yaml.resolver.Resolver()
_CONSTRUCTOR = SafeConstructor()


# Nodes are built by the hundred thousand for a large strategy: plain slotted classes, which
# construct several times faster than frozen dataclasses. Nothing mutates them after the build.
@dataclass(slots=True)
class Scalar:
    """A scalar as written: its value as YAML 1.1 reads it, the raw text, and its position."""

    value: object
    raw: str
    tag: str  # the resolved tag, e.g. "bool" for an unquoted yes
    style: str  # "" plain, "'" or '"' quoted, "|" or ">" block
    line: int
    column: int
    # In a literal block ("|"), how many spaces indent its text in the file, so a position in the
    # text maps to a line and column of the file; 0 in every other style.
    indent: int = 0

    @property
    def quoted(self) -> bool:
        """Whether the scalar was written in quotes or as a block (so it is always a text)."""
        return self.style != ""


@dataclass(slots=True)
class Mapping:
    entries: tuple[tuple[Scalar, Node], ...]
    line: int
    column: int

    def get(self, key: str) -> Node | None:
        """The value of ``key``, if present."""
        for k, v in self.entries:
            if k.raw == key:
                return v
        return None


@dataclass(slots=True)
class Sequence:
    items: tuple[Node, ...]
    line: int
    column: int


Node = Union[Scalar, Mapping, Sequence]  # noqa: UP007 - used at run time by isinstance checks


@dataclass(frozen=True)
class SourceDoc:
    """One strategy file: the name shown to the user, its name inside the strategy folder, and its
    tree (``None`` when the file could not be read)."""

    file: str
    name: str
    root: Node | None


@dataclass(slots=True)
class _Frame:
    kind: str  # "map" or "seq"
    parent: _Frame | None  # the enclosing collection
    step: str | int | None  # this collection's key or index in it (None: it is a key itself)
    line: int
    column: int
    items: list[Node] = field(default_factory=list)
    entries: list[tuple[Scalar, Node]] = field(default_factory=list)
    key: Scalar | None = None
    skip_value: bool = False
    seen: dict[str, int] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """The data path of this collection, built only when an issue needs it."""
        if self.parent is None:
            return ""
        base = self.parent.path
        return base if self.step is None else child_path(base, self.step)

    def next_step(self) -> str | int | None:
        """The key or index of the node that comes next in this collection."""
        if self.kind == "seq":
            return len(self.items)
        return None if self.key is None else self.key.raw


def _pos(mark: Mark | None) -> tuple[int, int]:
    """1-based line and column of a PyYAML mark (0-based); (1, 1) when there is none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


_RESOLVED: dict[tuple[str, bool, bool], str] = {}


def _resolve(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag YAML 1.1 gives a scalar without an explicit tag (short values cached: most are
    repeated ids, choices and numbers)."""
    key = (value, implicit[0], implicit[1])
    tag = _RESOLVED.get(key)
    if tag is None:
        tag = _RESOLVER.resolve(ScalarNode, value, implicit)  # type: ignore[no-untyped-call]
        if len(value) < 64 and len(_RESOLVED) < 100_000:
            _RESOLVED[key] = tag
    assert tag is not None
    return tag


def child_path(path: str, key: str | int) -> str:
    """The data path of a child: ``priorities[2].areas``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _line_col_of_offset(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n") + 1
    return line, offset - (before.rfind("\n") + 1) + 1


def _decode(data: bytes, file: str) -> tuple[str | None, list[Issue]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            make_issue("not-utf8", file, 1, 1, "", "the file is UTF-16 text; save it as UTF-8")
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8")
        line, col = _line_col_of_offset(good, len(good))
        return None, [
            make_issue(
                "not-utf8",
                file,
                line,
                col,
                "",
                f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8 text",
            )
        ]
    nul = text.find("\0")
    if nul >= 0:
        line, col = _line_col_of_offset(text, nul)
        return None, [
            make_issue(
                "not-utf8",
                file,
                line,
                col,
                "",
                "the file contains a NUL byte; is it a binary file?",
            )
        ]
    return text, []


def _syntax_message(exc: yaml.MarkedYAMLError, culprit: str) -> str:
    problem = exc.problem or "invalid YAML"
    parts = [problem]
    if exc.context:
        parts.append(exc.context)
    message = "; ".join(parts)
    if culprit == "\t" or "'\\t'" in problem:
        message += " (YAML does not allow tabs for indentation: use spaces)"
    elif "mapping values are not allowed" in problem:
        message += (
            " (a text containing ': ' must be put in quotes; or this key is indented "
            "more than the keys above it)"
        )
    elif "expected '-' indicator" in problem or "expected <block end>" in problem:
        message += (
            " (check the indentation: keys of one mapping start in the same column, "
            "and so do the '- ' of the items of one list)"
        )
    elif "expected key" in problem:
        message += " (check the indentation of this line against the keys above it)"
    return f"YAML syntax error: {message}"


def _scalar_value(tag: str, raw: str) -> object:
    if tag == _TAG + "str":
        return raw
    if tag == _TAG + "null":
        return None
    if tag == _TAG + "bool":
        return raw.lower() in ("yes", "true", "on")
    if tag == _TAG + "int":
        return _CONSTRUCTOR.construct_yaml_int(ScalarNode(tag, raw))
    if tag == _TAG + "float":
        return _CONSTRUCTOR.construct_yaml_float(ScalarNode(tag, raw))
    if tag == _TAG + "timestamp":
        value: dt.date = _CONSTRUCTOR.construct_yaml_timestamp(ScalarNode(tag, raw))
        return value
    return raw  # YAML 1.1's "=" (value) and "<<" (merge) tags: plain text to us


def _glued_comments(text: str) -> set[int]:
    """The offsets where a run of spaces ends in a "#" glued to a word (`` #1``)."""
    found = set()
    at = text.find("#")
    while at >= 0:
        nxt = text[at + 1 : at + 2]
        if at > 0 and text[at - 1] in " \t" and nxt and not nxt.isspace() and nxt != "#":
            start = at - 1
            while start > 0 and text[start - 1] in " \t":
                start -= 1
            found.add(start)
        at = text.find("#", at + 1)
    return found


class _TreeBuilder:
    """Turns the event stream of one file into a node tree, collecting issues on the way."""

    def __init__(self, file: str, text: str = "") -> None:
        self.file = file
        self.text = text
        self.issues: list[Issue] = []
        self.fatal = False  # data was replaced or dropped: do not validate the tree further
        self.aliases = 0
        self.stack: list[_Frame] = []
        self.root: Node | None = None
        # Where a comment starts with "#" glued to a word: found once per file, so the check
        # after each scalar is a set lookup (most files have none).
        self.glued_comments = _glued_comments(text)
        self._lines: list[str] | None = None  # the file's lines, split when first needed

    def issue(self, code: str, mark: Mark | None, path: str, message: str) -> None:
        line, column = _pos(mark)
        self.issues.append(make_issue(code, self.file, line, column, path, message))

    def _next_path(self) -> str:
        if not self.stack:
            return ""
        top = self.stack[-1]
        step = top.next_step()
        return top.path if step is None else child_path(top.path, step)

    def _check_anchor(self, event: yaml.NodeEvent, path: str) -> None:
        if event.anchor is not None:
            self._alias_issue(event.start_mark, path, f"anchor '&{event.anchor}'")

    def _alias_issue(self, mark: Mark | None, path: str, what: str) -> None:
        # Refused where written, never expanded. A "billion laughs" file has hundreds of them:
        # the first few say enough.
        self.fatal = True
        self.aliases += 1
        if self.aliases <= MAX_ALIAS_ISSUES:
            more = (
                " (further anchors and aliases in this file are not listed)"
                if self.aliases == MAX_ALIAS_ISSUES
                else ""
            )
            self.issue(
                "yaml-alias",
                mark,
                path,
                f"{what} is not allowed: strategy files may not use anchors and aliases; "
                f"write the value out in full{more}",
            )

    def _check_tag(self, tag: str | None, allowed: set[str], mark: Mark | None, path: str) -> bool:
        if tag is None or tag == "!" or tag in allowed:
            return True
        self.fatal = True
        shown = "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
        self.issue(
            "yaml-tag",
            mark,
            path,
            f"the tag '{shown}' is not allowed: strategy files hold plain text, numbers, "
            "dates, lists and mappings only",
        )
        return False

    def _attach(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        top = self.stack[-1]
        if top.kind == "seq":
            top.items.append(node)
            return
        if top.skip_value:
            top.skip_value = False
            return
        if top.key is None:
            if isinstance(node, Scalar):
                top.key = node
            else:
                self.fatal = True
                self.issues.append(
                    make_issue(
                        "wrong-type",
                        self.file,
                        node.line,
                        node.column,
                        top.path,
                        "a key must be a plain name, not a list or mapping",
                    )
                )
                top.skip_value = True
            return
        key, top.key = top.key, None
        first = top.seen.get(key.raw)
        if first is not None:
            self.issues.append(
                make_issue(
                    "duplicate-key",
                    self.file,
                    key.line,
                    key.column,
                    child_path(top.path, key.raw),
                    f"key '{key.raw}' appears twice in this mapping (first on line {first}); "
                    "YAML would silently keep only the last value. Remove or merge one of them",
                )
            )
            return
        top.seen[key.raw] = key.line
        top.entries.append((key, node))

    def _start(self, kind: str, event: yaml.CollectionStartEvent) -> bool:
        if event.anchor is not None:
            self._check_anchor(event, self._next_path())
        if event.tag is not None:
            self._check_tag(
                event.tag, _ALLOWED_COLLECTION_TAGS, event.start_mark, self._next_path()
            )
        if len(self.stack) >= MAX_DEPTH:
            self.fatal = True
            self.issue(
                "too-deep",
                event.start_mark,
                self._next_path(),
                f"lists and mappings are nested more than {MAX_DEPTH} levels deep",
            )
            return False
        parent = self.stack[-1] if self.stack else None
        step = parent.next_step() if parent is not None else None
        line, column = _pos(event.start_mark)
        self.stack.append(_Frame(kind, parent, step, line, column))
        return True

    def _comment_follows(self, event: yaml.ScalarEvent) -> bool:
        # "title: Gap #1 in SME support" reads as "Gap" plus a comment. A comment right after a
        # value with "#" glued to a word ("#1") is almost always meant as text.
        return event.end_mark is not None and event.end_mark.index in self.glued_comments

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        if event.anchor is not None:
            self._check_anchor(event, self._next_path())
        raw = event.value
        style = event.style or ""
        tag = event.tag
        if tag is None or tag == "!":
            # A quoted or block scalar is always text; only plain ones are resolved.
            tag = _resolve(raw, event.implicit) if not style else _STR
        elif not self._check_tag(tag, _ALLOWED_SCALAR_TAGS, event.start_mark, self._next_path()):
            tag = _STR
        if tag not in _ALLOWED_SCALAR_TAGS:
            tag = _STR
        if tag == _STR:
            value: object = raw
        else:
            try:
                value = _scalar_value(tag, raw)
            except (ValueError, OverflowError):
                # Looks like a date or number but is none (2027-13-01): keep the text, and let
                # the validator judge it where it knows which field it is in.
                value, tag = raw, _STR
        if not style and self.glued_comments and self._comment_follows(event):
            self.issue(
                "comment-in-text",
                event.end_mark,
                self._next_path(),
                "the text after ' #' is a comment, not part of the value: if it belongs to the "
                "text, put the whole text in quotes",
            )
        line, column = _pos(event.start_mark)
        indent = self._block_indent(raw, line) if style == "|" else 0
        self._attach(Scalar(value, raw, tag[18:], style, line, column, indent))

    def _block_indent(self, raw: str, line: int) -> int:
        """The indentation of a literal block's text whose header is on ``line``: a literal
        block keeps its lines as written, so the first non-empty one, found in the file, tells
        it (an explicit indentation indicator or more-indented lines need no special case)."""
        if self._lines is None:
            self._lines = self.text.splitlines()
        for offset, text_line in enumerate(raw.split("\n")):
            if text_line:
                at = line + offset  # 0-based: the text starts on the line after the header
                written = self._lines[at] if at < len(self._lines) else ""
                return max(len(written) - len(text_line), 0)
        return 0

    def build(self, text: str) -> None:
        documents = 0
        depth_exceeded = 0  # nested starts skipped after the depth limit
        scalar_event = yaml.ScalarEvent
        for event in yaml.parse(text, Loader=_Loader):
            if type(event) is scalar_event and not depth_exceeded:  # most events: first
                self._scalar(event)
                continue
            if depth_exceeded:
                if isinstance(event, yaml.CollectionStartEvent):
                    depth_exceeded += 1
                elif isinstance(event, yaml.CollectionEndEvent):
                    depth_exceeded -= 1
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.fatal = True
                    self.issue(
                        "multiple-documents",
                        event.start_mark,
                        "",
                        "the file holds a second YAML document; remove the '---' line "
                        "or move the second document into a file of its own",
                    )
                    return
            elif isinstance(event, yaml.ScalarEvent):
                self._scalar(event)
            elif isinstance(event, yaml.AliasEvent):
                self._alias_issue(event.start_mark, self._next_path(), f"alias '*{event.anchor}'")
                self._attach(Scalar(None, "", "null", "", *_pos(event.start_mark)))
            elif isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                kind = "map" if isinstance(event, yaml.MappingStartEvent) else "seq"
                if not self._start(kind, event):
                    depth_exceeded = 1
            elif isinstance(event, yaml.CollectionEndEvent):
                frame = self.stack.pop()
                node: Node
                if frame.kind == "map":
                    node = Mapping(tuple(frame.entries), frame.line, frame.column)
                else:
                    node = Sequence(tuple(frame.items), frame.line, frame.column)
                self._attach(node)


def parse_yaml(text: str, file: str) -> tuple[Node | None, list[Issue]]:
    """Parse one file's text into a node tree (``None`` if unusable) and the issues found."""
    builder = _TreeBuilder(file, text)
    try:
        builder.build(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark)
        culprit = text[mark.index] if mark and 0 <= mark.index < len(text) else ""
        builder.issues.append(
            make_issue("yaml-syntax", file, line, col, "", _syntax_message(exc, culprit))
        )
        return None, builder.issues
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        # libyaml counts bytes of the UTF-8 text; positions count characters.
        offset = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
        line, col = _line_col_of_offset(
            text, offset if isinstance(exc.character, int) else exc.position
        )
        char = exc.character  # an int from libyaml, a str from the pure-Python reader
        code = char if isinstance(char, int) else ord(char)
        builder.issues.append(
            make_issue(
                "yaml-syntax",
                file,
                line,
                col,
                "",
                f"the character U+{code:04X} is not allowed in YAML (control characters are not); "
                "delete it",
            )
        )
        return None, builder.issues
    root = builder.root
    if root is None or (isinstance(root, Scalar) and root.value is None and not root.quoted):
        if not builder.issues:
            builder.issues.append(
                make_issue("empty-file", file, 1, 1, "", "the file is empty: it holds no data")
            )
        return None, builder.issues
    return (None if builder.fatal else root), builder.issues


def _no_file(file: str, name: str, what: str) -> tuple[SourceDoc, list[Issue]]:
    """A strategy file that is a link leading to no file: an error, like any unreadable file."""
    return SourceDoc(file, name, None), [
        make_issue(
            "missing-file",
            file,
            1,
            1,
            "",
            f"'{name}' is a link {what}; it cannot be read. Put the file itself there",
        )
    ]


_LOOP = "that leads round in a loop of links, never to a file"


def _as_written(link: Path, target: Path) -> str:
    """Where a link points, as it is written (what its author sees in git, and never the folder
    a revision was extracted to), or where it leads when the link is a folder above it."""
    try:
        return os.readlink(link)
    except OSError:  # not itself a link
        return str(target)


def read_source(
    path: Path, file: str, name: str, root: Path | None = None
) -> tuple[SourceDoc, list[Issue]]:
    """Read and parse one strategy file; with ``root``, refuse a link that leads outside it."""
    try:
        target = path.resolve()
    except RuntimeError:  # a loop of links, as Python before 3.13 reports it
        return _no_file(file, name, _LOOP)
    if root is not None and not target.is_relative_to(root.resolve()):
        return SourceDoc(file, name, None), [
            make_issue(
                "outside-strategy",
                file,
                1,
                1,
                "",
                f"'{name}' is a link to {_as_written(path, target)}, outside the strategy "
                "folder; it is not read. Copy the file into the folder instead",
            )
        ]
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # reading a pipe would wait for ever
            return _no_file(file, name, "to a folder, a pipe, a socket or a device, not a file")
        size = status.st_size
        if size > MAX_FILE_BYTES:
            return SourceDoc(file, name, None), [
                make_issue(
                    "file-too-large",
                    file,
                    1,
                    1,
                    "",
                    f"the file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes",
                )
            ]
        data = path.read_bytes()
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # a loop of links, as Python 3.13 reports it
            return _no_file(file, name, _LOOP)
        if exc.errno == errno.ENOENT and path.is_symlink():
            return _no_file(file, name, f"to {_as_written(path, target)}, which does not exist")
        return SourceDoc(file, name, None), [
            make_issue(
                "missing-file", file, 1, 1, "", f"cannot read the file: {exc.strerror or exc}"
            )
        ]
    text, issues = _decode(data, file)
    if text is None:
        return SourceDoc(file, name, None), issues
    tree, issues = parse_yaml(text, file)
    return SourceDoc(file, name, tree), issues


@dataclass(frozen=True)
class Refused:
    """Why a file the strategy names (a logo) cannot be used: an issue code and a message."""

    code: str
    message: str


def read_named_file(
    root: Path, name: str, limit: int, *, missing: str, too_large: str
) -> bytes | Refused:
    """The bytes of the file ``name`` in the strategy folder ``root`` (a relative path with "/"
    between folders and no "..", as its field's format ensures), or why it is refused: with the
    code ``missing`` when there is no such file or it is no file (a folder, a pipe, a device, a
    link to nothing), ``too_large`` when it has more than ``limit`` bytes, and
    ``outside-strategy`` when it is a link that leads out of the folder. A link is judged by
    where it leads; at most ``limit`` + 1 bytes are read."""
    path = root / name
    loop = Refused(missing, f"'{name}' is a link that leads round in a loop, never to a file")
    try:
        target = path.resolve()
    except RuntimeError:  # a loop of links, as Python before 3.13 reports it
        return loop
    if not target.is_relative_to(root.resolve()):
        return Refused(
            "outside-strategy",
            f"'{name}' is a link to {_as_written(path, target)}, outside the strategy folder; "
            "it is not read. Copy the file into the folder instead",
        )
    # Opened without waiting (a pipe would wait for a writer for ever) and without following a
    # link put in its place since it was resolved; what was opened is judged by its status.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return loop
        if exc.errno in (errno.ENOENT, errno.ENOTDIR) and path.is_symlink():
            where = _as_written(path, target)
            return Refused(missing, f"'{name}' is a link to {where}, which does not exist")
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return Refused(
                missing,
                f"there is no file '{name}' in the strategy folder (the path is relative to "
                "the folder that holds strategy.yaml)",
            )
        return Refused(missing, f"cannot read '{name}': {exc.strerror or exc}")
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            return Refused(missing, f"'{name}' is a folder, not a file")
        if not stat.S_ISREG(status.st_mode):
            return Refused(missing, f"'{name}' is a pipe, a socket or a device, not a file")
        if status.st_size > limit:
            return Refused(
                too_large, f"'{name}' is {status.st_size:,} bytes; the limit is {limit:,} bytes"
            )
        chunks = []
        left = limit + 1  # the file may grow while it is read
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 16))):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        return Refused(missing, f"cannot read '{name}': {exc.strerror or exc}")
    finally:
        os.close(fd)
    if left <= 0:
        return Refused(too_large, f"'{name}' has more than {limit:,} bytes, the limit")
    return b"".join(chunks)


REGION_SUFFIXES = (".yaml", ".yml")


def _refused_regions_folder(folder: Path, root: Path, file: str) -> list[Issue]:
    """An issue when ``regions`` is a link to no folder, or to one outside the strategy, whose
    file names would otherwise be listed in warnings."""
    if not folder.is_symlink():
        return []
    try:
        target = folder.resolve()
    except RuntimeError:  # a loop of links, as Python before 3.13 reports it
        target = None
    if target is None or (not folder.exists() and _is_loop(folder)):
        message = (
            "'regions' is a link that leads round in a loop of links, never to a folder; no "
            "region file can be read. Put the folder itself there"
        )
        return [make_issue("missing-file", file, 1, 1, "", message)]
    if not target.is_relative_to(root.resolve()):
        message = (
            f"'regions' is a link to {_as_written(folder, target)}, outside the strategy "
            "folder; its files are not read. Copy the folder into the strategy folder instead"
        )
        return [make_issue("outside-strategy", file, 1, 1, "", message)]
    return []


def _is_loop(path: Path) -> bool:
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def load_strategy(root: Path, shown_root: str | None = None) -> tuple[list[SourceDoc], list[Issue]]:
    """Read ``strategy.yaml``, ``sources.yaml`` and ``regions/*.yaml`` under ``root``.

    File names in issues are ``shown_root`` joined with the file's name in the folder, so they
    read as the user typed the folder (``strategy/regions/podlaskie.yaml``).
    """
    shown = Path(shown_root if shown_root is not None else str(root))
    docs: list[SourceDoc] = []
    issues: list[Issue] = []
    for name in ("strategy.yaml", "sources.yaml"):
        path = root / name
        if not path.is_file() and not path.is_symlink():  # a link is judged when it is read
            issues.append(
                make_issue(
                    "missing-file",
                    str(shown / name),
                    1,
                    1,
                    "",
                    f"'{name}' was not found in {shown}",
                )
            )
            docs.append(SourceDoc(str(shown / name), name, None))
            continue
        doc, found = read_source(path, str(shown / name), name, root)
        docs.append(doc)
        issues.extend(found)
    regions_dir = root / "regions"
    region_files = []
    refused = _refused_regions_folder(regions_dir, root, str(shown / "regions"))
    issues.extend(refused)
    listed = regions_dir.is_dir() and not refused
    for p in sorted(regions_dir.iterdir() if listed else ()):
        if p.name.startswith("."):
            continue  # editor swap files, .gitkeep
        if p.suffix.lower() in REGION_SUFFIXES and (
            p.is_file() or (p.is_symlink() and not p.is_dir())
        ):
            # A link is read, or refused when read: one that leads to no file (to nothing,
            # round in a loop, out of the folder) was meant as a region file, and skipping it
            # would publish the strategy without that region.
            region_files.append(p)
        elif p.suffix.lower() in REGION_SUFFIXES and not p.is_dir():
            # A pipe, a socket or a device under a region file's name was meant as one, like a
            # link to one: an error, not a region quietly left out (and never read: a pipe
            # would wait for a writer).
            issues.append(
                make_issue(
                    "missing-file",
                    str(shown / "regions" / p.name),
                    1,
                    1,
                    "",
                    f"'regions/{p.name}' is a pipe, a socket or a device, not a file; it cannot "
                    "be read. Put the file itself there",
                )
            )
        elif p.suffix.lower() in REGION_SUFFIXES:
            issues.append(
                make_issue(
                    "ignored-file",
                    str(shown / "regions" / p.name),
                    1,
                    1,
                    "",
                    f"'{p.name}' is not read: it is a folder, not a file",
                )
            )
        else:
            issues.append(
                make_issue(
                    "ignored-file",
                    str(shown / "regions" / p.name),
                    1,
                    1,
                    "",
                    f"'{p.name}' is not read: only files ending in .yaml in regions/ are region "
                    "files",
                )
            )
    if not region_files and not refused:
        issues.append(
            make_issue(
                "missing-file",
                str(shown / "regions"),
                1,
                1,
                "",
                f"no region files (*.yaml) were found in {shown / 'regions'}",
            )
        )
    for path in region_files:
        name = f"regions/{path.name}"
        doc, found = read_source(path, str(shown / name), name, root)
        docs.append(doc)
        issues.extend(found)
    return docs, issues
