"""Structural checks: turn one file's node tree into the dataclasses of `model.py`.

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
import difflib
import functools
import math
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from s3gen import model
from s3gen.errors import Issue, make_issue
from s3gen.model.codes import ISO_COUNTRIES, country_code_for
from s3gen.source.load import Mapping, Node, Scalar, Sequence, child_path

# Used with fullmatch() (in Python "$" also matches before a final newline); the ^...$ form is
# what the JSON Schema needs.
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
NUTS_RE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
INDICATOR_RE = re.compile(r"^RC[OR][0-9]{2,3}$")
URL_RE = re.compile(r"^https?://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?$")
VERSION_RE = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PLAIN_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_PLAIN_FLOAT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
_BOOL_WORDS = {"true", "false"}
# A citation in Markdown: [@source-id] or [@one; @two].
CITATION_RE = re.compile(r"\[(@[^\[\]]+)\]")

# What each kind of item is called in messages, and the id namespace it declares.
LABELS: dict[type, str] = {
    model.StrategyFile: "strategy file",
    model.SourcesFile: "sources file",
    model.Document: "document",
    model.Editor: "editor",
    model.Chapters: "chapters mapping",
    model.PriorityArea: "priority area",
    model.Source: "source",
    model.Region: "region",
    model.Nuts: "NUTS entry",
    model.InnovationRanking: "innovation ranking",
    model.S3Strategy: "S3 entry",
    model.Partner: "partner",
    model.GoodPractice: "good practice",
    model.Priority: "priority",
    model.Gap: "gap",
    model.Indicator: "indicator",
    model.Action: "action",
    model.PeerLearning: "peer-learning item",
}
ID_KINDS: dict[type, str] = {
    model.Region: "region",
    model.PriorityArea: "area",
    model.Priority: "priority",
    model.Gap: "gap",
    model.GoodPractice: "practice",
    model.Partner: "partner",
    model.Source: "source",
    model.Action: "action",
    model.PeerLearning: "peer-learning item",
    model.Indicator: "indicator",
}
REF_KINDS: dict[object, str] = {
    model.RegionRef: "region",
    model.AreaRef: "area",
    model.PriorityRef: "priority",
    model.GapRef: "gap",
    model.PracticeRef: "practice",
    model.PartnerRef: "partner",
    model.SourceRef: "source",
}


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


_DATACLASSES = frozenset(LABELS)  # the model classes, for a fast membership test


class _Invalid:
    """Marks a value that could not be converted (an issue was reported for it)."""


INVALID: Any = _Invalid()


@dataclass(frozen=True)
class FieldSpec:
    name: str
    hint: Any
    required: bool
    meta: typing.Mapping[str, Any]
    # Derived from the hint once, not for every value converted:
    base: Any = None  # the hint without "| None"
    optional: bool = False  # "| None"
    is_list: bool = False  # tuple[X, ...]
    item: Any = None  # X of a list, else the base


@functools.cache
def field_specs(cls: type) -> tuple[FieldSpec, ...]:
    """The user-visible fields of a model class, with their resolved types."""
    hints = typing.get_type_hints(cls)
    specs = []
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        hint = hints[f.name]
        base, optional = unwrap_optional(hint)
        is_list = typing.get_origin(base) is tuple
        item = typing.get_args(base)[0] if is_list else base
        specs.append(FieldSpec(f.name, hint, required, f.metadata, base, optional, is_list, item))
    return tuple(specs)


@functools.cache
def _members(enum: type[StrEnum]) -> dict[str, StrEnum]:
    """An enumeration's members by value, in order."""
    return {m.value: m for m in enum}


@functools.cache
def _specs_by_name(cls: type) -> dict[str, FieldSpec]:
    return {s.name: s for s in field_specs(cls)}


def unwrap_optional(hint: Any) -> tuple[Any, bool]:
    """``X | None`` -> (X, True); anything else -> (hint, False)."""
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0], True
    return hint, False


def holds_items(hint: Any) -> bool:
    """Whether a field holds model items (a nested mapping or a list of them), not values."""
    inner, _ = unwrap_optional(hint)
    if typing.get_origin(inner) is tuple:
        inner = typing.get_args(inner)[0]
    return dataclasses.is_dataclass(inner)


@functools.cache
def _item_fields(cls: type) -> tuple[str, ...]:
    """The fields of a model class that hold nested items (one or a list)."""
    return tuple(s.name for s in field_specs(cls) if holds_items(s.hint))


def nested_items(value: Any) -> Iterator[Any]:
    """Every model item inside ``value`` (itself included), depth first."""
    yield value
    cls: type = type(value)
    for name in _item_fields(cls):
        inner = getattr(value, name)
        if isinstance(inner, tuple):
            for item in inner:
                yield from nested_items(item)
        elif inner is not None:
            yield from nested_items(inner)


def did_you_mean(word: str, candidates: typing.Iterable[str]) -> str | None:
    """The closest candidate to ``word``, if one is close enough to be a likely typo."""
    pool = list(candidates)
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return lowered[word.lower()]
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def suggestion(word: str, candidates: typing.Iterable[str], what: str = "choose one of") -> str:
    """' (did you mean 'x'?)', or '; {what}: a, b' when nothing is close and choices are few."""
    pool = sorted(candidates)
    close = did_you_mean(word, pool)
    if close is not None:
        return f" (did you mean '{close}'?)"
    if 0 < len(pool) <= 12:
        return f"; {what}: {', '.join(pool)}"
    return ""


def a(noun: str) -> str:
    """``noun`` with its indefinite article: 'an indicator', 'a gap'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


_INVISIBLE = re.compile(r"[\u00a0\u200b-\u200f\u2028-\u202f\u2060\ufeff]")


def visible(text: str) -> str:
    """``text`` in quotes, with invisible characters (no-break space, zero-width space, bidi
    marks) shown as <U+00A0>, so a message never says 'high' is not 'high'."""
    return "'" + _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text) + "'"


def slugify(text: str) -> str:
    """A kebab-case id made from ``text``, for suggestions."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "id"


def describe(node: Node) -> str:
    """How a value found in the file is named in messages."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if node.tag == "str":
        return f"the text '{node.raw}'"
    if node.tag == "null":
        return "nothing"
    if node.tag == "bool":
        return f"'{node.raw}' (true/false)"
    if node.tag == "timestamp":
        return f"the date {node.raw}"
    return f"the number {node.raw}"


_TEXT_KINDS: dict[object, str] = {
    model.Id: "an id (lowercase letters, digits and hyphens)",
    model.CountryCode: "a country code such as PL",
    model.Url: "a web address",
    model.LanguageCode: "a language tag such as en",
    model.NutsCodeStr: "a NUTS code such as PL84",
    model.Version: 'a version such as "1.0"',
}


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
    return _TEXT_KINDS.get(hint, "a text")


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
        specs = _specs_by_name(cls)
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
                    else f"; keys allowed in {a(label)}: {', '.join(specs)}"
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
        kind = ID_KINDS.get(cls)
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

    def _implicit(self, node: Scalar, spec: FieldSpec, path: str) -> Any:
        return self.issue(
            "implicit-type",
            node,
            path,
            f"'{spec.name}' should be a text, but YAML read {node.raw} as "
            f'{_implicit_reading(node)}; put it in quotes: {spec.name}: "{node.raw}"',
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
            elif node.tag == "str" and re.fullmatch(r"[\d.,' ]+", node.raw):
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
            for key in match.group(1).split(";"):
                key = key.strip().removeprefix("@")
                # Block scalars start on the line after the key; count lines to the citation.
                # A literal block keeps its line breaks, so the citation's line is known; in
                # other styles YAML folded them, and the field's line is the best we have.
                line = node.line
                if node.style == "|":
                    line += 1 + text.count("\n", 0, match.start())
                self.refs.append(
                    RefEntry("source", key, owner, spec.name, self.file, line, node.column, path)
                )

    def _text(self, node: Scalar, hint: Any, spec: FieldSpec, path: str, owner: type) -> Any:
        if node.tag != "str":
            return self._implicit(node, spec, path)
        text: str = node.raw
        if spec.required and not text.strip():
            return self.issue("empty-value", node, path, f"'{spec.name}' is empty")
        if hint is model.Id:
            if not ID_RE.fullmatch(text):
                return self.issue(
                    "invalid-id",
                    node,
                    path,
                    f"'{text}' is not a valid id: use lowercase letters, digits "
                    f"and single hyphens, e.g. '{slugify(text)}'",
                )
        elif hint is model.Markdown:
            self._citations(node, text, spec, path, owner)
        elif hint in REF_KINDS:
            self.refs.append(
                RefEntry(
                    REF_KINDS[hint], text, owner, spec.name, self.file, node.line, node.column, path
                )
            )
        elif hint is model.CountryCode:
            if text not in ISO_COUNTRIES:
                close = country_code_for(text)
                hint_text = f" (did you mean '{close}'?)" if close else ""
                return self.issue(
                    "invalid-format",
                    node,
                    path,
                    f"'{text}' is not an ISO 3166-1 alpha-2 country code{hint_text}",
                )
        elif hint is model.Url:
            if not URL_RE.fullmatch(text):
                return self.issue(
                    "invalid-format",
                    node,
                    path,
                    f"'{text}' is not a web address; it must start with https:// or http://",
                )
        elif hint is model.LanguageCode:
            if not LANGUAGE_RE.fullmatch(text):
                return self.issue(
                    "invalid-format",
                    node,
                    path,
                    f"'{text}' is not a language tag such as 'en' or 'pl'",
                )
        elif hint is model.NutsCodeStr:
            if not NUTS_RE.fullmatch(text):
                return self.issue(
                    "invalid-format",
                    node,
                    path,
                    f"'{text}' is not a NUTS code: two capital letters and up to "
                    "three letters or digits, e.g. PL84"
                    + (
                        f" (did you mean '{text.upper()}'?)"
                        if NUTS_RE.fullmatch(text.upper())
                        else ""
                    ),
                )
        elif hint is model.Version and not VERSION_RE.fullmatch(text):
            return self.issue(
                "invalid-format",
                node,
                path,
                f"'{text}' is not a version such as 1.0 or 2027-draft: it becomes part of the "
                "PDF's file name, so use letters, digits, '.', '-' and '_' only",
            )
        elif hint is model.IndicatorCode and not INDICATOR_RE.fullmatch(text):
            return self.issue(
                "invalid-format",
                node,
                path,
                f"'{text}' is not an Interreg indicator code such as RCO87 or RCR79",
            )
        return text
