"""An edition of a valid strategy in one language: its texts translated where a current
translation exists, the source text marked with its own language where not, every region's
name marked with the language it is in, and how much of the edition is translated.

The stage between validation and analysis: `edition(strategy, translations, language)` returns
a Strategy of the same items and figures, in other words. A stale translation (its source text
changed since) is not printed, as gettext leaves out a fuzzy entry: the reader gets the current
source text, in its language, rather than a translation of what the strategy no longer says.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum

from s3gen import model
from s3gen.model.codes import name_language
from s3gen.model.translations import (
    InLanguage,
    Text,
    TranslationFile,
    fingerprint,
    rebuilt,
    same_language,
)
from s3gen.source.translations import Translations


class State(StrEnum):
    TRANSLATED = "translated"
    STALE = "stale"  # translated from a source text that has changed since
    MISSING = "missing"  # no translation yet


def reviewed(entry: model.TranslatedText | None, file: TranslationFile | None) -> bool:
    """Whether a person reviewed a translation: its own status, or its file's."""
    return (
        entry is not None
        and file is not None
        and (entry.status or file.status) is model.TranslationStatus.REVIEWED
    )


def state_of(text: Text, file: TranslationFile | None) -> tuple[State, model.TranslatedText | None]:
    """Whether ``text`` has a current translation in ``file``, and the entry if there is one."""
    entry = None if file is None else file.texts.get((text.item, text.path))
    if entry is None or not (entry.text or "").strip():
        return State.MISSING, entry
    if entry.fingerprint != fingerprint(text.source):
        return State.STALE, entry
    return State.TRANSLATED, entry


@dataclass(frozen=True)
class Coverage:
    """How many of the texts a translation carries are translated, stale and missing."""

    total: int = 0
    translated: int = 0
    reviewed: int = 0  # of the translated, those a person reviewed
    stale: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.stale

    @property
    def drafts(self) -> int:
        return self.translated - self.reviewed

    def plus(self, other: Coverage) -> Coverage:
        return Coverage(
            self.total + other.total,
            self.translated + other.translated,
            self.reviewed + other.reviewed,
            self.stale + other.stale,
        )

    def add(self, state: State, reviewed: bool) -> Coverage:
        return Coverage(
            self.total + 1,
            self.translated + (state is State.TRANSLATED),
            self.reviewed + (state is State.TRANSLATED and reviewed),
            self.stale + (state is State.STALE),
        )


NO_COVERAGE = Coverage()


@dataclass(frozen=True)
class Edition:
    language: str
    strategy: model.Strategy  # the strategy as this edition prints it
    source: bool  # the edition in the language the strategy is written in
    coverage: Coverage  # of the texts a translation carries (empty for the source edition)


def edition(strategy: model.Strategy, translations: Translations, language: str) -> Edition:
    """The edition of ``strategy`` in ``language`` (its own language: the source edition)."""
    source_language = strategy.document.language
    files = translations.of(language)
    coverage = Coverage()
    is_source = language == source_language

    def translate(text: Text) -> str:
        nonlocal coverage
        file = files.get(text.file)
        state, entry = state_of(text, file)
        coverage = coverage.add(state, reviewed(entry, file))
        if state is State.TRANSLATED and entry is not None and entry.text is not None:
            return entry.text
        return InLanguage(text.source, source_language)

    translated = strategy if is_source else rebuilt(strategy, translate)
    document = dataclasses.replace(translated.document, language=model.LanguageCode(language))
    regions = tuple(_name_tagged(r, language) for r in translated.regions)
    if not is_source:
        regions = tuple(_units_tagged(r, source_language) for r in regions)
    printed = dataclasses.replace(translated, document=document, regions=regions)
    return Edition(language, printed, is_source, coverage)


def _units_tagged(region: model.Region, source_language: str) -> model.Region:
    """The region with its indicators' units marked as in the source language: a unit is
    not translated (the sums of the monitoring table are per unit)."""
    actions = tuple(
        dataclasses.replace(
            a,
            indicators=tuple(
                dataclasses.replace(i, unit=InLanguage(i.unit, source_language))
                for i in a.indicators
            ),
        )
        if a.indicators
        else a
        for a in region.actions
    )
    return dataclasses.replace(region, actions=actions)


def _name_tagged(region: model.Region, language: str) -> model.Region:
    """The region with its name marked with the language it is in, where that is known and is
    not the edition's."""
    named_in = region.name_language or name_language(region.country)
    if named_in is None or same_language(named_in, language):
        return region
    return dataclasses.replace(region, name=InLanguage(region.name, named_in))
