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
import os
import shutil
import tempfile
from pathlib import Path

from s3gen import __version__, model
from s3gen.model.placeholders import SKELETONS
from s3gen.output import write_atomic
from s3gen.source.messages import slugify
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
_TEXT = SKELETONS["strategy"]
_REGION = SKELETONS["example-region"]


class InitProblem(Exception):
    """Why no strategy was written; nothing was."""


def document_id(folder: Path) -> str:
    """An id for the document from the folder's name: `My Strategy` -> `my-strategy`."""
    return slugify(folder.resolve().name, "strategy")[: model.LONGEST_NAME_PART].strip("-")


def strategy_text(doc_id: str, today: dt.date, framework: frameworks.Framework | None) -> str:
    policy_areas = (
        frameworks.policy_areas_yaml(framework, "  ", [s["id"] for s in framework.sources])
        if framework is not None
        else [
            "  # The policy areas of the macro-regional strategy the priority areas relate to",
            "  # (`s3gen init --framework eusbsr` or `eusdr` writes a sourced list); uncomment:",
            "  # policy_areas:",
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
        *(f"    {key}: {name}" for key, name in model.DEFAULT_GROUP_NAMES.items()),
        *policy_areas,
        "  # The projects the partners took part in (partners[].projects cite the ids):",
        "  # projects:",
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
        f"    url: {_TEXT['url']}",
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
    region = region_text(
        EXAMPLE_REGION, _REGION["name"], country, "less_developed", None, made_by="s3gen init"
    )
    files = {
        "strategy/strategy.yaml": strategy_text(document_id(folder), dt.date.today(), framework),
        "strategy/sources.yaml": sources_text(framework),
        f"strategy/regions/{EXAMPLE_REGION}.yaml": region,
    }
    title = _TEXT["title"]
    for target, name in REPOSITORY_FILES.items():
        text = (SKELETON / name).read_text(encoding="utf-8")
        files[target] = text.replace("{version}", __version__).replace("{title}", title)
    # Everything is written into a folder beside ``folder`` first and moved into place only
    # when complete: a failure (a full disk, an interruption) leaves nothing half-written.
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".s3gen-init-", dir=folder.parent))
    except OSError as exc:
        raise InitProblem(f"cannot write into {folder.parent}: {exc.strerror or exc}") from exc
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # as a folder made by mkdir (mkdtemp's is private)
    try:
        for name, text in files.items():
            write_atomic(staging / name, text.encode("utf-8"))
        from s3gen.source.validate import read_vocabularies
        from s3gen.tools.schema import write_schema

        vocabularies, problems = read_vocabularies(staging / "strategy")
        if vocabularies is None:  # what init writes is valid; a test checks it
            raise InitProblem(f"s3gen init wrote a strategy it cannot read: {problems[0]}")
        write_schema(staging / "strategy" / "schema", vocabularies)
        written = sorted(p.relative_to(staging) for p in staging.rglob("*") if p.is_file())
        _move_into(staging, folder)
    except OSError as exc:
        raise InitProblem(f"cannot write the new strategy: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [folder / p for p in written]


def _move_into(staging: Path, folder: Path) -> None:
    """Put what ``staging`` holds into ``folder``: one rename when the folder is new, one per
    top-level entry (none of which exists there) when it holds only .git."""
    if not folder.exists():
        staging.rename(folder)
        return
    moved: list[Path] = []
    try:
        for entry in sorted(staging.iterdir()):
            entry.rename(folder / entry.name)
            moved.append(folder / entry.name)
    except OSError:
        for path in moved:  # back out: the folder is left as it was
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        raise
