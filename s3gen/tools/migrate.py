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
from s3gen.source.version import NEW_KEY, OLD_KEY, Written, written_format
from s3gen.tools import frameworks
from s3gen.tools.scaffold import quote

# The projects and development-group names format 1 had built in, as its report printed them.
FORMAT_1_PROJECTS = (("gosmart_bsr", "GoSmart BSR"), ("gosmart_excel_bsr", "GoSmart&Excel BSR"))
FORMAT_1_GROUPS = tuple(model.DEFAULT_GROUP_NAMES.items())


class MigrationProblem(Exception):
    """Why a strategy cannot be migrated; nothing was written."""


@dataclass(frozen=True)
class Migration:
    text: str  # the new strategy.yaml
    renamed: int  # keys renamed
    added: tuple[str, ...]  # what the vocabularies block declares, in words
    glossary: str  # "", or what to add to the glossary by hand


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


def _check(written: Written, where: str) -> None:
    """Refuse a `format` this migration cannot start from."""
    stated = written.stated
    line = f"strategy.yaml:{stated.line}" if stated else "strategy.yaml"
    if written.number is None:
        shown = f"'{stated.raw}'" if stated else "not a number"
        raise MigrationProblem(
            f"{line}: 'format' is {shown}, not a whole number: write it without quotes "
            f"(`format: {model.FORMAT}`), or remove the key of a format-1 file, and run this again"
        )
    if written.number < 1 or written.number > model.FORMAT:
        raise MigrationProblem(
            f"{line}: 'format' is {written.number}; this s3gen migrates format 1 to "
            f"{model.FORMAT}{where}"
        )


def _terms(root: Mapping, key: str, field: str) -> set[str]:
    """The ``field`` values of the mappings listed under ``key`` (glossary terms, source ids)."""
    listed = root.get(key)
    return {
        node.raw
        for item in (listed.items if isinstance(listed, Sequence) else ())
        if isinstance(item, Mapping) and isinstance(node := item.get(field), Scalar)
    }


def migrate_text(text: str, source_ids: set[str], region_texts: list[str]) -> Migration | None:
    """The migrated strategy.yaml, or None when it is already in this s3gen's format."""
    root, issues = parse_yaml(text, "strategy.yaml")
    if not isinstance(root, Mapping) or not root.entries:
        first = issues[0].message if issues else "it is not a mapping of keys to values"
        raise MigrationProblem(f"strategy.yaml cannot be read: {first}; fix it first")
    written = written_format(root)
    newer = (
        ": install a newer s3gen for a newer format" if (written.number or 0) > model.FORMAT else ""
    )
    _check(written, newer)
    if written.number == model.FORMAT and not written.format_1_content:
        return None
    lines = text.splitlines(keepends=True)
    first_key = root.entries[0][0]
    if lines[root.line - 1][root.column - 1 :].startswith("{"):
        raise MigrationProblem(
            "strategy.yaml is one flow mapping ({...}): write it as `key: value` lines first"
        )
    for key in written.old_keys:  # same length per line: several keys on one line stay right
        line = lines[key.line - 1]
        at = key.column - 1 + (key.style in ("'", '"'))  # a quoted key starts after its quote
        lines[key.line - 1] = line[:at] + NEW_KEY + line[at + len(OLD_KEY) :]
    newline = "\r\n" if lines[0].endswith("\r\n") else "\n"
    stated = written.stated
    if stated is not None:  # `format: 1` (or 2 on format-1 content): the value, in place
        line = lines[stated.line - 1]
        at = stated.column - 1
        lines[stated.line - 1] = line[:at] + str(model.FORMAT) + line[at + len(stated.raw) :]
    else:
        indent = " " * (first_key.column - 1)
        index = first_key.line - 1
        bom = "\ufeff" if lines[index].startswith("\ufeff") else ""
        lines[index] = lines[index].removeprefix(bom)
        lines.insert(index, f"{bom}{indent}format: {model.FORMAT}{newline}")
    if not lines[-1].endswith(("\n", "\r")):
        lines[-1] += newline
    added: tuple[str, ...] = ()
    glossary = ""
    if not written.has_vocabularies:
        policy_areas = bool(written.old_keys)
        block, added = _vocabularies(policy_areas, _uses_projects(region_texts), source_ids)
        if policy_areas:
            block, glossary = _glossary(root, block, source_ids)
        lines += [line + newline for line in ["", *block]]
    new = "".join(lines)
    _reads_back(new)
    return Migration(new, len(written.old_keys), added, glossary)


def _glossary(root: Mapping, block: list[str], source_ids: set[str]) -> tuple[list[str], str]:
    """The EUSBSR's abbreviation, which the list's title now uses as data: a glossary block
    when the file has none, or what to add to the one it has."""
    eusbsr = frameworks.load("eusbsr")
    terms = _terms(root, "glossary", "term")
    missing = [g for g in eusbsr.glossary if g["term"] not in terms]
    if not missing:
        return block, ""
    if root.get("glossary") is None:
        entries = [
            {**g, "sources": [s for s in g.get("sources", ()) if s in source_ids]} for g in missing
        ]
        return [*frameworks.glossary_yaml(eusbsr, entries), *block], ""
    return block, ", ".join(f"{g['term']} ({g['meaning']})" for g in missing)


def _reads_back(text: str) -> None:
    """Refuse to write a file that would not read as this format (a case the edit missed)."""
    root, issues = parse_yaml(text, "strategy.yaml")
    written = written_format(root) if isinstance(root, Mapping) else None
    if issues or written is None or written.number != model.FORMAT or written.format_1_content:
        problem = issues[0].message if issues else "it would still not be in the new format"
        raise MigrationProblem(
            f"the migrated strategy.yaml would not read back ({problem}); migrate it by hand: "
            f"add `format: {model.FORMAT}`, rename `{OLD_KEY}` to `{NEW_KEY}` and declare "
            "`vocabularies:` (README: the strategy's own vocabularies)"
        )


def _vocabularies(
    policy_areas: bool, projects: bool, source_ids: set[str]
) -> tuple[list[str], tuple[str, ...]]:
    block = [
        f"# Added by `s3gen migrate` (format 1 to {model.FORMAT}): the lists format 1 had built "
        "in and",
        "# this strategy uses, whole. Rename the entries as the report should print them.",
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
    return block, tuple(added)


def needs_migration(strategy_dir: Path) -> bool:
    """Whether the strategy.yaml in ``strategy_dir`` is readable and of format 1 (or content of
    format 1 however it is marked): what `s3gen migrate` would change."""
    try:
        root, _ = parse_yaml(_read(strategy_dir / "strategy.yaml"), "strategy.yaml")
    except (OSError, UnicodeDecodeError, MigrationProblem):
        return False
    if not isinstance(root, Mapping):
        return False
    written = written_format(root)
    return (
        written.number is not None
        and 1 <= written.number <= model.FORMAT
        and (written.number < model.FORMAT or written.format_1_content)
    )


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
    source_ids = _terms(root, "sources", "id") if isinstance(root, Mapping) else set()
    migration = migrate_text(text, source_ids, regions)
    if migration is not None:
        write_atomic(path, migration.text.encode("utf-8"))
    return migration
