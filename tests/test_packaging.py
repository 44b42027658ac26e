"""s3gen installed as a package, not from this checkout: the wheel carries the templates, the
stylesheets and the fonts, and a non-editable install renders the report and the PDF."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DEFAULT_PDF_NAME, DEFAULT_STRATEGY, REPO, TEMPLATES


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a copy of the checkout (a build writes into the source tree)."""
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


def test_the_wheel_holds_the_templates_stylesheets_and_fonts(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "s3gen/report/templates/" + str(p.relative_to(TEMPLATES))
        for p in TEMPLATES.rglob("*")
        if p.is_file()
    }
    assert shipped and shipped <= names, sorted(shipped - names)
    assert "s3gen/report/templates/static/fonts/NotoSans-Regular.ttf" in names
    # The map's boundaries and the index of their codes (validation reads it).
    assert {"s3gen/geo/nuts2021-3035.json", "s3gen/geo/nuts2021-codes.txt"} <= names
    assert not any(n.startswith(("tests/", "strategy/", "benchmarks/", "tools/")) for n in names)


def test_a_non_editable_install_renders_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    """A fresh virtualenv with the wheel installed (not editable). Its dependencies are this
    test run's own, seen through a path file, so that the test needs no network; s3gen itself
    can come only from the wheel."""
    venv = tmp_path / "venv"
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
    (Path(site) / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "-q", "--disable-pip-version-check", wheel],
        capture_output=True,
        text=True,
        check=False,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    work = tmp_path / "elsewhere"
    shutil.copytree(DEFAULT_STRATEGY, work / "strategy")
    where = subprocess.run(
        [python, "-c", "import s3gen; print(s3gen.__file__)"],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where  # not this checkout
    proc = subprocess.run(
        [venv / "bin" / "s3gen", "pdf", "--strategy", "strategy"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (work / "build" / "pdf" / DEFAULT_PDF_NAME).stat().st_size > 100_000
    assert "<h2" in (work / "build" / "html" / "index.html").read_text(encoding="utf-8")
