"""Nothing is left behind by a build that is killed or runs beside another: no child process
outliving its parent, no temporary file, no shared scratch file; an output path that is not a
plain file is refused, not replaced; the PDF key reads only the allowed folders, boundedly.

Races are forced, never waited for: a build in a subprocess is paused at a known point by a
monkeypatch in the snippet it runs, then killed or let go. A wait is a bounded number of polls
for a condition, never an assertion on time.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from benchmarks.generate import generate
from s3gen import output
from s3gen.background import PARALLEL_FROM_REGIONS, Background
from s3gen.cli import cli
from s3gen.output import OutputProblem, write_atomic
from s3gen.report import pdf_key
from s3gen.report.html import DEFAULT_TEMPLATES
from s3gen.report.pdf_key import read_inputs
from tests.conftest import HERMETIC_ENVIRONMENT, REPO, copy_fixture

POLLS = 600  # of POLL seconds each: a bound on a wait for something that takes milliseconds
POLL = 0.05
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def _until(condition: Callable[[], bool]) -> bool:
    """Whether ``condition`` became true within POLLS polls."""
    for _ in range(POLLS):
        if condition():
            return True
        time.sleep(POLL)
    return condition()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (a zombie, waiting to be reaped, holds nothing)."""
    try:
        status = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return status.rpartition(")")[2].split()[0] not in ("Z", "X")


def _kill(pid: int) -> None:
    if _alive(pid):
        os.kill(pid, signal.SIGKILL)


def _snippet(code: str, *args: str) -> subprocess.Popen[bytes]:
    """Run ``code`` in a new Python process from the repository, with the hermetic environment."""
    env = {**os.environ, **HERMETIC_ENVIRONMENT}
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@contextmanager
def _reaped(proc: subprocess.Popen[bytes], *pids: Callable[[], int | None]) -> Iterator[None]:
    """Whatever happens in the block, the process and the ones ``pids`` name end."""
    try:
        yield
    finally:
        for pid in pids:
            found = pid()
            if found is not None:
                _kill(found)
        proc.kill()
        proc.wait()
        if proc.stderr is not None:
            proc.stderr.close()


def _pid_in(path: Path) -> int | None:
    try:
        return int(path.read_text())
    except (OSError, ValueError):
        return None


# --- 1. A forked child does not outlive its parent ------------------------------------------------

# `s3gen html` of a large strategy, with the child of the open data and the parent both paused:
# the parent before it reads the pipe, the child (by MODE) while it computes, while it sends its
# megabytes, or before it has asked to die with its parent (the parent is killed first).
_PAUSED_BUILD = """
    import os, sys, time
    from pathlib import Path
    from s3gen import background, build
    from s3gen.cli import main

    marks, mode, strategy, out = Path(sys.argv[1]), *sys.argv[2:5]
    parent = os.getpid()
    background.can_fork = lambda: True  # even on a one-core runner
    export_texts = build.export_texts

    def in_child(strategy):
        (marks / "child").write_text(str(os.getpid()))
        if mode != "sending":
            time.sleep(3600)
        return export_texts(strategy)  # megabytes: more than a pipe holds

    def paused(page, out_dir):  # the parent never reads what the child sends
        (marks / "parent").write_text(str(parent))
        time.sleep(3600)

    build.export_texts = in_child
    build.write_html = paused
    if mode == "late":
        work, start = background._work, build.open_data_in_background

        def late(*args):  # the child of the open data waits until its parent is gone
            (marks / "child").write_text(str(os.getpid()))
            for _ in range(1000):
                if os.getppid() != parent:
                    break
                time.sleep(0.01)
            work(*args)

        def open_data_in_background(strategy):  # the Markdown's child was not delayed
            background._work = late
            return start(strategy)

        build.open_data_in_background = open_data_in_background
    sys.argv = ["s3gen", "html", "--strategy", strategy, "--out", out]
    main()
"""


@pytest.fixture(scope="module")
def large_strategy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated strategy large enough for the build to fork."""
    return generate(PARALLEL_FROM_REGIONS, tmp_path_factory.mktemp("large") / "strategy")


# Children are forked on Linux only (background.can_fork), and /proc is read to see them.
LINUX_ONLY = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="children are forked on Linux only"
)


@LINUX_ONLY
@pytest.mark.parametrize("mode", ["computing", "sending", "late"])
def test_a_child_does_not_outlive_its_killed_parent(
    tmp_path: Path, large_strategy: Path, mode: str
) -> None:
    marks = tmp_path / "marks"
    marks.mkdir()
    proc = _snippet(_PAUSED_BUILD, str(marks), mode, str(large_strategy), str(tmp_path / "out"))
    with _reaped(proc, lambda: _pid_in(marks / "child")):
        paused = _until(lambda: None not in (_pid_in(marks / "parent"), _pid_in(marks / "child")))
        assert paused, (
            proc.stderr.read().decode() if proc.poll() is not None and proc.stderr else ""
        )
        child = _pid_in(marks / "child")
        assert child is not None and child != proc.pid and _alive(child)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert _until(lambda: not _alive(child)), f"the child {child} still runs ({mode})"


def _megabytes() -> bytes:
    return b"x" * (4 << 20)


@LINUX_ONLY
def test_a_child_ends_when_its_parent_closed_the_pipe() -> None:
    """Also where the child cannot ask to die with its parent: a send to nobody fails."""
    work = Background(_megabytes, fork=True)
    process, conn = work._process, work._conn
    assert process is not None and conn is not None
    try:
        conn.close()  # as a dead parent's end is closed
        work._conn = None
        assert _until(lambda: not process.is_alive()), "the child is blocked on its pipe"
    finally:
        work.cancel()


# --- 2. No temporary file of a killed build stays -------------------------------------------------

# Writes one output atomically and pauses before the rename, holding its temporary file, until
# the file GO exists; the path of the temporary file goes to MARK.
_PAUSED_WRITE = """
    import os, sys, time
    from pathlib import Path
    from s3gen.output import write_atomic

    target, data, mark, go = Path(sys.argv[1]), sys.argv[2].encode(), *map(Path, sys.argv[3:5])
    replace = os.replace

    def paused(src, dst):
        mark.write_text(str(src))
        for _ in range(1200):
            if go.exists():
                break
            time.sleep(0.05)
        replace(src, dst)

    os.replace = paused
    write_atomic(target, data)
"""


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def _paused_writer(
    tmp_path: Path, target: Path, data: str
) -> tuple[subprocess.Popen[bytes], Path, Path]:
    mark, go = tmp_path / "mark", tmp_path / "go"
    proc = _snippet(_PAUSED_WRITE, str(target), data, str(mark), str(go))
    written = _until(lambda: mark.exists() and mark.read_text() != "")
    assert written, proc.stderr.read().decode() if proc.stderr else ""
    return proc, Path(mark.read_text()), go


def test_the_temporary_file_of_a_killed_build_goes_with_the_next_build(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    proc, temporary, _ = _paused_writer(tmp_path, out / "index.html", "half a page")
    with _reaped(proc):
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert _temporaries(out) == [temporary.name]  # what the kill left
    result = CliRunner().invoke(cli, ["html", "--strategy", str(strategy), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _temporaries(out) == []
    assert (out / "index.html").read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_the_temporary_file_of_a_build_still_writing_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "out" / "index.html"
    target.parent.mkdir()
    proc, temporary, go = _paused_writer(tmp_path, target, "the other build's page")
    with _reaped(proc):
        write_atomic(target, b"this build's page")  # cleans up beside the other's write
        assert temporary.exists()
        assert target.read_bytes() == b"this build's page"
        go.touch()
        assert proc.wait() == 0, proc.stderr.read().decode() if proc.stderr else ""
    assert target.read_bytes() == b"the other build's page"
    assert _temporaries(target.parent) == []


def test_a_temporary_file_cleaned_away_before_it_was_locked_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window between creating a temporary file and locking it: another build's cleanup
    finds it unlocked and removes it. The write takes a new one instead of losing its data."""
    target = tmp_path / "index.html"
    mkstemp = tempfile.mkstemp
    made: list[str] = []

    def then_cleaned(**kwargs: Any) -> tuple[int, str]:
        fd, name = mkstemp(**kwargs)
        made.append(name)
        if len(made) == 1:
            output.remove_abandoned(target)  # as another build would, right now
            assert not Path(name).exists()
        return fd, name

    monkeypatch.setattr(tempfile, "mkstemp", then_cleaned)
    write_atomic(target, b"page")
    assert len(made) == 2
    assert target.read_bytes() == b"page"
    assert _temporaries(tmp_path) == []


_NAME_PART = st.text("abcdefghijklmnopqrstuvwxyz0123456789_", min_size=1, max_size=12)


@SETTINGS
@given(
    abandoned=st.lists(_NAME_PART, max_size=5, unique=True),
    others=st.lists(
        st.sampled_from(
            [
                ".index.html.tmp",  # not a temporary name of ours
                ".index.html.x.html.abcdefgh.tmp",  # of another output, index.html.x.html
                ".data.csv.abcdefgh.tmp",  # of another output
                "index.html.abcdefgh.tmp",  # not hidden: not ours
                ".index.html.abcdefgh.tmp.keep",
                "notes.txt",
            ]
        ),
        unique=True,
    ),
)
def test_only_abandoned_temporary_files_of_the_output_written_are_removed(
    abandoned: list[str], others: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for part in abandoned:
            (folder / f".index.html.{part}.tmp").write_bytes(b"half")
        for other in others:
            (folder / other).write_bytes(b"kept")
        write_atomic(folder / "index.html", b"page")
        assert sorted(p.name for p in folder.iterdir()) == sorted([*others, "index.html"])
        assert (folder / "index.html").read_bytes() == b"page"


# --- 3. Two `make pdf` at once --------------------------------------------------------------------

# Stands in for cmp(1) in the Makefile's recipes: with S3GEN_TEST_PAUSE set, it first marks that
# it was reached and waits for the go-ahead.
_PAUSING_CMP = """#!/bin/sh
if [ -n "$S3GEN_TEST_PAUSE" ]; then
  : > "$S3GEN_TEST_PAUSE.reached"
  i=0
  while [ ! -e "$S3GEN_TEST_PAUSE.go" ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
fi
exec {cmp} "$@"
"""


def test_two_make_pdf_at_once_both_succeed(tmp_path: Path) -> None:
    """One `make pdf` is paused between writing its listing of the inputs and comparing it
    with the last one; another runs from start to end meanwhile; then the first goes on."""
    make, cmp = shutil.which("make"), shutil.which("cmp")
    assert make and cmp, "make and cmp are missing: run `make test`, which installs them"
    work = tmp_path / "project"
    (work / "strategy").mkdir(parents=True)
    shutil.copy(REPO / "Makefile", work / "Makefile")
    (work / "strategy" / "strategy.yaml").write_text("document: {}\n")
    (work / "pyproject.toml").write_text("")
    venv = work / "venv"
    (venv / "bin").mkdir(parents=True)
    fake = venv / "bin" / "s3gen"  # the build itself is not what is tested
    fake.write_text("#!/bin/sh\nmkdir -p build/pdf && touch build/pdf/report.pdf\n")
    fake.chmod(0o755)
    installed = venv / ".installed"
    installed.touch()
    os.utime(work / "pyproject.toml", (0, 0))  # the virtualenv is up to date
    tools = tmp_path / "tools"
    tools.mkdir()
    (tools / "cmp").write_text(_PAUSING_CMP.format(cmp=cmp))
    (tools / "cmp").chmod(0o755)
    env = {**os.environ, **HERMETIC_ENVIRONMENT, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    args = [make, "--no-print-directory", "-C", str(work), "pdf", "VENV=venv", "DEBIAN_PACKAGES="]
    pause = tmp_path / "pause"
    first = subprocess.Popen(
        args,
        env={**env, "S3GEN_TEST_PAUSE": str(pause)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert _until(Path(f"{pause}.reached").exists)
        second = subprocess.run(args, env=env, capture_output=True, text=True)
        assert second.returncode == 0, second.stdout + second.stderr
    finally:
        Path(f"{pause}.go").touch()
        said, _ = first.communicate()
    assert first.returncode == 0, said.decode()
    listing = work / "build" / "pdf"
    assert sorted(p.name for p in listing.iterdir()) == [".built", ".inputs", "report.pdf"]


# --- 4. An output path that is not a plain file ---------------------------------------------------

SHAPES = [
    "missing",
    "file",
    "link to file",
    "dangling link",
    "link to folder",
    "fifo",
    "socket",
    "folder",
    "missing parent",
    "parent is a file",
]
WRITTEN = {"missing", "file", "missing parent"}


def _make(shape: str, folder: Path, name: str) -> Path:
    """The output path ``folder/name`` (or below) in ``shape``."""
    path = folder / name
    elsewhere = folder / "elsewhere"
    elsewhere.mkdir()
    if shape == "file":
        path.write_bytes(b"old")
    elif shape == "link to file":
        (elsewhere / "target").write_bytes(b"someone else's")
        path.symlink_to(elsewhere / "target")
    elif shape == "dangling link":
        path.symlink_to(elsewhere / "nothing")
    elif shape == "link to folder":
        path.symlink_to(elsewhere)
    elif shape == "fifo":
        os.mkfifo(path)
    elif shape == "socket":  # a special file, as a device is (which only root may make)
        with socket.socket(socket.AF_UNIX) as server:
            server.bind(str(folder / "s"))  # a socket's own path is short; it may be renamed
        os.rename(folder / "s", path)
    elif shape == "folder":
        path.mkdir()
    elif shape == "missing parent":
        return folder / "new" / "deeper" / name
    elif shape == "parent is a file":
        (folder / "plain").write_bytes(b"a file")
        return folder / "plain" / name
    return path


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes | str | None]]:
    found: dict[str, tuple[int, bytes | str | None]] = {}
    for top, dirs, files in os.walk(folder):
        for entry in [*dirs, *files]:
            path = Path(top, entry)
            mode = path.lstat().st_mode
            content: bytes | str | None = None
            if stat.S_ISLNK(mode):
                content = os.readlink(path)
            elif stat.S_ISREG(mode):
                content = path.read_bytes()
            found[str(path.relative_to(folder))] = (stat.S_IFMT(mode), content)
    return found


@SETTINGS
@given(
    shape=st.sampled_from(SHAPES),
    name=st.text(
        # Control characters are escaped by the CLI when it prints any message (errors.shown).
        st.characters(codec="utf-8", exclude_characters="/", exclude_categories=["Cs", "Cc"]),
        min_size=1,
        max_size=20,
    ).filter(lambda n: n not in (".", "..", "elsewhere", "plain", "new", "s")),
)
@example(shape="missing", name="index.html")
@example(shape="file", name="index.html")
@example(shape="link to file", name="index.html")
@example(shape="dangling link", name="index.html")
@example(shape="link to folder", name="index.html")
@example(shape="fifo", name="index.html")
@example(shape="socket", name="s.html")
@example(shape="folder", name="index.html")
@example(shape="missing parent", name="index.html")
@example(shape="parent is a file", name="index.html")
@example(shape="file", name="[*?].html")
def test_an_output_is_written_as_a_plain_file_or_refused_leaving_everything_as_it_was(
    shape: str, name: str
) -> None:
    with tempfile.TemporaryDirectory() as base:
        folder = Path(base)
        path = _make(shape, folder, name)
        before = _snapshot(folder)
        if shape in WRITTEN:
            write_atomic(path, b"page")
            assert path.read_bytes() == b"page"
            assert stat.S_ISREG(path.lstat().st_mode)
            assert not [n for n in _snapshot(folder) if n.endswith(".tmp")]
            return
        if shape == "parent is a file":  # the system's own refusal, naming the file
            with pytest.raises(NotADirectoryError) as not_a_folder:
                write_atomic(path, b"page")
            assert not_a_folder.value.filename == str(folder / "plain")
        else:
            with pytest.raises(OutputProblem) as refused:
                write_atomic(path, b"page")  # a FIFO would block an open: this returns
            message = str(refused.value)
            assert "\n" not in message and str(path) in message, message
        assert _snapshot(folder) == before


@pytest.mark.parametrize(
    ("shape", "said"),
    [
        ("link to file", "it is a symbolic link (to "),
        ("dangling link", "it is a symbolic link (to "),
        ("fifo", "it is a named pipe"),
        ("folder", "it is a folder"),
    ],
)
def test_the_build_refuses_an_output_that_is_not_a_plain_file_in_one_line(
    tmp_path: Path, shape: str, said: str
) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    target = _make(shape, out, "index.html")
    result = CliRunner().invoke(cli, ["html", "--strategy", str(strategy), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"Error: cannot write {target}: {said}"), result.output
    assert result.output.count("\n") == 1, result.output


@pytest.mark.parametrize(
    ("shape", "said"),
    [
        ("fifo", "it is a named pipe"),
        ("folder", "it is a folder"),
        ("link to file", "it is a symbolic link (to "),
    ],
)
@pytest.mark.parametrize("which", ["pdf", "page"])
def test_the_pdf_build_refuses_an_output_that_is_not_a_plain_file_before_the_layout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str, said: str, which: str
) -> None:
    # A named pipe as the PDF once blocked the build forever (its key was read from it), and a
    # folder or a link was refused only after the layout, beside a new PDF.
    from s3gen.report import pdf

    def no_layout(*args: object, **kwargs: object) -> object:
        raise AssertionError("laid out before the outputs were checked")

    monkeypatch.setattr(pdf, "render_pdf", no_layout)
    strategy = copy_fixture("minimal", tmp_path)
    out, html = tmp_path / "pdf", tmp_path / "html"
    out.mkdir()
    html.mkdir()
    target = (
        _make(shape, out, "mini-1.0.pdf") if which == "pdf" else _make(shape, html, "index.html")
    )
    args = ["pdf", "--strategy", str(strategy), "--out", str(out), "--html-out", str(html)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    *progress, error = result.output.splitlines()
    assert error.startswith(f"Error: cannot write {target}: {said}"), result.output
    assert all(line.startswith("s3gen pdf: ") for line in progress), result.output


def test_the_printed_page_is_refused_when_its_path_is_a_named_pipe(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    fifo = tmp_path / "page.html"
    os.mkfifo(fifo)
    args = ["pdf", "--strategy", str(strategy), "--out", str(tmp_path / "pdf")]
    args += ["--html-out", str(tmp_path / "html"), "--print-html", str(fifo)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert f"Error: cannot write {fifo}: it is a named pipe" in result.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert not any((tmp_path / "pdf").glob("*.pdf"))  # refused before the layout


# --- 5. The PDF key's walk ------------------------------------------------------------------------


class _Reads:
    """The folders listed and files opened under ``watched`` while recording (an audit hook:
    it sees what any code does, however it walks)."""

    installed: _Reads | None = None

    def __init__(self) -> None:
        self.listed: list[str] = []
        self.opened: list[str] = []
        self.watched: str | None = None

    @classmethod
    def hook(cls) -> _Reads:
        if cls.installed is None:
            reads = cls.installed = _Reads()

            def audit(event: str, args: tuple[object, ...]) -> None:
                if reads.watched is None or event not in ("os.scandir", "os.listdir", "open"):
                    return
                where = args[0] if args else None
                if isinstance(where, (str, bytes, os.PathLike)):
                    real = os.path.realpath(os.fsdecode(where))
                    if real == reads.watched or real.startswith(reads.watched + os.sep):
                        (reads.opened if event == "open" else reads.listed).append(real)

            sys.addaudithook(audit)
        return cls.installed

    @contextmanager
    def under(self, folder: Path) -> Iterator[_Reads]:
        self.listed, self.opened, self.watched = [], [], os.path.realpath(folder)
        try:
            yield self
        finally:
            self.watched = None


def _key(strategy: Path) -> pdf_key.PrintKey:
    return read_inputs([DEFAULT_TEMPLATES, strategy], "pdf/ua-1", outputs=[]).key("<html></html>")


def _big_folder(folder: Path, files: int) -> Path:
    for i in range(files):
        sub = folder / f"d{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"f{i}.css").write_text(f"/* {i} */\n")
    return folder


def test_the_pdf_key_does_not_follow_a_link_out_of_the_allowed_folders(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    outside = _big_folder(tmp_path / "outside", 300)
    (strategy / "usr").symlink_to(outside, target_is_directory=True)
    (strategy / "one.css").symlink_to(outside / "d0" / "f0.css")
    expected = _key(copy_fixture("minimal", tmp_path / "plain"))
    with _Reads.hook().under(outside) as reads:
        key = _key(strategy)
    assert reads.listed == [] and reads.opened == []
    assert not any(f.is_relative_to(outside) for f in key.files)
    assert len(key.files) == len(expected.files)


@SETTINGS
@given(
    links=st.lists(
        st.tuples(
            st.sampled_from(["a", "b", "sub/c", "sub/deeper/d"]),
            st.sampled_from([".", "..", "../..", "sub", "a", "b", "loop", "/", "OUTSIDE"]),
        ),
        min_size=1,
        max_size=6,
        unique_by=lambda link: link[0],
    )
)
def test_the_pdf_key_lists_each_folder_once_and_never_outside_however_links_loop(
    links: list[tuple[str, str]],
) -> None:
    with tempfile.TemporaryDirectory() as base:
        root = Path(base)
        strategy = copy_fixture("minimal", root)
        outside = _big_folder(root / "outside", 20)
        (strategy / "sub" / "deeper").mkdir(parents=True)
        (strategy / "sub" / "style.css").write_text("p {}\n")
        for name, target in links:
            where = strategy / name
            where.symlink_to(outside if target == "OUTSIDE" else target)
        with _Reads.hook().under(root) as reads:
            key = _key(strategy)
        inside = strategy.resolve()
        # Neither outside nor the rest of the temporary folder; no folder twice.
        assert all(Path(p).is_relative_to(inside) for p in reads.listed), reads.listed
        assert len(reads.listed) == len(set(reads.listed)), reads.listed
        assert all(
            f.is_relative_to(inside) or f.is_relative_to(DEFAULT_TEMPLATES) for f in key.files
        )
        assert Path(strategy, "sub", "style.css").resolve() in key.files


def test_the_pdf_key_stops_at_a_bound_of_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    _big_folder(strategy / "images", 200)
    monkeypatch.setattr(pdf_key, "MAX_FILES", 50)
    with _Reads.hook().under(tmp_path) as reads:
        key = _key(strategy)
    assert len(reads.opened) <= 50
    assert (key.digest, key.files) == ("", frozenset())  # matches no PDF: always laid out
    assert key.unknown == (
        f"the folders the PDF may load files from ({DEFAULT_TEMPLATES}, {strategy}) hold more "
        "than 50 files: whether the PDF is up to date is not checked, so it is laid out every "
        f"time; move what the report does not use out of {strategy}"
    )


def test_the_pdf_key_stops_at_a_bound_of_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    (strategy / "big.png").write_bytes(b"\0" * 3_000_000)
    bytes_read = 0
    real_read = os.read

    def counted(fd: int, n: int) -> bytes:
        nonlocal bytes_read
        chunk = real_read(fd, n)
        bytes_read += len(chunk)
        return chunk

    monkeypatch.setattr(pdf_key, "MAX_BYTES", 1_000_000)
    monkeypatch.setattr(os, "read", counted)
    key = _key(strategy)
    assert bytes_read <= 1_000_000 + pdf_key.CHUNK
    assert key.digest == "" and "more than 1,000,000 bytes" in key.unknown
    assert "\n" not in key.unknown


def test_a_strategy_with_more_files_than_the_key_reads_still_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Whatever validate accepts builds: too many files to read for the key is no reason to
    # refuse the PDF, only to lay it out every time.
    strategy = copy_fixture("minimal", tmp_path)
    _big_folder(strategy / "images", 60)
    monkeypatch.setattr(pdf_key, "MAX_FILES", 50)
    log = tmp_path / "laid-out"  # a file: the documents are laid out in worker processes
    from s3gen.report import pdf

    def fake_render(page: str, target: Path, *args: object, **kwargs: object) -> object:
        with log.open("a") as out:
            out.write(f"{target}\n")
        target.write_bytes(b"%PDF-1.7 fake")
        return pdf.PdfResult(target, 1, [])

    monkeypatch.setattr(pdf, "render_pdf", fake_render)
    args = ["pdf", "--strategy", str(strategy), "--out", str(tmp_path / "pdf")]
    args += ["--html-out", str(tmp_path / "html")]
    for _ in range(2):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 0, result.output
        assert "warning: the folders the PDF may load files from" in result.output
    laid_out = log.read_text().splitlines()
    assert laid_out.count(str(tmp_path / "pdf" / "mini-1.0.pdf")) == 2  # not up to date again


def test_a_build_with_a_symlink_loop_in_the_strategy_is_no_internal_error(
    tmp_path: Path,
) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    (strategy / "self").symlink_to("self")
    (strategy / "ping").symlink_to("pong")
    (strategy / "pong").symlink_to("ping")
    key = _key(strategy)
    assert key.files == _key(copy_fixture("minimal", tmp_path / "plain")).files
