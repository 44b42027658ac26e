"""The sourced vocabularies s3gen ships: the policy areas of EU macro-regional strategies.

Each is a file of `s3gen/frameworks/`, with the sources that name its list; `s3gen init
--framework NAME` writes one into a new strategy, `s3gen migrate` the EUSBSR's into a strategy of
format 1 (which had it built in). No list is shipped without its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml

from s3gen.frameworks import FOLDER, names
from s3gen.tools.scaffold import quote

__all__ = ["FOLDER", "Framework", "glossary_yaml", "load", "names", "policy_areas_yaml"]


@dataclass(frozen=True)
class Framework:
    name: str  # the file's stem: `--framework NAME`
    title: str  # what the report calls the list
    sources: tuple[dict[str, str], ...]  # entries of sources.yaml, in its keys
    areas: tuple[tuple[str, str], ...]  # (id, name)
    glossary: tuple[dict[str, Any], ...]  # glossary entries: the abbreviation in the title


def load(name: str) -> Framework:
    """A shipped framework (its data is part of s3gen, so it is trusted to be well formed)."""
    data: dict[str, Any] = yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))
    return Framework(
        name=name,
        title=data["title"],
        sources=tuple(data["sources"]),
        areas=tuple((a["id"], a["name"]) for a in data["areas"]),
        glossary=tuple(data.get("glossary", ())),
    )


def policy_areas_yaml(framework: Framework, indent: str, cited: list[str]) -> list[str]:
    """The lines of a `policy_areas:` mapping under `vocabularies:`, indented by ``indent``;
    ``cited`` are the ids of the framework's sources the strategy has."""
    lines = [f"{indent}policy_areas:", f"{indent}  title: {quote(framework.title)}"]
    if cited:
        lines.append(f"{indent}  sources: [{', '.join(cited)}]")
    lines.append(f"{indent}  areas:")
    lines += [f"{indent}    - {{id: {i}, name: {quote(n)}}}" for i, n in framework.areas]
    return lines


def glossary_yaml(
    framework: Framework, entries: Sequence[dict[str, Any]] | None = None
) -> list[str]:
    """The framework's abbreviations (or ``entries`` of them) as a top-level `glossary:` of
    strategy.yaml, followed by a blank line."""
    listed = framework.glossary if entries is None else entries
    if not listed:
        return []
    lines = ["glossary:"]
    for entry in listed:
        lines += [f"  - term: {quote(entry['term'])}", f"    meaning: {quote(entry['meaning'])}"]
        if entry.get("sources"):
            lines.append(f"    sources: [{', '.join(entry['sources'])}]")
    return [*lines, ""]


def sources_yaml(framework: Framework, indent: str = "  ") -> list[str]:
    """The framework's sources as entries of sources.yaml's `sources:` list."""
    lines = []
    for source in framework.sources:
        first = True
        for key, value in source.items():
            lead = f"{indent}- " if first else f"{indent}  "
            lines.append(f"{lead}{key}: {quote(value)}")
            first = False
    return lines
