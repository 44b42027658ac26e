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

import base64
import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from markupsafe import Markup

from s3gen import geo, model
from s3gen.analyse import (
    SHOWN_CANDIDATES,
    UNTAPPED_MIN_REGIONS,
    Analysis,
    MatrixCell,
    PriorityMatrix,
    shown_candidates,
)
from s3gen.edition import Coverage
from s3gen.model.codes import country_name
from s3gen.model.kinds import DATA_FILES, DATA_FOLDER
from s3gen.model.kinds import anchor as _anchor
from s3gen.model.published import for_publication
from s3gen.model.translations import InLanguage
from s3gen.model.walk import field_specs, nested_items
from s3gen.report import charts
from s3gen.report.formatting import (
    S3_STRATEGIES,
    capitalised,
    count_of_proposals,
    criterion_in_words,
    eur_on_basis,
    format_count,
    format_date,
    format_eur,
    format_eur_short,
    format_month,
    format_number,
    how_to_cite,
    joint_actions_in_words,
    label,
    label_in_text,
    licence_in_words,
    money_in_words,
    number_on_basis,
    scoring_in_words,
)
from s3gen.report.map import MapRegion, load_boundaries, region_map
from s3gen.report.markdown import MarkdownRenderer
from s3gen.report.wording import (
    N_,
    NN_,
    SOURCE_LANGUAGE,
    locale_of,
    print_strings,
    translations,
    wording_statement,
)

# The report's own words (labels, captions, legends, the summary's sentences) are written here
# in English, each through the edition's catalog (`wording.translations`): a table at module
# level marks its words with N_ (NN_ for a counted noun) and the builder translates them where
# it prints them, in the strategy's language (`document.language`).
GROUPS = {
    "innovation_leader": N_("Innovation Leader"),
    "strong_innovator": N_("Strong Innovator"),
    "moderate_innovator": N_("Moderate Innovator"),
    "emerging_innovator": N_("Emerging Innovator"),
    "modest_innovator": N_("Modest Innovator"),
}
SUBGROUPS = {"plus": " +", "mid": "", "minus": " -"}
SCOREBOARDS = {
    "ris": N_("Regional Innovation Scoreboard"),
    "eis": N_("European Innovation Scoreboard (country)"),
}
T = TypeVar("T")
# The folder of the regions' factsheet pages, beside the report's page (report/factsheet.py).
FACTSHEET_FOLDER = "regions"
# --- View types --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    href: str
    lang: str = ""  # of the text, where it is in another language than the page's


def _link(text: str, href: str) -> Link:
    """A link to an item, saying the language of its text where it is another one: on the
    <a> itself (a span inside a link would leave the PDF's link annotation outside its Link
    structure element)."""
    return Link(str(text), href, text.lang if isinstance(text, InLanguage) else "")


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
    href: str  # where the region's list of partners links it to (the partner directory)
    name: str
    town: str
    role: str
    role_in_text: str  # the role as it reads inside a sentence ("lead partner")
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
    category_in_text: str  # as it reads inside a sentence ("support tools")
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
    severity_in_text: str  # as it reads inside a sentence ("high")
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
    status_in_text: str  # as it reads inside a sentence ("planned")
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
    # Per list ("priorities", "gaps", "actions", "peer_learning"): a sentence saying every item
    # of it is a proposal, instead of a badge on each.
    legends: dict[str, str] = field(default_factory=dict)
    factsheet: str = ""  # the region's factsheet page, beside the report's (report/factsheet.py)


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
class HolderLink:
    region: Link
    proposed: bool  # held through proposed priorities only


@dataclass(frozen=True)
class AreaRow:
    """A row of Table 1: an area, how many regions hold it, and which."""

    area: Link
    count: str  # with how many hold it through proposals only
    holders: tuple[HolderLink, ...]
    joint_actions: int


@dataclass(frozen=True)
class Candidate:
    region: Link
    score: int
    reasons: str
    badges: tuple[Badge, ...]


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
    label_in_text: str  # as it reads inside a sentence ("support tools")
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
    number: str  # "4" in the main part, "A" for an annex
    title: str
    href: str
    children: tuple[Link, ...]
    id: str  # the chapter's section id, its heading's is "{id}-h"
    annex: bool = False
    label: str = ""  # as the heading prints it: "4", "Annex A"
    ref: str = ""  # as the text refers to it: "chapter 4", "Annex A"


@dataclass(frozen=True)
class Numbered:
    """A numbered table or figure: its number, caption and anchor, for the caption itself and
    the lists of tables and figures."""

    number: str  # "Table 3", "Figure 1"
    caption: str  # without the number
    anchor: str  # the id of the table's box or the figure
    legend: str = ""  # a sentence after the caption: what every row has in common


@dataclass(frozen=True)
class KeyFigure:
    """A figure of the executive summary: the number, what it counts, and what it rests on."""

    value: str
    label: str
    basis: str


@dataclass(frozen=True)
class SharedAreaView:
    area: Link
    regions: str  # "9 of 10 regions", with what rests on proposals
    joint_actions: str  # "7 joint actions (6 proposed)", "no joint action yet"


@dataclass(frozen=True)
class GapCategoryView:
    label: str
    gaps: int
    regions: int
    addressed: int


@dataclass(frozen=True)
class SummaryView:
    figures: tuple[KeyFigure, ...]
    shared_areas: tuple[SharedAreaView, ...]  # the most widely shared, most first
    areas_basis: str  # what holding an area rests on, when it is the editors' mapping
    gap_categories: tuple[GapCategoryView, ...]  # the most gaps first
    gaps_basis: str  # what the gap figures rest on, in words
    flagships: tuple[ActionView, ...]
    flagships_chosen: bool  # named in strategy.yaml; else the ones with the most regions
    asks: Markup


@dataclass(frozen=True)
class EditorView:
    name: str
    organisation: str
    role: str


@dataclass(frozen=True)
class LicenceView:
    code: str  # the SPDX id
    name: str  # in words; the code itself when s3gen does not know it
    url: str
    reuse: str  # what a reader may do with the text, in a sentence; "" when not known


@dataclass(frozen=True)
class LogoView:
    src: str  # a data: address, so the page loads nothing
    alt: str


@dataclass(frozen=True)
class ImprintView:
    editors: tuple[EditorView, ...]
    publisher: str
    contact: str
    contact_href: str  # mailto: or the address, when the contact is one
    url: str
    doi: str
    doi_url: str
    isbn: str
    how_to_cite: str
    licence: LicenceView
    disclaimer: Markup
    funding: Markup  # the funder's statement; empty without a funder block
    logos: tuple[LogoView, ...]
    wording: str  # how the interface wording came to be in the edition's language ("" in English)
    translation: str = ""  # how much of the strategy's text is translated ("" in its own language)


@dataclass(frozen=True)
class Alternate:
    """An edition in another language, as the page links to it."""

    lang: str
    name: str  # the language's name in that language: "polski", "Deutsch"
    href: str


@dataclass(frozen=True)
class TermView:
    term: str
    meaning: str
    sources: tuple[Citation, ...]


@dataclass(frozen=True)
class MapRow:
    """A row of the map's data table."""

    region: Link
    country: str
    code: str  # "PL84 (level 2)", "" without a NUTS code
    group: str
    on_map: bool


@dataclass(frozen=True)
class ChartView:
    svg: Markup
    caption: str
    note: str = ""  # printed after the caption, not in the list of figures


@dataclass(frozen=True)
class ReportView:
    """Everything the report templates print."""

    lang: str
    title: str
    subtitle: str
    cover_line: str  # above the title; "" for none
    version: str
    status: str
    status_in_text: str  # as it reads inside a sentence ("draft")
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
    brokerage_title: str
    brokerage: Markup
    toc: tuple[TocEntry, ...]
    chapters: dict[str, TocEntry]  # the same, by chapter id, for headings and references
    areas: tuple[AreaView, ...]
    matrix_chart: ChartView
    area_rows: tuple[AreaRow, ...]
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
    map_chart: ChartView  # svg empty when no region is on the map
    map_rows: tuple[MapRow, ...]  # the map's data table
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
    # The strategy's own names: of its list of policy areas, and of its development groups
    # (by model.DevelopmentGroup value).
    policy_areas_title: str
    groups: Mapping[str, str]
    untapped_min: int  # regions sharing an area for it to count as an untapped synergy
    open_data: tuple[Link, ...]  # the exported data files, relative to the page
    executive: SummaryView
    imprint: ImprintView
    glossary: tuple[TermView, ...]
    tables: dict[str, Numbered]  # by key, in the order they are printed
    figures: dict[str, Numbered]
    # The words of the printed pages' footers in the edition's language, as (name, text) for
    # the body's data- attributes the print stylesheet reads; none in English.
    print_strings: tuple[tuple[str, str], ...] = ()
    alternates: tuple[Alternate, ...] = ()  # the editions in the other languages


# The parts of the report, in order: the id of each one's section, its title, and whether it is
# an annex (lettered A, B, ...; the main part is numbered). The contents, the headings, the
# running heads, the outline and every "chapter N" or "Annex A" in the text are printed from this
# table. The glossary's annex is left out when the strategy defines no abbreviation.
CHAPTERS: tuple[tuple[str, str, bool], ...] = (
    ("summary", N_("Executive summary"), False),
    ("introduction", N_("Introduction and vision"), False),
    ("methodology", N_("Methodology, governance and monitoring"), False),
    ("areas", N_("Transnational priority areas"), False),
    ("joint-actions", N_("Joint transnational actions"), False),
    ("gap-coverage", N_("Gap coverage"), False),
    ("peer-learning", N_("Peer learning and brokerage"), False),
    ("monitoring-framework", N_("Monitoring framework"), False),
    ("regions", N_("Regional profiles"), True),
    ("mentor-matches", N_("Suggested mentors"), True),
    ("directory", N_("Partner directory"), True),
    ("indicators", N_("Indicators"), True),
    ("glossary", N_("Abbreviations"), True),
    ("sources", N_("Sources"), True),
)

# The numbered tables and figures, in the order they are printed: key and anchor.
TABLES: tuple[tuple[str, str], ...] = (
    ("regions", "table-regions"),
    ("areas", "table-areas"),
    ("joint", "table-joint"),
    ("gaps", "table-gaps"),
    ("peer", "table-peer"),
    ("groups", "table-groups"),
    ("matches", "table-matches"),
    ("partners", "table-partners"),
    ("indicators", "table-indicators"),
)
FIGURES: tuple[tuple[str, str], ...] = (
    ("map", "figure-map"),
    ("matrix", "figure-matrix"),
    ("timeline", "figure-timeline"),
    ("network", "figure-network"),
)
# How many of the most widely shared areas and of the largest gap categories the executive
# summary names, and how many flagships it shows when the strategy names none.
SUMMARY_AREAS, SUMMARY_CATEGORIES, SUMMARY_FLAGSHIPS = 5, 4, 3
EVERY_ROW_PROPOSED = N_("Every row is an illustrative proposal.")


# The lists of a profile that say once, when every item of one is a proposal: field and legend.
REGION_LISTS: tuple[tuple[str, str], ...] = (
    ("priorities", N_("Every priority of this region is an illustrative proposal.")),
    ("gaps", N_("Every gap of this region is an illustrative proposal.")),
    ("actions", N_("Every action of this region is an illustrative proposal.")),
    (
        "peer_learning",
        N_("Every peer-learning recommendation of this region is an illustrative proposal."),
    ),
)


class Marked(str):
    """A text in another language than the page's, as the page prints it: a template prints
    it (``__html__``) in a span with its ``lang``; a link to it (the `anchored` macro) puts
    the ``lang`` on the <a> and prints the ``plain`` text: a span inside a link would leave
    the PDF's link annotation outside its Link structure element (PDF/UA). Any string
    operation on it gives the plain text, escaped as any other."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Marked:
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    @property
    def plain(self) -> str:
        return str(self)

    def __html__(self) -> Markup:
        return Markup('<span lang="{}">{}</span>').format(self.lang, str(self))


def shown(text: str) -> str:
    """A plain text as the page prints it: marked with its language where it is in another
    language than the page's (`Marked`), else as it is. Only for text between tags: an
    attribute, a <title> or a chart takes the text itself."""
    if isinstance(text, InLanguage) and text:
        return Marked(str(text), text.lang)
    return text


def _data_address(media_type: str, content: bytes) -> str:
    """A logo as a data: address: the page loads nothing."""
    return f"data:{media_type};base64," + base64.b64encode(content).decode("ascii")


def _toc(
    present: set[str], children: dict[str, tuple[Link, ...]], language: str = SOURCE_LANGUAGE
) -> tuple[TocEntry, ...]:
    t = translations(language)
    entries, number, letter = [], 0, 0
    for key, title, annex in CHAPTERS:
        if key not in present:
            continue
        if annex:
            mark = chr(ord("A") + letter)
            letter += 1
            label_ = t.gettext("Annex %(letter)s") % {"letter": mark}
            ref = t.pgettext("in a sentence", "Annex %(letter)s") % {"letter": mark}
        else:
            number += 1
            mark = label_ = str(number)
            ref = t.gettext("chapter %(number)s") % {"number": number}
        entries.append(
            TocEntry(
                mark, t.gettext(title), f"#{key}", children.get(key, ()), key, annex, label_, ref
            )
        )
    return tuple(entries)


# What a numbered table and figure is called, by its number.
TABLE = N_("Table %(number)s")
FIGURE = N_("Figure %(number)s")


def _numbered(
    word: str,
    table: tuple[tuple[str, str], ...],
    captions: dict[str, tuple[str, str]],
    language: str = SOURCE_LANGUAGE,
) -> dict[str, Numbered]:
    """Number the tables (or figures, ``word`` TABLE or FIGURE) in ``captions`` (key ->
    caption, legend) in print order."""
    keys = [(k, a) for k, a in table if k in captions]
    named = translations(language).gettext(word)
    return {
        k: Numbered(named % {"number": n}, captions[k][0], a, captions[k][1])
        for n, (k, a) in enumerate(keys, start=1)
    }


# --- Building ----------------------------------------------------------------------------------

# The badges, in English; the builder prints each in the edition's language.
PROPOSAL = Badge(N_("Proposal"), "proposal")
UNCONFIRMED = Badge(N_("Unconfirmed"), "unconfirmed")
UNADDRESSED = Badge(N_("Unaddressed"), "unaddressed")
UNTAPPED = Badge(N_("Untapped synergy"), "untapped")
LEARNING = Badge(N_("Learning opportunity"), "learning")
RECOMMENDED = Badge(N_("Recommended"), "recommended")


# Figure 1 shows at most CHART_REGIONS regions by as many (Table 1 lists them all): those that
# share the most, counted as the other regions holding each of their areas (linear in the
# matrix's cells, where counting the distinct partners of every region would be quadratic).
CHART_REGIONS = 40


def shared_matrix(
    matrix: PriorityMatrix, development: dict[str, bool]
) -> tuple[list[str], list[list[int]], list[list[bool]]]:
    """The regions Figure 1 shows, in its order (less developed first, then advanced; within
    each, by the number of areas they hold, then id), the number of areas each pair holds, and
    whether that count includes an area one of the two holds only through proposals.
    ``development`` maps a region to whether it is less developed."""
    held = matrix.areas_per_region
    proposed = {(c.region, c.area) for c in matrix.cells if c.illustrative}
    regions = list(matrix.regions)
    if len(regions) > CHART_REGIONS:
        reach = {r: sum(len(matrix.regions_per_area[x]) - 1 for x in held[r]) for r in regions}
        chosen = set(sorted(regions, key=lambda r: (-reach[r], r))[:CHART_REGIONS])
        regions = [r for r in regions if r in chosen]
    regions.sort(key=lambda r: (not development[r], -len(held[r]), r))
    sets = {r: set(held[r]) for r in regions}
    shared = [[len(sets[a] & sets[b]) for b in regions] for a in regions]
    marked = [
        [any((a, x) in proposed or (b, x) in proposed for x in sets[a] & sets[b]) for b in regions]
        for a in regions
    ]
    return regions, shared, marked


# The editors' judgement, labelled once where it is printed (issue 16, section 2).
EDITORS_MAPPING = N_("mapping by the editors")
EDITORS_JUDGEMENT = N_("Placed in this group by the editors' judgement, not by a cited source")
# A caption of the matrix (or of Table 2) when a region holds an area by the editors' mapping.
MATRIX_MAPPING = N_(
    "%(caption)s; a region holds an area by the editors' mapping of its priorities to the areas"
)
AREA_MAPPING = N_(
    "Which regions hold this area rests on the editors' mapping of each region's priorities to "
    "the Trans-S3 areas, not on the cited sources"
)
AREA_AND_LEARNING_MAPPING = N_(
    "Which regions hold this area rests on the editors' mapping of each region's priorities to "
    "the Trans-S3 areas, not on the cited sources; the learning opportunity rests also on their "
    "judgement of the regions' development groups"
)
MAPPED_AREAS = N_("A region holds an area by the editors' mapping of its priorities to the areas")
MAPPED_AREAS_PARTLY = N_(
    "A region holds an area partly by the editors' mapping of its priorities to the areas"
)
# The key figures of the executive summary: what each counts, by ngettext of its count.
KEY_FIGURES = {
    "regions": NN_("partner region", "partner regions"),
    "areas": NN_("shared priority area", "shared priority areas"),
    "joint": NN_("joint transnational action", "joint transnational actions"),
    "gaps": NN_("gap in SME support", "gaps in SME support"),
}


def country_in_words(code: str, language: str = SOURCE_LANGUAGE) -> str:
    """The country ``code`` by its name in the edition's language (the CLDR's, through Babel):
    ``Poland``, ``Polska``, ``Polen``; the English name where Babel has none."""
    locale = locale_of(language)
    if locale is None or locale.language == SOURCE_LANGUAGE:
        return country_name(code)
    return locale.territories.get(code) or country_name(code)


class _Builder:
    def __init__(
        self,
        strategy: model.Strategy,
        analysis: Analysis,
        logos: Mapping[str, tuple[str, bytes]],
    ) -> None:
        self.s = strategy
        self.a = analysis
        self.coverage: Coverage | None = None  # of an edition in another language
        self.logos = logos  # each logo file's media type and content, by its path
        # The edition's language: every word and number the builder prints is in it.
        self.lang = strategy.document.language
        self.t = translations(self.lang)
        # Keyed by plain str: links are built from ids of every kind, read from the analysis too.
        self.numbers: dict[str, int] = {src.id: i for i, src in enumerate(strategy.sources, 1)}
        self.source_titles: dict[str, str] = {src.id: src.title for src in strategy.sources}
        self._cited: dict[str, Markup] = {}
        self.md = MarkdownRenderer(self._cite_html, lambda i: self.numbers.get(i, 0))
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
        # Links: every anchor is on this page (local None), as in the report; a factsheet sets
        # the anchors it holds, and where the others are (``outside``: the report, or None).
        self.local: frozenset[str] | None = None
        self.outside: str | None = None
        self.addressing = {g.gap: g.actions for g in analysis.coverage.gaps}
        self.synergies = {x.area: x for x in analysis.synergies}
        self.cells_by_area: dict[str, list[MatrixCell]] = defaultdict(list)
        for c in analysis.matrix.cells:
            self.cells_by_area[c.area].append(c)
        # The strategy's own wording of its vocabularies (strategy.yaml, `vocabularies:`).
        words = strategy.vocabularies
        self.groups: dict[str, str] = {
            g.value: getattr(words.development_groups, g.value) for g in model.DevelopmentGroup
        }
        listed = words.policy_areas.areas if words.policy_areas is not None else ()
        self.policy_areas: dict[str, str] = {p.id: p.name for p in listed}
        self.projects: dict[str, str] = {p.id: p.name for p in words.projects}

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

    def href(self, anchor: str) -> str:
        """Where a link to ``anchor`` goes: within this page, or (in a factsheet, for an item
        printed only in the full report) into the report, or nowhere ("": the text alone)."""
        if self.local is None or anchor in self.local:
            return "#" + anchor
        return "" if self.outside is None else self.outside + anchor

    def cites(self, ids: Iterable[str]) -> tuple[Citation, ...]:
        unique = sorted(set(ids), key=lambda i: self.numbers[i])
        return tuple(
            Citation(self.numbers[i], "#" + _anchor("source", i), self.source_titles[i])
            for i in unique
        )

    def region_link(self, region_id: str) -> Link:
        return _link(self.regions[region_id].name, self.href(_anchor("region", region_id)))

    def area_link(self, area_id: str) -> Link:
        return _link(self.areas[area_id].name, self.href(_anchor("area", area_id)))

    def priority_link(self, priority_id: str) -> Link:
        return _link(
            self.priorities[priority_id].title, self.href(_anchor("priority", priority_id))
        )

    def gap_link(self, gap_id: str) -> Link:
        return _link(self.gaps[gap_id].title, self.href(_anchor("gap", gap_id)))

    def action_link(self, action_id: str) -> Link:
        return _link(self.actions[action_id].title, self.href(_anchor("action", action_id)))

    def practice_link(self, practice_id: str) -> Link:
        return _link(self.practices[practice_id].title, self.href(_anchor("practice", practice_id)))

    def badge(self, badge: Badge) -> Badge:
        """The badge in the edition's language."""
        return Badge(self.t.gettext(badge.text), badge.kind)

    def badges(
        self, illustrative: bool = False, status: model.FactStatus | None = None
    ) -> tuple[Badge, ...]:
        found = []
        if illustrative:
            found.append(self.badge(PROPOSAL))
        if status is model.FactStatus.UNCONFIRMED:
            found.append(self.badge(UNCONFIRMED))
        return tuple(found)

    # --- items ---

    def partner(self, region: model.Region, p: model.Partner) -> PartnerView:
        return PartnerView(
            anchor=_anchor("partner", p.id),
            href=self.href(_anchor("partner", p.id)),
            name=p.name,
            town=p.town or "",
            role=label(p.role, self.lang),
            role_in_text=label_in_text(p.role, self.lang),
            projects=", ".join(self.projects[x] for x in p.projects),
            representative=p.representative or "",  # None unless it may be published
            web=p.web or "",
            region=self.region_link(region.id),
            badges=self.badges(status=p.status),
            note=shown(p.note or ""),
            sources=self.cites(p.sources),
            editor_note=p.editor_note or "",
        )

    def practice(self, gp: model.GoodPractice) -> PracticeView:
        return PracticeView(
            anchor=_anchor("practice", gp.id),
            title=shown(gp.title),
            description=self.md.block(gp.description),
            category=label(gp.category, self.lang),
            category_in_text=label_in_text(gp.category, self.lang),
            badges=self.badges(gp.illustrative),
            sources=self.cites(gp.sources),
        )

    def priority(self, p: model.Priority) -> PriorityView:
        return PriorityView(
            anchor=_anchor("priority", p.id),
            title=shown(p.title),
            description=self.md.block(p.description),
            areas=tuple(self.area_link(a) for a in p.areas),
            nace=", ".join(p.nace_sections),
            mapping=self.t.gettext(EDITORS_MAPPING) if p.editorial else "",
            good_practices=tuple(self.practice(gp) for gp in p.good_practices),
            badges=self.badges(p.illustrative),
            sources=self.cites(p.sources),
        )

    def gap(self, region: model.Region, g: model.Gap) -> GapView:
        addressed = self.addressing.get(g.id, ())
        badges = self.badges(g.illustrative)
        if not addressed:
            badges += (self.badge(UNADDRESSED),)
        return GapView(
            anchor=_anchor("gap", g.id),
            title=shown(g.title),
            description=self.md.block(g.description),
            region=self.region_link(region.id),
            category=label(g.category, self.lang),
            severity=label(g.severity, self.lang),
            severity_in_text=label_in_text(g.severity, self.lang),
            areas=tuple(self.area_link(a) for a in g.areas),
            addressed_by=tuple(self.action_link(a) for a in addressed),
            badges=badges,
            sources=self.cites(g.sources),
        )

    def indicator(self, action: model.Action, i: model.Indicator) -> IndicatorView:
        return IndicatorView(
            anchor=_anchor("indicator", i.id),
            name=shown(i.name),
            type=label(i.type, self.lang),
            code=i.interreg_code or "",
            unit=shown(i.unit),
            baseline=format_number(i.baseline, self.lang),
            target=format_number(i.target, self.lang),
            year=str(i.target_year),
            action=self.action_link(action.id),
            badges=self.badges(action.illustrative),
        )

    def action(self, a: model.Action) -> ActionView:
        language, t = self.lang, self.t
        if a.start and a.end:
            period = f"{format_date(a.start, language)} – {format_date(a.end, language)}"
        elif a.start:
            period = t.gettext("from %(date)s") % {"date": format_date(a.start, language)}
        elif a.end:
            period = t.gettext("until %(date)s") % {"date": format_date(a.end, language)}
        else:
            period = ""
        short = " – ".join(format_month(d, language) for d in (a.start, a.end) if d)
        lead = None
        if a.lead:
            lead = Link(self.partners[a.lead].name, self.href(_anchor("partner", a.lead)))
        return ActionView(
            anchor=_anchor("action", a.id),
            title=shown(a.title),
            description=self.md.block(a.description),
            region=self.region_link(self.region_of_action[a.id]),
            scope=label(a.scope, language),
            status=label(a.status, language),
            status_in_text=label_in_text(a.status, language),
            partner_regions=tuple(self.region_link(r) for r in a.partner_regions),
            areas=tuple(self.area_link(x) for x in a.areas),
            priorities=tuple(self.priority_link(p) for p in a.priorities),
            gaps=tuple(self.gap_link(g) for g in a.gaps),
            lead=lead,
            period=period,
            period_short=short,
            budget=format_eur(a.budget_eur, language),
            indicators=tuple(self.indicator(a, i) for i in a.indicators),
            badges=self.badges(a.illustrative),
            sources=self.cites(a.sources),
        )

    def peer(self, region: model.Region, p: model.PeerLearning) -> PeerLearningView:
        return PeerLearningView(
            anchor=_anchor("peer-learning", p.id),
            topic=shown(p.topic),
            learner=self.region_link(region.id),
            mentors=tuple(self.region_link(m) for m in p.mentors),
            format=label(p.format, self.lang),
            good_practice=self.practice_link(p.good_practice) if p.good_practice else None,
            gap=self.gap_link(p.gap) if p.gap else None,
            timing=shown(p.timing or ""),
            description=self.md.block(p.description) if p.description else Markup(""),
            badges=self.badges(p.illustrative),
            sources=self.cites(p.sources),
        )

    def facts(self, r: model.Region) -> tuple[FactGroup, ...]:
        groups: dict[str, list[Fact]] = {}
        t = self.t

        def add(label_: str, fact: Fact) -> None:
            groups.setdefault(t.gettext(label_), []).append(fact)

        add(N_("Country"), Fact(country_in_words(r.country, self.lang), (), "", ()))
        add(
            N_("Development group"),
            Fact(
                shown(self.groups[r.development_group]),
                (),
                "" if r.group_sources else t.gettext(EDITORS_JUDGEMENT),
                self.cites(r.group_sources),
            ),
        )
        for nuts in (*([r.nuts] if r.nuts else []), *r.other_nuts):
            words = {
                "code": nuts.code,
                "level": nuts.level,
                "version": nuts.version,
                "parent": nuts.parent,
            }
            if nuts.parent:
                text = t.gettext("%(code)s (level %(level)s, NUTS %(version)s), part of %(parent)s")
            else:
                text = t.gettext("%(code)s (level %(level)s, NUTS %(version)s)")
            badges = self.badges(status=nuts.status)
            fact = Fact(
                text % words,
                badges,
                shown(nuts.note or ""),
                self.cites(nuts.sources),
                nuts.editor_note or "",
            )
            add(N_("NUTS code"), fact)
        for rank in r.innovation:
            text = t.gettext(GROUPS[str(rank.group)]) + (
                SUBGROUPS[str(rank.subgroup)] if rank.subgroup else ""
            )
            if rank.edition:
                text += f" ({rank.edition})"
            badges = self.badges(status=rank.status)
            fact = Fact(
                text,
                badges,
                shown(rank.note or ""),
                self.cites(rank.sources),
                rank.editor_note or "",
            )
            add(SCOREBOARDS[str(rank.scoreboard)], fact)
        if r.s3:
            parts = [r.s3.title, t.gettext(S3_STRATEGIES[str(r.s3.scope)])]
            if r.s3.period:
                parts.append(r.s3.period)
            if r.s3.adopted:
                adopted = format_date(r.s3.adopted, self.lang)
                parts.append(t.gettext("adopted %(date)s") % {"date": adopted})
            note, cited = shown(r.s3.note or ""), self.cites(r.s3.sources)
            fact = Fact(", ".join(parts), (), note, cited, r.s3.editor_note or "")
            add(N_("Smart specialisation strategy"), fact)
        return tuple(FactGroup(k, tuple(v)) for k, v in groups.items())

    def region(self, r: model.Region) -> RegionView:
        return RegionView(
            anchor=_anchor("region", r.id),
            name=shown(r.name),
            name_en=r.name_en or "",
            facts=self.facts(r),
            partners=tuple(self.partner(r, p) for p in r.partners),
            priorities=tuple(self.priority(p) for p in r.priorities),
            gaps=tuple(self.gap(r, g) for g in r.gaps),
            actions=tuple(self.action(a) for a in r.actions),
            peer_learning=tuple(self.peer(r, p) for p in r.peer_learning),
            notes=tuple(shown(n) for n in r.notes),
            sources=self.cites(r.sources),
            editor_notes=r.editor_notes,
            factsheet=f"{FACTSHEET_FOLDER}/{r.id}.html",
        )

    def area(self, area: model.PriorityArea) -> AreaView:
        synergy = self.synergies[area.id]
        badges = []
        if synergy.untapped:
            badges.append(self.badge(UNTAPPED))
        if synergy.learning_opportunity:
            badges.append(self.badge(LEARNING))
        holders = tuple(
            AreaHolder(
                self.region_link(c.region), tuple(self.priority_link(p) for p in c.priorities)
            )
            for c in self.cells_by_area[area.id]
        )
        mapping = AREA_AND_LEARNING_MAPPING if synergy.learning_opportunity else AREA_MAPPING
        return AreaView(
            count=number_on_basis(self.a.matrix.regions_per_area_basis[area.id], self.lang),
            mapping=self.t.gettext(mapping) if synergy.editorial else "",
            anchor=_anchor("area", area.id),
            name=shown(area.name),
            description=self.md.block(area.description),
            policy_areas=", ".join(self.policy_areas[p] for p in area.policy_areas),
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
                    reasons=", ".join(self.reason(r.criterion, r.proposed) for r in c.reasons),
                    # The others are suggestions: the table's introduction says so once.
                    badges=(self.badge(RECOMMENDED),) if c.recommended else (),
                )
                for c in shown_candidates(m)
            )
            found.append(MatchView(self.gap_link(m.gap), self.region_link(m.learner), candidates))
        return tuple(found)

    def reason(self, criterion: str, proposed: bool) -> str:
        """A reason of a mentor candidate's score, and whether it rests on a proposal."""
        said = criterion_in_words(criterion, self.groups["advanced"], self.lang)
        return self.t.gettext("%(reason)s (proposed)") % {"reason": said} if proposed else said

    # --- lists in which every item is a proposal ---

    @staticmethod
    def every_one_proposed(items: tuple[T, ...]) -> tuple[tuple[T, ...], bool]:
        """``items`` and whether every one is a proposal; if so, without the badge on each (a
        legend sentence says it once)."""
        kind = PROPOSAL.kind  # the badge is in the edition's language: known by its kind
        if not items or not all(any(b.kind == kind for b in x.badges) for x in items):  # type: ignore[attr-defined]
            return items, False
        stripped = tuple(
            replace(x, badges=tuple(b for b in x.badges if b.kind != kind))  # type: ignore[attr-defined,type-var]
            for x in items
        )
        return stripped, True

    def with_legends(self, r: RegionView) -> RegionView:
        """The profile as printed: a list whose every item is a proposal says so once."""
        legends: dict[str, str] = {}
        lists: dict[str, Any] = {}
        for key, legend in REGION_LISTS:
            lists[key], every = self.every_one_proposed(getattr(r, key))
            legends[key] = self.t.gettext(legend) if every else ""
        return replace(r, legends=legends, **lists)

    # --- front and back matter ---

    def coverage_in_words(self) -> str:
        """What the gap coverage rests on: the gaps, and the actions addressing them."""
        cov = self.a.coverage
        return self.t.gettext("%(gaps)s, and %(actions)s") % {
            "gaps": count_of_proposals(cov.gaps_basis, "gap", language=self.lang),
            "actions": count_of_proposals(
                cov.addressing_basis, "action", "addressing them", language=self.lang
            ),
        }

    def executive(self, joint: dict[str, ActionView]) -> SummaryView:
        s, a = self.s, self.a
        t, lang = self.t, self.lang
        m = a.matrix
        countries = {r.country for r in s.regions}
        n_regions = len(s.regions)
        shared = m.shared_areas
        only_proposed = sum(1 for x in shared if m.regions_per_area_basis[x].documented < 2)
        mapped = [c.editorial for c in m.cells]
        area_basis = t.gettext("of %(total)s, each held by two or more regions") % {
            "total": len(s.priority_areas)
        }
        if only_proposed:
            area_basis = t.ngettext(
                "%(basis)s; %(count)s only through proposed priorities",
                "%(basis)s; %(count)s only through proposed priorities",
                only_proposed,
            ) % {"basis": area_basis, "count": only_proposed}
        if all(mapped) and mapped:
            area_basis = t.gettext("%(basis)s; by the editors' mapping of priorities to areas") % {
                "basis": area_basis
            }
        elif any(mapped):
            area_basis = t.gettext(
                "%(basis)s; by partly the editors' mapping of priorities to areas"
            ) % {"basis": area_basis}
        budget = next(
            (b for b in a.budget.by_scope if b.key == model.ActionScope.TRANSNATIONAL), None
        )
        unbudgeted = sum(1 for x in a.joint_actions if self.actions[x].budget_eur is None)
        if budget is None:
            money, money_basis = "–", t.gettext("no joint action states a budget")
        else:
            money = format_eur_short(budget.basis.total, lang)
            money_basis = money_in_words(budget.basis, lang)
            if unbudgeted:
                money_basis = t.ngettext(
                    "%(basis)s; %(count)s of the %(total)s states no budget",
                    "%(basis)s; %(count)s of the %(total)s state no budget",
                    unbudgeted,
                ) % {"basis": money_basis, "count": unbudgeted, "total": len(a.joint_actions)}
        cov = a.coverage

        def figure(count: int, key: str, basis: str) -> KeyFigure:
            return KeyFigure(format_count(count, lang), t.ngettext(*KEY_FIGURES[key], count), basis)

        figures = (
            figure(
                n_regions,
                "regions",
                t.ngettext("in %(num)s country", "in %(num)s countries", len(countries))
                % {"num": format_count(len(countries), lang)},
            ),
            figure(len(shared), "areas", area_basis),
            figure(
                len(a.joint_actions),
                "joint",
                capitalised(count_of_proposals(a.joint_actions_basis, "action", language=lang)),
            ),
            KeyFigure(money, t.gettext("budget of the joint actions"), money_basis),
            figure(
                len(cov.gaps),
                "gaps",
                t.ngettext(
                    "%(count)s addressed by an action; %(basis)s",
                    "%(count)s addressed by an action; %(basis)s",
                    cov.addressed,
                )
                % {"count": cov.addressed, "basis": self.coverage_in_words()},
            ),
        )
        order = {x: i for i, x in enumerate(m.areas)}
        widest = sorted(shared, key=lambda x: (-len(m.regions_per_area[x]), order[x]))
        shared_views = []
        for x in widest[:SUMMARY_AREAS]:
            counts = {
                "held": len(m.regions_per_area[x]),
                "total": n_regions,
                "proposed": int(m.regions_per_area_basis[x].proposed),
            }
            if counts["proposed"]:
                text = t.ngettext(
                    "%(held)s of %(total)s region (%(proposed)s only through proposed priorities)",
                    "%(held)s of %(total)s regions (%(proposed)s only through proposed priorities)",
                    n_regions,
                )
            else:
                text = t.ngettext(
                    "%(held)s of %(total)s region", "%(held)s of %(total)s regions", n_regions
                )
            serving = self.synergies[x].joint_actions
            shared_views.append(
                SharedAreaView(
                    self.area_link(x),
                    text % counts,
                    joint_actions_in_words(
                        len(serving), sum(self.actions[j].illustrative for j in serving), lang
                    ),
                )
            )
        regions_in: dict[str, set[str]] = defaultdict(set)
        for g in cov.gaps:
            regions_in[str(g.category)].add(g.region)
        categories = sorted(cov.by_category, key=lambda c: (-c.gaps, c.key))
        chosen = s.flagship_actions
        if not chosen:
            most = sorted(a.joint_actions, key=lambda x: (-len(self.actions[x].partner_regions), x))
            chosen = tuple(model.ActionRef(x) for x in most[:SUMMARY_FLAGSHIPS])
        return SummaryView(
            figures=figures,
            shared_areas=tuple(shared_views),
            areas_basis=t.gettext(MAPPED_AREAS if all(mapped) else MAPPED_AREAS_PARTLY)
            if any(mapped)
            else "",
            gap_categories=tuple(
                GapCategoryView(
                    label(model.GapCategory(c.key), lang),
                    c.gaps,
                    len(regions_in[c.key]),
                    c.addressed,
                )
                for c in categories[:SUMMARY_CATEGORIES]
            ),
            gaps_basis=capitalised(self.coverage_in_words()),
            flagships=tuple(joint[x] for x in chosen if x in joint),
            flagships_chosen=bool(s.flagship_actions),
            asks=self.md.block(s.chapters.asks) if s.chapters.asks else Markup(""),
        )

    def imprint(self) -> ImprintView:
        doc, s = self.s.document, self.s
        editors = tuple(
            EditorView(e.name, e.organisation or "", shown(e.role or "")) for e in doc.editors
        )
        doi_url = f"https://doi.org/{doc.doi}" if doc.doi else ""
        name, url, reuse = licence_in_words(doc.licence, self.lang)
        contact = doc.contact or ""
        if "@" in contact and " " not in contact:
            contact_href = "mailto:" + contact
        elif contact.startswith(("https://", "http://")):
            contact_href = contact
        else:
            contact_href = ""
        cite = doc.how_to_cite or how_to_cite(
            [e.name for e in doc.editors],
            doc.publication_date.year,
            doc.title,
            doc.version,
            label_in_text(doc.status, self.lang)
            if doc.status is model.DocumentStatus.DRAFT
            else "",
            doc.publisher or "",
            doi_url or doc.url or "",
            self.lang,
        )
        funding = s.funding
        return ImprintView(
            editors=editors,
            publisher=doc.publisher or "",
            contact=contact,
            contact_href=contact_href,
            url=doc.url or "",
            doi=doc.doi or "",
            doi_url=doi_url,
            isbn=doc.isbn or "",
            how_to_cite=cite,
            licence=LicenceView(doc.licence, name, url, reuse),
            disclaimer=self.md.block(doc.disclaimer) if doc.disclaimer else Markup(""),
            funding=self.md.block(funding.statement) if funding else Markup(""),
            logos=tuple(
                LogoView(_data_address(*self.logos[logo.file]), logo.alt)
                for logo in (funding.logos if funding else ())
            ),
            wording=wording_statement(doc.language),
            translation=self.translation_statement(),
        )

    def translation_statement(self) -> str:
        """What the imprint says of the strategy's own text in an edition of another language:
        how much is translated, whether a person reviewed it, what is left out as stale."""
        c = self.coverage
        if c is None or not c.total:
            return ""
        t = self.t
        parts = [
            t.ngettext(
                "%(translated)s of the %(total)s text of the strategy is translated; the others "
                "are printed in the language the strategy is written in, marked as such.",
                "%(translated)s of the %(total)s texts of the strategy are translated; the others "
                "are printed in the language the strategy is written in, marked as such.",
                c.total,
            )
            % {
                "translated": format_number(c.translated, self.lang),
                "total": format_number(c.total, self.lang),
            }
        ]
        if c.translated and not c.reviewed:
            parts.append(t.gettext("The translations are drafts that no person has reviewed yet."))
        elif c.translated and c.reviewed < c.translated:
            parts.append(
                t.ngettext(
                    "%(reviewed)s of the translations was reviewed by a person; the others are "
                    "drafts.",
                    "%(reviewed)s of the translations were reviewed by a person; the others are "
                    "drafts.",
                    c.reviewed,
                )
                % {"reviewed": format_number(c.reviewed, self.lang)}
            )
        elif c.translated:
            parts.append(t.gettext("The translations were reviewed by a person."))
        if c.stale:
            parts.append(
                t.ngettext(
                    "%(stale)s translation is not printed: its source text changed since it was "
                    "made.",
                    "%(stale)s translations are not printed: their source texts changed since "
                    "they were made.",
                    c.stale,
                )
                % {"stale": format_number(c.stale, self.lang)}
            )
        return " ".join(parts)

    def build(self, commit: str) -> ReportView:
        s, a = self.s, self.a
        doc = s.document
        t, lang = self.t, self.lang
        regions = tuple(self.region(r) for r in s.regions)
        all_actions = [x for r in regions for x in r.actions]
        by_anchor = {x.anchor: x for x in all_actions}
        joint_by_id = {x: by_anchor[_anchor("action", x)] for x in a.joint_actions}
        areas = tuple(self.area(x) for x in s.priority_areas)
        matrix = a.matrix
        proposed_cells = {(c.region, c.area) for c in matrix.cells if c.illustrative}
        area_rows = tuple(
            AreaRow(
                self.area_link(x),
                number_on_basis(matrix.regions_per_area_basis[x], lang),
                tuple(
                    HolderLink(self.region_link(r), (r, x) in proposed_cells)
                    for r in matrix.regions_per_area[x]
                ),
                len(self.synergies[x].joint_actions),
            )
            for x in matrix.areas
        )
        names: dict[str, str] = {r.id: r.name for r in s.regions}
        any_mapped = any(c.editorial for c in matrix.cells)
        less: dict[str, bool] = {
            r.id: r.development_group is model.DevelopmentGroup.LESS_DEVELOPED for r in s.regions
        }
        chart_regions, shared, marked = shared_matrix(matrix, less)
        if len(chart_regions) == len(matrix.regions):
            matrix_caption = t.gettext(
                "Priority areas shared by each pair of regions; the diagonal counts the areas a "
                "region holds"
            )
        else:
            matrix_caption = t.ngettext(
                "Priority areas shared by each pair of regions; the diagonal counts the areas a "
                "region holds: the %(shown)s region that shares the most, of %(total)s regions "
                "(%(table)s lists them all)",
                "Priority areas shared by each pair of regions; the diagonal counts the areas a "
                "region holds: the %(shown)s regions that share the most, of %(total)s regions "
                "(%(table)s lists them all)",
                len(chart_regions),
            ) % {
                "shown": len(chart_regions),
                "total": len(matrix.regions),
                "table": t.gettext(TABLE) % {"number": 1},
            }
        if any_mapped:
            matrix_caption = t.gettext(MATRIX_MAPPING) % {"caption": matrix_caption}
        matrix_chart = ChartView(
            charts.shared_areas(
                [
                    charts.HeatRegion(names[r], "less_developed" if less[r] else "advanced")
                    for r in chart_regions
                ],
                shared,
                marked,
                self.groups,
                lang,
            ),
            matrix_caption,
        )
        first, last = a.timeline.period
        years = f"{first}–{last}" if first != last else str(first)
        outside = [e for e in a.timeline.entries if e.action in set(a.timeline.outside)]
        timeline_note = (
            t.gettext("Outside the period shown: %(actions)s.")
            % {
                "actions": "; ".join(
                    f"{e.title} ({names[e.region]}), "
                    + (
                        str(e.start.year)
                        if e.start.year == e.end.year
                        else f"{e.start.year}–{e.end.year}"
                    )
                    for e in outside
                )
            }
            if outside
            else ""
        )
        if a.timeline.period_stated:
            timeline_caption = t.gettext("Timeline of the dated actions, %(years)s")
        else:
            timeline_caption = t.gettext(
                "Timeline of the dated actions, %(years)s (the strategy states no period: from "
                "the publication year to the last end of an action)"
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
                a.timeline.period,
                lang,
            ),
            timeline_caption % {"years": years},
            timeline_note,
        )
        map_regions = [(r, geo.map_nuts(r)) for r in s.regions]
        map_svg, on_map = region_map(
            [
                MapRegion(r.name, n.code if n else "", str(r.development_group))
                for r, n in map_regions
            ],
            load_boundaries(),
            self.groups,
            language=lang,
        )
        attribution = load_boundaries().header.get("attribution", "")
        map_chart = ChartView(
            map_svg,
            t.gettext(
                "The participating regions by development group; boundaries: NUTS %(version)s, "
                "%(attribution)s (source: GISCO, Eurostat)"
            )
            % {"version": geo.MAP_VERSION, "attribution": attribution},
        )
        map_rows = tuple(
            MapRow(
                self.region_link(r.id),
                country_in_words(r.country, lang),
                t.gettext("%(code)s (level %(level)s)") % {"code": n.code, "level": n.level}
                if n
                else "",
                self.groups[r.development_group],
                found,
            )
            for (r, n), found in zip(map_regions, on_map, strict=True)
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
                self.groups,
                lang,
            ),
            t.gettext("Peer learning: mentor and learner regions"),
        )
        # The tables, each without the proposal badge on every row when every row is one.
        joint, joint_all = self.every_one_proposed(tuple(joint_by_id.values()))
        gaps, gaps_all = self.every_one_proposed(tuple(g for r in regions for g in r.gaps))
        peers, peers_all = self.every_one_proposed(
            tuple(p for r in regions for p in r.peer_learning)
        )
        indicators, indicators_all = self.every_one_proposed(
            tuple(i for x in all_actions for i in x.indicators)
        )
        glossary = tuple(
            TermView(term.term, term.meaning, self.cites(term.sources))
            for term in sorted(s.glossary, key=lambda term: (term.term.casefold(), term.term))
        )
        toc_regions = tuple(
            _link(m.name, "#" + r.anchor) for m, r in zip(s.regions, regions, strict=True)
        )
        toc_areas = tuple(
            _link(m.name, "#" + x.anchor) for m, x in zip(s.priority_areas, areas, strict=True)
        )
        present = {key for key, _, _ in CHAPTERS} - (set() if glossary else {"glossary"})
        toc = _toc(present, {"areas": toc_areas, "regions": toc_regions}, lang)
        legend = t.gettext(EVERY_ROW_PROPOSED)
        areas_caption = t.gettext("Priority areas and the regions that hold them")
        if any_mapped:
            areas_caption = t.gettext(MATRIX_MAPPING) % {"caption": areas_caption}
        tables = _numbered(
            TABLE,
            TABLES,
            {
                "regions": (t.gettext("The participating regions, as the map shows them"), ""),
                "areas": (areas_caption, ""),
                "joint": (t.gettext("Joint transnational actions"), legend * joint_all),
                "gaps": (t.gettext("Gaps and the actions that address them"), legend * gaps_all),
                "peer": (t.gettext("Peer-learning recommendations"), legend * peers_all),
                "groups": (t.gettext("Indicator totals by type, code and unit"), ""),
                "matches": (
                    t.ngettext(
                        "The %(count)s best mentor candidate per gap of a less developed region, "
                        "and any already recommended",
                        "The %(count)s best mentor candidates per gap of a less developed "
                        "region, and any already recommended",
                        SHOWN_CANDIDATES,
                    )
                    % {"count": SHOWN_CANDIDATES},
                    "",
                ),
                "partners": (t.gettext("Partner organisations"), ""),
                "indicators": (t.gettext("Indicators"), legend * indicators_all),
            },
            lang,
        )
        figures = _numbered(
            FIGURE,
            FIGURES,
            {
                **({"map": (map_chart.caption, "")} if map_svg else {}),
                "matrix": (matrix_caption, ""),
                "timeline": (timeline_chart.caption, ""),
                "network": (network_chart.caption, ""),
            },
            lang,
        )
        return ReportView(
            lang=doc.language,
            title=doc.title,
            subtitle=doc.subtitle or "",
            cover_line=doc.cover_line or "",
            version=doc.version,
            status=label(doc.status, lang),
            status_in_text=label_in_text(doc.status, lang),
            publication_date=format_date(doc.publication_date, doc.language),
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
            brokerage_title=s.chapters.brokerage_title or t.gettext("Partner organisations"),
            brokerage=self.md.block(s.chapters.brokerage) if s.chapters.brokerage else Markup(""),
            toc=toc,
            chapters={e.id: e for e in toc},
            areas=areas,
            matrix_chart=matrix_chart,
            area_rows=area_rows,
            regions=tuple(self.with_legends(r) for r in regions),
            joint_actions=joint,
            timeline_chart=timeline_chart,
            overdue=tuple(self.action_link(x) for x in a.timeline.overdue),
            overlapping=tuple(
                OverlapView(self.gap_link(o.gap), tuple(self.action_link(x) for x in o.actions))
                for o in a.timeline.overlapping
            ),
            gaps=gaps,
            coverage_by_category=tuple(
                CountView(
                    label(model.GapCategory(c.key), lang),
                    label_in_text(model.GapCategory(c.key), lang),
                    c.gaps,
                    c.addressed,
                )
                for c in a.coverage.by_category
            ),
            gaps_total=len(a.coverage.gaps),
            gaps_addressed=a.coverage.addressed,
            peer_learning=peers,
            matches=self.matches(),
            network_chart=network_chart,
            map_chart=map_chart,
            map_rows=map_rows,
            partners=tuple(p for r in regions for p in r.partners),
            indicators=indicators,
            indicator_groups=tuple(
                GroupView(
                    label(g.type, lang),
                    g.interreg_code or "",
                    g.unit,
                    g.count,
                    number_on_basis(g.baseline_basis, lang),
                    number_on_basis(g.target_basis, lang),
                )
                for g in a.monitoring.groups
            ),
            actions_without_indicators=tuple(
                self.action_link(x) for x in a.monitoring.actions_without_indicators
            ),
            budget_joint=next(
                (
                    eur_on_basis(b.basis, lang)
                    for b in a.budget.by_scope
                    if b.key == model.ActionScope.TRANSNATIONAL
                ),
                "",
            ),
            budget_all=eur_on_basis(a.budget.basis, lang),
            coverage_basis=self.coverage_in_words(),
            sources=tuple(
                SourceView(
                    number=self.numbers[src.id],
                    anchor=_anchor("source", src.id),
                    title=src.title,
                    publisher=src.publisher or "",
                    url=src.url or "",
                    accessed=format_date(src.accessed, doc.language) if src.accessed else "",
                    note=src.note or "",
                    kind=label(src.kind, lang) if src.kind else "",
                    period=src.period.replace("-", "\N{EN DASH}") if src.period else "",
                    reference=src.reference or "",
                )
                for src in s.sources
            ),
            proposals=a.proposals,
            scoring=scoring_in_words(self.groups["advanced"], lang),
            policy_areas_title=(
                s.vocabularies.policy_areas.title if s.vocabularies.policy_areas else ""
            ),
            groups=self.groups,
            untapped_min=UNTAPPED_MIN_REGIONS,
            open_data=tuple(Link(name, f"{DATA_FOLDER}/{name}") for name in DATA_FILES),
            executive=self.executive(joint_by_id),
            imprint=self.imprint(),
            glossary=glossary,
            tables=tables,
            figures=figures,
            print_strings=print_strings(lang),
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
    logos: Mapping[str, tuple[str, bytes]] | None = None,
) -> ReportView:
    """The report's view model; with ``fork``, half of its Markdown is rendered in a second
    process (the build decides, by the size of the strategy). It holds only what is published
    (`model.published`); with ``editor_notes`` (the preview), the editors' notes as well."""
    return build_views(strategy, analysis, commit, fork, editor_notes, logos)[0]


def build_views(
    strategy: model.Strategy,
    analysis: Analysis,
    commit: str = "",
    fork: bool = False,
    editor_notes: bool = False,
    logos: Mapping[str, tuple[str, bytes]] | None = None,
    coverage: Coverage | None = None,
    alternates: tuple[Alternate, ...] = (),
) -> tuple[ReportView, _Builder]:
    """The report's view model, and the builder that made it, for the documents made of the
    same pieces (the regions' factsheets); for an edition in another language than the
    strategy's, how much of it is translated, and the editions in the other languages."""
    strategy = for_publication(strategy, editor_notes=editor_notes)
    builder = _Builder(strategy, analysis, logos or {})
    builder.coverage = coverage
    builder.md.prerender(markdown_texts(strategy), fork=fork)
    view = builder.build(commit)
    return dataclasses.replace(view, alternates=alternates), builder
