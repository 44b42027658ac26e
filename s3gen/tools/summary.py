"""The terminal summary of an analysis (`s3gen analyse`): what a strategy editor can act on."""

from __future__ import annotations

from s3gen import model
from s3gen.analyse import SHOWN_CANDIDATES, Analysis, GapMatches, shown_candidates
from s3gen.report.formatting import (
    count_of_proposals,
    criterion_in_words,
    eur_on_basis,
    number_on_basis,
)


def _names(values: tuple[str, ...] | list[str], limit: int = 12) -> str:
    if not values:
        return "none"
    shown = ", ".join(values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _matrix(analysis: Analysis) -> list[str]:
    m = analysis.matrix
    if not m.printed_whole:
        return [
            f"Priority matrix: the areas of each region ({len(m.regions)} regions by "
            f"{len(m.areas)} areas is too large to print whole)",
            *(f"{r}: {', '.join(m.areas_per_region[r]) or 'none'}" for r in m.regions),
            f"Held by one region only: {_names(m.single_region_areas)}. "
            f"Held by none: {_names(m.unheld_areas)}. "
            f"Regions sharing no area: {_names(m.isolated_regions)}.",
        ]
    width = max(len(r) for r in (*m.regions, "regions per area"))
    numbers = [str(i) for i in range(1, len(m.areas) + 1)]
    lines = [
        "Priority matrix: a region's priorities by transnational priority area (x = holds)",
        " " * (width + 1) + " ".join(f"{n:>2}" for n in numbers) + "  areas",
    ]
    held = {(c.region, c.area) for c in m.cells}
    for region in m.regions:
        marks = " ".join(f"{'x' if (region, a) in held else '.':>2}" for a in m.areas)
        lines.append(f"{region:<{width}} {marks}  {len(m.areas_per_region[region]):>5}")
    counts = " ".join(f"{len(m.regions_per_area[a]):>2}" for a in m.areas)
    lines.append(f"{'regions per area':<{width}} {counts}")
    lines.append("Areas: " + "; ".join(f"{n} {a}" for n, a in zip(numbers, m.areas, strict=True)))
    lines.append(
        "Held through proposed priorities only: "
        + _names([f"{c.region} in {c.area}" for c in m.cells if c.illustrative])
        + "."
    )
    lines.append(
        f"Held by one region only: {_names(m.single_region_areas)}. "
        f"Held by none: {_names(m.unheld_areas)}. "
        f"Regions sharing no area: {_names(m.isolated_regions)}."
    )
    return lines


def _mentors(match: GapMatches, advanced: str) -> str:
    """``advanced``: what the strategy calls its advanced regions (its vocabularies)."""
    shown = []
    for c in shown_candidates(match):
        why = ", ".join(criterion_in_words(r.criterion, advanced) for r in c.reasons)
        mark = ", recommended" if c.recommended else ""
        shown.append(f"{c.region} {c.score} ({why}{mark})")
    return "; ".join(shown) if shown else "no candidate"


def format_summary(strategy: model.Strategy, analysis: Analysis) -> str:
    """The analysis as a readable plain-text report."""
    actions = [a for r in strategy.regions for a in r.actions]
    groups = strategy.vocabularies.development_groups  # the strategy's own names
    joint = sum(1 for a in actions if a.scope is model.ActionScope.TRANSNATIONAL)
    c = analysis.coverage
    addressed = sum(1 for g in c.gaps if g.addressed)
    synergies = analysis.synergies
    lines = [
        f"Trans-S3 analysis of '{strategy.document.title}' {strategy.document.version}: "
        f"{len(strategy.regions)} regions, {len(strategy.priority_areas)} priority areas, "
        f"{len(actions)} actions ({joint} transnational), {len(c.gaps)} gaps.",
        "",
        *_matrix(analysis),
        "",
        "Untapped synergies (areas shared by 3 or more regions that no joint action serves): "
        + _names([s.area for s in synergies if s.untapped])
        + ".",
        "Learning opportunities (areas shared by regions of both development groups): "
        + _names([s.area for s in synergies if s.learning_opportunity])
        + ".",
        "",
        f"Gap coverage: {addressed} of {len(c.gaps)} gaps are addressed by an action "
        f"({count_of_proposals(c.gaps_basis, 'gap')}; "
        f"{count_of_proposals(c.addressing_basis, 'action', 'addressing them')}). "
        f"Unaddressed: {_names(c.unaddressed)}.",
        "By category: " + ", ".join(f"{x.key} {x.addressed}/{x.gaps}" for x in c.by_category) + ".",
        "",
        f"Mentor candidates for the gaps of the group “{groups.less_developed}” (best "
        f"{SHOWN_CANDIDATES}, score in points; 'recommended' = named in a peer-learning item, "
        "the others are suggestions):",
    ]
    advanced = groups.advanced
    for match in analysis.mentor_matches:
        lines.append(f"  {match.gap} ({match.learner}): {_mentors(match, advanced)}")
    n, mon, b, t = analysis.network, analysis.monitoring, analysis.budget, analysis.timeline
    lines += [
        "",
        f"Cooperation network: {len(n.links)} linked pairs of regions; "
        f"isolated regions: {_names(n.isolated)}.",
        f"Monitoring: {len(mon.indicators)} indicators in {len(mon.groups)} groups of type, code "
        f"and unit; actions without an indicator: {_names(mon.actions_without_indicators)}.",
        *(
            f"  {g.type} {g.interreg_code or '-'} {g.unit}: "
            f"target {number_on_basis(g.target_basis)}"
            for g in mon.groups
        ),
        f"Budget: {eur_on_basis(b.basis)}, over "
        f"{sum(len(x.actions) for x in b.by_region)} actions; "
        + "; ".join(f"{x.key} {eur_on_basis(x.basis)}" for x in b.by_scope)
        + f"; actions without a budget: {_names(b.actions_without_budget)}.",
        f"Timeline (as of {t.reference_date}): {len(t.entries)} dated actions; "
        f"overdue: {_names(t.overdue)}; "
        f"actions on the same gap at the same time: "
        f"{_names([f'{len(o.actions)} on {o.gap}' for o in t.overlapping])}.",
    ]
    return "\n".join(lines)
