"""`s3gen migrate`: bring a strategy written for an older file format up to this s3gen's.

Format 1 (no `format` key in strategy.yaml) had its vocabularies built in: the EUSBSR's 14
policy areas (cited as `eusbsr_policy_areas`), the two GoSmart projects and the names of the
development groups. Format 2 declares them in strategy.yaml. The migration edits the text of
strategy.yaml, so that every comment, quote and line break stays as written: it adds a
`format: 2` line before the first key, renames each `eusbsr_policy_areas` key of a priority area
to `policy_areas` (at the key's own position, never inside a text), and appends a
`vocabularies:` block. Nothing else in the file changes, and no other file is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from s3gen import model
from s3gen.output import write_atomic
from s3gen.source.load import MAX_FILE_BYTES, Mapping, Scalar, Sequence, parse_yaml
from s3gen.tools import frameworks
from s3gen.tools.scaffold import quote

OLD_KEY, NEW_KEY = "eusbsr_policy_areas", "policy_areas"
# The projects and development-group names format 1 had built in, as its report printed them.
FORMAT_1_PROJECTS = (("gosmart_bsr", "GoSmart BSR"), ("gosmart_excel_bsr", "GoSmart&Excel BSR"))
FORMAT_1_GROUPS = (("less_developed", "Less developed region"), ("advanced", "Advanced region"))


class MigrationProblem(Exception):
    """Why a strategy cannot be migrated; nothing was written."""


@dataclass(frozen=True)
class Migration:
    text: str  # the new strategy.yaml
    renamed: int  # keys renamed
    added: list[str]  # what the vocabularies block declares, in words


def _format_of(root: Mapping) -> int:
    node = root.get("format")
    if node is None:
        return 1
    if isinstance(node, Scalar) and node.tag == "int" and isinstance(node.value, int):
        return node.value
    raise MigrationProblem(
        f"line {node.line}: 'format' is not a whole number; write the format the strategy "
        "follows (1 when in doubt, or remove the key) and run this again"
    )


def _old_keys(root: Mapping) -> list[Scalar]:
    """The `eusbsr_policy_areas` keys of the priority areas, where they are written."""
    areas = root.get("priority_areas")
    found: list[Scalar] = []
    if isinstance(areas, Sequence):
        for item in areas.items:
            if isinstance(item, Mapping):
                found += [k for k, _ in item.entries if k.raw == OLD_KEY]
    return found


def _uses_projects(region_texts: list[str]) -> bool:
    """Whether any region file's partner cites a project (so format 1's pair is declared)."""
    for text in region_texts:
        root, _ = parse_yaml(text, "region")
        partners = root.get("partners") if isinstance(root, Mapping) else None
        if isinstance(partners, Sequence):
            for p in partners.items:
                if isinstance(p, Mapping) and p.get("projects") is not None:
                    return True
    return False


def migrate_text(text: str, source_ids: set[str], region_texts: list[str]) -> Migration | None:
    """The migrated strategy.yaml, or None when it is already in this s3gen's format."""
    root, issues = parse_yaml(text, "strategy.yaml")
    if not isinstance(root, Mapping):
        first = issues[0].message if issues else "it is not a mapping of keys to values"
        raise MigrationProblem(f"strategy.yaml cannot be read: {first}; fix it first")
    written = _format_of(root)
    if written == model.FORMAT:
        return None
    if written > model.FORMAT:
        raise MigrationProblem(
            f"strategy.yaml is in format {written}, newer than the format {model.FORMAT} this "
            "s3gen reads: install a newer s3gen"
        )
    if root.get("vocabularies") is not None:
        raise MigrationProblem(
            "strategy.yaml has no 'format' but already has 'vocabularies': add `format: "
            f"{model.FORMAT}` at its top by hand"
        )
    lines = text.splitlines(keepends=True)
    old = _old_keys(root)
    for key in old:  # same length per line: several keys on one line (flow style) stay right
        line = lines[key.line - 1]
        at = key.column - 1
        lines[key.line - 1] = line[:at] + NEW_KEY + line[at + len(OLD_KEY) :]
    first_key = root.entries[0][0]
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    lines.insert(first_key.line - 1, f"format: {model.FORMAT}{newline}")
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    block, added = _vocabularies(bool(old), _uses_projects(region_texts), source_ids)
    lines += [line + newline for line in ["", *block]]
    return Migration("".join(lines), len(old), added)


def _vocabularies(
    policy_areas: bool, projects: bool, source_ids: set[str]
) -> tuple[list[str], list[str]]:
    block = [
        f"# Added by `s3gen migrate` (format 1 to {model.FORMAT}): the values format 1 had built "
        "in,",
        "# which this strategy uses. Rename them as the report should print them.",
        "vocabularies:",
        "  development_groups:",
        *(f"    {key}: {quote(name)}" for key, name in FORMAT_1_GROUPS),
    ]
    added = ["the names of the two development groups"]
    if policy_areas:
        eusbsr = frameworks.load("eusbsr")
        cited = [s["id"] for s in eusbsr.sources if s["id"] in source_ids]
        block += frameworks.policy_areas_yaml(eusbsr, "  ", cited)
        added.append(f"the {len(eusbsr.areas)} {eusbsr.title}")
    if projects:
        block.append("  projects:")
        block += [f"    - {{id: {i}, name: {quote(n)}}}" for i, n in FORMAT_1_PROJECTS]
        added.append("the projects " + " and ".join(n for _, n in FORMAT_1_PROJECTS))
    return block, added


def _read(path: Path) -> str:
    """A strategy file's text with its line endings as they are (the edit keeps them)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        raise MigrationProblem(
            f"{path} is larger than the {MAX_FILE_BYTES:,} bytes a strategy file may have"
        )
    return path.read_bytes().decode("utf-8")


def migrate(strategy_dir: Path) -> Migration | None:
    """Migrate ``strategy_dir``'s strategy.yaml in place (atomically); None when up to date."""
    path = strategy_dir / "strategy.yaml"
    try:
        text = _read(path)
        sources = _read(strategy_dir / "sources.yaml")
        regions = [_read(p) for p in sorted((strategy_dir / "regions").glob("*.yaml"))]
    except (OSError, UnicodeDecodeError) as exc:
        raise MigrationProblem(f"cannot read the strategy in {strategy_dir}: {exc}") from exc
    root, _ = parse_yaml(sources, "sources.yaml")
    listed = root.get("sources") if isinstance(root, Mapping) else None
    source_ids = {
        entry.raw
        for item in (listed.items if isinstance(listed, Sequence) else ())
        if isinstance(item, Mapping) and isinstance(entry := item.get("id"), Scalar)
    }
    migration = migrate_text(text, source_ids, regions)
    if migration is not None:
        write_atomic(path, migration.text.encode("utf-8"))
    return migration
