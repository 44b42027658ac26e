"""Turn model and analysis values into plain JSON data (dicts, lists, strings, numbers)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from enum import Enum
from typing import Any

_PLAIN = frozenset({str, int, float, bool})  # exact types: a StrEnum is handled below


@functools.cache
def _public_fields(cls: type) -> tuple[str, ...] | None:
    """The names of a dataclass's fields that are exported, in order; None for other types.
    Cached per class: a large strategy holds hundreds of thousands of values."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls) if not f.metadata.get("internal"))


def to_jsonable(value: Any) -> Any:
    """JSON-ready data for ``value``: dataclasses become dicts in field order, tuples become
    lists, enums their value, dates ISO strings. Internal fields (``origin``) are left out."""
    if value is None or type(value) in _PLAIN:  # the most common case: nothing to do
        return value
    cls: type = type(value)
    names = _public_fields(cls)
    if names is not None:
        return {name: to_jsonable(getattr(value, name)) for name in names}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value
