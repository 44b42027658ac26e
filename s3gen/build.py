"""The build pipeline shared by `s3gen html` and `s3gen pdf`: analyse, view, render."""

from __future__ import annotations

from pathlib import Path

from s3gen import model
from s3gen.analyse import analyse
from s3gen.background import Background, can_fork
from s3gen.export import export_texts
from s3gen.provenance import git_commit
from s3gen.render_html import render_html
from s3gen.view import build_view


def report_html(strategy: model.Strategy, strategy_dir: Path, templates: Path | None) -> str:
    """The HTML of the report for a valid strategy."""
    view = build_view(strategy, analyse(strategy), commit=git_commit(strategy_dir))
    return render_html(view, templates)


# Below this many regions the open data takes milliseconds: not worth a second process.
PARALLEL_FROM_REGIONS = 50


def open_data_in_background(strategy: model.Strategy) -> Background[dict[str, str]]:
    """The open-data files of the report, computed on a second core for a large strategy
    while the page (or the PDF) is built; written by the caller once the build succeeded."""
    return Background(
        lambda: export_texts(strategy),
        fork=len(strategy.regions) >= PARALLEL_FROM_REGIONS and can_fork(),
    )
