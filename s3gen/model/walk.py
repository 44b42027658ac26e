"""Every item of a strategy with its kind and the ids of what it belongs to, in reading order.

One walk over the model, shared by the change report, the open-data export and the scaffolding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from s3gen import model


@dataclass(frozen=True)
class Placed:
    kind: str  # area, source, region, partner, priority, practice, gap, action, indicator,
    #            peer-learning
    item: Any
    parents: dict[str, str]  # {"region": ..., "priority": ... or "action": ...}; {} at the top


def placed_items(strategy: model.Strategy) -> Iterator[Placed]:
    """Areas, sources, then each region followed by everything in it."""
    for area in strategy.priority_areas:
        yield Placed("area", area, {})
    for source in strategy.sources:
        yield Placed("source", source, {})
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
