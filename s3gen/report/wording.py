"""The words the report prints that are not strategy data (labels, chapter names, badges, table
headers, captions, legends, the imprint's fixed wording), in the edition's language.

They are written in English in the templates, each through ``_()`` (or ``{% trans %}``), and
translated by one gettext catalog per language: `locales/<language>.po`, package data, read
with Babel (no compiled `.mo` files to keep in step). English needs no catalog. Each catalog
says in its header who reviewed it (``X-Review-Status``); an edition whose catalog no person
reviewed says so in its imprint. `tests/test_wording.py` fails when a string of a template is
missing from a catalog.
"""

from __future__ import annotations

import functools
import gettext
import io
from dataclasses import dataclass
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent / "locales"  # package data
SOURCE_LANGUAGE = "en"  # the language the templates are written in
REVIEW_HEADER = "X-Review-Status"
REVIEWED = "reviewed"  # the status of a catalog a person has checked; anything else is a draft


@dataclass(frozen=True)
class Wording:
    """The interface wording of one edition."""

    language: str  # the catalog's (BCP 47, as in the strategy: "pl", "de", "nb")
    translations: gettext.NullTranslations
    translated: bool  # False: no catalog for the language, the English wording is printed
    review: str  # the catalog's review status ("reviewed", "draft: ...") or "" without one

    @property
    def reviewed(self) -> bool:
        return not self.translated or self.review == REVIEWED


def catalog_path(language: str) -> Path:
    return LOCALES / f"{language}.po"


def languages() -> tuple[str, ...]:
    """The languages s3gen has a catalog for, besides English."""
    return tuple(sorted(p.stem for p in LOCALES.glob("*.po")))


@functools.cache
def wording(language: str) -> Wording:
    """The wording for ``language``; English (the templates' own) where there is no catalog."""
    primary = language.split("-")[0].lower()
    path = catalog_path(primary)
    if primary == SOURCE_LANGUAGE or not path.is_file():
        return Wording(language, gettext.NullTranslations(), False, "")
    with path.open("rb") as f:
        catalog = read_po(f, locale=primary)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    review = next((v for k, v in catalog.mime_headers if k == REVIEW_HEADER), "draft")
    return Wording(language, gettext.GNUTranslations(compiled), True, review.strip())
