"""`s3gen init DIR`: a new strategy repository that validates and builds from the first minute.

It writes `strategy/` (strategy.yaml with placeholders, sources.yaml, one example region, the
JSON Schema), a `.gitignore`, a GitHub workflow and a pre-commit configuration that run the
installed s3gen, and a short README. Every text still to be written is a placeholder of
`model/placeholders.py`, so `s3gen validate` warns about it until it is replaced and `--strict`
fails. `--framework` adds the sourced policy areas of an EU macro-regional strategy
(`s3gen/frameworks/`). Nothing is written into a folder that holds anything but `.git`, and no
file is overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from s3gen import __version__, model
from s3gen.model.placeholders import SKELETONS
from s3gen.output import write_atomic
from s3gen.tools import frameworks
from s3gen.tools.scaffold import quote, region_text

SKELETON = Path(__file__).resolve().parent.parent / "skeleton"
# The files of the repository around the strategy: where each goes, from which skeleton file.
REPOSITORY_FILES = {
    ".gitignore": "gitignore",
    ".github/workflows/strategy.yml": "workflow.yml",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    "README.md": "README.md",
}
EXAMPLE_REGION = "example-region"
_WORD = re.compile(r"[a-z0-9]+")
_TEXT = SKELETONS["strategy"]
_REGION = SKELETONS["example-region"]


class InitProblem(Exception):
    """Why no strategy was written; nothing was."""


def document_id(folder: Path) -> str:
    """An id for the document from the folder's name: `My Strategy` -> `my-strategy`."""
    words = _WORD.findall(folder.resolve().name.lower())
    return "-".join(words)[: model.LONGEST_NAME_PART].strip("-") or "strategy"


def strategy_text(doc_id: str, today: dt.date, framework: frameworks.Framework | None) -> str:
    policy_areas = (
        frameworks.policy_areas_yaml(framework, "  ", [s["id"] for s in framework.sources])
        if framework is not None
        else [
            "  # policy_areas: the policy areas of the macro-regional strategy the priority areas",
            "  # relate to (`s3gen init --framework eusbsr` or `eusdr` writes a sourced list):",
            "  #   title: Policy areas",
            "  #   sources: [source-id]",
            "  #   areas:",
            "  #     - {id: innovation, name: Innovation}",
        ]
    )
    cite = (
        "    # policy_areas: [innovation]  # ids of vocabularies.policy_areas, once declared"
        if framework is None
        else f"    policy_areas: [{framework.areas[0][0]}]  # ids of vocabularies.policy_areas"
    )
    lines = [
        "# yaml-language-server: $schema=schema/strategy.schema.json",
        "# The strategy: its metadata, the chapters that are not per region, its priority areas",
        "# and its own vocabularies. Written by `s3gen init`: `s3gen validate` warns about each",
        "# text still to be written (`placeholder`). Cite sources in Markdown as [@source-id].",
        "",
        f"format: {model.FORMAT}",
        "document:",
        f"  id: {quote(doc_id)}",
        f"  title: {quote(_TEXT['title'])}",
        '  version: "0.1"',
        "  status: draft",
        f"  publication_date: {today.isoformat()}",
        "  language: en",
        "  licence: CC-BY-4.0",
        "  editors:",
        f"    - name: {quote(_TEXT['name'])}",
        "chapters:",
        *(
            f"  {key}: |\n    {_TEXT[key]}"
            for key in ("summary", "vision", "methodology", "governance", "monitoring")
        ),
        "priority_areas:",
        "  - id: example-area",
        f"    name: {quote(_TEXT['area'])}",
        "    description: |",
        f"      {_TEXT['description']}",
        "    sources: [example-source]",
        cite,
        "",
        *(frameworks.glossary_yaml(framework) if framework is not None else []),
        "# The lists other files cite by id, and what the report calls the development groups.",
        "vocabularies:",
        "  development_groups:",
        "    less_developed: Less developed region",
        "    advanced: Advanced region",
        *policy_areas,
        "  # projects: projects the partners took part in (partners[].projects cite the ids)",
        "  #   - {id: project-id, name: Name of the project}",
        "",
    ]
    return "\n".join(lines)


def sources_text(framework: frameworks.Framework | None) -> str:
    lines = [
        "# yaml-language-server: $schema=schema/sources.schema.json",
        "# Every source the strategy cites, by id. Written by `s3gen init`.",
        "",
        "sources:",
        "  - id: example-source",
        f"    title: {quote(_TEXT['source'])}",
        "    url: https://example.org/",
    ]
    if framework is not None:
        lines += frameworks.sources_yaml(framework)
    return "\n".join([*lines, ""])


def _refuse_unless_empty(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise InitProblem(f"{folder} exists and is not a folder")
    if folder.is_dir():
        inside = sorted(p.name for p in folder.iterdir() if p.name != ".git")
        if inside:
            listed = ", ".join(inside[:5]) + (", …" if len(inside) > 5 else "")
            raise InitProblem(
                f"{folder} is not empty ({listed}): s3gen init writes only into a new or empty "
                "folder (a .git folder may be there)"
            )


def init(folder: Path, framework_name: str | None, country: str) -> list[Path]:
    """Write a new strategy repository into ``folder``; the files written."""
    _refuse_unless_empty(folder)
    framework = frameworks.load(framework_name) if framework_name else None
    region = region_text(EXAMPLE_REGION, _REGION["name"], country, "less_developed", None)
    files = {
        "strategy/strategy.yaml": strategy_text(document_id(folder), dt.date.today(), framework),
        "strategy/sources.yaml": sources_text(framework),
        f"strategy/regions/{EXAMPLE_REGION}.yaml": region,
    }
    title = _TEXT["title"]
    for target, name in REPOSITORY_FILES.items():
        text = (SKELETON / name).read_text(encoding="utf-8")
        files[target] = text.replace("{version}", __version__).replace("{title}", title)
    written = []
    for name, text in files.items():
        path = folder / name
        write_atomic(path, text.encode("utf-8"))
        written.append(path)
    # The schema offers the new strategy's own vocabularies.
    from s3gen.source.validate import read_vocabularies
    from s3gen.tools.schema import write_schema

    vocabularies, problems = read_vocabularies(folder / "strategy")
    assert vocabularies is not None, problems  # what init writes is valid; a test checks it
    written += write_schema(folder / "strategy" / "schema", vocabularies)
    return written
