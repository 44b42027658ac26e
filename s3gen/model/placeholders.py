"""The placeholder texts of the skeletons s3gen writes, and where a strategy still holds one.

One table, read by the scaffold (`s3gen new`) when it writes a skeleton and by the validator when
it checks: a published text that is (whitespace around it aside) one of these placeholders is a
`placeholder` warning, so that a skeleton is never published as it was written. A command that
writes a skeleton of its own adds its texts here.

Only texts are placeholders. The rest of a skeleton is left alone: its generated ids
(`podlaskie-action-1`) are valid, stable ids that other items may already refer to, and its
choices (`status: proposed`, `severity: medium`, the first priority area) are values an editor
may well mean.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from enum import Enum
from typing import Any

from s3gen import model
from s3gen.model.walk import field_specs, holds_items

# What the skeleton is of (a kind of item of model/kinds.py, or a file) -> field -> the placeholder
# text written there. `s3gen new` writes the title or topic only when --title is left out.
# Validation looks for every one of them in every published text, whatever field it is in.
SKELETONS: dict[str, dict[str, str]] = {
    "priority": {
        "title": "New priority",
        "description": "What the region specialises in, and the sources that show it.",
    },
    "gap": {
        "title": "New gap",
        "description": "The gap in the SME support system, and the evidence for it.",
    },
    "action": {
        "title": "New action",
        "description": "What the action does, for whom and how.",
    },
    "peer-learning": {
        "topic": "New peer-learning topic",
    },
    # `s3gen init`: strategy.yaml and sources.yaml (keyed by what the text is), the example region.
    "strategy": {
        "title": "Title of the strategy",
        "name": "Name of the editor or team",
        "summary": "What the strategy is, who wrote it and where it comes from.",
        "vision": "The shared vision of the regions.",
        "methodology": "How the priorities were identified.",
        "governance": "Who steers and implements the strategy.",
        "monitoring": "How the strategy is monitored and evaluated.",
        "area": "Name of the priority area",
        "description": "What the area covers.",
        "source": "Title of the source",
        "url": "https://example.org/",
    },
    "example-region": {
        "name": "Example region",
    },
}

PLACEHOLDERS = frozenset(text for fields in SKELETONS.values() for text in fields.values())


def placeholder(text: str) -> str | None:
    """The placeholder ``text`` holds, whitespace around it left out; None for a real text."""
    stripped = text.strip()
    return stripped if stripped in PLACEHOLDERS else None


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The published fields of ``cls`` that hold a value, and those that hold items."""
    published = [s for s in field_specs(cls) if not s.meta.get(model.UNPUBLISHED)]
    return (
        tuple(s.name for s in published if not s.is_list and not holds_items(s.hint)),
        tuple(s.name for s in published if holds_items(s.hint)),
    )


def placeholders_in(value: Any) -> Iterator[tuple[Any, str, str]]:
    """(item, field, placeholder) for every published text in ``value`` and the items in it
    that still holds a placeholder. The editors' working notes are never published, and not
    read."""
    cls: type = type(value)
    values, items = _fields(cls)
    for name in values:
        text = getattr(value, name)
        if isinstance(text, str) and not isinstance(text, Enum):
            found = placeholder(text)
            if found is not None:
                yield value, name, found
    for name in items:
        inner = getattr(value, name)
        for item in inner if isinstance(inner, tuple) else (inner,) if inner is not None else ():
            yield from placeholders_in(item)
