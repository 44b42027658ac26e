"""The build pipeline of every output: a valid strategy -> analysis -> view -> HTML, open data
and PDF; whether the PDF must be laid out again; the order of the writes.

The commands call `build_html` and `build_pdf` and print what they return. No output is written
until everything that can fail has: the PDF first, then the page and its open data, so that a
failed build leaves the previous outputs in place (only the debugging copy of the printed page,
`--print-html`, is written before the layout, so that a failing layout can be looked at).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from s3gen import model
from s3gen.analyse import analyse
from s3gen.background import Background, worth_forking
from s3gen.documents import Document, Outcome, Version, later, lay_out_all, ready
from s3gen.edition import NO_COVERAGE, Coverage, Edition, edition
from s3gen.errors import S3genError
from s3gen.model.formats import MEDIA_TYPES
from s3gen.model.kinds import DATA_FILES, DATA_FOLDER
from s3gen.model.walk import field_specs, nested_items
from s3gen.output import check_writable, refuse_unless_regular_file, write_atomic
from s3gen.progress import SILENT, Progress
from s3gen.provenance import creation_date, git_commit
from s3gen.report.html import DEFAULT_TEMPLATES, PAGE, TemplateProblem, render_html, write_html
from s3gen.report.view import Alternate, ReportView, _Builder, build_views
from s3gen.report.wording import autonym

if TYPE_CHECKING:  # WeasyPrint is imported only on the PDF path
    from s3gen.report.pdf import PdfResult
    from s3gen.report.pdf_key import Inputs, PrintKey
from s3gen.model.translations import language_name
from s3gen.source.images import LARGEST_FILE, NotAnImage, image_format
from s3gen.source.load import Refused, read_named_file
from s3gen.source.translations import NONE as NO_TRANSLATIONS
from s3gen.source.translations import Translations
from s3gen.tools.export import export_texts, write_texts


class BuildProblem(S3genError):
    """An output could not be built; the message says which and why."""


class MissingRenderer(S3genError):
    """`s3gen pdf` where WeasyPrint (the `pdf` extra) is not installed, or where the system
    library it lays text out with (Pango) cannot be loaded: what to install, in one line."""


# WeasyPrint and the PDF writer s3gen patches: the `pdf` extra of the distribution. The other
# commands need neither; only `report/pdf.py` imports them.
PDF_PACKAGES = ("weasyprint", "pydyf")
INSTALL_PDF = "pip install 's3gen[pdf]' (or pipx install --force 's3gen[pdf]')"
INSTALL_PANGO = "apt-get install libpango-1.0-0 libpangoft2-1.0-0"
_LIBRARY = "cannot load library '"


def _not_installed(package: str) -> str:
    if package == "weasyprint":
        return f"s3gen pdf needs WeasyPrint, which is not installed here: {INSTALL_PDF}"
    return f"s3gen pdf needs WeasyPrint and {package}, which is not installed here: {INSTALL_PDF}"


def check_pdf_renderer() -> None:
    """Before any work: fail when a package of the `pdf` extra is not installed. Looked up
    without importing it (WeasyPrint takes most of a second to import); whether WeasyPrint
    finds Pango is known only when it is imported, by `build_pdf`."""
    for package in PDF_PACKAGES:
        if importlib.util.find_spec(package) is None:
            raise MissingRenderer(_not_installed(package))


@contextlib.contextmanager
def _importing_the_renderer() -> Iterator[None]:
    """Around the import of `report/pdf.py`: a package that is missing, or a system library
    WeasyPrint cannot load (it raises OSError at import, after printing a paragraph of advice on
    stdout, which is held back here), becomes one line saying what to install."""
    held = io.StringIO()
    try:
        with contextlib.redirect_stdout(held):
            yield
    except ModuleNotFoundError as exc:
        package = (exc.name or "").partition(".")[0]
        if not package or package == "s3gen":
            raise
        raise MissingRenderer(_not_installed(package)) from exc
    except OSError as exc:
        # cffi says "cannot load library 'libpango-1.0-0': ..."; read without a pattern, which
        # would be searched again from every position of a long message.
        _, marker, rest = str(exc).partition(_LIBRARY)
        if not marker:  # not a library that failed to load: say what did fail
            raise MissingRenderer(f"s3gen pdf could not start WeasyPrint: {exc}") from exc
        library = rest.partition("'")[0]
        raise MissingRenderer(
            "s3gen pdf needs the Pango library, which WeasyPrint could not load "
            f"({library}): on Debian or Ubuntu, {INSTALL_PANGO}"
        ) from exc
    sys.stdout.write(held.getvalue())


@dataclass(frozen=True)
class BuildResult:
    html: Path  # the page written
    html_bytes: int
    open_data: tuple[Path, ...]  # the open-data files written beside it
    pdf: Path | None = None  # the PDF (written, or left as it was when up to date)
    laid_out: bool = False  # whether the PDF was laid out in this build
    pages: int | None = None  # when laid out
    strict: bool = True
    warnings: tuple[str, ...] = ()  # what a build that is not strict let through
    summary: Path | None = None  # the summary edition's PDF
    summary_laid_out: bool = False
    factsheets: tuple[Outcome, ...] = ()  # each region's, when built
    language: str = ""  # the edition's
    coverage: Coverage = NO_COVERAGE  # how much of it is translated (none for the source)


def report_view(
    strategy: model.Strategy, strategy_dir: Path, editor_notes: bool = False
) -> ReportView:
    """The view model of the report for a valid strategy (its Markdown rendered on two cores
    when the strategy is large); with ``editor_notes`` (the preview), the editors' notes too."""
    return report_views(strategy, strategy_dir, editor_notes)[0]


def report_views(
    strategy: model.Strategy,
    strategy_dir: Path,
    editor_notes: bool = False,
    edition: Edition | None = None,
    others: Sequence[Edition] = (),
) -> tuple[ReportView, _Builder]:
    """The report's view model and the builder that made it (for the factsheets); of
    ``edition`` when given, linking to the ``others`` built with it."""
    parallel = worth_forking(len(strategy.regions))
    commit = git_commit(strategy_dir)
    logos = _logos(strategy, strategy_dir)
    if edition is None:
        return build_views(strategy, analyse(strategy), commit, parallel, editor_notes, logos)
    alternates = tuple(
        Alternate(o.language, autonym(o.language), _href(edition, o))
        for o in others
        if o is not edition
    )
    coverage = None if edition.source else edition.coverage
    printed = edition.strategy
    return build_views(
        printed, analyse(printed), commit, parallel, editor_notes, logos, coverage, alternates
    )


def _href(edition: Edition, other: Edition) -> str:
    """The address of ``other``'s page from ``edition``'s: the source edition's folder holds
    one folder per other language."""
    up = "" if edition.source else "../"
    return f"{up}{PAGE}" if other.source else f"{up}{other.language}/{PAGE}"


FACTSHEETS = "factsheets"  # the factsheets' PDFs: a folder inside the report's
SUMMARY_PAGE = "summary.html"  # the summary edition's page, beside the report's


def summary_page(
    builder: _Builder, report: ReportView, templates: Path | None, report_href: str | None
) -> str:
    """The summary edition: the executive summary on its own, its links going to the report
    at ``report_href`` (or nowhere when None), with the sources it cites."""
    from s3gen.report.factsheet import cited_sources

    builder.local, builder.outside = (
        frozenset(),
        (None if report_href is None else f"{report_href}#"),
    )
    try:
        view = builder.build(report.commit)
    finally:
        builder.local, builder.outside = None, None
    html = render_html(view, templates, SUMMARY_PAGE, report_href=report_href, sources=())
    cited = cited_sources(html)
    sources = tuple(s for s in report.sources if s.anchor in cited)
    return render_html(view, templates, SUMMARY_PAGE, report_href=report_href, sources=sources)


def region_commits(strategy: model.Strategy, strategy_dir: Path) -> dict[str, str]:
    """The last commit of each region's own file, by region id (see `git_commit`)."""
    regions_dir = strategy_dir / "regions"
    return {str(r.id): git_commit(regions_dir, f"{r.id}.yaml") for r in strategy.regions}


def html_pages(
    builder: _Builder,
    view: ReportView,
    commits: dict[str, str],
    templates: Path | None,
    html_dir: Path,
    *,
    summary: bool = True,
) -> dict[Path, bytes]:
    """The pages beside the report, by the file each is written to: each region's factsheet
    (`regions/<id>.html`, which the report's region profiles link to) and (with ``summary``)
    the summary edition's."""
    from s3gen.report.factsheet import (
        FOLDER,
        REPORT_FROM_FOLDER,
        factsheet,
        profiles_ref,
        with_sources,
    )

    pages = {}
    for region in builder.s.regions:
        commit = commits[str(region.id)]
        screen = factsheet(builder, region, commit, REPORT_FROM_FOLDER, profiles_ref(view))
        html = render_html(screen, templates, "factsheet.html")
        html = render_html(with_sources(screen, html, view.sources), templates, "factsheet.html")
        pages[html_dir / FOLDER / f"{region.id}.html"] = html.encode("utf-8")
    if summary:
        pages[html_dir / SUMMARY_PAGE] = summary_page(builder, view, templates, PAGE).encode()
    return pages


def write_pages(pages: dict[Path, bytes]) -> None:
    """Write each page (atomically); one that holds the same already is left alone."""
    for path, data in pages.items():
        _write_if_changed(path, data)


def _logos(strategy: model.Strategy, strategy_dir: Path) -> dict[str, tuple[str, bytes]]:
    """The content of each logo file of the funder block, read with the loader's guards (no
    link out of the folder, no pipe, at most the size validation allows); validation checked
    each is an image, and a file changed since is refused here or judged again."""
    found: dict[str, tuple[str, bytes]] = {}
    for logo in strategy.funding.logos if strategy.funding else ():
        data = read_named_file(
            strategy_dir, logo.file, LARGEST_FILE, missing="logo-missing", too_large="logo-invalid"
        )
        if isinstance(data, Refused):
            raise BuildProblem(f"the logo {logo.file!r} cannot be used: {data.message}")
        try:
            found[logo.file] = (MEDIA_TYPES[image_format(data)], data)
        except NotAnImage as exc:
            raise BuildProblem(f"the logo {logo.file!r} cannot be used: {exc}") from exc
    return found


def report_html(
    strategy: model.Strategy, strategy_dir: Path, templates: Path | None, editor_notes: bool = False
) -> str:
    """The HTML of the report for a valid strategy; ``editor_notes`` only for the preview."""
    return _render(report_view(strategy, strategy_dir, editor_notes), templates)


def _render(view: ReportView, templates: Path | None) -> str:
    try:
        return render_html(view, templates)
    except TemplateProblem as exc:
        raise BuildProblem(f"the report could not be rendered: {exc}") from exc


def open_data_in_background(strategy: model.Strategy) -> Background[dict[str, str]]:
    """The open-data files of the report, computed on a second core for a large strategy
    while the template is rendered (and the PDF laid out): started once the view is built, so
    that it does not compete with the Markdown for the two cores. The caller writes them once
    the build succeeded."""
    return Background(lambda: export_texts(strategy), fork=worth_forking(len(strategy.regions)))


def build_html(
    strategy: model.Strategy, strategy_dir: Path, templates: Path | None, out_dir: Path
) -> BuildResult:
    """Write ``out_dir/index.html`` and its open data (``out_dir/data/``)."""
    return build_html_editions(strategy, strategy_dir, templates, out_dir)[0]


def build_html_editions(
    strategy: model.Strategy,
    strategy_dir: Path,
    templates: Path | None,
    out_dir: Path,
    translations: Translations = NO_TRANSLATIONS,
    languages: Sequence[str] = (),
) -> list[BuildResult]:
    """Write the HTML edition in each of ``languages`` (the source language's alone when none
    is given): the source edition's into ``out_dir``, the others' into ``out_dir/<language>``,
    each page with its open data and factsheet pages."""
    editions = _editions(strategy, translations, languages)
    for e in editions:
        _check_outputs(_html_folder(e, out_dir))
    commits = region_commits(strategy, strategy_dir)
    results = []
    for e in editions:
        folder = _html_folder(e, out_dir)
        view, builder = report_views(e.strategy, strategy_dir, edition=e, others=editions)
        with open_data_in_background(strategy) as open_data:
            page = _render(view, templates)
            target = write_html(page, folder)
            written = write_texts(open_data.result(), folder / DATA_FOLDER)
        write_pages(html_pages(builder, view, commits, templates, folder))
        results.append(
            BuildResult(
                target,
                len(page.encode("utf-8")),
                tuple(written),
                language=e.language,
                coverage=e.coverage,
            )
        )
    return results


def _editions(
    strategy: model.Strategy, translations: Translations, languages: Sequence[str]
) -> list[Edition]:
    """The editions asked for, each once, in the order given; the source language's alone when
    none is."""
    asked = list(dict.fromkeys(languages)) or [strategy.document.language]
    return [edition(strategy, translations, language) for language in asked]


def _html_folder(e: Edition, out_dir: Path) -> Path:
    """Where an edition's HTML goes: the source edition's in the folder, the others' in a
    folder per language beside its page."""
    return out_dir if e.source else out_dir / e.language


def _check_outputs(
    html_dir: Path, *, folders: tuple[Path, ...] = (), files: tuple[Path, ...] = ()
) -> None:
    """Before any work: every folder the build writes into can be written (a folder before
    the folders in it, so that the error names the one given on the command line), and every
    file it writes is missing or a regular file (a named pipe would block the build, a link or
    a folder would be refused only after the layout)."""
    for folder in (*folders, html_dir, html_dir / DATA_FOLDER):
        check_writable(folder)
    for file in (*files, html_dir / PAGE, *(html_dir / DATA_FOLDER / n for n in DATA_FILES)):
        refuse_unless_regular_file(file)


def pdf_target(strategy: model.Strategy, out_dir: Path, language: str | None = None) -> Path:
    """Where the PDF of ``strategy`` goes: ``out_dir/<document id>-<version>.pdf``, or
    ``...-<language>.pdf`` for an edition in another language than the source's."""
    doc = strategy.document
    suffix = f"-{language}" if language else ""
    target = out_dir / f"{doc.id}-{doc.version}{suffix}.pdf"
    # id and version are checked names; be sure (the name itself, not where a link at it leads:
    # that is refused with the other outputs)
    if target.absolute().parent != out_dir.absolute():
        raise BuildProblem(f"refusing to write {target} outside {out_dir}")
    return target


def locate_characters(strategy: model.Strategy, chars: set[str]) -> dict[str, str]:
    """Where each of ``chars`` is first written in the strategy files, as
    ``file:line:column: path.field`` (the start of the field's value). One pass over the text of
    every field, stopping once all are found: linear in the size of the strategy."""
    places: dict[str, str] = {}
    for item in nested_items(strategy):
        origin = getattr(item, "origin", None)
        if origin is None:
            continue
        cls: type = type(item)
        for spec in field_specs(cls):
            value = getattr(item, spec.name)
            texts = value if isinstance(value, tuple) else (value,)
            for text in texts:
                if not isinstance(text, str):
                    continue
                for char in chars.intersection(text):
                    if char not in places:
                        line, column = origin.at(spec.name)
                        field = f"{origin.path}.{spec.name}" if origin.path else spec.name
                        places[char] = f"{origin.file}:{line}:{column}: {field}"
            if len(places) == len(chars):
                return places
    return places


def build_pdf(
    strategy: model.Strategy,
    strategy_dir: Path,
    templates: Path | None,
    out_dir: Path,
    html_dir: Path,
    *,
    variant: str,
    strict: bool = True,
    force: bool = False,
    factsheets: bool = True,
    print_html: Path | None = None,
    progress: Progress = SILENT,
) -> BuildResult:
    """Write the PDF, its summary edition and (with ``factsheets``) each region's factsheet,
    each laid out only when what it is printed from changed since the existing one was built
    (or with ``force``), side by side; then the HTML edition and its open data."""
    return build_pdf_editions(
        strategy,
        strategy_dir,
        templates,
        out_dir,
        html_dir,
        variant=variant,
        strict=strict,
        force=force,
        factsheets=factsheets,
        print_html=print_html,
        progress=progress,
    )[0]


_LONGEST_FIRST = ("report", "summary", "factsheet")  # the kinds of document


@dataclass
class _EditionBuild:
    """What one edition's PDFs are printed from, and where they and its HTML go."""

    edition: Edition
    view: ReportView
    builder: _Builder
    page: str
    html_dir: Path
    target: Path
    summary: Path
    documents: list[Document]


def build_pdf_editions(
    strategy: model.Strategy,
    strategy_dir: Path,
    templates: Path | None,
    out_dir: Path,
    html_dir: Path,
    *,
    variant: str,
    strict: bool = True,
    force: bool = False,
    factsheets: bool = True,
    print_html: Path | None = None,
    progress: Progress = SILENT,
    translations: Translations = NO_TRANSLATIONS,
    languages: Sequence[str] = (),
) -> list[BuildResult]:
    """`build_pdf` for the edition in each of ``languages`` (the source language's alone when
    none is given): every document of every edition is laid out by the same workers, side by
    side. The source edition keeps its names; another's PDFs are ``<id>-<version>-<lang>.pdf``,
    ``<id>-<version>-summary-<lang>.pdf`` and ``factsheets/<lang>/<region>.pdf``, its HTML in
    ``<html>/<lang>/``."""
    from s3gen.report.pdf_key import print_page, read_inputs

    created = creation_date(strategy.document.publication_date)  # SOURCE_DATE_EPOCH checked
    editions = _editions(strategy, translations, languages)
    extra = (print_html,) if print_html is not None else ()
    for e in editions:
        suffix = None if e.source else e.language
        sheets = (_factsheet_folder(e, out_dir),) if factsheets else ()
        _check_outputs(
            _html_folder(e, html_dir),
            folders=(out_dir, *sheets, *(p.parent for p in extra)),
            files=(pdf_target(strategy, out_dir, suffix), *extra),
        )
    progress.step("analysing and rendering the HTML")
    commits = region_commits(strategy, strategy_dir)
    with open_data_in_background(strategy) as open_data:
        views = [
            report_views(e.strategy, strategy_dir, edition=e, others=editions) for e in editions
        ]
        pages_printed = [_render(view, templates) for view, _ in views]
        open_files = open_data.result()  # before the layout: the child holds a heap copy
    folders = [t for t in (templates, DEFAULT_TEMPLATES) if t is not None]
    allowed = [*folders, strategy_dir]
    outputs = [out_dir, html_dir]
    inputs = read_inputs(allowed, variant, outputs)  # once for every document
    builds: list[_EditionBuild] = []
    for e, (view, builder), page in zip(editions, views, pages_printed, strict=True):
        target = pdf_target(strategy, out_dir, None if e.source else e.language)
        printed = print_page(page, created)
        if print_html is not None and not builds:  # the exact page WeasyPrint lays out
            write_atomic(print_html, printed.encode("utf-8"))
        summary = out_dir / (
            f"{target.stem}-summary.pdf"
            if e.source
            else f"{target.stem.removesuffix('-' + e.language)}-summary-{e.language}.pdf"
        )
        printed_summary = print_page(
            summary_page(builder, view, templates, e.strategy.document.url), created
        )
        what = "" if len(editions) == 1 else f" in {language_name(e.language)}"
        documents = [
            Document(
                f"the report{what}",
                "report",
                target,
                (ready(Version(printed, inputs.key(printed))),),
            ),
            Document(
                f"the summary edition{what}",
                "summary",
                summary,
                (ready(Version(printed_summary, inputs.key(printed_summary))),),
            ),
        ]
        if factsheets:
            documents += _factsheet_documents(
                builder, view, commits, templates, _factsheet_folder(e, out_dir), created, inputs
            )
        builds.append(
            _EditionBuild(
                e, view, builder, page, _html_folder(e, html_dir), target, summary, documents
            )
        )
    renderer = functools.cache(lambda: _layout(strategy, folders, allowed, variant, strict))
    pages: dict[Path, bytes] = {}

    def meanwhile() -> None:
        for b in builds:
            pages.update(html_pages(b.builder, b.view, commits, templates, b.html_dir))

    # The longest first, whichever edition they are of: every report, then the summaries, then
    # the factsheets, so that the short ones fill the other cores at the end.
    longest_first = sorted(
        (d for b in builds for d in b.documents), key=lambda d: _LONGEST_FIRST.index(d.kind)
    )
    laid_out = lay_out_all(
        longest_first,
        renderer,
        check=strict and not force,
        progress=progress,
        meanwhile=meanwhile,
    )
    outcomes = {id(o.document): o for o in laid_out}
    results = []
    for b in builds:
        report, summarised, *sheet_outcomes = [outcomes[id(d)] for d in b.documents]
        key = b.documents[0].versions[0]().key
        warnings: tuple[str, ...] = (key.unknown,) if key.unknown else ()
        warnings += tuple(
            w for outcome in (report, summarised, *sheet_outcomes) for w in outcome.warnings
        )
        html_target = write_html(b.page, b.html_dir)
        written = write_texts(open_files, b.html_dir / DATA_FOLDER)
        results.append(
            BuildResult(
                html_target,
                len(b.page.encode("utf-8")),
                tuple(written),
                pdf=b.target,
                laid_out=report.laid_out,
                pages=report.pages,
                strict=strict,
                warnings=warnings,
                summary=b.summary,
                summary_laid_out=summarised.laid_out,
                factsheets=tuple(sheet_outcomes),
                language=b.edition.language,
                coverage=b.edition.coverage,
            )
        )
    write_pages(pages)
    return results


def _factsheet_folder(e: Edition, out_dir: Path) -> Path:
    """Where an edition's factsheets go: the source edition's in factsheets/, the others' in
    factsheets/<language>/."""
    return out_dir / FACTSHEETS if e.source else out_dir / FACTSHEETS / e.language


def _write_if_changed(path: Path, data: bytes) -> None:
    """Write ``path`` (atomically) unless it holds ``data`` already: an unchanged document keeps
    its file, inode and time."""
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return
    except OSError:
        pass
    write_atomic(path, data)


def _layout(
    strategy: model.Strategy, folders: list[Path], allowed: list[Path], variant: str, strict: bool
) -> Callable[..., PdfResult]:
    """How every document of one build is laid out: ``lay_out(what, page, target, key)``
    writes the PDF, or raises a BuildProblem that names ``what`` was not written."""
    with _importing_the_renderer():
        from s3gen.report.pdf import PdfProblem, render_pdf

    def lay_out(
        what: str,
        printed: str,
        target: Path,
        key: PrintKey,
        progress: Callable[[str], None] = lambda _: None,
    ) -> PdfResult:
        try:
            return render_pdf(
                printed,
                target,
                folders,
                allowed=allowed,
                key=key,
                variant=variant,
                strict=strict,
                progress=progress,
                locate=lambda chars: locate_characters(strategy, chars),
            )
        except PdfProblem as exc:
            raise BuildProblem(f"{what} was not written: {exc}") from exc

    return lay_out


def _factsheet_documents(
    builder: _Builder,
    view: ReportView,
    commits: dict[str, str],
    templates: Path | None,
    folder: Path,
    created: Any,
    inputs: Inputs,
) -> list[Document]:
    """Each region's factsheet as printed, at each length (the longest first), each made when
    first needed: a PDF of any of them is up to date, since a long region's factsheet was laid
    out at a shorter one."""
    from s3gen.report.factsheet import (
        MOST_PAGES,
        SHOWN_LEVELS,
        factsheet,
        profiles_ref,
        with_sources,
    )
    from s3gen.report.pdf_key import print_page

    url = builder.s.document.url
    outside = f"{url}#" if url else None
    profiles = profiles_ref(view)

    def version(region: model.Region, most: dict[str, int]) -> Version:
        commit = commits[str(region.id)]
        printed_view = factsheet(builder, region, commit, outside, profiles, most)
        html = render_html(printed_view, templates, "factsheet.html")
        html = render_html(
            with_sources(printed_view, html, view.sources), templates, "factsheet.html"
        )
        printed = print_page(html, created)
        shortened = f"with {most['priorities']} items of each list at most"
        return Version(printed, inputs.key(printed), shortened)

    return [
        Document(
            f"the factsheet of {region.name}",
            "factsheet",
            folder / f"{region.id}.pdf",
            tuple(later(functools.partial(version, region, most)) for most in SHOWN_LEVELS),
            MOST_PAGES,
        )
        for region in builder.s.regions
    ]


@dataclass(frozen=True)
class FactsheetResult:
    pdfs: tuple[Path, ...]  # one per region, in the order of the regions
    pages: tuple[Path, ...]  # the HTML pages
    laid_out: tuple[Path, ...]  # the PDFs laid out in this run (the others were up to date)
    warnings: tuple[str, ...]


def build_factsheets(
    strategy: model.Strategy,
    strategy_dir: Path,
    templates: Path | None,
    pdf_dir: Path,
    html_dir: Path,
    *,
    variant: str,
    strict: bool = True,
    force: bool = False,
    progress: Progress = SILENT,
) -> FactsheetResult:
    """Each region's factsheet alone (`s3gen pdf` writes them too, with the report):
    build/pdf/factsheets/<id>.pdf and build/html/regions/<id>.html. A PDF whose key equals the
    one stored in it is left as it is: after an edit of one region file, only the factsheets
    that print it are laid out again."""
    from s3gen.report.factsheet import FOLDER
    from s3gen.report.pdf_key import read_inputs

    created = creation_date(strategy.document.publication_date)
    folder = pdf_dir / FACTSHEETS
    _check_outputs(html_dir / FOLDER, folders=(folder,), files=())
    progress.step("analysing the strategy for the factsheets")
    view, builder = report_views(strategy, strategy_dir)
    commits = region_commits(strategy, strategy_dir)
    folders = [t for t in (templates, DEFAULT_TEMPLATES) if t is not None]
    allowed = [*folders, strategy_dir]
    inputs = read_inputs(allowed, variant, [pdf_dir, html_dir])
    documents = _factsheet_documents(builder, view, commits, templates, folder, created, inputs)
    renderer = functools.cache(lambda: _layout(strategy, folders, allowed, variant, strict))
    pages: dict[Path, bytes] = {}
    outcomes = lay_out_all(
        documents,
        renderer,
        check=strict and not force,
        progress=progress,
        meanwhile=lambda: pages.update(
            html_pages(builder, view, commits, templates, html_dir, summary=False)
        ),
    )
    write_pages(pages)
    return FactsheetResult(
        tuple(d.target for d in documents),
        tuple(pages),
        tuple(o.document.target for o in outcomes if o.laid_out),
        tuple(w for o in outcomes for w in o.warnings),
    )
