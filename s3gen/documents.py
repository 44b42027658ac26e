"""The documents one build lays out (the report, its summary edition, each region's
factsheet), each laid out only when what it is printed from changed, and side by side.

Each document keeps its own up-to-date key, the digest of its page as printed and of what the
layout reads (`report/pdf_key.py`), stored in the PDF itself: after an edit of one region file,
only the documents that print what changed are laid out again, and the others keep their file
(same inode and time). A factsheet has several versions, each printing fewer items of its
lists: the first that fits on its pages is kept, and a PDF of any of them is up to date.

A version is made (its page rendered, its key computed) when it is first needed: to decide
whether an existing PDF is up to date, in this process, as far as the first that matches; else
in the worker that lays the document out, so that rendering 200 factsheets is shared out too.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from s3gen.background import cores
from s3gen.progress import Progress
from s3gen.side_by_side import run_all
from s3gen.words import counted, listed

if TYPE_CHECKING:
    from s3gen.report.pdf import PdfResult
    from s3gen.report.pdf_key import PrintKey

# lay_out(what, page as printed, target, key): writes the PDF, or raises a BuildProblem.
LayOut = Callable[[str, str, Path, "PrintKey"], "PdfResult"]


@dataclass(frozen=True)
class Version:
    printed: str  # the page as WeasyPrint lays it out
    key: PrintKey
    shortened: str = ""  # how it was shortened, for the warning when even it does not fit


@dataclass(frozen=True)
class Document:
    what: str  # in messages: "the PDF", "the factsheet of Vidzeme"
    kind: str  # counted in the progress: "report", "summary", "factsheet"
    target: Path
    # Each makes one version, once (see `later`): the one to print first, first; only a
    # factsheet has more.
    versions: tuple[Callable[[], Version], ...]
    most_pages: int | None = None  # the first version with at most so many pages is kept

    def up_to_date(self, stored: str | None) -> bool:
        """Whether a PDF whose key is ``stored`` is this document as it would be laid out
        (making its versions only as far as the one that matches)."""
        return stored is not None and any(make().key.digest == stored for make in self.versions)


def ready(version: Version) -> Callable[[], Version]:
    """A version made already."""
    return lambda: version


def later(make: Callable[[], Version]) -> Callable[[], Version]:
    """A version made by ``make()`` when it is first needed, and kept: a worker forked after
    the up-to-date check inherits what the check made."""
    return functools.cache(make)


@dataclass(frozen=True)
class Outcome:
    document: Document
    laid_out: bool  # False: the existing PDF was up to date and left as it was
    pages: int | None = None  # when laid out
    warnings: tuple[str, ...] = ()  # what a build that is not strict let through, and overlong


def lay_out_all(
    documents: Sequence[Document],
    renderer: Callable[[], LayOut],
    *,
    check: bool,
    progress: Progress,
    meanwhile: Callable[[], object] = lambda: None,
) -> list[Outcome]:
    """Lay out every document that is not up to date (every one unless ``check``), the first
    given first: the longest, so that the others fill the other cores meanwhile. ``renderer()``
    imports WeasyPrint once, before the workers fork: they share it. ``meanwhile()`` is done
    here while the workers lay out (this process would only wait for them)."""
    from s3gen.report.pdf_key import pdf_key

    if check:
        progress.step(
            f"checking whether {documents[0].what} is up to date"
            if len(documents) == 1
            else f"checking which of the {len(documents)} documents are up to date"
        )
    todo = [d for d in documents if not (check and d.up_to_date(pdf_key(d.target)))]
    outcomes = {id(d): Outcome(d, laid_out=False) for d in documents}
    if todo:
        progress.step("importing WeasyPrint")
        lay_out = renderer()
        workers = min(cores(), len(todo))
        progress.step(
            f"laying out {_listing(todo)}" + (f", {workers} at a time" if workers > 1 else "")
        )

        def done(k: int, n: int, index: int) -> None:
            progress.count(k, n, f"laid out {k} of {n} documents ({todo[index].what})")

        # A worker sends back its pages and warnings only, not the document it was given.
        jobs = [functools.partial(_lay_out_one, d, lay_out) for d in todo]
        laid_out = run_all(jobs, done, meanwhile)
        for document, (pages, warnings) in zip(todo, laid_out, strict=True):
            outcomes[id(document)] = Outcome(document, True, pages, warnings)
    else:
        meanwhile()
    return [outcomes[id(d)] for d in documents]


def _lay_out_one(document: Document, lay_out: LayOut) -> tuple[int, tuple[str, ...]]:
    """The document at its first version that fits on its pages (or its shortest): its pages
    and warnings."""
    for make in document.versions:
        version = make()
        result = lay_out(document.what, version.printed, document.target, version.key)
        if document.most_pages is None or result.pages <= document.most_pages:
            break
    warnings = tuple(result.warnings)
    if document.most_pages is not None and result.pages > document.most_pages:
        overlong = (
            f"{document.what} has {result.pages} pages, more than {document.most_pages}, "
            f"{version.shortened}"
        )
        warnings = (*warnings, overlong)
    return result.pages, warnings


def _listing(documents: Sequence[Document]) -> str:
    """ "the PDF, the summary edition and 10 factsheets": what is laid out, in short."""
    kinds: dict[str, list[Document]] = {}
    for document in documents:
        kinds.setdefault(document.kind, []).append(document)
    parts = [
        group[0].what if len(group) == 1 else counted(len(group), kind)
        for kind, group in kinds.items()
    ]
    return listed(parts)
