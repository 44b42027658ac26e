"""Structural checks: turn one file's node tree into the dataclasses of `model/`.

The converter reads the expected shape from the dataclasses themselves (field names, types,
defaults, metadata), so the model is the only place the YAML layout is written down. It reports
every structural problem of the file (unknown or missing keys, wrong types, YAML 1.1 implicit
typing, values outside an enum, malformed ids and codes, numbers out of range) and, on the way,
records the ids each item declares and the references it makes, for the cross-file checks in
`validate.py`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import math
import re
import typing
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from s3gen import model
from s3gen.errors import CONTROL_CHARACTERS, Issue, make_issue
from s3gen.model.codes import country_code_for
from s3gen.model.formats import CITATION_RE, FORMATS, NUTS_RE
from s3gen.model.kinds import BY_CLASS, BY_REF, LABELS
from s3gen.model.walk import FieldSpec, specs_by_name, unwrap_optional
from s3gen.source.load import Mapping, Node, Scalar, Sequence, child_path
from s3gen.source.messages import a, describe, did_you_mean, slugify, visible

_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
_GROUPED_NUMBER_RE = re.compile(r"[\d.,' ]+")  # 1,000 or 1 000: a number YAML reads as text
_BOOL_WORDS = {"true", "false"}
# Bounds that keep every later stage (timeline arithmetic, charts, formatting) within what it
# can compute: a date outside them, or a number larger, is refused here, located.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
LARGEST_NUMBER = 10**15
# A tab is allowed everywhere, a line break in Markdown only: one search per value.
CONTROL_IN_TEXT = re.compile(f"[\n{CONTROL_CHARACTERS}]")
_CONTROL_IN_MARKDOWN = re.compile(f"[{CONTROL_CHARACTERS}]")
# Unicode's stream-safe text format (UAX #15) allows at most 30 combining marks in a row; no
# writing system needs more. A longer run is one character to the layout, which shapes it in
# time that grows with the square of its length (a letter with 50,000 accents took the PDF over
# 150 s). Only a run of so many non-ASCII characters can be one, so the class of every mark is
# built only for a text that has such a run.
MOST_COMBINING_MARKS = 30
_LONG_NON_ASCII = re.compile(f"[^\x00-\x7f]{{{MOST_COMBINING_MARKS + 1}}}")


@functools.cache
def _mark_run() -> re.Pattern[str]:
    marks = [
        chr(c)
        for c in range(0x300, 0xE01F0)
        if unicodedata.category(chr(c)).startswith("M") or 0x1F3FB <= c <= 0x1F3FF
    ]
    return re.compile(f"[{''.join(map(re.escape, marks))}]{{{MOST_COMBINING_MARKS + 1}}}")


def _combining_run(text: str) -> int | None:
    """Where ``text`` has more than MOST_COMBINING_MARKS combining marks in a row, if it does."""
    if _LONG_NON_ASCII.search(text) is None:
        return None
    found = _mark_run().search(text)
    return None if found is None else found.start()


@dataclass(frozen=True)
class IdEntry:
    """An id declared by an item, and where."""

    kind: str
    value: str
    file: str
    line: int
    column: int
    path: str


@dataclass(frozen=True)
class RefEntry:
    """A reference to an id of ``kind``, made by field ``field`` of an ``owner`` item."""

    kind: str
    value: str
    owner: type
    field: str
    file: str
    line: int
    column: int
    path: str


@functools.cache
def _members(enum: type[StrEnum]) -> dict[str, StrEnum]:
    """An enumeration's members by value, in order."""
    return {m.value: m for m in enum}


_DATACLASSES = frozenset(LABELS)  # the model classes, for a fast membership test


class _Invalid:
    """Marks a value that could not be converted (an issue was reported for it)."""


INVALID: Any = _Invalid()


def _expected(hint: Any) -> str:
    hint, _ = unwrap_optional(hint)
    if hint is int:
        return "a whole number"
    if hint is float:
        return "a number"
    if hint is bool:
        return "true or false"
    if hint is dt.date:
        return "a date (YYYY-MM-DD)"
    if typing.get_origin(hint) is tuple:
        return "a list"
    if dataclasses.is_dataclass(hint):
        return "a mapping (key: value lines)"
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return "one of: " + ", ".join(m.value for m in hint)
    found = FORMATS.get(hint)
    return found.expected if found is not None else "a text"


def _hint(hint: object, text: str) -> str:
    """What a malformed value was probably meant to be, for its message."""
    if hint is model.Id:
        return f", e.g. '{slugify(text)}'"
    if hint is model.CountryCode:
        close = country_code_for(text)
        if close is not None and close == text.upper():
            return f"; country codes are upper case: {close}"
        return f" (did you mean '{close}'?)" if close else ""
    if hint is model.NutsCodeStr and NUTS_RE.fullmatch(text.upper()):
        return f" (did you mean '{text.upper()}'?)"
    return ""


def _instead_of_illustrative(key: str, specs: dict[str, FieldSpec], label: str) -> str:
    """How an item without `illustrative` marks what is invented: a partner has a fact status."""
    status = specs.get("status")
    if key != "illustrative" or status is None or status.hint is not model.FactStatus:
        return ""
    return (
        f": {a(label)} is not marked illustrative; mark one that is invented or not yet "
        f"confirmed with status: {model.FactStatus.UNCONFIRMED}"
    )


def _implicit_reading(node: Scalar) -> str:
    if node.tag == "bool":
        return f"the boolean {'true' if node.value else 'false'}"
    if node.tag == "timestamp":
        return "a date"
    if node.tag == "null":
        return "an empty value"
    return f"the number {node.value}"


class Converter:
    """Converts the node tree of one file; collects its issues, ids and references."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[Issue] = []
        self.ids: list[IdEntry] = []
        self.refs: list[RefEntry] = []

    def issue(self, code: str, node: Node, path: str, message: str) -> Any:
        self.issues.append(make_issue(code, self.file, node.line, node.column, path, message))
        return INVALID

    # --- entry point ---------------------------------------------------------------------------

    def convert(self, root: Node, cls: type) -> Any:
        """The instance of ``cls`` the file describes, or INVALID."""
        if not isinstance(root, Mapping):
            return self.issue(
                "not-a-mapping",
                root,
                "",
                f"the file must be a mapping of keys to values ({a(LABELS[cls])}), but it is "
                f"{describe(root)}",
            )
        return self._dataclass(root, cls, "")

    def convert_part(self, node: Node, cls: type, path: str) -> Any:
        """The instance of ``cls`` one part of a file (at ``path``) describes, or INVALID."""
        return self._dataclass(node, cls, path)

    # --- structure -----------------------------------------------------------------------------

    def _dataclass(self, node: Node, cls: type, path: str) -> Any:
        label = LABELS[cls]
        if not isinstance(node, Mapping):
            return self.issue(
                "not-a-mapping",
                node,
                path,
                f"expected {a(label)} written as key: value lines, found {describe(node)}",
            )
        specs = specs_by_name(cls)
        values: dict[str, Any] = {}
        keys: dict[str, tuple[int, int]] = {}
        ok = True
        suggested: set[str] = set()  # a typo of a required key is one problem, not two
        for key, value in node.entries:
            spec = specs.get(key.raw)
            key_path = child_path(path, key.raw)
            if spec is None:
                close = did_you_mean(key.raw, specs)
                if close:
                    suggested.add(close)
                hint = (
                    f" (did you mean '{close}'?)"
                    if close
                    else _instead_of_illustrative(key.raw, specs, label)
                    or f"; keys allowed in {a(label)}: {', '.join(specs)}"
                )
                self.issue(
                    "unknown-key",
                    key,
                    key_path,
                    f"unknown key {visible(key.raw)} in {a(label)}{hint}",
                )
                ok = False
                continue
            keys[key.raw] = (value.line, value.column)
            converted = self._field(value, spec, key_path, cls)
            if converted is INVALID:
                ok = False
            else:
                values[key.raw] = converted
        for name, spec in specs.items():
            if spec.required and name not in keys and name not in suggested:
                self.issue(
                    "missing-key",
                    node,
                    child_path(path, name),
                    f"the {label} has no '{name}': it is required ({_expected(spec.hint)})",
                )
                ok = False
        self._register_id(cls, node, path, values)
        if not ok:
            return INVALID
        origin = model.Origin(
            file=self.file, path=path, line=node.line, column=node.column, keys=keys
        )
        return cls(**values, origin=origin)

    def _register_id(self, cls: type, node: Mapping, path: str, values: dict[str, Any]) -> None:
        kind = BY_CLASS[cls].namespace if cls in BY_CLASS else None
        if kind is None or "id" not in values:
            return
        id_node = node.get("id")
        assert id_node is not None
        self.ids.append(
            IdEntry(
                kind, values["id"], self.file, id_node.line, id_node.column, child_path(path, "id")
            )
        )

    def _field(self, node: Node, spec: FieldSpec, path: str, owner: type) -> Any:
        if type(node) is Scalar and node.tag == "null":
            if spec.optional:
                return None
            if spec.is_list and not spec.required:
                return ()
            return self.issue(
                "empty-value",
                node,
                path,
                f"'{spec.name}' has no value; expected {_expected(spec.base)}",
            )
        if spec.is_list:
            return self._list(node, spec, path, owner)
        return self._value(node, spec.base, spec, path, owner)

    def _list(self, node: Node, spec: FieldSpec, path: str, owner: type) -> Any:
        item_hint = spec.item
        if not isinstance(node, Sequence):
            example = node.raw if isinstance(node, Scalar) else "..."
            return self.issue(
                "wrong-type",
                node,
                path,
                f"'{spec.name}' must be a list, found {describe(node)}; write "
                f"[{example}] or one '- {example}' line per item",
            )
        if spec.required and not node.items:
            return self.issue("empty-value", node, path, f"'{spec.name}' needs at least one item")
        items = []
        ok = True
        for i, item in enumerate(node.items):
            value = self._value(item, item_hint, spec, child_path(path, i), owner)
            if value is INVALID:
                ok = False
            items.append(value)
        return tuple(items) if ok else INVALID

    def _value(self, node: Node, hint: Any, spec: FieldSpec, path: str, owner: type) -> Any:
        if hint in _DATACLASSES:
            return self._dataclass(node, typing.cast(type, hint), path)
        if not isinstance(node, Scalar):
            return self.issue(
                "wrong-type",
                node,
                path,
                f"'{spec.name}' must be {_expected(hint)}, found {describe(node)}",
            )
        if isinstance(hint, type) and issubclass(hint, StrEnum):
            return self._enum(node, hint, spec, path)
        if hint is bool:
            return self._bool(node, spec, path)
        if hint is int or hint is float:
            return self._number(node, hint, spec, path)
        if hint is dt.date:
            return self._date(node, spec, path)
        return self._text(node, hint, spec, path, owner)

    # --- scalars -------------------------------------------------------------------------------

    def _implicit(self, node: Scalar, spec: FieldSpec, path: str, hint: Any = None) -> Any:
        fix = f'put it in quotes: {spec.name}: "{node.raw}"'
        # `country: no` is Norway read as false; quoting it as "no" would only trade this
        # message for the one about lower case, so name the code as it must be written.
        code = country_code_for(node.raw) if hint is model.CountryCode else None
        if code is not None:
            fix = f'country codes are upper case and in quotes: {spec.name}: "{code}"'
        return self.issue(
            "implicit-type",
            node,
            path,
            f"'{spec.name}' should be a text, but YAML read {node.raw} as "
            f"{_implicit_reading(node)}; {fix}",
        )

    def _enum(self, node: Scalar, enum: type[StrEnum], spec: FieldSpec, path: str) -> Any:
        members = _members(enum)
        member = members.get(node.raw)
        if member is not None:
            if node.tag != "str":
                return self._implicit(node, spec, path)
            return member
        allowed = list(members)
        close = did_you_mean(node.raw, allowed)
        hint = f" (did you mean '{close}'?)" if close else ""
        return self.issue(
            "invalid-value",
            node,
            path,
            f"{visible(node.raw)} is not allowed in '{spec.name}'{hint}; allowed: "
            + ", ".join(allowed),
        )

    def _bool(self, node: Scalar, spec: FieldSpec, path: str) -> Any:
        if node.tag == "bool" and node.raw.lower() in _BOOL_WORDS:
            return node.value
        if node.tag == "bool":
            return self.issue(
                "implicit-type",
                node,
                path,
                f"'{spec.name}' is true or false; write "
                f"{'true' if node.value else 'false'} instead of {node.raw}",
            )
        return self.issue(
            "wrong-type", node, path, f"'{spec.name}' must be true or false, found {describe(node)}"
        )

    def _number(self, node: Scalar, hint: type, spec: FieldSpec, path: str) -> Any:
        want = "a whole number" if hint is int else "a number"
        pattern = _PLAIN_INT_RE if hint is int else _PLAIN_FLOAT_RE
        if node.tag not in ("int", "float") or (hint is int and node.tag == "float"):
            extra = ""
            if node.tag == "str" and pattern.match(node.raw):
                extra = "; remove the quotes"
            elif node.tag == "str" and _GROUPED_NUMBER_RE.fullmatch(node.raw):
                extra = "; write it without thousands separators, e.g. 1000000 or 2500.50"
            return self.issue(
                "wrong-type",
                node,
                path,
                f"'{spec.name}' must be {want}, found {describe(node)}{extra}",
            )
        value = node.value
        assert isinstance(value, int | float)
        if not pattern.match(node.raw):
            if isinstance(value, float) and not math.isfinite(value):
                return self.issue(
                    "out-of-range",
                    node,
                    path,
                    f"'{spec.name}' must be a finite number, found {node.raw}",
                )
            return self.issue(
                "implicit-type",
                node,
                path,
                f"YAML 1.1 reads {node.raw} as {value}; write the number plainly, "
                f"e.g. {spec.name}: {value}",
            )
        if abs(value) > LARGEST_NUMBER:  # beyond any budget or target, and beyond a float's reach
            return self.issue(
                "out-of-range",
                node,
                path,
                f"'{spec.name}' has {len(node.raw)} characters; it must be at most "
                f"{LARGEST_NUMBER:,} in size",
            )
        low, high = spec.meta.get("minimum"), spec.meta.get("maximum")
        if low is not None and value < low:
            what = "negative" if low == 0 else f"below {low}"
            return self.issue(
                "out-of-range",
                node,
                path,
                f"'{spec.name}' is {what} ({node.raw}); it must be at least {low}",
            )
        if high is not None and value > high:
            return self.issue(
                "out-of-range",
                node,
                path,
                f"'{spec.name}' is {node.raw}; it must be at most {high}",
            )
        return float(value) if hint is float else value

    def _date(self, node: Scalar, spec: FieldSpec, path: str) -> Any:
        found = self._any_date(node, spec, path)
        if found is not INVALID and not FIRST_DATE <= found <= LAST_DATE:
            return self.issue(
                "out-of-range",
                node,
                path,
                f"'{spec.name}' is {found.isoformat()}; a date of the strategy must lie between "
                f"{FIRST_DATE.isoformat()} and {LAST_DATE.isoformat()}",
            )
        return found

    def _any_date(self, node: Scalar, spec: FieldSpec, path: str) -> Any:
        if node.tag == "timestamp":
            if isinstance(node.value, dt.datetime):
                return self.issue(
                    "invalid-format",
                    node,
                    path,
                    f"'{spec.name}' is a date without a time; write "
                    f"{node.value.date().isoformat()}",
                )
            return node.value
        if node.tag == "str" and _DATE_RE.fullmatch(node.raw):
            try:
                return dt.date.fromisoformat(node.raw)
            except ValueError:
                return self.issue(
                    "invalid-format",
                    node,
                    path,
                    f"'{node.raw}' is written as a date but there is no such day",
                )
        return self.issue(
            "invalid-format",
            node,
            path,
            f"'{spec.name}' must be a date written YYYY-MM-DD, found {describe(node)}",
        )

    def _citations(self, node: Scalar, text: str, spec: FieldSpec, path: str, owner: type) -> None:
        for match in CITATION_RE.finditer(text):
            start = match.start(1)
            for key in match.group(1).split(";"):
                at = start + len(key) - len(key.lstrip())  # where "@key" starts in the text
                start += len(key) + 1
                key = key.strip().removeprefix("@")
                # A literal block keeps its lines as written, so the citation's line and column
                # in the file are known: its text starts on the line after the '|', indented by
                # the block's indentation. In other styles YAML folded the lines or read escapes,
                # and the field's position is the best we have.
                line, column = node.line, node.column
                if node.style == "|":
                    line += 1 + text.count("\n", 0, at)
                    column = node.indent + at - (text.rfind("\n", 0, at) + 1) + 1
                self.refs.append(
                    RefEntry("source", key, owner, spec.name, self.file, line, column, path)
                )

    def _text(self, node: Scalar, hint: Any, spec: FieldSpec, path: str, owner: type) -> Any:
        if node.tag != "str":
            return self._implicit(node, spec, path, hint)
        text: str = node.raw
        if spec.required and not text.strip():
            return self.issue("empty-value", node, path, f"'{spec.name}' is empty")
        bad = (_CONTROL_IN_MARKDOWN if hint is model.Markdown else CONTROL_IN_TEXT).search(text)
        if bad is not None:
            control = bad.group()
            where = (
                "" if hint is model.Markdown else " (a line break belongs only in Markdown text)"
            )
            return self.issue(
                "control-character",
                node,
                path,
                f"'{spec.name}' holds the character U+{ord(control):04X} "
                f"{unicodedata.name(control, '(a control character)')}"
                f"{where if control == chr(10) else ''}: "
                "it could change how a terminal, a spreadsheet or a review shows the text; "
                "remove it",
            )
        if (run := _combining_run(text)) is not None:
            return self.issue(
                "combining-marks",
                node,
                path,
                f"'{spec.name}' has more than {MOST_COMBINING_MARKS} combining marks (accents "
                f"and the like) in a row, from character {run + 1}: no language needs so many, "
                "and the layout would take minutes; remove them",
            )
        if hint is model.Markdown:
            self._citations(node, text, spec, path, owner)
        elif hint in BY_REF:
            self.refs.append(
                RefEntry(
                    BY_REF[hint].namespace,
                    text,
                    owner,
                    spec.name,
                    self.file,
                    node.line,
                    node.column,
                    path,
                )
            )
        elif (found := FORMATS.get(hint)) is not None and not found.accepts(text):
            return self.issue(
                found.issue_code, node, path, found.malformed.format(text=text) + _hint(hint, text)
            )
        longest = spec.meta.get("max_length")
        if longest is not None and len(text) > longest:
            return self.issue(
                FORMATS[hint].issue_code if hint in FORMATS else "invalid-format",
                node,
                path,
                f"the {LABELS[owner]}'s {spec.name} has {len(text)} characters; it becomes part "
                f"of the PDF's file name, so it may have at most {longest}",
            )
        return text
