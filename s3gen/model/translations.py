"""Content translations: the one table of the fields a translation carries, where each text of
a strategy is (its file, item and field), the fingerprint of a source text, what a translation
file holds, and a text printed in another language than its edition's.

A translation of `strategy/regions/podlaskie.yaml` into Polish is the file
`strategy/translations/pl/regions/podlaskie.yaml`, keyed by item id and field:

    status: draft
    texts:
      priority podlaskie-agri-food:  # an item's kind and id (or a block of strategy.yaml:
                                     # document, chapters, vocabularies, funding)
        title:                    # a field, or a path inside the item: s3.title, notes[0]
          fingerprint: 3e5f0c1a9b2d
          text: Przemysł rolno-spożywczy

The fingerprint is that of the source text the translation was made from: when the source
changes, the fingerprints differ and the translation is stale. A stale translation is not
printed (the source text is, in its own language), as gettext leaves out a fuzzy entry.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from babel import Locale, UnknownLocaleError

from s3gen import model
from s3gen.model.kinds import BY_CLASS
from s3gen.model.walk import field_specs, holds_items

TRANSLATIONS_FOLDER = "translations"  # in the strategy folder: translations/<language>/...
FINGERPRINT_LENGTH = 12  # hex digits of SHA-256: a changed text is told apart, not secured

# The fields a translation carries, by model class: the prose a reader reads. Names of
# organisations and places, codes, dates and sources stay as the source writes them (a
# region's name is in its own language already; a source's title is the publication's).
TRANSLATED: dict[type, tuple[str, ...]] = {
    model.Document: ("title", "subtitle", "cover_line", "disclaimer"),
    model.Editor: ("role",),
    model.Chapters: (
        "summary",
        "vision",
        "methodology",
        "governance",
        "monitoring",
        "brokerage_title",
        "brokerage",
        "asks",
    ),
    model.Funding: ("statement",),
    model.Logo: ("alt",),
    model.PriorityArea: ("name", "description"),
    model.PolicyAreas: ("title",),
    model.PolicyArea: ("name",),
    model.DevelopmentGroupNames: ("less_developed", "advanced"),
    model.Nuts: ("note",),
    model.InnovationRanking: ("note",),
    model.S3Strategy: ("title", "note"),
    model.Partner: ("note",),
    model.Priority: ("title", "description"),
    model.GoodPractice: ("title", "description"),
    model.Gap: ("title", "description"),
    model.Action: ("title", "description"),
    # Not the unit: the monitoring table sums the indicators of one unit, and a translated unit
    # would split a sum across editions' words; an edition marks it as in the source language.
    model.Indicator: ("name",),
    model.PeerLearning: ("topic", "timing", "description"),
    model.Region: ("notes",),
}

# The parts of a Strategy that strategy.yaml holds (sources.yaml and the region files hold the
# others); each block without an id is keyed by its name in a translation of strategy.yaml.
STRATEGY_FILE = "strategy.yaml"
_NOT_IN_STRATEGY_FILE = frozenset({"sources", "regions"})
_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(r"[ \t\n]+")
# A line that starts a block of its own in Markdown: a list item, a heading, a quote, a table row.
_BLOCK_START = re.compile(r"(?:[-*+] |[0-9]{1,9}[.)] |#|>|\|)")


def fingerprint(text: str) -> str:
    """The fingerprint of a source text: the same for the same paragraphs, however their lines
    are wrapped (a re-wrapped paragraph needs no new translation), different when a word, a
    paragraph break or a line that starts a Markdown block (a list item, a heading, a quote,
    a table row) changes."""
    paragraphs = _BLANK_LINES.split(text.strip())
    normal = "\n\n".join(_unwrapped(p) for p in paragraphs)
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:FINGERPRINT_LENGTH]


def _unwrapped(paragraph: str) -> str:
    """A paragraph's lines joined by spaces, but where a line starts a Markdown block."""
    lines: list[str] = []
    for line in paragraph.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if lines and not _BLOCK_START.match(line):
            lines[-1] = f"{lines[-1]} {line}".strip()
        else:
            lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class TranslationFile:
    """A translation of one strategy file into one language."""

    language: str
    source: str  # the translated file's name in the strategy folder: "regions/podlaskie.yaml"
    file: str  # the translation's name as messages show it
    status: model.TranslationStatus
    # (item id or block, field path) -> its translation, in the order of the file
    texts: dict[tuple[str, str], model.TranslatedText]
    # where each item's key and each field's key is written: (line, column)
    keys: dict[tuple[str, str], tuple[int, int]] = dataclasses.field(default_factory=dict)


@dataclass(frozen=True)
class Text:
    """A text of the strategy that a translation carries: where it is and what it says."""

    file: str  # the strategy file's name in the folder: "strategy.yaml", "regions/x.yaml"
    item: str  # the item's id, or the block of strategy.yaml ("chapters")
    path: str  # the field inside the item: "title", "s3.note", "notes[0]"
    source: str  # the text in the source language
    owner: type  # the model class the field belongs to
    markdown: bool  # whether the field is Markdown (a plain text holds no line break)


def region_file(region: model.Region) -> str:
    """The name of a region's file in the strategy folder."""
    return f"regions/{region.origin.file.replace(chr(92), '/').rsplit('/', 1)[-1]}"


def texts(strategy: model.Strategy) -> list[Text]:
    """Every text of the strategy a translation carries, file by file, in reading order."""
    found: list[Text] = []

    def keep(text: Text) -> str:
        found.append(text)
        return text.source

    rebuilt(strategy, keep)
    return found


def rebuilt(strategy: model.Strategy, replace: Callable[[Text], str]) -> model.Strategy:
    """The strategy with each text a translation carries replaced by ``replace(text)``; the
    items whose texts are all kept are the same objects."""
    top: model.Strategy = _rebuilt(strategy, STRATEGY_FILE, None, "", replace)
    regions = tuple(_rebuilt(r, region_file(r), item_key(r), "", replace) for r in strategy.regions)
    if all(new is old for new, old in zip(regions, strategy.regions, strict=True)):
        return top
    return dataclasses.replace(top, regions=regions)


def item_key(value: Any) -> str:
    """How a translation names an item with an id: its kind and id, "priority podlaskie-agri-food"
    (a policy area may share its id with a priority area)."""
    return f"{BY_CLASS[type(value)].name} {value.id}"


def _has_id(value: Any) -> bool:
    return type(value) in BY_CLASS and isinstance(getattr(value, "id", None), str)


def _rebuilt(
    value: Any, file: str, item: str | None, prefix: str, replace: Callable[[Text], str]
) -> Any:
    cls: type = type(value)
    translated = TRANSLATED.get(cls, ())
    changes: dict[str, Any] = {}
    for spec in field_specs(cls):
        if item is None and spec.name in _NOT_IN_STRATEGY_FILE:
            continue
        inner = getattr(value, spec.name)
        new: Any = inner
        if spec.name in translated:
            markdown = spec.item is model.Markdown
            key = _item(item, spec.name)
            if spec.is_list:
                new = tuple(
                    replace(Text(file, key, f"{prefix}{spec.name}[{i}]", text, cls, markdown))
                    for i, text in enumerate(inner)
                )
            elif inner:
                new = replace(Text(file, key, prefix + spec.name, inner, cls, markdown))
        elif holds_items(spec.hint) and inner is not None:
            parts = inner if isinstance(inner, tuple) else (inner,)
            done = []
            for i, part in enumerate(parts):
                if _has_id(part):
                    done.append(_rebuilt(part, file, item_key(part), "", replace))
                elif item is None:  # a block of strategy.yaml: keyed by its name
                    done.append(_rebuilt(part, file, spec.name, "", replace))
                else:
                    index = f"[{i}]" if isinstance(inner, tuple) else ""
                    done.append(_rebuilt(part, file, item, f"{prefix}{spec.name}{index}.", replace))
            new = tuple(done) if isinstance(inner, tuple) else done[0]
        if not _same(new, inner):
            changes[spec.name] = new
    return dataclasses.replace(value, **changes) if changes else value


def _same(new: Any, old: Any) -> bool:
    """Whether ``new`` is ``old``, or a tuple of the very same objects."""
    if isinstance(new, tuple) and isinstance(old, tuple):
        return len(new) == len(old) and all(a is b for a, b in zip(new, old, strict=True))
    return new is old


def items(strategy: model.Strategy) -> Iterator[tuple[str, str, type]]:
    """Every item a translation may name: (file, id or block of strategy.yaml, model class),
    whether or not it holds a text now (an optional note may be added later)."""
    yield from _items(strategy, STRATEGY_FILE, None)
    for region in strategy.regions:
        yield from _items(region, region_file(region), item_key(region))


def _items(value: Any, file: str, item: str | None) -> Iterator[tuple[str, str, type]]:
    if item is not None:
        yield file, item, type(value)
    cls: type = type(value)
    for spec in field_specs(cls):
        inner = getattr(value, spec.name)
        if (item is None and spec.name in _NOT_IN_STRATEGY_FILE) or inner is None:
            continue
        if not holds_items(spec.hint):
            continue
        for part in inner if isinstance(inner, tuple) else (inner,):
            if _has_id(part):
                yield from _items(part, file, item_key(part))
            elif item is None and not isinstance(inner, tuple):  # a block of strategy.yaml
                yield from _items(part, file, spec.name)
            else:
                yield from _items_inside(part, file)


def _items_inside(value: Any, file: str) -> Iterator[tuple[str, str, type]]:
    """The items with ids inside a part without one (the policy areas of the vocabularies)."""
    cls: type = type(value)
    for spec in field_specs(cls):
        inner = getattr(value, spec.name)
        if inner is None or not holds_items(spec.hint):
            continue
        for part in inner if isinstance(inner, tuple) else (inner,):
            if _has_id(part):
                yield from _items(part, file, item_key(part))
            else:
                yield from _items_inside(part, file)


def primary(tag: str) -> str:
    """The language of a BCP 47 tag without its region or script: "de-AT" -> "de"."""
    return tag.split("-")[0].lower()


def same_language(a: str, b: str) -> bool:
    """Whether two tags name the same language ("en" and "en-GB" do): a translation is into
    another language than the source's, not into a variant of it."""
    return primary(a) == primary(b)


def language_name(tag: str) -> str:
    """A language's English name by the CLDR ("pl" -> "Polish"), or the tag itself."""
    try:
        return str(Locale.parse(tag.replace("-", "_")).english_name)
    except (ValueError, UnknownLocaleError):
        return tag


def _item(item: str | None, name: str) -> str:
    return name if item is None else item


_INDEX = re.compile(r"\[[0-9]+\]")


def shape(path: str) -> str:
    """A field path without its list positions: ``innovation[2].note`` -> ``innovation[].note``."""
    return _INDEX.sub("[]", path)


def shapes(cls: type, prefix: str = "") -> Iterator[str]:
    """Every field path a translation of an item of ``cls`` may hold, by shape."""
    translated = TRANSLATED.get(cls, ())
    for spec in field_specs(cls):
        if spec.name in translated:
            yield prefix + spec.name + ("[]" if spec.is_list else "")
        elif holds_items(spec.hint) and spec.item not in BY_CLASS:
            yield from shapes(spec.item, f"{prefix}{spec.name}{'[]' if spec.is_list else ''}.")


class InLanguage(str):
    """A text in another language than the edition that prints it (a field not translated yet,
    printed in the source language; a region's name in its own language): the view marks it
    with its ``lang`` so that screen readers and the PDF's tags switch language."""

    lang: str

    def __new__(cls, text: str, lang: str) -> InLanguage:
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (InLanguage, (str(self), self.lang))
