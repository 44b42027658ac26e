"""Markdown fields -> safe HTML: CommonMark plus tables, raw HTML escaped, unsafe links dropped,
and citations ``[@source-id]`` turned into numbered links to the bibliography.

This is the only place that produces ``Markup`` from strategy text: everything else reaches the
templates as plain strings and is escaped by Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from markupsafe import Markup

from s3gen.convert import CITATION_RE

# Links may point to the web, to an e-mail address or to a place in the report; nothing else
# (no javascript:, data:, file: or vbscript: URLs).
_SAFE_LINK = re.compile(r"^(?:https?://|mailto:|#)", re.IGNORECASE)

Cite = Callable[[str], Markup]


def _citations(cite: Cite) -> Callable[[StateCore], None]:
    def rule(state: StateCore) -> None:
        for block in state.tokens:
            if block.type != "inline" or not block.children:
                continue
            children: list[Token] = []
            for token in block.children:
                if token.type != "text" or "[@" not in token.content:
                    children.append(token)
                    continue
                pos = 0
                for match in CITATION_RE.finditer(token.content):
                    before = Token("text", "", 0, content=token.content[pos : match.start()])
                    html = Markup("").join(
                        cite(key.strip().removeprefix("@")) for key in match.group(1).split(";")
                    )
                    children += [before, Token("html_inline", "", 0, content=str(html))]
                    pos = match.end()
                children.append(Token("text", "", 0, content=token.content[pos:]))
            block.children = children

    return rule


class MarkdownRenderer:
    """Renders Markdown fields; ``cite`` turns one source id into the HTML of its citation."""

    def __init__(self, cite: Cite) -> None:
        md = MarkdownIt("commonmark", {"html": False, "xhtmlOut": False}).enable("table")
        md.disable("image")  # a report that opens offline fetches nothing from the network
        md.validateLink = lambda url: bool(_SAFE_LINK.match(url.strip()))  # type: ignore[method-assign]
        md.core.ruler.push("citations", _citations(cite))
        self._md = md

    def block(self, text: str) -> Markup:
        """Markdown with paragraphs, lists and tables."""
        return Markup(self._md.render(text).strip())

    def inline(self, text: str) -> Markup:
        """Markdown without block structure, for a title or a cell."""
        return Markup(self._md.renderInline(text).strip())
