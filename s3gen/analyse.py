"""The transnational analysis: pure, deterministic functions over a valid `Strategy`.

What regions share (the priority matrix and synergies), whether every gap has an answer, which
regions could mentor the less developed ones, how regions are linked, and roll-ups of indicators,
budgets and the timeline. The reports and `s3gen analyse` both use `analyse(strategy)`; nothing
here formats text. Every list is sorted so that the same strategy always gives the same analysis.
Over 500 lines: one result type and one function per figure, which share the index of the
strategy built once here.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from s3gen import model
from s3gen.model import ActionScope, ActionStatus, DevelopmentGroup

# Points per reason in the mentor score (documented in the README, "Mentor matching").
WEIGHT_SHARES_AREA = 3
WEIGHT_GOOD_PRACTICE = 2
WEIGHT_ADVANCED = 1
WEIGHT_COOPERATES = 1

# How many of the best candidates the reports show per gap (recommended ones always show), and
# how many the analysis keeps (all recommended ones too).
SHOWN_CANDIDATES = 3
KEPT_CANDIDATES = 10
# A matrix of every region by every area grows with the product of the two: the report and the
# summary print it whole up to this many places, and list each region's areas beyond.
WHOLE_MATRIX = 2_500

# An area shared by at least this many regions without a joint action is an untapped synergy.
UNTAPPED_MIN_REGIONS = 3


# --- Results -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Basis:
    """What a figure rests on: the part that comes from documented items and the part that
    comes from proposals (items marked illustrative). Every aggregate carries one, so that no
    report prints a figure that mixes the two without saying so."""

    documented: float
    proposed: float

    @property
    def total(self) -> float:
        return self.documented + self.proposed


def basis_of(parts: Iterable[tuple[float, bool]]) -> Basis:
    """The basis of a sum of (value, is a proposal) parts."""
    documented = proposed = 0.0
    for value, illustrative in parts:
        if illustrative:
            proposed += value
        else:
            documented += value
    return Basis(_whole(documented), _whole(proposed))


def _whole(value: float) -> float:
    return int(value) if value == int(value) else value  # a count stays a count in the JSON


@dataclass(frozen=True)
class MatrixCell:
    """The priorities a region holds in one area."""

    region: str
    area: str
    priorities: tuple[str, ...]
    illustrative: bool  # every one of these priorities is a proposal
    editorial: bool  # every one of them is in the area by the editors' mapping, not a source


@dataclass(frozen=True)
class PriorityMatrix:
    areas: tuple[str, ...]  # in the order of strategy.yaml
    regions: tuple[str, ...]  # sorted by id
    cells: tuple[MatrixCell, ...]  # only regions that hold the area, by region then area
    regions_per_area: dict[str, tuple[str, ...]]
    areas_per_region: dict[str, tuple[str, ...]]
    shared_areas: tuple[str, ...]  # held by two or more regions
    single_region_areas: tuple[str, ...]  # held by exactly one region
    unheld_areas: tuple[str, ...]  # held by no region
    isolated_regions: tuple[str, ...]  # share no area with any other region
    # How many regions hold each area, and how many of them only through proposed priorities;
    # how many areas each region holds, and how many only through proposed priorities.
    regions_per_area_basis: dict[str, Basis]
    areas_per_region_basis: dict[str, Basis]

    @property
    def printed_whole(self) -> bool:
        """Whether the reports print every region by every area (see WHOLE_MATRIX)."""
        return len(self.regions) * len(self.areas) <= WHOLE_MATRIX


@dataclass(frozen=True)
class Synergy:
    area: str
    regions: tuple[str, ...]
    less_developed: tuple[str, ...]
    advanced: tuple[str, ...]
    joint_actions: tuple[str, ...]  # transnational actions serving the area
    untapped: bool  # shared by >= UNTAPPED_MIN_REGIONS regions, no joint action
    learning_opportunity: bool  # shared by a less developed and an advanced region
    # Who holds the area rests on the editors' mapping of priorities to areas (a cell without a
    # source for it), and a learning opportunity on the regions' development groups too.
    editorial: bool


@dataclass(frozen=True)
class GapCoverage:
    gap: str
    region: str
    category: model.GapCategory
    severity: model.Severity
    actions: tuple[str, ...]  # actions that address the gap

    @property
    def addressed(self) -> bool:
        """Whether any action addresses the gap."""
        return bool(self.actions)


@dataclass(frozen=True)
class CoverageCount:
    key: str  # a region id or a gap category
    gaps: int
    addressed: int


@dataclass(frozen=True)
class Coverage:
    gaps: tuple[GapCoverage, ...]  # by region, then gap id
    addressed: int  # how many of them have an action
    gaps_basis: Basis  # the gaps: documented and proposed
    addressed_basis: Basis  # the gaps with an action
    addressing_basis: Basis  # the actions that address a gap
    addressed_by_documented: int  # gaps with at least one documented action
    by_region: tuple[CoverageCount, ...]
    by_category: tuple[CoverageCount, ...]
    unaddressed: tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    criterion: str  # shares_area | good_practice | advanced | cooperates
    points: int
    detail: tuple[str, ...]  # the areas, practices or actions behind it
    proposed: bool = False  # every item behind it is a proposal (the reason is one too)


@dataclass(frozen=True)
class MentorCandidate:
    region: str
    score: int
    reasons: tuple[Reason, ...]
    recommended: bool  # True: an existing peer-learning item names this mentor for the gap


@dataclass(frozen=True)
class GapMatches:
    gap: str
    learner: str
    candidates: tuple[MentorCandidate, ...]  # best first; ties by region id


@dataclass(frozen=True)
class Tie:
    """Two regions that work together, and how: one leads a joint action in which the other is
    a partner region, or one mentors the other."""

    regions: tuple[str, str]  # sorted pair
    joint_actions: tuple[str, ...]
    peer_learning: tuple[str, ...]


@dataclass(frozen=True)
class Mentoring:
    mentor: str
    learner: str
    items: tuple[str, ...]  # peer-learning item ids


@dataclass(frozen=True)
class Network:
    links: tuple[Tie, ...]
    mentoring: tuple[Mentoring, ...]  # directed mentor -> learner pairs
    degree: dict[str, int]  # number of distinct regions each region is linked to
    isolated: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    action: str
    region: str
    name: str
    type: model.IndicatorType
    interreg_code: str | None
    unit: str
    baseline: float
    target: float
    target_year: int
    illustrative: bool


@dataclass(frozen=True)
class IndicatorGroup:
    """Indicators of one type, code and unit: only these have a meaningful sum."""

    type: model.IndicatorType
    interreg_code: str | None
    unit: str
    count: int
    baseline_total: float
    target_total: float
    indicators: tuple[str, ...]
    baseline_basis: Basis  # of proposed actions: proposed
    target_basis: Basis


@dataclass(frozen=True)
class Monitoring:
    indicators: tuple[IndicatorRow, ...]
    groups: tuple[IndicatorGroup, ...]
    actions_without_indicators: tuple[str, ...]


@dataclass(frozen=True)
class BudgetLine:
    key: str
    total_eur: float
    actions: tuple[str, ...]
    basis: Basis  # EUR in documented and in proposed actions


@dataclass(frozen=True)
class Budget:
    total_eur: float
    basis: Basis  # of the total
    by_area: tuple[BudgetLine, ...]  # an action serving several areas counts in each
    by_region: tuple[BudgetLine, ...]  # by the region whose file holds the action
    by_scope: tuple[BudgetLine, ...]  # transnational (the joint actions) and regional
    by_status: tuple[BudgetLine, ...]
    actions_without_budget: tuple[str, ...]


@dataclass(frozen=True)
class TimelineEntry:
    action: str
    region: str
    title: str
    scope: ActionScope
    status: ActionStatus
    start: dt.date
    end: dt.date
    illustrative: bool
    overdue: bool  # ended before the publication date but not completed
    overlaps: bool  # another action on a same gap runs at the same time


@dataclass(frozen=True)
class Overlap:
    """Actions on one gap whose periods form one unbroken stretch of time: each overlaps at
    least one other. Listed as groups, not pairs: n actions at the same time are n pairs'
    worth of information in n names, where the pairs would be n(n-1)/2."""

    gap: str
    actions: tuple[str, ...]  # by start, end, id


@dataclass(frozen=True)
class Timeline:
    reference_date: dt.date  # the strategy's publication date
    entries: tuple[TimelineEntry, ...]  # by start, end, id
    # The years the strategy covers (document.period), or, when it states none, from the
    # publication year to the year of the last end of an action; and whether it was stated.
    period: tuple[int, int]
    period_stated: bool
    outside: tuple[str, ...]  # actions that end before the period or start after it
    undated: tuple[str, ...]  # actions without start or end
    overdue: tuple[str, ...]
    overlapping: tuple[Overlap, ...]  # by gap, then start


@dataclass(frozen=True)
class Analysis:
    matrix: PriorityMatrix
    synergies: tuple[Synergy, ...]
    coverage: Coverage
    mentor_matches: tuple[GapMatches, ...]
    network: Network
    monitoring: Monitoring
    budget: Budget
    timeline: Timeline
    joint_actions: tuple[str, ...]  # the transnational actions, by id
    joint_actions_basis: Basis  # how many of them are documented and proposed
    proposals: int  # how many items are illustrative proposals


# --- Helpers over the model --------------------------------------------------------------------


@dataclass(frozen=True)
class _Index:
    """Look-ups the analyses share, built once."""

    strategy: model.Strategy
    region_of_action: dict[str, str]
    actions: tuple[model.Action, ...]  # sorted by id
    action_areas: dict[str, frozenset[str]]
    participants: dict[str, tuple[str, ...]]  # action id -> owner region and partner regions
    group: dict[str, DevelopmentGroup]


def _index(strategy: model.Strategy) -> _Index:
    # Ids are plain strings from here on: the analysis does not need their NewType kinds.
    priority_areas: dict[str, tuple[str, ...]] = {
        p.id: p.areas for r in strategy.regions for p in r.priorities
    }
    region_of_action: dict[str, str] = {a.id: r.id for r in strategy.regions for a in r.actions}
    actions = tuple(sorted((a for r in strategy.regions for a in r.actions), key=lambda a: a.id))
    action_areas: dict[str, frozenset[str]] = {
        a.id: frozenset[str](a.areas).union(*(priority_areas.get(p, ()) for p in a.priorities))
        for a in actions
    }
    participants: dict[str, tuple[str, ...]] = {
        a.id: (region_of_action[a.id], *sorted(set(a.partner_regions))) for a in actions
    }
    group: dict[str, DevelopmentGroup] = {r.id: r.development_group for r in strategy.regions}
    return _Index(strategy, region_of_action, actions, action_areas, participants, group)


def _sorted(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(values)))


# --- The analyses ------------------------------------------------------------------------------


def priority_matrix(strategy: model.Strategy) -> PriorityMatrix:
    """Which regions hold a priority in each transnational priority area."""
    areas: tuple[str, ...] = tuple(a.id for a in strategy.priority_areas)
    regions: tuple[str, ...] = tuple(r.id for r in strategy.regions)
    held: dict[tuple[str, str], list[str]] = defaultdict(list)
    for region in strategy.regions:
        for priority in region.priorities:
            for area in priority.areas:
                held[(region.id, area)].append(priority.id)
    row = {x: i for i, x in enumerate(regions)}
    column = {x: i for i, x in enumerate(areas)}
    proposal: dict[str, bool] = {
        p.id: p.illustrative for region in strategy.regions for p in region.priorities
    }
    mapped: dict[str, bool] = {
        p.id: p.editorial for region in strategy.regions for p in region.priorities
    }
    cells = tuple(
        MatrixCell(
            r,
            a,
            tuple(sorted(held[(r, a)])),
            all(proposal[p] for p in held[(r, a)]),
            all(mapped[p] for p in held[(r, a)]),
        )
        for r, a in sorted(held, key=lambda place: (row[place[0]], column[place[1]]))
    )
    grouped_areas: dict[str, list[str]] = defaultdict(list)
    grouped_regions: dict[str, list[str]] = defaultdict(list)
    cells_of: dict[str, list[MatrixCell]] = defaultdict(list)
    cells_held: dict[str, list[MatrixCell]] = defaultdict(list)
    for c in cells:  # cells are in region, then area order: the groups come out sorted
        grouped_areas[c.area].append(c.region)
        grouped_regions[c.region].append(c.area)
        cells_of[c.area].append(c)
        cells_held[c.region].append(c)
    per_area = {a: tuple(grouped_areas[a]) for a in areas}
    per_region = {r: tuple(grouped_regions[r]) for r in regions}
    isolated = tuple(r for r in regions if not any(len(per_area[a]) > 1 for a in per_region[r]))
    return PriorityMatrix(
        areas=areas,
        regions=regions,
        cells=cells,
        regions_per_area=per_area,
        regions_per_area_basis={
            a: basis_of((1, c.illustrative) for c in cells_of[a]) for a in areas
        },
        areas_per_region_basis={
            r: basis_of((1, c.illustrative) for c in cells_held[r]) for r in regions
        },
        areas_per_region=per_region,
        shared_areas=tuple(a for a in areas if len(per_area[a]) >= 2),
        single_region_areas=tuple(a for a in areas if len(per_area[a]) == 1),
        unheld_areas=tuple(a for a in areas if not per_area[a]),
        isolated_regions=isolated,
    )


def _synergies(index: _Index, matrix: PriorityMatrix) -> tuple[Synergy, ...]:
    """For each area, who shares it and which joint actions serve it."""
    serving: dict[str, list[str]] = defaultdict(list)  # area -> joint actions, by id
    for a in index.actions:
        if a.scope is ActionScope.TRANSNATIONAL:
            for area in sorted(index.action_areas[a.id]):
                serving[area].append(a.id)
    mapped_cells = {(c.region, c.area) for c in matrix.cells if c.editorial}
    judged_groups = {r.id for r in index.strategy.regions if not r.group_sources}
    result = []
    for area in matrix.areas:
        regions = matrix.regions_per_area[area]
        joint = tuple(serving[area])
        less = tuple(r for r in regions if index.group[r] is DevelopmentGroup.LESS_DEVELOPED)
        advanced = tuple(r for r in regions if index.group[r] is DevelopmentGroup.ADVANCED)
        result.append(
            Synergy(
                area=area,
                regions=regions,
                less_developed=less,
                advanced=advanced,
                joint_actions=joint,
                untapped=len(regions) >= UNTAPPED_MIN_REGIONS and not joint,
                learning_opportunity=bool(less and advanced),
                editorial=any((r, area) in mapped_cells for r in regions)
                or (bool(less and advanced) and any(r in judged_groups for r in regions)),
            )
        )
    return tuple(result)


def _gap_coverage(index: _Index) -> Coverage:
    """Each gap with the actions that address it; counts per region and per category."""
    addressing: dict[str, list[str]] = defaultdict(list)
    for action in index.actions:
        for gap in action.gaps:
            addressing[gap].append(action.id)
    rows = tuple(
        GapCoverage(g.id, r.id, g.category, g.severity, tuple(sorted(set(addressing[g.id]))))
        for r in index.strategy.regions
        for g in sorted(r.gaps, key=lambda g: g.id)
    )

    def counts(keys: Iterable[str], key_of: dict[str, str]) -> tuple[CoverageCount, ...]:
        total = Counter(key_of[row.gap] for row in rows)
        done = Counter(key_of[row.gap] for row in rows if row.addressed)
        return tuple(CoverageCount(key=k, gaps=total[k], addressed=done[k]) for k in keys)

    region_of = {row.gap: row.region for row in rows}
    category_of = {row.gap: str(row.category) for row in rows}
    gap_proposal: dict[str, bool] = {
        g.id: g.illustrative for r in index.strategy.regions for g in r.gaps
    }
    action_proposal: dict[str, bool] = {a.id: a.illustrative for a in index.actions}
    addressing_actions = {x for row in rows for x in row.actions}
    return Coverage(
        gaps=rows,
        addressed=sum(1 for row in rows if row.addressed),
        gaps_basis=basis_of((1, gap_proposal[row.gap]) for row in rows),
        addressed_basis=basis_of((1, gap_proposal[row.gap]) for row in rows if row.addressed),
        addressing_basis=basis_of((1, action_proposal[x]) for x in addressing_actions),
        addressed_by_documented=sum(
            1 for row in rows if any(not action_proposal[x] for x in row.actions)
        ),
        by_region=counts([r.id for r in index.strategy.regions], region_of),
        by_category=counts(sorted(set(category_of.values())), category_of),
        unaddressed=tuple(row.gap for row in rows if not row.addressed),
    )


def _mentor_matches(index: _Index, matrix: PriorityMatrix) -> tuple[GapMatches, ...]:
    """For every gap of a less developed region, the best candidate mentors ranked by score."""
    regions = index.strategy.regions
    advanced = {r.id for r in regions if r.development_group is DevelopmentGroup.ADVANCED}
    holders = {area: set(matrix.regions_per_area[area]) for area in matrix.areas}
    held = {r: set(areas) for r, areas in matrix.areas_per_region.items()}
    practices: dict[tuple[str, str], list[str]] = defaultdict(list)  # (region, category) -> ids
    for r in regions:
        for p in r.priorities:
            for gp in p.good_practices:
                practices[(r.id, str(gp.category))].append(gp.id)
    with_practice: dict[str, set[str]] = defaultdict(set)  # category -> regions
    for region_id, category in practices:
        with_practice[category].add(region_id)
    partners_of: dict[str, set[str]] = defaultdict(set)
    shared_actions: dict[tuple[str, str], list[str]] = defaultdict(list)
    for action in index.actions:
        if action.scope is not ActionScope.TRANSNATIONAL:
            continue
        for a, b in _lead_and_partners(index, action):
            partners_of[a].add(b)
            partners_of[b].add(a)
            shared_actions[(a, b)].append(action.id)
            shared_actions[(b, a)].append(action.id)

    proposed_cell = {(c.region, c.area): c.illustrative for c in matrix.cells}
    proposed_practice: dict[str, bool] = {
        gp.id: gp.illustrative for r in regions for p in r.priorities for gp in p.good_practices
    }
    proposed_action: dict[str, bool] = {a.id: a.illustrative for a in index.actions}

    def reasons(learner: str, gap: model.Gap, mentor: str) -> tuple[Reason, ...]:
        found = []
        areas = tuple(a for a in gap.areas if a in held[mentor])
        if areas:
            proposed = all(proposed_cell[(mentor, a)] for a in areas)
            found.append(Reason("shares_area", WEIGHT_SHARES_AREA, areas, proposed))
        fitting = tuple(sorted(practices.get((mentor, str(gap.category)), ())))
        if fitting:
            proposed = all(proposed_practice[x] for x in fitting)
            found.append(Reason("good_practice", WEIGHT_GOOD_PRACTICE, fitting, proposed))
        if mentor in advanced:
            found.append(Reason("advanced", WEIGHT_ADVANCED, ()))
        if mentor in partners_of[learner]:
            joint = tuple(sorted(shared_actions[(learner, mentor)]))
            proposed = all(proposed_action[x] for x in joint)
            found.append(Reason("cooperates", WEIGHT_COOPERATES, joint, proposed))
        return tuple(found)

    # The score without "cooperates" depends only on the gap's areas and category: regions
    # ranked by it are computed once per such pair and shared by every gap that has it.
    base_rankings: dict[tuple[frozenset[str], str], tuple[dict[str, int], list[str]]] = {}

    def base_ranking(gap: model.Gap) -> tuple[dict[str, int], list[str]]:
        key = (frozenset(gap.areas), str(gap.category))
        found = base_rankings.get(key)
        if found is None:
            sharing = set().union(*(holders.get(a, set()) for a in gap.areas))
            practising = with_practice.get(str(gap.category), set())
            base = {
                r: WEIGHT_SHARES_AREA * (r in sharing)
                + WEIGHT_GOOD_PRACTICE * (r in practising)
                + WEIGHT_ADVANCED * (r in advanced)
                for r in sharing | practising | advanced
            }
            found = base, sorted(base, key=lambda r: (-base[r], r))
            base_rankings[key] = found
        return found

    result = []
    for learner in regions:
        if learner.development_group is not DevelopmentGroup.LESS_DEVELOPED:
            continue
        coop = partners_of[learner.id]
        for gap in sorted(learner.gaps, key=lambda g: g.id):
            recommended = {
                m
                for item in learner.peer_learning
                if (item.gap or "") == str(gap.id)
                for m in item.mentors
            }
            base, ranked = base_ranking(gap)

            def score(r: str, base: dict[str, int] = base, coop: set[str] = coop) -> int:
                return base.get(r, 0) + WEIGHT_COOPERATES * (r in coop)

            # The best candidates are the learner's partners (base + cooperates) and the first
            # of the base ranking that are not partners: later ones cannot score higher.
            others = itertools.islice(
                (r for r in ranked if r not in coop and r != learner.id), KEPT_CANDIDATES
            )
            pool = [*others, *(coop - {learner.id})]
            best = heapq.nsmallest(KEPT_CANDIDATES, pool, key=lambda r: (-score(r), r))
            kept = sorted(set(best) | (recommended - {learner.id}), key=lambda r: (-score(r), r))
            candidates = tuple(
                MentorCandidate(r, score(r), reasons(learner.id, gap, r), r in recommended)
                for r in kept
            )
            result.append(GapMatches(gap.id, learner.id, candidates))
    return tuple(result)


def _lead_and_partners(index: _Index, action: model.Action) -> Iterator[tuple[str, str]]:
    """The ties a joint action makes: its region, which leads it, with each partner region.
    Not every pair of partners: an action with n partners makes n ties, not n(n+1)/2, so the
    network grows with the lists the strategy writes down, and every partner is still tied,
    through the lead, to every other."""
    lead = index.region_of_action[action.id]
    for partner in index.participants[action.id]:
        if partner != lead:
            yield lead, partner


def _network(index: _Index) -> Network:
    """Regions linked by joint actions and by peer learning."""
    joint: dict[tuple[str, str], set[str]] = defaultdict(set)
    learning: dict[tuple[str, str], set[str]] = defaultdict(set)
    directed: dict[tuple[str, str], set[str]] = defaultdict(set)
    for action in index.actions:
        if action.scope is ActionScope.TRANSNATIONAL:
            for a, b in _lead_and_partners(index, action):
                joint[(min(a, b), max(a, b))].add(action.id)
    for region in index.strategy.regions:
        for item in region.peer_learning:
            for mentor in item.mentors:
                pair = (min(mentor, region.id), max(mentor, region.id))
                learning[pair].add(item.id)
                directed[(mentor, region.id)].add(item.id)
    pairs = sorted(set(joint) | set(learning))
    links = tuple(Tie(p, _sorted(joint[p]), _sorted(learning[p])) for p in pairs)
    regions = [r.id for r in index.strategy.regions]
    neighbours: dict[str, set[str]] = {r: set() for r in regions}
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    return Network(
        links=links,
        mentoring=tuple(
            Mentoring(m, lrn, _sorted(ids)) for (m, lrn), ids in sorted(directed.items())
        ),
        degree={r: len(neighbours[r]) for r in regions},
        isolated=tuple(r for r in regions if not neighbours[r]),
    )


def _monitoring(index: _Index) -> Monitoring:
    """All indicators, and sums per type, code and unit (never across units)."""
    rows = tuple(
        IndicatorRow(
            id=i.id,
            action=a.id,
            region=index.region_of_action[a.id],
            name=i.name,
            type=i.type,
            interreg_code=i.interreg_code,
            unit=i.unit,
            baseline=i.baseline,
            target=i.target,
            target_year=i.target_year,
            illustrative=a.illustrative,
        )
        for a in index.actions
        for i in a.indicators
    )
    grouped: dict[tuple[model.IndicatorType, str, str], list[IndicatorRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.type, row.interreg_code or "", row.unit)].append(row)
    groups = tuple(
        IndicatorGroup(
            type=t,
            interreg_code=code or None,
            unit=unit,
            count=len(members),
            baseline_total=sum(m.baseline for m in members),
            target_total=sum(m.target for m in members),
            indicators=tuple(m.id for m in members),
            baseline_basis=basis_of((m.baseline, m.illustrative) for m in members),
            target_basis=basis_of((m.target, m.illustrative) for m in members),
        )
        # Output before result, coded before uncoded, then by code and unit.
        for (t, code, unit), members in sorted(
            grouped.items(), key=lambda kv: (kv[0][0] != "output", kv[0][1] == "", kv[0][1:])
        )
    )
    return Monitoring(
        indicators=rows,
        groups=groups,
        actions_without_indicators=tuple(a.id for a in index.actions if not a.indicators),
    )


def _eur_basis(actions: Iterable[model.Action]) -> Basis:
    return basis_of((a.budget_eur or 0.0, a.illustrative) for a in actions)


def _budget(index: _Index) -> Budget:
    """Budgets summed by area, region and status, where budgets are given."""
    with_budget = [a for a in index.actions if a.budget_eur is not None]

    def lines(key_of: dict[str, Iterable[str]], order: Iterable[str]) -> tuple[BudgetLine, ...]:
        members: dict[str, list[model.Action]] = defaultdict(list)
        for action in with_budget:
            for key in key_of[action.id]:
                members[key].append(action)
        return tuple(
            BudgetLine(
                k,
                sum(a.budget_eur or 0.0 for a in members[k]),
                tuple(a.id for a in members[k]),
                _eur_basis(members[k]),
            )
            for k in order
            if members[k]
        )

    areas = [a.id for a in index.strategy.priority_areas]
    return Budget(
        total_eur=sum(a.budget_eur or 0.0 for a in with_budget),
        basis=_eur_basis(with_budget),
        by_area=lines({a.id: index.action_areas[a.id] for a in with_budget}, areas),
        by_region=lines(
            {a.id: [index.region_of_action[a.id]] for a in with_budget},
            [r.id for r in index.strategy.regions],
        ),
        by_scope=lines({a.id: [str(a.scope)] for a in with_budget}, [s.value for s in ActionScope]),
        by_status=lines(
            {a.id: [str(a.status)] for a in with_budget}, [s.value for s in ActionStatus]
        ),
        actions_without_budget=tuple(a.id for a in index.actions if a.budget_eur is None),
    )


def _timeline(index: _Index) -> Timeline:
    """Dated actions for a Gantt chart, with overdue and overlapping ones flagged."""
    today = index.strategy.document.publication_date
    dated = sorted(
        (a for a in index.actions if a.start is not None and a.end is not None),
        key=lambda a: (a.start, a.end, a.id),
    )
    # Two actions on the same gap at the same time may duplicate each other's work. Each gap's
    # actions, in order of start, are cut into stretches wherever one starts after all before it
    # have ended: linear in the actions after the sort, however many of them overlap.
    by_gap: dict[str, list[model.Action]] = defaultdict(list)
    for action in dated:
        for gap in set(action.gaps):
            by_gap[gap].append(action)
    overlapping: list[Overlap] = []
    for gap_id in sorted(by_gap):
        stretch: list[model.Action] = []
        last_end = dt.date.min  # the latest end in the stretch so far
        for a in by_gap[gap_id]:
            assert a.start and a.end
            if stretch and a.start > last_end:
                if len(stretch) > 1:
                    overlapping.append(Overlap(gap_id, tuple(x.id for x in stretch)))
                stretch = []
            last_end = max(last_end, a.end) if stretch else a.end
            stretch.append(a)
        if len(stretch) > 1:
            overlapping.append(Overlap(gap_id, tuple(x.id for x in stretch)))
    overlaps = {x for group in overlapping for x in group.actions}
    entries = []
    for a in dated:
        assert a.start and a.end
        entries.append(
            TimelineEntry(
                action=a.id,
                region=index.region_of_action[a.id],
                title=a.title,
                scope=a.scope,
                status=a.status,
                start=a.start,
                end=a.end,
                illustrative=a.illustrative,
                overdue=a.end < today and a.status is not ActionStatus.COMPLETED,
                overlaps=a.id in overlaps,
            )
        )
    stated = index.strategy.document.period
    if stated:
        first, _, last = stated.partition("-")
        period = (int(first), int(last))
    else:
        period = (today.year, max([today.year, *(e.end.year for e in entries)]))
    return Timeline(
        reference_date=today,
        entries=tuple(entries),
        period=period,
        period_stated=stated is not None,
        outside=tuple(
            e.action for e in entries if e.end.year < period[0] or e.start.year > period[1]
        ),
        undated=tuple(a.id for a in index.actions if a.start is None or a.end is None),
        overdue=tuple(e.action for e in entries if e.overdue),
        overlapping=tuple(overlapping),
    )


def analyse(strategy: model.Strategy) -> Analysis:
    """The whole transnational analysis of a valid strategy."""
    index = _index(strategy)
    matrix = priority_matrix(strategy)
    return Analysis(
        matrix=matrix,
        synergies=_synergies(index, matrix),
        coverage=_gap_coverage(index),
        mentor_matches=_mentor_matches(index, matrix),
        network=_network(index),
        monitoring=_monitoring(index),
        budget=_budget(index),
        timeline=_timeline(index),
        joint_actions=_sorted(
            a.id for a in index.actions if a.scope is model.ActionScope.TRANSNATIONAL
        ),
        joint_actions_basis=basis_of(
            (1, a.illustrative) for a in index.actions if a.scope is ActionScope.TRANSNATIONAL
        ),
        proposals=_proposals(strategy),
    )


def _proposals(strategy: model.Strategy) -> int:
    """Priorities, good practices, gaps, actions and peer-learning items marked illustrative."""
    return sum(
        sum(1 for x in items if x.illustrative)
        for r in strategy.regions
        for items in (
            r.priorities,
            tuple(gp for p in r.priorities for gp in p.good_practices),
            r.gaps,
            r.actions,
            r.peer_learning,
        )
    )


def shown_candidates(match: GapMatches) -> tuple[MentorCandidate, ...]:
    """The candidates a report shows: the best few, and every recommended one."""
    return tuple(c for i, c in enumerate(match.candidates) if i < SHOWN_CANDIDATES or c.recommended)
