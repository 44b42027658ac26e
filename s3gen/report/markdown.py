"""Markdown fields -> safe HTML: CommonMark plus tables, raw HTML escaped, unsafe links dropped,
and citations ``[@source-id]`` turned into numbered links to the bibliography.

This is the only place that produces ``Markup`` from strategy text: everything else reaches the
templates as plain strings and is escaped by Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from markdown_it import MarkdownIt
from markupsafe import Markup

from s3gen.background import Background
from s3gen.model.formats import CITATION_RE
from s3gen.model.translations import InLanguage

# Links may point to the web, to an e-mail address or to a place in the report; nothing else
# (no javascript:, data:, file: or vbscript: URLs).
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:|#)", re.IGNORECASE)

Cite = Callable[[str], Markup]

# Citations are cut out of the text before Markdown parsing and put back after, as
# private-use placeholders, so that they are found with the same pattern, on the same raw text,
# as the validator finds them, wherever a line break or markup falls.
_OPEN, _CLOSE = "\ue000", "\ue001"
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


# A field's HTML with citation placeholders, and the source ids cited at each placeholder.
Rendered = tuple[str, tuple[tuple[str, ...], ...]]


class MarkdownRenderer:
    """Renders Markdown fields; ``cite`` turns one source id into the HTML of its citation, and
    ``order`` gives the place of a source in the bibliography ([@b; @a] prints as [1][2])."""

    def __init__(self, cite: Cite, order: Callable[[str], int] = lambda _: 0) -> None:
        md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False}).enable("table")
        md.disable("image")  # shown as a link: a report that opens offline loads nothing
        # With html off these rules only ever decline; skipping them saves a call per line.
        md.disable(["html_block", "html_inline"])
        md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
        self._md = md
        self._cite = cite
        self._order = order  # the citations of one bracket print in this order, each once
        self._rendered: dict[str, Rendered] = {}

    def _render(self, text: str) -> Rendered:
        cited: list[tuple[str, ...]] = []

        def stash(match: re.Match[str]) -> str:
            cited.append(tuple(k.strip().removeprefix("@") for k in match.group(1).split(";")))
            return f"{_OPEN}{len(cited) - 1}{_CLOSE}"

        text = text.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd")
        return self._md.render(CITATION_RE.sub(stash, text)).strip(), tuple(cited)

    def prerender(self, texts: Iterable[str], fork: bool) -> None:
        """Render ``texts`` ahead of ``block``; with ``fork``, half of them in a second process
        (Markdown is most of the time of a large report's view)."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._rendered))
        half = todo[: len(todo) // 2] if fork else []
        with Background(lambda: [self._render(t) for t in half], fork=bool(half)) as other:
            for text in todo[len(half) :]:
                self._rendered[text] = self._render(text)
            self._rendered.update(zip(half, other.result(), strict=True))

    def block(self, text: str) -> Markup:
        """Markdown with paragraphs, lists and tables."""
        html, cited = self._rendered.get(text) or self._render(text)
        html = _PLACEHOLDER.sub(
            lambda m: str(
                Markup("").join(
                    self._cite(key)
                    for key in sorted(dict.fromkeys(cited[int(m.group(1))]), key=self._order)
                )
            ),
            html,
        )
        if isinstance(text, InLanguage):  # in another language than the page's: say which
            return Markup('<div lang="{}">').format(text.lang) + Markup(html) + Markup("</div>")
        return Markup(html)  # raw HTML in the input was escaped by markdown-it
