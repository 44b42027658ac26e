"""The `s3gen` command line: parse options, call the build (`build.py`) or a tool, print, set
the exit code. No pipeline logic lives here.

Exit codes: 0 success, 1 invalid data, a failed build or a missing part of the installation
(WeasyPrint or Pango for `s3gen pdf`), 2 usage error (Click's own). Over 500 lines because
each command's options and help text are here, and they are the documentation `--help` prints.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shlex
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from s3gen import __version__, model
from s3gen.edition import Coverage
from s3gen.errors import (
    Issue,
    IssueSeverity,
    S3genError,
    as_errors,
    capped,
    format_issue_github,
    format_issue_text,
    github_escape,
    shown,
    summary_line,
)
from s3gen.frameworks import names as framework_names
from s3gen.progress import Progress, for_stream
from s3gen.source.messages import strategy_option as strategy_in_command
from s3gen.words import counted, listed

if TYPE_CHECKING:
    from s3gen.build import BuildResult
    from s3gen.model import Strategy
    from s3gen.source.validate import CheckResult

F = TypeVar("F", bound=Callable[..., Any])

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_STRATEGY = "strategy"  # the folder --strategy names when it is left out


def _strategy_folder(ctx: click.Context, param: click.Parameter, value: Path) -> Path:
    # A folder with neither strategy.yaml nor regions/ is a mistyped option, not a strategy
    # whose files are missing: say so once, instead of listing missing files.
    if not (value / "strategy.yaml").exists() and not (value / "regions").exists():
        hint = ""
        if (value / "strategy" / "strategy.yaml").exists():
            hint = f"; did you mean {value / 'strategy'}?"
        elif (value.parent / "strategy.yaml").exists():
            hint = f"; did you mean {value.parent}?"
        raise click.BadParameter(
            f"{value} is not a strategy folder: it has no strategy.yaml and no regions/{hint}",
            ctx=ctx,
            param=param,
        )
    return value


def strategy_option(func: F) -> F:
    """The ``--strategy DIR`` option shared by every command that reads the strategy."""
    return click.option(
        "--strategy",
        "strategy_dir",
        default=DEFAULT_STRATEGY,
        show_default=True,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        callback=_strategy_folder,
        help="Folder holding strategy.yaml, sources.yaml and regions/.",
    )(func)


def installed_version() -> str:
    """The version of the installed distribution (what pip and pipx report), or the package's
    own when s3gen runs from a folder that was not installed."""
    import importlib.metadata

    try:
        return importlib.metadata.version("s3gen")
    except importlib.metadata.PackageNotFoundError:
        return __version__


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    # Looked up only when asked for: reading the installed metadata costs every other command
    # a scan of sys.path.
    if value and not ctx.resilient_parsing:
        click.echo(f"s3gen, version {installed_version()}")
        ctx.exit()


def _use_colour() -> bool:
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


class _Commands(click.Group):
    """The command group; the one place where s3gen's own problems become Click errors (a
    message and exit 1) and where `--debug` decides whether a bug shows its traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except S3genError as exc:
            raise click.ClickException(shown(str(exc))) from exc
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except OSError as exc:  # a file or folder that cannot be read or written
            if ctx.params.get("debug"):
                raise
            where = f": {exc.filename}" if exc.filename else ""
            click.echo(shown(f"s3gen: {exc.strerror or exc}{where}"), err=True)
            ctx.exit(1)
        except Exception as exc:  # a bug in s3gen, not a user mistake: say so briefly
            if ctx.params.get("debug"):
                raise
            click.echo(
                shown(f"s3gen: internal error: {type(exc).__name__}: {exc}") + "\n"
                "This is a bug in s3gen; run again as `s3gen --debug COMMAND ...` for the "
                "traceback.",
                err=True,
            )
            ctx.exit(1)


@click.group(cls=_Commands, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and exit.",
)
@click.option("--debug", is_flag=True, help="Show a traceback when s3gen itself fails.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """s3gen: a transnational smart specialisation strategy (Trans-S3) as YAML in git, validated,
    analysed and published as an accessible HTML report and a tagged PDF.

    Run `s3gen COMMAND --help` for the options of a command.
    """
    # --debug is read by _Commands.invoke, which shows the traceback of an unexpected error.


@cli.command(short_help="Check the strategy files; report every problem with its place.")
@strategy_option
@click.option(
    "--strict",
    is_flag=True,
    help="Treat warnings as errors (exit 1), but those accepted with a reason in the data.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "github"]),
    default="text",
    show_default=True,
    help="text for people, json for tools, github for annotations.",
)
def validate(strategy_dir: Path, strict: bool, fmt: str) -> None:
    """Check the strategy files and report every problem with its file, line and column.

    Exit code 0 when there is no error (warnings are allowed unless --strict), 1 when there is
    an error, 2 for a usage error.
    """
    from s3gen.source.validate import check_strategy

    result = check_strategy(strategy_dir, str(strategy_dir))
    issues = as_errors(result.issues) if strict else result.issues
    failed = any(i.severity is IssueSeverity.ERROR for i in issues)
    if fmt == "json":
        click.echo(json.dumps([i.as_dict() for i in issues], indent=2, ensure_ascii=False))
    elif fmt == "github":
        shown, more = capped(issues)
        for issue in shown:
            click.echo(format_issue_github(issue))
        for line in more:
            click.echo(f"::notice::{github_escape(line)}")
    else:
        _echo_issues(issues)
        click.echo(summary_line(issues, result.files))
        if not result.complete:
            click.echo(
                "References between files and warnings are checked once these errors are fixed."
            )
    sys.exit(1 if failed else 0)


def _echo_issues(issues: list[Issue], err: bool = False) -> None:
    """The issues in text, the first hundred of each code and file, then what was left out."""
    colour = _use_colour()
    shown, more = capped(issues)
    for issue in shown:
        click.echo(format_issue_text(issue, colour), err=err)
    for line in more:  # on stderr of another command, name the command that lists them all
        click.echo(
            line.replace("`--format json`", "`s3gen validate --format json`") if err else line,
            err=err,
        )


def _load_valid(strategy_dir: Path, label: str | None = None, shown: str | None = None) -> Strategy:
    """The validated strategy; on any error, print the issues (files named under ``shown``
    instead of the folder, when given) and exit 1."""
    strategy = _load_checked(strategy_dir, label, shown).strategy
    assert strategy is not None
    return strategy


def _load_checked(
    strategy_dir: Path, label: str | None = None, shown: str | None = None
) -> CheckResult:
    """`_load_valid`, with the translations of the valid strategy."""
    from s3gen.source.validate import check_strategy

    result = check_strategy(strategy_dir, shown or str(strategy_dir))
    if result.strategy is None and label:
        click.echo(f"The strategy at {label} is not valid:", err=True)
    if result.strategy is None:
        _echo_issues(result.issues, err=True)
        errors = sum(1 for i in result.issues if i.severity is not IssueSeverity.WARNING)
        them = "it" if errors == 1 else "them"
        click.echo(
            f"{summary_line(result.issues, result.files)} Fix {them} first; `s3gen validate` "
            f"lists {them} too.",
            err=True,
        )
        sys.exit(1)
    warnings = [i for i in result.issues if i.severity is IssueSeverity.WARNING]
    if any(not i.accepted for i in warnings):
        click.echo(
            f"{summary_line(result.issues, result.files)} `s3gen validate` lists them.", err=True
        )
    return result


ALL_LANGUAGES = "all"


def language_option(func: F) -> F:
    """``--language LANG``, repeatable: the editions to build."""
    return click.option(
        "--language",
        "-l",
        "languages",
        multiple=True,
        metavar="LANG",
        help="Build the edition in this language (repeat for several; 'all': the strategy's "
        "own language and those document.translations lists). Without it, the strategy's own "
        "language only.",
    )(func)


def _languages(result: CheckResult, asked: tuple[str, ...]) -> list[str]:
    """The languages asked for, checked: the strategy's own, one it lists as translated, or
    one it has translations for."""
    assert result.strategy is not None
    document = result.strategy.document
    known: list[str] = [str(document.language), *map(str, document.translations)]
    known += [x for x in result.translations.languages() if x not in known]
    found: list[str] = []
    for language in asked:
        if language == ALL_LANGUAGES:
            found += known[: 1 + len(document.translations)]
        elif language in known:
            found.append(language)
        else:
            raise click.BadParameter(
                f"the strategy has no edition in '{language}': it is written in "
                f"'{document.language}'"
                + (f" and translated into {', '.join(known[1:])}" if known[1:] else "")
                + f"; to start one, list '{language}' under document.translations in "
                f"strategy.yaml and run `s3gen translate extract --language {language}`",
                param_hint="'--language'",
            )
    return list(dict.fromkeys(found))


@cli.command(short_help="Analyse across regions: synergies, gaps, mentors, roll-ups.")
@strategy_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a summary to read; json: the complete analysis for other tools.",
)
def analyse(strategy_dir: Path, fmt: str) -> None:
    """Analyse the strategy across regions: shared priorities, synergies, gap coverage, mentor
    candidates, the cooperation network, indicators, budgets and the timeline.

    The strategy must be valid (exit 1 with its issues otherwise).
    """
    from s3gen.analyse import analyse as run_analysis

    strategy = _load_valid(strategy_dir)
    result = run_analysis(strategy)
    if fmt == "json":
        from s3gen.jsonable import to_jsonable

        document = {"strategy": strategy.document.id, "version": strategy.document.version}
        click.echo(json.dumps({**document, **to_jsonable(result)}, indent=2, ensure_ascii=False))
    else:
        from s3gen.tools.summary import format_summary

        click.echo(format_summary(strategy, result))


def folder_option(flag: str, dest: str, default: str, help: str) -> Callable[[F], F]:
    """An option naming a folder that may not exist yet (an output folder, for instance)."""
    return click.option(
        flag,
        dest,
        default=default,
        show_default=True,
        type=click.Path(file_okay=False, path_type=Path),
        help=help,
    )


def templates_option(func: F) -> F:
    """``--templates DIR``: templates that override the built-in ones of the same name."""
    return click.option(
        "--templates",
        "templates_dir",
        default=None,
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        help="Folder of templates overriding the built-in ones (same file names).",
    )(func)


@cli.command(short_help="Build the HTML report (build/html/index.html).")
@strategy_option
@templates_option
@folder_option("--out", "out_dir", "build/html", "Folder to write index.html into.")
@language_option
def html(
    strategy_dir: Path, templates_dir: Path | None, out_dir: Path, languages: tuple[str, ...]
) -> None:
    """Build the HTML report: one self-contained page, build/html/index.html; an edition in
    another language (--language pl) goes into build/html/pl/.

    The strategy must be valid (exit 1 with its issues otherwise). The page is written
    atomically: a failed build leaves the previous one in place.
    """
    from s3gen.build import build_html_editions

    checked = _load_checked(strategy_dir)
    assert checked.strategy is not None
    results = build_html_editions(
        checked.strategy,
        strategy_dir,
        templates_dir,
        out_dir,
        checked.translations,
        _languages(checked, languages),
    )
    for result in results:
        click.echo(
            f"Wrote {result.html} ({result.html_bytes // 1024} KiB) and its open data"
            f"{_translated(result)}."
        )


def _translated(result: BuildResult) -> str:
    """How much of an edition in another language is translated, for the command's output."""
    coverage = result.coverage
    if not coverage.total:
        return ""
    return f"; {coverage.translated} of {coverage.total} texts translated" + (
        f", {coverage.stale} stale" if coverage.stale else ""
    )


@cli.command(short_help="Build the HTML and the PDFs: report, summary, factsheets (build/pdf/).")
@strategy_option
@templates_option
@folder_option(
    "--out", "out_dir", "build/pdf", "Folder for the PDF, named <document id>-<version>.pdf."
)
@folder_option(
    "--html-out", "html_dir", "build/html", "Folder for the HTML edition, built in the same run."
)
@click.option(
    "--pdf-variant",
    type=click.Choice(
        ["pdf/ua-1", "pdf/ua-2", "pdf/a-2b", "pdf/a-3b", "pdf/a-2u", "pdf/a-3u", "none"]
    ),
    default="pdf/ua-1",
    show_default=True,
    help="PDF standard to follow: tagged PDF/UA-1 for accessibility, PDF/A for archiving. "
    "s3gen's tests check PDF/UA-1 and each PDF/A variant with an independent validator "
    "(page-validation); pdf/ua-2 is not verified (that validator does not cover PDF/UA-2).",
)
@click.option(
    "--strict/--no-strict",
    default=True,
    show_default=True,
    help="Fail on any WeasyPrint warning or missing glyph.",
)
@click.option(
    "--force",
    is_flag=True,
    help="Lay every PDF out again even when its inputs have not changed since it was built.",
)
@click.option(
    "--factsheets/--no-factsheets",
    default=True,
    show_default=True,
    help="Also write each region's factsheet (<out>/factsheets/<region>.pdf).",
)
@click.option(
    "--print-html",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also write the exact page given to WeasyPrint here (for benchmarks and debugging).",
)
@language_option
def pdf(
    strategy_dir: Path,
    templates_dir: Path | None,
    out_dir: Path,
    html_dir: Path,
    pdf_variant: str,
    strict: bool,
    force: bool,
    factsheets: bool,
    print_html: Path | None,
    languages: tuple[str, ...],
) -> None:
    """Build the HTML report and print it to a PDF, <out>/<id>-<version>.pdf, with its summary
    edition (<id>-<version>-summary.pdf) and each region's factsheet (<out>/factsheets/).

    The strategy must be valid. By default the PDFs are tagged (PDF/UA-1) and the build is
    strict: any layout warning fails it. Every file is written atomically: a failed build
    leaves the previous files in place. The PDFs are laid out side by side on the cores this
    process may use. A strict build leaves a PDF as it is when what it is printed from (page,
    stylesheets, fonts, options, libraries) has not changed since it was built: it would come
    out the same; --force lays it out anyway.

    An edition in another language (--language pl, repeatable) is <id>-<version>-pl.pdf, with
    <id>-<version>-summary-pl.pdf and factsheets/pl/; its texts are translated where
    translations/pl/ has a current translation, and in the source language elsewhere.
    """
    from s3gen.build import build_pdf_editions, check_pdf_renderer

    check_pdf_renderer()  # WeasyPrint is the `pdf` extra: say so before any work
    with _progress("s3gen pdf") as progress:
        progress.step("validating the strategy")
        checked = _load_checked(strategy_dir)
        assert checked.strategy is not None
        results = build_pdf_editions(
            checked.strategy,
            strategy_dir,
            templates_dir,
            out_dir,
            html_dir,
            variant=pdf_variant,
            strict=strict,
            force=force,
            factsheets=factsheets,
            print_html=print_html,
            progress=progress,
            translations=checked.translations,
            languages=_languages(checked, languages),
        )
    for result in results:
        _echo_pdf_result(result, strict, factsheets, out_dir, html_dir)


def _echo_pdf_result(
    result: BuildResult, strict: bool, factsheets: bool, out_dir: Path, html_dir: Path
) -> None:
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    if not result.laid_out:
        click.echo(
            f"{result.pdf} is up to date: what it is printed from has not changed since it was "
            f"built (--force lays it out again). Wrote {result.html}."
        )
    elif strict:
        click.echo(f"Wrote {result.pdf} ({result.pages} pages) and {result.html}.")
    else:
        click.echo(
            f"Wrote {result.pdf} ({result.pages} pages; not strict, {len(result.warnings)} "
            f"warnings) and {result.html}."
        )
    if result.summary is not None:
        state = "written" if result.summary_laid_out else "up to date, left as it was"
        click.echo(f"The summary edition {result.summary} is {state}.")
    if factsheets:
        written = [o for o in result.factsheets if o.laid_out]
        folder = result.factsheets[0].document.target.parent if result.factsheets else None
        click.echo(
            _factsheets_written(len(written), len(result.factsheets), folder, result.html.parent)
        )
    if result.coverage.total:
        click.echo(f"The edition in '{result.language}'{_translated(result).replace(';', ':', 1)}.")


def _factsheets_written(written: int, total: int, folder: Path | None, html_dir: Path) -> str:
    from s3gen.report.factsheet import FOLDER

    kept = total - written
    return (
        f"Wrote {counted(written, 'factsheet')} into {folder}"
        + (f" ({kept} up to date, left as they were)" if kept else "")
        + f" and {counted(total, 'page')} into {html_dir / FOLDER}."
    )


@contextlib.contextmanager
def _progress(command: str) -> Iterator[Progress]:
    """The progress of ``command`` on stderr: a redrawn line on a terminal, plain lines
    elsewhere; what follows it (an error, a warning) starts on a line of its own."""
    progress = for_stream(f"{command}: ", sys.stderr)
    try:
        yield progress
    finally:
        progress.end()


@cli.command(short_help="Build each region's factsheet alone (build/pdf/factsheets/).")
@strategy_option
@templates_option
@folder_option(
    "--out", "out_dir", "build/pdf", "Folder of the PDFs: factsheets/<region>.pdf in it."
)
@folder_option(
    "--html-out", "html_dir", "build/html", "Folder of the HTML edition: regions/<region>.html."
)
@click.option(
    "--pdf-variant",
    type=click.Choice(["pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "none"]),
    default="pdf/ua-1",
    show_default=True,
    help="PDF standard to follow (tagged PDF/UA-1 for accessibility).",
)
@click.option("--force", is_flag=True, help="Lay out every factsheet, even those up to date.")
def factsheets(
    strategy_dir: Path,
    templates_dir: Path | None,
    out_dir: Path,
    html_dir: Path,
    pdf_variant: str,
    force: bool,
) -> None:
    """Write each region's factsheet, without the report: its part of the strategy on at most
    two pages, as <out>/factsheets/<region>.pdf and <html-out>/regions/<region>.html (linked
    to the report). `s3gen pdf` writes them too.

    A factsheet whose inputs have not changed since it was built is left as it is: after an
    edit of one region file, only the factsheets that print that region are laid out again.
    """
    from s3gen.build import FACTSHEETS, build_factsheets, check_pdf_renderer

    check_pdf_renderer()
    with _progress("s3gen factsheets") as progress:
        progress.step("validating the strategy")
        result = build_factsheets(
            _load_valid(strategy_dir),
            strategy_dir,
            templates_dir,
            out_dir,
            html_dir,
            variant=pdf_variant,
            force=force,
            progress=progress,
        )
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    folder = out_dir / FACTSHEETS
    click.echo(_factsheets_written(len(result.laid_out), len(result.pdfs), folder, html_dir))


def _schema_command(strategy_dir: Path) -> str:
    """The command that writes the schema into ``strategy_dir``, as it would be typed here."""
    return f"s3gen schema{strategy_in_command(str(strategy_dir))}"


@cli.command(short_help="Write the JSON Schema that editors use.")
@strategy_option
@click.option(
    "--check", is_flag=True, help="Do not write: exit 1 if a schema file is missing or out of date."
)
def schema(strategy_dir: Path, check: bool) -> None:
    """Write the JSON Schema of the strategy files into <strategy>/schema/.

    Editors with the YAML language server (VS Code's YAML extension, for example) use it for
    completion and errors as you type: every strategy file starts with a
    `# yaml-language-server: $schema=...` line pointing at it. Run this after changing the
    model; `--check` is for CI.
    """
    from s3gen.source.validate import read_vocabularies
    from s3gen.tools.schema import write_schema

    vocabularies, problems = read_vocabularies(strategy_dir)
    if vocabularies is None:
        _echo_issues(problems, err=True)
        raise click.ClickException(
            "the schema offers the values of the vocabularies in strategy.yaml, and that file "
            "cannot be read: fix the errors above (`s3gen validate` lists them) and run this "
            "again"
        )
    folder = strategy_dir / "schema"
    stale = write_schema(folder, vocabularies, check=check)
    if check and stale:
        missing = [str(p) for p in stale if not p.exists()]
        outdated = [str(p) for p in stale if p.exists()]
        said = []
        if missing:
            said.append(f"{listed(missing)} {'does' if len(missing) == 1 else 'do'} not exist")
        if outdated:
            said.append(f"{listed(outdated)} {'is' if len(outdated) == 1 else 'are'} out of date")
        raise click.ClickException(
            f"{'; '.join(said)}; run `{_schema_command(strategy_dir)}` and commit the result"
        )
    verb = "is up to date" if not stale else "was written"
    click.echo(f"The schema in {folder} {verb}.")


@cli.command(short_help="Start a new strategy repository in DIR.")
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--framework",
    type=click.Choice([*framework_names(), "none"]),
    default="none",
    show_default=True,
    help="The macro-regional strategy whose sourced policy areas the vocabularies list: eusbsr "
    "(EU Strategy for the Baltic Sea Region), eusdr (for the Danube Region), or none.",
)
@click.option(
    "--country",
    default="BE",
    show_default=True,
    help="ISO 3166-1 country code of the example region; replace that region with your own.",
)
def init(folder: Path, framework: str, country: str) -> None:
    """Write a new strategy into DIR (new, or empty but for .git): strategy/ with its metadata,
    one example region, sources and JSON Schema; a .gitignore; a GitHub workflow that validates
    every push, posts the change report on pull requests and keeps build/ of the default branch;
    and a pre-commit hook running the installed s3gen. It validates and builds at once;
    `s3gen validate` warns about every text still to be written until it is.
    """
    from s3gen.tools.init import InitProblem
    from s3gen.tools.init import init as init_strategy
    from s3gen.tools.region_file import ScaffoldProblem

    try:
        written = init_strategy(folder, None if framework == "none" else framework, country)
    except ScaffoldProblem as exc:
        raise click.BadParameter(f"{exc}", param_hint="'--country'") from None
    except InitProblem as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    click.echo(
        f"Wrote a new strategy in {folder} ({len(written)} files). Next: cd "
        f"{shlex.quote(shown(str(folder)))} "
        "&& s3gen validate (it lists the texts still to write) && s3gen pdf"
    )


@cli.command(short_help="Bring a strategy of an older file format up to date.")
@strategy_option
def migrate(strategy_dir: Path) -> None:
    """Rewrite <strategy>/strategy.yaml in this s3gen's file format.

    Format 1 (no `format` key) had the EUSBSR's policy areas, the GoSmart projects and the
    development groups' names built in. The migration adds `format: 2` and a `vocabularies:`
    block declaring those the strategy uses, and renames `eusbsr_policy_areas` to
    `policy_areas`; it changes nothing else in the file and writes no other file. Exit 0 also
    when there is nothing to do.
    """
    from s3gen.tools.migrate import MigrationProblem
    from s3gen.tools.migrate import migrate as migrate_strategy

    try:
        with _editing(strategy_dir):
            done = migrate_strategy(strategy_dir)
    except MigrationProblem as exc:
        raise click.ClickException(f"{exc}; nothing was written") from None
    path = strategy_dir / "strategy.yaml"
    if done is None:
        click.echo(f"{path} is already in format {model.FORMAT}: nothing to do.")
        return
    declared = f" and `vocabularies:` ({'; '.join(done.added)})" if done.added else ""
    renamed = (
        f", renamed {done.renamed} `eusbsr_policy_areas` to `policy_areas`" if done.renamed else ""
    )
    glossary = (
        f" The title of the policy areas abbreviates: add {done.glossary} to the glossary."
        if done.glossary
        else ""
    )
    click.echo(
        f"Migrated {path} to format {model.FORMAT}: `format: {model.FORMAT}`{declared}"
        f"{renamed}.{glossary} Then run `s3gen schema{strategy_in_command(str(strategy_dir))}` "
        "(the schema offers the new vocabularies) and `s3gen validate`, and commit."
    )


@cli.command(short_help="Export the strategy as open data (JSON, CSV).")
@strategy_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["all", "json", "csv"]),
    default="all",
    show_default=True,
    help="json: strategy.json; csv: one file per kind of item; all: both.",
)
@folder_option("--out", "out_dir", "build/data", "Folder to write the files into.")
@click.option(
    "--no-personal-data",
    "personal_data",
    is_flag=True,
    flag_value=False,
    default=True,
    help="Leave out every person's name: all representatives (even those the data permits)"
    " and the editors.",
)
def export(strategy_dir: Path, fmt: str, out_dir: Path, personal_data: bool) -> None:
    """Export the strategy as open data: JSON, and CSV tables that join on ids.

    CSV: regions, areas, sources, partners, priorities, good practices, gaps, actions,
    indicators and peer learning, UTF-8 with a header row; lists are joined with "; ".

    Like the report, the open data leaves out the editors' working notes (editor_note,
    editor_notes) and names partner representatives only where the data permits it
    (representative_published_by or representative_consent).
    """
    from s3gen.tools.export import export as write_export

    strategy = _load_valid(strategy_dir)
    written = write_export(strategy, out_dir, fmt, personal_data)
    click.echo(f"Wrote {len(written)} files to {out_dir}.")


@cli.command(short_help="Show what changed between two versions.")
@click.argument("rev_a")
@click.argument("rev_b", required=False)
@folder_option(
    "--strategy",
    "strategy_dir",
    "strategy",
    "The strategy folder, for git revisions and for the files as they are now.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
    help="text to read, markdown to paste into a pull request, json for tools.",
)
def diff(rev_a: str, rev_b: str | None, strategy_dir: Path, fmt: str) -> None:
    """Show what changed in the strategy between REV_A and REV_B.

    Each is a git revision (HEAD~1, main, a commit) of the repository holding the strategy
    folder, or another strategy folder written as a path (./other, ../other, /abs/other,
    other/): a name alone is always a revision. Without REV_B, REV_A is compared with the files
    as they are now. Items are matched by id, so renamed files are no change; an id that changed is
    reported as such.
    """
    from s3gen.tools.diff import FORMATTERS, NoSuchRevision, diff_revisions, written_as_path

    both_folders = written_as_path(rev_a) and rev_b is not None and written_as_path(rev_b)
    if not both_folders and not strategy_dir.is_dir():
        raise click.BadParameter(f"{strategy_dir} does not exist", param_hint="'--strategy'")
    try:
        result = diff_revisions(rev_a, rev_b, strategy_dir, load=_load_valid)
    except NoSuchRevision as exc:  # a usage error (exit 2), not a failed comparison (exit 1)
        which = "'REV_A'" if exc.spec == rev_a else "'REV_B'"
        raise click.BadParameter(shown(str(exc)), param_hint=which) from exc
    click.echo(FORMATTERS[fmt](result))


@cli.command(short_help="Preview the HTML report live while you edit.")
@strategy_option
@templates_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port to listen on (0: any free port).",
)
def serve(strategy_dir: Path, templates_dir: Path | None, host: str, port: int) -> None:
    """Serve the HTML report on http://127.0.0.1:8000/ and rebuild it on every save.

    Watches the strategy folder and the templates; the page in the browser reloads by itself.
    When the files have errors, the page lists them instead. Stop with Ctrl+C. Nothing is
    written to build/.
    """
    from s3gen.serve import start, stop_all, wait_forever

    gc.enable()  # a long-running process: collect what each rebuild leaves behind

    try:
        server, stop, _ = start(strategy_dir, templates_dir, host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    address, bound = server.server_address[:2]
    click.echo(f"Serving the report on http://{address!s}:{bound}/ - press Ctrl+C to stop.")
    try:
        wait_forever()
    except KeyboardInterrupt:
        click.echo("Stopped.")
    finally:
        stop_all(server, stop)


class _NewCommands(click.Group):
    """`s3gen new`: `region`, and one command per kind of item a region file lists, from the
    table of kinds. That table imports the model, which `s3gen --help` and `validate` need not
    wait for, so the item commands are added only when `new` itself runs."""

    _added = False

    def _add_item_commands(self) -> None:
        if not self._added:
            from s3gen.model.kinds import NEW_IN_REGION

            for kind in NEW_IN_REGION:
                self.add_command(_new_item_command(kind.name))
            self._added = True

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._add_item_commands()
        return super().list_commands(ctx)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._add_item_commands()
        return super().get_command(ctx, cmd_name)


@cli.group(short_help="Translations: coverage, files for translators, reading them back.")
def translate() -> None:
    """Content translations in translations/<language>/: how much is translated
    (`status`), the files translators fill in (`extract`), and reading a PO or XLIFF file
    back (`import`). Only translations/<language>/ is ever written, never the strategy's own
    files.
    """


def _translation_languages(checked: CheckResult, asked: tuple[str, ...]) -> list[str]:
    """The languages asked for, or those document.translations lists; never the source's."""
    assert checked.strategy is not None
    source = checked.strategy.document.language
    listed = [str(x) for x in checked.strategy.document.translations]
    languages = _languages(checked, asked) if asked else listed
    if ALL_LANGUAGES in asked:  # every listed language: the source's has no translation
        languages = [x for x in languages if x != source]
    if source in languages:
        raise click.BadParameter(
            f"'{source}' is the language the strategy is written in: it has no translation",
            param_hint="'--language'",
        )
    return languages


@translate.command("status", short_help="Coverage per language and file; exit 1 if incomplete.")
@strategy_option
@language_option
def translate_status(strategy_dir: Path, languages: tuple[str, ...]) -> None:
    """How much of each language is translated, per file: translated (of them reviewed),
    stale (the source changed since) and missing. The languages are those document.translations
    lists in strategy.yaml, or those given.

    Exit code 0 when every text of every language has a current translation, 1 when any is
    stale or missing (for CI), 2 when no language is listed or given.
    """
    from s3gen.tools.translate import status

    checked = _load_checked(strategy_dir)
    assert checked.strategy is not None
    chosen = _translation_languages(checked, languages)
    if not chosen:
        raise click.UsageError(
            "no language to report on: list the languages under document.translations in "
            "strategy.yaml, or give --language"
        )
    complete = True
    for language in chosen:
        rows = status(checked.strategy, checked.translations, language)
        width = max(len(r.file) for r in rows) if rows else 0
        total = Coverage()
        for row in rows:
            total = total.plus(row.coverage)
            click.echo(f"{language}  {row.file:<{width}}  {_coverage_line(row.coverage)}")
        click.echo(f"{language}  {'all files':<{width}}  {_coverage_line(total)}")
        complete = complete and total.translated == total.total
    sys.exit(0 if complete else 1)


def _coverage_line(c: Coverage) -> str:
    share = f"{100 * c.translated / c.total:.0f} %" if c.total else "-"
    reviewed = f" ({c.reviewed} reviewed)" if c.translated else ""
    return (
        f"{c.translated:>4} of {c.total:<4} translated{reviewed:<15} {c.stale:>3} stale"
        f" {c.missing:>4} missing  {share:>5}"
    )


@translate.command("extract", short_help="Write the files translators fill in.")
@strategy_option
@language_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["yaml", "po", "xliff"]),
    default="yaml",
    show_default=True,
    help="yaml: create or update translations/<language>/ in the strategy folder; po or "
    "xliff: one file for a translation tool (Poedit, Weblate, a CAT tool) instead.",
)
@folder_option(
    "--out",
    "out_dir",
    "build/translations",
    "With --format po or xliff: the folder for <id>-<language>.po or .xlf.",
)
def translate_extract(
    strategy_dir: Path, languages: tuple[str, ...], fmt: str, out_dir: Path
) -> None:
    """Create or update the translation files of each language (those document.translations
    lists, or those given) with an entry for every text: a missing one gets an empty text and
    its source as a comment; every translation is kept, stale ones and those whose source is
    gone too. Running it twice changes nothing. The strategy's own files are never written.
    """
    from s3gen.output import write_atomic
    from s3gen.tools.translate import (
        TranslateProblem,
        extract,
        translation_path,
        write_po_file,
        write_translations,
        write_xliff_file,
    )

    if fmt != "yaml":
        checked = _load_checked(strategy_dir)
        strategy = checked.strategy
        assert strategy is not None
        for language in _translation_languages(checked, languages):
            writer = write_po_file if fmt == "po" else write_xliff_file
            suffix = "po" if fmt == "po" else "xlf"
            target = out_dir / f"{strategy.document.id}-{language}.{suffix}"
            write_atomic(target, writer(strategy, checked.translations, language))
            click.echo(
                f"Wrote {target}; `s3gen translate import {target}` reads it back into "
                f"{translation_path(strategy_dir, language, '')}."
            )
        return
    # Read and written under the strategy folder's lock, as `s3gen new` does: two runs at
    # once each see what the other wrote.
    with _editing(strategy_dir):
        checked = _load_checked(strategy_dir)
        strategy = checked.strategy
        assert strategy is not None
        for language in _translation_languages(checked, languages):
            files = extract(strategy, checked.translations, language)
            try:
                changed = write_translations(strategy_dir, language, files)
            except TranslateProblem as exc:
                raise click.ClickException(str(exc)) from exc
            folder = translation_path(strategy_dir, language, "")
            click.echo(
                f"{language}: {counted(changed, 'file')} written in {folder}"
                if changed
                else f"{language}: the files in {folder} are up to date"
            )


@translate.command("import", short_help="Read a PO or XLIFF file back into the translations.")
@strategy_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def translate_import(strategy_dir: Path, file: Path) -> None:
    """Read FILE (a .po or .xlf that `translate extract --format po|xliff` wrote, filled in by a
    translator) back into translations/<language>/, the language FILE says it is in (the .po's
    Language header, the .xlf's target-language). A translated unit records the fingerprint
    of the source text it was translated from; a fuzzy one, or one needing review, stays
    stale; an empty one changes nothing. What would not validate is refused, and nothing is
    written then.
    """
    from s3gen.model.translations import texts
    from s3gen.tools.translate import (
        TranslateProblem,
        extract,
        file_language,
        imported,
        read_po_file,
        read_xliff_file,
        refused,
        translation_path,
        write_translations,
    )

    data = file.read_bytes()
    try:
        language = file_language(data, file.name)
        read = read_po_file if file.suffix.lower() == ".po" else read_xliff_file
        units = read(data, file.name)
    except TranslateProblem as exc:
        raise click.ClickException(str(exc)) from exc
    with _editing(strategy_dir):
        checked = _load_checked(strategy_dir)
        strategy = checked.strategy
        assert strategy is not None
        if language not in _listed_translations(checked):
            raise click.ClickException(
                f"{file.name} is a translation into '{language}', which the strategy neither "
                "lists under document.translations in strategy.yaml nor has translations/"
                f"{language}/ for; list it there first"
            )
        unknown = sorted({u.file for u in units} - {t.file for t in texts(strategy)})
        if unknown:
            raise click.ClickException(
                f"{file.name} translates {', '.join(unknown)}, which the strategy does not have"
            )
        files = extract(strategy, imported(checked.translations, language, units), language)
        problems = refused(strategy, language, files, str(strategy_dir))
        if problems:
            raise click.ClickException(
                f"{file.name} holds texts the translation files cannot take, so nothing was "
                "written: "
                + "; ".join(problems[:5])
                + (f" (and {len(problems) - 5} more)" if len(problems) > 5 else "")
            )
        try:
            changed = write_translations(strategy_dir, language, files)
        except TranslateProblem as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(
        f"{language}: read {counted(len(units), 'unit')} from {file.name}; "
        + (f"{counted(changed, 'file')} changed" if changed else "nothing changed")
        + f" in {translation_path(strategy_dir, language, '')}."
    )


def _listed_translations(checked: CheckResult) -> list[str]:
    assert checked.strategy is not None
    return [str(x) for x in checked.strategy.document.translations] + [
        x for x in checked.translations.languages()
    ]


@cli.group(cls=_NewCommands, short_help="Start a region, or add an item to one.")
def new() -> None:
    """Start a region file, or add a skeleton item to a region.

    With `s3gen translate extract` and `import`, the only commands that write into the
    strategy folder. They never overwrite a file; adding
    an item inserts lines and leaves the rest of the file exactly as it was. What they write
    validates; fill in the placeholders (`s3gen validate` warns about each one left) and remove
    `illustrative: true` once sources are cited.
    """


@new.command("region", short_help="Start a region's file (refuses to overwrite).")
@click.argument("region_id")
@click.option("--name", required=True, help="Name of the region in its own language.")
@click.option("--country", required=True, help="ISO 3166-1 alpha-2 country code, e.g. PL.")
@click.option("--nuts", default=None, help="NUTS code, e.g. PL84 (marked unconfirmed).")
@click.option(
    "--group",
    type=click.Choice(["less_developed", "advanced"]),
    default="less_developed",
    show_default=True,
    help="Development group, for peer learning.",
)
@strategy_option
def new_region(
    region_id: str, name: str, country: str, nuts: str | None, group: str, strategy_dir: Path
) -> None:
    """Write REGION_ID.yaml for a new region in the strategy folder's regions/ (refuses to
    overwrite).

    Its first line points editors at the schema in the strategy folder's schema/, when there is
    one (`s3gen schema` writes it).
    """
    from s3gen.tools.scaffold import new_region as write_region
    from s3gen.tools.scaffold import region_schema
    from s3gen.tools.schema import modeline_for

    with _editing(strategy_dir):
        strategy = _load_valid(strategy_dir)
        path, schema_line = write_region(
            strategy, strategy_dir, region_id, name, country, group, nuts
        )
    click.echo(f"Wrote {path}.")
    if not schema_line:
        click.echo(
            f"no schema in {region_schema(strategy_dir).parent}: run "
            f"`{_schema_command(strategy_dir)}` for completion in your editor, then start "
            f"{path} with the line `{modeline_for(f'regions/{path.name}')}`",
            err=True,
        )


def _editing(strategy_dir: Path) -> AbstractContextManager[None]:
    # One `s3gen new` (or `s3gen migrate`) at a time reads and writes a strategy: the strategy
    # is loaded and the file written under the same lock, so a second one sees the first's item.
    from s3gen.tools.region_file import editing

    def waiting() -> None:
        click.echo("Waiting for another `s3gen new` on this strategy to finish...", err=True)

    return editing(strategy_dir, waiting)


def _new_item_command(kind: str) -> click.Command:
    @click.command(kind, help=f"Append a skeleton {kind.replace('-', ' ')} to a region's file.")
    @click.option("--region", "region_id", required=True, help="Id of the region.")
    @click.option("--id", "item_id", default=None, help="Id of the new item (default: generated).")
    @click.option("--title", default="", help="Its title (or topic).")
    @strategy_option
    def command(region_id: str, item_id: str | None, title: str, strategy_dir: Path) -> None:
        from s3gen.tools.scaffold import new_item

        with _editing(strategy_dir):
            strategy = _load_valid(strategy_dir)
            path, new_id, line = new_item(strategy, strategy_dir, kind, region_id, item_id, title)
        click.echo(f"Added {kind} '{new_id}' to {path} at line {line}.")

    return command


def _terminate(signum: int, frame: object) -> None:
    # SIGTERM (CI cancelling a job, `kill`) unwinds like Ctrl+C: a file being written is removed
    # and the previous output stays.
    raise SystemExit(128 + signum)


def main() -> None:
    """Entry point of the ``s3gen`` console script."""
    signal.signal(signal.SIGTERM, _terminate)
    # A command runs once and exits. The strategy becomes hundreds of thousands of small objects
    # without reference cycles, and the cyclic garbage collector's repeated scans of them cost
    # about a third of validation time at 1000 regions: switch it off (serve switches it on).
    gc.disable()
    cli.main(prog_name="s3gen")
