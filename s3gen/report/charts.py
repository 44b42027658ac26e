"""SVG charts drawn at build time: the regions' shared priority areas, the action timeline,
the peer-learning network. No JavaScript; each chart has a <title> and <desc>, and the report
puts a data table beside it. Colours keep at least 3:1 contrast against the white page (WCAG
1.4.11). Each chart's words (title, description, key) are in the edition's ``language``,
through its catalog (`wording.translations`); the room a label takes is measured on its words
as printed.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from s3gen import model
from s3gen.report.formatting import label_in_text
from s3gen.report.wording import N_, SOURCE_LANGUAGE, translations

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


# The report prints every chart at the width of the A4 text block; no label is smaller than
# MIN_LABEL_PT there. A chart's font sizes are in units of its viewBox, so the widest a chart may
# be is the text width in points times the smallest font size, over MIN_LABEL_PT.
TEXT_WIDTH_MM = 172.0
MIN_LABEL_PT = 7.0
LABEL = 11  # the smallest font size any chart uses
MAX_WIDTH = TEXT_WIDTH_MM / 25.4 * 72 * LABEL / MIN_LABEL_PT  # about 766


def _text_width(text: str, size: float) -> float:
    """A generous estimate of a label's width (0.6 em a character: wider than the average of
    the sans-serif faces the report uses), so that room made for it is never too small."""
    return 0.6 * size * len(text)


def _wrap(text: str, chars: int) -> list[str]:
    """Break a label at spaces into lines of at most ``chars`` characters (a longer word keeps
    a line of its own): labels are wrapped, never cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def _mix(low: str, high: str, t: float) -> str:
    a = [int(low[i : i + 2], 16) for i in (1, 3, 5)]
    b = [int(high[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(x + (y - x) * t):02x}" for x, y in zip(a, b, strict=True))


SCALE_LOW, SCALE_HIGH = "#dce8f5", "#0b2f5b"
# By development group (model.DevelopmentGroup's values). What a group is called is the
# strategy's own wording: GroupNames, from its vocabularies.
GROUP_COLOURS = {"less_developed": LESS_DEVELOPED, "advanced": ADVANCED}
GroupNames = typing.Mapping[str, str]


HATCHED = N_("hatched: counts an area held only through proposed priorities")


@dataclass(frozen=True)
class HeatRegion:
    label: str
    group: str  # "less_developed" or "advanced" (GROUP_COLOURS)


def shared_areas(
    regions: list[HeatRegion],
    shared: list[list[int]],
    proposed: list[list[bool]],
    groups: GroupNames,
    language: str = SOURCE_LANGUAGE,
) -> Markup:
    """A heat map of region by region: each cell the number of priority areas both regions
    hold, the diagonal the areas a region holds; cells that count an area held only through
    proposed priorities are hatched. Regions come in the caller's order, grouped."""
    tr = translations(language)
    title = tr.gettext("Shared priority areas")
    n = len(regions)
    if n == 0:
        return _svg(
            "chart-matrix",
            400,
            60,
            title,
            tr.gettext("No region."),
            _text(10, 30, tr.gettext("No region.")),
        )
    size = 12
    label_w = max(_text_width(r.label, size) for r in regions)
    cell = max(12.0, min(36.0, 420.0 / n))
    left = 18 + label_w + 8
    top = 14 + label_w * 0.71 + 8
    grid = cell * n
    high = max(max(row) for row in shared) or 1
    parts = [
        '<defs><pattern id="chart-matrix-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="none"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="1.5"/></pattern></defs>'
    ]
    for i, region in enumerate(regions):
        y = top + cell * i
        x = left + cell * i + cell / 2
        colour = GROUP_COLOURS[region.group]
        parts.append(
            f'<rect x="4" y="{y + cell / 2 - 5:.1f}" width="10" height="10" fill="{colour}"/>'
        )
        parts.append(_text(left - 6, y + cell / 2 + 4, region.label, anchor="end", size=size))
        parts.append(
            _text(
                x + 4,
                top - 6,
                region.label,
                size=size,
                extra=f' transform="rotate(-45 {x + 4:.1f} {top - 6:.1f})"',
            )
        )
        parts.append(
            f'<rect x="{x - 5:.1f}" y="{top - 4:.1f}" width="10" height="3" fill="{colour}"/>'
        )
    for i in range(n):
        for j in range(n):
            x, y, value = left + cell * j, top + cell * i, shared[i][j]
            t = value / high
            fill = "#ffffff" if value == 0 else _mix(SCALE_LOW, SCALE_HIGH, t)
            stroke = f' stroke="{INK}" stroke-width="2"' if i == j else f' stroke="{GRID}"'
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell:.1f}" height="{cell:.1f}" '
                f'fill="{fill}"{stroke}/>'
            )
            if proposed[i][j]:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{cell:.1f}" height="{cell:.1f}" '
                    'fill="url(#chart-matrix-hatch)"/>'
                )
            if value and cell >= 20:
                ink = "#ffffff" if t > 0.5 else INK
                parts.append(
                    _text(x + cell / 2, y + cell / 2 + 4, str(value), anchor="middle", fill=ink)
                )
    # Group boundaries: a line where the development group changes.
    for i in range(1, n):
        if regions[i].group != regions[i - 1].group:
            at = cell * i
            parts.append(
                f'<line x1="{left:.1f}" y1="{top + at:.1f}" x2="{left + grid:.1f}" '
                f'y2="{top + at:.1f}" stroke="{INK}" stroke-width="2"/>'
                f'<line x1="{left + at:.1f}" y1="{top:.1f}" x2="{left + at:.1f}" '
                f'y2="{top + grid:.1f}" stroke="{INK}" stroke-width="2"/>'
            )
    # Legend: the colour scale, the diagonal, the hatching, the groups.
    y = top + grid + 22
    scale_label = tr.gettext("Shared areas:")
    parts.append(_text(4, y + 11, scale_label, size=LABEL))
    lx = 4 + _text_width(scale_label, LABEL) + 4
    steps = sorted({0, *range(1, high + 1, max(1, high // 6))} | {high})
    for value in steps:
        fill = "#ffffff" if value == 0 else _mix(SCALE_LOW, SCALE_HIGH, value / high)
        parts.append(
            f'<rect x="{lx:.1f}" y="{y:.1f}" width="22" height="14" fill="{fill}" stroke="{GRID}"/>'
        )
        parts.append(_text(lx + 11, y + 27, str(value), anchor="middle", size=LABEL))
        lx += 26
    lx += 12
    parts.append(
        f'<rect x="{lx:.1f}" y="{y:.1f}" width="14" height="14" fill="#ffffff" stroke="{INK}" '
        'stroke-width="2"/>'
    )
    diagonal = tr.gettext("diagonal: areas the region holds")
    parts.append(_text(lx + 20, y + 11, diagonal, size=LABEL))
    widest = lx + 20 + _text_width(diagonal, LABEL)
    y += 40
    lx = 4.0
    for group, colour in GROUP_COLOURS.items():
        if any(r.group == group for r in regions):
            parts.append(f'<rect x="{lx:.1f}" y="{y:.1f}" width="10" height="10" fill="{colour}"/>')
            parts.append(_text(lx + 14, y + 9, groups[group], size=LABEL))
            lx += 14 + _text_width(groups[group], LABEL) + 14
    any_proposed = any(any(row) for row in proposed)
    hatched = tr.gettext(HATCHED)
    if any_proposed:
        y += 22
        parts.append(
            f'<rect x="4" y="{y:.1f}" width="14" height="14" fill="url(#chart-matrix-hatch)" '
            f'stroke="{GRID}"/>'
        )
        parts.append(
            _text(
                24,
                y + 11,
                hatched,
                size=LABEL,
            )
        )
    if any_proposed:
        widest = max(widest, 24 + _text_width(hatched, LABEL))
    # Room for the last column's slanted label and for the legend.
    width = max(left + grid + label_w * 0.71 + 10, widest + 4)
    height = y + 24
    pairs = [(shared[i][j], i, j) for i in range(n) for j in range(i + 1, n)]
    best = max(pairs, default=(0, 0, 0), key=lambda p: (p[0], -p[1], -p[2]))
    lone = [
        regions[i].label for i in range(n) if all(shared[i][j] == 0 for j in range(n) if j != i)
    ]
    words: dict[str, object] = {"count": n}
    if best[0]:
        desc = tr.ngettext(
            "%(count)s regions by the same %(count)s regions, grouped by development group; each "
            "cell gives how many priority areas both regions hold, the diagonal how many a "
            "region holds. Table 1 lists the regions of each area; this chart shows which pairs "
            "of regions share the most: %(first)s and %(second)s share %(shared)s.",
            "%(count)s regions by the same %(count)s regions, grouped by development group; each "
            "cell gives how many priority areas both regions hold, the diagonal how many a "
            "region holds. Table 1 lists the regions of each area; this chart shows which pairs "
            "of regions share the most: %(first)s and %(second)s share %(shared)s.",
            n,
        )
        words |= {
            "first": regions[best[1]].label,
            "second": regions[best[2]].label,
            "shared": best[0],
        }
    else:
        desc = tr.ngettext(
            "%(count)s regions by the same %(count)s regions, grouped by development group; each "
            "cell gives how many priority areas both regions hold, the diagonal how many a "
            "region holds. Table 1 lists the regions of each area; this chart shows which pairs "
            "of regions share the most.",
            "%(count)s regions by the same %(count)s regions, grouped by development group; each "
            "cell gives how many priority areas both regions hold, the diagonal how many a "
            "region holds. Table 1 lists the regions of each area; this chart shows which pairs "
            "of regions share the most.",
            n,
        )
    desc %= words
    if lone:
        desc += " " + tr.gettext("Sharing no area with another region: %(regions)s.") % {
            "regions": ", ".join(lone)
        }
    if any_proposed:
        count = sum(proposed[i][j] for i in range(n) for j in range(i + 1, n))
        desc += " " + tr.ngettext(
            "%(count)s pairs count an area held only through proposed priorities (hatched).",
            "%(count)s pairs count an area held only through proposed priorities (hatched).",
            count,
        ) % {"count": count}
    return _svg("chart-matrix", width, height, title, desc, "".join(parts))


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


TIMELINE_LABEL_CHARS = 40  # characters a line of a timeline label holds (wrapped, never cut)


def timeline(
    bars: list[Bar], reference: dt.date, period: tuple[int, int], language: str = SOURCE_LANGUAGE
) -> Markup:
    """A Gantt chart of the dated actions in the years of ``period``, coloured by status, with
    the publication date. Bars wholly outside the period are left out (the caller lists them);
    a bar that crosses an edge of the period is cut there and marked with an arrowhead."""
    t = translations(language)
    first, last = dt.date(period[0], 1, 1), dt.date(period[1] + 1, 1, 1)
    shown = [b for b in bars if b.end >= first and b.start < last]
    if not shown:
        return _svg(
            "chart-timeline",
            400,
            60,
            t.gettext("Timeline"),
            t.gettext("No dated action falls in the period."),
            _text(10, 30, t.gettext("No dated action falls in the period.")),
        )
    size, line = LABEL, 13.0
    left, top, plot = 8 + 0.6 * size * TIMELINE_LABEL_CHARS + 10, 30.0, 400.0
    width = left + plot + 16
    span = (last - first).days
    parts = [
        '<defs><marker id="chart-timeline-clip" viewBox="0 0 10 10" refX="5" refY="5" '
        'markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{INK}"/></marker></defs>'
    ]
    rows: list[tuple[Bar, list[str], float]] = []
    y = top
    for bar in shown:
        lines = _wrap(f"{bar.title} ({bar.region})", TIMELINE_LABEL_CHARS)
        height = max(22.0, 8 + line * len(lines))
        rows.append((bar, lines, y))
        y += height
    bottom = y
    for year in range(period[0], period[1] + 2):
        x = _x(dt.date(year, 1, 1), first, span, left, plot)
        parts.append(
            f'<line x1="{x:.1f}" y1="{top - 6:.1f}" x2="{x:.1f}" y2="{bottom:.1f}" '
            f'stroke="{GRID}"/>'
        )
        if year <= period[1]:
            mid = _x(dt.date(year, 7, 1), first, span, left, plot)
            parts.append(_text(mid, top - 12, str(year), anchor="middle", size=size, fill=MUTED))
    clipped = False
    for bar, lines, y in rows:
        height = max(22.0, 8 + line * len(lines))
        text_top = y + height / 2 - line * (len(lines) - 1) / 2 + 4
        for k, text in enumerate(lines):
            parts.append(_text(left - 8, text_top + line * k, text, anchor="end", size=size))
        start, end = max(bar.start, first), min(bar.end, last)
        x1 = _x(start, first, span, left, plot)
        x2 = max(_x(end, first, span, left, plot), x1 + 3)
        mid = y + height / 2
        stroke = f' stroke="{OVERDUE}" stroke-width="3"' if bar.overdue else ""
        dash = ' stroke-dasharray="4 2"' if bar.proposal and not bar.overdue else ""
        outline = stroke or f' stroke="{INK}" stroke-width="1"{dash}'
        parts.append(
            f'<rect x="{x1:.1f}" y="{mid - 7:.1f}" width="{x2 - x1:.1f}" height="14" '
            f'fill="{STATUS_COLOURS[bar.status]}"{outline}/>'
        )
        for cut, at, towards in ((bar.start < first, x1, -1), (bar.end > last, x2, 1)):
            if cut:
                clipped = True
                parts.append(
                    f'<path d="M{at:.1f},{mid:.1f} L{at + 6 * towards:.1f},{mid:.1f}" '
                    f'stroke="{INK}" marker-end="url(#chart-timeline-clip)"/>'
                )
    if first <= reference < last:
        xr = _x(reference, first, span, left, plot)
        parts.append(
            f'<line x1="{xr:.1f}" y1="{top - 6:.1f}" x2="{xr:.1f}" y2="{bottom + 4:.1f}" '
            f'stroke="{INK}" stroke-width="2" stroke-dasharray="6 3"/>'
        )
        parts.append(
            _text(xr, bottom + 18, t.gettext("publication date"), anchor="middle", size=size)
        )
    # The key: each status as a sentence names it (the catalog's words of model.ActionStatus).
    items: list[tuple[str, str]] = [
        (f'fill="{colour}"', label_in_text(model.ActionStatus(status), language))
        for status, colour in STATUS_COLOURS.items()
    ]
    items.append((f'fill="#ffffff" stroke="{OVERDUE}" stroke-width="3"', t.gettext("overdue")))
    if any(b.proposal for b in shown):
        items.append(
            (f'fill="#ffffff" stroke="{INK}" stroke-dasharray="4 2"', t.gettext("proposal"))
        )
    lx, ly = 8.0, bottom + 32
    for attributes, name in items:
        step = 24 + _text_width(name, size)
        if lx + step > width:
            lx, ly = 8.0, ly + 20
        parts.append(f'<rect x="{lx:.1f}" y="{ly:.1f}" width="14" height="10" {attributes}/>')
        parts.append(_text(lx + 18, ly + 9, name, size=size))
        lx += step
    if clipped:
        ly += 20
        parts.append(
            f'<path d="M8,{ly + 5:.1f} L16,{ly + 5:.1f}" stroke="{INK}" '
            'marker-end="url(#chart-timeline-clip)"/>'
        )
        parts.append(_text(26, ly + 9, t.gettext("runs on beyond the period shown"), size=size))
    height = ly + 20
    overdue = sum(1 for b in shown if b.overdue)
    left_out = len(bars) - len(shown)
    desc = t.ngettext(
        "%(count)s actions in the years %(first)s to %(last)s, coloured by status; %(overdue)s "
        "overdue. Proposals have a dashed outline; an arrowhead marks a bar that runs on beyond "
        "the period. The table of joint actions gives the dates of the joint ones.",
        "%(count)s actions in the years %(first)s to %(last)s, coloured by status; %(overdue)s "
        "overdue. Proposals have a dashed outline; an arrowhead marks a bar that runs on beyond "
        "the period. The table of joint actions gives the dates of the joint ones.",
        len(shown),
    ) % {"count": len(shown), "first": period[0], "last": period[1], "overdue": overdue}
    if left_out:
        desc += " " + t.ngettext(
            "%(count)s outside the period are not drawn; the caption lists them.",
            "%(count)s outside the period are not drawn; the caption lists them.",
            left_out,
        ) % {"count": left_out}
    return _svg(
        "chart-timeline", width, height, t.gettext("Timeline of actions"), desc, "".join(parts)
    )


@dataclass(frozen=True)
class Node:
    key: str  # unique: the region id
    label: str
    advanced: bool


def _box_height(links: int) -> float:
    return max(24.0, 10.0 * links + 6)


def network(
    nodes: list[Node],
    pairs: list[tuple[str, str]],
    groups: GroupNames,
    language: str = SOURCE_LANGUAGE,
) -> Markup:
    """Mentors in a column on the left, learners on the right (a region that is both is in
    both), each coloured by its development group, an arrow from each mentor to each learner.
    Each arrow has its own place on the side of a box, so that arrowheads never pile up."""
    t = translations(language)
    by_key = {n.key: n for n in nodes}
    learners_of: dict[str, list[str]] = {}
    mentors_of: dict[str, list[str]] = {}
    for mentor, learner in pairs:
        learners_of.setdefault(mentor, []).append(learner)
        mentors_of.setdefault(learner, []).append(mentor)
    order = {n.key: i for i, n in enumerate(nodes)}
    right = sorted(mentors_of, key=lambda k: order[k])
    at_right = {k: i for i, k in enumerate(right)}
    # Each mentor near the learners it has: fewer crossings.
    left_keys = sorted(
        learners_of,
        key=lambda k: (sum(at_right[x] for x in learners_of[k]) / len(learners_of[k]), order[k]),
    )
    size, gap, box = 12, 10.0, 190.0
    x_left, x_right = 8.0, 8.0 + box + 220
    width = x_right + box + 8
    top = 44.0

    def place(keys: list[str], links: dict[str, list[str]]) -> dict[str, tuple[float, float]]:
        y, where = top, {}
        for k in keys:
            h = _box_height(len(links[k]))
            where[k] = (y, h)
            y += h + gap
        return where

    at_l, at_r = place(left_keys, learners_of), place(right, mentors_of)
    parts = [
        '<defs><marker id="chart-network-arrow" viewBox="0 0 10 10" refX="10" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L10,5 L0,10 z" '
        f'fill="{INK}"/></marker></defs>',
        _text(x_left, 24, t.gettext("Mentor (learners)"), size=size, extra=' font-weight="bold"'),
        _text(x_right, 24, t.gettext("Learner (mentors)"), size=size, extra=' font-weight="bold"'),
    ]

    def ports(
        key: str,
        ends: list[str],
        where: dict[str, tuple[float, float]],
        other: dict[str, tuple[float, float]],
    ) -> dict[str, float]:
        y, h = where[key]
        ends = sorted(ends, key=lambda e: other[e][0])
        return {e: y + h * (i + 1) / (len(ends) + 1) for i, e in enumerate(ends)}

    out = {k: ports(k, learners_of[k], at_l, at_r) for k in left_keys}
    into = {k: ports(k, mentors_of[k], at_r, at_l) for k in right}
    for mentor, learner in pairs:
        y1, y2 = out[mentor][learner], into[learner][mentor]
        x1, x2 = x_left + box, x_right - 2
        parts.append(
            f'<path d="M{x1:.1f},{y1:.1f} C{x1 + 110:.1f},{y1:.1f} {x2 - 110:.1f},{y2:.1f} '
            f'{x2:.1f},{y2:.1f}" fill="none" stroke="{MUTED}" stroke-width="1.4" '
            'marker-end="url(#chart-network-arrow)"/>'
        )
    for keys, where, links, x in (
        (left_keys, at_l, learners_of, x_left),
        (right, at_r, mentors_of, x_right),
    ):
        for k in keys:
            y, h = where[k]
            box_colour = ADVANCED if by_key[k].advanced else LESS_DEVELOPED
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{box:.0f}" height="{h:.0f}" rx="4" '
                f'fill="{box_colour}"/>'
            )
            parts.append(
                _text(
                    x + 8,
                    y + h / 2 + 4,
                    f"{by_key[k].label} ({len(links[k])})",
                    size=size,
                    fill="#ffffff",
                )
            )
    bottom = max([y + h for y, h in [*at_l.values(), *at_r.values()]], default=top) + 24
    # The key: each group in the strategy's words, then the arrow; an item that would run past
    # the chart's edge starts a new row.
    lx = 8.0
    items: list[tuple[str | None, str]] = [
        (GROUP_COLOURS[g], groups[g]) for g in ("advanced", "less_developed")
    ]
    for colour, name in [*items, (None, t.gettext("from mentor to learner"))]:
        item_w = (32 if colour is None else 20) + _text_width(name, LABEL)
        if lx > 8 and lx + item_w > width - 8:
            lx, bottom = 8.0, bottom + 20
        if colour is None:
            parts.append(
                f'<path d="M{lx:.1f},{bottom + 7:.1f} L{lx + 26:.1f},{bottom + 7:.1f}" '
                f'stroke="{MUTED}" stroke-width="1.4" marker-end="url(#chart-network-arrow)"/>'
            )
        else:
            parts.append(
                f'<rect x="{lx:.1f}" y="{bottom:.1f}" width="14" height="14" fill="{colour}"/>'
            )
        parts.append(_text(lx + item_w - _text_width(name, LABEL), bottom + 11, name, size=LABEL))
        lx += item_w + 22
    notes = []
    ld_mentors = [by_key[k].label for k in left_keys if not by_key[k].advanced]
    if ld_mentors:
        notes.append(
            t.gettext("Mentors in the group “%(group)s”: %(regions)s")
            % {"group": groups["less_developed"], "regions": ", ".join(ld_mentors)}
        )
    alone = [n.label for n in nodes if n.key not in learners_of and n.key not in mentors_of]
    if alone:
        notes.append(t.gettext("In no pair: %(regions)s") % {"regions": ", ".join(alone)})
    y = bottom + 14
    for note in notes:
        for text in _wrap(note, int((width - 16) / (0.6 * LABEL))):
            y += 18
            parts.append(_text(8, y, text, size=LABEL))
    desc = (
        t.ngettext(
            "%(pairs)s mentor-to-learner pairs from the peer-learning recommendations: "
            "%(mentors)s mentors on the left, %(learners)s learners on the right, each with the "
            "number of its pairs, coloured by development group.",
            "%(pairs)s mentor-to-learner pairs from the peer-learning recommendations: "
            "%(mentors)s mentors on the left, %(learners)s learners on the right, each with the "
            "number of its pairs, coloured by development group.",
            len(pairs),
        )
        % {"pairs": len(pairs), "mentors": len(left_keys), "learners": len(right)}
        + " "
        + "".join(f"{note}. " for note in notes)
        + t.gettext(
            "The peer-learning table gives the same pairs, one per row; the chart shows who "
            "mentors or learns from several regions."
        )
    )
    return _svg(
        "chart-network", width, y + 12, t.gettext("Peer-learning network"), desc, "".join(parts)
    )
