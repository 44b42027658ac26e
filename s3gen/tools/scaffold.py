"""`s3gen new`: start a region file, or append a skeleton item to a region's list.

The only code that writes into the strategy folder. It never overwrites a file, and when it
appends an item it inserts lines and leaves every other byte of the file as it was (comments,
order, line endings). What it writes validates, so the editor starts from a clean state.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from s3gen import model
from s3gen.errors import S3genError
from s3gen.model.codes import ISO_COUNTRIES, nuts_prefix
from s3gen.model.formats import ID_RE
from s3gen.model.kinds import NEW_IN_REGION
from s3gen.model.walk import placed_items
from s3gen.output import write_atomic
from s3gen.source.convert import Converter
from s3gen.source.load import parse_yaml
from s3gen.source.messages import did_you_mean
from s3gen.tools.schema import modeline_for


class ScaffoldProblem(S3genError):
    """The request cannot be carried out; the message says why and what to do."""


# What json.dumps leaves as it is but a YAML reader folds (NEL is read as a space) or refuses.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")

# `s3gen new KIND`: the region file's list each kind is added to.
ITEM_KINDS = {k.name: k.region_list for k in NEW_IN_REGION if k.region_list}


def _quote(text: str) -> str:
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


def _check_id(value: str, what: str) -> None:
    if not ID_RE.fullmatch(value):
        raise ScaffoldProblem(
            f"'{value}' is not a valid {what} id: use lowercase letters, digits and single hyphens"
        )


def region_text(region_id: str, name: str, country: str, group: str, nuts: str | None) -> str:
    """The text of a new region file."""
    _check_id(region_id, "region")
    country = country.strip().upper()  # `--country no` means Norway
    if country not in ISO_COUNTRIES:
        close = did_you_mean(country, ISO_COUNTRIES)
        hint = f" (did you mean '{close}'?)" if close else ""
        raise ScaffoldProblem(f"'{country}' is not an ISO 3166-1 alpha-2 country code{hint}")
    lines = [
        modeline_for(f"regions/{region_id}.yaml"),
        f"# {_one_line(name)} ({country}): regional profile for the Trans-S3 of the Baltic Sea "
        "Region.",
        "# Created with `s3gen new region`. Facts cite sources from ../sources.yaml; items marked",
        "# `illustrative: true` are proposals. Uncomment and fill in what applies.",
        "",
        f"id: {_quote(region_id)}",
        f"name: {_quote(name)}",
        f"country: {_quote(country)}",
        f"development_group: {_quote(group)}  # less_developed or advanced",
    ]
    if nuts:
        nuts = nuts.strip().upper()
        level = len(nuts) - 2
        if not nuts.startswith(nuts_prefix(country)) or not 1 <= level <= 3:
            raise ScaffoldProblem(
                f"'{nuts}' is not a NUTS code of {country}: it starts with "
                f"'{nuts_prefix(country)}' and has 1 to 3 more characters"
            )
        lines += [
            "nuts:",
            f"  code: {_quote(nuts)}",
            f"  level: {level}",
            '  version: "2021"',
            "  status: unconfirmed",
            "  note: Added with s3gen new; cite a source in `sources` and remove `status`.",
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
        "#     sources: [eis-2023]",
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
    """The lines of a skeleton item, indented as a list item at column 0."""
    areas = ", ".join(a.id for a in strategy.priority_areas)
    if kind == "priority":
        first = strategy.priority_areas[0].id
        return [
            f"- id: {_quote(item_id)}",
            f"  title: {_quote(title or 'New priority')}",
            "  description: |",
            "    What the region specialises in, and the sources that show it.",
            f"  areas: [{_quote(first)}]  # one or more of: {areas}",
            "  illustrative: true  # a proposal until it cites sources",
        ]
    if kind == "gap":
        categories = ", ".join(c.value for c in model.GapCategory)
        return [
            f"- id: {_quote(item_id)}",
            f"  title: {_quote(title or 'New gap')}",
            "  description: |",
            "    The gap in the SME support system, and the evidence for it.",
            f"  category: support_tools  # {categories}",
            "  severity: medium  # low, medium or high",
            "  illustrative: true  # a proposal until it cites sources",
        ]
    if kind == "action":
        return [
            f"- id: {_quote(item_id)}",
            f"  title: {_quote(title or 'New action')}",
            "  description: |",
            "    What the action does, for whom and how.",
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
        f"- id: {_quote(item_id)}",
        f"  topic: {_quote(title or 'New peer-learning topic')}",
        f"  mentors: [{_quote(mentor)}]  # the regions this region learns from",
        f"  format: study_visit  # {formats}",
        "  illustrative: true  # a proposal until it cites sources",
    ]


@dataclass(frozen=True)
class Insertion:
    text: str  # the whole new file
    line: int  # 1-based line where the item starts


_KEEP_BLOCK = re.compile(r":\s*[|>][0-9]?\+")


def _top_key(line: str, key: str) -> tuple[str, str] | None:
    """The value and the comment after ``key:`` on a top-level line, or None for another line.
    Read without a regular expression: one that splits value from comment can backtrack over
    a long run of spaces."""
    body = line.rstrip("\r\n")
    if not body.startswith(key):
        return None
    rest = body[len(key) :].lstrip()
    if not rest.startswith(":"):
        return None
    rest = rest[1:]
    # A comment starts at a '#' that follows a space or a tab.
    at = next((i for i in range(1, len(rest)) if rest[i] == "#" and rest[i - 1] in " \t"), None)
    if at is None:
        return rest, ""
    start = len(rest[:at].rstrip(" \t"))
    return rest[:start], rest[start:]


def insert_item(text: str, key: str, item: list[str]) -> Insertion:
    """``text`` with ``item`` appended to the top-level list ``key``; nothing else changes."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if _top_key(line, key)), None)
    if start is None:
        if lines and not lines[-1].endswith(("\n", "\r")):
            lines[-1] += newline
        block = [f"{key}:{newline}"] + [f"  {x}{newline}" for x in item]
        return Insertion("".join(lines + block), len(lines) + 2)
    found = _top_key(lines[start], key)
    assert found is not None
    value, comment = found[0].strip(), found[1]
    if value == "[]":
        lines[start] = f"{key}:{comment}{newline}"
        value = ""
    if value:
        raise ScaffoldProblem(
            f"'{key}' is written on one line ({value}); write it as a list "
            "with one '- ' line per item first"
        )
    # The list runs until the next line at column 0 that is not one of its own items (items
    # may stand at column 0 themselves: "- id: ...").
    end = start + 1
    indent = None
    while end < len(lines):
        line = lines[end]
        stripped = line.strip()
        if stripped and not stripped.startswith("#"):
            line_indent = len(line) - len(line.lstrip(" "))
            if indent is None:
                if line_indent == 0 and not stripped.startswith("-"):
                    break
                indent = line_indent
            elif line_indent == 0 and not (indent == 0 and stripped.startswith("-")):
                break
        end += 1
    # Comments and blank lines just before the next key belong to that key, unless a block
    # scalar that keeps its trailing blank lines ("|+", ">+") ends the list: then they are its.
    keeps_blanks = any(_KEEP_BLOCK.search(line) for line in lines[start:end])
    while end > start + 1 and (
        lines[end - 1].startswith("#") or (not lines[end - 1].strip() and not keeps_blanks)
    ):
        end -= 1
    pad = " " * (indent if indent is not None else 2)
    if end == len(lines) and lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    block = [f"{pad}{x}{newline}" for x in item]
    return Insertion("".join(lines[:end] + block + lines[end:]), end + 1)


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
) -> Path:
    """Write ``regions/<id>.yaml``; refuse to overwrite or to reuse an id."""
    path = folder / "regions" / f"{region_id}.yaml"
    if path.exists():
        raise ScaffoldProblem(f"{path} already exists; s3gen new never overwrites a file")
    if region_id in {r.id for r in strategy.regions}:
        raise ScaffoldProblem(f"a region with id '{region_id}' already exists")
    text = region_text(region_id, name, country, group, nuts)
    _check_valid(text, path, model.Region)
    write_atomic(path, text.encode("utf-8"))
    return path


def new_item(
    strategy: model.Strategy,
    folder: Path,
    kind: str,
    region_id: str,
    item_id: str | None,
    title: str,
) -> tuple[Path, str, int]:
    """Append a skeleton ``kind`` item to the region's file: its path, the id and the line."""
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
    original = path.read_bytes().decode("utf-8")
    inserted = insert_item(
        original, ITEM_KINDS[kind], item_lines(kind, item_id, title, strategy, region)
    )
    _check_valid(inserted.text, path, model.Region)
    write_atomic(path, inserted.text.encode("utf-8"))
    return path, item_id, inserted.line


def _check_valid(text: str, path: Path, cls: type) -> None:
    # What s3gen writes must read back as a valid file; anything else is a bug or a file we
    # could not edit safely, and nothing is written.
    root, issues = parse_yaml(text, str(path))
    converter = Converter(str(path))
    if root is not None and not issues:
        converter.convert(root, cls)
    if root is None or issues or converter.issues:
        shown = "; ".join(i.message for i in (issues or converter.issues)[:3])
        raise ScaffoldProblem(f"could not add to {path} safely ({shown}); nothing was written")
