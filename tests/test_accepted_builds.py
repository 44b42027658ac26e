"""Whatever `s3gen validate` accepts, every other command builds: what would fail later (a date
the timeline cannot place, a number no float holds, a file that leads to no file, a version too
long for a file name) fails in validation, located; what the machine gives (SOURCE_DATE_EPOCH,
the output folders) is checked before any work, by name."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pypdf
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from s3gen.cli import cli
from s3gen.errors import bounded
from s3gen.output import write_atomic
from s3gen.report.pdf_key import read_inputs
from tests.conftest import apply_edits, copy_fixture

# Within the bounds often (so that the builds run), beyond them sometimes.
NUMBERS = st.one_of(
    st.integers(0, 10**15), st.sampled_from([10**15 + 1, 10**18, 10**400, 10**4000])
)


@example(start=dt.date(1900, 1, 1), end=dt.date(2199, 12, 31), budget=10**15)  # the bounds
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    start=st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.dates()),
    end=st.one_of(st.dates(dt.date(1900, 1, 1), dt.date(2199, 12, 31)), st.dates()),
    budget=NUMBERS,
)
def test_what_validate_accepts_builds_and_what_it_refuses_is_located(
    tmp_path: Path, start: dt.date, end: dt.date, budget: int
) -> None:
    shutil.rmtree(tmp_path / "strategy", ignore_errors=True)
    shutil.rmtree(tmp_path / "out", ignore_errors=True)
    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(
        strategy,
        {
            "regions/alpha.yaml": [
                ("    start: 2027-01-01", f'    start: "{start.isoformat()}"'),
                ("    end: 2028-12-31", f'    end: "{end.isoformat()}"'),
            ],
            "regions/beta.yaml": [("budget_eur: 1000", f"budget_eur: {budget}")],
        },
    )
    runner = CliRunner()
    validated = runner.invoke(cli, ["validate", "--strategy", str(strategy)])
    assert "internal error" not in validated.output
    if validated.exit_code == 1:
        assert "[out-of-range]" in validated.output or "[end-before-start]" in validated.output
        return
    assert validated.exit_code == 0, validated.output
    for args in (
        ["html", "--out", str(tmp_path / "out")],
        ["analyse"],
        ["export", "--out", str(tmp_path / "d")],
    ):
        result = runner.invoke(cli, [*args, "--strategy", str(strategy)])
        assert result.exit_code == 0, (args, result.output)


# --- Files that lead to no file ------------------------------------------------------------------

COMMANDS = (
    ["html", "--out", "{out}/html"],
    ["export", "--out", "{out}/data"],
    ["analyse"],
)


def _run_all(strategy: Path, out: Path, *, pdf: bool = False) -> list[tuple[list[str], Any]]:
    """html, export and analyse (and pdf, when asked) on ``strategy``: each command's result."""
    runner = CliRunner()
    commands = [[part.format(out=out) for part in args] for args in COMMANDS]
    if pdf:
        commands.append(["pdf", "--out", f"{out}/pdf", "--html-out", f"{out}/html"])
    return [(args, runner.invoke(cli, [*args, "--strategy", str(strategy)])) for args in commands]


def _loop(path: Path) -> None:
    path.symlink_to(path.name)


def _pair(path: Path) -> None:  # a -> b -> a
    other = path.with_name("other-" + path.name)
    path.symlink_to(other.name)
    other.symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.symlink_to("nothing-here.yaml")


def _link_out(path: Path) -> None:
    outside = path.parent.parent.parent / "outside.yaml"
    outside.write_text("id: outside\n", encoding="utf-8")
    path.symlink_to(outside)


def _folder(path: Path) -> None:
    path.mkdir()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


SHAPES: dict[str, Callable[[Path], None]] = {
    f.__name__.strip("_"): f for f in (_loop, _pair, _dangling, _link_out, _folder)
}
# A named pipe under a region file's name was an ignored file, the region quietly left out.
REGION_SHAPES = {**SHAPES, "fifo": _fifo}


def test_a_region_file_that_is_a_loop_of_links_is_refused_where_it_is(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    _loop(strategy / "regions" / "loop.yaml")
    validated = CliRunner().invoke(cli, ["validate", "--strategy", str(strategy)])
    assert (validated.exit_code, validated.output.splitlines()[0]) == (
        1,
        f"{strategy}/regions/loop.yaml:1:1: error: 'regions/loop.yaml' is a link that leads "
        "round in a loop of links, never to a file; it cannot be read. Put the file itself "
        "there [missing-file]",
    )
    for args, result in _run_all(strategy, tmp_path / "out", pdf=True):
        assert result.exit_code == 1, (args, result.output)
        assert "Fix it first" in result.output and "internal error" not in result.output, args
    assert not (tmp_path / "out").exists()


def test_a_region_file_that_links_to_nothing_is_refused_where_it_is(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    _dangling(strategy / "regions" / "gone.yaml")
    validated = CliRunner().invoke(cli, ["validate", "--strategy", str(strategy)])
    assert (validated.exit_code, validated.output.splitlines()[0]) == (
        1,
        f"{strategy}/regions/gone.yaml:1:1: error: 'regions/gone.yaml' is a link to "
        "nothing-here.yaml, which does not exist; it cannot be read. Put the file itself there "
        "[missing-file]",
    )


def test_a_regions_folder_that_leads_out_of_the_strategy_is_not_listed(tmp_path: Path) -> None:
    """The names of the files in a folder elsewhere on the machine are not shown either."""
    strategy = copy_fixture("minimal", tmp_path)
    elsewhere = tmp_path / "elsewhere"
    shutil.move(strategy / "regions", elsewhere)
    (elsewhere / "private-name.txt").write_text("x\n", encoding="utf-8")
    (strategy / "regions").symlink_to(elsewhere)
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(strategy)])
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        f"{strategy}/regions:1:1: error: 'regions' is a link to {elsewhere}, outside the "
        "strategy folder; its files are not read. Copy the folder into the strategy folder "
        "instead [outside-strategy]",
    )
    assert "private-name" not in result.output and "alpha" not in result.output
    (strategy / "regions").unlink()
    (strategy / "regions").symlink_to("regions")
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(strategy)])
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        f"{strategy}/regions:1:1: error: 'regions' is a link that leads round in a loop of "
        "links, never to a folder; no region file can be read. Put the folder itself there "
        "[missing-file]",
    )


@example(shapes=[("fifo", "gamma.yaml")])
@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    shapes=st.lists(
        st.tuples(
            st.sampled_from(sorted(REGION_SHAPES)), st.sampled_from(["gamma.yaml", "delta.yml"])
        ),
        min_size=1,
        max_size=2,
        unique_by=lambda t: t[1],
    )
)
def test_files_of_any_shape_are_refused_located_or_build(
    tmp_path: Path, shapes: list[tuple[str, str]]
) -> None:
    shutil.rmtree(tmp_path, ignore_errors=True)
    tmp_path.mkdir()
    strategy = copy_fixture("minimal", tmp_path)
    for shape, name in shapes:
        REGION_SHAPES[shape](strategy / "regions" / name)
    validated = CliRunner().invoke(cli, ["validate", "--strategy", str(strategy)])
    assert "internal error" not in validated.output
    results = _run_all(strategy, tmp_path / "out", pdf=validated.exit_code == 1)
    if validated.exit_code == 1:
        for shape, name in shapes:
            if shape != "folder":
                line = next(x for x in validated.output.splitlines() if f"regions/{name}:" in x)
                assert line.startswith(f"{strategy}/regions/{name}:1:1: error: "), line
                assert line.endswith(("[missing-file]", "[outside-strategy]")), line
        for args, result in results:
            assert result.exit_code == 1, (shapes, args, result.output)
            assert "Fix " in result.output and "internal error" not in result.output, args
    else:
        assert validated.exit_code == 0, validated.output
        assert {shape for shape, _ in shapes} == {"folder"}, validated.output
        for args, result in results:
            assert result.exit_code == 0, (shapes, args, result.output)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    shapes=st.lists(
        st.tuples(
            st.sampled_from(sorted(SHAPES)),
            st.sampled_from(["a.css", "fonts/b.ttf", "c.yaml", "d"]),
            st.booleans(),  # in the templates (True) or in the strategy folder
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda t: (t[1], t[2]),
    )
)
def test_the_pdf_key_covers_folders_with_links_of_any_shape(
    tmp_path: Path, shapes: list[tuple[str, str, bool]]
) -> None:
    shutil.rmtree(tmp_path, ignore_errors=True)
    templates = tmp_path / "templates" / "t"
    (templates / "fonts").mkdir(parents=True)
    strategy = copy_fixture("minimal", tmp_path / "s")
    (strategy / "fonts").mkdir()
    style = templates / "report.css"
    style.write_text("p { color: black }\n", encoding="utf-8")
    for shape, name, in_templates in shapes:
        SHAPES[shape]((templates if in_templates else strategy) / name)
    folders = [templates, strategy]
    key = read_inputs(folders, "pdf/ua-1", outputs=[tmp_path / "o"]).key("<html></html>")
    assert len(key.digest) == 32 and not key.unknown
    assert all(path.is_file() for path in key.files)
    assert style.resolve() in key.files  # the links around it take nothing away
    style.write_text("p { color: red }\n", encoding="utf-8")
    changed = read_inputs(folders, "pdf/ua-1", outputs=[tmp_path / "o"]).key("<html></html>")
    assert changed.digest != key.digest  # what it covers, it watches


# --- SOURCE_DATE_EPOCH ---------------------------------------------------------------------------

LAST_EPOCH = 7258118399  # 2199-12-31 23:59:59 UTC, the last moment of the last date accepted


def _fake_layout(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Replace the PDF layout by one that writes a few bytes; the pages it was given, in order
    (laid out in this process, one after the other: a fake layout needs no worker, and a
    worker's list would not be this one)."""
    from s3gen.report import pdf

    monkeypatch.setattr("s3gen.side_by_side.can_fork", lambda: False)
    laid_out: list[str] = []

    def fake(page: str, target: Path, *args: Any, **kwargs: Any) -> pdf.PdfResult:
        laid_out.append(page)
        write_atomic(target, b"%PDF-1.7 not laid out\n")  # under its real name
        return pdf.PdfResult(target, 1, [])

    monkeypatch.setattr(pdf, "render_pdf", fake)
    return laid_out


EPOCHS = st.one_of(
    st.integers(0, LAST_EPOCH).map(str),
    st.integers(-(10**20), 10**20).map(str),
    st.text(st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"), max_size=12),
    st.sampled_from(["1e5", "0x10", "+5", "1.5", "\u0663", "\u00b2", " 12\n", "9" * 30]),
)


@example(epoch="99999999999999")  # year 3170843: was "internal error: ValueError"
@example(epoch="9" * 25)  # beyond a C long: was "internal error: OverflowError"
@example(epoch="-1")  # was silently ignored
@example(epoch="abc")  # was silently ignored
@example(epoch=str(LAST_EPOCH))
@example(epoch=str(LAST_EPOCH + 1))
@example(epoch="")
@example(epoch="0" * 5000 + "1")  # was "internal error: ValueError ... 4300 digits"
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(epoch=EPOCHS)
def test_source_date_epoch_dates_the_pdf_or_is_refused_by_name(tmp_path: Path, epoch: str) -> None:
    """The reproducible-builds specification: the value is an ASCII whole number of seconds
    since 1970 (as `date +%s` prints), and a malformed one ends the build with an error."""
    strategy = tmp_path / "strategy"
    if not strategy.exists():
        copy_fixture("minimal", tmp_path)
    digits = epoch.strip(" \t\n")
    number = digits.lstrip("0") or "0"  # int() refuses more than 4,300 digits
    accepted = digits == "" or (
        digits.isascii() and digits.isdigit() and len(number) <= 10 and int(number) <= LAST_EPOCH
    )
    with pytest.MonkeyPatch.context() as patch:
        laid_out = _fake_layout(patch)
        patch.setenv("SOURCE_DATE_EPOCH", epoch)
        out = tmp_path / "out"
        result = CliRunner().invoke(
            cli,
            ["pdf", "--strategy", str(strategy), "--out", f"{out}/pdf", "--html-out", f"{out}/h"],
        )
    if not accepted:
        assert result.exit_code == 1, result.output
        error = result.output.splitlines()[-1]
        assert error.startswith("Error: SOURCE_DATE_EPOCH is "), error
        assert "from 0 (1970-01-01) to 7258118399 (2199-12-31 23:59:59 UTC)" in error, error
        assert laid_out == [] and "internal error" not in result.output
        return
    assert result.exit_code == 0, result.output
    when = (
        dt.datetime.fromtimestamp(int(number), tz=dt.UTC)
        if digits
        else dt.datetime(2026, 1, 15, tzinfo=dt.UTC)  # the publication date
    )
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f'<meta name="dcterms.created" content="{stamp}">' in laid_out[0]


# --- Values that become file names ---------------------------------------------------------------


def _with_document(tmp_path: Path, version: str, doc_id: str = "mini") -> Path:
    """A fresh minimal strategy whose document has this id and version (written as JSON
    strings, which YAML reads as double-quoted scalars)."""
    shutil.rmtree(tmp_path / "strategy", ignore_errors=True)
    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(
        strategy,
        {
            "strategy.yaml": [
                ('  version: "1.0"', f"  version: {json.dumps(version, ensure_ascii=False)}"),
                ("  id: mini", f"  id: {json.dumps(doc_id)}"),
            ]
        },
    )
    return strategy


def test_a_version_too_long_for_a_file_name_is_refused_where_it_is(tmp_path: Path) -> None:
    """300 characters: the PDF's file name was 'File name too long', after the layout."""
    strategy = _with_document(tmp_path, "v" * 300)
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(strategy)])
    # The message quotes the value; beyond 400 characters its middle is left out.
    message = bounded(
        f"'{'v' * 300}' is not a version such as 1.0 or 2027-draft: it becomes part of the "
        "PDF's file name, so use at most 64 letters, digits, '.', '-' and '_', starting with a "
        "letter or digit"
    )
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        f"{strategy}/strategy.yaml:4:12: error: document.version: {message} [invalid-format]",
    )


def test_a_document_id_too_long_for_a_file_name_is_refused_where_it_is(tmp_path: Path) -> None:
    strategy = _with_document(tmp_path, "1.0", "a" * 200)
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(strategy)])
    assert (result.exit_code, result.output.splitlines()[0]) == (
        1,
        f"{strategy}/strategy.yaml:2:7: error: document.id: the document's id has 200 "
        "characters; it becomes part of the PDF's file name, so it may have at most 64 "
        "[invalid-id]",
    )


VERSION_CHARACTERS = st.one_of(
    st.sampled_from("0123456789abcXYZ._-/\\ :*?<>|"),
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\0"),
)


@example(version="v" * 64, doc_id="a" * 64)  # the longest accepted: the file name is 133 bytes
@example(version="v" * 65, doc_id="mini")
@example(version="v" * 400, doc_id="mini")
@example(version="1.0", doc_id="a" * 65)
@example(version="../../x", doc_id="mini")
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    version=st.one_of(
        st.integers(0, 400).map(lambda n: "v" * n),
        st.text(VERSION_CHARACTERS, max_size=400),
    ),
    doc_id=st.one_of(st.just("mini"), st.integers(1, 300).map(lambda n: "a" * n)),
)
def test_what_validate_accepts_makes_a_file_name_and_what_it_refuses_is_located(
    tmp_path: Path, version: str, doc_id: str
) -> None:
    strategy = _with_document(tmp_path, version, doc_id)
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    runner = CliRunner()
    validated = runner.invoke(cli, ["validate", "--strategy", str(strategy)])
    assert "internal error" not in validated.output
    if validated.exit_code == 1:
        first = validated.output.splitlines()[0]
        assert first.startswith((f"{strategy}/strategy.yaml:2:", f"{strategy}/strategy.yaml:4:"))
        assert first.endswith("]"), first
        for args, result in _run_all(strategy, out):
            assert result.exit_code == 1, (args, result.output)
        return
    assert validated.exit_code == 0, validated.output
    for args, result in _run_all(strategy, out):
        assert result.exit_code == 0, (args, result.output)
    # The PDF is written under its real name, with the layout replaced by a few bytes.
    with pytest.MonkeyPatch.context() as patch:
        laid_out = _fake_layout(patch)
        args = ["pdf", "--out", f"{out}/pdf", "--html-out", f"{out}/html", "--strategy"]
        result = runner.invoke(cli, [*args, str(strategy)])
    assert result.exit_code == 0, result.output
    assert len(laid_out) == 4  # the report, its summary edition, two regions' factsheets
    assert {p.name for p in (out / "pdf").iterdir()} == {
        f"{doc_id}-{version}-summary.pdf",
        f"{doc_id}-{version}.pdf",
        "factsheets",
    }


def test_the_longest_id_and_version_and_the_last_date_make_a_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The one real layout of this module: every bound at once."""
    strategy = _with_document(tmp_path, "v" * 64, "a" * 64)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(LAST_EPOCH))
    out = tmp_path / "out"
    args = ["pdf", "--out", f"{out}/pdf", "--html-out", f"{out}/html", "--strategy"]
    result = CliRunner().invoke(cli, [*args, str(strategy)])
    assert result.exit_code == 0, result.output
    pdf, summary = sorted((out / "pdf").glob("*.pdf"), key=lambda p: len(p.name))
    assert pdf.name == f"{'a' * 64}-{'v' * 64}.pdf" and len(pdf.name.encode()) == 133
    assert len(summary.name.encode()) == 141  # its temporary name while written: 155 bytes
    assert pypdf.PdfReader(pdf).metadata["/CreationDate"] == "D:21991231235959Z"


# --- Output folders ------------------------------------------------------------------------------


def _no_work(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record whether a build started its work: the report's view (and the PDF's layout)."""
    from s3gen import build

    started: list[str] = []

    def view(*args: Any, **kwargs: Any) -> Any:
        started.append("view")
        raise AssertionError("the build started before checking its output folders")

    monkeypatch.setattr(build, "report_view", view)
    started += _fake_layout(monkeypatch)
    return started


OUTPUTS = {  # command -> its output options
    "html": ["--out"],
    "export": ["--out"],
    "pdf": ["--out", "--html-out"],
}


@pytest.mark.parametrize(
    ("command", "option"), [(c, o) for c, options in OUTPUTS.items() for o in options]
)
def test_an_output_folder_inside_a_file_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, option: str
) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    started = _no_work(monkeypatch)
    (tmp_path / "notes.txt").write_text("a file\n", encoding="utf-8")
    args = {o: str(tmp_path / "ok" / o.strip("-")) for o in OUTPUTS[command]}
    args[option] = str(tmp_path / "notes.txt" / "out")
    result = CliRunner().invoke(
        cli, [command, *[x for o, v in args.items() for x in (o, v)], "--strategy", str(strategy)]
    )
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[-1] == (
        f"Error: cannot write into the folder {tmp_path}/notes.txt/out: {tmp_path}/notes.txt "
        "is a file, not a folder"
    )
    assert started == []
    assert not any(p.is_file() for p in (tmp_path / "ok").rglob("*")), "nothing is written"


@pytest.mark.parametrize("below", [False, True])
def test_an_output_folder_that_is_a_link_to_nothing_is_named_as_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, below: bool
) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    started = _no_work(monkeypatch)
    (tmp_path / "dl").symlink_to("nowhere")
    out = tmp_path / "dl" / "out" if below else tmp_path / "dl"
    result = CliRunner().invoke(cli, ["html", "--out", str(out), "--strategy", str(strategy)])
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[-1] == (
        f"Error: cannot write into the folder {out}: {tmp_path}/dl is a link to nowhere, which "
        "is no folder"
    )
    assert started == []


@pytest.mark.parametrize(
    ("command", "option"),
    [("html", "--out"), ("export", "--out"), ("pdf", "--out"), ("pdf", "--html-out")],
)
def test_a_read_only_output_folder_is_refused_before_any_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str, option: str
) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    started = _no_work(monkeypatch)
    read_only = tmp_path / "read-only"
    read_only.mkdir()
    read_only.chmod(0o555)
    if os.access(read_only, os.W_OK):  # root: the permission bits stop no one; the kernel's
        # answer to anyone else is given instead, where s3gen asks for it
        create = tempfile.mkstemp

        def refuse(*args: Any, dir: Any = None, **kwargs: Any) -> Any:
            if dir is not None and Path(dir) == read_only:
                raise PermissionError(errno.EACCES, "Permission denied", str(dir))
            return create(*args, dir=dir, **kwargs)

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    args = {o: str(tmp_path / "ok" / o.strip("-")) for o in OUTPUTS[command]}
    args[option] = str(read_only)
    result = CliRunner().invoke(
        cli, [command, *[x for o, v in args.items() for x in (o, v)], "--strategy", str(strategy)]
    )
    read_only.chmod(0o755)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[-1] == (
        f"Error: cannot write into the folder {read_only}: permission denied"
    )
    assert started == [] and list(read_only.iterdir()) == []


def test_the_write_check_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    _fake_layout(monkeypatch)
    out = tmp_path / "out"
    runner = CliRunner()
    for args in (
        ["html", "--out", f"{out}/html"],
        ["export", "--out", f"{out}/data"],
        ["pdf", "--out", f"{out}/pdf", "--html-out", f"{out}/html"],
    ):
        result = runner.invoke(cli, [*args, "--strategy", str(strategy)])
        assert result.exit_code == 0, result.output
    hidden = [p for p in out.rglob(".*")]
    assert hidden == [] and sorted(p.name for p in out.iterdir()) == ["data", "html", "pdf"]


def test_the_preview_watches_a_loop_of_links_like_any_file(tmp_path: Path) -> None:
    """A loop made while `s3gen serve` runs: its event rebuilds the page (which then lists the
    error); the watcher thread died of it ('RuntimeError: Symlink loop')."""
    from s3gen.serve import Preview, watched_in

    strategy = copy_fixture("minimal", tmp_path)
    _loop(strategy / "regions" / "loop.yaml")
    keep = watched_in([strategy])
    assert keep(None, str(strategy / "regions" / "loop.yaml")) is True
    assert keep(None, str(strategy / "regions" / ".loop.yaml.swp")) is False
    assert b"regions/loop.yaml" in Preview(strategy, None).page
