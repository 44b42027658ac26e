"""`s3gen init DIR`: a new strategy repository that validates and builds, whose every text still
to be written is a `placeholder` warning, with a CI workflow and a pre-commit hook that run the
installed s3gen, and, with --framework, a sourced list of policy areas."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from s3gen.cli import cli
from s3gen.errors import IssueSeverity
from s3gen.model.placeholders import SKELETONS
from s3gen.source.validate import check_strategy
from s3gen.tools import frameworks


def _init(folder: Path, *options: str) -> str:
    result = CliRunner().invoke(cli, ["init", str(folder), *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_init_writes_a_strategy_that_validates_with_a_warning_per_placeholder(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "My Strategy"
    _init(folder)
    for name in (
        "strategy/strategy.yaml",
        "strategy/sources.yaml",
        "strategy/regions/example-region.yaml",
        "strategy/schema/region.schema.json",
        ".gitignore",
        ".github/workflows/strategy.yml",
        ".pre-commit-config.yaml",
        "README.md",
    ):
        assert (folder / name).is_file(), name
    result = check_strategy(folder / "strategy")
    assert result.strategy is not None
    assert result.strategy.document.id == "my-strategy"
    assert all(i.severity is IssueSeverity.WARNING for i in result.issues)
    placeholders = [i for i in result.issues if i.code == "placeholder"]
    written = {*SKELETONS["strategy"].values(), *SKELETONS["example-region"].values()}
    found = {i.message.split('"')[1] for i in placeholders}
    assert found == written, written - found
    runner = CliRunner()
    strategy = ["--strategy", str(folder / "strategy")]
    assert runner.invoke(cli, ["validate", *strategy]).exit_code == 0
    assert runner.invoke(cli, ["validate", "--strict", *strategy]).exit_code == 1
    # The schema it wrote is the one `s3gen schema` would write.
    assert runner.invoke(cli, ["schema", "--check", *strategy]).exit_code == 0


@pytest.mark.parametrize("name", frameworks.names())
def test_a_framework_is_sourced_and_lands_in_the_vocabularies(tmp_path: Path, name: str) -> None:
    framework = frameworks.load(name)
    assert framework.sources and all(s["url"].startswith("https://") for s in framework.sources)
    ids = [i for i, _ in framework.areas]
    assert len(set(ids)) == len(ids) >= 10
    _init(tmp_path / "s", "--framework", name)
    result = check_strategy(tmp_path / "s" / "strategy")
    assert result.strategy is not None, result.issues
    declared = result.strategy.vocabularies.policy_areas
    assert declared is not None and declared.title == framework.title
    assert [a.id for a in declared.areas] == ids
    assert [t.term for t in result.strategy.glossary] == [g["term"] for g in framework.glossary]
    assert not [i for i in result.issues if i.code.startswith(("abbreviation", "glossary"))]
    cited = {s.id for s in result.strategy.sources}
    assert set(declared.sources) == {s["id"] for s in framework.sources} <= cited
    schema = json.loads(
        (tmp_path / "s" / "strategy" / "schema" / "strategy.schema.json").read_text("utf-8")
    )
    area = schema["definitions"]["PriorityArea"]["properties"]["policy_areas"]["items"]
    assert area["enum"] == ids


def test_the_eusdr_list_has_the_danube_strategys_twelve_areas() -> None:
    framework = frameworks.load("eusdr")
    assert [i for i, _ in framework.areas][:3] == ["pa1a", "pa1b", "pa2"]
    assert len(framework.areas) == 12
    assert framework.sources[0]["url"].endswith("CELEX:52010DC0715")


def test_without_a_framework_no_policy_area_is_declared(tmp_path: Path) -> None:
    _init(tmp_path / "s", "--framework", "none")
    result = check_strategy(tmp_path / "s" / "strategy")
    assert result.strategy is not None
    assert result.strategy.vocabularies.policy_areas is None
    text = (tmp_path / "s" / "strategy" / "strategy.yaml").read_text(encoding="utf-8")
    assert "Baltic" not in text and "EUSBSR" not in text


def test_the_workflow_validates_posts_the_diff_and_keeps_the_build(tmp_path: Path) -> None:
    _init(tmp_path / "s")
    workflow = yaml.safe_load((tmp_path / "s" / ".github/workflows/strategy.yml").read_text())
    jobs = workflow["jobs"]
    runs = {job: " ".join(s.get("run", "") for s in jobs[job]["steps"]) for job in jobs}
    assert "s3gen validate --strict --format github" in runs["validate"]
    assert "--format markdown" in runs["change-report"] and "gh pr comment" in runs["change-report"]
    assert jobs["change-report"]["if"] == "github.event_name == 'pull_request'"
    assert "s3gen pdf" in runs["build"]
    (upload,) = [s for s in jobs["build"]["steps"] if "upload-artifact" in s.get("uses", "")]
    assert upload["with"]["path"] == "build/"
    assert "{version}" not in json.dumps(workflow)
    hooks = yaml.safe_load((tmp_path / "s" / ".pre-commit-config.yaml").read_text())
    (repo,) = hooks["repos"]
    assert repo["repo"] == "local"
    assert repo["hooks"][0]["entry"] == "s3gen validate"
    assert repo["hooks"][0]["language"] == "system"


def test_init_refuses_a_folder_that_holds_anything_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = CliRunner().invoke(cli, ["init", str(folder)])
    assert result.exit_code == 1
    assert "is not empty (notes.txt)" in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def test_init_writes_into_a_fresh_git_repository(tmp_path: Path) -> None:
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    _init(tmp_path / "repo")
    assert (tmp_path / "repo" / "strategy" / "strategy.yaml").is_file()


def test_an_unknown_framework_or_country_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "a"), "--framework", "eusbr"])
    assert result.exit_code == 2 and "eusbsr" in result.output
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "b"), "--country", "no"])
    assert result.exit_code == 0, result.output  # lower case is read as the code
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "c"), "--country", "XY"])
    assert result.exit_code == 2 and "not an ISO 3166-1 alpha-2 country code" in result.output
    assert not (tmp_path / "c").exists()


def test_the_documents_id_is_made_from_the_folders_name_in_any_script(tmp_path: Path) -> None:
    _init(tmp_path / "Région Île-de-France")
    strategy = check_strategy(tmp_path / "Région Île-de-France" / "strategy").strategy
    assert strategy is not None and strategy.document.id == "region-ile-de-france"
    _init(tmp_path / "Стратегия")
    strategy = check_strategy(tmp_path / "Стратегия" / "strategy").strategy
    assert strategy is not None and strategy.document.id == "strategy"


def test_a_failed_init_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that fills up on the fourth file: the folder is left as it was (absent, or with
    only its .git), and running init again works."""
    from s3gen.tools import init as init_module

    real = init_module.write_atomic
    calls = []

    def failing(path: Path, data: bytes) -> None:
        calls.append(path)
        if len(calls) == 4:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(init_module, "write_atomic", failing)
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    for folder in (tmp_path / "new", tmp_path / "repo"):
        calls.clear()
        result = CliRunner().invoke(cli, ["init", str(folder)])
        assert result.exit_code == 1, result.output
        assert "No space left on device" in result.output and "nothing was written" in (
            result.output
        )
    assert not (tmp_path / "new").exists()
    assert [p.name for p in (tmp_path / "repo").iterdir()] == [".git"]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".s3gen")] == []
    monkeypatch.setattr(init_module, "write_atomic", real)
    _init(tmp_path / "repo")
    assert (tmp_path / "repo" / "strategy" / "strategy.yaml").is_file()
