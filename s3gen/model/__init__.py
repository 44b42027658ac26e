"""The domain types of a Trans-S3: what a valid strategy is made of.

These frozen dataclasses are the single source of truth for the YAML layout (in one module, over
500 lines, so that the whole layout reads in one place): the converter (`source/convert.py`)
converts YAML into them by reading their fields, types and metadata, and the
README's layout section describes them. A field without a default is required; a field whose
type allows ``None`` or is a tuple may be left out.

The ``NewType`` aliases below carry meaning the converter acts on: ``Id`` must be a kebab-case
identifier, ``Markdown`` is rendered as CommonMark, and every ``...Ref`` is checked against the ids
of its kind across the whole strategy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NewType

Id = NewType("Id", str)
Markdown = NewType("Markdown", str)
Url = NewType("Url", str)
CountryCode = NewType("CountryCode", str)
LanguageCode = NewType("LanguageCode", str)
NutsCodeStr = NewType("NutsCodeStr", str)
IndicatorCode = NewType("IndicatorCode", str)
Version = NewType("Version", str)  # goes into file names: letters, digits, ".", "-", "_"
Period = NewType("Period", str)  # years a strategy or plan covers: "2021-2027"
WarningCode = NewType("WarningCode", str)  # the code of a warning (errors.WARNING_CODES)

RegionRef = NewType("RegionRef", str)
AreaRef = NewType("AreaRef", str)
PriorityRef = NewType("PriorityRef", str)
GapRef = NewType("GapRef", str)
PracticeRef = NewType("PracticeRef", str)
PartnerRef = NewType("PartnerRef", str)
SourceRef = NewType("SourceRef", str)
ActionRef = NewType("ActionRef", str)
# A term of one of the strategy's own vocabularies (model/vocabularies): lowercase letters and
# digits joined by hyphens or underscores, so that lists written for format 1 keep their values.
Code = NewType("Code", str)
PolicyAreaRef = NewType("PolicyAreaRef", str)
ProjectRef = NewType("ProjectRef", str)
LogoFile = NewType("LogoFile", str)  # a file in the strategy folder: an SVG or PNG image
Doi = NewType("Doi", str)  # 10.<registrant>/<suffix>
Isbn = NewType("Isbn", str)  # 13 digits, hyphens allowed
# The fingerprint of a source text a translation was made from (model/translations.py).
Fingerprint = NewType("Fingerprint", str)


def doc(
    text: str,
    *,
    example: Any = None,
    minimum: float | None = None,
    maximum: float | None = None,
    max_length: int | None = None,
) -> dict[str, Any]:
    """Field metadata: the hint editors see (README, JSON Schema), numeric bounds, and the
    longest a text that becomes part of a file name may be."""
    meta: dict[str, Any] = {"doc": text}
    if example is not None:
        meta["example"] = example
    if minimum is not None:
        meta["minimum"] = minimum
    if maximum is not None:
        meta["maximum"] = maximum
    if max_length is not None:
        meta["max_length"] = max_length
    return meta


@dataclass(frozen=True, kw_only=True)
class Origin:
    """Where an item was written: file, data path, line and column (1-based) of its mapping.

    ``keys`` maps each key of the mapping to the position of its value, so a rule about one field
    (an end date, a mentor) can point at that field.
    """

    file: str
    path: str
    line: int
    column: int
    keys: dict[str, tuple[int, int]] = field(default_factory=dict)

    def at(self, key: str) -> tuple[int, int]:
        """Line and column of ``key``'s value, or of the mapping when the key is absent."""
        return self.keys.get(key, (self.line, self.column))


NO_ORIGIN = Origin(file="", path="", line=0, column=0)


def _origin() -> Any:
    # Not part of the data: excluded from equality, the schema and the list of allowed keys.
    return field(default=NO_ORIGIN, compare=False, repr=False, metadata={"internal": True})


# Fields the editors keep for themselves: shown in the preview (`s3gen serve`), left out of the
# report, the PDF and the open data (`model/published.py` reads this mark).
UNPUBLISHED = "unpublished"
EDITOR_NOTE_DOC = (
    "Editors' working note: kept in the data and shown in the preview, never published."
)


def _editor_note() -> Any:
    return field(default=None, metadata={**doc(EDITOR_NOTE_DOC), UNPUBLISHED: True})


# --- Controlled vocabularies -------------------------------------------------------------------


class DevelopmentGroup(StrEnum):
    """The two groups of partner regions peer learning pairs: learners and the regions that
    have mastered a practice. What the report calls them is the strategy's own wording
    (``Vocabularies.development_groups``)."""

    LESS_DEVELOPED = "less_developed"
    ADVANCED = "advanced"


class Scoreboard(StrEnum):
    RIS = "ris"  # Regional Innovation Scoreboard: a region's own group
    EIS = "eis"  # European Innovation Scoreboard: the country's group


class InnovationGroup(StrEnum):
    INNOVATION_LEADER = "innovation_leader"
    STRONG_INNOVATOR = "strong_innovator"
    MODERATE_INNOVATOR = "moderate_innovator"
    EMERGING_INNOVATOR = "emerging_innovator"
    MODEST_INNOVATOR = "modest_innovator"  # scoreboard naming up to 2020, later "emerging"


class SubGroup(StrEnum):
    PLUS = "plus"
    MID = "mid"
    MINUS = "minus"


class FactStatus(StrEnum):
    CONFIRMED = "confirmed"
    UNCONFIRMED = "unconfirmed"  # found only in a weak source, or inferred: shown with a label


class S3Scope(StrEnum):
    REGIONAL = "regional"
    NATIONAL = "national"


class PartnerRole(StrEnum):
    LEAD_PARTNER = "lead_partner"
    PROJECT_PARTNER = "project_partner"
    ASSOCIATED_ORGANISATION = "associated_organisation"


class GapCategory(StrEnum):
    FUNDING = "funding"
    SKILLS = "skills"
    COOPERATION = "cooperation"
    SUPPORT_TOOLS = "support_tools"
    INFRASTRUCTURE = "infrastructure"
    REGULATION = "regulation"
    INTERNATIONALISATION = "internationalisation"
    GOVERNANCE = "governance"
    DATA_AND_MONITORING = "data_and_monitoring"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class ActionScope(StrEnum):
    REGIONAL = "regional"
    TRANSNATIONAL = "transnational"


class ActionStatus(StrEnum):
    PROPOSED = "proposed"
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"


class IndicatorType(StrEnum):
    OUTPUT = "output"
    RESULT = "result"


class LearningFormat(StrEnum):
    STUDY_VISIT = "study_visit"
    WORKSHOP = "workshop"
    MENTORING = "mentoring"
    TWINNING = "twinning"
    STAFF_EXCHANGE = "staff_exchange"
    PEER_REVIEW = "peer_review"


class NaceSection(StrEnum):
    """NACE Rev. 2 sections (Regulation (EC) No 1893/2006, Annex I)."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H = "H"
    I = "I"  # noqa: E741 - the NACE section letter
    J = "J"
    K = "K"
    L = "L"
    M = "M"
    N = "N"
    O = "O"  # noqa: E741
    P = "P"
    Q = "Q"
    R = "R"
    S = "S"
    T = "T"
    U = "U"


class SourceKind(StrEnum):
    """What a source is, so that a reader can weigh it."""

    OFFICIAL_DOCUMENT = "official_document"  # a strategy, plan, report or decision, as issued
    OFFICIAL_WEB_PAGE = "official_web_page"  # a page of the body the fact is about, or its funder
    SECONDARY_COPY = "secondary_copy"  # a mirror or copy by someone else (docslib, wikimili, ...)
    NEWS = "news"  # an article or press release about the fact
    STATISTICS = "statistics"  # a statistical office's or a scoreboard's table


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


@dataclass(frozen=True, kw_only=True)
class Accepted:
    """A warning the editors accept for one item, with their reason: the warning is still
    reported (with the reason) and counted, but no longer fails `--strict`."""

    code: WarningCode = field(
        metadata=doc("Code of the warning accepted here.", example="source-secondary")
    )
    reason: str = field(
        metadata=doc("Why the editors accept it: shown by `s3gen validate`, never published.")
    )
    origin: Origin = _origin()


def _accepted() -> Any:
    # The editors' reasons for accepting a warning are working notes: shown by `validate`,
    # never published.
    return field(
        default=(),
        metadata={
            **doc("Warnings about this item accepted by the editors, each with its reason."),
            UNPUBLISHED: True,
        },
    )


# --- strategy/strategy.yaml --------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Editor:
    name: str = field(metadata=doc("Person or team that edited this edition."))
    organisation: str | None = field(default=None, metadata=doc("Their organisation."))
    role: str | None = field(default=None, metadata=doc("What they did, e.g. 'compilation'."))
    origin: Origin = _origin()


# The PDF is named <document id>-<version>.pdf: with at most this many characters in each,
# that name (133 bytes), its summary edition's (141) and their temporary names while they are
# written (at most 155) stay well below the 255 bytes a file name may have.
LONGEST_NAME_PART = 64
# An edition's language is part of its file names too (<id>-<version>-summary-<lang>.pdf, 177
# bytes at most, and its temporary name) and a folder's: a tag of at most this many characters.
LONGEST_TAG = 35


@dataclass(frozen=True, kw_only=True)
class Document:
    id: Id = field(
        metadata=doc(
            "Identifier of the document, used in output file names.",
            example="my-trans-s3",
            max_length=LONGEST_NAME_PART,
        )
    )
    title: str = field(metadata=doc("Title on the cover."))
    subtitle: str | None = field(default=None, metadata=doc("Subtitle on the cover."))
    cover_line: str | None = field(
        default=None,
        metadata=doc(
            "The line above the title on the cover: the programme, project or what the edition "
            "is; left out, none is printed."
        ),
    )
    version: Version = field(metadata=doc('Edition, quoted: "1.0".', example="1.0"))
    status: DocumentStatus = field(default=DocumentStatus.DRAFT, metadata=doc("draft or final."))
    publication_date: dt.date = field(metadata=doc("Date of this edition, YYYY-MM-DD."))
    period: Period | None = field(
        default=None,
        metadata=doc(
            'Years the strategy covers, quoted: "2021-2027"; the timeline shows these years. '
            "Left out, it runs from the publication year to the last end of an action.",
            example="2021-2027",
        ),
    )
    language: LanguageCode = field(
        metadata=doc("Language of the text (BCP 47).", example="en", max_length=LONGEST_TAG)
    )
    translations: tuple[LanguageCode, ...] = field(
        default=(),
        metadata=doc(
            "Languages of the editions besides the source language, translated in "
            "translations/<language>/: `make pdf` builds them and `s3gen translate status` "
            "checks them.",
            example=["pl", "de"],
            max_length=LONGEST_TAG,
        ),
    )
    editors: tuple[Editor, ...] = field(default=(), metadata=doc("Who edited this edition."))
    keywords: tuple[str, ...] = field(default=(), metadata=doc("Keywords for the PDF metadata."))
    licence: str = field(metadata=doc("Licence of the text (SPDX id).", example="CC-BY-4.0"))
    publisher: str | None = field(
        default=None, metadata=doc("Who publishes this edition, for the imprint and citation.")
    )
    url: Url | None = field(
        default=None, metadata=doc("Where this edition is published, for citation.")
    )
    doi: Doi | None = field(
        default=None, metadata=doc("DOI of this edition, if it has one.", example="10.2760/12345")
    )
    isbn: Isbn | None = field(
        default=None,
        metadata=doc("ISBN of this edition, if it has one.", example="978-3-16-148410-0"),
    )
    contact: str | None = field(
        default=None,
        metadata=doc("Whom readers contact about the strategy: a name, e-mail or web address."),
    )
    disclaimer: Markdown | None = field(
        default=None, metadata=doc("Disclaimer printed in the imprint (Markdown).")
    )
    how_to_cite: str | None = field(
        default=None,
        metadata=doc(
            "How to cite this edition; left out, it is written from the editors, year, title, "
            "version, publisher and DOI or web address."
        ),
    )
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Chapters:
    summary: Markdown = field(
        metadata=doc(
            "Introduction: what the strategy is and where it comes from, printed after the "
            "executive summary that s3gen builds from the data (Markdown)."
        )
    )
    vision: Markdown = field(metadata=doc("Shared vision (Markdown)."))
    methodology: Markdown = field(
        metadata=doc(
            "How priorities were identified: entrepreneurial discovery, the five steps (Markdown)."
        )
    )
    governance: Markdown = field(metadata=doc("Who steers and implements (Markdown)."))
    monitoring: Markdown = field(metadata=doc("Monitoring and evaluation (Markdown)."))
    brokerage_title: str | None = field(
        default=None,
        metadata=doc(
            "Heading of the section on brokerage between partners, in the peer-learning "
            'chapter; left out, "Partner organisations".'
        ),
    )
    brokerage: Markdown | None = field(
        default=None,
        metadata=doc("How partners are brought together across borders, e.g. a brokerage system."),
    )
    asks: Markdown | None = field(
        default=None,
        metadata=doc(
            "What the strategy asks of decision makers, closing the executive summary (Markdown)."
        ),
    )
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Logo:
    """A logo of the funder block: an image file in the strategy folder."""

    file: LogoFile = field(
        metadata=doc(
            "Path of an SVG or PNG file, relative to the strategy folder.",
            example="logos/programme.svg",
        )
    )
    alt: str = field(metadata=doc("What the logo shows, for readers who cannot see it (required)."))
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Funding:
    """The funder visibility block: its wording and logos are data, never the tool's."""

    statement: Markdown = field(
        metadata=doc("Who funded the work and how, in the funder's required wording (Markdown).")
    )
    logos: tuple[Logo, ...] = field(default=(), metadata=doc("Logos shown with the statement."))
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Term:
    """An abbreviation of the glossary."""

    term: str = field(metadata=doc("The abbreviation as the text writes it.", example="SME"))
    meaning: str = field(
        metadata=doc("What it stands for.", example="Small and medium-sized enterprise")
    )
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class PriorityArea:
    """A transnational (Trans-S3) priority area shared across the region."""

    id: Id = field(metadata=doc("Identifier, kebab-case.", example="bioeconomy"))
    name: str = field(metadata=doc("Name of the area."))
    description: Markdown = field(metadata=doc("What the area covers (Markdown)."))
    policy_areas: tuple[PolicyAreaRef, ...] = field(
        default=(),
        metadata=doc(
            "Related policy areas of the macro-regional strategy, by the ids declared in "
            "vocabularies.policy_areas."
        ),
    )
    nace_sections: tuple[NaceSection, ...] = field(
        default=(), metadata=doc("Related NACE Rev. 2 sections (letters).")
    )
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


# --- The strategy's own vocabularies (strategy.yaml, `vocabularies:`) ----------------------------

# The version of the file format this s3gen reads. Format 1 (no `format` key) had the EUSBSR's
# policy areas and the GoSmart projects built in; format 2 declares them in `vocabularies`.
# `s3gen migrate` (tools/migrate.py) turns a format-1 strategy into this one.
FORMAT = 2
# What format 1 called the development groups, and what `s3gen init` writes for a new strategy.
DEFAULT_GROUP_NAMES = {"less_developed": "Less developed region", "advanced": "Advanced region"}


@dataclass(frozen=True, kw_only=True)
class PolicyArea:
    """A policy area (or priority area) of the macro-regional strategy the areas relate to."""

    id: Code = field(metadata=doc("Identifier the priority areas cite.", example="innovation"))
    name: str = field(metadata=doc("Its name, as the report prints it.", example="Innovation"))
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class PolicyAreas:
    """The policy areas of the macro-regional strategy the priority areas relate to."""

    title: str = field(
        metadata=doc(
            "What the report calls the list, before the areas of a priority area.",
            example="Policy areas",
        )
    )
    sources: tuple[SourceRef, ...] = field(
        default=(), metadata=doc("Source ids of the list: where the areas are named.")
    )
    areas: tuple[PolicyArea, ...] = field(metadata=doc("The policy areas."))
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Project:
    """A project partners took part in (the partner directory names it)."""

    id: Code = field(metadata=doc("Identifier the partners cite.", example="pilot-project"))
    name: str = field(metadata=doc("Its name, as the report prints it."))
    url: Url | None = field(default=None, metadata=doc("Its web page."))
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class DevelopmentGroupNames:
    """What the report calls a region of each development group."""

    less_developed: str = field(
        metadata=doc(
            "A region of the group that learns (development_group: less_developed).",
            example="Less developed region",
        )
    )
    advanced: str = field(
        metadata=doc(
            "A region of the group that has mastered practices (development_group: advanced).",
            example="Advanced region",
        )
    )
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Vocabularies:
    """The strategy's own lists of values, which other files cite by id."""

    development_groups: DevelopmentGroupNames = field(
        metadata=doc("What the report calls the regions of each development group.")
    )
    policy_areas: PolicyAreas | None = field(
        default=None,
        metadata=doc(
            "The macro-regional strategy's policy areas; left out, priority areas cite none."
        ),
    )
    projects: tuple[Project, ...] = field(
        default=(), metadata=doc("Projects partners cite; left out, partners cite none.")
    )
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class StrategyFile:
    """The contents of strategy/strategy.yaml."""

    format: int = field(
        metadata=doc(
            "The version of s3gen's file format the strategy is written in.",
            example=FORMAT,
            minimum=1,
        )
    )
    document: Document = field(metadata=doc("Document metadata."))
    chapters: Chapters = field(metadata=doc("Chapters that are not per region."))
    priority_areas: tuple[PriorityArea, ...] = field(
        metadata=doc("The transnational priority areas.")
    )
    flagship_actions: tuple[ActionRef, ...] = field(
        default=(),
        metadata=doc(
            "Joint transnational actions the executive summary presents as flagships; left "
            "out, it presents those with the most partner regions."
        ),
    )
    glossary: tuple[Term, ...] = field(
        default=(), metadata=doc("Abbreviations used in the text, with what they stand for.")
    )
    funding: Funding | None = field(
        default=None, metadata=doc("Funder visibility block; left out, none is printed.")
    )
    vocabularies: Vocabularies = field(
        metadata=doc("The strategy's own lists: policy areas, projects, group names.")
    )
    origin: Origin = _origin()


# --- strategy/sources.yaml ---------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Source:
    id: Id = field(metadata=doc("Identifier cited by other items.", example="eis-2023"))
    title: str = field(metadata=doc("Title of the page or document."))
    url: Url | None = field(
        default=None, metadata=doc("Address (http or https).", example="https://example.org/")
    )
    reference: str | None = field(
        default=None,
        metadata=doc(
            "How to find it without an address: an ISBN, DOI, archive or library reference.",
            example="ISBN 978-92-79-00000-0",
        ),
    )
    kind: SourceKind | None = field(
        default=None,
        metadata=doc(
            "official_document, official_web_page, secondary_copy (a mirror or copy by someone "
            "else), news or statistics; left out when not known."
        ),
    )
    period: Period | None = field(
        default=None,
        metadata=doc('Years a strategy or plan covers, quoted: "2021-2027".', example="2021-2027"),
    )
    publisher: str | None = field(default=None, metadata=doc("Who published it."))
    accessed: dt.date | None = field(default=None, metadata=doc("Date last checked."))
    note: str | None = field(default=None, metadata=doc("What the source supports."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class SourcesFile:
    sources: tuple[Source, ...] = field(metadata=doc("The bibliography."))
    origin: Origin = _origin()


# --- strategy/regions/<id>.yaml ----------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Nuts:
    code: NutsCodeStr = field(metadata=doc("NUTS code, e.g. PL84.", example="PL84"))
    level: int = field(metadata=doc("NUTS level 1, 2 or 3.", example=2, minimum=1, maximum=3))
    version: str = field(default="2021", metadata=doc("NUTS version, quoted.", example="2021"))
    parent: NutsCodeStr | None = field(default=None, metadata=doc("Code of the parent region."))
    status: FactStatus = field(default=FactStatus.CONFIRMED, metadata=doc("Fact status."))
    note: str | None = field(default=None, metadata=doc("Remark shown with the code."))
    editor_note: str | None = _editor_note()
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class InnovationRanking:
    scoreboard: Scoreboard = field(metadata=doc("ris (regional) or eis (country)."))
    group: InnovationGroup = field(metadata=doc("Performance group."))
    edition: int | None = field(
        default=None,
        metadata=doc("Year of the edition, if known.", example=2023, minimum=2000, maximum=2100),
    )
    subgroup: SubGroup | None = field(default=None, metadata=doc("Regional sub-group."))
    status: FactStatus = field(default=FactStatus.CONFIRMED, metadata=doc("Fact status."))
    note: str | None = field(default=None, metadata=doc("Remark shown with the group."))
    editor_note: str | None = _editor_note()
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class S3Strategy:
    title: str = field(metadata=doc("Name of the smart specialisation strategy in force."))
    scope: S3Scope = field(metadata=doc("regional, or national when the country runs one S3."))
    period: str | None = field(default=None, metadata=doc("Period, quoted.", example="2021-2027"))
    adopted: dt.date | None = field(default=None, metadata=doc("Date of adoption."))
    note: str | None = field(default=None, metadata=doc("Remark shown with the strategy."))
    editor_note: str | None = _editor_note()
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Partner:
    id: Id = field(metadata=doc("Identifier, cited as an action's lead."))
    name: str = field(metadata=doc("Name of the organisation."))
    town: str | None = field(default=None, metadata=doc("Town."))
    role: PartnerRole = field(default=PartnerRole.PROJECT_PARTNER, metadata=doc("Role."))
    projects: tuple[ProjectRef, ...] = field(
        default=(),
        metadata=doc("Projects it took part in, by the ids declared in vocabularies.projects."),
    )
    representative: str | None = field(
        default=None,
        metadata=doc(
            "Contact person: personal data, published only with representative_published_by or"
            " representative_consent."
        ),
    )
    representative_published_by: SourceRef | None = field(
        default=None,
        metadata=doc("Source id of a page where the organisation itself publishes the name."),
    )
    representative_consent: dt.date | None = field(
        default=None, metadata=doc("Date the representative agreed to be named, YYYY-MM-DD.")
    )
    web: Url | None = field(default=None, metadata=doc("Web site."))
    status: FactStatus = field(default=FactStatus.CONFIRMED, metadata=doc("Fact status."))
    note: str | None = field(default=None, metadata=doc("Remark."))
    editor_note: str | None = _editor_note()
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class GoodPractice:
    id: Id = field(metadata=doc("Identifier, cited by peer learning."))
    title: str = field(metadata=doc("Title."))
    description: Markdown = field(metadata=doc("What others can learn (Markdown)."))
    category: GapCategory = field(metadata=doc("The kind of gap it helps to close."))
    illustrative: bool = field(
        default=False, metadata=doc("true when this is a proposal, not a documented fact.")
    )
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Priority:
    id: Id = field(metadata=doc("Identifier, unique across the strategy."))
    title: str = field(metadata=doc("Title."))
    description: Markdown = field(metadata=doc("Description (Markdown)."))
    areas: tuple[AreaRef, ...] = field(metadata=doc("Transnational priority areas it belongs to."))
    nace_sections: tuple[NaceSection, ...] = field(
        default=(), metadata=doc("Economic domains as NACE Rev. 2 section letters.")
    )
    good_practices: tuple[GoodPractice, ...] = field(
        default=(), metadata=doc("Good practices other regions may learn from.")
    )
    illustrative: bool = field(
        default=False, metadata=doc("true when this is a proposal, not a documented fact.")
    )
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    mapping_sources: tuple[SourceRef, ...] = field(
        default=(),
        metadata=doc(
            "Sources that assign the priority to its areas and NACE sections; without any, the "
            "assignment is the editors' mapping, and the report says so."
        ),
    )
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()

    @property
    def editorial(self) -> bool:
        """Whether its areas and NACE sections are the editors' mapping, not a sourced fact."""
        return not self.mapping_sources


@dataclass(frozen=True, kw_only=True)
class Gap:
    id: Id = field(metadata=doc("Identifier, unique across the strategy."))
    title: str = field(metadata=doc("Title."))
    description: Markdown = field(metadata=doc("Description and evidence (Markdown)."))
    category: GapCategory = field(metadata=doc("Kind of gap in the SME support system."))
    severity: Severity = field(metadata=doc("low, medium or high."))
    areas: tuple[AreaRef, ...] = field(default=(), metadata=doc("Priority areas it concerns."))
    illustrative: bool = field(
        default=False, metadata=doc("true when this is a proposal, not a documented fact.")
    )
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Indicator:
    id: Id = field(metadata=doc("Identifier, unique across the strategy."))
    name: str = field(metadata=doc("What is counted."))
    type: IndicatorType = field(metadata=doc("output or result."))
    unit: str = field(metadata=doc("Unit of baseline and target.", example="organisations"))
    target: float = field(metadata=doc("Target value.", minimum=0))
    target_year: int = field(
        metadata=doc("Year the target is due.", example=2029, minimum=2000, maximum=2100)
    )
    baseline: float = field(default=0, metadata=doc("Baseline value.", minimum=0))
    interreg_code: IndicatorCode | None = field(
        default=None, metadata=doc("Interreg common indicator code.", example="RCO87")
    )
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Action:
    id: Id = field(metadata=doc("Identifier, unique across the strategy."))
    title: str = field(metadata=doc("Title."))
    description: Markdown = field(metadata=doc("Description (Markdown)."))
    scope: ActionScope = field(metadata=doc("regional or transnational."))
    status: ActionStatus = field(metadata=doc("proposed, planned, ongoing or completed."))
    partner_regions: tuple[RegionRef, ...] = field(
        default=(), metadata=doc("Other regions taking part (transnational actions).")
    )
    areas: tuple[AreaRef, ...] = field(default=(), metadata=doc("Priority areas it serves."))
    priorities: tuple[PriorityRef, ...] = field(
        default=(), metadata=doc("Priorities it implements.")
    )
    gaps: tuple[GapRef, ...] = field(default=(), metadata=doc("Gaps it addresses."))
    lead: PartnerRef | None = field(default=None, metadata=doc("Lead partner organisation id."))
    start: dt.date | None = field(default=None, metadata=doc("Start date, YYYY-MM-DD."))
    end: dt.date | None = field(default=None, metadata=doc("End date, YYYY-MM-DD."))
    budget_eur: float | None = field(default=None, metadata=doc("Budget in EUR.", minimum=0))
    indicators: tuple[Indicator, ...] = field(default=(), metadata=doc("Monitoring indicators."))
    illustrative: bool = field(
        default=False, metadata=doc("true when this is a proposal, not a documented fact.")
    )
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class PeerLearning:
    """A recommendation that this region (the learner) learns from mentor regions."""

    id: Id = field(metadata=doc("Identifier, unique across the strategy."))
    topic: str = field(metadata=doc("What is learnt."))
    mentors: tuple[RegionRef, ...] = field(metadata=doc("Region ids of the mentors."))
    format: LearningFormat = field(metadata=doc("How the learning takes place."))
    good_practice: PracticeRef | None = field(
        default=None, metadata=doc("Id of the mentor's good practice it draws on.")
    )
    gap: GapRef | None = field(default=None, metadata=doc("Id of this region's gap it addresses."))
    timing: str | None = field(default=None, metadata=doc("When, in words.", example="2027"))
    description: Markdown | None = field(default=None, metadata=doc("Details (Markdown)."))
    illustrative: bool = field(
        default=False, metadata=doc("true when this is a proposal, not a documented fact.")
    )
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Source ids."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


@dataclass(frozen=True, kw_only=True)
class Region:
    id: Id = field(metadata=doc("Identifier, the file name without .yaml.", example="podlaskie"))
    name: str = field(metadata=doc("Name in the region's language."))
    country: CountryCode = field(
        metadata=doc(
            'ISO 3166-1 alpha-2 code in capitals; write Norway as "NO" in quotes'
            " (YAML reads a bare NO as false).",
            example="PL",
        )
    )
    nuts: Nuts | None = field(default=None, metadata=doc("NUTS classification."))
    development_group: DevelopmentGroup = field(metadata=doc("less_developed or advanced."))
    group_sources: tuple[SourceRef, ...] = field(
        default=(),
        metadata=doc(
            "Sources that place the region in its development group; without any, the group is "
            "the editors' judgement, and the report says so."
        ),
    )
    name_en: str | None = field(default=None, metadata=doc("English name, when different."))
    name_language: LanguageCode | None = field(
        default=None,
        metadata=doc(
            "Language of the name (BCP 47), for screen readers and the PDF's tags; left out, "
            "the country's one official language by the CLDR (none is given where a country "
            "has several: Finland, Belgium).",
            example="fi",
            max_length=LONGEST_TAG,
        ),
    )
    other_nuts: tuple[Nuts, ...] = field(
        default=(), metadata=doc("The region's codes in other NUTS versions or levels.")
    )
    innovation: tuple[InnovationRanking, ...] = field(
        default=(), metadata=doc("Innovation Scoreboard groups.")
    )
    s3: S3Strategy | None = field(default=None, metadata=doc("The S3 in force."))
    partners: tuple[Partner, ...] = field(default=(), metadata=doc("Partner organisations."))
    priorities: tuple[Priority, ...] = field(default=(), metadata=doc("S3 priorities."))
    gaps: tuple[Gap, ...] = field(default=(), metadata=doc("Gaps in the SME support system."))
    actions: tuple[Action, ...] = field(default=(), metadata=doc("Actions."))
    peer_learning: tuple[PeerLearning, ...] = field(
        default=(), metadata=doc("What this region learns from others.")
    )
    notes: tuple[str, ...] = field(default=(), metadata=doc("Remarks on the region's data."))
    editor_notes: tuple[str, ...] = field(
        default=(), metadata={**doc("Editors' working notes, never published."), UNPUBLISHED: True}
    )
    sources: tuple[SourceRef, ...] = field(default=(), metadata=doc("Sources of the profile."))
    accepted: tuple[Accepted, ...] = _accepted()
    origin: Origin = _origin()


# --- The whole strategy ------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Strategy:
    """A validated strategy: every reference resolves, every rule holds."""

    document: Document
    chapters: Chapters
    priority_areas: tuple[PriorityArea, ...]
    sources: tuple[Source, ...]
    regions: tuple[Region, ...]
    vocabularies: Vocabularies
    flagship_actions: tuple[ActionRef, ...] = ()
    glossary: tuple[Term, ...] = ()
    funding: Funding | None = None


# --- strategy/translations/<language>/<file>.yaml (model/translations.py) ----------------------


class TranslationStatus(StrEnum):
    DRAFT = "draft"  # made by a translator or a machine, awaiting review by a person
    REVIEWED = "reviewed"


@dataclass(frozen=True, kw_only=True)
class TranslatedText:
    """One translated field, as a translation file writes it."""

    fingerprint: Fingerprint = field(
        metadata=doc(
            "Fingerprint of the source text this translation was made from (`s3gen translate "
            "extract` writes it; a stale translation's message gives the new one).",
            example="3e5f0c1a9b2d",
        )
    )
    text: Markdown | None = field(
        default=None,
        metadata=doc("The translation; left empty, the field is not translated yet."),
    )
    status: TranslationStatus | None = field(
        default=None,
        metadata=doc("draft or reviewed; left out, the file's status."),
    )
    origin: Origin = _origin()
