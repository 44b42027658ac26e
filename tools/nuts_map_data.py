"""Rebuild the map's boundaries (s3gen/report/geo/) from a Nuts2json level-3 TopoJSON file.

Run by hand when the boundaries change, never at build or test time:

    python tools/nuts_map_data.py path/to/pub/v2/2021/3035/60M/3.json \
        --source-path pub/v2/2021/3035/60M/3.json --commit <Nuts2json commit> \
        --out s3gen/report/geo

The input is Eurostat GISCO's NUTS 2021, pre-projected to EPSG:3035, as published in the public
repository eurostat/Nuts2json: a TopoJSON with the level-3 regions (`nutsrg`) and the boundaries
with their level (`nutsbn`). The output keeps the EU and EFTA countries, quantises coordinates to
1 km, drops polygons under --min-area km², keeps the arcs shared (a compact polygon format, below)
and writes beside it the index of every NUTS code at levels 0-3 that validation reads.

Output format ("s3gen-nuts-map/1"): header fields (source, path, commit, version, scale, crs,
attribution), `arcs` (lists of [x, y] in km, EPSG:3035), `regions` (level-3 code -> polygons, each
a list of rings, each a list of arc indices, ~i for a reversed arc as in TopoJSON) and `borders`
(arc indices of land borders between countries).
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

ATTRIBUTION = "© EuroGeographics for the administrative boundaries"
_EU = "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"
EU_EFTA = frozenset((_EU + " IS LI NO CH").split(" "))


def _decode(topo: dict[str, Any]) -> list[list[tuple[int, int]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points: list[tuple[int, int]] = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            p = (round((x * sx + tx) / 1000), round((y * sy + ty) / 1000))
            if not points or points[-1] != p:
                points.append(p)
        arcs.append(points)
    return arcs


def _ring_points(ring: list[int], arcs: list[list[tuple[int, int]]]) -> list[tuple[int, int]]:
    points: list[tuple[int, int]] = []
    for i in ring:
        pts = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(pts)
    return points


def _area(points: list[tuple[int, int]]) -> float:
    return (
        abs(
            sum(
                x0 * y1 - x1 * y0
                for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True)
            )
        )
        / 2
    )


def _package(
    arcs: list[Any],
    regions: dict[str, list[list[list[int]]]],
    borders: set[int],
    source_path: str,
    commit: str,
) -> tuple[dict[str, Any], list[str]]:
    """The package data, with its header fields, and the sorted index of codes at levels 0-3,
    whichever file the boundaries were read from."""
    data = {
        "format": "s3gen-nuts-map/1",
        "source": "GISCO, Eurostat: NUTS 2021 boundaries, via the repository eurostat/Nuts2json",
        "source_path": source_path,
        "source_commit": commit,
        "nuts_version": "2021",
        "scale": source_path.split("/")[-2] if "/" in source_path else "",
        "crs": "EPSG:3035",
        "unit": "km",
        "attribution": ATTRIBUTION,
        "arcs": arcs,
        "regions": dict(sorted(regions.items())),
        "borders": sorted(borders),
    }
    codes = sorted({code[:n] for code in regions for n in (2, 3, 4, 5)})
    return data, codes


def convert(
    topo: dict[str, Any], *, source_path: str, commit: str, min_area: float
) -> tuple[dict[str, Any], list[str]]:
    """The package data and the sorted index of codes, from a Nuts2json level-3 TopoJSON."""
    arcs = _decode(topo)
    used: dict[int, int] = {}

    def keep(i: int) -> int:
        j = i if i >= 0 else ~i
        if j not in used:
            used[j] = len(used)
        return used[j] if i >= 0 else ~used[j]

    regions: dict[str, list[list[list[int]]]] = {}
    for geom in topo["objects"]["nutsrg"]["geometries"]:
        code = geom["properties"]["id"]
        if code[:2] not in EU_EFTA:
            continue
        polys = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        kept = [
            [[keep(i) for i in ring] for ring in poly]
            for poly in polys
            if _area(_ring_points(poly[0], arcs)) >= min_area
        ]
        if kept:
            regions[code] = kept
    borders = []
    for geom in topo["objects"]["nutsbn"]["geometries"]:
        props = geom["properties"]
        if props.get("lvl") == 0 and props.get("co") != "T":
            borders.extend(keep(i) for i in geom["arcs"] if (i if i >= 0 else ~i) in used)
    new_arcs: list[list[list[int]]] = [[] for _ in used]
    for old, new in used.items():
        new_arcs[new] = [list(p) for p in arcs[old]]
    return _package(new_arcs, regions, set(borders), source_path, commit)


Km = tuple[int, int]


def _km_ring(ring: list[list[float]]) -> list[Km]:
    """A ring in km, consecutive repeats dropped, closed (first point again at the end)."""
    points: list[Km] = []
    for x, y in ring:
        p = (round(x / 1000), round(y / 1000))
        if not points or points[-1] != p:
            points.append(p)
    if points and points[0] != points[-1]:
        points.append(points[0])
    return points


def convert_geojson(
    collection: dict[str, Any], *, source_path: str, commit: str, min_area: float
) -> tuple[dict[str, Any], list[str]]:
    """The same package data from a Nuts2json level-3 GeoJSON (``nutsrg_3.json``), whose
    polygons share no arcs: the shared stretches are found here. Each ring is cut where the
    regions on its other side change, and each stretch becomes one arc, kept once whichever
    of its two regions walks it (and in which direction). A stretch between regions of two
    countries is a land border."""
    rings: dict[str, list[list[list[Km]]]] = {}
    for feature in collection["features"]:
        code = feature["properties"]["id"]
        if code[:2] not in EU_EFTA:
            continue
        geometry = feature["geometry"]
        polys = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        kept = []
        for poly in polys:
            converted = [r for r in (_km_ring(ring) for ring in poly) if len(r) >= 4]
            if converted and _area(converted[0][:-1]) >= min_area:
                kept.append(converted)
        if kept:
            rings[code] = kept
    owners: dict[tuple[Km, Km], set[str]] = {}
    for code, polys in rings.items():
        for poly in polys:
            for ring in poly:
                for a, b in itertools.pairwise(ring):
                    owners.setdefault((min(a, b), max(a, b)), set()).add(code)

    def side(a: Km, b: Km) -> frozenset[str]:
        return frozenset(owners[(min(a, b), max(a, b))])

    arcs: list[list[Km]] = []
    index: dict[tuple[Km, ...], int] = {}

    def arc(points: list[Km]) -> int:
        key, back = tuple(points), tuple(reversed(points))
        if key in index:
            return index[key]
        if back in index:
            return ~index[back]
        index[key] = len(arcs)
        arcs.append(points)
        return index[key]

    regions: dict[str, list[list[list[int]]]] = {}
    border_arcs: set[int] = set()
    for code, polys in rings.items():
        out_polys = []
        for poly in polys:
            out_rings = []
            for ring in poly:
                open_ring = ring[:-1]
                n = len(open_ring)
                sides = [side(open_ring[i], open_ring[(i + 1) % n]) for i in range(n)]
                # Start at a vertex where the other side changes, so that both regions along a
                # stretch cut it at the same two ends.
                start = next((i for i in range(n) if sides[i] != sides[i - 1]), 0)
                refs, run = [], [open_ring[start]]
                for k in range(n):
                    i = (start + k) % n
                    run.append(open_ring[(i + 1) % n])
                    if k == n - 1 or sides[(i + 1) % n] != sides[i]:
                        ref = arc(run)
                        refs.append(ref)
                        if len({c[:2] for c in sides[i]}) > 1:
                            border_arcs.add(ref if ref >= 0 else ~ref)
                        run = [open_ring[(i + 1) % n]]
                out_rings.append(refs)
            out_polys.append(out_rings)
        regions[code] = out_polys
    return _package([[list(p) for p in a] for a in arcs], regions, border_arcs, source_path, commit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("topojson", type=Path)
    parser.add_argument("--source-path", required=True)
    parser.add_argument("--commit", required=True)
    parser.add_argument("--min-area", type=float, default=20.0, help="km²")
    parser.add_argument("--out", type=Path, default=Path("s3gen/report/geo"))
    args = parser.parse_args()
    source = json.loads(args.topojson.read_text(encoding="utf-8"))
    # A TopoJSON (3.json) shares its arcs already; a GeoJSON (nutsrg_3.json) gets them here.
    make = convert_geojson if source.get("type") == "FeatureCollection" else convert
    data, codes = make(
        source, source_path=args.source_path, commit=args.commit, min_area=args.min_area
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "nuts2021-3035.json").write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    (args.out / "nuts2021-codes.txt").write_text("\n".join(codes) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
