"""The map of the participating regions: the conversion script (tools/nuts_map_data.py) on a small
made-up TopoJSON in Nuts2json's layout, and the drawing on what it produces. The squares here are
test input, not boundaries."""

from __future__ import annotations

import importlib.util
import itertools
import re
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from s3gen.report.map import LABEL_SIZE, PRINTED_WIDTH_MM, Boundaries, MapRegion, region_map
from tests.conftest import report_pdf

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("nuts_map_data", ROOT / "tools/nuts_map_data.py")
assert _spec and _spec.loader
nuts_map_data = importlib.util.module_from_spec(_spec)
sys.modules["nuts_map_data"] = nuts_map_data
_spec.loader.exec_module(nuts_map_data)
GROUP_NAMES = {"less_developed": "Less developed region", "advanced": "Advanced region"}


def _topo(squares: list[tuple[str, int, int, int]]) -> dict[str, Any]:
    """Nuts2json's level-3 layout: quantised, delta-encoded arcs, one closed arc per square."""
    arcs, geoms = [], []
    for i, (code, x, y, size) in enumerate(squares):
        ring = [(x, y), (x + size, y), (x + size, y + size), (x, y + size), (x, y)]
        arcs.append(
            [list(ring[0])] + [[b[0] - a[0], b[1] - a[1]] for a, b in itertools.pairwise(ring)]
        )
        geoms.append({"type": "Polygon", "arcs": [[i]], "properties": {"id": code, "na": code}})
    border = {"type": "LineString", "arcs": [0], "properties": {"lvl": 0, "co": "F"}}
    return {
        "type": "Topology",
        "transform": {"scale": [1000, 1000], "translate": [4_000_000, 3_000_000]},
        "objects": {
            "nutsrg": {"type": "GeometryCollection", "geometries": geoms},
            "nutsbn": {"type": "GeometryCollection", "geometries": [border]},
        },
        "arcs": arcs,
    }


SQUARES = [
    ("PL841", 0, 0, 100),
    ("PL842", 100, 0, 100),
    ("LV008", 300, 300, 80),
    ("LV009", 380, 300, 80),
    ("LV010", 600, 600, 2),  # an islet under the area threshold
    ("RU001", 700, 700, 100),  # not EU/EFTA
]


def _boundaries(squares: list[tuple[str, int, int, int]] = SQUARES) -> tuple[Boundaries, list[str]]:
    data, codes = nuts_map_data.convert(
        _topo(squares), source_path="pub/v2/2021/3035/60M/3.json", commit="0" * 40, min_area=20
    )
    assert data["attribution"] == "© EuroGeographics for the administrative boundaries"
    assert (data["crs"], data["scale"], data["nuts_version"]) == ("EPSG:3035", "60M", "2021")
    return Boundaries.from_json(data), codes


def test_the_conversion_keeps_eu_efta_regions_in_km_and_indexes_every_level() -> None:
    b, codes = _boundaries()
    assert sorted(b.regions) == ["LV008", "LV009", "PL841", "PL842"]
    assert b.arcs[b.regions["PL841"][0][0][0]][0] == (4000.0, 3000.0)
    assert {"PL", "PL8", "PL84", "PL841", "LV", "LV0", "LV00", "LV008"} <= set(codes)
    assert "RU001" not in codes and "LV010" not in codes


def test_regions_at_mixed_levels_are_found_labelled_and_accessible() -> None:
    b, _ = _boundaries()
    regions = [
        MapRegion(name="Podlaskie", code="PL84", group="less_developed"),
        MapRegion(name="Vidzeme", code="LV008", group="less_developed"),
        MapRegion(name="Nowhere", code="XX999", group="advanced"),
    ]
    svg, found = region_map(regions, b, GROUP_NAMES)
    assert found == [True, True, False]
    assert 'role="img"' in svg and "<title" in svg and "<desc" in svg and "<script" not in svg
    labels = re.findall(r'<text [^>]*class="map-label"[^>]*>([^<]*)</text>', svg)
    assert sorted(labels) == ["Podlaskie", "Vidzeme"]
    assert "EuroGeographics" in svg
    ElementTree.fromstring(str(svg))  # well-formed


def test_labels_are_at_least_7_pt_once_printed_and_inside_the_picture() -> None:
    b, _ = _boundaries()
    svg, _ = region_map(
        [MapRegion(name="Podlaskie", code="PL84", group="advanced")], b, GROUP_NAMES
    )
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
    sizes = {float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)}
    points_per_unit = PRINTED_WIDTH_MM / width / 25.4 * 72
    assert min(sizes) * points_per_unit >= 7, (sizes, points_per_unit)
    assert LABEL_SIZE * points_per_unit >= 7
    for x in re.findall(r'<text x="([\d.-]+)"', svg):
        assert 0 <= float(x) <= width


def test_no_region_found_draws_no_map() -> None:
    b, _ = _boundaries()
    svg, found = region_map([MapRegion(name="X", code="XX1", group="advanced")], b, GROUP_NAMES)
    assert (str(svg), found) == ("", [False])


def test_the_map_grows_linearly_with_the_regions() -> None:
    def size(n: int) -> int:
        squares = [(f"DE{i:03X}", (i % 40) * 30, (i // 40) * 30, 30) for i in range(n)]
        b, _ = _boundaries(squares)
        regions = [
            MapRegion(name=f"R{i}", code=c, group="advanced") for i, (c, *_) in enumerate(squares)
        ]
        svg, found = region_map(regions, b, GROUP_NAMES)
        assert all(found)
        return len(svg)

    small, large = size(100), size(1000)
    assert large < 12 * small


def test_a_geojson_gets_its_shared_boundaries_as_arcs() -> None:
    """Nuts2json's GeoJSON repeats each shared boundary in both regions: the conversion keeps
    it once, and a stretch between two countries is a land border."""

    def square(code: str, x: int, y: int, size: int) -> dict[str, Any]:
        ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
        metres = [[a * 1000, b * 1000] for a, b in ring]
        return {
            "type": "Feature",
            "properties": {"id": code, "na": code},
            "geometry": {"type": "Polygon", "coordinates": [metres]},
        }

    collection = {
        "type": "FeatureCollection",
        "features": [square("PL841", 0, 0, 100), square("LT011", 100, 0, 100)],
    }
    data, codes = nuts_map_data.convert_geojson(
        collection, source_path="pub/v2/2021/3035/60M/nutsrg_3.json", commit="0" * 40, min_area=20
    )
    shared = [a for a in data["arcs"] if sorted(map(tuple, a)) == [(100, 0), (100, 100)]]
    assert len(shared) == 1  # the common edge, once
    assert [data["arcs"][i] for i in data["borders"]] == shared
    boundaries = Boundaries.from_json(data)
    svg, found = region_map(
        [MapRegion("Podlaskie", "PL84", "less_developed")], boundaries, GROUP_NAMES
    )
    assert found == [True] and "Podlaskie" in svg
    assert "PL84" in codes and "LT" in codes


# --- the committed boundaries, the default strategy and a fixture of mixed levels -------------


def test_the_committed_boundaries_are_small_and_say_where_they_come_from() -> None:
    from s3gen import geo

    path = ROOT / "s3gen" / "geo" / geo.DATA_FILE
    assert path.stat().st_size < 2 * 1024 * 1024
    header = geo.boundaries_json()
    assert header["attribution"] == "© EuroGeographics for the administrative boundaries"
    assert header["source_path"] == "pub/v2/2021/3035/60M/nutsrg_3.json"
    assert re.fullmatch(r"[0-9a-f]{40}", header["source_commit"])
    assert {"PL", "LV", "EE", "LT", "FI", "DE", "SE", "DK", "NO"} <= geo.nuts_codes()


def test_every_region_of_the_default_strategy_is_on_the_map() -> None:
    from s3gen.analyse import analyse
    from s3gen.report.view import build_view
    from s3gen.source.validate import check_strategy
    from tests.conftest import DEFAULT_STRATEGY

    result = check_strategy(DEFAULT_STRATEGY)
    assert result.strategy is not None
    assert not [i for i in result.issues if i.code == "nuts-not-on-map"]
    view = build_view(result.strategy, analyse(result.strategy))
    assert len(view.map_rows) == len(result.strategy.regions)
    assert all(row.on_map for row in view.map_rows)
    labels = re.findall(r'class="map-label">([^<]+)</text>', str(view.map_chart.svg))
    assert sorted(labels) == sorted(r.name for r in result.strategy.regions)


def test_regions_at_mixed_levels_and_one_the_boundaries_lack(tmp_path: Path) -> None:
    """PL84 (level 2) and DE600 (level 3) are drawn side by side; SE999 is in no boundary: a
    located warning, and the map drawn without it."""
    from s3gen.source.validate import check_strategy
    from tests.conftest import build_pdf, copy_fixture, located
    from tests.page_quality import page_break_problems

    strategy = copy_fixture("mapped", tmp_path)
    issues = check_strategy(strategy, "strategy").issues
    assert ("nuts-not-on-map", "strategy/regions/gamma.yaml", 5, "nuts.code") in located(issues)
    build_pdf(strategy, tmp_path / "out")
    html = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    figure = html.split('<figure id="figure-map"', 1)[1].split("</figure>", 1)[0]
    assert sorted(re.findall(r'class="map-label">([^<]+)</text>', figure)) == ["Alpha", "Beta"]
    table = html.split('id="table-regions"', 1)[1].split("</table>", 1)[0]
    gamma = table.split('href="#region-gamma" lang="sv">Gamma</a>', 1)[1].split("</tr>", 1)[0]
    assert "<td>no</td>" in gamma and "SE999 (level 3)" in gamma
    pdf = report_pdf(tmp_path / "out" / "pdf")
    assert page_break_problems(pdf) == []
