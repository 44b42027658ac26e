"""The build pipeline shared by `s3gen html` and `s3gen pdf`: analyse, view, render."""

from __future__ import annotations

from pathlib import Path

from s3gen import model
from s3gen.analyse import analyse
from s3gen.provenance import git_commit
from s3gen.render_html import render_html
from s3gen.view import build_view


def report_html(strategy: model.Strategy, strategy_dir: Path, templates: Path | None) -> str:
    """The HTML of the report for a valid strategy."""
    view = build_view(strategy, analyse(strategy), commit=git_commit(strategy_dir))
    return render_html(view, templates)
