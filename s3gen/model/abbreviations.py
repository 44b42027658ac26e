"""Abbreviations in the published text: what counts as one, and which texts are read for them.

The glossary (``glossary`` in strategy.yaml) explains the abbreviations the report uses; the
validator warns about one it does not explain. An abbreviation is a word of two or more capital
letters (any script's capitals: "SME", "ÖKO"), capitals joined by "&" included ("R&D",
"R&D&I"), optionally followed by a plural "s" ("SMEs" is SME) or by digits ("RCO87" is RCO,
"RIS3" is RIS). A hyphen separates: "EU-BSR" is EU and BSR, "COVID-19" is COVID, "ICT-based"
is ICT. Not abbreviations: a single capital ("S3", "B2B"), two capitals followed by digits (a
NUTS or country-and-number code such as "PL84", "EU27", a formula such as "CO2"), Roman
numerals of I, V and X ("II", "XIV"), and a run of capitals inside a word ("GoSmartBSR",
"MSc"). Code spans, link and web addresses and citations are skipped.

The texts read are the published prose of strategy.yaml and the region files: every Markdown
field and the plain-text titles, subtitles, names, topics and glossary meanings, but not the
editors' working notes (never published), ids, codes, addresses, units, notes, the names of
people (the editors), or the titles of the sources (other works' titles, quoted as they are).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from s3gen import model
from s3gen.model.walk import field_specs, nested_items

# Plain-text fields that are prose of the publication, by name; Markdown fields are all read.
_PROSE_FIELDS = frozenset({"title", "subtitle", "name", "name_en", "topic", "meaning"})
# Items whose names are people's, not text.
_NOT_PROSE = frozenset({model.Editor})


def _roman(number: int) -> str:
    tens, units = divmod(number, 10)
    return "X" * tens + ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[units]


ROMAN_NUMERALS = frozenset(_roman(n) for n in range(1, 40))


@functools.cache
def _pattern() -> re.Pattern[str]:
    """The one pattern that finds abbreviations and skips what is not text, built once (the
    class of capital letters of every script is made from the Unicode database).

    Each alternative starts with its own character (`, ], [, h or a capital), and every
    repetition stops at a character it cannot match or may end the match: a search never goes
    back over the text (tests/test_linear_cost.py checks it)."""
    capitals = [chr(c) for c in range(0x1F000) if unicodedata.category(chr(c)) == "Lu"]
    cap = "[" + "".join(re.escape(c) for c in capitals) + "]"
    return re.compile(
        # A code span, between runs of backticks (an unclosed one makes the rest of the text
        # code: a backtick is rare outside code)
        r"`+(?:[^`]+`*)?"
        # The address of a Markdown link, up to its closing parenthesis or a space
        r"|\]\([^)\s]*"
        # A citation [@source-id]
        r"|\[@[^\[\]]*"
        # A web address written out
        r"|https?://\S*"
        # An abbreviation, its plural "s" or digits left out of the group
        rf"|\b({cap}(?:&?{cap})+)(?:s|([0-9]+))?\b"
    )


def abbreviation_uses(text: str) -> list[tuple[str, str]]:
    """Each use of an abbreviation in ``text``, in order: the abbreviation and how it is written
    (its digits included: ("RCO", "RCO87"))."""
    return [
        (word, word + digits)
        for word, digits in _pattern().findall(text)
        if word
        and word not in ROMAN_NUMERALS
        and not (digits and len(word) == 2)  # PL84, EU27, CO2: codes, not abbreviations
    ]


def abbreviations(text: str) -> list[str]:
    """The abbreviations ``text`` uses, in order, once per use."""
    return [word for word, _ in abbreviation_uses(text)]


def term_abbreviation(term: str) -> str | None:
    """The abbreviation a glossary term explains ("SMEs" explains SME), if the term is one."""
    found = abbreviations(term)
    return found[0] if len(found) == 1 else None


@functools.cache
def prose_fields(cls: type) -> tuple[str, ...]:
    """The fields of model class ``cls`` whose text is published prose."""
    if cls in _NOT_PROSE:
        return ()
    return tuple(
        s.name
        for s in field_specs(cls)
        if not s.meta.get(model.UNPUBLISHED)
        and (s.item is model.Markdown or (s.item is str and s.name in _PROSE_FIELDS))
    )


def prose(value: Any) -> Iterator[tuple[Any, str, str]]:
    """(item, field, text) for every published prose text in ``value`` and the items in it."""
    for item in nested_items(value):
        cls: type = type(item)
        for name in prose_fields(cls):
            text = getattr(item, name)
            if text:
                yield item, name, text
