"""What of a strategy is published: the one rule the report, the PDF and the open data share.

Left out of every publication: the editors' working notes (fields marked ``UNPUBLISHED`` in the
model) and a representative's name that the data does not say may be published (no
``representative_published_by`` source and no ``representative_consent`` date). Without personal
data (``s3gen export --no-personal-data``) every representative's name, its consent date and the
editors' names are left out as well. The preview keeps the editors' notes to show them.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any, TypeVar

from s3gen import model
from s3gen.model.walk import field_specs, holds_items

T = TypeVar("T")


@functools.cache
def unpublished_fields() -> frozenset[str]:
    """The names of the fields no publication holds, not even empty (the editors' notes)."""
    classes = [
        c for c in vars(model).values() if isinstance(c, type) and dataclasses.is_dataclass(c)
    ]
    return frozenset(
        s.name for c in classes for s in field_specs(c) if s.meta.get(model.UNPUBLISHED)
    )


def may_name(partner: model.Partner) -> bool:
    """Whether the data says the partner's representative may be named in public."""
    return partner.representative_published_by is not None or (
        partner.representative_consent is not None
    )


def _without(value: T, editor_notes: bool, personal_data: bool) -> T:
    if isinstance(value, tuple):
        return tuple(_without(v, editor_notes, personal_data) for v in value)  # type: ignore[return-value]
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for spec in field_specs(type(value)):
        current = getattr(value, spec.name)
        if spec.meta.get(model.UNPUBLISHED) and not editor_notes:
            changes[spec.name] = () if spec.is_list else None
        elif holds_items(spec.hint) and current is not None:
            changes[spec.name] = _without(current, editor_notes, personal_data)
    if isinstance(value, model.Partner) and (not personal_data or not may_name(value)):
        changes["representative"] = None
        if not personal_data:
            changes["representative_consent"] = None
    if isinstance(value, model.Document) and not personal_data:
        changes["editors"] = ()
    return dataclasses.replace(value, **changes)  # type: ignore[type-var]


def for_publication(
    strategy: model.Strategy, *, editor_notes: bool = False, personal_data: bool = True
) -> model.Strategy:
    """The strategy as it is published; with ``editor_notes`` (the preview), the editors' notes
    kept; without ``personal_data``, no person's name."""
    return _without(strategy, editor_notes, personal_data)
