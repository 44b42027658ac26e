"""The words the report prints that are not strategy data (labels, chapter names, badges, table
headers, captions, legends, the imprint's fixed wording), in the edition's language.

They are written in English in the templates, each through ``_()`` (or ``{% trans %}``), and
in the report's Python code (the view's labels, legends and sentences, amounts, charts, the
map), each through the edition's `translations` (``gettext``, ``ngettext`` for a counted noun,
``pgettext``; a table of words at module level marks them with `N_` or `NN_`). The language is
always passed along, never set for the process: one process may build editions in several
languages. One gettext catalog per language translates them: `locales/<language>.po`, package
data, read with Babel (no compiled `.mo` files to keep in step). English needs no catalog. Each
catalog says in its header comment whether a person reviewed it (a line ``Review-Status:
...``: Babel keeps comments, not unknown header fields, when it updates a catalog); an edition
whose catalog no person reviewed says so in its imprint. `tools/catalogs.py` updates the
catalogs from the templates and the Python code, and `tests/test_wording.py` fails when a
message is missing from one.
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

from s3gen.model.translations import primary as primary  # one reading of a tag

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


def locale_of(language: str) -> Locale | None:
    """The CLDR locale of a BCP 47 tag ("pl", "de-AT"), or None where Babel knows none."""
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return None


def N_(message: str) -> str:
    """Mark ``message`` for the catalogs where it is defined (a module-level table); it is
    translated where it is printed, in the edition's language."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a counted message (its singular and plural) for the catalogs, as N_ does; it is
    translated with ``ngettext`` where the count is known."""
    return singular, plural


def translations(language: str) -> gettext.NullTranslations:
    """The gettext translations of an edition in ``language`` (cached): the report's Python
    code prints its own wording through them, never through a process-wide language (one
    process builds editions in several languages)."""
    return wording(language).translations


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


# The words of the printed pages' running footers (print.css, @page margin boxes): the page
# number, and the edition after its title. The print stylesheet has them in English; an edition
# in another language gives its own as attributes of the page's body (print_strings).
PAGE_OF = N_("page %(page)s of %(pages)s")
TITLE_VERSION = N_("%(title)s · version %(version)s")
# Each message, the names of its parts in the stylesheet (before, between and after its two
# placeholders, which it keeps in this order), and its placeholders.
PRINTED: tuple[tuple[str, tuple[str, str, str], tuple[str, str]], ...] = (
    (PAGE_OF, ("page-before", "page-between", "page-after"), ("page", "pages")),
    (TITLE_VERSION, ("title-before", "version-before", "version-after"), ("title", "version")),
)


def print_strings(language: str) -> tuple[tuple[str, str], ...]:
    """The words of the printed pages' running footers in an edition's language, as (name,
    text) pairs that the page writes as ``data-<name>`` attributes of its body, where the print
    stylesheet reads them (``string-set: page-before attr(data-page-before)``); none where the
    stylesheet's own English is printed. A translation that puts the two placeholders in the
    other order (which the footer cannot print) is left out, so its footer stays English."""
    found = wording(language)
    if not found.translated:
        return ()
    pairs: list[tuple[str, str]] = []
    for message, names, (first, second) in PRINTED:
        text = found.translations.gettext(message) % {first: "\x00", second: "\x01"}
        before, _, rest = text.partition("\x00")
        between, _, after = rest.partition("\x01")
        if text.count("\x00") != 1 or text.count("\x01") != 1 or "\x01" in before:
            continue
        pairs.extend(zip(names, (before, between, after), strict=True))
    return tuple(pairs)


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
    if found.reviewed:
        return _(
            "The wording that s3gen writes itself (headings, labels, captions, legends) is a "
            "reviewed translation."
        )
    return _(
        "The wording that s3gen writes itself (headings, labels, captions, legends) is a "
        "translation that no person has reviewed yet."
    )


def autonym(language: str) -> str:
    """A language's name in that language, by the CLDR: "polski", "Deutsch", "English"; the
    tag itself where Babel knows none."""
    locale = locale_of(language)
    name = locale.get_display_name(locale) if locale is not None else None
    return name or language
