"""Turn model and analysis values into plain JSON data (dicts, lists, strings, numbers)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from enum import Enum
from typing import Any


def to_jsonable(value: Any) -> Any:
    """JSON-ready data for ``value``: dataclasses become dicts in field order, tuples become
    lists, enums their value, dates ISO strings. Internal fields (``origin``) are left out."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_jsonable(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not f.metadata.get("internal")
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    return value
