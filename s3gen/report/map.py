"""The map of the participating regions: an inline SVG drawn from NUTS 2021 boundaries (package
data in geo/, built by tools/nuts_map_data.py), regions coloured by development group and
labelled, the surrounding countries in grey. Like the charts: no JavaScript, a <title> and
<desc>, and a data table beside it in the report; its words in the edition's language.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup

from s3gen import geo
from s3gen.report.charts import ADVANCED, INK, LESS_DEVELOPED, GroupNames, _svg, _text
from s3gen.report.wording import SOURCE_LANGUAGE, translations

WIDTH = 680.0  # SVG units across the printed text width
PRINTED_WIDTH_MM = 172.0
LABEL_SIZE = 11  # 11 units = 7.8 pt at 680 units across 172 mm, and at any width printed
TALLEST = 1.3  # the map's extent at most so many times as high as wide
CONTEXT_FILL = "#e4e4e4"
CONTEXT_LINE = "#ffffff"
BORDER = "#8c8c8c"
TINTS = {"advanced": "#b9cfe4", "less_developed": "#f0cba6"}  # labels in INK on these: > 9:1
OUTLINES = {"advanced": ADVANCED, "less_developed": LESS_DEVELOPED}  # >= 3:1 on white

Point = tuple[float, float]


@dataclass(frozen=True)
class Boundaries:
    """Arcs in km (EPSG:3035), level-3 regions as polygons of arc indices, land borders."""

    header: dict[str, str]
    arcs: tuple[tuple[Point, ...], ...]
    regions: dict[str, tuple[tuple[tuple[int, ...], ...], ...]]
    borders: tuple[int, ...]

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Boundaries:
        return cls(
            header={k: v for k, v in data.items() if isinstance(v, str)},
            arcs=tuple(tuple((float(x), float(y)) for x, y in arc) for arc in data["arcs"]),
            regions={
                code: tuple(tuple(tuple(ring) for ring in poly) for poly in polys)
                for code, polys in data["regions"].items()
            },
            borders=tuple(data["borders"]),
        )


@dataclass(frozen=True)
class MapRegion:
    """One participating region as the map needs it."""

    name: str
    code: str
    group: str  # a DevelopmentGroup value


@cache
def load_boundaries() -> Boundaries:
    """The boundaries shipped with the package (read once)."""
    return Boundaries.from_json(geo.boundaries_json())


def _ring(arcs: Sequence[Sequence[Point]], ring: Iterable[int]) -> list[Point]:
    points: list[Point] = []
    for i in ring:
        points.extend(arcs[i] if i >= 0 else arcs[~i][::-1])
    return points


def _parts(boundaries: Boundaries) -> dict[str, list[str]]:
    """Each code at levels 0-3 -> the level-3 regions it is made of (NUTS codes nest by prefix)."""
    parts: dict[str, list[str]] = {}
    for code in boundaries.regions:
        for n in range(2, len(code) + 1):
            parts.setdefault(code[:n], []).append(code)
    return parts


def _bbox(points: Iterable[Point]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for x, y in points:
        xs.append(x)
        ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


def region_map(
    regions: Sequence[MapRegion],
    boundaries: Boundaries,
    groups: GroupNames,
    printed_mm: float = PRINTED_WIDTH_MM,
    tallest: float = TALLEST,
    language: str = SOURCE_LANGUAGE,
) -> tuple[Markup, list[bool]]:
    """The SVG and, per region in order, whether its code was found in the boundaries; each
    group is called by ``groups``, the strategy's own names. The map is printed ``printed_mm``
    wide: its width in SVG units is chosen so that its labels print at the same size at any
    width (a factsheet's small map has the report's type sizes, and fewer words per line). Its
    words are in the edition's ``language``."""
    t = translations(language)
    width = WIDTH * printed_mm / PRINTED_WIDTH_MM
    parts = _parts(boundaries)
    found = [r.code in parts for r in regions]
    shown = [r for r, f in zip(regions, found, strict=True) if f]
    if not shown:
        return Markup(""), found
    rings: dict[str, list[list[Point]]] = {}
    for code, polys in boundaries.regions.items():
        rings[code] = [_ring(boundaries.arcs, poly[0]) for poly in polys]
    # Extent: the participating regions with a margin, no taller than 1.3 times its width.
    x0, y0, x1, y1 = _bbox(
        p for r in shown for c in parts[r.code] for ring in rings[c] for p in ring
    )
    margin = 0.12 * max(x1 - x0, y1 - y0, 200.0)
    x0, y0, x1, y1 = x0 - margin, y0 - margin, x1 + margin, y1 + margin
    if (y1 - y0) < 0.55 * (x1 - x0):
        pad = (0.55 * (x1 - x0) - (y1 - y0)) / 2
        y0, y1 = y0 - pad, y1 + pad
    if (y1 - y0) > tallest * (x1 - x0):
        pad = ((y1 - y0) / tallest - (x1 - x0)) / 2
        x0, x1 = x0 - pad, x1 + pad
    scale = width / (x1 - x0)
    legend, legend_h = _legend(
        sorted({r.group for r in shown}), groups, width, t.gettext("other regions (context)")
    )
    height = (y1 - y0) * scale + legend_h

    def xy(p: Point) -> str:
        return f"{(p[0] - x0) * scale:.1f},{legend_h + (y1 - p[1]) * scale:.1f}"

    def path(ring_list: Iterable[list[Point]]) -> str:
        return "".join("M" + "L".join(xy(p) for p in ring) + "Z" for ring in ring_list if ring)

    def visible(ring: list[Point]) -> bool:
        bx0, by0, bx1, by1 = _bbox(ring)
        return bx1 >= x0 and bx0 <= x1 and by1 >= y0 and by0 <= y1

    out = [
        f'<rect x="0" y="{legend_h:.0f}" width="{width:.0f}" height="{height - legend_h:.1f}" '
        'fill="#ffffff" stroke="none"/>'
    ]
    out.append(
        f'<path d="{path(r for c in rings for r in rings[c] if visible(r))}" '
        f'fill="{CONTEXT_FILL}" stroke="{CONTEXT_LINE}" stroke-width="0.4"/>'
    )
    borders = [boundaries.arcs[i] for i in boundaries.borders]
    out.append(
        '<path d="'
        + "".join(
            "M" + "L".join(xy(p) for p in arc) for arc in borders if arc and visible(list(arc))
        )
        + f'" fill="none" stroke="{BORDER}" stroke-width="1"/>'
    )
    centres: list[Point] = []
    for r in shown:
        region_rings = [ring for c in parts[r.code] for ring in rings[c]]
        # The outline is the arcs used once among the region's parts: no lines between them.
        uses: dict[int, int] = {}
        for c in parts[r.code]:
            for poly in boundaries.regions[c]:
                for ring_arcs in poly:
                    for i in ring_arcs:
                        uses[i if i >= 0 else ~i] = uses.get(i if i >= 0 else ~i, 0) + 1
        outline = "".join(
            "M" + "L".join(xy(p) for p in boundaries.arcs[i])
            for i, n in uses.items()
            if n == 1 and boundaries.arcs[i]
        )
        out.append(
            f'<path d="{path(region_rings)}" fill="{TINTS[r.group]}" stroke="none">'
            f"<title>{Markup.escape(r.name)} ({r.code})</title></path>"
            f'<path d="{outline}" fill="none" stroke="{OUTLINES[r.group]}" stroke-width="1.2" '
            'stroke-linejoin="round"/>'
        )
        bx0, by0, bx1, by1 = _bbox(p for ring in region_rings for p in ring)
        centres.append(((bx0 + bx1) / 2, (by0 + by1) / 2))
    screen = [((x - x0) * scale, legend_h + (y1 - y) * scale) for x, y in centres]
    out.extend(_labels(shown, screen, width, height))
    out.extend(legend)
    desc = t.ngettext(
        "Map of %(count)s participating regions, coloured by development group: %(regions)s. "
        "The neighbouring countries are shown in grey. %(attribution)s",
        "Map of %(count)s participating regions, coloured by development group: %(regions)s. "
        "The neighbouring countries are shown in grey. %(attribution)s",
        len(shown),
    ) % {
        "count": len(shown),
        "regions": "; ".join(f"{r.name} ({r.code}, {groups[r.group]})" for r in shown),
        "attribution": boundaries.header.get("attribution", ""),
    }
    title = t.gettext("Map of the participating regions")
    svg = _svg("chart-map", width, height, title, desc, "".join(out))
    return svg, found


def _labels(
    regions: Sequence[MapRegion], centres: Sequence[Point], width: float, height: float
) -> list[str]:
    """A label at each region's centre; one that would overlap a placed label moves down in
    steps, with a leader line. Placed labels are bucketed in a grid, so the cost stays linear."""
    line = LABEL_SIZE * 1.25
    cell = 120.0
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
    out: list[str] = []
    order = sorted(range(len(regions)), key=lambda i: (centres[i][1], centres[i][0]))
    for i in order:
        name = regions[i].name
        w = 0.58 * LABEL_SIZE * len(name) + 4
        cx, cy = centres[i]
        x = max(min(cx - w / 2, width - w - 2), 2.0)  # a name wider than the map starts at 2
        y = cy
        box = (x, y - LABEL_SIZE, x + w, y + 3)
        for step in range(13):  # 0, +1, -1, +2, -2, ... lines away
            shift = (step + 1) // 2 * (1 if step % 2 else -1)
            y = min(max(cy + shift * line, 30.0 + LABEL_SIZE + 2), height - 4)
            box = (x, y - LABEL_SIZE, x + w, y + 3)
            if not _overlaps(grid, box, cell):
                break
        for gx in range(int(box[0] // cell), int(box[2] // cell) + 1):
            for gy in range(int(box[1] // cell), int(box[3] // cell) + 1):
                grid.setdefault((gx, gy), []).append(box)
        if abs(y - cy) > LABEL_SIZE:
            ly = box[3] if y < cy else box[1]
            out.append(
                f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x + w / 2:.1f}" y2="{ly:.1f}" '
                f'stroke="{INK}" stroke-width="0.8"/>'
            )
        # A white halo under the label, drawn as a text of its own: WeasyPrint ignores
        # paint-order, and a stroke on the label itself would cover its letters.
        out.append(
            _text(
                x + w / 2,
                y,
                name,
                anchor="middle",
                size=LABEL_SIZE,
                fill="#ffffff",
                extra=' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" '
                'aria-hidden="true"',
            )
        )
        out.append(
            _text(x + w / 2, y, name, anchor="middle", size=LABEL_SIZE, extra=' class="map-label"')
        )
    return out


def _overlaps(
    grid: dict[tuple[int, int], list[tuple[float, float, float, float]]],
    box: tuple[float, float, float, float],
    cell: float,
) -> bool:
    for gx in range(int(box[0] // cell), int(box[2] // cell) + 1):
        for gy in range(int(box[1] // cell), int(box[3] // cell) + 1):
            for b in grid.get((gx, gy), ()):
                if box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3]:
                    return True
    return False


def _legend(
    shown: Sequence[str], groups: GroupNames, width: float, context: str
) -> tuple[list[str], float]:
    """The key above the map and its height: each group shown in the strategy's words, then
    the ``context`` (the other regions); an item that would run past the map's edge starts a
    new row."""
    items = [(TINTS[g], OUTLINES[g], "1.2", groups[g]) for g in shown]
    items.append((CONTEXT_FILL, BORDER, "0.8", context))
    out, x, y = [], 4.0, 8.0
    for fill, stroke, stroke_width, name in items:
        item_w = 22 + 0.58 * LABEL_SIZE * len(name)
        if x > 4 and x + item_w > width - 4:
            x, y = 4.0, y + 20
        out.append(
            f'<rect x="{x:.0f}" y="{y:.0f}" width="16" height="12" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{stroke_width}"/>'
        )
        out.append(_text(x + 22, y + 10.5, name, size=LABEL_SIZE))
        x += item_w + 20
    return out, y + 22
