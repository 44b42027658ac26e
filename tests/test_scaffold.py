"""`s3gen new`: what it writes validates, and it disturbs nothing else."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from s3gen.cli import cli
from s3gen.errors import IssueSeverity
from s3gen.model.placeholders import SKELETONS
from s3gen.source.validate import check_strategy
from s3gen.tools.region_file import ScaffoldProblem, insert_item
from tests.conftest import DEFAULT_STRATEGY


def run(*args: str) -> tuple[int, str]:
    """Exit code and what the command said: its output, or its error (the last line on stderr)."""
    result = CliRunner().invoke(cli, list(args))
    if result.exit_code == 0:
        return 0, result.stdout
    return result.exit_code, result.stderr.splitlines(keepends=True)[-1]


def errors(folder: Path) -> list[str]:
    return [
        f"{i.file}:{i.line}: {i.message}"
        for i in check_strategy(folder).issues
        if i.severity is IssueSeverity.ERROR
    ]


@pytest.fixture
def strategy(tmp_path: Path) -> Path:
    folder = tmp_path / "strategy"
    shutil.copytree(DEFAULT_STRATEGY, folder)
    return folder


def test_new_region_validates_and_refuses_to_overwrite(strategy: Path) -> None:
    code, out = run(
        "new",
        "region",
        "sjaelland",
        "--name",
        "Sjælland",
        "--country",
        "DK",
        "--nuts",
        "DK02",
        "--group",
        "advanced",
        "--strategy",
        str(strategy),
    )
    assert code == 0, out
    path = strategy / "regions" / "sjaelland.yaml"
    assert errors(strategy) == []
    text = path.read_bytes()
    assert text.startswith(b"# yaml-language-server: $schema=../schema/region.schema.json\n")
    code, out = run(
        "new", "region", "sjaelland", "--name", "X", "--country", "DK", "--strategy", str(strategy)
    )
    assert code == 1
    assert "already exists; s3gen new never overwrites a file" in out
    assert path.read_bytes() == text


def test_new_region_refuses_a_bad_country_or_nuts_code(strategy: Path) -> None:
    code, out = run(
        "new", "region", "x", "--name", "X", "--country", "DQ", "--strategy", str(strategy)
    )
    assert (code, out) == (1, "Error: 'DQ' is not an ISO 3166-1 alpha-2 country code\n")
    code, out = run(
        "new",
        "region",
        "x",
        "--name",
        "X",
        "--country",
        "DK",
        "--nuts",
        "PL84",
        "--strategy",
        str(strategy),
    )
    assert code == 1 and "'PL84' is not a NUTS code of DK" in out
    assert not (strategy / "regions" / "x.yaml").exists()


@pytest.mark.parametrize("kind", ["priority", "gap", "action", "peer-learning"])
def test_new_item_only_inserts_lines(strategy: Path, kind: str) -> None:
    path = strategy / "regions" / "podlaskie.yaml"
    before = path.read_text(encoding="utf-8").splitlines(keepends=True)
    code, out = run(
        "new", kind, "--region", "podlaskie", "--title", "Test item", "--strategy", str(strategy)
    )
    assert code == 0, out
    after = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = int(out.rsplit("line ", 1)[1].rstrip(".\n"))
    inserted = len(after) - len(before)
    assert inserted > 3
    assert after[: line - 1] + after[line - 1 + inserted :] == before
    assert f"podlaskie-{kind}-1" in "".join(after[line - 1 : line - 1 + inserted])
    assert errors(strategy) == []


def test_item_ids_are_unique_and_explicit_ids_are_checked(strategy: Path) -> None:
    for _ in range(2):
        assert run("new", "gap", "--region", "vidzeme", "--strategy", str(strategy))[0] == 0
    text = (strategy / "regions" / "vidzeme.yaml").read_text(encoding="utf-8")
    assert "vidzeme-gap-1" in text and "vidzeme-gap-2" in text
    code, out = run(
        "new",
        "gap",
        "--region",
        "vidzeme",
        "--id",
        "podlaskie-internationalisation",
        "--strategy",
        str(strategy),
    )
    assert (code, out) == (
        1,
        "Error: the gap id 'podlaskie-internationalisation' is already used in the strategy\n",
    )
    code, out = run("new", "gap", "--region", "vidzem", "--strategy", str(strategy))
    assert (code, out) == (1, "Error: there is no region 'vidzem' (did you mean 'vidzeme'?)\n")


def test_insert_keeps_comments_crlf_and_the_next_key() -> None:
    text = (
        "id: x\r\ngaps:\r\n  # first gap\r\n  - id: a\r\n    title: A\r\n\r\n"
        "# actions follow\r\nactions: []\r\n"
    )
    result = insert_item(text, "gaps", ["- id: b", "  title: B"])
    assert result.text == (
        "id: x\r\ngaps:\r\n  # first gap\r\n  - id: a\r\n    title: A\r\n"
        "  - id: b\r\n    title: B\r\n\r\n# actions follow\r\nactions: []\r\n"
    )
    assert result.line == 6


def test_insert_into_an_empty_or_missing_list() -> None:
    assert insert_item("gaps: []  # none yet\nactions: []\n", "gaps", ["- id: b"]).text == (
        "gaps:  # none yet\n  - id: b\nactions: []\n"
    )
    assert insert_item("id: x", "gaps", ["- id: b"]).text == "id: x\ngaps:\n  - id: b\n"
    assert insert_item("gaps:\n- id: a\nactions: []\n", "gaps", ["- id: b"]).text == (
        "gaps:\n- id: a\n- id: b\nactions: []\n"
    )


def test_insert_refuses_a_one_line_list() -> None:
    with pytest.raises(ScaffoldProblem, match="written on one line"):
        insert_item("gaps: [a, b]\n", "gaps", ["- id: c"])


def test_insert_keeps_the_trailing_lines_of_a_keep_block() -> None:
    text = "gaps:\n  - id: a\n    description: |+\n      Text.\n\n\nactions: []\n"
    result = insert_item(text, "gaps", ["- id: b"])
    assert result.text == (
        "gaps:\n  - id: a\n    description: |+\n      Text.\n\n\n  - id: b\nactions: []\n"
    )


# Every country of the Baltic Sea Region and Norway, each with a NUTS 2021 code of its own.
BSR_COUNTRIES = {
    "DK": "DK05",
    "EE": "EE008",
    "FI": "FI1C",
    "DE": "DE60",
    "LV": "LV008",
    "LT": "LT01",
    "PL": "PL84",
    "SE": "SE31",
    "NO": "NO0A",
}
# Texts YAML 1.1 reads as something else when they are not quoted.
TRICKY_TEXTS = [
    "yes", "No", "off", "On", "null", "~", "0123", "1.10", "2021", "1e3", "0x1F",
    "Trøndelag # north", "Møre: og Romsdal", "- dash", "'single'", '"double"', "[list]",
    "{map}", "&anchor", "*alias", "!tag", "%percent", "@at", "`tick", "a \\ backslash",
]  # fmt: skip
TRICKY_IDS = ["no", "yes", "on", "off", "null", "2021", "0123", "1e3", "y", "n"]


def loaded_regions(folder: Path) -> dict[str, tuple[str, str, str | None]]:
    result = check_strategy(folder)
    assert [i for i in result.issues if i.severity is IssueSeverity.ERROR] == []
    assert result.strategy is not None
    return {
        r.id: (r.name, r.country, r.nuts.code if r.nuts else None) for r in result.strategy.regions
    }


@pytest.mark.parametrize("country", sorted(BSR_COUNTRIES))
def test_new_region_in_every_bsr_country_and_norway_validates(strategy: Path, country: str) -> None:
    nuts = BSR_COUNTRIES[country]
    for n, given in enumerate((country, country.lower())):  # `--country no` is Norway too
        region_id = f"new-{n}-{country.lower()}"
        code, out = run(
            *("new", "region", region_id, "--name", f"Region {given}", "--country", given),
            *("--nuts", nuts, "--strategy", str(strategy)),
        )
        assert code == 0, out
        assert loaded_regions(strategy)[region_id] == (f"Region {given}", country, nuts)


def test_new_writes_every_value_quoted(minimal: Path) -> None:
    strategy = minimal  # the smallest strategy: each of the 75 commands validates it twice
    for n, name in enumerate(TRICKY_TEXTS):
        code, out = run(
            *("new", "region", f"r{n}", "--name", name, "--country", "NO"),
            *("--strategy", str(strategy)),
        )
        assert code == 0, (name, out)
    regions = loaded_regions(strategy)
    assert [regions[f"r{n}"] for n in range(len(TRICKY_TEXTS))] == [
        (name, "NO", None) for name in TRICKY_TEXTS
    ]
    for region_id in TRICKY_IDS:
        code, out = run(
            *("new", "region", region_id, "--name", region_id, "--country", "NO"),
            *("--strategy", str(strategy)),
        )
        assert code == 0, (region_id, out)
    assert set(TRICKY_IDS) <= set(loaded_regions(strategy))
    for kind in ("priority", "gap", "action", "peer-learning"):
        for item_id, title in zip(TRICKY_IDS, TRICKY_TEXTS, strict=False):
            code, out = run(
                *("new", kind, "--region", "no", "--id", f"{item_id}-{kind}", "--title", title),
                *("--strategy", str(strategy)),
            )
            assert code == 0, (kind, item_id, out)
    result = check_strategy(strategy)
    assert [i for i in result.issues if i.severity is IssueSeverity.ERROR] == []
    assert result.strategy is not None
    region = next(r for r in result.strategy.regions if r.id == "no")
    titles = [g.title for g in region.gaps]
    assert titles == TRICKY_TEXTS[: len(TRICKY_IDS)]


def test_new_refuses_a_name_with_a_control_character(strategy: Path) -> None:
    for name in ("next\x85line", "line\u2028separator", "esc\x1b[2J"):
        code, out = run(*("new", "region", "ctl", "--name", name, "--country", "NO"),
                        *("--strategy", str(strategy)))  # fmt: skip
        assert code == 1 and out.startswith("Error: --name holds U+"), out
        assert out.endswith("nothing was written\n") and "\x1b" not in out, out
        assert not (strategy / "regions" / "ctl.yaml").exists()


def test_a_new_region_file_names_no_strategy_or_source_of_the_default() -> None:
    """The skeleton serves any strategy: no region of the world and no source id that only the
    default strategy has."""
    from s3gen.tools.scaffold import region_text

    text = region_text("oslo", "Oslo", "NO", "advanced", None)
    assert "Baltic" not in text and "Trans-S3 of" not in text
    assert "eis-2023" not in text and "[source-id]" in text
    assert "# Oslo (NO): the region's profile in the strategy." in text


def validated(folder: Path, *options: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(folder), *options])
    return result.exit_code, result.stdout.splitlines()


def test_placeholders_are_warnings_until_the_real_text_is_written(minimal: Path) -> None:
    code, out = run("new", "action", "--region", "alpha", "--strategy", str(minimal))
    assert code == 0, out
    line = int(out.rsplit("line ", 1)[1].rstrip(".\n"))
    path = minimal / "regions" / "alpha.yaml"
    code, lines = validated(minimal)
    assert code == 0, lines
    assert lines == [
        f"{path}:{line + 1}:12: warning: actions[1].title: 'title' still holds the placeholder "
        'text "New action": write the real text [placeholder]',
        f"{path}:{line + 2}:18: warning: actions[1].description: 'description' still holds the "
        'placeholder text "What the action does, for whom and how.": write the real text '
        "[placeholder]",
        "2 warnings in 1 of 4 files.",
    ]
    code, lines = validated(minimal, "--strict")
    assert code == 1, lines
    assert lines[-1] == "2 errors in 1 of 4 files."
    text = path.read_text(encoding="utf-8")
    text = text.replace('"New action"', '"Cluster vouchers"')
    text = text.replace("What the action does, for whom and how.", "Vouchers for clusters.")
    path.write_text(text, encoding="utf-8")
    assert validated(minimal, "--strict") == (0, ["No issues in 4 files."])


@pytest.mark.parametrize("kind", ["priority", "gap", "action", "peer-learning"])
def test_every_text_a_skeleton_writes_is_a_placeholder(minimal: Path, kind: str) -> None:
    code, out = run("new", kind, "--region", "alpha", "--strategy", str(minimal))
    assert code == 0, out
    found = [
        (i.path.rsplit(".", 1)[1], i.message.split('"')[1])
        for i in check_strategy(minimal).issues
        if i.code == "placeholder"
    ]
    assert found == list(SKELETONS[kind].items())


def test_new_region_help_names_no_folder_of_its_own() -> None:
    """The file goes into the regions/ of whatever --strategy names, and the help says so."""
    code, out = run("new", "region", "--help")
    assert code == 0
    assert "Write REGION_ID.yaml for a new region in the strategy folder's regions/" in " ".join(
        out.split()
    )
    assert "strategy/regions" not in out


def test_a_new_region_points_at_the_schema_only_where_there_is_one(minimal: Path) -> None:
    """The minimal strategy has no schema/: the line would name a file that is not there."""
    new = ["new", "region", "gamma", "--name", "Gamma", "--country", "SE"]
    result = CliRunner().invoke(cli, [*new, "--strategy", str(minimal)])
    path = minimal / "regions" / "gamma.yaml"
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Wrote {path}.\n"
    assert result.stderr == (
        f"no schema in {minimal / 'schema'}: run `s3gen schema --strategy "
        f"{shlex.quote(str(minimal))}` for completion in your editor, then start {path} with "
        "the line `# yaml-language-server: $schema=../schema/region.schema.json`\n"
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Gamma (SE): the region's profile in the strategy.\n")
    assert "yaml-language-server" not in text
    assert CliRunner().invoke(cli, ["schema", "--strategy", str(minimal)]).exit_code == 0
    new = ["new", "region", "delta", "--name", "Delta", "--country", "SE"]
    result = CliRunner().invoke(cli, [*new, "--strategy", str(minimal)])
    assert result.exit_code == 0, result.output
    assert "schema" not in result.stderr  # which says only that gamma has a warning
    text = (minimal / "regions" / "delta.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/region.schema.json\n")
    assert errors(minimal) == []
