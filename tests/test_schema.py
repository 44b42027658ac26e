"""The JSON Schema for editors: generated from the model, committed, current, and in agreement
with the validator on the shape of the files."""

from __future__ import annotations

import json
import shlex
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from s3gen import model
from s3gen.cli import cli
from s3gen.errors import Issue
from s3gen.model.formats import FORMATS
from s3gen.source.validate import read_vocabularies
from s3gen.tools.schema import modeline_for, schema_texts
from tests.conftest import DEFAULT_STRATEGY, copy_fixture
from tests.issue_cases import CASES, TINY_SVG, VARIANTS


class Yaml12Dates(yaml.SafeLoader):
    """Reads dates as text, as the YAML language server in an editor does."""


Yaml12Dates.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

# The default strategy\'s own vocabularies, which its schema offers.
DEFAULT_VOCABULARIES, _ = read_vocabularies(DEFAULT_STRATEGY)
assert DEFAULT_VOCABULARIES is not None, "the default strategy's vocabularies do not read"


def schema_for(name: str) -> dict[str, Any]:
    kind = "region" if name.startswith("regions/") else name.removesuffix(".yaml")
    text = (DEFAULT_STRATEGY / "schema" / f"{kind}.schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def schema_errors(root: Path, name: str) -> list[str]:
    data = yaml.load((root / name).read_text(encoding="utf-8"), Loader=Yaml12Dates)
    validator = jsonschema.Draft7Validator(schema_for(name))
    return [e.message for e in validator.iter_errors(data)]


def strategy_files(root: Path) -> list[str]:
    return [
        "strategy.yaml",
        "sources.yaml",
        *(f"regions/{p.name}" for p in sorted((root / "regions").glob("*.yaml"))),
    ]


def test_committed_schema_is_current() -> None:
    for name, text in schema_texts(DEFAULT_VOCABULARIES).items():
        assert (DEFAULT_STRATEGY / "schema" / name).read_text(encoding="utf-8") == text, (
            f"{name} is stale: run `s3gen schema` and commit it"
        )
    result = CliRunner().invoke(cli, ["schema", "--check", "--strategy", str(DEFAULT_STRATEGY)])
    assert result.exit_code == 0, result.output


def test_schema_check_says_which_files_are_missing_or_out_of_date(tmp_path: Path) -> None:
    copy_fixture("minimal", tmp_path.parent / "from")
    shutil.copytree(tmp_path.parent / "from" / "strategy", tmp_path, dirs_exist_ok=True)
    folder = tmp_path / "schema"

    def check() -> tuple[int, str]:
        result = CliRunner().invoke(cli, ["schema", "--check", "--strategy", str(tmp_path)])
        return result.exit_code, result.stderr

    run = f"run `s3gen schema --strategy {shlex.quote(str(tmp_path))}` and commit the result"
    assert check() == (
        1,
        f"Error: {folder / 'strategy.schema.json'}, {folder / 'sources.schema.json'} and "
        f"{folder / 'region.schema.json'} do not exist; {run}\n",
    )
    written = CliRunner().invoke(cli, ["schema", "--strategy", str(tmp_path)])
    assert written.exit_code == 0
    assert json.loads((folder / "region.schema.json").read_text())["$schema"]
    assert check()[0] == 0
    (folder / "region.schema.json").write_text("{}\n")
    assert check() == (1, f"Error: {folder / 'region.schema.json'} is out of date; {run}\n")
    (folder / "sources.schema.json").unlink()
    assert check() == (
        1,
        f"Error: {folder / 'sources.schema.json'} does not exist; "
        f"{folder / 'region.schema.json'} is out of date; {run}\n",
    )


def test_schema_check_names_the_strategy_folder_only_when_it_is_not_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy_fixture("minimal", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["schema", "--check"])
    assert result.exit_code == 1
    assert result.stderr.endswith("do not exist; run `s3gen schema` and commit the result\n"), (
        result.stderr
    )


def test_every_strategy_file_points_at_its_schema() -> None:
    for name in strategy_files(DEFAULT_STRATEGY):
        first = (DEFAULT_STRATEGY / name).read_text(encoding="utf-8").splitlines()[0]
        assert first == modeline_for(name), name
        target = (DEFAULT_STRATEGY / name).parent / first.split("$schema=", 1)[1]
        assert target.resolve().is_file(), name


def test_schemas_are_valid_draft_07() -> None:
    for text in schema_texts(DEFAULT_VOCABULARIES).values():
        jsonschema.Draft7Validator.check_schema(json.loads(text))


def test_the_default_strategy_passes_the_schema() -> None:
    for name in strategy_files(DEFAULT_STRATEGY):
        assert schema_errors(DEFAULT_STRATEGY, name) == [], name


def test_schema_carries_hints_for_editors() -> None:
    region = json.loads(schema_texts(DEFAULT_VOCABULARIES)["region.schema.json"])
    gap = region["definitions"]["Gap"]["properties"]
    assert gap["category"]["enum"][:2] == ["funding", "skills"]
    assert gap["severity"]["description"] == "low, medium or high."
    assert region["definitions"]["Region"]["properties"]["country"]["examples"] == ["PL"]
    assert region["definitions"]["Region"]["additionalProperties"] is False


# Codes about the shape of a file, which the schema can see too.
STRUCTURAL = [
    "unknown-key",
    "missing-key",
    "empty-value",
    "wrong-type",
    "invalid-value",
    "invalid-id",
    "invalid-format",
    "out-of-range",
    "not-a-mapping",
    "implicit-type",
]
SHAPE_VARIANTS = [
    "off as an enum value",
    "empty list where one item is required",
    "a list item is not a mapping",
    "empty key in a required list",
    "a malformed ISBN",
    "a DOI written as its address",
    "a logo path that leaves the folder",
]


@pytest.mark.parametrize("case", STRUCTURAL + SHAPE_VARIANTS)
def test_what_the_validator_rejects_for_its_shape_the_schema_rejects_too(
    case: str, check: Callable[..., list[Issue]], minimal: Path
) -> None:
    edits = (CASES[case] if case in CASES else VARIANTS[case])[0]
    if case == "implicit-type":  # YAML 1.2 reads 'yes' as text; the number 2027 stays a number
        edits = {"regions/alpha.yaml": [("    topic: Cluster support", "    topic: 2027")]}
    issues = check(edits)
    assert issues, case
    files = {i.file.removeprefix("strategy/") for i in issues}
    assert any(schema_errors(minimal, name) for name in files), case


def test_schema_describes_the_formats_of_the_front_matter() -> None:
    definitions = json.loads(schema_texts(DEFAULT_VOCABULARIES)["strategy.schema.json"])[
        "definitions"
    ]
    for name, key, hint in [
        ("Document", "isbn", model.Isbn),
        ("Document", "doi", model.Doi),
        ("Logo", "file", model.LogoFile),
    ]:
        prop = definitions[name]["properties"][key]
        text = prop["anyOf"][0] if "anyOf" in prop else prop
        pattern = FORMATS[hint].pattern
        assert pattern is not None and text["pattern"] == pattern.pattern, (name, key)
    flagships = definitions["StrategyFile"]["properties"]["flagship_actions"]
    assert flagships["items"]["pattern"] == FORMATS[model.Id].pattern.pattern  # type: ignore[union-attr]
    assert definitions["Logo"]["required"] == ["file", "alt"]
    assert definitions["Term"]["required"] == ["term", "meaning"]


def test_the_front_and_back_matter_pass_the_schema(
    check: Callable[..., list[Issue]], minimal: Path
) -> None:
    edits = {
        "strategy.yaml": [
            (
                "CC-BY-4.0\n",
                "CC-BY-4.0\n  isbn: 978-3-16-148410-0\n  doi: 10.2760/12345\n"
                "  url: https://example.org/strategy\n  disclaimer: The views are the authors'.\n",
            ),
            (
                "    description: The second area.\n    sources: [src-one]\n",
                "    description: The second area.\n    sources: [src-one]\n"
                "flagship_actions: [alpha-vouchers]\n"
                "glossary:\n  - {term: EU, meaning: European Union}\n"
                "funding:\n  statement: Co-funded by the EU.\n"
                "  logos:\n    - {file: logos/programme.svg, alt: The programme's logo}\n",
            ),
        ],
        "logos/programme.svg": lambda path: (path.parent.mkdir(), path.write_bytes(TINY_SVG)),
    }
    assert check(edits) == []
    assert schema_errors(minimal, "strategy.yaml") == []
