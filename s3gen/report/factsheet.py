"""A region's factsheet: its part of the strategy on at most two A4 pages, for its council, its
SMEs and its peers, as a PDF and an HTML page of its own.

Built from the report's own pieces (the builder of `view.py`), so that a factsheet says what the
report says: the region's profile, its key figures with what each rests on, the region on the
map, and the sources it cites. Links to what only the full report prints go there (the HTML
page sits beside the report's page), or nowhere in a PDF of a strategy without a web address.
Lists longer than a factsheet holds are cut, with a sentence saying how many more the report
has: the type is never made smaller to fit. Its words are in the edition's language, as the
report's (the builder's ``lang``).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

from s3gen import geo, model
from s3gen.analyse import Analysis, Basis
from s3gen.model.kinds import anchor as _anchor
from s3gen.model.walk import nested_items
from s3gen.report.formatting import count_of_proposals, format_eur
from s3gen.report.map import MapRegion, load_boundaries, region_map
from s3gen.report.view import (
    FACTSHEET_FOLDER,
    ChartView,
    KeyFigure,
    PeerLearningView,
    RegionView,
    ReportView,
    SourceView,
    _Builder,
)
from s3gen.report.wording import NN_, print_strings

# The most items of each list a factsheet prints, tried in turn until it fits on two pages (the
# report has them all): what does not fit is cut and said, the type is never made smaller.
MOST_PAGES = 2
SHOWN_LEVELS: tuple[dict[str, int], ...] = (
    {"priorities": 4, "gaps": 4, "actions": 4, "peer_learning": 4, "partners": 5},
    {"priorities": 3, "gaps": 3, "actions": 3, "peer_learning": 3, "partners": 3},
    {"priorities": 2, "gaps": 2, "actions": 2, "peer_learning": 2, "partners": 2},
)
SHOWN = SHOWN_LEVELS[0]
# The map is printed this wide beside the facts (print.css: .fs-facts .factsheet-map), and drawn
# for that width, so that its labels and key keep the report's type sizes; 50 mm high at most
# with its key (the extent at most 0.75 times as high as wide, the key about 13 mm).
MAP_MM = 50.0
# What was cut from each list, by ngettext of how many were cut.
MORE = {
    "priorities": NN_("%(count)s more priority", "%(count)s more priorities"),
    "gaps": NN_("%(count)s more gap", "%(count)s more gaps"),
    "actions": NN_("%(count)s more action", "%(count)s more actions"),
    "peer_learning": NN_(
        "%(count)s more peer-learning item as learner",
        "%(count)s more peer-learning items as learner",
    ),
    "mentoring": NN_(
        "%(count)s more peer-learning item as mentor",
        "%(count)s more peer-learning items as mentor",
    ),
    "partners": NN_("%(count)s more partner", "%(count)s more partners"),
}
FOLDER = FACTSHEET_FOLDER  # beside the report's page: build/html/regions/<id>.html
REPORT_FROM_FOLDER = "../index.html#"


@dataclass(frozen=True)
class FactsheetView:
    lang: str
    title: str  # the page's title: the region and the strategy
    strategy_title: str
    edition: str  # "Version 0.1 (draft), 27 November 2026"
    region: RegionView
    figures: tuple[KeyFigure, ...]
    map: ChartView | None
    mentoring: tuple[PeerLearningView, ...]  # the other regions' items it mentors in
    more: tuple[str, ...]  # what was cut, and where the rest is
    sources: tuple[SourceView, ...]  # those the factsheet cites, numbered as in the report
    commit: str  # the last commit of the region's own file
    report: str  # where the full strategy is, in words
    # Meta data of the page, as the report's (base.html reads them).
    author: str = ""
    subtitle: str = ""
    keywords: str = ""
    # The printed pages' footer words in the edition's language, as the report's (base.html).
    print_strings: tuple[tuple[str, str], ...] = ()


def _basis(items: tuple[model.Action, ...] | tuple[model.Gap, ...]) -> Basis:
    proposed = sum(1 for i in items if i.illustrative)
    return Basis(documented=len(items) - proposed, proposed=proposed)


def _budget_basis(b: _Builder, budget: Basis) -> str:
    t = b.t
    if not budget.total:
        return t.gettext("no action states a budget")
    if not budget.proposed:
        return t.gettext("all in documented actions")
    if not budget.documented:
        return t.gettext("all in proposed actions")
    return t.gettext("of which %(amount)s in proposed actions") % {
        "amount": format_eur(budget.proposed, b.lang)
    }


# Per builder: each region's items as a mentor (learner region, item), indexed once so that the
# factsheets of a large strategy cost time in proportion to it.
_MENTORING: weakref.WeakKeyDictionary[
    _Builder, dict[str, list[tuple[model.Region, model.PeerLearning]]]
] = weakref.WeakKeyDictionary()


def _mentoring(b: _Builder, region_id: str) -> list[tuple[model.Region, model.PeerLearning]]:
    index = _MENTORING.get(b)
    if index is None:
        index = {}
        for learner in b.s.regions:
            for item in learner.peer_learning:
                for mentor in item.mentors:
                    index.setdefault(str(mentor), []).append((learner, item))
        _MENTORING[b] = index
    return index.get(region_id, [])


def _figures(b: _Builder, r: model.Region) -> tuple[KeyFigure, ...]:
    a: Analysis = b.a
    addressed = {g.gap for g in a.coverage.gaps if g.addressed}
    joint = tuple(x for x in r.actions if x.scope is model.ActionScope.TRANSNATIONAL)
    budget = Basis(
        documented=sum(x.budget_eur or 0 for x in r.actions if not x.illustrative),
        proposed=sum(x.budget_eur or 0 for x in r.actions if x.illustrative),
    )
    learns = len(r.peer_learning)
    mentors = len(_mentoring(b, str(r.id)))
    t, lang = b.t, b.lang
    return (
        KeyFigure(
            str(len(r.priorities)),
            t.ngettext("priority", "priorities", len(r.priorities)),
            count_of_proposals(
                Basis(
                    documented=sum(1 for p in r.priorities if not p.illustrative),
                    proposed=sum(1 for p in r.priorities if p.illustrative),
                ),
                "priority",
                plural="priorities",
                language=lang,
            ),
        ),
        KeyFigure(
            t.gettext("%(addressed)s of %(total)s")
            % {"addressed": sum(1 for g in r.gaps if g.id in addressed), "total": len(r.gaps)},
            t.ngettext("gaps addressed by an action", "gaps addressed by an action", len(r.gaps)),
            count_of_proposals(_basis(r.gaps), "gap", language=lang),
        ),
        KeyFigure(
            str(len(r.actions)),
            t.ngettext(
                "actions, %(joint)s of them joint transnational",
                "actions, %(joint)s of them joint transnational",
                len(r.actions),
            )
            % {"joint": len(joint)},
            count_of_proposals(_basis(r.actions), "action", language=lang),
        ),
        KeyFigure(
            format_eur(budget.total, lang) if budget.total else "–",
            t.gettext("budget of its actions"),
            _budget_basis(b, budget),
        ),
        KeyFigure(
            f"{learns} / {mentors}",
            t.gettext("peer learning: as learner / as mentor"),
            t.gettext("items of the strategy's peer learning"),
        ),
    )


def _cut(b: _Builder, r: model.Region, most: dict[str, int]) -> tuple[model.Region, list[str]]:
    """The region with each list cut to ``most`` items, and what was cut, in words."""
    changes: dict[str, object] = {}
    more = []
    for key, shown in most.items():
        items = getattr(r, key)
        if len(items) > shown:
            changes[key] = items[:shown]
            more.append(_more(b, key, len(items) - shown))
    return replace(r, **changes), more  # type: ignore[arg-type]


def _more(b: _Builder, key: str, rest: int) -> str:
    return b.t.ngettext(*MORE[key], rest) % {"count": rest}


def _local_anchors(r: model.Region) -> frozenset[str]:
    """The anchors a factsheet holds: the region, and everything in its profile."""
    anchors = {_anchor("region", r.id)}
    kinds = {
        model.Priority: "priority",
        model.GoodPractice: "practice",
        model.Gap: "gap",
        model.Action: "action",
    }
    for item in nested_items(r):
        kind = kinds.get(type(item))
        if kind is not None:
            anchors.add(_anchor(kind, item.id))
    return frozenset(anchors)


def cited_sources(page: str) -> set[str]:
    """The anchors of the sources a rendered page links to (``#source-...``)."""
    found, at, marker = set(), 0, 'href="#source-'
    while (at := page.find(marker, at)) != -1:
        end = page.find('"', at + len(marker))
        found.add(page[at + len('href="#') : end])
        at = end
    return found


def factsheet(
    b: _Builder,
    r: model.Region,
    commit: str,
    outside: str | None,
    profiles: str,
    most: dict[str, int] = SHOWN,
) -> FactsheetView:
    """The factsheet of ``r`` with at most ``most`` items of each list; links to what only the
    report prints go to ``outside`` (+ an anchor), or nowhere when it is None. What is cut is
    found in the regions' profiles, which the report calls ``profiles`` ("Annex A")."""
    shown, more = _cut(b, r, most)
    b.local, b.outside = _local_anchors(shown), outside
    try:
        region = b.with_legends(b.region(shown))
        figures = _figures(b, r)
        # The other regions' items it mentors in are cut like its own, and counted too.
        mentors_in = _mentoring(b, str(r.id))
        mentoring = tuple(b.peer(x, p) for x, p in mentors_in[: most["peer_learning"]])
        if len(mentors_in) > len(mentoring):
            more.append(_more(b, "mentoring", len(mentors_in) - len(mentoring)))
    finally:
        b.local, b.outside = None, None
    doc, t = b.s.document, b.t
    nuts = geo.map_nuts(r)
    chart = None
    if nuts is not None:
        svg, found = region_map(
            [MapRegion(r.name, nuts.code, str(r.development_group))],
            load_boundaries(),
            b.groups,
            printed_mm=MAP_MM,
            tallest=0.75,
            language=b.lang,
        )
        if found[0]:
            caption = t.gettext("%(region)s on the map; boundaries: NUTS %(version)s")
            chart = ChartView(svg, caption % {"region": r.name, "version": geo.MAP_VERSION})
    if doc.url:
        report = t.gettext("the full strategy, %(title)s, %(url)s") % {
            "title": doc.title,
            "url": doc.url,
        }
    else:
        report = t.gettext("the full strategy, %(title)s") % {"title": doc.title}
    return FactsheetView(
        lang=doc.language,
        title=t.gettext("%(region)s: factsheet of %(title)s")
        % {"region": r.name, "title": doc.title},
        strategy_title=doc.title,
        edition=doc.version,
        region=region,
        figures=figures,
        map=chart,
        mentoring=mentoring,
        more=(
            t.gettext("%(items)s: see %(region)s in %(profiles)s of %(report)s")
            % {"items": ", ".join(more), "region": r.name, "profiles": profiles, "report": report},
        )
        if more
        else (),
        sources=(),
        commit=commit,
        report=report,
        author="; ".join(e.name for e in doc.editors),
        keywords="",
        print_strings=print_strings(b.lang),
    )


def profiles_ref(report: ReportView) -> str:
    """How the report refers to its regions' profiles: "Annex A"."""
    return next(e.ref for e in report.toc if e.id == "regions")


def with_sources(
    view: FactsheetView, page: str, all_sources: tuple[SourceView, ...]
) -> FactsheetView:
    """The factsheet listing the sources its rendered ``page`` cites."""
    cited = cited_sources(page)
    return replace(view, sources=tuple(s for s in all_sources if s.anchor in cited))
