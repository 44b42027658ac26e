"""What goes wrong, and how it is told: the issue records validation reports, the catalogue of
issue codes, the one exception base of s3gen's own problems, and the formatters of issues for
people (text), tools (JSON) and CI (GitHub annotations)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from s3gen.words import listed


class S3genError(Exception):
    """One of s3gen's own problems (a build, a template, a revision, a file it would not
    write): the message says what and where, and the command ends with it and exit code 1."""


class IssueSeverity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Every code s3gen can report, with the one line the README shows for it. A test keeps the README
# table and this catalogue in step, and another checks each code has a fixture.
CODES: dict[str, str] = {
    # Reading the files
    "missing-file": "A required file or folder (strategy.yaml, sources.yaml, regions/) is missing.",
    "outside-strategy": "A file is a link to a place outside the strategy folder; it is not read.",
    "not-utf8": "The file is not UTF-8 text (or contains a NUL byte).",
    "file-too-large": "The file is larger than the size limit.",
    "empty-file": "The file is empty or holds only comments.",
    "yaml-syntax": "The file is not valid YAML; the message says where the parser gave up.",
    "multiple-documents": "The file holds more than one YAML document (a line with ---).",
    "yaml-alias": "Anchors and aliases (&name, *name) are not allowed in strategy files.",
    "yaml-tag": "An explicit YAML tag (!something) is not allowed.",
    "too-deep": "Mappings and lists are nested deeper than the limit.",
    "duplicate-key": "A key appears twice in one mapping; YAML would silently keep the last.",
    "comment-in-text": "A '#' glued to a word after a value starts a comment: the text ends there.",
    # The shape of each file
    "format-outdated": "strategy.yaml is written in an older format of s3gen's files (format 1: "
    "no `format` key): `s3gen migrate` brings it up to date.",
    "format-newer": "strategy.yaml is written in a newer format than this s3gen reads: install "
    "a newer s3gen.",
    "not-a-mapping": "The file or item must be a mapping of keys to values.",
    "unknown-key": (
        "A key that the layout does not know, usually a typo; a partner takes"
        " `status: unconfirmed`, not `illustrative`."
    ),
    "missing-key": "A required key is missing.",
    "empty-value": "A required value is empty.",
    "wrong-type": "A value has the wrong type (e.g. a list where a text was expected).",
    "implicit-type": "YAML read an unquoted value as a boolean, number, date or null: quote it.",
    "invalid-value": "A value is not one of the allowed choices.",
    "invalid-id": "An id is not kebab-case (lowercase letters, digits and single hyphens), or "
    "the id of a vocabulary's entry is not lowercase letters and digits joined by single hyphens "
    "or underscores.",
    "invalid-format": "A code, date, address or language tag is malformed.",
    "out-of-range": "A number is outside its allowed range (e.g. a negative budget or target).",
    "control-character": "A text holds a control or direction character (an escape, a carriage "
    "return, a line break outside Markdown): it could disguise what a terminal, a CSV reader or "
    "a review shows.",
    "combining-marks": "A text holds more than 30 combining marks (accents and the like) in a "
    "row: no language needs so many, and laying them out takes time that grows with the square "
    "of their number.",
    # Across files
    "duplicate-id": "Two items of the same kind share an id.",
    "id-file-mismatch": "A region's id differs from its file name.",
    "unknown-reference": "A reference to a region, area, priority, gap, practice, partner, action "
    "or source that does not exist, or a policy area or project the vocabularies do not declare.",
    "nuts-country-mismatch": "The NUTS code does not start with the region's country code.",
    "nuts-level-mismatch": "The NUTS code's length does not match its level.",
    "nuts-parent-mismatch": "The parent NUTS code is not a prefix of the region's code.",
    "mentor-is-learner": "A region is named as a mentor in its own peer-learning item.",
    "practice-not-mentors": "A peer-learning item draws on a good practice of a region that is not "
    "one of its mentors (when a mentor is an unknown region, only the unknown-reference is "
    "reported).",
    "gap-not-learners": "A peer-learning item addresses a gap of another region.",
    "end-before-start": "An action ends before it starts.",
    "scope-mismatch": "A transnational action has no partner regions, or a regional one has some.",
    "unsourced-fact": "A fact cites no source: cite one, or mark it a proposal or unconfirmed.",
    "duplicate-entry": "A glossary term or a flagship action is listed twice.",
    "flagship-not-joint": "A flagship action is not a joint transnational action (scope: "
    "transnational).",
    "logo-missing": "A logo file does not exist in the strategy folder, or is not a file (a "
    "folder, a pipe, a device, a link to nothing).",
    "logo-invalid": "A logo file is larger than 1 MiB, is not a PNG or SVG image that loads, or "
    "has a name that does not end in its format (.png, .svg).",
    # Translations (strategy/translations/<language>/)
    "translation-unknown": "A translation names an item, a field or a file that the strategy "
    "does not have, close to one it has (a typo), or a field that is not translated.",
    "translation-stale": "The source text changed since the translation was made: the edition "
    "prints the source text until the translation is updated.",
    "translation-orphan": "A translation of an item, a field or a file that is no longer in the "
    "strategy: it is not used.",
    # Warnings (errors under --strict)
    "ignored-file": "A file in regions/ that is not read because its name does not end in .yaml, "
    "or a file in translations/ that translates no strategy file.",
    "gap-unaddressed": "No action addresses the gap.",
    "region-without-peer-learning": "The region takes part in no peer-learning item.",
    "area-unused": "No region's priority belongs to the priority area.",
    "source-uncited": "Nothing cites the source.",
    "source-secondary": "A fact's only sources are secondary copies (kind: secondary_copy, e.g. "
    "a docslib, wikimili or Kiwix mirror): cite the original, or mark the fact unconfirmed.",
    "source-period-ended": "A fact presented as current rests only on sources whose period (of a "
    "strategy or plan) ended before the document's publication date.",
    "source-unfindable": "A source has neither an address (url) nor a reference (ISBN, DOI, "
    "archive) by which a reader can find it.",
    "abbreviation-undefined": "The published text uses an abbreviation that the glossary does "
    "not explain.",
    "glossary-unused": "No published text uses the abbreviation a glossary entry explains.",
    "nuts-not-on-map": "The region's NUTS 2021 code is not in the boundaries the map is drawn "
    "from: the map leaves the region out.",
    "placeholder": 'A published text still holds a placeholder that `s3gen new` wrote ("New '
    'action", "What the action does, for whom and how."): write the real text; it cannot be '
    "accepted.",
    "accepted-unused": "An accepted warning that the item does not have (any longer): remove the "
    "entry from 'accepted'.",
}

WARNING_CODES = frozenset(
    {
        "gap-unaddressed",
        "region-without-peer-learning",
        "area-unused",
        "source-uncited",
        "source-secondary",
        "source-period-ended",
        "source-unfindable",
        "accepted-unused",
        "comment-in-text",
        "ignored-file",
        "abbreviation-undefined",
        "glossary-unused",
        "nuts-not-on-map",
        "placeholder",
        "translation-stale",
        "translation-orphan",
    }
)

# The warnings an item's `accepted` list may name: not a file that is not read (it is no item),
# nor an acceptance that matches nothing (remove it instead), nor the glossary's: each is about
# the whole text, not the item where it is shown (the first use of an abbreviation, which moves
# as the text changes), and is fixed in the glossary itself. Nor a placeholder: no reason makes
# a skeleton's text fit to publish.
ACCEPTABLE_CODES = WARNING_CODES - {
    "ignored-file",
    "accepted-unused",
    "abbreviation-undefined",
    "glossary-unused",
    "placeholder",
    "translation-stale",  # fixed in the translation file, which has no `accepted` lists
    "translation-orphan",
}


@dataclass(frozen=True, order=True)
class Issue:
    """One problem found in the strategy, located in a file.

    Ordering (file, line, column, ...) is the order issues are printed in. ``accepted`` is the
    editors' reason when they accepted this warning where it occurs (an ``accepted`` entry of the
    item): it is still reported, but not made an error by ``--strict``.
    """

    file: str
    line: int
    column: int
    code: str
    message: str
    path: str = ""
    severity: IssueSeverity = IssueSeverity.ERROR
    accepted: str | None = None

    def as_dict(self) -> dict[str, str | int]:
        """The issue as the JSON output shows it; an accepted warning has its reason too."""
        fields: dict[str, str | int] = {
            "code": self.code,
            "severity": str(self.severity),
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "message": self.message,
        }
        if self.accepted is not None:
            fields["accepted"] = self.accepted
        return fields


# A message quotes the value it is about, and a value can be as long as a file (2 MiB): beyond
# this many characters the middle of a message or path is left out, so that every issue stays a
# readable line whatever the input. The start names the value, the end says what to do.
LONGEST_MESSAGE = 400


def bounded(text: str, limit: int = LONGEST_MESSAGE) -> str:
    """``text``, or its start and end with the count of characters left out between them."""
    if len(text) <= limit:
        return text
    # The note is sized for the most that can be left out, so that the whole fits the limit.
    keep = limit - len(f" … ({len(text):,} characters left out) … ")
    head = keep * 2 // 3
    tail = keep - head
    return f"{text[:head]} … ({len(text) - head - tail:,} characters left out) … {text[-tail:]}"


def make_issue(code: str, file: str, line: int, column: int, path: str, message: str) -> Issue:
    """An issue whose severity follows from its code."""
    if code not in CODES:
        raise KeyError(f"undocumented issue code {code!r}")
    severity = IssueSeverity.WARNING if code in WARNING_CODES else IssueSeverity.ERROR
    return Issue(
        file=file,
        line=line,
        column=column,
        code=code,
        message=bounded(message),
        path=bounded(path),
        severity=severity,
    )


# Issues of one code in one file shown in text and annotations; the rest are counted (all of
# them are in --format json). A file with 380,000 unknown citations prints 100 lines, not 380,000.
SHOWN_PER_CODE_AND_FILE = 100


def capped(
    issues: list[Issue], limit: int = SHOWN_PER_CODE_AND_FILE
) -> tuple[list[Issue], list[str]]:
    """The issues to show (the first ``limit`` of each code in each file, in order) and one line
    for each code and file that had more, saying how many were left out."""
    seen: dict[tuple[str, str], int] = {}
    kept = []
    for issue in issues:
        key = (issue.file, issue.code)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= limit:
            kept.append(issue)
    more = [
        f"{shown(file)}: {count - limit:,} more [{code}] issues not shown; `--format json` lists "
        "them all."
        for (file, code), count in seen.items()
        if count > limit
    ]
    return kept, more


def as_errors(issues: list[Issue]) -> list[Issue]:
    """``issues`` with every warning made an error (`s3gen validate --strict`), but those the
    editors accepted where they occur, with a reason."""
    return [
        i
        if i.severity is IssueSeverity.ERROR or i.accepted is not None
        else replace(i, severity=IssueSeverity.ERROR)
        for i in issues
    ]


# Characters that can make printed text show something else: C0 controls but tab and line
# feed, DEL, C1 controls, the line and paragraph separators, and the bidirectional overrides and
# isolates. Validation refuses them in strategy text (`control-character`); messages show them.
CONTROL_CHARACTERS = "\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
# A message must pass none of them to a terminal or a CI log, nor a tab or a line break (an issue
# is one line), nor a lone surrogate (a byte of a file name that is not UTF-8; 0x9B is a C1
# control): each is shown as <U+XXXX>.
_UNPRINTABLE = re.compile(f"[\t\n{CONTROL_CHARACTERS}\ud800-\udfff]")


def shown(text: str) -> str:
    """``text`` with every control or direction character written as <U+XXXX>."""
    return _UNPRINTABLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def format_issue_text(issue: Issue, colour: bool = False) -> str:
    """One issue in the compiler format editors and CI jump to; always one line."""
    severity = str(issue.severity)
    if colour:
        import click

        severity = click.style(
            severity, fg="red" if issue.severity is IssueSeverity.ERROR else "yellow", bold=True
        )
    path = f"{shown(issue.path)}: " if issue.path else ""
    reason = "" if issue.accepted is None else f"; accepted: {shown(issue.accepted)}"
    return (
        f"{shown(issue.file)}:{issue.line}:{issue.column}: {severity}: {path}"
        f"{shown(issue.message)} [{issue.code}]{reason}"
    )


def github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_issue_github(issue: Issue) -> str:
    """One issue as a GitHub Actions workflow command (an annotation on the file)."""
    kind = "error" if issue.severity is IssueSeverity.ERROR else "warning"
    reason = ""
    if issue.accepted is not None:  # reported, as a notice: the editors gave their reason
        kind, reason = "notice", f"; accepted: {issue.accepted}"
    props = ",".join(
        [
            f"file={github_escape(shown(issue.file), property_value=True)}",
            f"line={issue.line}",
            f"col={issue.column}",
            f"title={github_escape(issue.code, property_value=True)}",
        ]
    )
    path = f"{issue.path}: " if issue.path else ""
    return f"::{kind} {props}::{github_escape(shown(path + issue.message + reason))}"


def summary_line(issues: list[Issue], files: int) -> str:
    """'2 errors, 1 warning and 2 warnings accepted in 3 of 12 files.', or 'No issues in 12
    files.': the issues are counted with the files they are in, out of the files checked."""
    errors = sum(1 for i in issues if i.severity is IssueSeverity.ERROR)
    accepted = sum(1 for i in issues if i.severity is IssueSeverity.WARNING and i.accepted)
    warnings = len(issues) - errors - accepted
    if not issues:
        return f"No issues in {files} files."
    parts = []
    if errors:
        parts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    if accepted:
        parts.append(f"{accepted} warning{'s' if accepted != 1 else ''} accepted")
    said = listed(parts)
    where = len({i.file for i in issues})
    if where > files:  # a missing file or folder is in no file that was checked
        return f"{said} in {where} file{'s' if where != 1 else ''}."
    return f"{said} in {where} of {files} files."
