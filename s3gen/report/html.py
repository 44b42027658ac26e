"""Render the view model through the Jinja2 templates into build/html/index.html."""

from __future__ import annotations

import base64
import functools
import hashlib
import traceback
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from s3gen import __version__
from s3gen.errors import S3genError
from s3gen.output import write_atomic
from s3gen.report.wording import SOURCE_LANGUAGE, wording

DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"  # package data
STYLESHEET = "static/report.css"


class TemplateProblem(S3genError):
    """A template could not be loaded or rendered; the message names the template and line."""


def _environment(overrides: Path | None, language: str) -> jinja2.Environment:
    """One environment per templates folder as it is now and language, so that each template
    is compiled once per process, not once per page (a factsheet alone renders several pages:
    compiling took most of the time of 200 factsheets). Jinja reloads a template whose file
    changed; the listing in the key makes a file added to (or removed from) the folder, which
    may shadow a default template, count too (`s3gen serve` renders again after edits)."""
    folder = str(overrides) if overrides else None
    return _cached_environment(folder, _listing(overrides), language)


def _listing(folder: Path | None) -> tuple[str, ...]:
    if folder is None:
        return ()
    try:
        return tuple(sorted(str(p.relative_to(folder)) for p in folder.rglob("*")))
    except OSError:
        return ()  # the loader reports a folder it cannot read


@functools.lru_cache(maxsize=16)
def _cached_environment(
    overrides: str | None, listing: tuple[str, ...], language: str
) -> jinja2.Environment:
    folders = [overrides] if overrides else []
    folders.append(str(DEFAULT_TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # New-style gettext: `_("Factsheet of %(name)s", name=r.name)` escapes the value, not the
    # catalog's wording, which is the templates' own.
    env.install_gettext_translations(  # type: ignore[attr-defined]
        wording(language).translations, newstyle=True
    )
    return env


def _where(exc: BaseException) -> str:
    """'templates/x.html line 12' for the innermost template frame of a render error."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return f"{exc.filename} line {exc.lineno}"
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".html")]
    if frames:
        return f"{frames[-1].filename} line {frames[-1].lineno}"
    return "a template"


def render_html(
    view: Any, templates: Path | None = None, page: str = "report.html", **context: Any
) -> str:
    """The report (or another document of the strategy, by its template ``page``) as one
    self-contained HTML page (the CSS is inlined)."""
    env = _environment(templates, getattr(view, "lang", SOURCE_LANGUAGE))
    try:
        css = env.loader.get_source(env, STYLESHEET)[0]  # type: ignore[union-attr]
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
        template = env.get_template(page)
        return template.render(
            v=view,
            css=Markup(css),
            css_hash=f"sha256-{digest}",
            generator_version=__version__,
            **context,
        )
    except jinja2.TemplateNotFound as exc:
        raise TemplateProblem(f"template not found: {exc.name}") from exc
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"{_where(exc)}: {exc.message or exc}") from exc


PAGE = "index.html"  # the report's file in its output folder


def write_html(html: str, out_dir: Path) -> Path:
    """Write the page to ``out_dir/index.html`` atomically; the path written."""
    target = out_dir / PAGE
    write_atomic(target, html.encode("utf-8"))
    return target
