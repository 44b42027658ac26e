"""Small pieces of English every message and page is written with: a count with its noun, a
list joined as a sentence joins it."""

from __future__ import annotations

from collections.abc import Sequence


def counted(count: int, singular: str, plural: str = "") -> str:
    """``1 gap``, ``23 gaps``: the noun as the count needs it (``plural`` when not "+s")."""
    return f"{count:,} {singular if count == 1 else plural or singular + 's'}"


def listed(parts: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
