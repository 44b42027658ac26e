"""Page-break quality of a published PDF: pages left nearly empty, tables split into scraps,
headings stranded at the foot of a page. Each problem is a sentence that names its page.

The three rules (issue 17):

- Fill. A page's fill is the height its content spans within the body (the page minus its top
  and bottom 9 %, where the running heads and footers are) over the body's height. More than
  two pages under a quarter full, not counting the first (cover) and the last (back cover), is
  a problem; two are allowed, for chapter or annex endings.
- Tables. Where a table is split across pages, each page holds at least three of its rows; one
  or two rows at the top of the next page or at the foot of the previous one (the totals row
  alone, say) is a problem. A table of one or two rows on one page is fine.
- Headings. A heading is never the last thing on a page (the last page excepted).

Fill is measured, as the issue defines it, on the words: ``pdftotext -bbox`` gives each word's
box, and a page's fill is the span from the top of its highest word to the foot of its lowest
within the body, over the body's height. A page holding a figure counts the span of its labels
(the report's charts are labelled from top to bottom); a drawing without a word counts as empty.
As a span, a line at the top and one at the foot make a full page.

Table rows and headings come from the PDF's structure tree (PDF/UA), walked with pypdf in its
reading order: every marked-content id (MCID) a struct element holds, with the page it is on
(``/Pg`` of the element, of an ``/MCR``, or inherited from an ancestor). What WeasyPrint (70)
writes shapes the rules:

- It builds the tree page by page: an element split across pages becomes one struct element
  per page, each with ``/Pg`` of its own page. A table split across three pages is three
  ``/Table`` elements, and the ``/THead`` (and ``/TFoot``) repeated on each page are struct
  elements again, not artifacts. The first holds the ``/Caption``. So the pieces are joined
  here: a ``/Table`` that starts a page, has no caption and has as many cells in its first row
  as the ``/Table`` that ended the page before continues that table.
- A row belongs to the table of its nearest ``/Table`` ancestor, and stands on each page its
  content is on. Header rows (``/THead``) are not counted, since they repeat; footer rows
  (``/TFoot``) count only on the table's last page, where they belong. A row that WeasyPrint
  splits across pages (the report's rows avoid that) is two rows, one on each page.
- The running heads and footers (page margin boxes) are left out of the tree, so the last
  content of a page in reading order is the body's: if it lies inside an ``/H1`` to ``/H6``,
  the page ends with a heading.

The text of captions and headings (only for the problems found) comes from pypdf's text
extraction of the page, attributed to the MCID open at the time. The whole check of the 58-page
default PDF takes one to two seconds, most of it pypdf parsing the 9,000 struct elements; the
pages are drawn meanwhile.
"""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from tests.html_checks import require

MARGIN = 0.09  # of the page's height, top and bottom: the running heads and footers
UNDERFULL = 0.25  # a page under a quarter full is nearly empty
UNDERFULL_ALLOWED = 2  # chapter or annex endings
MIN_ROWS = 3  # of a split table, on each of its pages
HEADINGS = frozenset({"H1", "H2", "H3", "H4", "H5", "H6"})
ROW_GROUPS = frozenset({"THead", "TBody", "TFoot"})


@dataclass(eq=False)
class _Element:
    """A struct element: its type (``/S``), its parent, and what it holds in reading order:
    struct elements and marks (page index, MCID)."""

    tag: str
    parent: _Element | None
    kids: list[_Element | tuple[int, int]] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)  # of its marks and its descendants' marks
    first: int = -1  # the index of its first and last mark in reading order, -1 if none
    last: int = -1

    def ancestors(self) -> Iterator[_Element]:
        """This element, then its parent, and so on up to the root."""
        element: _Element | None = self
        while element is not None:
            yield element
            element = element.parent

    def descendants(self, tag: str) -> Iterator[_Element]:
        """The elements of type ``tag`` inside this one, in reading order, not inside another
        element of that type."""
        for kid in self.kids:
            if isinstance(kid, _Element):
                if kid.tag == tag:
                    yield kid
                else:
                    yield from kid.descendants(tag)

    def marks(self) -> Iterator[tuple[int, int]]:
        """Its marks and its descendants', in reading order."""
        for kid in self.kids:
            if isinstance(kid, _Element):
                yield from kid.marks()
            else:
                yield kid


@dataclass(frozen=True)
class _Mark:
    page: int  # index, from 0
    mcid: int
    element: _Element  # the innermost struct element that holds it


class _Tree:
    """The structure tree of a PDF as elements and the reading order of their marks."""

    def __init__(self, reader: pypdf.PdfReader) -> None:
        self.pages: dict[int, int] = {}  # object number of a page -> its index
        for index, page in enumerate(reader.pages):
            if page.indirect_reference is not None:
                self.pages[page.indirect_reference.idnum] = index
        self.marks: list[_Mark] = []
        self.elements: list[_Element] = []  # in reading order of where they start
        found = reader.root_object.get("/StructTreeRoot")
        root = found.get_object() if found is not None else None
        if not isinstance(root, DictionaryObject):
            raise AssertionError("the PDF has no structure tree: is it tagged (PDF/UA)?")
        self.root = _Element("StructTreeRoot", None)
        self._walk(root, self.root, None)

    def _page_of(self, obj: DictionaryObject, inherited: int | None) -> int | None:
        ref = obj.raw_get("/Pg") if "/Pg" in obj else None
        if isinstance(ref, IndirectObject):
            return self.pages.get(ref.idnum, inherited)
        return inherited

    def _mark(self, element: _Element, page: int | None, mcid: int) -> None:
        if page is None:
            return  # content that says not where it is: nothing to judge
        index = len(self.marks)
        self.marks.append(_Mark(page, mcid, element))
        element.kids.append((page, mcid))
        for holder in element.ancestors():
            holder.pages.add(page)
            if holder.first < 0:
                holder.first = index
            holder.last = index

    def _walk(self, obj: DictionaryObject, element: _Element, page: int | None) -> None:
        page = self._page_of(obj, page)
        kids: Any = obj.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            kid = kid.get_object()
            if isinstance(kid, int):  # an MCID on the element's page
                self._mark(element, page, int(kid))
            elif not isinstance(kid, DictionaryObject):
                continue
            elif kid.get("/Type") == "/MCR":
                mcid: Any = kid["/MCID"]
                self._mark(element, self._page_of(kid, page), int(mcid))
            elif kid.get("/Type") == "/OBJR":
                continue  # an annotation (a link's area): not content of the page
            else:
                child = _Element(str(kid.get("/S", "/NonStruct"))[1:], element)
                element.kids.append(child)
                self.elements.append(child)
                self._walk(kid, child, page)


def _marked_text(page: Any, seen: Callable[..., None]) -> None:
    """Call ``seen(mcid, text, cm, tm, font, size)`` for each text drawn on ``page``, with the
    MCID of the marked content it is drawn in (None outside any)."""
    open_ids: list[int | None] = []

    def operator(op: bytes, args: Any, *_: Any) -> None:
        if op == b"BDC":
            props = args[1] if len(args) > 1 else None
            mcid = props.get("/MCID") if isinstance(props, dict) else None
            open_ids.append(int(mcid) if mcid is not None else None)
        elif op == b"BMC":
            open_ids.append(None)
        elif op == b"EMC" and open_ids:
            open_ids.pop()

    def text(value: str, *rest: Any) -> None:
        seen(next((m for m in reversed(open_ids) if m is not None), None), value, *rest)

    page.extract_text(visitor_operand_before=operator, visitor_text=text)


class _Texts:
    """The text of marked content, read from the pages only when a problem needs it."""

    def __init__(self, reader: pypdf.PdfReader) -> None:
        self.reader = reader
        self.pages: dict[int, dict[int, str]] = {}

    def of_page(self, index: int) -> dict[int, str]:
        """The text of each MCID on the page."""
        if index not in self.pages:
            found: dict[int, list[str]] = {}

            def text(mcid: int | None, value: str, *_: Any) -> None:
                if mcid is not None and value:
                    found.setdefault(mcid, []).append(value)

            _marked_text(self.reader.pages[index], text)
            self.pages[index] = {m: "".join(parts) for m, parts in found.items()}
        return self.pages[index]

    def of(self, marks: Iterable[tuple[int, int]]) -> str:
        """The text of these marks (page index, MCID), its white space collapsed."""
        parts = [self.of_page(page).get(mcid, "") for page, mcid in marks]
        return " ".join(" ".join(parts).split())


def _shortened(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- fill -----------------------------------------------------------------------------------


def _words(pdf: Path) -> subprocess.Popen[str]:
    """Start listing the word boxes of every page of ``pdf`` (XHTML on stdout)."""
    args = [require("pdftotext"), "-bbox", "-enc", "UTF-8", str(pdf), "-"]
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _fill_of_page(page: ET.Element) -> float:
    height = float(page.attrib["height"])
    top, bottom = height * MARGIN, height * (1 - MARGIN)
    spans = [
        (max(float(w.attrib["yMin"]), top), min(float(w.attrib["yMax"]), bottom))
        for w in page
        if w.tag.endswith("word") and (w.text or "").strip()
    ]
    inside = [(a, b) for a, b in spans if b > a]
    if not inside:
        return 0.0
    return (max(b for _, b in inside) - min(a for a, _ in inside)) / (bottom - top)


def _fills(words: subprocess.Popen[str]) -> list[float]:
    out, err = words.communicate(timeout=120)
    assert words.returncode == 0, f"pdftotext failed: {err}"
    root = ET.fromstring(out)
    return [_fill_of_page(page) for page in root.iter() if page.tag.endswith("page")]


def page_fills(pdf: Path) -> list[float]:
    """The fill of each page of ``pdf``, from 0 (an empty body) to 1."""
    return _fills(_words(pdf))


def _fill_problems(fills: list[float]) -> list[tuple[int, str]]:
    inner = range(2, len(fills))  # page numbers, the first and last left out
    underfull = [n for n in inner if fills[n - 1] < UNDERFULL]
    if len(underfull) <= UNDERFULL_ALLOWED:
        return []
    listed = ", ".join(str(n) for n in underfull)
    return [
        (
            n,
            f"page {n}: only {fills[n - 1]:.0%} full; {len(underfull)} pages between the "
            f"covers are under a quarter full (pages {listed}) and at most "
            f"{UNDERFULL_ALLOWED} may be, for chapter or annex endings",
        )
        for n in underfull
    ]


# --- tables ---------------------------------------------------------------------------------


def _first_row_cells(table: _Element) -> int:
    for row in table.descendants("TR"):
        return sum(1 for kid in row.kids if isinstance(kid, _Element) and kid.tag in ("TH", "TD"))
    return 0


def _tables(tree: _Tree) -> list[list[_Element]]:
    """The tables of the tree, each as its /Table elements: the pieces of a table that
    WeasyPrint split across pages joined (see the module's docstring)."""
    first_on_page: dict[int, int] = {}
    last_on_page: dict[int, int] = {}
    for index, mark in enumerate(tree.marks):
        first_on_page.setdefault(mark.page, index)
        last_on_page[mark.page] = index
    tables: list[list[_Element]] = []
    ending: dict[int, list[list[_Element]]] = {}  # the last mark of a page -> tables ending it
    for piece in (e for e in tree.elements if e.tag == "Table" and e.first >= 0):
        page = tree.marks[piece.first].page
        continued = None
        if piece.first == first_on_page[page] and not any(piece.descendants("Caption")):
            candidates = ending.get(last_on_page.get(page - 1, -1), [])
            cells = _first_row_cells(piece)
            continued = next((t for t in candidates if _first_row_cells(t[-1]) == cells), None)
        if continued is None:
            continued = []
            tables.append(continued)
        continued.append(piece)
        if piece.last == last_on_page[tree.marks[piece.last].page]:
            ending.setdefault(piece.last, []).append(continued)
    return tables


def _row_group(row: _Element) -> str:
    """The row group (THead, TBody, TFoot) a row is in; TBody if none."""
    for holder in row.ancestors():
        if holder.tag in ROW_GROUPS:
            return holder.tag
        if holder.tag == "Table":
            break
    return "TBody"


def _table_name(pieces: list[_Element], texts: _Texts) -> str:
    first = pieces[0]
    caption = next(first.descendants("Caption"), None)
    if caption is not None and (said := texts.of(caption.marks())):
        return f"the table '{_shortened(said)}'"
    headers = [texts.of(cell.marks()) for cell in first.descendants("TH")]
    if any(headers):
        shown = ", ".join(f"'{h}'" for h in headers[:3])
        return f"the table with the columns {shown}" + (", …" if len(headers) > 3 else "")
    return f"the table that starts on page {min(first.pages) + 1}"


def _which_rows(numbers: list[int], total: int) -> str:
    """Which rows of the table ``numbers`` (one or two, counted from 1) are."""
    count = "row" if len(numbers) == 1 else f"{len(numbers)} rows"
    if numbers[0] == 1:
        return f"its first {count}"
    if numbers[-1] == total:
        return f"its last {count}"
    if len(numbers) == 1:
        return f"row {numbers[0]} of {total}"
    return f"rows {numbers[0]} and {numbers[1]} of {total}"


def _table_problems(tree: _Tree, texts: _Texts) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    rule = f"a table split across pages keeps at least {MIN_ROWS} rows on each page"
    for pieces in _tables(tree):
        pages = sorted(set().union(*(piece.pages for piece in pieces)))
        if len(pages) < 2:
            continue
        # Its rows in order, numbered from 1, with the pages each stands on. Header rows
        # repeat on every page and are not counted; footer rows count on the last page.
        # (A row WeasyPrint split across pages is two elements, so two numbers.)
        on_page: dict[int, list[int]] = {page: [] for page in pages}
        total = 0
        for row in (row for piece in pieces for row in piece.descendants("TR")):
            group = _row_group(row)
            if row.first < 0 or group == "THead":
                continue
            if group == "TFoot" and pages[-1] not in row.pages:
                continue
            total += 1
            for page in row.pages:
                on_page[page].append(total)
        for page in pages:
            numbers = on_page[page]
            if len(numbers) >= MIN_ROWS or not total:
                continue
            name = _table_name(pieces, texts)
            if not numbers:
                said = f"only the header of {name} stands on the page"
            else:
                count = "1 row" if len(numbers) == 1 else f"{len(numbers)} rows"
                said = f"only {count} of {name} ({_which_rows(numbers, total)})"
            problems.append((page + 1, f"page {page + 1}: {said}; {rule}"))
    return problems


# --- headings -------------------------------------------------------------------------------


def _heading_problems(tree: _Tree, texts: _Texts, page_count: int) -> list[tuple[int, str]]:
    last_on_page: dict[int, _Mark] = {}
    for mark in tree.marks:
        last_on_page[mark.page] = mark
    problems: list[tuple[int, str]] = []
    for page, mark in sorted(last_on_page.items()):
        heading = next((e for e in mark.element.ancestors() if e.tag in HEADINGS), None)
        if heading is None or page == page_count - 1:
            continue
        said = _shortened(texts.of(m for m in heading.marks() if m[0] == page))
        problems.append(
            (
                page + 1,
                f"page {page + 1}: the heading '{said}' ({heading.tag}) is the last thing on "
                "the page; a heading stands on the page of the text it introduces",
            )
        )
    return problems


# --- all ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PageQuality:
    fills: list[float]  # of each page, 0 to 1
    problems: list[str]  # sentences, each starting with "page N: ", in page order


def check_pages(pdf: Path) -> PageQuality:
    """Measure the fill of each page of ``pdf`` and list its page-break problems."""
    words = _words(pdf)  # listed while pypdf reads the structure tree
    try:
        reader = pypdf.PdfReader(pdf)
        tree = _Tree(reader)
    except BaseException:
        words.kill()
        words.wait()
        raise
    fills = _fills(words)
    assert len(fills) == len(reader.pages), "pdftotext listed another number of pages"
    texts = _Texts(reader)
    found = (
        _fill_problems(fills)
        + _table_problems(tree, texts)
        + _heading_problems(tree, texts, len(reader.pages))
    )
    return PageQuality(fills, [said for _, said in sorted(found, key=lambda p: p[0])])


def page_break_problems(pdf: Path) -> list[str]:
    """The page-break problems of ``pdf``, each a sentence naming its page; empty if none."""
    return check_pages(pdf).problems


# --- type sizes -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    """A run of text as drawn: its page, size in points, and the struct elements around it."""

    page: int  # from 1
    size: float
    text: str
    tags: frozenset[str]  # of the struct elements holding it, up to the root


def text_runs(pdf: Path) -> list[Run]:
    """Every run of text drawn in ``pdf`` with its size (the font size scaled by the text and
    graphics matrices) and the tags of the struct elements around it (``Figure`` for a chart's
    labels, ``TD`` for a table cell, ``P`` for a paragraph)."""
    reader = pypdf.PdfReader(pdf)
    tree = _Tree(reader)
    holders = {(m.page, m.mcid): m.element for m in tree.marks}
    runs: list[Run] = []
    for index, page in enumerate(reader.pages):
        runs += _page_runs(page, index, holders)
    return runs


def _page_runs(page: Any, index: int, holders: dict[tuple[int, int], _Element]) -> list[Run]:
    runs: list[Run] = []

    def text(mcid: int | None, value: str, cm: Any, tm: Any, _font: Any, size: float) -> None:
        if not value.strip():
            return
        element = holders.get((index, mcid)) if mcid is not None else None
        tags = frozenset(e.tag for e in element.ancestors()) if element else frozenset()
        # The vertical scale of text space in the page's: the text matrix times the CTM.
        scale = abs(tm[2] * cm[1] + tm[3] * cm[3])
        runs.append(Run(index + 1, round(size * scale, 2), value, tags))

    _marked_text(page, text)
    return runs
