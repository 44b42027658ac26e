"""The transnational analysis on a small fixture whose results were computed by hand.

tests/fixtures/analysis: areas x, y, z; less developed l1 (holds x, y) and l2 (holds x);
advanced a1 (holds x, y; good practice of category skills) and a2 (holds y; practice of
category funding). Publication date 2026-06-01.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from s3gen import model
from s3gen.analyse import Analysis, Basis, Reason, analyse
from s3gen.cli import cli
from s3gen.jsonable import to_jsonable
from s3gen.source.validate import check_strategy
from tests.conftest import DEFAULT_STRATEGY, FIXTURES, apply_edits

ANALYSIS = FIXTURES / "analysis" / "strategy"


@pytest.fixture(scope="module")
def result() -> Analysis:
    strategy = check_strategy(ANALYSIS).strategy
    assert strategy is not None
    return analyse(strategy)


def analysed_with(tmp_path: Path, edits: dict[str, Any]) -> Analysis:
    """The analysis of the fixture copied to ``tmp_path`` and changed by ``edits``."""
    shutil.copytree(ANALYSIS, tmp_path / "strategy")
    apply_edits(tmp_path / "strategy", edits)
    strategy = check_strategy(tmp_path / "strategy").strategy
    assert strategy is not None
    return analyse(strategy)


def test_priority_matrix(result: Analysis) -> None:
    m = result.matrix
    assert m.areas == ("x", "y", "z")
    assert m.regions == ("a1", "a2", "l1", "l2")
    assert [(c.region, c.area, c.priorities) for c in m.cells] == [
        ("a1", "x", ("a1-p",)),
        ("a1", "y", ("a1-p",)),
        ("a2", "y", ("a2-p",)),
        ("l1", "x", ("l1-p",)),
        ("l1", "y", ("l1-p",)),
        ("l2", "x", ("l2-p",)),
    ]
    assert m.regions_per_area == {"x": ("a1", "l1", "l2"), "y": ("a1", "a2", "l1"), "z": ()}
    assert m.areas_per_region == {"a1": ("x", "y"), "a2": ("y",), "l1": ("x", "y"), "l2": ("x",)}
    assert m.shared_areas == ("x", "y")
    assert m.single_region_areas == ()
    assert m.unheld_areas == ("z",)
    assert m.isolated_regions == ()


def test_synergies(result: Analysis) -> None:
    rows = [
        (
            s.area,
            s.regions,
            s.less_developed,
            s.advanced,
            s.joint_actions,
            s.untapped,
            s.learning_opportunity,
        )
        for s in result.synergies
    ]
    assert rows == [
        ("x", ("a1", "l1", "l2"), ("l1", "l2"), ("a1",), ("l2-act",), False, True),
        ("y", ("a1", "a2", "l1"), ("l1",), ("a1", "a2"), (), True, True),
        ("z", (), (), (), (), False, False),
    ]


def test_gap_coverage(result: Analysis) -> None:
    c = result.coverage
    assert [(g.gap, g.region, g.actions) for g in c.gaps] == [
        ("l1-g1", "l1", ("l1-act", "l2-act")),
        ("l1-g2", "l1", ()),
        ("l1-g3", "l1", ()),
        ("l2-g", "l2", ("l2-act",)),
    ]
    assert [(x.key, x.gaps, x.addressed) for x in c.by_region] == [
        ("a1", 0, 0),
        ("a2", 0, 0),
        ("l1", 3, 1),
        ("l2", 1, 1),
    ]
    assert [(x.key, x.gaps, x.addressed) for x in c.by_category] == [
        ("cooperation", 1, 0),
        ("funding", 1, 0),
        ("skills", 2, 2),
    ]
    assert c.unaddressed == ("l1-g2", "l1-g3")


def test_mentor_matches_rank_by_score_then_id(result: Analysis) -> None:
    got = {
        m.gap: [(c.region, c.score, c.recommended) for c in m.candidates]
        for m in result.mentor_matches
    }
    assert [m.learner for m in result.mentor_matches] == ["l1", "l1", "l1", "l2"]
    assert got == {
        # a1: shares x (3) + skills practice (2) + advanced (1); l2: shares x; a2: advanced
        "l1-g1": [("a1", 6, True), ("l2", 3, False), ("a2", 1, False)],
        # a2: funding practice (2) + advanced (1); a1: advanced; l2 has no reason: left out
        "l1-g2": [("a2", 3, False), ("a1", 1, False)],
        # the gap names no area: both advanced regions score 1, the tie goes by id
        "l1-g3": [("a1", 1, False), ("a2", 1, False)],
        # a2: advanced (1) + cooperates through l2-act (1), the existing recommendation
        "l2-g": [("a1", 6, False), ("l1", 3, False), ("a2", 2, True)],
    }


def test_mentor_reasons_name_what_they_rest_on(result: Analysis) -> None:
    l2 = next(m for m in result.mentor_matches if m.gap == "l2-g")
    a1, _, a2 = l2.candidates
    # Every priority, practice and action of the fixture is a proposal: so is each reason
    # resting on them ("advanced" rests on the region's development group).
    assert a1.reasons == (
        Reason("shares_area", 3, ("x",), proposed=True),
        Reason("good_practice", 2, ("a1-gp",), proposed=True),
        Reason("advanced", 1, ()),
    )
    assert a2.reasons == (
        Reason("advanced", 1, ()),
        Reason("cooperates", 1, ("l2-act",), proposed=True),
    )


def test_network(result: Analysis) -> None:
    n = result.network
    assert [(x.regions, x.joint_actions, x.peer_learning) for x in n.links] == [
        (("a1", "l1"), (), ("l1-pl",)),
        (("a2", "l2"), ("l2-act",), ("l2-pl",)),
    ]
    assert [(x.mentor, x.learner, x.items) for x in n.mentoring] == [
        ("a1", "l1", ("l1-pl",)),
        ("a2", "l2", ("l2-pl",)),
    ]
    assert n.degree == {"a1": 1, "a2": 1, "l1": 1, "l2": 1}
    assert n.isolated == ()


def test_monitoring_sums_only_within_a_unit(result: Analysis) -> None:
    m = result.monitoring
    assert [i.id for i in m.indicators] == ["l1-i1", "l1-i2", "l2-i1", "l2-i2"]
    assert [
        (
            str(g.type),
            g.interreg_code,
            g.unit,
            g.count,
            g.baseline_total,
            g.target_total,
            g.indicators,
        )
        for g in m.groups
    ] == [
        ("output", "RCO87", "euros", 1, 0.0, 1000.0, ("l2-i2",)),
        ("output", "RCO87", "organisations", 2, 1.0, 8.0, ("l1-i1", "l2-i1")),
        ("result", None, "organisations", 1, 0.0, 2.0, ("l1-i2",)),
    ]
    assert m.actions_without_indicators == ()


def test_budget(result: Analysis) -> None:
    b = result.budget
    assert b.total_eur == 300.0
    assert [(x.key, x.total_eur, x.actions) for x in b.by_area] == [("x", 200.0, ("l2-act",))]
    assert [(x.key, x.total_eur) for x in b.by_region] == [("l1", 100.0), ("l2", 200.0)]
    assert [(x.key, x.total_eur) for x in b.by_status] == [("planned", 200.0), ("ongoing", 100.0)]
    assert b.actions_without_budget == ()


def test_timeline_flags_overdue_and_overlapping(result: Analysis) -> None:
    t = result.timeline
    assert t.reference_date == dt.date(2026, 6, 1)
    assert [(e.action, e.start, e.end, e.overdue, e.overlaps) for e in t.entries] == [
        ("l1-act", dt.date(2025, 1, 1), dt.date(2025, 12, 31), True, True),
        ("l2-act", dt.date(2025, 6, 1), dt.date(2026, 12, 31), False, True),
    ]
    assert t.overdue == ("l1-act",)
    assert [(o.gap, o.actions) for o in t.overlapping] == [("l1-g1", ("l1-act", "l2-act"))]
    assert t.undated == ()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=14))
def test_overlap_groups_are_the_parts_of_the_overlap_graph(spans: list[tuple[int, int]]) -> None:
    # The groups are found in one pass; here they are checked against every pair of actions.
    strategy = check_strategy(ANALYSIS).strategy
    assert strategy is not None
    day = dt.date(2027, 1, 1)
    l1 = next(r for r in strategy.regions if r.id == "l1")
    template = l1.actions[0]
    actions = tuple(
        dataclasses.replace(
            template,
            id=f"act-{i}",
            indicators=(),
            start=day + dt.timedelta(days=start),
            end=day + dt.timedelta(days=start + length),
        )
        for i, (start, length) in enumerate(spans)
    )
    others = tuple(r for r in strategy.regions if r.id != "l1")
    strategy = dataclasses.replace(
        strategy,
        regions=(dataclasses.replace(l1, actions=actions), *others),
    )
    groups = [set(o.actions) for o in analyse(strategy).timeline.overlapping if o.gap == "l1-g1"]

    # Brute force: the connected parts, of two actions or more, of the graph of overlapping pairs.
    part = {a.id: {a.id} for a in actions}
    for a, b in itertools.combinations(actions, 2):
        assert a.start and a.end and b.start and b.end
        if a.start <= b.end and b.start <= a.end and part[a.id] is not part[b.id]:
            merged = part[a.id] | part[b.id]
            for x in merged:
                part[x] = merged
    expected = {frozenset(p) for p in part.values() if len(p) > 1}
    assert {frozenset(g) for g in groups} == expected
    assert len(groups) == len(expected)  # no group listed twice


def test_analysis_is_deterministic_across_processes() -> None:
    # Separate processes with different hash seeds: set and dict order cannot leak into output.
    outputs = {
        subprocess.run(
            [
                sys.executable,
                "-m",
                "s3gen",
                "analyse",
                "--format",
                "json",
                "--strategy",
                str(DEFAULT_STRATEGY),
            ],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1


def test_default_strategy_every_gap_is_covered_and_every_less_developed_gap_has_mentors() -> None:
    strategy = check_strategy(DEFAULT_STRATEGY).strategy
    assert strategy is not None
    result = analyse(strategy)
    assert result.coverage.unaddressed == ()
    less = {
        r.id
        for r in strategy.regions
        if r.development_group is model.DevelopmentGroup.LESS_DEVELOPED
    }
    assert {m.learner for m in result.mentor_matches} == less
    for match in result.mentor_matches:
        best = match.candidates[0]
        assert best.score >= 1, match.gap
        assert [c.score for c in match.candidates] == sorted(
            (c.score for c in match.candidates), reverse=True
        )
    recommended = {
        (m.gap, c.region) for m in result.mentor_matches for c in m.candidates if c.recommended
    }
    existing = {
        (p.gap, mentor)
        for r in strategy.regions
        if r.id in less
        for p in r.peer_learning
        if p.gap
        for mentor in p.mentors
    }
    assert recommended == existing


def test_cli_text_summary_matches_the_reviewed_golden_file() -> None:
    # To update after an intended change: s3gen analyse --strategy tests/fixtures/analysis/strategy
    # > tests/fixtures/analysis/summary.txt, then review the diff.
    result = CliRunner().invoke(cli, ["analyse", "--strategy", str(ANALYSIS)])
    assert result.exit_code == 0, result.output
    assert result.stdout == (FIXTURES / "analysis" / "summary.txt").read_text(encoding="utf-8")


def test_cli_json_carries_every_figure(result: Analysis) -> None:
    out = CliRunner().invoke(cli, ["analyse", "--format", "json", "--strategy", str(ANALYSIS)])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert list(data) == [
        "strategy",
        "version",
        "matrix",
        "synergies",
        "coverage",
        "mentor_matches",
        "network",
        "monitoring",
        "budget",
        "timeline",
        "joint_actions",
        "joint_actions_basis",
        "proposals",
    ]
    assert data["strategy"] == "analysis-case"
    assert {k: v for k, v in data.items() if k not in ("strategy", "version")} == to_jsonable(
        result
    )
    first = data["mentor_matches"][0]["candidates"][0]
    assert first == {
        "region": "a1",
        "score": 6,
        "recommended": True,
        "reasons": [
            {"criterion": "shares_area", "points": 3, "detail": ["x"], "proposed": True},
            {"criterion": "good_practice", "points": 2, "detail": ["a1-gp"], "proposed": True},
            {"criterion": "advanced", "points": 1, "detail": [], "proposed": False},
        ],
    }
    assert data["timeline"]["entries"][0]["start"] == "2025-01-01"


def test_cli_refuses_an_invalid_strategy(minimal: Path) -> None:
    apply_edits(minimal, {"regions/alpha.yaml": [("severity: high", "severity: hihg")]})
    result = CliRunner().invoke(cli, ["analyse", "--strategy", str(minimal)])
    assert result.exit_code == 1
    assert "[invalid-value]" in result.output
    assert "1 error in 1 of 4 files. Fix it first; `s3gen validate` lists it too." in result.output


def test_only_the_best_candidates_are_kept_but_every_recommended_one(tmp_path: Path) -> None:
    strategy = check_strategy(generate(30, tmp_path / "g30")).strategy
    assert strategy is not None
    matches = analyse(strategy).mentor_matches
    # A gap for which 10 candidates were kept and none of them is recommended.
    first = next(m for m in matches if not any(c.recommended for c in m.candidates))
    assert len(first.candidates) == 10  # more regions have a reason; the 10 best are kept
    learner = next(r for r in strategy.regions if r.id == first.learner)
    ranked = {c.region for c in first.candidates}
    outsider = next(r.id for r in strategy.regions if r.id not in ranked | {learner.id})
    item = dataclasses.replace(learner.peer_learning[0], gap=first.gap, mentors=(outsider,))
    changed = dataclasses.replace(learner, peer_learning=(item,))
    regions = tuple(changed if r.id == learner.id else r for r in strategy.regions)
    again = next(
        m
        for m in analyse(dataclasses.replace(strategy, regions=regions)).mentor_matches
        if m.gap == first.gap
    )
    assert [c.region for c in again.candidates if c.recommended] == [outsider]
    assert len(again.candidates) == 11
    keys = [(-c.score, c.region) for c in again.candidates]
    assert keys == sorted(keys)


def test_mentor_ranking_equals_scoring_every_region_by_the_documented_weights(
    tmp_path: Path,
) -> None:
    """The ranking takes shortcuts to stay linear; this scores every region the slow way."""
    strategy = check_strategy(generate(40, tmp_path / "g40")).strategy
    assert strategy is not None
    regions = {r.id: r for r in strategy.regions}
    partners: dict[str, set[str]] = {r: set() for r in regions}
    for r in strategy.regions:
        for action in r.actions:
            if action.scope is model.ActionScope.TRANSNATIONAL:
                team = {r.id, *action.partner_regions}
                for member in team:
                    partners[member] |= team - {member}

    def score(learner: str, gap: model.Gap, mentor: str) -> int:
        m = regions[mentor]
        held = {a for p in m.priorities for a in p.areas}
        practice = {gp.category for p in m.priorities for gp in p.good_practices}
        return (
            3 * bool(held & set(gap.areas))
            + 2 * (gap.category in practice)
            + 1 * (m.development_group is model.DevelopmentGroup.ADVANCED)
            + 1 * (mentor in partners[learner])
        )

    matches = analyse(strategy).mentor_matches
    assert matches and any(partners[m.learner] for m in matches)
    for m in matches:
        gap = next(g for g in regions[m.learner].gaps if g.id == m.gap)
        scored = sorted(
            (-score(m.learner, gap, other), other) for other in regions if other != m.learner
        )
        best = [r for s, r in scored if s < 0][:10]
        recommended = {c.region for c in m.candidates if c.recommended}
        assert [c.region for c in m.candidates if c.region not in recommended] == [
            r for r in best if r not in recommended
        ]
        assert all(c.score == score(m.learner, gap, c.region) for c in m.candidates)


def test_the_counts_the_report_prints_come_from_the_analysis(result: Analysis) -> None:
    # The fixture has one transnational action, 14 items marked illustrative (counted with
    # `grep -c "illustrative: true"` over its region files) and two of its four gaps addressed.
    assert result.joint_actions == ("l2-act",)
    assert result.proposals == 14
    assert (result.coverage.addressed, len(result.coverage.gaps)) == (2, 4)
    assert result.coverage.addressed == sum(1 for g in result.coverage.gaps if g.addressed)


def test_every_aggregate_says_what_it_rests_on(tmp_path: Path) -> None:
    # The fixture with l2's action documented (it cites a source): l1's action (EUR 100,
    # regional, RCO87 target 5 organisations) stays a proposal, l2's (EUR 200, transnational,
    # RCO87 targets 3 organisations and 1000 euros, baseline 1) is documented. Every gap is a
    # proposal; l1-g1 is addressed by both actions, l2-g by l2's. Computed by hand.
    a = analysed_with(
        tmp_path,
        {
            "regions/l2.yaml": [
                (
                    "    budget_eur: 200\n    illustrative: true",
                    "    budget_eur: 200\n    sources: [src]",
                )
            ],
            # and l1's priority (areas x and y) documented
            "regions/l1.yaml": [
                (
                    "areas: [x, y], illustrative: true}",
                    "areas: [x, y], sources: [src]}",
                )
            ],
        },
    )
    b = a.budget
    assert (b.total_eur, b.basis) == (300, Basis(200, 100))
    assert [(x.key, x.basis) for x in b.by_scope] == [
        ("regional", Basis(0, 100)),
        ("transnational", Basis(200, 0)),
    ]
    assert [(x.key, x.basis) for x in b.by_region] == [("l1", Basis(0, 100)), ("l2", Basis(200, 0))]
    assert [(x.key, x.basis) for x in b.by_status] == [
        ("planned", Basis(200, 0)),
        ("ongoing", Basis(0, 100)),
    ]
    orgs = next(
        g for g in a.monitoring.groups if g.interreg_code == "RCO87" and g.unit == "organisations"
    )
    assert (orgs.target_total, orgs.target_basis, orgs.baseline_basis) == (
        8,
        Basis(3, 5),
        Basis(1, 0),
    )
    c = a.coverage
    assert (c.addressed, c.gaps_basis, c.addressed_basis) == (2, Basis(0, 4), Basis(0, 2))
    assert (c.addressing_basis, c.addressed_by_documented) == (Basis(1, 1), 2)
    assert (a.joint_actions, a.joint_actions_basis) == (("l2-act",), Basis(1, 0))
    proposed = {(c.region, c.area): c.illustrative for c in a.matrix.cells}
    assert proposed == {
        ("a1", "x"): True,
        ("a1", "y"): True,
        ("a2", "y"): True,
        ("l1", "x"): False,
        ("l1", "y"): False,
        ("l2", "x"): True,
    }
    m = a.matrix
    assert m.regions_per_area_basis == {"x": Basis(1, 2), "y": Basis(1, 2), "z": Basis(0, 0)}
    assert m.areas_per_region_basis == {
        "a1": Basis(0, 2),
        "a2": Basis(0, 1),
        "l1": Basis(2, 0),
        "l2": Basis(0, 1),
    }
    l2 = next(m for m in a.mentor_matches if m.gap == "l2-g")
    a2 = next(x for x in l2.candidates if x.region == "a2")
    assert Reason("cooperates", 1, ("l2-act",), proposed=False) in a2.reasons


@pytest.mark.parametrize(
    ("basis", "eur", "number", "count"),
    [
        (Basis(300, 0), "EUR 300", "300", "none of the 300 gaps is a proposal"),
        (
            Basis(0, 300),
            "EUR 300, all in proposed actions",
            "300 (all proposed)",
            "all 300 gaps are proposals",
        ),
        (
            Basis(200, 100),
            "EUR 300, of which EUR 100 in proposed actions",
            "300 (100 proposed)",
            "100 of the 300 gaps are proposals",
        ),
        (
            Basis(1, 1),
            "EUR 2, of which EUR 1 in proposed actions",
            "2 (1 proposed)",
            "1 of the 2 gaps is a proposal",
        ),
        (
            Basis(0, 2),
            "EUR 2, all in proposed actions",
            "2 (all proposed)",
            "both gaps are proposals",
        ),
        (
            Basis(0, 1),
            "EUR 1, all in proposed actions",
            "1 (all proposed)",
            "the gap is a proposal",
        ),
    ],
)
def test_a_figure_is_printed_with_what_it_rests_on(
    basis: Basis, eur: str, number: str, count: str
) -> None:
    from s3gen.report.formatting import count_of_proposals, eur_on_basis, number_on_basis

    assert (eur_on_basis(basis), number_on_basis(basis), count_of_proposals(basis, "gap")) == (
        eur,
        number,
        count,
    )


def test_the_editors_mapping_is_its_own_basis(tmp_path: Path) -> None:
    # A priority's areas are the editors' mapping unless it cites sources for them
    # (mapping_sources); a region's development group, unless it cites group_sources. Area y is
    # held by a1, a2 and l1; l1-p gets a source for its mapping, a1 and a2 do not.
    a = analysed_with(
        tmp_path,
        {
            "regions/l1.yaml": [
                (
                    "areas: [x, y], illustrative: true}",
                    "areas: [x, y], illustrative: true, mapping_sources: [src]}",
                )
            ]
        },
    )
    editorial = {(c.region, c.area): c.editorial for c in a.matrix.cells}
    assert editorial == {
        ("a1", "x"): True,
        ("a1", "y"): True,
        ("a2", "y"): True,
        ("l1", "x"): False,
        ("l1", "y"): False,
        ("l2", "x"): True,
    }
    assert {x.area: x.editorial for x in a.synergies} == {"x": True, "y": True, "z": False}
