"""SVG charts drawn at build time: the priority matrix, the action timeline, the peer-learning
network. No JavaScript; each chart has a <title> and <desc>, and the report puts a data table
beside it. Colours keep at least 3:1 contrast against the white page (WCAG 1.4.11).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 on white
GRID = "#d0d0d0"  # decoration only
HELD = "#1f4e79"
STATUS_COLOURS = {
    "proposed": "#6a3d9a",
    "planned": "#1f62a8",
    "ongoing": "#2e6b30",
    "completed": "#595959",
}
OVERDUE = "#b3261e"
ADVANCED = "#1f4e79"
LESS_DEVELOPED = "#9a4a00"


def _svg(chart_id: str, width: float, height: float, title: str, desc: str, body: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{chart_id}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>{body}</svg>'
    )


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    size: int = 12,
    fill: str = INK,
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" fill="{fill}" '
        f'text-anchor="{anchor}"{extra}>{escape(text)}</text>'
    )


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def priority_matrix(regions: list[str], areas: list[str], held: list[list[bool]]) -> Markup:
    """A dot matrix: one row per region, one column per area, a dot where the region holds it."""
    left, top, col, row = 170.0, 230.0, 64.0, 26.0
    width = left + col * len(areas) + 200  # room for the last rotated label
    height = top + row * len(regions) + 10
    parts = []
    for j, area in enumerate(areas):
        x = left + col * j + col / 2
        parts.append(
            _text(
                x,
                top - 10,
                _short(area, 44),
                extra=f' transform="rotate(-40 {x:.1f} {top - 10:.1f})"',
            )
        )
    for i, region in enumerate(regions):
        y = top + row * i + row / 2
        if i % 2 == 0:
            parts.append(
                f'<rect x="0" y="{top + row * i:.1f}" width="{width:.0f}" height="{row:.0f}" '
                'fill="#f2f4f7"/>'
            )
        parts.append(_text(left - 10, y + 4, _short(region, 28), anchor="end"))
        for j, is_held in enumerate(held[i]):
            x = left + col * j + col / 2
            if is_held:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{HELD}"/>')
            else:
                parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{GRID}"/>')
    count = sum(sum(r) for r in held)
    desc = (
        f"{len(regions)} regions by {len(areas)} transnational priority areas; {count} dots mark "
        "the areas in which a region has a priority. The table below gives the same data."
    )
    return _svg("chart-matrix", width, height, "Priority matrix", desc, "".join(parts))


@dataclass(frozen=True)
class Bar:
    title: str
    region: str
    start: dt.date
    end: dt.date
    status: str
    overdue: bool
    proposal: bool


def _x(date: dt.date, first: dt.date, span_days: int, left: float, plot: float) -> float:
    return left + plot * (date - first).days / span_days


def timeline(bars: list[Bar], reference: dt.date) -> Markup:
    """A Gantt chart of the dated actions, coloured by status, with the publication date."""
    left, top, row, plot = 300.0, 40.0, 22.0, 600.0
    if not bars:
        return _svg(
            "chart-timeline",
            400,
            60,
            "Timeline",
            "No action has both dates.",
            _text(10, 30, "No action has a start and an end date."),
        )
    first = dt.date(min(min(b.start for b in bars).year, reference.year), 1, 1)
    last = dt.date(max(max(b.end for b in bars).year, reference.year) + 1, 1, 1)
    span = (last - first).days
    width = left + plot + 20
    height = top + row * len(bars) + 60
    parts = []
    for year in range(first.year, last.year + 1):
        x = _x(dt.date(year, 1, 1), first, span, left, plot)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6:.1f}" x2="{x:.1f}" '
            f'y2="{top + row * len(bars):.1f}" stroke="{GRID}"/>'
        )
        if year < last.year:
            mid = _x(dt.date(year, 7, 1), first, span, left, plot)
            parts.append(_text(mid, top - 12, str(year), anchor="middle", fill=MUTED))
    for i, bar in enumerate(bars):
        y = top + row * i
        label = f"{_short(bar.title, 34)} ({bar.region})"
        parts.append(_text(left - 8, y + 15, _short(label, 48), anchor="end", size=11))
        x1 = _x(bar.start, first, span, left, plot)
        x2 = max(_x(bar.end, first, span, left, plot), x1 + 3)
        stroke = f' stroke="{OVERDUE}" stroke-width="3"' if bar.overdue else ""
        dash = ' stroke-dasharray="4 2"' if bar.proposal and not bar.overdue else ""
        outline = stroke or f' stroke="{INK}" stroke-width="1"{dash}'
        parts.append(
            f'<rect x="{x1:.1f}" y="{y + 4:.1f}" width="{x2 - x1:.1f}" height="{row - 8:.0f}" '
            f'fill="{STATUS_COLOURS[bar.status]}"{outline}/>'
        )
    xr = _x(reference, first, span, left, plot)
    bottom = top + row * len(bars)
    parts.append(
        f'<line x1="{xr:.1f}" y1="{top - 6:.1f}" x2="{xr:.1f}" y2="{bottom + 4:.1f}" '
        f'stroke="{INK}" stroke-width="2" stroke-dasharray="6 3"/>'
    )
    parts.append(_text(xr, bottom + 18, "publication date", anchor="middle", size=11))
    lx = left
    for status, colour in STATUS_COLOURS.items():
        parts.append(
            f'<rect x="{lx:.1f}" y="{bottom + 32:.1f}" width="14" height="10" fill="{colour}"/>'
        )
        parts.append(_text(lx + 18, bottom + 41, status, size=11))
        lx += 95
    parts.append(
        f'<rect x="{lx:.1f}" y="{bottom + 32:.1f}" width="14" height="10" fill="#ffffff" '
        f'stroke="{OVERDUE}" stroke-width="3"/>'
    )
    parts.append(_text(lx + 18, bottom + 41, "overdue", size=11))
    overdue = sum(1 for b in bars if b.overdue)
    desc = (
        f"{len(bars)} actions from {bars[0].start.year} to {max(b.end for b in bars).year}, "
        f"coloured by status; {overdue} overdue. Proposals have a dashed outline. The table of "
        "joint actions gives the same dates."
    )
    return _svg("chart-timeline", width, height, "Timeline of actions", desc, "".join(parts))


@dataclass(frozen=True)
class Node:
    key: str  # unique: the region id
    label: str
    advanced: bool


def network(nodes: list[Node], pairs: list[tuple[str, str]]) -> Markup:
    """Regions on a circle, an arrow from each mentor to each learner (pairs of node keys)."""
    size, radius = 560.0, 190.0
    cx, cy = size / 2 + 40, size / 2
    pos = {}
    for i, node in enumerate(nodes):
        angle = -math.pi / 2 + 2 * math.pi * i / max(len(nodes), 1)
        pos[node.key] = (cx + radius * math.cos(angle), cy + radius * math.sin(angle), angle)
    parts = [
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
        f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{MUTED}"/></marker></defs>'
    ]
    for mentor, learner in pairs:
        x1, y1, _ = pos[mentor]
        x2, y2, _ = pos[learner]
        d = math.hypot(x2 - x1, y2 - y1) or 1
        ux, uy = (x2 - x1) / d, (y2 - y1) / d
        # Bend every arrow a little to its left, so that A -> B and B -> A do not overlap.
        mx, my = (x1 + x2) / 2 - uy * 18, (y1 + y2) / 2 + ux * 18
        parts.append(
            f'<path d="M{x1 + ux * 14:.1f},{y1 + uy * 14:.1f} Q{mx:.1f},{my:.1f} '
            f'{x2 - ux * 16:.1f},{y2 - uy * 16:.1f}" fill="none" stroke="{MUTED}" '
            'stroke-width="1.6" marker-end="url(#arrow)"/>'
        )
    for node in nodes:
        x, y, angle = pos[node.key]
        colour = ADVANCED if node.advanced else LESS_DEVELOPED
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="11" fill="{colour}"/>')
        lx, ly = x + 24 * math.cos(angle), y + 24 * math.sin(angle) + 4
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        parts.append(_text(lx, ly, _short(node.label, 26), anchor=anchor))
    ly = size + 10
    parts.append(f'<circle cx="20" cy="{ly:.0f}" r="7" fill="{ADVANCED}"/>')
    parts.append(_text(32, ly + 4, "advanced region (mentor)"))
    parts.append(f'<circle cx="230" cy="{ly:.0f}" r="7" fill="{LESS_DEVELOPED}"/>')
    parts.append(_text(242, ly + 4, "less developed region"))
    parts.append(_text(420, ly + 4, "arrow: from mentor to learner"))
    desc = (
        f"{len(nodes)} regions and {len(pairs)} mentor-to-learner pairs from the peer-learning "
        "recommendations. The peer-learning table gives the same pairs."
    )
    return _svg(
        "chart-network", size + 120, size + 30, "Peer-learning network", desc, "".join(parts)
    )
