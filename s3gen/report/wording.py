"""The words the report prints that are not strategy data (labels, chapter names, badges, table
headers, captions, legends, the imprint's fixed wording), in the edition's language.

They are written in English in the templates, each through ``_()`` (or ``{% trans %}``), and
translated by one gettext catalog per language: `locales/<language>.po`, package data, read
with Babel (no compiled `.mo` files to keep in step). English needs no catalog. Each catalog
says in its header comment whether a person reviewed it (a line ``Review-Status: ...``: Babel
keeps comments, not unknown header fields, when it updates a catalog); an edition whose catalog
no person reviewed says so in its imprint. `tools/catalogs.py` updates the catalogs from the
templates, and `tests/test_wording.py` fails when a template's message is missing from one.
"""

from __future__ import annotations

import functools
import gettext
import io
from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).resolve().parent / "locales"  # package data
SOURCE_LANGUAGE = "en"  # the language the templates are written in
REVIEW_LINE = "Review-Status:"  # a line of the catalog's header comment
REVIEWED = "reviewed"  # the status of a catalog a person has checked; anything else is a draft
UNREVIEWED = "draft, not reviewed by a person"  # a catalog that does not say


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


def primary(language: str) -> str:
    """The language of a BCP 47 tag without its region or script: "de-AT" -> "de"."""
    return language.split("-")[0].lower()


def locale_of(language: str) -> Locale | None:
    """The CLDR locale of a BCP 47 tag ("pl", "de-AT"), or None where Babel knows none."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def catalog_path(language: str) -> Path:
    return LOCALES / f"{language}.po"


def languages() -> tuple[str, ...]:
    """The languages s3gen has a catalog for, besides English."""
    return tuple(sorted(p.stem for p in LOCALES.glob("*.po")))


@functools.cache
def wording(language: str) -> Wording:
    """The wording for ``language``; English (the templates' own) where there is no catalog."""
    path = catalog_path(primary(language))
    if primary(language) == SOURCE_LANGUAGE or not path.is_file():
        return Wording(language, gettext.NullTranslations(), False, "")
    with path.open("rb") as f:
        catalog = read_po(f, locale=primary(language))
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    review = next(
        (
            line.removeprefix(REVIEW_LINE).strip()
            for line in (c.lstrip("#").strip() for c in (catalog.header_comment or "").splitlines())
            if line.startswith(REVIEW_LINE)
        ),
        UNREVIEWED,
    )
    return Wording(language, gettext.GNUTranslations(compiled), True, review)


def wording_statement(language: str) -> str:
    """What the imprint says of the interface wording of an edition in ``language``, in that
    edition's wording, or "" for English."""
    if primary(language) == SOURCE_LANGUAGE:
        return ""
    found = wording(language)
    _ = found.translations.gettext
    if not found.translated:  # printed in English, so said in English
        locale = locale_of(language)
        name = locale.english_name if locale is not None else language
        return f"s3gen has no translation of its interface wording into {name}: it is in English."
    # The views' own wording (figure and table labels, legends) is not in the catalogs yet.
    if found.reviewed:
        return _(
            "The headings and labels of the templates are a reviewed translation; the labels "
            "of figures and tables that s3gen writes are still in English."
        )
    return _(
        "The headings and labels of the templates are a translation that no person has "
        "reviewed yet; the labels of figures and tables that s3gen writes are still in English."
    )
