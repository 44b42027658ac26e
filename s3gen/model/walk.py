"""Walking the model: the fields of each model class with their types, every item nested in a
value, and every item of a strategy with its kind and the ids of what it belongs to.

One walk, shared by the converter, the validator, the report (its Markdown), the open data, the
change report, the schema and the scaffolding.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from s3gen import model


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
def specs_by_name(cls: type) -> dict[str, FieldSpec]:
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


@dataclass(frozen=True)
class Placed:
    kind: str  # a Kind.name of model/kinds.py
    item: Any
    parents: dict[str, str]  # {"region": ..., "priority": ... or "action": ...}; {} at the top


def placed_items(strategy: model.Strategy) -> Iterator[Placed]:
    """Areas, sources, the vocabularies' terms, then each region followed by everything in it."""
    for area in strategy.priority_areas:
        yield Placed("area", area, {})
    for source in strategy.sources:
        yield Placed("source", source, {})
    vocabularies = strategy.vocabularies
    if vocabularies.policy_areas is not None:
        for policy_area in vocabularies.policy_areas.areas:
            yield Placed("policy-area", policy_area, {})
    for project in vocabularies.projects:
        yield Placed("project", project, {})
    for r in strategy.regions:
        yield Placed("region", r, {})
        here: dict[str, str] = {"region": r.id}
        for p in r.partners:
            yield Placed("partner", p, here)
        for pr in r.priorities:
            yield Placed("priority", pr, here)
            for gp in pr.good_practices:
                yield Placed("practice", gp, {**here, "priority": pr.id})
        for g in r.gaps:
            yield Placed("gap", g, here)
        for a in r.actions:
            yield Placed("action", a, here)
            for i in a.indicators:
                yield Placed("indicator", i, {**here, "action": a.id})
        for pl in r.peer_learning:
            yield Placed("peer-learning", pl, here)
