"""The build pipeline shared by `s3gen html` and `s3gen pdf`: analyse, view, render."""

from __future__ import annotations

from pathlib import Path

from s3gen import model
from s3gen.analyse import analyse
from s3gen.background import Background, worth_forking
from s3gen.provenance import git_commit
from s3gen.report.html import render_html
from s3gen.report.view import ReportView, build_view
from s3gen.tools.export import export_texts


def report_view(strategy: model.Strategy, strategy_dir: Path) -> ReportView:
    """The view model of the report for a valid strategy (its Markdown rendered on two cores
    when the strategy is large)."""
    return build_view(strategy, analyse(strategy), commit=git_commit(strategy_dir))


def report_html(strategy: model.Strategy, strategy_dir: Path, templates: Path | None) -> str:
    """The HTML of the report for a valid strategy."""
    return render_html(report_view(strategy, strategy_dir), templates)


def open_data_in_background(strategy: model.Strategy) -> Background[dict[str, str]]:
    """The open-data files of the report, computed on a second core for a large strategy
    while the template is rendered (and the PDF laid out): started once the view is built, so
    that it does not compete with the Markdown for the two cores. The caller writes them once
    the build succeeded."""
    return Background(lambda: export_texts(strategy), fork=worth_forking(len(strategy.regions)))
