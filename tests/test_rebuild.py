"""A PDF is laid out again only when what it is printed from changed; provenance names the
last change of the strategy, so commits of code or documentation leave the report as it was."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pypdf
import pytest

from s3gen.build import BuildProblem
from s3gen.progress import Progress
from s3gen.provenance import git_commit
from s3gen.report.pdf_key import pdf_key
from tests.conftest import REPO, TEMPLATES, apply_edits, build_pdf, copy_fixture, git, pdf_build


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    """A strategy outside git and the PDF built from it."""
    strategy = copy_fixture("minimal", tmp_path)
    result = pdf_build(strategy, tmp_path)
    assert result.laid_out and result.pdf == tmp_path / "pdf" / "mini-1.0.pdf"
    return strategy, result.pdf


def _stamp(pdf: Path) -> tuple[int, bytes]:
    """The file's inode (a rewrite renames a new file into place) and its bytes."""
    return pdf.stat().st_ino, pdf.read_bytes()


def test_unchanged_inputs_leave_the_pdf_untouched(built: tuple[Path, Path]) -> None:
    strategy, pdf = built
    before = _stamp(pdf)
    steps: list[str] = []
    result = pdf_build(strategy, pdf.parent.parent, progress=Progress(steps.append))
    assert not result.laid_out and result.pages is None
    assert "importing WeasyPrint" not in steps  # the decision costs no WeasyPrint import
    assert _stamp(pdf) == before
    # The key it was compared with is the one the PDF carries as its permanent file id.
    key = pdf_key(pdf)
    ids: Any = pypdf.PdfReader(pdf).trailer["/ID"]
    assert key is not None and ids[0].original_bytes == key.encode()


def test_a_comment_edit_changes_nothing_printed(built: tuple[Path, Path]) -> None:
    strategy, pdf = built
    before = _stamp(pdf)
    region = strategy / "regions" / "alpha.yaml"
    region.write_text(region.read_text(encoding="utf-8") + "# checked 2026-11\n", "utf-8")
    assert not pdf_build(strategy, pdf.parent.parent).laid_out
    assert _stamp(pdf) == before


def test_a_content_edit_lays_the_pdf_out_again(built: tuple[Path, Path]) -> None:
    strategy, pdf = built
    before = pdf.read_bytes()
    apply_edits(strategy, {"regions/alpha.yaml": [("severity: high", "severity: low")]})
    assert pdf_build(strategy, pdf.parent.parent).laid_out
    assert pdf.read_bytes() != before


def test_force_lays_out_again_with_the_same_bytes(built: tuple[Path, Path]) -> None:
    strategy, pdf = built
    before = _stamp(pdf)
    assert pdf_build(strategy, pdf.parent.parent, force=True).laid_out
    assert _stamp(pdf)[0] != before[0]
    assert pdf.read_bytes() == before[1]


@pytest.mark.parametrize("damage", ["truncated", "replaced"])
def test_a_damaged_or_foreign_pdf_is_replaced(built: tuple[Path, Path], damage: str) -> None:
    strategy, pdf = built
    good = pdf.read_bytes()
    if damage == "truncated":
        pdf.write_bytes(good[: len(good) // 2])
    else:
        shutil.copy(REPO / "tests" / "fixtures" / "minimal" / "strategy" / "strategy.yaml", pdf)
    assert pdf_build(strategy, pdf.parent.parent).laid_out
    assert pdf.read_bytes() == good


def test_a_changed_stylesheet_or_variant_lays_out_again(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    strategy, pdf = built
    out = pdf.parent.parent
    assert pdf_build(strategy, out, variant="pdf/a-3b").laid_out
    overrides = tmp_path / "overrides" / "static"
    overrides.mkdir(parents=True)
    css = (TEMPLATES / "static" / "print.css").read_text(encoding="utf-8")
    (overrides / "print.css").write_text(css + "\nh1 { letter-spacing: 0.01em; }\n", "utf-8")
    (overrides / "fonts").symlink_to(TEMPLATES / "static" / "fonts")
    options = {"variant": "pdf/a-3b", "templates": overrides.parent}
    assert pdf_build(strategy, out, **options).laid_out
    assert not pdf_build(strategy, out, **options).laid_out
    # The same files with another content
    (overrides / "print.css").write_text(css + "\nh1 { letter-spacing: 0.02em; }\n", "utf-8")
    assert pdf_build(strategy, out, **options).laid_out


def test_a_build_that_is_not_strict_always_lays_out(built: tuple[Path, Path]) -> None:
    strategy, pdf = built
    out = pdf.parent.parent
    assert pdf_build(strategy, out, strict=False).laid_out
    # It may have let problems through: the next strict build checks again, and fails here.
    apply_edits(strategy, {"regions/alpha.yaml": [("Food industry.", "Food industry ✓.")]})
    relaxed = pdf_build(strategy, out, strict=False)
    assert relaxed.laid_out and any(w.startswith("U+2713") for w in relaxed.warnings)
    with pytest.raises(BuildProblem, match="U\\+2713"):
        pdf_build(strategy, out)
    # The command says so in words: the warning, then the failure.
    assert "warning: U+2713" in build_pdf(strategy, out, "--no-strict").stderr
    strict = build_pdf(strategy, out, ok=False)
    assert strict.exit_code == 1 and "U+2713" in strict.output


def test_provenance_is_the_last_change_of_the_strategy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # the temp folder may be in git
    if shutil.which("git") is None:
        pytest.fail("git is needed (make test installs it with the Debian packages)")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    strategy = copy_fixture("minimal", repo)
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "strategy")
    first = git_commit(strategy)
    assert len(first) == 12 and int(first, 16) >= 0
    (repo / "README.md").write_text("docs\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "docs only")
    assert git_commit(strategy) == first
    apply_edits(strategy, {"regions/alpha.yaml": [("severity: high", "severity: low")]})
    assert git_commit(strategy) == f"{first} + uncommitted changes"
    git(repo, "commit", "-qam", "strategy edit")
    assert git_commit(strategy) not in ("", first)
    assert git_commit(tmp_path) == ""  # not a repository


def test_the_message_in_a_real_process(built: tuple[Path, Path]) -> None:
    strategy, pdf = built
    args = ["--strategy", str(strategy), "--out", str(pdf.parent)]
    proc = subprocess.run(
        [sys.executable, "-m", "s3gen", "pdf", *args, "--html-out", str(pdf.parent.parent / "h")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"{pdf} is up to date: what it is printed from has not changed")
