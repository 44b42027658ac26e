"""Shared helpers: copies of the fixture strategies that a test may change."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from s3gen.errors import Issue
from s3gen.validate import check_strategy

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
DEFAULT_STRATEGY = REPO / "strategy"

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
            path.write_bytes(change)
        elif isinstance(change, str):
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
