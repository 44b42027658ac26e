"""Validation: structural checks per file, then ids, references and domain rules across files.

`validate(docs)` returns the typed `Strategy` when no error was found (warnings allowed), and every
issue found, sorted by file and position. References between files are checked only when every
file could be read and passed the structural checks, so that one typo does not explode into a list
of dangling references (as mkdocs runs its post-validation only when nothing failed). Warnings
(unaddressed gaps, uncited sources, ...) are computed only then too, since a broken file would
make them guesses.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from s3gen import __version__, geo, model
from s3gen.errors import Issue, IssueSeverity, make_issue
from s3gen.model.abbreviations import (
    abbreviation_uses,
    abbreviations,
    prose,
    term_abbreviation,
)
from s3gen.model.codes import isbn13_check_digit, nuts_prefix
from s3gen.model.formats import ImageFormat
from s3gen.model.kinds import BY_NAME, BY_NAMESPACE, LABELS
from s3gen.model.placeholders import placeholders_in
from s3gen.model.walk import nested_items
from s3gen.source.convert import INVALID, Converter, IdEntry, RefEntry
from s3gen.source.images import LARGEST_FILE, NotAnImage, image_format
from s3gen.source.load import Mapping, Refused, SourceDoc, load_strategy, read_named_file
from s3gen.source.messages import did_you_mean, strategy_option, suggestion, visible
from s3gen.source.translations import NONE as NO_TRANSLATIONS
from s3gen.source.translations import Translations, check_translations, load_translations
from s3gen.source.version import NEW_KEY, OLD_KEY, written_format

_FILE_CLASSES: dict[str, type] = {
    "strategy.yaml": model.StrategyFile,
    "sources.yaml": model.SourcesFile,
}


@dataclass
class _Collected:
    """Everything the per-file pass produced."""

    issues: list[Issue]
    ids: list[IdEntry]
    refs: list[RefEntry]
    all_readable: bool
    strategy_file: model.StrategyFile | None = None
    sources_file: model.SourcesFile | None = None
    regions: list[model.Region] = dataclasses.field(default_factory=list)

    @functools.cached_property
    def ids_by_kind(self) -> dict[str, dict[str, IdEntry]]:
        """kind -> id -> where it is first declared. Built once: ids are all known by now."""
        table: dict[str, dict[str, IdEntry]] = defaultdict(dict)
        for entry in self.ids:
            table[entry.kind].setdefault(entry.value, entry)
        return table

    @functools.cached_property
    def region_of_file(self) -> dict[str, str]:
        """file -> the id of the region it declares."""
        return {e.file: e.value for e in self.ids if e.kind == "region"}


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking a strategy."""

    strategy: model.Strategy | None  # None when there is any error
    issues: list[Issue]  # sorted by file and position
    files: int  # number of files read
    complete: bool  # False when references between files were not checked, because of errors
    translations: Translations = NO_TRANSLATIONS  # the content translations, when valid


def check_strategy(root: Path, shown_root: str | None = None) -> CheckResult:
    """Load and validate the strategy folder ``root``, and its translations."""
    docs, load_issues = load_strategy(root, shown_root)
    result = validate(docs, root)
    issues = load_issues + result.issues
    # An error found while reading (a missing or empty regions/ folder, an unreadable file) is an
    # error of the strategy like any other: no command may build from it.
    failed = any(i.severity is IssueSeverity.ERROR for i in load_issues)
    strategy = None if failed else result.strategy
    translations = NO_TRANSLATIONS
    translated: list[tuple[str, SourceDoc]] = []
    if strategy is not None:
        # Translations are checked against a valid strategy only: their items and fields are
        # known then, and an error in them is an error of the strategy folder like any other.
        translated, read = load_translations(root, shown_root)
        translations, found = check_translations(strategy, translated)
        issues += read + found
        if _has_errors(read + found):
            strategy = None
    files = result.files + (len(translated) if result.strategy is not None else 0)
    return dataclasses.replace(
        result, issues=sorted(issues), strategy=strategy, translations=translations, files=files
    )


def validate(docs: list[SourceDoc], root: Path | None = None) -> CheckResult:
    """Check the loaded files; with the strategy folder ``root``, the files they name (logos)
    too."""
    found = _convert_files(docs)
    issues = found.issues + _check_ids(found) + _check_periods(found)
    issues += _check_duplicates(found)
    if found.strategy_file is not None:
        issues += _check_document(found.strategy_file.document)
        if found.strategy_file.funding is not None and root is not None:
            issues += _check_logos(found.strategy_file.funding, root)
    complete = found.all_readable and not issues
    if complete:
        issues += _check_references(found) + _check_flagships(found)
    for region in found.regions:
        issues += _check_region(region, found, complete)
    if not complete or _has_errors(issues) or not (found.strategy_file and found.sources_file):
        return CheckResult(None, sorted(_accept(issues, found, False)), len(docs), complete)
    issues += _warnings(found) + _source_warnings(found, found.strategy_file, found.sources_file)
    issues += _glossary_warnings(found, found.strategy_file, found.sources_file)
    issues += _map_warnings(found) + _placeholder_warnings(found)
    issues = _accept(issues, found, True)
    strategy = model.Strategy(
        document=found.strategy_file.document,
        chapters=found.strategy_file.chapters,
        priority_areas=found.strategy_file.priority_areas,
        sources=found.sources_file.sources,
        regions=tuple(sorted(found.regions, key=lambda r: r.id)),
        vocabularies=found.strategy_file.vocabularies,
        flagship_actions=found.strategy_file.flagship_actions,
        glossary=found.strategy_file.glossary,
        funding=found.strategy_file.funding,
    )
    return CheckResult(strategy, sorted(issues), len(docs), True)


def read_vocabularies(root: Path) -> tuple[model.Vocabularies | None, list[Issue]]:
    """The vocabularies strategy.yaml declares (for its JSON Schema), read from that part of
    that file alone, so that errors elsewhere do not stand in the way of an editor's completion;
    ``None`` with the issues that prevent reading them."""
    docs, load_issues = load_strategy(root)
    for doc in docs:
        if doc.name != "strategy.yaml":
            continue
        if doc.root is None:
            return None, [i for i in load_issues if i.file == doc.file]
        if (outdated := _format_issue(doc)) is not None:
            return None, [outdated]
        node = doc.root.get("vocabularies") if isinstance(doc.root, Mapping) else None
        if node is None:
            return None, [
                make_issue(
                    "missing-key",
                    doc.file,
                    1,
                    1,
                    "vocabularies",
                    "the strategy file has no 'vocabularies' (README: the strategy's own "
                    "vocabularies)",
                )
            ]
        converter = Converter(doc.file)
        value = converter.convert_part(node, model.Vocabularies, "vocabularies")
        if value is INVALID:
            return None, converter.issues
        return value, []
    return None, [i for i in load_issues if i.file.endswith("strategy.yaml")] or load_issues


def _has_errors(issues: list[Issue]) -> bool:
    return any(i.severity is IssueSeverity.ERROR for i in issues)


def _convert_files(docs: list[SourceDoc]) -> _Collected:
    found = _Collected(
        issues=[],
        ids=[],
        refs=[],
        all_readable=all(d.root is not None for d in docs),
    )
    for doc in docs:
        if doc.root is None:
            continue
        cls = _FILE_CLASSES.get(doc.name, model.Region)
        if cls is model.StrategyFile and (outdated := _format_issue(doc)) is not None:
            # One message for the file instead of one per key the old format used differently.
            found.issues.append(outdated)
            continue
        converter = Converter(doc.file)
        value = converter.convert(doc.root, cls)
        found.issues += converter.issues
        found.ids += converter.ids
        found.refs += converter.refs
        if value is INVALID:
            continue
        if isinstance(value, model.StrategyFile):
            found.strategy_file = value
        elif isinstance(value, model.SourcesFile):
            found.sources_file = value
        else:
            found.regions.append(value)
            if value.id != PurePosixPath(doc.name).stem:
                id_line, id_col = value.origin.at("id")
                found.issues.append(
                    make_issue(
                        "id-file-mismatch",
                        doc.file,
                        id_line,
                        id_col,
                        "id",
                        f"the region id '{value.id}' does not match the file name "
                        f"'{PurePosixPath(doc.name).name}'; rename the file to "
                        f"'{value.id}.yaml' or change the id",
                    )
                )
    return found


def _format_issue(doc: SourceDoc) -> Issue | None:
    """The one error of a strategy.yaml written in a format other than this s3gen's, if it is.

    A `format` that is not a whole number is left to the converter, which says so at the value.
    """
    root = doc.root
    if not isinstance(root, Mapping) or (written := written_format(root)).number is None:
        return None
    number, stated = written.number, written.stated
    line, column = (stated.line, stated.column) if stated else (root.line, root.column)
    migrate = f"`s3gen migrate{strategy_option(str(PurePosixPath(doc.file).parent))}`"
    if number < 1:
        return make_issue(
            "invalid-value",
            doc.file,
            line,
            column,
            "format",
            f"'format' is {model.FORMAT} for this s3gen (format 1 was the one before the "
            f"vocabularies were data); {number} is no format of s3gen's files",
        )
    if number > model.FORMAT:
        return make_issue(
            "format-newer",
            doc.file,
            line,
            column,
            "format",
            f"this strategy is written in format {number}, and this s3gen ({__version__}) "
            f"reads format {model.FORMAT}: install a newer s3gen (`pipx upgrade s3gen`, or "
            "`pip install --upgrade s3gen`)",
        )
    if number == model.FORMAT:
        if not written.old_keys:
            return None
        key = written.old_keys[0]
        return make_issue(
            "format-outdated",
            doc.file,
            key.line,
            key.column,
            "format",
            f"'{OLD_KEY}' is format 1's name of '{NEW_KEY}', though the file says format "
            f"{model.FORMAT}: run {migrate}, which renames each and declares the EUSBSR's "
            "policy areas in `vocabularies:`",
        )
    if not written.format_1_content:
        return make_issue(
            "format-outdated",
            doc.file,
            line,
            column,
            "format",
            f"the file has `vocabularies:` (format {model.FORMAT}) but no `format` key: write "
            f"`format: {model.FORMAT}` at its top, or run {migrate}",
        )
    return make_issue(
        "format-outdated",
        doc.file,
        line,
        column,
        "format",
        f"this strategy is written in format {number}, before its vocabularies were data, and "
        f"this s3gen reads format {model.FORMAT}. Run {migrate}: it adds `format: "
        f"{model.FORMAT}`, declares in `vocabularies:` the development groups' names and the "
        "lists format 1 had built in that the strategy uses (the EUSBSR's policy areas, the "
        f"GoSmart projects), and renames `{OLD_KEY}` to `{NEW_KEY}`; nothing else in the file "
        "changes. Then run `s3gen schema`",
    )


def _issue_at(code: str, entry: IdEntry | RefEntry, message: str) -> Issue:
    return make_issue(code, entry.file, entry.line, entry.column, entry.path, message)


def _check_ids(found: _Collected) -> list[Issue]:
    issues = []
    first: dict[tuple[str, str], IdEntry] = {}
    # A copied region file repeats every id of the original: blame the copy, i.e. the file whose
    # name does not match its region id, not the original.
    misnamed = {
        e.file for e in found.ids if e.kind == "region" and PurePosixPath(e.file).stem != e.value
    }
    for entry in sorted(found.ids, key=lambda e: (e.file in misnamed, e.file, e.line, e.column)):
        key = (entry.kind, entry.value)
        if key in first:
            prev = first[key]
            where = "" if prev.file == entry.file else f"{prev.file} "
            issues.append(
                _issue_at(
                    "duplicate-id",
                    entry,
                    f"{entry.kind} id '{entry.value}' is already used ({where}line {prev.line}); "
                    "ids must be unique across the whole strategy",
                )
            )
        else:
            first[key] = entry
    return issues


def _check_references(found: _Collected) -> list[Issue]:
    issues = []
    ids = found.ids_by_kind
    for ref in found.refs:
        # References are checked only when every file is valid (see validate), so each one is.
        if ref.value in ids[ref.kind]:
            continue
        if (declared_in := BY_NAMESPACE[ref.kind].declared_in) is not None:
            issues.append(_unknown_term(ref, list(ids[ref.kind]), declared_in))
            continue
        issues.append(
            _issue_at(
                "unknown-reference",
                ref,
                f"unknown {ref.kind} '{ref.value}'"
                f"{suggestion(ref.value, ids[ref.kind], f'known {ref.kind} ids')}",
            )
        )
    return issues


# Enough to read on one line; a longer vocabulary is in strategy.yaml for the reader to see.
MOST_TERMS_LISTED = 40


def _unknown_term(ref: RefEntry, declared: list[str], declared_in: str) -> Issue:
    """A value a vocabulary of strategy.yaml does not declare: the allowed values are listed."""
    where = f"{declared_in} in strategy.yaml"
    label = BY_NAMESPACE[ref.kind].label
    if not declared:
        return _issue_at(
            "unknown-reference",
            ref,
            f"{visible(ref.value)} is not a {label} of this strategy: it declares none; declare "
            f"the list in {where}, or remove '{ref.field}'",
        )
    listed = ", ".join(declared[:MOST_TERMS_LISTED]) + (
        ", …" if len(declared) > MOST_TERMS_LISTED else ""
    )
    close = did_you_mean(ref.value, declared)
    hint = f" (did you mean '{close}'?)" if close else ""
    return _issue_at(
        "unknown-reference",
        ref,
        f"{visible(ref.value)} is not a {label} of this strategy{hint}; allowed: {listed} "
        f"(declared in {where})",
    )


def _at(item: Any, key: str, code: str, message: str) -> Issue:
    origin: model.Origin = item.origin
    line, column = origin.at(key)
    path = f"{origin.path}.{key}" if origin.path else key
    return make_issue(code, origin.file, line, column, path, message)


def _check_periods(found: _Collected) -> list[Issue]:
    """A period's first year is not after its last (the converter checked the form)."""
    issues = []
    items: list[model.Source | model.Document] = list(
        found.sources_file.sources if found.sources_file else ()
    )
    if found.strategy_file is not None:
        items.append(found.strategy_file.document)
    for item in items:
        first, _, last = (item.period or "").partition("-")
        if first and first > last:
            issues.append(
                _at(
                    item,
                    "period",
                    "invalid-format",
                    f"the period '{item.period}' ends before it starts: write the first year "
                    f"covered, then the last, e.g. '{last}-{first}'",
                )
            )
    return issues


def _check_duplicates(found: _Collected) -> list[Issue]:
    """A glossary term or a flagship action listed twice, reported where it is repeated."""
    issues = []
    flagships: dict[str, RefEntry] = {}
    for ref in found.refs:
        if ref.owner is not model.StrategyFile or ref.field != "flagship_actions":
            continue
        if ref.value in flagships:
            issues.append(
                _issue_at(
                    "duplicate-entry",
                    ref,
                    f"action '{ref.value}' is already a flagship (line "
                    f"{flagships[ref.value].line}); list each flagship action once",
                )
            )
        else:
            flagships[ref.value] = ref
    terms: dict[str, int] = {}
    for term in found.strategy_file.glossary if found.strategy_file else ():
        line = term.origin.at("term")[0]
        if term.term.strip() in terms:
            issues.append(
                _at(
                    term,
                    "term",
                    "duplicate-entry",
                    f"the glossary already explains '{term.term.strip()}' (line "
                    f"{terms[term.term.strip()]}); merge the two entries into one",
                )
            )
        else:
            terms[term.term.strip()] = line
    return issues


def _check_document(document: model.Document) -> list[Issue]:
    """An ISBN's check digit (the converter checked its form)."""
    if document.isbn is None:
        return []
    expected = isbn13_check_digit(document.isbn)
    if int(document.isbn[-1]) == expected:
        return []
    return [
        _at(
            document,
            "isbn",
            "invalid-format",
            f"the ISBN '{document.isbn}' is not valid: its last digit, the check digit, is "
            f"{document.isbn[-1]}, but its first twelve digits give {expected}; one of the "
            "digits is mistyped: copy the ISBN again from the imprint or the ISBN agency",
        )
    ]


def _check_logos(funding: model.Funding, root: Path) -> list[Issue]:
    """Each logo is a PNG or SVG image in the strategy folder that loads, named after its
    format (browsers and the PDF go by the name's ending)."""
    issues = []
    judged: dict[str, tuple[str, str] | None] = {}  # each file read once, however often named
    for logo in funding.logos:
        if logo.file not in judged:
            judged[logo.file] = _judge_logo(root, logo.file)
        problem = judged[logo.file]
        if problem is not None:
            issues.append(_at(logo, "file", *problem))
    return issues


def _judge_logo(root: Path, name: str) -> tuple[str, str] | None:
    """(code, message) of what is wrong with the logo file ``name``, if anything."""
    data = read_named_file(
        root, name, LARGEST_FILE, missing="logo-missing", too_large="logo-invalid"
    )
    if isinstance(data, Refused):
        return data.code, data.message
    try:
        found = image_format(data)
    except NotAnImage as exc:
        return "logo-invalid", f"'{name}' cannot be shown as a logo: {exc}"
    suffix = f".{found.lower()}"
    if not name.lower().endswith(suffix):
        return (
            "logo-invalid",
            f"'{name}' holds {'an' if found is ImageFormat.SVG else 'a'} {found} image, but its "
            f"name does not end in {suffix}: rename "
            f"it, since browsers and the PDF take the format from the name",
        )
    return None


def _check_region(region: model.Region, found: _Collected, complete: bool) -> list[Issue]:
    """Domain rules inside one structurally valid region file."""
    issues = []
    prefix = nuts_prefix(region.country)
    for nuts in (*([region.nuts] if region.nuts else []), *region.other_nuts):
        if not nuts.code.startswith(prefix):
            issues.append(
                _at(
                    nuts,
                    "code",
                    "nuts-country-mismatch",
                    f"NUTS code '{nuts.code}' does not start with '{prefix}', the "
                    f"prefix of the region's country {region.country}",
                )
            )
        elif len(nuts.code) - 2 != nuts.level:
            issues.append(
                _at(
                    nuts,
                    "level",
                    "nuts-level-mismatch",
                    f"NUTS code '{nuts.code}' has {len(nuts.code) - 2} character(s) "
                    f"after the country prefix, so it is level {len(nuts.code) - 2}, "
                    f"not {nuts.level}",
                )
            )
        if nuts.parent is not None and not (
            nuts.code.startswith(nuts.parent) and len(nuts.parent) < len(nuts.code)
        ):
            issues.append(
                _at(
                    nuts,
                    "parent",
                    "nuts-parent-mismatch",
                    f"'{nuts.parent}' cannot be the parent of NUTS code '{nuts.code}': "
                    "a parent code is the start of its child's code",
                )
            )
    for action in region.actions:
        if action.start and action.end and action.end < action.start:
            issues.append(
                _at(
                    action,
                    "end",
                    "end-before-start",
                    f"the action ends ({action.end}) before it starts ({action.start})",
                )
            )
        if action.scope is model.ActionScope.TRANSNATIONAL and not action.partner_regions:
            issues.append(
                _at(
                    action,
                    "scope",
                    "scope-mismatch",
                    "a transnational action needs at least one other region in 'partner_regions'",
                )
            )
        if action.scope is model.ActionScope.REGIONAL and action.partner_regions:
            issues.append(
                _at(
                    action,
                    "partner_regions",
                    "scope-mismatch",
                    "a regional action has no partner regions; set 'scope: "
                    "transnational' or remove 'partner_regions'",
                )
            )
        if model.RegionRef(region.id) in action.partner_regions:
            issues.append(
                _at(
                    action,
                    "partner_regions",
                    "scope-mismatch",
                    f"'{region.id}' is this file's own region; list only the other "
                    "regions taking part",
                )
            )
    if complete:  # the rules below look up ids in other files
        issues += _check_peer_learning(region, found)
    for item in nested_items(region):
        # Every fact needs a source, except proposals (illustrative) and facts labelled
        # unconfirmed. The region itself is not a fact: its facts (NUTS, rankings, S3,
        # partners) each carry their own sources.
        if (
            hasattr(item, "sources")
            and not item.sources
            and not getattr(item, "illustrative", False)
            and getattr(item, "status", None) is not model.FactStatus.UNCONFIRMED
            and not isinstance(item, model.Region)
        ):
            issues.append(
                _at(
                    item,
                    "sources",
                    "unsourced-fact",
                    f"this {LABELS[type(item)]} is presented as fact but cites "
                    "no source: add 'sources: [source-id]', or "
                    + (
                        "mark it 'illustrative: true' if it is a proposal"
                        if hasattr(item, "illustrative")
                        else "write 'status: unconfirmed' and a 'note' saying why"
                    ),
                )
            )
    return issues


def _check_peer_learning(region: model.Region, found: _Collected) -> list[Issue]:
    issues = []
    region_of = found.region_of_file
    ids = found.ids_by_kind
    for item in region.peer_learning:
        if model.RegionRef(region.id) in item.mentors:
            issues.append(
                _at(
                    item,
                    "mentors",
                    "mentor-is-learner",
                    f"'{region.id}' is the learner (this file's region) and cannot "
                    "be its own mentor",
                )
            )
        practice = ids["practice"].get(item.good_practice or "")
        # A mentor that is no known region is already an unknown reference, and most often a
        # misspelt name of the practice's region: saying the practice is not theirs too would
        # only repeat that error.
        mentors_known = all(m in ids["region"] for m in item.mentors)
        if practice is not None and mentors_known:
            owner = region_of.get(practice.file)
            if owner is not None and owner not in item.mentors:
                issues.append(
                    _at(
                        item,
                        "good_practice",
                        "practice-not-mentors",
                        f"good practice '{practice.value}' belongs to '{owner}', "
                        f"which is not among the mentors ({', '.join(item.mentors)}): add "
                        f"'{owner}' to 'mentors', or draw on a good practice of one of the "
                        "mentors",
                    )
                )
        gap = ids["gap"].get(item.gap or "")
        if gap is not None and gap.file != item.origin.file:
            owner = region_of.get(gap.file, gap.file)
            issues.append(
                _at(
                    item,
                    "gap",
                    "gap-not-learners",
                    f"gap '{gap.value}' belongs to '{owner}', not to the learner '{region.id}'",
                )
            )
    return issues


def _check_flagships(found: _Collected) -> list[Issue]:
    """Each flagship is a joint transnational action (an unknown one is an unknown reference)."""
    actions = {a.id: (r, a) for r in found.regions for a in r.actions}
    issues = []
    for ref in found.refs:
        if ref.owner is not model.StrategyFile or ref.field != "flagship_actions":
            continue
        region, action = actions.get(model.Id(ref.value), (None, None))
        if (
            region is not None
            and action is not None
            and action.scope is not (model.ActionScope.TRANSNATIONAL)
        ):
            issues.append(
                _issue_at(
                    "flagship-not-joint",
                    ref,
                    f"action '{ref.value}' of {region.name} is a {action.scope} action; a "
                    "flagship is a joint transnational action: name one with 'scope: "
                    "transnational', or make this one transnational with its partner regions",
                )
            )
    return issues


def _warnings(found: _Collected) -> list[Issue]:
    def referenced(kind: str, owner: type | None = None, field: str | None = None) -> set[str]:
        return {
            r.value
            for r in found.refs
            if r.kind == kind and (owner is None or (r.owner is owner and r.field == field))
        }

    addressed = referenced("gap", model.Action, "gaps")
    held = referenced("area", model.Priority, "areas")
    cited = referenced("source")
    mentors = referenced("region", model.PeerLearning, "mentors")
    learner_files = {r.file for r in found.ids if r.kind == BY_NAME["peer-learning"].namespace}
    region_of = found.region_of_file
    learners = {region_of[f] for f in learner_files if f in region_of}
    issues = []
    for entry in found.ids:
        if entry.kind == "gap" and entry.value not in addressed:
            issues.append(
                _issue_at(
                    "gap-unaddressed",
                    entry,
                    f"no action addresses gap '{entry.value}'; list it in an action's 'gaps'",
                )
            )
        elif entry.kind == "area" and entry.value not in held:
            issues.append(
                _issue_at("area-unused", entry, f"no region has a priority in area '{entry.value}'")
            )
        elif entry.kind == "source" and entry.value not in cited:
            issues.append(
                _issue_at("source-uncited", entry, f"nothing cites source '{entry.value}'")
            )
        elif entry.kind == "region" and entry.value not in learners | mentors:
            issues.append(
                _issue_at(
                    "region-without-peer-learning",
                    entry,
                    f"region '{entry.value}' is neither a learner nor a mentor "
                    "in any peer-learning item",
                )
            )
    return issues


def _facts(found: _Collected, strategy_file: model.StrategyFile) -> list[Any]:
    """The items presented as facts that cite sources: not proposals, and not the region itself
    (its facts carry their own sources, as for `unsourced-fact`)."""
    items: list[Any] = [a for a in strategy_file.priority_areas if a.sources]
    for region in found.regions:
        items += [
            item
            for item in nested_items(region)
            if getattr(item, "sources", ())
            and not getattr(item, "illustrative", False)
            and not isinstance(item, model.Region)
        ]
    return items


def _source_warnings(
    found: _Collected, strategy_file: model.StrategyFile, sources_file: model.SourcesFile
) -> list[Issue]:
    """What a reader needs to weigh the sources: a way to find each, facts resting only on
    copies, and facts presented as current that rest only on strategies that have ended."""
    issues = []
    by_id = {s.id: s for s in sources_file.sources}
    for source in sources_file.sources:
        if source.url is None and source.reference is None:
            issues.append(
                _at(
                    source,
                    "url",
                    "source-unfindable",
                    f"a reader cannot find source '{source.id}': add its address ('url: "
                    "https://...') or a 'reference' to find it by (an ISBN, DOI or archive)",
                )
            )
    published = strategy_file.document.publication_date
    for item in _facts(found, strategy_file):
        cited = [by_id[i] for i in dict.fromkeys(item.sources) if i in by_id]
        if not cited:
            continue
        names = ", ".join(f"'{s.id}'" for s in cited)
        label = LABELS[type(item)]
        unconfirmed = getattr(item, "status", None) is model.FactStatus.UNCONFIRMED
        if not unconfirmed and all(s.kind is model.SourceKind.SECONDARY_COPY for s in cited):
            issues.append(
                _at(
                    item,
                    "sources",
                    "source-secondary",
                    f"this {label} rests only on secondary copies ({names}): cite the original "
                    "document or page"
                    + (
                        ", or mark it 'illustrative: true' if it is a proposal"
                        if hasattr(item, "illustrative")
                        else ", or write 'status: unconfirmed' and a 'note' saying why"
                        if hasattr(item, "status")
                        else ""
                    ),
                )
            )
        # A completed action is reported as past, not as current.
        if getattr(item, "status", None) is model.ActionStatus.COMPLETED:
            continue
        ends = [int(s.period.rpartition("-")[2]) for s in cited if s.period]
        if len(ends) == len(cited) and max(ends) < published.year:
            periods = ", ".join(f"'{s.id}' {s.period}" for s in cited)
            issues.append(
                _at(
                    item,
                    "sources",
                    "source-period-ended",
                    f"this {label} is presented as current, but every source it cites covers a "
                    f"period that ended before the publication date {published} ({periods}): "
                    "cite the strategy in force, or say in the text that this is from the "
                    "ended one",
                )
            )
    return issues


def _map_warnings(found: _Collected) -> list[Issue]:
    """A region whose NUTS 2021 code the map's boundaries do not hold (one look-up each)."""
    codes = geo.nuts_codes()
    issues = []
    for region in found.regions:
        nuts = geo.map_nuts(region)
        if nuts is not None and nuts.code not in codes:
            issues.append(
                _at(
                    nuts,
                    "code",
                    "nuts-not-on-map",
                    f"the map of the regions cannot show '{nuts.code}': the NUTS "
                    f"{geo.MAP_VERSION} boundaries s3gen draws it from have no region of that "
                    "code (check the code, or give the region's NUTS 2021 code in 'other_nuts'); "
                    "the map leaves the region out",
                )
            )
    return issues


def _placeholder_warnings(found: _Collected) -> list[Issue]:
    """Each published text that still holds a placeholder of a skeleton (`s3gen new`)."""
    values: list[Any] = [found.strategy_file, found.sources_file, *found.regions]
    return [
        _at(
            item,
            name,
            "placeholder",
            f"'{name}' still holds the placeholder text \"{text}\": write the real text",
        )
        for value in values
        if value is not None
        for item, name, text in placeholders_in(value)
    ]


def _glossary_warnings(
    found: _Collected, strategy_file: model.StrategyFile, sources_file: model.SourcesFile
) -> list[Issue]:
    """Each abbreviation the published text uses that the glossary does not explain, shown at
    its first use (in reading order: strategy.yaml, then the region files), and each glossary
    entry for an abbreviation no published text uses. The titles of the sources are not read:
    they are other works' titles, quoted as they are."""
    uses: Counter[str] = Counter()
    # abbreviation -> where it is first used (file rank, line, column), the item and field, and
    # how it is written there
    first: dict[str, tuple[tuple[int, int, int], Any, str, str]] = {}
    for rank, value in enumerate([strategy_file, *found.regions]):
        for item, name, text in prose(value):
            here = dict(reversed(abbreviation_uses(text)))  # each with its first written form
            if not here:
                continue
            words = abbreviations(text)
            if isinstance(item, model.Term):  # a term's own meaning is no use of it
                own = set(abbreviations(item.term))
                words = [w for w in words if w not in own]
            uses.update(words)
            where = (rank, *item.origin.at(name))
            for word, written in here.items():
                if word not in first or where < first[word][0]:
                    first[word] = (where, item, name, written)
    glossary = strategy_file.glossary
    # A term of several abbreviations ("DG REGIO") explains each of them.
    explained = {t.term.strip() for t in glossary} | {
        word for t in glossary for word in abbreviations(t.term)
    }
    issues = []
    for word, (_, item, name, written) in first.items():
        if word in explained:
            continue
        more = uses[word] - 1
        what = (
            f"'{word}' is an abbreviation"
            if written == word
            else f"'{written}' holds the abbreviation '{word}', which"
        )
        issues.append(
            _at(
                item,
                name,
                "abbreviation-undefined",
                f"{what} the glossary does not explain: add it to 'glossary' in "
                f"{strategy_file.origin.file} with what it stands for ("
                + (
                    f"used here first, and in {more:,} more place{'s' if more > 1 else ''}"
                    if more
                    else "used only here"
                )
                + ")",
            )
        )
    for term in glossary:
        key = term_abbreviation(term.term)
        if key is not None and not uses[key]:
            issues.append(
                _at(
                    term,
                    "term",
                    "glossary-unused",
                    f"the glossary explains '{key}', which no published text uses: remove the "
                    "entry, or check how the text writes it",
                )
            )
    return issues


def _parent_paths(path: str) -> list[str]:
    """``path`` and the path of each item around it, nearest first: 'gaps[0].id' ->
    ['gaps[0].id', 'gaps[0]', 'gaps', '']."""
    paths = [path]
    while path:
        cut = max(path.rfind("."), path.rfind("["))
        path = path[: max(cut, 0)]
        paths.append(path)
    return paths


def _accept(issues: list[Issue], found: _Collected, complete: bool) -> list[Issue]:
    """Each warning that its item accepts (an ``accepted`` entry with the warning's code) with
    the editors' reason; when every warning was computed (``complete``), a warning for each
    entry that accepts none."""
    items: list[Any] = []
    if found.strategy_file:
        items += found.strategy_file.priority_areas
    if found.sources_file:
        items += found.sources_file.sources
    for region in found.regions:
        items += [i for i in nested_items(region) if hasattr(i, "accepted")]
    # Every item that can accept a warning, whether it does or not: a warning belongs to the
    # nearest of them around it, and only that item's own entries accept it (a region's entry
    # accepts the region's warnings, never those of the items in its file).
    owner: dict[tuple[str, str], Any] = {(i.origin.file, i.origin.path): i for i in items}
    at = {key: i for key, i in owner.items() if i.accepted}
    if not at:
        return issues
    used: set[int] = set()
    result = []
    for issue in issues:
        if issue.severity is IssueSeverity.WARNING:
            item = next(
                (
                    owner[(issue.file, p)]
                    for p in _parent_paths(issue.path)
                    if (issue.file, p) in owner
                ),
                None,
            )
            entry = next((e for e in item.accepted if e.code == issue.code), None) if item else None
            if entry is not None:
                used.add(id(entry))
                issue = dataclasses.replace(issue, accepted=entry.reason)
        result.append(issue)
    if complete:
        for item in at.values():
            for entry in item.accepted:
                if id(entry) not in used:
                    result.append(
                        _at(
                            entry,
                            "code",
                            "accepted-unused",
                            f"this {LABELS[type(item)]} has no '{entry.code}' warning to "
                            "accept; remove the entry",
                        )
                    )
    return result
