"""The view model: Strategy + Analysis -> ReportView, everything the templates print.

Sorted, grouped, labelled and formatted here, so templates only loop and print. Markdown is
converted once, here, to Markup; every other string is escaped by Jinja. Anchors are stable:
``<kind>-<id>`` (``region-podlaskie``, ``gap-vidzeme-national-s3-only``).

The fields of these dataclasses are the contract with the templates in ``report/templates/``: a
template override may use any of them, and nothing else. The contract and the builder that fills
it stay in one module (over 500 lines) so that a reader checks one against the other in one
place; the counting is the analysis's, the wording ``formatting.py``'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from markupsafe import Markup

from s3gen import model
from s3gen.analyse import (
    SHOWN_CANDIDATES,
    UNTAPPED_MIN_REGIONS,
    Analysis,
    MatrixCell,
    PriorityMatrix,
    shown_candidates,
)
from s3gen.model.codes import COUNTRY_NAMES
from s3gen.model.kinds import DATA_FILES, DATA_FOLDER
from s3gen.model.kinds import anchor as _anchor
from s3gen.model.published import for_publication
from s3gen.model.walk import field_specs, nested_items
from s3gen.report import charts
from s3gen.report.formatting import (
    CRITERIA,
    count_of_proposals,
    eur_on_basis,
    format_date,
    format_eur,
    format_month,
    format_number,
    label,
    number_on_basis,
    scoring_in_words,
)
from s3gen.report.markdown import MarkdownRenderer

GROUPS = {
    "innovation_leader": "Innovation Leader",
    "strong_innovator": "Strong Innovator",
    "moderate_innovator": "Moderate Innovator",
    "emerging_innovator": "Emerging Innovator",
    "modest_innovator": "Modest Innovator",
}
SUBGROUPS = {"plus": " +", "mid": "", "minus": " -"}
SCOREBOARDS = {
    "ris": "Regional Innovation Scoreboard",
    "eis": "European Innovation Scoreboard (country)",
}
DEVELOPMENT = {"less_developed": "Less developed region", "advanced": "Advanced region"}
POLICY_AREAS = {
    "bioeconomy": "PA Bioeconomy",
    "culture": "PA Culture",
    "education": "PA Education",
    "energy": "PA Energy",
    "hazards": "PA Hazards",
    "health": "PA Health",
    "innovation": "PA Innovation",
    "nutri": "PA Nutri",
    "safe": "PA Safe",
    "secure": "PA Secure",
    "ship": "PA Ship",
    "spatial_planning": "PA Spatial Planning",
    "tourism": "PA Tourism",
    "transport": "PA Transport",
}
PROJECTS = {"gosmart_bsr": "GoSmart BSR", "gosmart_excel_bsr": "GoSmart&Excel BSR"}
# --- View types --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    href: str


@dataclass(frozen=True)
class OverlapView:
    gap: Link
    actions: tuple[Link, ...]  # each overlaps at least one other in time


@dataclass(frozen=True)
class Citation:
    number: int
    href: str
    title: str


@dataclass(frozen=True)
class Badge:
    text: str
    kind: str  # proposal | unconfirmed | untapped | learning | overdue | unaddressed | recommended


@dataclass(frozen=True)
class Fact:
    """One fact of a profile with its labels, remark and sources."""

    text: str
    badges: tuple[Badge, ...]
    note: str
    sources: tuple[Citation, ...]
    editor_note: str = ""  # only in the preview


@dataclass(frozen=True)
class FactGroup:
    """The facts that share a label (a region's NUTS codes in several versions)."""

    label: str
    facts: tuple[Fact, ...]


@dataclass(frozen=True)
class PartnerView:
    anchor: str
    name: str
    town: str
    role: str
    projects: str
    representative: str
    web: str
    region: Link
    badges: tuple[Badge, ...]
    note: str
    sources: tuple[Citation, ...]
    editor_note: str = ""  # only in the preview


@dataclass(frozen=True)
class PracticeView:
    anchor: str
    title: str
    description: Markup
    category: str
    badges: tuple[Badge, ...]
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class PriorityView:
    anchor: str
    title: str
    description: Markup
    areas: tuple[Link, ...]
    nace: str
    mapping: str  # "" when a source assigns the areas; else says they are the editors' mapping
    good_practices: tuple[PracticeView, ...]
    badges: tuple[Badge, ...]
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class GapView:
    anchor: str
    title: str
    description: Markup
    region: Link
    category: str
    severity: str
    areas: tuple[Link, ...]
    addressed_by: tuple[Link, ...]
    badges: tuple[Badge, ...]
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class IndicatorView:
    anchor: str
    name: str
    type: str
    code: str
    unit: str
    baseline: str
    target: str
    year: str
    action: Link
    badges: tuple[Badge, ...]


@dataclass(frozen=True)
class ActionView:
    anchor: str
    title: str
    description: Markup
    region: Link
    scope: str
    status: str
    partner_regions: tuple[Link, ...]
    areas: tuple[Link, ...]
    priorities: tuple[Link, ...]
    gaps: tuple[Link, ...]
    lead: Link | None
    period: str
    period_short: str  # months only, for tables
    budget: str
    indicators: tuple[IndicatorView, ...]
    badges: tuple[Badge, ...]
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class PeerLearningView:
    anchor: str
    topic: str
    learner: Link
    mentors: tuple[Link, ...]
    format: str
    good_practice: Link | None
    gap: Link | None
    timing: str
    description: Markup
    badges: tuple[Badge, ...]
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class RegionView:
    anchor: str
    name: str
    name_en: str
    facts: tuple[FactGroup, ...]  # country, NUTS, group, scoreboards, S3
    partners: tuple[PartnerView, ...]
    priorities: tuple[PriorityView, ...]
    gaps: tuple[GapView, ...]
    actions: tuple[ActionView, ...]
    peer_learning: tuple[PeerLearningView, ...]
    notes: tuple[str, ...]
    sources: tuple[Citation, ...]
    editor_notes: tuple[str, ...] = ()  # only in the preview


@dataclass(frozen=True)
class AreaHolder:
    region: Link
    priorities: tuple[Link, ...]


@dataclass(frozen=True)
class AreaView:
    anchor: str
    name: str
    description: Markup
    policy_areas: str
    nace: str
    holders: tuple[AreaHolder, ...]
    joint_actions: tuple[Link, ...]
    badges: tuple[Badge, ...]
    sources: tuple[Citation, ...]
    mapping: str  # what who holds the area (and its badges) rests on, when it is judgement
    count: str  # the regions holding it, with how many through proposals only


@dataclass(frozen=True)
class MatrixRow:
    region: Link
    cells: tuple[bool, ...]  # one per area, in the order of ReportView.area_links; () if listed
    proposed: tuple[bool, ...]  # per cell: held through proposed priorities only
    count: str  # areas held, with how many through proposals only
    areas: tuple[Link, ...]  # the areas the region holds


@dataclass(frozen=True)
class Candidate:
    region: Link
    score: int
    reasons: str
    badge: Badge


@dataclass(frozen=True)
class MatchView:
    gap: Link
    learner: Link
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True)
class GroupView:
    type: str
    code: str
    unit: str
    count: int
    baseline: str
    target: str


@dataclass(frozen=True)
class CountView:
    label: str
    gaps: int
    addressed: int


@dataclass(frozen=True)
class SourceView:
    number: int
    anchor: str
    title: str
    publisher: str
    url: str
    accessed: str
    note: str
    kind: str = ""  # "Secondary copy": what it is, so that a reader can weigh it
    period: str = ""  # "2020–2023": the years a strategy or plan covers
    reference: str = ""  # an ISBN, DOI or archive reference, to find it without an address


@dataclass(frozen=True)
class TocEntry:
    number: str
    title: str
    href: str
    children: tuple[Link, ...]
    id: str  # the chapter's section id, its heading's is "{id}-h"


@dataclass(frozen=True)
class ChartView:
    svg: Markup
    caption: str


@dataclass(frozen=True)
class ReportView:
    """Everything the report templates print."""

    lang: str
    title: str
    subtitle: str
    version: str
    status: str
    publication_date: str
    editors: tuple[str, ...]
    author: str  # the editors' names, for the document metadata
    keywords: str
    licence: str
    commit: str  # the git commit the strategy was built from, or ""
    summary: Markup
    vision: Markup
    methodology: Markup
    governance: Markup
    monitoring: Markup
    toc: tuple[TocEntry, ...]
    chapters: dict[str, TocEntry]  # the same, by chapter id, for headings and references
    areas: tuple[AreaView, ...]
    area_links: tuple[Link, ...]
    matrix_chart: ChartView
    matrix_rows: tuple[MatrixRow, ...]
    matrix_whole: bool  # every region by every area; else each region's areas are listed
    area_counts: tuple[str, ...]  # regions per area, with how many hold it by proposals only
    regions: tuple[RegionView, ...]
    joint_actions: tuple[ActionView, ...]
    timeline_chart: ChartView
    overdue: tuple[Link, ...]
    overlapping: tuple[OverlapView, ...]
    gaps: tuple[GapView, ...]
    coverage_by_category: tuple[CountView, ...]
    gaps_total: int
    gaps_addressed: int
    peer_learning: tuple[PeerLearningView, ...]
    matches: tuple[MatchView, ...]
    network_chart: ChartView
    partners: tuple[PartnerView, ...]
    indicators: tuple[IndicatorView, ...]
    indicator_groups: tuple[GroupView, ...]
    actions_without_indicators: tuple[Link, ...]
    budget_joint: str  # of the joint (transnational) actions, with what it rests on; "" if none
    budget_all: str  # of every action that states one, regional ones too
    coverage_basis: str  # what the gaps addressed rest on, in words
    sources: tuple[SourceView, ...]
    proposals: int  # how many items are illustrative proposals
    scoring: str  # how mentor candidates are scored, in words
    shown_candidates: int  # how many candidates the mentor table shows (plus recommended ones)
    untapped_min: int  # regions sharing an area for it to count as an untapped synergy
    open_data: tuple[Link, ...]  # the exported data files, relative to the page


# The chapters of the report, in order: the id of each one's section, and its title. The contents,
# the headings and every "chapter N" in the text are printed from this table.
CHAPTERS: tuple[tuple[str, str], ...] = (
    ("summary", "Executive summary and vision"),
    ("methodology", "Methodology, governance and monitoring"),
    ("areas", "Transnational priority areas"),
    ("matrix", "Priority matrix"),
    ("regions", "Regional profiles"),
    ("joint-actions", "Joint transnational actions"),
    ("gap-coverage", "Gap coverage"),
    ("peer-learning", "Peer learning"),
    ("directory", "Brokerage and partner directory (TIBS)"),
    ("monitoring-framework", "Monitoring framework"),
    ("sources", "Sources"),
)


# --- Building ----------------------------------------------------------------------------------

PROPOSAL = Badge("Proposal", "proposal")
UNCONFIRMED = Badge("Unconfirmed", "unconfirmed")


# Beyond WHOLE_MATRIX places, Table 1 lists the areas of each region (as long as the strategy's
# own lists) and Figure 1 shows the part of the matrix with the most priorities.
CHART_REGIONS, CHART_AREAS = 40, 30


def _chart_part(matrix: PriorityMatrix, whole: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The regions and areas Figure 1 shows, in the matrix's order."""
    if whole:
        return matrix.regions, matrix.areas

    def most(ids: tuple[str, ...], held: dict[str, tuple[str, ...]], n: int) -> tuple[str, ...]:
        chosen = set(sorted(ids, key=lambda x: (-len(held[x]), x))[:n])
        return tuple(x for x in ids if x in chosen)

    return (
        most(matrix.regions, matrix.areas_per_region, CHART_REGIONS),
        most(matrix.areas, matrix.regions_per_area, CHART_AREAS),
    )


# The editors' judgement, labelled once where it is printed (issue 16, section 2).
EDITORS_MAPPING = "mapping by the editors"
EDITORS_JUDGEMENT = "Placed in this group by the editors' judgement, not by a cited source"
MATRIX_MAPPING = "; a region holds an area by the editors' mapping of its priorities to the areas"
AREA_MAPPING = (
    "Which regions hold this area rests on the editors' mapping of each region's priorities to "
    "the Trans-S3 areas, not on the cited sources"
)
LEARNING_MAPPING = (
    "; the learning opportunity rests also on their judgement of the regions' development groups"
)


class _Builder:
    def __init__(self, strategy: model.Strategy, analysis: Analysis) -> None:
        self.s = strategy
        self.a = analysis
        # Keyed by plain str: links are built from ids of every kind, read from the analysis too.
        self.numbers: dict[str, int] = {src.id: i for i, src in enumerate(strategy.sources, 1)}
        self.source_titles: dict[str, str] = {src.id: src.title for src in strategy.sources}
        self._cited: dict[str, Markup] = {}
        self.md = MarkdownRenderer(self._cite_html)
        self.regions: dict[str, model.Region] = {r.id: r for r in strategy.regions}
        self.areas: dict[str, model.PriorityArea] = {a.id: a for a in strategy.priority_areas}
        self.priorities: dict[str, model.Priority] = {
            p.id: p for r in strategy.regions for p in r.priorities
        }
        self.gaps: dict[str, model.Gap] = {g.id: g for r in strategy.regions for g in r.gaps}
        self.practices: dict[str, model.GoodPractice] = {
            gp.id: gp for r in strategy.regions for p in r.priorities for gp in p.good_practices
        }
        self.partners: dict[str, model.Partner] = {
            p.id: p for r in strategy.regions for p in r.partners
        }
        self.actions: dict[str, model.Action] = {
            a.id: a for r in strategy.regions for a in r.actions
        }
        self.region_of_action: dict[str, str] = {
            a.id: r.id for r in strategy.regions for a in r.actions
        }
        self.addressing = {g.gap: g.actions for g in analysis.coverage.gaps}
        self.synergies = {x.area: x for x in analysis.synergies}
        self.cells_by_area: dict[str, list[MatrixCell]] = defaultdict(list)
        for c in analysis.matrix.cells:
            self.cells_by_area[c.area].append(c)

    # --- small pieces ---

    def _cite_html(self, source_id: str) -> Markup:
        # The same few sources are cited thousands of times in a large strategy: format once.
        html = self._cited.get(source_id)
        if html is None:
            if source_id not in self.numbers:  # validation rules this out; never crash on it
                return Markup('<span class="cite">[?]</span>')
            html = Markup('<a class="cite" href="#{}" title="{}">[{}]</a>').format(
                _anchor("source", source_id),
                self.source_titles[source_id],
                self.numbers[source_id],
            )
            self._cited[source_id] = html
        return html

    def cites(self, ids: Iterable[str]) -> tuple[Citation, ...]:
        unique = sorted(set(ids), key=lambda i: self.numbers[i])
        return tuple(
            Citation(self.numbers[i], "#" + _anchor("source", i), self.source_titles[i])
            for i in unique
        )

    def region_link(self, region_id: str) -> Link:
        return Link(self.regions[region_id].name, "#" + _anchor("region", region_id))

    def area_link(self, area_id: str) -> Link:
        return Link(self.areas[area_id].name, "#" + _anchor("area", area_id))

    def priority_link(self, priority_id: str) -> Link:
        return Link(self.priorities[priority_id].title, "#" + _anchor("priority", priority_id))

    def gap_link(self, gap_id: str) -> Link:
        return Link(self.gaps[gap_id].title, "#" + _anchor("gap", gap_id))

    def action_link(self, action_id: str) -> Link:
        return Link(self.actions[action_id].title, "#" + _anchor("action", action_id))

    def practice_link(self, practice_id: str) -> Link:
        return Link(self.practices[practice_id].title, "#" + _anchor("practice", practice_id))

    @staticmethod
    def badges(
        illustrative: bool = False, status: model.FactStatus | None = None
    ) -> tuple[Badge, ...]:
        found = []
        if illustrative:
            found.append(PROPOSAL)
        if status is model.FactStatus.UNCONFIRMED:
            found.append(UNCONFIRMED)
        return tuple(found)

    # --- items ---

    def partner(self, region: model.Region, p: model.Partner) -> PartnerView:
        return PartnerView(
            anchor=_anchor("partner", p.id),
            name=p.name,
            town=p.town or "",
            role=label(p.role),
            projects=", ".join(PROJECTS[str(x)] for x in p.projects),
            representative=p.representative or "",  # None unless it may be published
            web=p.web or "",
            region=self.region_link(region.id),
            badges=self.badges(status=p.status),
            note=p.note or "",
            sources=self.cites(p.sources),
            editor_note=p.editor_note or "",
        )

    def practice(self, gp: model.GoodPractice) -> PracticeView:
        return PracticeView(
            anchor=_anchor("practice", gp.id),
            title=gp.title,
            description=self.md.block(gp.description),
            category=label(gp.category),
            badges=self.badges(gp.illustrative),
            sources=self.cites(gp.sources),
        )

    def priority(self, p: model.Priority) -> PriorityView:
        return PriorityView(
            anchor=_anchor("priority", p.id),
            title=p.title,
            description=self.md.block(p.description),
            areas=tuple(self.area_link(a) for a in p.areas),
            nace=", ".join(p.nace_sections),
            mapping=EDITORS_MAPPING if p.editorial else "",
            good_practices=tuple(self.practice(gp) for gp in p.good_practices),
            badges=self.badges(p.illustrative),
            sources=self.cites(p.sources),
        )

    def gap(self, region: model.Region, g: model.Gap) -> GapView:
        addressed = self.addressing.get(g.id, ())
        badges = self.badges(g.illustrative)
        if not addressed:
            badges += (Badge("Unaddressed", "unaddressed"),)
        return GapView(
            anchor=_anchor("gap", g.id),
            title=g.title,
            description=self.md.block(g.description),
            region=self.region_link(region.id),
            category=label(g.category),
            severity=label(g.severity),
            areas=tuple(self.area_link(a) for a in g.areas),
            addressed_by=tuple(self.action_link(a) for a in addressed),
            badges=badges,
            sources=self.cites(g.sources),
        )

    def indicator(self, action: model.Action, i: model.Indicator) -> IndicatorView:
        return IndicatorView(
            anchor=_anchor("indicator", i.id),
            name=i.name,
            type=label(i.type),
            code=i.interreg_code or "",
            unit=i.unit,
            baseline=format_number(i.baseline),
            target=format_number(i.target),
            year=str(i.target_year),
            action=self.action_link(action.id),
            badges=self.badges(action.illustrative),
        )

    def action(self, a: model.Action) -> ActionView:
        if a.start and a.end:
            period = f"{format_date(a.start)} – {format_date(a.end)}"
        elif a.start:
            period = f"from {format_date(a.start)}"
        elif a.end:
            period = f"until {format_date(a.end)}"
        else:
            period = ""
        short = " – ".join(format_month(d) for d in (a.start, a.end) if d)
        lead = None
        if a.lead:
            lead = Link(self.partners[a.lead].name, "#" + _anchor("partner", a.lead))
        return ActionView(
            anchor=_anchor("action", a.id),
            title=a.title,
            description=self.md.block(a.description),
            region=self.region_link(self.region_of_action[a.id]),
            scope=label(a.scope),
            status=label(a.status),
            partner_regions=tuple(self.region_link(r) for r in a.partner_regions),
            areas=tuple(self.area_link(x) for x in a.areas),
            priorities=tuple(self.priority_link(p) for p in a.priorities),
            gaps=tuple(self.gap_link(g) for g in a.gaps),
            lead=lead,
            period=period,
            period_short=short,
            budget=format_eur(a.budget_eur),
            indicators=tuple(self.indicator(a, i) for i in a.indicators),
            badges=self.badges(a.illustrative),
            sources=self.cites(a.sources),
        )

    def peer(self, region: model.Region, p: model.PeerLearning) -> PeerLearningView:
        return PeerLearningView(
            anchor=_anchor("peer-learning", p.id),
            topic=p.topic,
            learner=self.region_link(region.id),
            mentors=tuple(self.region_link(m) for m in p.mentors),
            format=label(p.format),
            good_practice=self.practice_link(p.good_practice) if p.good_practice else None,
            gap=self.gap_link(p.gap) if p.gap else None,
            timing=p.timing or "",
            description=self.md.block(p.description) if p.description else Markup(""),
            badges=self.badges(p.illustrative),
            sources=self.cites(p.sources),
        )

    def facts(self, r: model.Region) -> tuple[FactGroup, ...]:
        groups: dict[str, list[Fact]] = {}

        def add(label_: str, fact: Fact) -> None:
            groups.setdefault(label_, []).append(fact)

        add("Country", Fact(COUNTRY_NAMES.get(r.country, r.country), (), "", ()))
        add(
            "Development group",
            Fact(
                DEVELOPMENT[str(r.development_group)],
                (),
                "" if r.group_sources else EDITORS_JUDGEMENT,
                self.cites(r.group_sources),
            ),
        )
        for nuts in (*([r.nuts] if r.nuts else []), *r.other_nuts):
            text = f"{nuts.code} (level {nuts.level}, NUTS {nuts.version})"
            if nuts.parent:
                text += f", part of {nuts.parent}"
            badges = self.badges(status=nuts.status)
            fact = Fact(
                text, badges, nuts.note or "", self.cites(nuts.sources), nuts.editor_note or ""
            )
            add("NUTS code", fact)
        for rank in r.innovation:
            text = GROUPS[str(rank.group)] + (
                SUBGROUPS[str(rank.subgroup)] if rank.subgroup else ""
            )
            if rank.edition:
                text += f" ({rank.edition})"
            badges = self.badges(status=rank.status)
            fact = Fact(
                text, badges, rank.note or "", self.cites(rank.sources), rank.editor_note or ""
            )
            add(SCOREBOARDS[str(rank.scoreboard)], fact)
        if r.s3:
            parts = [r.s3.title, f"{label(r.s3.scope).lower()} strategy"]
            if r.s3.period:
                parts.append(r.s3.period)
            if r.s3.adopted:
                parts.append(f"adopted {format_date(r.s3.adopted)}")
            note, cited = r.s3.note or "", self.cites(r.s3.sources)
            fact = Fact(", ".join(parts), (), note, cited, r.s3.editor_note or "")
            add("Smart specialisation strategy", fact)
        return tuple(FactGroup(k, tuple(v)) for k, v in groups.items())

    def region(self, r: model.Region) -> RegionView:
        return RegionView(
            anchor=_anchor("region", r.id),
            name=r.name,
            name_en=r.name_en or "",
            facts=self.facts(r),
            partners=tuple(self.partner(r, p) for p in r.partners),
            priorities=tuple(self.priority(p) for p in r.priorities),
            gaps=tuple(self.gap(r, g) for g in r.gaps),
            actions=tuple(self.action(a) for a in r.actions),
            peer_learning=tuple(self.peer(r, p) for p in r.peer_learning),
            notes=r.notes,
            sources=self.cites(r.sources),
            editor_notes=r.editor_notes,
        )

    def area(self, area: model.PriorityArea) -> AreaView:
        synergy = self.synergies[area.id]
        badges = []
        if synergy.untapped:
            badges.append(Badge("Untapped synergy", "untapped"))
        if synergy.learning_opportunity:
            badges.append(Badge("Learning opportunity", "learning"))
        holders = tuple(
            AreaHolder(
                self.region_link(c.region), tuple(self.priority_link(p) for p in c.priorities)
            )
            for c in self.cells_by_area[area.id]
        )
        return AreaView(
            count=number_on_basis(self.a.matrix.regions_per_area_basis[area.id]),
            mapping=(AREA_MAPPING + LEARNING_MAPPING * synergy.learning_opportunity)
            if synergy.editorial
            else "",
            anchor=_anchor("area", area.id),
            name=area.name,
            description=self.md.block(area.description),
            policy_areas=", ".join(POLICY_AREAS[str(p)] for p in area.eusbsr_policy_areas),
            nace=", ".join(area.nace_sections),
            holders=holders,
            joint_actions=tuple(self.action_link(a) for a in synergy.joint_actions),
            badges=tuple(badges),
            sources=self.cites(area.sources),
        )

    def matches(self) -> tuple[MatchView, ...]:
        found = []
        for m in self.a.mentor_matches:
            candidates = tuple(
                Candidate(
                    region=self.region_link(c.region),
                    score=c.score,
                    reasons=", ".join(
                        CRITERIA[r.criterion] + (" (proposed)" if r.proposed else "")
                        for r in c.reasons
                    ),
                    badge=Badge("Recommended", "recommended")
                    if c.recommended
                    else Badge("Suggestion", "suggestion"),
                )
                for c in shown_candidates(m)
            )
            found.append(MatchView(self.gap_link(m.gap), self.region_link(m.learner), candidates))
        return tuple(found)

    def build(self, commit: str) -> ReportView:
        s, a = self.s, self.a
        doc = s.document
        regions = tuple(self.region(r) for r in s.regions)
        all_actions = [x for r in regions for x in r.actions]
        by_anchor = {x.anchor: x for x in all_actions}
        areas = tuple(self.area(x) for x in s.priority_areas)
        matrix = a.matrix
        area_links = tuple(self.area_link(x) for x in matrix.areas)
        held = {(c.region, c.area) for c in matrix.cells}
        proposed_cells = {(c.region, c.area) for c in matrix.cells if c.illustrative}
        whole = matrix.printed_whole
        rows = tuple(
            MatrixRow(
                self.region_link(r),
                tuple((r, x) in held for x in matrix.areas) if whole else (),
                tuple((r, x) in proposed_cells for x in matrix.areas) if whole else (),
                number_on_basis(matrix.areas_per_region_basis[r]),
                tuple(self.area_link(x) for x in matrix.areas_per_region[r]),
            )
            for r in matrix.regions
        )
        names: dict[str, str] = {r.id: r.name for r in s.regions}
        chart_regions, chart_areas = _chart_part(matrix, whole)
        any_mapped = any(c.editorial for c in matrix.cells)
        matrix_chart = ChartView(
            charts.priority_matrix(
                [names[r] for r in chart_regions],
                [self.areas[x].name for x in chart_areas],
                [[(r, x) in held for x in chart_areas] for r in chart_regions],
            ),
            ("Priority areas held by each region" + MATRIX_MAPPING * any_mapped)
            if whole
            else f"Priority areas held by each region: the {len(chart_regions)} regions and "
            f"{len(chart_areas)} areas with the most priorities, of {len(matrix.regions)} "
            f"regions and {len(matrix.areas)} areas (Table 1 lists them all)"
            + MATRIX_MAPPING
            * any_mapped,
        )
        timeline_chart = ChartView(
            charts.timeline(
                [
                    charts.Bar(
                        e.title,
                        names[e.region],
                        e.start,
                        e.end,
                        str(e.status),
                        e.overdue,
                        e.illustrative,
                    )
                    for e in a.timeline.entries
                ],
                a.timeline.reference_date,
            ),
            "Timeline of the dated actions",
        )
        # Less developed regions together on one side of the circle, advanced on the other.
        circle = sorted(s.regions, key=lambda r: (r.development_group != "less_developed", r.id))
        network_chart = ChartView(
            charts.network(
                [
                    charts.Node(
                        r.id, r.name, r.development_group is model.DevelopmentGroup.ADVANCED
                    )
                    for r in circle
                ],
                [(m.mentor, m.learner) for m in a.network.mentoring],
            ),
            "Peer learning: mentor and learner regions",
        )
        gaps = tuple(g for r in regions for g in r.gaps)
        toc_regions = tuple(Link(r.name, "#" + r.anchor) for r in regions)
        toc_areas = tuple(Link(x.name, "#" + x.anchor) for x in areas)
        children = {"areas": toc_areas, "regions": toc_regions}
        toc = tuple(
            TocEntry(str(n), title, f"#{key}", children.get(key, ()), key)
            for n, (key, title) in enumerate(CHAPTERS, start=1)
        )
        return ReportView(
            lang=doc.language,
            title=doc.title,
            subtitle=doc.subtitle or "",
            version=doc.version,
            status=label(doc.status),
            publication_date=format_date(doc.publication_date),
            editors=tuple(
                ", ".join(x for x in (e.name, e.organisation, e.role) if x) for e in doc.editors
            ),
            author=", ".join(e.name for e in doc.editors),
            keywords=", ".join(doc.keywords),
            licence=doc.licence,
            commit=commit,
            summary=self.md.block(s.chapters.summary),
            vision=self.md.block(s.chapters.vision),
            methodology=self.md.block(s.chapters.methodology),
            governance=self.md.block(s.chapters.governance),
            monitoring=self.md.block(s.chapters.monitoring),
            toc=toc,
            chapters={e.id: e for e in toc},
            areas=areas,
            area_links=area_links,
            matrix_chart=matrix_chart,
            matrix_rows=rows,
            matrix_whole=whole,
            area_counts=tuple(
                number_on_basis(matrix.regions_per_area_basis[x]) for x in matrix.areas
            ),
            regions=regions,
            joint_actions=tuple(by_anchor[_anchor("action", x)] for x in a.joint_actions),
            timeline_chart=timeline_chart,
            overdue=tuple(self.action_link(x) for x in a.timeline.overdue),
            overlapping=tuple(
                OverlapView(self.gap_link(o.gap), tuple(self.action_link(x) for x in o.actions))
                for o in a.timeline.overlapping
            ),
            gaps=gaps,
            coverage_by_category=tuple(
                CountView(label(c.key), c.gaps, c.addressed) for c in a.coverage.by_category
            ),
            gaps_total=len(a.coverage.gaps),
            gaps_addressed=a.coverage.addressed,
            peer_learning=tuple(p for r in regions for p in r.peer_learning),
            matches=self.matches(),
            network_chart=network_chart,
            partners=tuple(p for r in regions for p in r.partners),
            indicators=tuple(i for x in all_actions for i in x.indicators),
            indicator_groups=tuple(
                GroupView(
                    label(g.type),
                    g.interreg_code or "",
                    g.unit,
                    g.count,
                    number_on_basis(g.baseline_basis),
                    number_on_basis(g.target_basis),
                )
                for g in a.monitoring.groups
            ),
            actions_without_indicators=tuple(
                self.action_link(x) for x in a.monitoring.actions_without_indicators
            ),
            budget_joint=next(
                (
                    eur_on_basis(b.basis)
                    for b in a.budget.by_scope
                    if b.key == model.ActionScope.TRANSNATIONAL
                ),
                "",
            ),
            budget_all=eur_on_basis(a.budget.basis),
            coverage_basis=(
                f"{count_of_proposals(a.coverage.gaps_basis, 'gap')}, and "
                f"{count_of_proposals(a.coverage.addressing_basis, 'action', 'addressing them')}"
            ),
            sources=tuple(
                SourceView(
                    number=self.numbers[src.id],
                    anchor=_anchor("source", src.id),
                    title=src.title,
                    publisher=src.publisher or "",
                    url=src.url or "",
                    accessed=format_date(src.accessed) if src.accessed else "",
                    note=src.note or "",
                    kind=label(src.kind) if src.kind else "",
                    period=src.period.replace("-", "\N{EN DASH}") if src.period else "",
                    reference=src.reference or "",
                )
                for src in s.sources
            ),
            proposals=a.proposals,
            scoring=scoring_in_words(),
            shown_candidates=SHOWN_CANDIDATES,
            untapped_min=UNTAPPED_MIN_REGIONS,
            open_data=tuple(Link(name, f"{DATA_FOLDER}/{name}") for name in DATA_FILES),
        )


def markdown_texts(strategy: model.Strategy) -> Iterator[str]:
    """Every Markdown field's text in the strategy."""
    for item in nested_items(strategy):
        cls: type = type(item)
        for spec in field_specs(cls):
            text = getattr(item, spec.name)
            if spec.base is model.Markdown and text:
                yield text


def build_view(
    strategy: model.Strategy,
    analysis: Analysis,
    commit: str = "",
    fork: bool = False,
    editor_notes: bool = False,
) -> ReportView:
    """The report's view model; with ``fork``, half of its Markdown is rendered in a second
    process (the build decides, by the size of the strategy). It holds only what is published
    (`model.published`); with ``editor_notes`` (the preview), the editors' notes as well."""
    strategy = for_publication(strategy, editor_notes=editor_notes)
    builder = _Builder(strategy, analysis)
    builder.md.prerender(markdown_texts(strategy), fork=fork)
    return builder.build(commit)
