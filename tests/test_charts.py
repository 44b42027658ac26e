"""The charts: what each shows on the default strategy and on small cases worked by hand, and
that no label is under 7 pt at the printed width or cut."""

from __future__ import annotations

import datetime as dt
import re
from types import SimpleNamespace
from typing import Any

import pytest

from s3gen.build import report_view
from s3gen.report import charts
from s3gen.report.view import ReportView, shared_matrix
from s3gen.source.validate import check_strategy
from tests.conftest import DEFAULT_STRATEGY


@pytest.fixture(scope="module")
def view() -> ReportView:
    result = check_strategy(DEFAULT_STRATEGY, "strategy")
    assert result.strategy is not None
    return report_view(result.strategy, DEFAULT_STRATEGY)


GROUP_NAMES = {"less_developed": "Catching up", "advanced": "Frontrunner"}


def _texts(svg: str) -> list[str]:
    return [re.sub(r"&[^;]+;", "'", t) for t in re.findall(r"<text [^>]*>([^<]*)</text>", svg)]


def _cells(svg: str) -> list[str]:
    """The numbers printed in the heat map's cells, row by row."""
    return re.findall(
        r'<text [^>]*text-anchor="middle"[^>]*>(\d+)</text>', svg.split("Shared areas:")[0]
    )


def test_heat_map_counts_the_areas_each_pair_shares_worked_by_hand() -> None:
    # a holds x, y; b holds y, z (z only through a proposal); c holds z.
    held = {"a": ("x", "y"), "b": ("y", "z"), "c": ("z",)}
    cells = [
        SimpleNamespace(region=r, area=x, illustrative=(r, x) == ("b", "z"))
        for r, xs in held.items()
        for x in xs
    ]
    per_area = {"x": ("a",), "y": ("a", "b"), "z": ("b", "c")}
    matrix: Any = SimpleNamespace(
        regions=("a", "b", "c"), areas_per_region=held, regions_per_area=per_area, cells=cells
    )
    # c is less developed: first; then by the number of areas held, then id.
    regions, shared, marked = shared_matrix(matrix, {"a": False, "b": False, "c": True})
    assert regions == ["c", "a", "b"]
    assert shared == [[1, 0, 1], [0, 2, 1], [1, 1, 2]]
    assert marked == [[False, False, True], [False, False, False], [True, False, True]]
    svg = charts.shared_areas(
        [
            charts.HeatRegion(n, g)
            for n, g in [("C", "less_developed"), ("A", "advanced"), ("B", "advanced")]
        ],
        shared,
        marked,
        GROUP_NAMES,
    )
    assert _cells(svg) == ["1", "1", "2", "1", "1", "1", "2"]  # blank where none is shared
    assert svg.count('fill="url(#chart-matrix-hatch)"/>') == 3
    assert charts.HATCHED in _texts(svg)
    assert "A and B share 1" in svg or "C and B share 1" in svg


def test_heat_map_of_the_default_strategy(view: ReportView) -> None:
    svg = str(view.matrix_chart.svg)
    labels = _texts(svg)
    # Less developed regions first, each by the number of areas it holds.
    assert labels[:4] == ["Podlaskie", "Podlaskie", "Vidzeme", "Vidzeme"]
    assert _cells(svg)[:2] == ["7", "6"]  # Podlaskie holds 7 areas and shares 6 with Vidzeme
    assert "this chart shows which pairs of regions share the most" in svg
    assert charts.HATCHED not in labels  # no area is held only through a proposal
    assert "editors' mapping" in view.matrix_chart.caption


def test_timeline_leaves_out_and_lists_what_falls_outside_the_period(view: ReportView) -> None:
    bars = [
        charts.Bar(
            "Old workshop", "A", dt.date(2018, 3, 1), dt.date(2018, 3, 2), "completed", False, False
        ),
        charts.Bar(
            "Long pilot", "B", dt.date(2024, 1, 1), dt.date(2032, 6, 1), "ongoing", False, False
        ),
    ]
    svg = str(charts.timeline(bars, dt.date(2026, 5, 1), (2026, 2030)))
    labels = _texts(svg)
    assert "Old workshop (A)" not in labels and "Long pilot (B)" in labels
    assert [y for y in labels if y.isdigit()] == ["2026", "2027", "2028", "2029", "2030"]
    assert svg.count('marker-end="url(#chart-timeline-clip)"') == 3  # both ends, and the legend
    assert "runs on beyond the period shown" in labels
    assert "1 outside the period are not drawn" in svg
    assert "Trans-S3 workshop in Kouvola" not in str(view.timeline_chart.svg)
    assert view.timeline_chart.note == (
        "Outside the period shown: Trans-S3 workshop in Kouvola (Kymenlaakso), 2018."
    )
    assert "2026–2030 (the strategy states no period" in view.timeline_chart.caption


def test_network_legend_names_a_less_developed_mentor(view: ReportView) -> None:
    nodes = [charts.Node("m", "Mentoria", False), charts.Node("l", "Learnia", True)]
    svg = str(charts.network(nodes, [("m", "l")], GROUP_NAMES))
    assert "Mentors in the group “Catching up”: Mentoria" in _texts(svg)
    assert "Frontrunner" in _texts(svg)  # the legend, in the strategy's words
    default = str(view.network_chart.svg)
    assert "Mentors in the group “Less developed region”: Vidzeme" in _texts(default)
    assert "Vidzeme (3)" in _texts(default) and "Vidzeme (4)" in _texts(default)
    assert "advanced region (mentor)" not in default
    # Every arrow ends at its own point: no two arrowheads on one another.
    ends = re.findall(r' ([\d.]+,[\d.]+)" fill="none"[^>]*marker-end', default)
    assert len(ends) == 12 and len(set(ends)) == 12


def test_no_chart_label_is_under_7_pt_or_cut(view: ReportView) -> None:
    for chart in (view.matrix_chart, view.timeline_chart, view.network_chart):
        svg = str(chart.svg)
        width = float(re.search(r'viewBox="0 0 ([\d.]+)', svg).group(1))  # type: ignore[union-attr]
        scale = charts.TEXT_WIDTH_MM / 25.4 * 72 / width  # points per unit at the printed width
        sizes = [float(s) for s in re.findall(r'font-size="([\d.]+)"', svg)]
        assert sizes and min(sizes) * scale >= charts.MIN_LABEL_PT, chart.caption
        assert not any("…" in t for t in _texts(svg)), chart.caption
    # The longest timeline label of the default strategy, whole.
    assert "Study and pilot on SME participation in" in _texts(str(view.timeline_chart.svg))


def test_long_group_names_wrap_inside_the_network_and_the_map() -> None:
    """The strategy's own names of its groups may be long: the keys wrap instead of running
    past the picture's edge."""
    from s3gen.report.map import MapRegion, load_boundaries, region_map

    long = {
        "less_developed": "Regions in transition towards the innovation frontier",
        "advanced": "Regions that lead in research and innovation of the macro-region",
    }
    nodes = [charts.Node("m", "Mentoria", True), charts.Node("l", "Learnia", False)]
    map_svg, _ = region_map(
        [
            MapRegion("Podlaskie", "PL84", "less_developed"),
            MapRegion("Hamburg", "DE60", "advanced"),
        ],
        load_boundaries(),
        long,
    )
    for svg in (str(charts.network(nodes, [("m", "l")], long)), str(map_svg)):
        checked = 0
        width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg).group(1))  # type: ignore[union-attr]
        for x, size, text in re.findall(
            r'<text x="([\d.]+)"[^>]*font-size="([\d.]+)"[^>]*>([^<]*)</text>', svg
        ):
            if text in long.values():
                assert float(x) + charts._text_width(text, float(size)) <= width, text
                checked += 1
        assert checked == 2
