"""`s3gen new`: start a region file, or add a skeleton item to a region's list.

The only code that writes into the strategy folder. What it writes is checked here first (the
arguments, as validation would check them, each refusal naming its option) and then written by
`region_file`: exactly one item more, or a new file, or nothing.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from s3gen import model
from s3gen.model.codes import ISO_COUNTRIES, nuts_prefix
from s3gen.model.formats import ID_RE, NUTS_RE
from s3gen.model.kinds import NEW_IN_REGION
from s3gen.model.placeholders import SKELETONS
from s3gen.model.walk import placed_items
from s3gen.source.convert import CONTROL_IN_TEXT
from s3gen.source.messages import did_you_mean
from s3gen.tools import region_file
from s3gen.tools.region_file import ScaffoldProblem
from s3gen.tools.schema import modeline_for

# What json.dumps leaves as it is but a YAML reader folds (NEL is read as a space) or refuses.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")

# `s3gen new KIND`: the region file's list each kind is added to.
ITEM_KINDS = {k.name: k.region_list for k in NEW_IN_REGION if k.region_list}


def quote(text: str) -> str:
    """A YAML double-quoted scalar of ``text``, read back as that exact string.

    Every value s3gen writes goes through here: YAML 1.1 reads plain `NO`, `yes`, `off`, `2021`,
    `0123` or `1.10` as booleans and numbers, and `#` or `: ` as syntax. JSON's string escapes are
    valid in a YAML double-quoted scalar; the characters a YAML reader would fold or refuse
    (C0 and C1 controls, DEL, line and paragraph separators, byte order mark) are escaped
    too, and every other letter stays as it is, readable."""
    return _YAML_UNSAFE.sub(
        lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False)
    )


def _one_line(text: str) -> str:
    """``text`` fit for a comment line: a line break would end the comment."""
    return " ".join(text.split())


def _check_text(value: str, option: str, what: str, instead: str = "") -> None:
    """Refuse what validation would refuse in a one-line text, naming the option."""
    bad = CONTROL_IN_TEXT.search(value)  # what validation refuses
    if bad is not None:
        raise ScaffoldProblem(
            f"{option} holds {region_file.describe_character(bad.group())}: {what} is one line "
            "of text without control or direction characters; nothing was written"
        )
    if not value.strip():
        state = "empty" if not value else "blank"
        raise ScaffoldProblem(f"{option} is {state}: give {what}{instead}; nothing was written")


def _check_id(value: str, what: str) -> None:
    if not ID_RE.fullmatch(value):
        raise ScaffoldProblem(
            f"'{value}' is not a valid {what} id: use lowercase letters, digits and single hyphens"
        )


def _country_code(country: str) -> str:
    _check_text(country, "--country", "a country code")
    given = country.strip()
    code = given.upper()  # `--country no` means Norway
    # ASCII only: "ſe".upper() is "SE", a code nobody typed.
    if not given.isascii() or code not in ISO_COUNTRIES:
        close = did_you_mean(code, ISO_COUNTRIES)
        hint = f" (did you mean '{close}'?)" if close else ""
        shown = code if given.isascii() else given
        raise ScaffoldProblem(f"'{shown}' is not an ISO 3166-1 alpha-2 country code{hint}")
    return code


def _nuts_code(nuts: str, country: str) -> str:
    _check_text(nuts, "--nuts", "a NUTS code")
    code = nuts.strip().upper()
    prefix = nuts_prefix(country)
    # ASCII only: "plß".upper() is "PLSS", a code nobody typed.
    if (
        not nuts.strip().isascii()
        or not NUTS_RE.fullmatch(code)
        or not code.startswith(prefix)
        or not 1 <= len(code) - 2 <= 3
    ):
        raise ScaffoldProblem(
            f"'{nuts.strip()}' is not a NUTS code of {country}: it starts with '{prefix}' and has "
            "1 to 3 more capital letters or digits"
        )
    return code


def region_schema(folder: Path) -> Path:
    """The schema file that the first line of a region file in the strategy folder ``folder``
    points editors at (`s3gen schema` writes it)."""
    relative = modeline_for("regions/new.yaml").partition("$schema=")[2]
    return Path(os.path.normpath(folder / "regions" / relative))


def region_text(
    region_id: str,
    name: str,
    country: str,
    group: str,
    nuts: str | None,
    *,
    schema: bool = True,
    made_by: str = "s3gen new region",
) -> str:
    """The text of a new region file, starting with the line that points editors at the schema
    when there is one (``schema``), saying which command (``made_by``) wrote it; refuses
    arguments that would not make a valid file."""
    _check_id(region_id, "region")
    _check_text(name, "--name", "a name")
    country = _country_code(country)
    nuts = None if nuts is None else _nuts_code(nuts, country)
    lines = [
        *([modeline_for(f"regions/{region_id}.yaml")] if schema else []),
        f"# {_one_line(name)} ({country}): the region's profile in the strategy.",
        f"# Created with `{made_by}`. Facts cite sources from ../sources.yaml; items marked",
        "# `illustrative: true` are proposals. Uncomment and fill in what applies.",
        "",
        f"id: {quote(region_id)}",
        f"name: {quote(name)}",
        f"country: {quote(country)}",
        f"development_group: {quote(group)}  # less_developed or advanced",
    ]
    if nuts is not None:
        lines += [
            "nuts:",
            f"  code: {quote(nuts)}",
            f"  level: {len(nuts) - 2}",
            '  version: "2021"',
            "  status: unconfirmed",
            "  editor_note: Added with s3gen new; cite a source in `sources` and remove `status`.",
        ]
    else:
        lines += [
            "# nuts:",
            "#   code: PL84",
            "#   level: 2",
            '#   version: "2021"',
            "#   sources: [source-id]",
        ]
    lines += [
        "# name_en: English name, when different",
        "# innovation:",
        "#   - scoreboard: eis",
        "#     group: emerging_innovator",
        "#     edition: 2023",
        "#     sources: [source-id]",
        "# s3:",
        "#   title: Name of the smart specialisation strategy",
        "#   scope: regional",
        "#   sources: [source-id]",
        "# partners:",
        "#   - id: organisation-id",
        "#     name: Organisation",
        "#     town: Town",
        "#     sources: [source-id]",
        "",
        "priorities: []",
        "gaps: []",
        "actions: []",
        "peer_learning: []",
        "",
    ]
    return "\n".join(lines)


def item_lines(
    kind: str, item_id: str, title: str, strategy: model.Strategy, region: model.Region
) -> list[str]:
    """The lines of a skeleton item, indented as a list item at column 0; its texts are the
    placeholders of model/placeholders.py (the title or topic, unless ``title`` is given)."""
    texts = SKELETONS[kind]
    areas = ", ".join(a.id for a in strategy.priority_areas)
    if kind == "priority":
        first = strategy.priority_areas[0].id
        return [
            f"- id: {quote(item_id)}",
            f"  title: {quote(title or texts['title'])}",
            "  description: |",
            f"    {texts['description']}",
            f"  areas: [{quote(first)}]  # one or more of: {areas}",
            "  illustrative: true  # a proposal until it cites sources",
        ]
    if kind == "gap":
        categories = ", ".join(c.value for c in model.GapCategory)
        return [
            f"- id: {quote(item_id)}",
            f"  title: {quote(title or texts['title'])}",
            "  description: |",
            f"    {texts['description']}",
            f"  category: support_tools  # {categories}",
            "  severity: medium  # low, medium or high",
            "  illustrative: true  # a proposal until it cites sources",
        ]
    if kind == "action":
        return [
            f"- id: {quote(item_id)}",
            f"  title: {quote(title or texts['title'])}",
            "  description: |",
            f"    {texts['description']}",
            "  scope: regional  # or transnational, with partner_regions: [region-id, ...]",
            "  status: proposed  # proposed, planned, ongoing or completed",
            "  gaps: []  # ids of the gaps it addresses",
            "  illustrative: true  # a proposal until it cites sources",
        ]
    mentors = [
        r.id
        for r in strategy.regions
        if r.id != region.id and r.development_group is model.DevelopmentGroup.ADVANCED
    ]
    others = [r.id for r in strategy.regions if r.id != region.id]
    if not others:
        raise ScaffoldProblem("peer learning needs a mentor region: add a second region first")
    mentor = mentors[0] if mentors else others[0]
    formats = ", ".join(f.value for f in model.LearningFormat)
    return [
        f"- id: {quote(item_id)}",
        f"  topic: {quote(title or texts['topic'])}",
        f"  mentors: [{quote(mentor)}]  # the regions this region learns from",
        f"  format: study_visit  # {formats}",
        "  illustrative: true  # a proposal until it cites sources",
    ]


def _next_id(region_id: str, kind: str, taken: set[str]) -> str:
    n = 1
    while f"{region_id}-{kind}-{n}" in taken:
        n += 1
    return f"{region_id}-{kind}-{n}"


def _ids_of_kind(strategy: model.Strategy, kind: str) -> set[str]:
    # Ids are unique within their kind: a gap may share its id with a source.
    return {str(p.item.id) for p in placed_items(strategy) if p.kind == kind}


def new_region(
    strategy: model.Strategy,
    folder: Path,
    region_id: str,
    name: str,
    country: str,
    group: str,
    nuts: str | None,
) -> tuple[Path, bool]:
    """Write ``regions/<id>.yaml``; refuse to overwrite or to reuse an id. The file's path, and
    whether it starts with the schema line (only when the folder has the schema)."""
    _check_id(region_id, "region")
    path = folder / "regions" / f"{region_id}.yaml"
    if os.path.lexists(path):  # a link to nothing too: writing would go where it leads
        raise ScaffoldProblem(f"{path} already exists; s3gen new never overwrites a file")
    if region_id in {r.id for r in strategy.regions}:
        raise ScaffoldProblem(f"a region with id '{region_id}' already exists")
    region_file.inside(path.parent, folder)
    schema = region_schema(folder).is_file()  # a line naming no file: an error in the editor
    text = region_text(region_id, name, country, group, nuts, schema=schema)
    region_file.check_strategy(folder, path, text)
    try:
        region_file.create_file(path, text.encode("utf-8"))
    except OSError as exc:
        raise ScaffoldProblem(
            f"cannot write {path}: {exc.strerror or exc}; nothing was written"
        ) from exc
    return path, schema


def new_item(
    strategy: model.Strategy,
    folder: Path,
    kind: str,
    region_id: str,
    item_id: str | None,
    title: str,
) -> tuple[Path, str, int]:
    """Append a skeleton ``kind`` item to the region's file: its path, the id and the line."""
    if title:
        _check_text(title, "--title", "a title", ", or leave --title out for a placeholder")
    region = next((r for r in strategy.regions if r.id == region_id), None)
    if region is None:
        close = did_you_mean(region_id, [r.id for r in strategy.regions])
        hint = f" (did you mean '{close}'?)" if close else ""
        raise ScaffoldProblem(f"there is no region '{region_id}'{hint}")
    path = Path(region.origin.file)
    taken = _ids_of_kind(strategy, kind)
    if item_id is None:
        item_id = _next_id(region_id, kind, taken)
    _check_id(item_id, kind)
    if item_id in taken:
        raise ScaffoldProblem(f"the {kind} id '{item_id}' is already used in the strategy")
    target = region_file.inside(path, folder)
    original = target.read_bytes()
    try:
        text = original.decode("utf-8")
    except UnicodeDecodeError as exc:  # changed since it was validated
        raise ScaffoldProblem(f"{path} is not UTF-8 text; nothing was written") from exc
    region_file.check_line_breaks(text, path)
    key = ITEM_KINDS[kind]
    item = item_lines(kind, item_id, title, strategy, region)
    inserted = region_file.insert_item(text, key, item)
    region_file.check_one_more(text, inserted.text, key, item, path)
    region_file.check_strategy(folder, path, inserted.text)
    try:
        region_file.replace_file(target, inserted.text.encode("utf-8"), original, path)
    except OSError as exc:  # a read-only folder, a full disk: the file is as it was
        raise ScaffoldProblem(
            f"cannot write {path}: {exc.strerror or exc}; nothing was written"
        ) from exc
    return path, item_id, inserted.line
