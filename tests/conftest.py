"""Shared helpers: copies of the fixture strategies that a test may change, the PDFs built
once per run, and an environment that does not depend on the machine."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from s3gen import build
from s3gen.build import BuildResult
from s3gen.errors import Issue
from s3gen.report.html import DEFAULT_TEMPLATES
from s3gen.source.validate import check_strategy

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
DEFAULT_STRATEGY = REPO / "strategy"
TEMPLATES = DEFAULT_TEMPLATES  # the built-in templates, package data of s3gen

# Hermetic: the locale, time zone, git configuration and a SOURCE_DATE_EPOCH the machine or CI
# happens to set must not change a result. Set here, before any test runs, so that commands the
# tests start in their own processes get the same. (Fonts: tests/test_pdf_fonts.py hides or
# replaces the machine's fonts where fonts matter.)
HERMETIC_ENVIRONMENT = {
    "TZ": "UTC",
    "LC_ALL": "C.UTF-8",
    "LANG": "C.UTF-8",
    "LANGUAGE": "",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_AUTHOR_NAME": "s3gen tests",
    "GIT_AUTHOR_EMAIL": "tests@example.org",
    "GIT_COMMITTER_NAME": "s3gen tests",
    "GIT_COMMITTER_EMAIL": "tests@example.org",
    # A test's temporary folder is in git only if the test made it a repository.
    "GIT_CEILING_DIRECTORIES": os.path.realpath(tempfile.gettempdir()),
}
os.environ.update(HERMETIC_ENVIRONMENT)
for _name in ("SOURCE_DATE_EPOCH", "NO_COLOR", "FONTCONFIG_FILE", "FONTCONFIG_PATH"):
    os.environ.pop(_name, None)
time.tzset()

Edit = tuple[str, str]  # (old text, new text): replaced exactly once


def copy_fixture(name: str, dest: Path) -> Path:
    """Copy ``fixtures/<name>/strategy`` to ``dest/strategy`` and return that folder."""
    target = dest / "strategy"
    shutil.copytree(FIXTURES / name / "strategy", target)
    return target


Change = list[Edit] | str | bytes | Callable[[Path], None] | None


def apply_edits(root: Path, edits: dict[str, Change]) -> None:
    """Change files under ``root``: a list of edits, new text or bytes, None to delete, or a
    function called with the file's path."""
    for name, change in edits.items():
        path = root / name
        if callable(change):
            change(path)
        elif change is None:
            path.unlink()
        elif isinstance(change, bytes):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(change)
        elif isinstance(change, str):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(change, encoding="utf-8")
        else:
            text = path.read_text(encoding="utf-8")
            for old, new in change:
                assert text.count(old) == 1, f"{old!r} must occur once in {name}"
                text = text.replace(old, new)
            path.write_text(text, encoding="utf-8")


def located(issues: list[Issue]) -> list[tuple[str, str, int, str]]:
    """The (code, file, line, path) of each issue, the form fixture tests compare."""
    return [(i.code, i.file, i.line, i.path) for i in issues]


@pytest.fixture(scope="session", autouse=True)
def _temporary_folders_outside_git(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Also when the run's temporary folders are inside a checkout (--basetemp), a test's
    folder is in git only if the test made it a repository."""
    base = os.path.realpath(tmp_path_factory.getbasetemp())
    os.environ["GIT_CEILING_DIRECTORIES"] = os.pathsep.join(
        [HERMETIC_ENVIRONMENT["GIT_CEILING_DIRECTORIES"], base]
    )


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A fresh copy of the minimal valid strategy."""
    return copy_fixture("minimal", tmp_path)


@pytest.fixture
def check(minimal: Path) -> Callable[..., list[Issue]]:
    """Edit the minimal strategy, validate it, return the issues (file names as strategy/...)."""

    def run(edits: dict[str, Change]) -> list[Issue]:
        apply_edits(minimal, edits)
        return check_strategy(minimal, "strategy").issues

    return run


# --- PDFs built once per run and shared ------------------------------------------------------

DEFAULT_PDF_NAME = "trans-s3-bsr-0.1.pdf"
PDF_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "none")


def build_pdf(
    strategy: Path, out: Path, *extra: str, ok: bool = True, factsheets: bool = False
) -> Any:
    """``s3gen pdf`` into ``out/pdf`` and ``out/html``, in this process; the factsheets only
    when asked for (the tests of the report need not wait for them; the default strategy's
    shared build has them)."""
    args = ["pdf", "--strategy", str(strategy), "--out", str(out / "pdf")]
    args += ["--html-out", str(out / "html"), *extra]
    args += [] if factsheets else ["--no-factsheets"]
    from s3gen.cli import cli

    result = CliRunner().invoke(cli, args)
    if ok:
        assert result.exit_code == 0, result.output
    return result


@pytest.fixture(scope="session")
def default_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default strategy's PDF (PDF/UA-1), built once per run with the machine's fonts:
    with its summary edition and factsheets beside it. The editions in other languages
    (`editions_pdf`) are built meanwhile in a process of their own: each build leaves a core
    idle while its longest document is laid out."""
    _editions_build(tmp_path_factory)
    out = tmp_path_factory.mktemp("default-pdf")
    build_pdf(DEFAULT_STRATEGY, out, factsheets=True)
    return out / "pdf" / DEFAULT_PDF_NAME


EDITIONS = ("pl", "de")  # the languages the default strategy lists besides English


_EDITIONS: dict[str, Any] = {}  # the editions' build, started once per run


def _editions_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`s3gen pdf --language pl --language de` of the default strategy in a process of its
    own, started when first needed."""
    if not _EDITIONS:
        out = tmp_path_factory.mktemp("editions-pdf")
        languages = [arg for language in EDITIONS for arg in ("--language", language)]
        args = ["--strategy", str(DEFAULT_STRATEGY), "--out", str(out / "pdf")]
        command = [sys.executable, "-m", "s3gen", "pdf", *args, "--html-out", str(out / "html")]
        _EDITIONS["out"] = out
        _EDITIONS["proc"] = subprocess.Popen(
            [*command, *languages], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
    return _EDITIONS


@pytest.fixture(scope="session", autouse=True)
def _editions_build_ends() -> Iterator[None]:
    """A run that never asked for the editions (one test file, say) does not leave their
    build running after it."""
    yield
    proc = _EDITIONS.get("proc")
    if proc is not None and proc.poll() is None:
        proc.kill()
        proc.communicate()


@pytest.fixture(scope="session")
def editions_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default strategy's editions in Polish and German (reports, summaries, factsheets),
    built once per run in one `s3gen pdf --language pl --language de`: its English report, in
    `default_pdf`, is built alone."""
    build = _editions_build(tmp_path_factory)
    output, _ = build["proc"].communicate(timeout=900)
    assert build["proc"].returncode == 0, output
    out: Path = build["out"]
    return out / "pdf" / DEFAULT_PDF_NAME  # the source edition's name: the others' beside it


def edition_pdf(editions_pdf: Path, language: str) -> Path:
    """The default strategy's report in another language, from the shared build."""
    return editions_pdf.with_name(f"{editions_pdf.stem}-{language}.pdf")


@pytest.fixture(scope="session")
def variant_pdf(
    tmp_path_factory: pytest.TempPathFactory, default_pdf: Path
) -> Callable[[str], Path]:
    """The default strategy's PDF in a given --pdf-variant, each built once per run: the
    first asked for builds every variant, two at a time (a build lays its report out on one
    core while its short summary is soon done, so two builds fill the two cores)."""
    built: dict[str, Path] = {"pdf/ua-1": default_pdf}

    def get(variant: str) -> Path:
        if variant not in built:
            todo = [v for v in PDF_VARIANTS if v not in built]
            for pair in (todo[i : i + 2] for i in range(0, len(todo), 2)):
                running = []
                for v in pair:
                    out = tmp_path_factory.mktemp("variant-" + v.replace("/", "-"))
                    args = ["--strategy", str(DEFAULT_STRATEGY), "--pdf-variant", v]
                    args += ["--out", str(out / "pdf"), "--html-out", str(out / "html")]
                    command = [sys.executable, "-m", "s3gen", "pdf", *args, "--no-factsheets"]
                    running.append(
                        (
                            v,
                            out,
                            subprocess.Popen(
                                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
                            ),
                        )
                    )
                for v, out, proc in running:
                    output, _ = proc.communicate(timeout=600)
                    assert proc.returncode == 0, output
                    built[v] = out / "pdf" / DEFAULT_PDF_NAME
        return built[variant]

    return get


def pdf_build(strategy: Path, out: Path, **options: Any) -> BuildResult:
    """``build.build_pdf`` into ``out/pdf`` and ``out/html``: what a build did, as data."""
    result = check_strategy(strategy)
    assert result.strategy is not None, result.issues
    templates = options.pop("templates", None)
    options.setdefault("variant", "pdf/ua-1")
    options.setdefault("factsheets", False)
    return build.build_pdf(
        result.strategy, strategy, templates, out / "pdf", out / "html", **options
    )


def report_pdf(folder: Path) -> Path:
    """The report's PDF in ``folder`` (beside it: its summary edition, ``*-summary.pdf``)."""
    (found,) = [p for p in folder.glob("*.pdf") if not p.stem.endswith("-summary")]
    return found


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` (the tests make their own repositories); its output."""
    found = shutil.which("git")
    assert found, "git is missing: run `make test`, which installs it"
    return subprocess.run(
        [found, "-C", str(repo), *args], check=True, capture_output=True, text=True
    ).stdout


def committed_minimal(folder: Path) -> Path:
    """A git repository at ``folder/repo`` holding the minimal strategy, committed once; the
    strategy folder."""
    repo = folder / "repo"
    repo.mkdir()
    strategy = copy_fixture("minimal", repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "first")
    return strategy


# --- s3gen as installed from its wheel ---------------------------------------------------------


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the checkout (a build writes into the source tree),
    once per run."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    ignore = shutil.ignore_patterns(
        ".venv", ".git", "build", "node_modules", "__pycache__", "*.pyc"
    )
    shutil.copytree(REPO, source, ignore=ignore)
    proc = subprocess.run(
        [
            *(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"),
            *("--disable-pip-version-check", "-w", str(work / "dist"), str(source)),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (built,) = (work / "dist").glob("s3gen-*.whl")
    return built


def install_wheel(wheel: Path, venv: Path, dependencies: Path) -> Path:
    """A fresh virtualenv at ``venv`` with ``wheel`` installed (not editable), whose
    dependencies are the packages in the folder ``dependencies``, seen through a path file, so
    that no network is needed; s3gen itself can come only from the wheel. Its ``bin`` folder."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # Only the folder: the .pth files in it (this checkout's editable install among them) are
    # not processed from there.
    (Path(site) / "dependencies.pth").write_text(f"{dependencies}\n")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "-q", "--disable-pip-version-check", wheel],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    return venv / "bin"
