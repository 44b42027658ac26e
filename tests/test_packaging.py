"""s3gen installed as a package, not from this checkout: the wheel carries the templates, the
stylesheets and the fonts, and a non-editable install renders the report and the PDF. The base
install, without the `pdf` extra, does everything but the PDF, and `s3gen pdf` there says in
one line what to install; so does `s3gen pdf` where WeasyPrint cannot load Pango."""

from __future__ import annotations

import os
import selectors
import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from pathlib import Path

import pytest

import s3gen
from tests.conftest import (
    TEMPLATES,
    apply_edits,
    copy_fixture,
    install_wheel,
    report_pdf,
)

# The packages of the `pdf` extra: the base install must not see them.
PDF_EXTRA = ("weasyprint", "pydyf")
NO_WEASYPRINT = (
    "Error: s3gen pdf needs WeasyPrint, which is not installed here: "
    "pip install 's3gen[pdf]' (or pipx install --force 's3gen[pdf]')"
)
NO_PANGO = (
    "Error: s3gen pdf needs the Pango library, which WeasyPrint could not load "
    "(libpango-1.0-0): on Debian or Ubuntu, apt-get install libpango-1.0-0 libpangoft2-1.0-0"
)


def run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def test_the_wheel_holds_the_templates_stylesheets_and_fonts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "s3gen/report/templates/" + str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*")
        if p.is_file()
    }
    assert shipped and shipped <= names, sorted(shipped - names)
    assert "s3gen/report/templates/static/fonts/NotoSans-Regular.ttf" in names
    # The interface wording's catalogs, read at run time (not compiled).
    assert {f"s3gen/report/locales/{lang}.po" for lang in ("pl", "de", "fi", "sv")} <= names
    # The map's boundaries and the index of their codes (validation reads it).
    assert {"s3gen/geo/nuts2021-3035.json", "s3gen/geo/nuts2021-codes.txt"} <= names
    assert not any(n.startswith(("tests/", "strategy/", "benchmarks/", "tools/")) for n in names)


def test_the_wheel_declares_weasyprint_in_the_pdf_extra_only(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (metadata,) = (n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        lines = archive.read(metadata).decode("utf-8").splitlines()
    requires = [line.removeprefix("Requires-Dist: ") for line in lines if "Requires-Dist" in line]
    for package in PDF_EXTRA:
        found = [r for r in requires if r.lower().startswith(package)]
        # Only in extras: `pdf`, and `test`, into which the build copies what `pdf` lists.
        assert any(r.endswith("; extra == 'pdf'") for r in found), requires
        assert all("; extra == " in r for r in found), requires
    assert "Provides-Extra: pdf" in lines
    assert f"Version: {s3gen.__version__}" in lines


def test_an_installed_s3gen_starts_and_builds_a_strategy_outside_this_repository(
    wheel: Path, tmp_path: Path
) -> None:
    """The README's "Your own strategy": from the wheel (not editable, every dependency of this
    run visible, the pdf extra included), in an empty folder outside this repository,
    `s3gen init my-strategy && cd my-strategy && s3gen validate && s3gen pdf`."""
    bin = install_wheel(wheel, tmp_path / "venv", Path(sysconfig.get_paths()["purelib"]))
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = run([bin / "python", "-c", "import s3gen; print(s3gen.__file__)"], work)
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv"), where  # not this checkout
    init = run([bin / "s3gen", "init", "my-strategy"], work)
    assert init.returncode == 0, init.stdout + init.stderr
    mine = work / "my-strategy"
    validated = run([bin / "s3gen", "validate"], mine)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "[placeholder]" in validated.stdout
    proc = run([bin / "s3gen", "pdf"], mine)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pdf = report_pdf(mine / "build" / "pdf")
    assert pdf.name == "my-strategy-0.1.pdf" and pdf.read_bytes().startswith(b"%PDF-")
    page = (mine / "build" / "html" / "index.html").read_text(encoding="utf-8")
    assert "Title of the strategy" in page
    for text in ("Baltic", "GoSmart", "TIBS", "EUSBSR"):
        assert text not in page, text


def without_the_pdf_extra(folder: Path) -> Path:
    """A folder of links to every top-level entry of this run's site-packages but WeasyPrint
    and pydyf (and this checkout's own editable install)."""
    folder.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.lower().startswith((*PDF_EXTRA, "s3gen", "__editable__")):
            (folder / entry.name).symlink_to(entry)
    return folder


def serve_once(s3gen_command: Path, work: Path) -> str:
    """Start `s3gen serve` on a free port, fetch the page once, stop it; the page."""
    process = subprocess.Popen(
        [s3gen_command, "serve", "--strategy", "strategy", "--port", "0"],
        cwd=work,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            ready = selector.select(timeout=120)  # a bound, not a measurement
        assert ready, "s3gen serve printed nothing"
        line = process.stdout.readline()
        assert line.startswith("Serving the report on http://127.0.0.1:"), line
        address = line.split()[4]
        with urllib.request.urlopen(address, timeout=60) as response:
            return str(response.read().decode("utf-8"))
    finally:
        process.terminate()
        process.communicate(timeout=60)


def test_the_base_install_does_everything_but_the_pdf(wheel: Path, tmp_path: Path) -> None:
    """`pip install s3gen`, without the pdf extra: every command but `s3gen pdf` works, none
    imports WeasyPrint, and `s3gen pdf` says in one line what to install."""
    bin = install_wheel(wheel, tmp_path / "venv", without_the_pdf_extra(tmp_path / "site"))
    work = tmp_path / "elsewhere"
    work.mkdir()
    for package in PDF_EXTRA:  # the test itself would prove nothing otherwise
        hidden = run([bin / "python", "-c", f"import {package}"], work)
        assert hidden.returncode == 1 and "ModuleNotFoundError" in hidden.stderr, hidden
    s3gen_command = bin / "s3gen"
    version = run([s3gen_command, "--version"], work)
    assert version.stdout == f"s3gen, version {s3gen.__version__}\n", version

    copy_fixture("minimal", work)
    other = copy_fixture("minimal", work / "other")
    apply_edits(other, {"regions/alpha.yaml": [("title: Funding\n", "title: Money\n")]})

    def ok(*args: str) -> str:
        proc = run([s3gen_command, *args], work)
        assert proc.returncode == 0, (args, proc.stdout + proc.stderr)
        assert "Traceback" not in proc.stderr
        return proc.stdout

    assert ok("validate", "--strategy", "strategy") == "No issues in 4 files.\n"
    assert "Trans-S3 analysis of 'Minimal strategy' 1.0: 2 regions" in ok("analyse")
    assert ok("export").startswith("Wrote ")
    assert '"id": "alpha"' in (work / "build" / "data" / "strategy.json").read_text("utf-8")
    assert ok("html").startswith("Wrote build/html/index.html")
    assert "<h2" in (work / "build" / "html" / "index.html").read_text(encoding="utf-8")
    changes = ok("diff", "./strategy", "./other/strategy")
    assert 'title: "Funding" -> "Money"' in changes, changes
    assert "<h2" in serve_once(s3gen_command, work)
    assert ok("schema") == "The schema in strategy/schema was written.\n"
    added = ok("new", "gap", "--region", "alpha", "--title", "Skills")
    assert added.startswith("Added gap '"), added

    proc = run([s3gen_command, "pdf", "--strategy", "strategy"], work)
    assert proc.returncode == 1, proc
    assert (proc.stdout + proc.stderr).splitlines() == [NO_WEASYPRINT]
    assert not (work / "build" / "pdf").exists()


# WeasyPrint loads its system libraries through cffi when imported: a machine without Pango,
# as cffi reports it there.
WITHOUT_PANGO = """
import sys

import cffi

real = cffi.FFI.dlopen


def dlopen(self, name, *args):
    if "pango" in str(name):
        raise OSError(f"cannot load library {name!r}: {name}: cannot open shared object file")
    return real(self, name, *args)


cffi.FFI.dlopen = dlopen
sys.argv[0] = "s3gen"
from s3gen.cli import main

main()
"""


def test_pdf_without_pango_says_which_debian_packages(tmp_path: Path) -> None:
    copy_fixture("minimal", tmp_path)
    command = [sys.executable, "-c", WITHOUT_PANGO, "pdf", "--strategy", "strategy"]
    proc = run(command, tmp_path)
    assert proc.returncode == 1, proc
    assert proc.stdout == ""  # WeasyPrint's paragraph of advice is held back
    said = [line for line in proc.stderr.splitlines() if not line.startswith("s3gen pdf: ")]
    assert said == [NO_PANGO], proc.stderr
    assert not list(tmp_path.glob("build/pdf/*.pdf"))


def test_pdf_without_weasyprint_fails_before_any_work(
    minimal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from s3gen.cli import cli

    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if not installed
    out = minimal.parent / "build"
    args = ["pdf", "--strategy", str(minimal), "--out", str(out / "pdf")]
    args += ["--html-out", str(out / "html")]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == [NO_WEASYPRINT]
    assert not out.exists()
