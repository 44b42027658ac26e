"""`s3gen new` writes exactly one valid item, or nothing.

Either the region file afterwards validates, holds one more item of the kind asked for, and
every other byte is as it was (the lines are inserted in the file's own line ending, through a
link to its target, keeping the file's mode); or nothing changes at all (bytes, link, mode, no
temporary file left) and the command exits 1 with one line saying why. Two `s3gen new` at once
never lose an item.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from s3gen import model
from s3gen.cli import cli
from s3gen.errors import CONTROL_CHARACTERS, IssueSeverity
from s3gen.model.codes import ISO_COUNTRIES, nuts_prefix
from s3gen.model.formats import ID_RE, NUTS_RE
from s3gen.model.kinds import NEW_IN_REGION
from s3gen.model.walk import placed_items
from s3gen.source.validate import check_strategy
from s3gen.tools import region_file
from s3gen.tools.region_file import ScaffoldProblem
from s3gen.tools.scaffold import new_item
from tests.conftest import FIXTURES, HERMETIC_ENVIRONMENT

KINDS = {k.name: k.region_list for k in NEW_IN_REGION if k.region_list}
BREAK = re.compile(r"\r\n?|\n")
LINE = re.compile(r"[^\r\n]+(?:\r\n?|\n)?|\r\n?|\n")
# What validation refuses in a one-line text: the control, separator and direction characters
# and line breaks.
NOT_IN_TEXT = re.compile(f"[\n{CONTROL_CHARACTERS}]")


@dataclass(frozen=True)
class Result:
    code: int
    out: str  # stdout on success, stderr on failure


def run(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args))
    return Result(result.exit_code, result.stdout if result.exit_code == 0 else result.stderr)


def assert_one_line_refusal(result: Result) -> None:
    """Exit 1 and one line saying why (after, at most, the count of the strategy's warnings)."""
    assert result.code == 1, result.out
    *before, reason = result.out.splitlines(keepends=True)
    assert all(
        re.fullmatch(
            r"\d+ warnings?.* in (?:\d+ of )?\d+ files?\. `s3gen validate` lists them\.\n", line
        )
        for line in before
    )
    assert reason.startswith("Error: ") and reason.endswith("\n"), result.out
    assert "\n" not in reason[:-1] and "\r" not in reason, result.out
    assert "internal error" not in reason and "Traceback" not in reason, result.out


def lines(text: str) -> list[str]:
    """The lines of ``text`` as editors, git and ``open()`` see them, with their endings."""
    return LINE.findall(text)


@contextmanager
def minimal_strategy() -> Iterator[Path]:
    # Hypothesis runs many examples in one test, so each gets a folder of its own here rather
    # than from the function-scoped tmp_path.
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "strategy"
        shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
        yield folder


def tree(folder: Path) -> dict[str, tuple[str, bytes | str, int]]:
    """Every entry under ``folder``: links as their target, files as bytes, with the mode."""
    found: dict[str, tuple[str, bytes | str, int]] = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = ("link", os.readlink(path), 0)
        elif path.is_file():
            found[name] = ("file", path.read_bytes(), stat.S_IMODE(info.st_mode))
        else:
            found[name] = ("dir", "", stat.S_IMODE(info.st_mode))
    return found


def region_of(folder: Path, region_id: str) -> model.Region:
    result = check_strategy(folder)
    errors = [i for i in result.issues if i.severity is IssueSeverity.ERROR]
    assert errors == [], errors
    assert result.strategy is not None
    return next(r for r in result.strategy.regions if r.id == region_id)


# --- 1 and 2: a value that is not what its option asks for is refused, naming the option --------


@pytest.mark.parametrize(
    ("nuts", "message"),
    [
        ("PL 8", "'PL 8' is not a NUTS code of PL"),
        ("PL#8", "'PL#8' is not a NUTS code of PL"),
        ("PL8\nlevel: 9", "--nuts holds U+000A"),
        ("PL8\u2028", "--nuts holds U+2028"),
        ("PLß", "'PLß' is not a NUTS code of PL"),
    ],
)
def test_a_nuts_code_that_is_not_one_is_refused_naming_the_option(
    tmp_path: Path, nuts: str, message: str
) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    before = tree(folder)
    result = run(
        *("new", "region", "gamma", "--name", "Gamma", "--country", "PL", "--nuts", nuts),
        *("--strategy", str(folder)),
    )
    assert_one_line_refusal(result)
    assert message in result.out, result.out
    assert tree(folder) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("region", "gamma", "--name", "X\nevil: 1", "--country", "PL"), "--name holds U+000A"),
        (("region", "gamma", "--name", "X\r", "--country", "PL"), "--name holds U+000D"),
        (("region", "gamma", "--name", "", "--country", "PL"), "--name is empty"),
        (("gap", "--region", "alpha", "--title", "A\nseverity: low"), "--title holds U+000A"),
        (("gap", "--region", "alpha", "--title", "   "), "--title is blank"),
    ],
)
def test_a_text_with_a_line_break_is_refused_naming_the_option(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    before = tree(folder)
    result = run("new", *args, "--strategy", str(folder))
    assert_one_line_refusal(result)
    assert message in result.out, result.out
    assert tree(folder) == before


# --- 3: the inserted lines end as the file's lines do -----------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("final_newline", [True, False])
def test_the_item_is_written_in_the_files_own_line_ending(
    tmp_path: Path, newline: str, final_newline: bool
) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    path = folder / "regions" / "alpha.yaml"
    text = path.read_text(encoding="utf-8").replace("\n", newline)
    if not final_newline:
        text = text.removesuffix(newline)
    path.write_bytes(text.encode("utf-8"))
    for kind in KINDS:  # peer learning is the file's last list
        result = run("new", kind, "--region", "alpha", "--strategy", str(folder))
        assert result.code == 0, result.out
    after = path.read_bytes().decode("utf-8")
    assert set(BREAK.findall(after)) == {newline}
    assert len(region_of(folder, "alpha").peer_learning) == 2


# --- 4: a line break only YAML sees ------------------------------------------------------------


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_a_line_break_that_only_yaml_sees_is_refused_with_its_line(
    tmp_path: Path, separator: str
) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    path = folder / "regions" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    # In a comment it is valid YAML, but YAML ends the comment there while an editor and git
    # show one line: an item inserted "after" it would stand inside the comment's line.
    text = text.replace("\nactions:", f"\n  # more gaps to come{separator}\nactions:", 1)
    path.write_bytes(text.encode("utf-8"))
    assert region_of(folder, "alpha").gaps  # the strategy is valid
    line = text[: text.index(separator)].count("\n") + 1
    before = tree(folder)
    result = run("new", "gap", "--region", "alpha", "--strategy", str(folder))
    assert_one_line_refusal(result)
    assert f"regions/alpha.yaml:{line}: the line holds U+{ord(separator):04X}" in result.out
    assert tree(folder) == before


@pytest.mark.parametrize("char", ["\u2028", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e"])
def test_a_title_with_a_line_separator_is_refused_and_the_file_stays_appendable(
    tmp_path: Path, char: str
) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    before = tree(folder)
    result = run(
        "new", "gap", "--region", "alpha", "--title", f"a{char}b", "--strategy", str(folder)
    )
    assert_one_line_refusal(result)
    assert f"--title holds U+{ord(char):04X}" in result.out
    assert tree(folder) == before
    assert run("new", "gap", "--region", "alpha", "--strategy", str(folder)).code == 0


# --- 5: a linked region file is written through the link, keeping its mode ---------------------


def link_alpha(folder: Path, mode: int) -> Path:
    """Move alpha.yaml to shared/ and link regions/alpha.yaml to it; the target."""
    target = folder / "shared" / "alpha.yaml"
    target.parent.mkdir()
    (folder / "regions" / "alpha.yaml").rename(target)
    (folder / "regions" / "alpha.yaml").symlink_to(Path("..") / "shared" / "alpha.yaml")
    target.chmod(mode)
    return target


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_a_linked_region_file_is_written_through_the_link_keeping_its_mode(
    tmp_path: Path, mode: int
) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    target = link_alpha(folder, mode)
    plain = folder / "regions" / "beta.yaml"
    plain.chmod(mode)
    assert run("new", "gap", "--region", "alpha", "--strategy", str(folder)).code == 0
    assert run("new", "gap", "--region", "beta", "--strategy", str(folder)).code == 0
    link = folder / "regions" / "alpha.yaml"
    assert link.is_symlink() and os.readlink(link) == os.path.join("..", "shared", "alpha.yaml")
    assert b"alpha-gap-1" in target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert stat.S_IMODE(plain.stat().st_mode) == mode
    assert sorted(p.name for p in target.parent.iterdir()) == ["alpha.yaml"]
    assert len(region_of(folder, "alpha").gaps) == 2


def test_a_link_that_leads_out_of_the_strategy_is_not_written_through(tmp_path: Path) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    loaded = check_strategy(folder, str(folder)).strategy
    assert loaded is not None
    # Checked when the strategy was read; made a link to the outside only afterwards, the way
    # a second program could.
    outside = tmp_path / "outside.yaml"
    (folder / "regions" / "alpha.yaml").rename(outside)
    (folder / "regions" / "alpha.yaml").symlink_to(outside)
    before, outside_bytes = tree(folder), outside.read_bytes()
    with pytest.raises(ScaffoldProblem, match=r"is a link to .*outside the strategy folder"):
        new_item(loaded, folder, "gap", "alpha", None, "")
    assert tree(folder) == before and outside.read_bytes() == outside_bytes


def test_new_region_refuses_a_dangling_link_in_its_place(tmp_path: Path) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    (folder / "regions" / "gamma.yaml").symlink_to(tmp_path / "nowhere.yaml")
    before = tree(folder)
    result = run(
        *("new", "region", "gamma", "--name", "Gamma", "--country", "PL"),
        *("--strategy", str(folder)),
    )
    # A link to nothing in regions/ is an error of the strategy itself, so `new` refuses it as
    # every command does, located, before it would write anything.
    assert result.code == 1, result.out
    assert "regions/gamma.yaml:1:1: error:" in result.out and "[outside-strategy]" in result.out
    assert tree(folder) == before and not (tmp_path / "nowhere.yaml").exists()


def test_a_failed_write_leaves_the_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    loaded = check_strategy(folder, str(folder)).strategy
    assert loaded is not None
    before = tree(folder)

    def full_disk(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(ScaffoldProblem, match="No space left on device; nothing was written"):
        new_item(loaded, folder, "gap", "alpha", None, "")
    assert tree(folder) == before


def test_a_temporary_file_left_by_a_killed_new_goes_with_the_next(tmp_path: Path) -> None:
    # A `new` killed between writing its temporary file and the rename left it in regions/,
    # where `git add -A` would commit it; the next `new` on that file removes it.
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    left = folder / "regions" / ".alpha.yaml.k1ll3d_0.tmp"
    left.write_text("half an item\n", encoding="utf-8")
    unrelated = folder / "regions" / ".alpha.yaml.swp"
    unrelated.write_text("an editor's\n", encoding="utf-8")
    result = run("new", "gap", "--region", "alpha", "--strategy", str(folder))
    assert result.code == 0, result.out
    assert not left.exists() and unrelated.exists()


def test_a_read_only_region_file_is_not_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    (folder / "regions" / "alpha.yaml").chmod(0o444)
    before = tree(folder)
    result = run("new", "gap", "--region", "alpha", "--strategy", str(folder))
    assert_one_line_refusal(result)
    assert result.out.endswith(f"{folder}/regions/alpha.yaml is read-only; nothing was written\n")
    assert tree(folder) == before


def test_a_file_changed_by_an_editor_meanwhile_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    loaded = check_strategy(folder, str(folder)).strategy
    assert loaded is not None
    path = folder / "regions" / "alpha.yaml"
    check = region_file.check_strategy

    def edited_meanwhile(*args: Any) -> None:
        # An editor saves the file after s3gen read it (editors take no lock).
        path.write_bytes(path.read_bytes() + b"# saved by an editor\n")
        check(*args)

    monkeypatch.setattr(region_file, "check_strategy", edited_meanwhile)
    with pytest.raises(ScaffoldProblem, match="changed while s3gen new was adding to it"):
        new_item(loaded, folder, "gap", "alpha", None, "")
    assert path.read_bytes().endswith(b"# saved by an editor\n")
    assert b"alpha-gap-1" not in path.read_bytes()
    assert sorted(p.name for p in path.parent.iterdir()) == ["alpha.yaml", "beta.yaml"]


# --- 6: two at once --------------------------------------------------------------------------

# The first `s3gen new` stops once it has read the region file (or, for a new region, checked
# that its file is free) and waits for a line on its standard input.
PAUSED = """
import sys
from s3gen.tools import region_file, scaffold
from s3gen.cli import main

def paused(original):
    def pause(*args, **kwargs):
        print("paused", flush=True)
        sys.stdin.readline()
        return original(*args, **kwargs)
    return pause

region_file.insert_item = paused(region_file.insert_item)
scaffold.region_text = paused(scaffold.region_text)
sys.argv = ["s3gen", *sys.argv[1:]]
main()
"""
PLAIN = "from s3gen.cli import main; main()"


def start(script: str, args: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **HERMETIC_ENVIRONMENT, "NO_COLOR": "1"},
    )


@pytest.mark.parametrize("kind", ["gap", "region"])
def test_two_at_once_lose_nothing(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "strategy"
    shutil.copytree(FIXTURES / "minimal" / "strategy", folder)
    args = (
        ["new", "gap", "--region", "alpha"]
        if kind == "gap"
        else ["new", "region", "gamma", "--name", "Gamma", "--country", "PL"]
    )
    args += ["--strategy", str(folder)]
    first = start(PAUSED, args)
    second: subprocess.Popen[str] | None = None
    try:
        assert first.stdout is not None and first.stdout.readline() == "paused\n"
        second = start(PLAIN, args)
        # The second either says it waits for the first (which holds the lock) or, unprotected,
        # runs to its end; only then is the first let go.
        assert second.stderr is not None
        said = second.stderr.readline()
        first_out, first_err = first.communicate("\n", timeout=120)
        second_out, second_err = second.communicate(timeout=120)
    finally:  # a guard against a hang, not a measure of time
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
    assert first.returncode == 0, first_err
    if kind == "gap":
        assert second.returncode == 0, second_err
        assert "Added gap 'alpha-gap-1'" in first_out and "Added gap 'alpha-gap-2'" in second_out
        assert [g.id for g in region_of(folder, "alpha").gaps] == [
            "alpha-funding",
            "alpha-gap-1",
            "alpha-gap-2",
        ]
    else:
        assert second.returncode == 1, second_out
        assert "already exists; s3gen new never overwrites a file" in second_err, second_err
        assert region_of(folder, "gamma").name == "Gamma"
    assert said.startswith("Waiting for another `s3gen new`"), (said, second_err)


# --- the property, over generated arguments and file shapes ------------------------------------

TEXT_CHARS = st.sampled_from(
    ["a", "b", "Z", "ø", "1", "-", " ", "\t", "\n", "\r", "\r\n", "\u2028", "\u2029", "\x85",
     "\x0b", "\x0c", "\x1c", "\x1e", "\x1b", "#", ":", ": ", "'", '"', "{", "}", "[", "&", "*",
     "!", "%", "@", "`", "|", ">", "\\", "\u00a0", "\u202e"]
)  # fmt: skip
TEXTS = st.lists(TEXT_CHARS, max_size=8).map("".join)
# Texts validation accepts, YAML syntax and quotes included, so that half the cases write.
GOOD_TEXTS = st.lists(TEXT_CHARS.filter(lambda c: not NOT_IN_TEXT.search(c)), max_size=8).map(
    "".join
)
SOME_TEXTS = st.one_of(GOOD_TEXTS, TEXTS)
IDS = st.one_of(
    st.none(),
    st.sampled_from(["gamma-new", "no", "2021", "gamma-funding", "alpha-funding", "-x", "A", ""]),
    TEXTS,
)

# The region file the property edits: one list of each kind, each in a shape the generator picks.
ITEMS = {
    "priorities": ["id: gamma-food", "title: Food", "description: Food.", "areas: [area-one]"],
    "gaps": [
        "id: gamma-funding",
        "title: Funding",
        "description: |",
        "  Too little funding.",
        "category: funding",
        "severity: high",
    ],
    "actions": [
        "id: gamma-vouchers",
        "title: Vouchers",
        "description: Vouchers.",
        "scope: regional",
        "status: proposed",
    ],
    "peer_learning": [
        "id: gamma-learns",
        "topic: Clusters",
        "mentors: [beta]",
        "format: mentoring",
    ],
}
LIST_SHAPES = ["indented", "column-0", "empty", "empty-commented", "absent"]


@dataclass(frozen=True)
class Shape:
    lists: tuple[str, ...]  # a LIST_SHAPES entry for each of ITEMS
    comments: tuple[bool, ...]  # a comment line after each list
    newline: str
    final_newline: bool
    bom: bool
    linked: bool
    mode: int


SHAPES = st.builds(
    Shape,
    lists=st.tuples(*[st.sampled_from(LIST_SHAPES)] * len(ITEMS)),
    comments=st.tuples(*[st.booleans()] * len(ITEMS)),
    newline=st.sampled_from(["\n", "\r\n", "\r"]),
    final_newline=st.booleans(),
    bom=st.booleans(),
    linked=st.booleans(),
    mode=st.sampled_from([0o600, 0o640, 0o644]),
)


def region_file_bytes(shape: Shape) -> bytes:
    out = ["# Gamma: a region the property edits", "id: gamma", "name: Gamma", "country: PL"]
    out += ["development_group: less_developed"]
    for (key, fields), form, comment in zip(
        ITEMS.items(), shape.lists, shape.comments, strict=True
    ):
        pad = "" if form == "column-0" else "  "
        if form in ("indented", "column-0"):
            out += [f"{key}:", f"{pad}# the first one"]
            out += [f"{pad}{'- ' if n == 0 else '  '}{f}" for n, f in enumerate(fields)]
            out += [f"{pad}  illustrative: true"]
        elif form == "empty":
            out += [f"{key}: []"]
        elif form == "empty-commented":
            out += [f"{key}: []  # none yet"]
        if comment:
            out += ["", f"# after {key}"]
    text = shape.newline.join(out) + (shape.newline if shape.final_newline else "")
    return ("\ufeff" if shape.bom else "").encode("utf-8") + text.encode("utf-8")


def place(folder: Path, shape: Shape) -> Path:
    """Write gamma's file in ``shape``; the file written (a link's target when linked)."""
    target = folder / ("shared" if shape.linked else "regions") / "gamma.yaml"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(region_file_bytes(shape))
    target.chmod(shape.mode)
    if shape.linked:
        (folder / "regions" / "gamma.yaml").symlink_to(Path("..") / "shared" / "gamma.yaml")
    return target


def good_text(text: str) -> bool:
    return not NOT_IN_TEXT.search(text) and bool(text.strip())


def is_insertion(before: list[str], after: list[str]) -> tuple[int, int] | None:
    """Where and how many lines ``after`` inserts into ``before``, if that is all it does."""
    count = len(after) - len(before)
    start = 0
    while start < len(before) and before[start] == after[start]:
        start += 1
    if count > 0 and after[start + count :] == before[start:]:
        return start, count
    return None


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(kind=st.sampled_from(sorted(KINDS)), item_id=IDS, title=SOME_TEXTS, shape=SHAPES)
def test_new_item_writes_one_valid_item_or_nothing(
    kind: str, item_id: str | None, title: str, shape: Shape
) -> None:
    with minimal_strategy() as folder:
        target = place(folder, shape)
        key = KINDS[kind]
        loaded = check_strategy(folder).strategy
        assert loaded is not None
        items_before = [i.id for i in getattr(region_of(folder, "gamma"), key)]
        taken = {str(p.item.id) for p in placed_items(loaded) if p.kind == kind}
        before = tree(folder)
        args = ["new", kind, "--region", "gamma", "--title", title]
        args += [] if item_id is None else ["--id", item_id]
        result = run(*args, "--strategy", str(folder))
        good = (title == "" or good_text(title)) and (
            item_id is None or (bool(ID_RE.fullmatch(item_id)) and item_id not in taken)
        )
        event("refused" if result.code else "written")
        if not good or result.code != 0:
            assert_one_line_refusal(result)
            assert not good, result.out
            assert tree(folder) == before
            return
        after = tree(folder)
        assert after.keys() == before.keys()  # no temporary file left, nothing added
        # Only the file's bytes changed: a link is still the same link, every mode as it was.
        changed = {n for n, v in after.items() if v != before[n]}
        assert changed == {str(target.relative_to(folder))}
        assert after[str(target.relative_to(folder))][2] == shape.mode
        region = region_of(folder, "gamma")
        items = getattr(region, key)
        assert [i.id for i in items][:-1] == items_before
        new_id = item_id or f"gamma-{kind}-1"
        assert result.out == f"Added {kind} '{new_id}' to {folder / 'regions' / 'gamma.yaml'} " + (
            f"at line {items[-1].origin.line}.\n"
        )
        assert items[-1].id == new_id
        assert getattr(items[-1], "topic" if kind == "peer-learning" else "title") == (
            title or ("New peer-learning topic" if kind == "peer-learning" else f"New {kind}")
        )
        old = region_file_bytes(shape).decode("utf-8")
        new = target.read_bytes().decode("utf-8")
        # Lines are only inserted; the one exception, `key: []`, loses its `[]`; a last line
        # without a line break gets one when the item goes after it.
        expected = "".join(re.sub(rf"^{key}: \[\]", f"{key}:", line) for line in lines(old))
        candidates = [expected, expected + shape.newline]
        found = [is_insertion(lines(c), lines(new)) for c in candidates]
        assert any(found), (old, new)
        start, count = next(f for f in found if f)
        assert all(line.endswith(shape.newline) for line in lines(new)[start : start + count])
        assert set(BREAK.findall(new)) == {shape.newline}


# For each argument, values that make a valid region and values that may not; an example
# draws at most one argument from the second kind, so a third of them write a file.
REGION_ARGUMENTS = {
    "region_id": (
        st.sampled_from(["gamma", "no", "2021", "gamma-2"]),
        st.one_of(st.sampled_from(["alpha", "Gamma", "ga_mma", "-a", "gamma-"]), TEXTS),
    ),
    "name": (GOOD_TEXTS.filter(str.strip), TEXTS),
    "country": (
        st.sampled_from(["PL", "pl", " pl "]),
        st.sampled_from(["DK", "DQ", "", "ſe", "P\nL", "PL\u2028", "Poland"]),
    ),
    "nuts": (
        st.sampled_from([None, "PL84", "pl84", "PL8", "PL841", " pl84 "]),
        st.one_of(
            st.sampled_from(["PL8412", "DK01", "PL 8", "PL8#", "PLß", ""]),
            TEXTS.map(lambda t: "PL" + t),
        ),
    ),
}


@st.composite
def region_arguments(draw: st.DrawFn) -> dict[str, str | None]:
    odd = draw(st.sampled_from([None, None, *REGION_ARGUMENTS]))
    return {
        name: draw(bad if name == odd else good) for name, (good, bad) in REGION_ARGUMENTS.items()
    }


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(arguments=region_arguments())
def test_new_region_writes_one_valid_file_or_nothing(arguments: dict[str, str | None]) -> None:
    region_id, name, country, nuts = (
        arguments["region_id"],
        arguments["name"],
        arguments["country"],
        arguments["nuts"],
    )
    assert region_id is not None and name is not None and country is not None
    with minimal_strategy() as folder:
        before = tree(folder)
        args = ["new", "region", "--name", name, "--country", country]
        args += [] if nuts is None else ["--nuts", nuts]
        # After "--", an id such as "-a" is the region's id, not an unknown option (exit 2).
        result = run(*args, "--strategy", str(folder), "--", region_id)
        code = country.strip()
        good_country = not NOT_IN_TEXT.search(country) and code.isascii()
        good_country = good_country and code.upper() in ISO_COUNTRIES
        good_nuts = nuts is None or (
            not NOT_IN_TEXT.search(nuts)
            and nuts.strip().isascii()
            and bool(NUTS_RE.fullmatch(nuts.strip().upper()))
            and good_country
            and nuts.strip().upper().startswith(nuts_prefix(code.upper()))
            and 1 <= len(nuts.strip()) - 2 <= 3
        )
        good = (
            bool(ID_RE.fullmatch(region_id))
            and region_id not in ("alpha", "beta")
            and good_text(name)
            and good_country
            and good_nuts
        )
        event("refused" if result.code else "written")
        if not good or result.code != 0:
            assert_one_line_refusal(result)
            assert not good, result.out
            assert tree(folder) == before
            return
        assert tree(folder).keys() == before.keys() | {f"regions/{region_id}.yaml"}
        region = region_of(folder, region_id)
        assert (region.name, region.country) == (name, code.upper())
        assert (region.nuts.code if region.nuts else None) == (
            nuts.strip().upper() if nuts else None
        )
