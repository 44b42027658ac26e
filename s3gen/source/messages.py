"""How messages name things: close matches for a typo, articles, invisible characters shown,
and the values found in a file described."""

from __future__ import annotations

import difflib
import re
import shlex
import typing
import unicodedata
from pathlib import PurePosixPath

from s3gen.source.load import Mapping, Node, Sequence


def did_you_mean(word: str, candidates: typing.Iterable[str]) -> str | None:
    """The closest candidate to ``word``, if one is close enough to be a likely typo."""
    pool = list(candidates)
    lowered = {c.lower(): c for c in pool}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return lowered[word.lower()]
    match = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[match[0]] if match else None


def suggestion(word: str, candidates: typing.Iterable[str], what: str = "choose one of") -> str:
    """' (did you mean 'x'?)', or '; {what}: a, b' when nothing is close and choices are few."""
    pool = sorted(candidates)
    close = did_you_mean(word, pool)
    if close is not None:
        return f" (did you mean '{close}'?)"
    if 0 < len(pool) <= 12:
        return f"; {what}: {', '.join(pool)}"
    return ""


def strategy_option(folder: str) -> str:
    """`` --strategy DIR`` as a command in a message would need it, quoted for the shell;
    nothing for the default folder, `strategy`."""
    if PurePosixPath(folder) == PurePosixPath("strategy"):
        return ""
    return f" --strategy {shlex.quote(folder)}"


def a(noun: str) -> str:
    """``noun`` with its indefinite article: 'an indicator', 'a gap'."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


_INVISIBLE = re.compile(r"[\u00a0\u200b-\u200f\u2028-\u202f\u2060\ufeff]")


def visible(text: str) -> str:
    """``text`` in quotes, with invisible characters (no-break space, zero-width space, bidi
    marks) shown as <U+00A0>, so a message never says 'high' is not 'high'."""
    return "'" + _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text) + "'"


_NOT_IN_ID = re.compile(r"[^a-z0-9]+")


def slugify(text: str, empty: str = "id") -> str:
    """A kebab-case id made from ``text`` ("Région Île-de-France" -> "region-ile-de-france"):
    accents are dropped, and what is left of other scripts becomes ``empty``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NOT_IN_ID.sub("-", plain.lower()).strip("-") or empty


def describe(node: Node) -> str:
    """How a value found in the file is named in messages."""
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    if node.tag == "str":
        return f"the text '{node.raw}'"
    if node.tag == "null":
        return "nothing"
    if node.tag == "bool":
        return f"'{node.raw}' (true/false)"
    if node.tag == "timestamp":
        return f"the date {node.raw}"
    return f"the number {node.raw}"
