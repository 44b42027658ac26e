"""The one table of the kinds of item a strategy holds: what each is called, where it lives.

Every stage reads it: the converter and the validator (labels in messages, id namespaces,
references), the report (anchors), the open data (one CSV file per kind), the change report
(headings) and `s3gen new` (the region file's list and the command's name).
"""

from __future__ import annotations

from dataclasses import dataclass

from s3gen import model


@dataclass(frozen=True)
class Kind:
    name: str  # the kind's name in the walk, in `s3gen new KIND` and in the diff's JSON
    cls: type  # its model class
    label: str  # in messages: "this {label} ..."
    plural: str  # a heading for a list of them
    namespace: str  # ids are unique within it; "unknown {namespace} 'x'" names it in messages
    anchor: str  # the prefix of its HTML anchors: "{anchor}-{id}"
    csv: str  # its open-data table
    csv_columns: tuple[str, ...]  # columns before the item's own fields: parents, NUTS
    ref: object | None = None  # the model type of a reference to it, if it can be referred to
    region_list: str | None = None  # the list of a region file holding it, for `s3gen new`
    # A term of the strategy's own vocabularies: where strategy.yaml declares the list, which an
    # unknown value's message names along with every allowed value.
    declared_in: str | None = None


# In reading order: areas and sources, then each region followed by everything in it.
KINDS: tuple[Kind, ...] = (
    Kind(
        "area",
        model.PriorityArea,
        "priority area",
        "Priority areas",
        "area",
        "area",
        "areas.csv",
        (),
        model.AreaRef,
    ),
    Kind(
        "source",
        model.Source,
        "source",
        "Sources",
        "source",
        "source",
        "sources.csv",
        (),
        model.SourceRef,
    ),
    Kind(
        "policy-area",
        model.PolicyArea,
        "policy area",
        "Policy areas",
        "policy area",
        "policy-area",
        "policy_areas.csv",
        (),
        model.PolicyAreaRef,
        declared_in="vocabularies.policy_areas.areas",
    ),
    Kind(
        "project",
        model.Project,
        "project",
        "Projects",
        "project",
        "project",
        "projects.csv",
        (),
        model.ProjectRef,
        declared_in="vocabularies.projects",
    ),
    Kind(
        "region",
        model.Region,
        "region",
        "Regions",
        "region",
        "region",
        "regions.csv",
        ("nuts_code", "nuts_level", "nuts_version"),
        model.RegionRef,
    ),
    Kind(
        "partner",
        model.Partner,
        "partner",
        "Partners",
        "partner",
        "partner",
        "partners.csv",
        ("region",),
        model.PartnerRef,
    ),
    Kind(
        "priority",
        model.Priority,
        "priority",
        "Priorities",
        "priority",
        "priority",
        "priorities.csv",
        ("region",),
        model.PriorityRef,
        "priorities",
    ),
    Kind(
        "practice",
        model.GoodPractice,
        "good practice",
        "Good practices",
        "practice",
        "practice",
        "good_practices.csv",
        ("region", "priority"),
        model.PracticeRef,
    ),
    Kind(
        "gap",
        model.Gap,
        "gap",
        "Gaps",
        "gap",
        "gap",
        "gaps.csv",
        ("region",),
        model.GapRef,
        "gaps",
    ),
    Kind(
        "action",
        model.Action,
        "action",
        "Actions",
        "action",
        "action",
        "actions.csv",
        ("region",),
        model.ActionRef,
        "actions",
    ),
    Kind(
        "indicator",
        model.Indicator,
        "indicator",
        "Indicators",
        "indicator",
        "indicator",
        "indicators.csv",
        ("region", "action"),
    ),
    Kind(
        "peer-learning",
        model.PeerLearning,
        "peer-learning item",
        "Peer learning",
        "peer-learning item",
        "peer",
        "peer_learning.csv",
        ("region",),
        None,
        "peer_learning",
    ),
)

BY_NAME: dict[str, Kind] = {k.name: k for k in KINDS}
BY_CLASS: dict[type, Kind] = {k.cls: k for k in KINDS}
BY_REF: dict[object, Kind] = {k.ref: k for k in KINDS if k.ref is not None}
BY_NAMESPACE: dict[str, Kind] = {k.namespace: k for k in KINDS}
# The kinds `s3gen new KIND --region R` adds to a region file.
NEW_IN_REGION: tuple[Kind, ...] = tuple(k for k in KINDS if k.region_list)

# What the other model classes (files and parts of items) are called in messages.
_OTHER_LABELS: dict[type, str] = {
    model.StrategyFile: "strategy file",
    model.SourcesFile: "sources file",
    model.Document: "document",
    model.Editor: "editor",
    model.Chapters: "chapters mapping",
    model.Nuts: "NUTS entry",
    model.InnovationRanking: "innovation ranking",
    model.S3Strategy: "S3 entry",
    model.Accepted: "accepted warning",
    model.Funding: "funding block",
    model.Logo: "logo",
    model.Term: "glossary entry",
    model.Vocabularies: "vocabularies mapping",
    model.PolicyAreas: "policy_areas mapping (title, sources, areas)",
    model.DevelopmentGroupNames: "development_groups mapping",
    model.TranslatedText: "translated field (fingerprint, text, status)",
}
LABELS: dict[type, str] = {**_OTHER_LABELS, **{k.cls: k.label for k in KINDS}}
# The open-data files, in the order the report links them: the whole strategy, then a table per
# kind, the regions' first (the table the others join on).
DATA_FOLDER = "data"  # beside the report's page
STRATEGY_JSON = "strategy.json"
CSV_FILES: tuple[str, ...] = (
    BY_NAME["region"].csv,
    *(k.csv for k in KINDS if k.name != "region"),
)
DATA_FILES: tuple[str, ...] = (STRATEGY_JSON, *CSV_FILES)


def anchor(kind: str, item_id: str) -> str:
    """The HTML anchor of an item of ``kind`` (a ``Kind.name``, or "source" and the like)."""
    return f"{BY_NAME[kind].anchor}-{item_id}"
