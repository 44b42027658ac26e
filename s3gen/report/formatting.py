"""Words and numbers as the reports print them: labels, dates, amounts."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as babel_date

from s3gen.analyse import (
    WEIGHT_ADVANCED,
    WEIGHT_COOPERATES,
    WEIGHT_GOOD_PRACTICE,
    WEIGHT_SHARES_AREA,
    Basis,
)
from s3gen.report.wording import SOURCE_LANGUAGE, locale_of
from s3gen.words import counted as counted  # the report's wording uses it too


def capitalised(text: str) -> str:
    """The text with its first letter a capital, the rest as it is (unlike str.capitalize)."""
    return text[:1].upper() + text[1:]


def in_sentence(text: str) -> str:
    """A name as it reads inside a sentence: its first word in lower case when only its first
    letter is a capital ("Advanced region" -> "advanced region"; "EU regions" stays)."""
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:] == first[1:].lower():
        return text[:1].lower() + text[1:]
    return text


def label(value: str) -> str:
    """An enum value as words: ``support_tools`` -> ``Support tools``."""
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]


def format_date(value: dt.date, language: str = "en") -> str:
    """The date as an edition in ``language`` writes it, by the CLDR (Babel): ``27 November
    2026`` in English, ``27 listopada 2026`` in Polish, ``27. November 2026`` in German; in
    English for a language Babel does not know. Never by the machine's locale (``strftime``
    would print the month in whatever language the build machine is set to)."""
    locale = locale_of(language)
    if locale is None or locale.language == SOURCE_LANGUAGE:
        return babel_date(value, "d MMMM y", locale=SOURCE_LANGUAGE)
    return babel_date(value, "long", locale=locale)


def format_month(value: dt.date) -> str:
    """``Jan 2027``."""
    return f"{value.strftime('%b')} {value.year}"


def format_eur(value: float | None) -> str:
    """``EUR 65,918.75``, ``EUR 400,000``; empty when there is no value."""
    if value is None:
        return ""
    return "EUR " + f"{value:,.2f}".removesuffix(".00")


def format_eur_short(value: float) -> str:
    """An amount for a key figure: ``EUR 1.82 million`` from a million, else as `format_eur`."""
    if abs(value) >= 1_000_000:
        return f"EUR {format_number(round(value / 1_000_000, 2))} million"
    return format_eur(value)


def eur_on_basis(basis: Basis) -> str:
    """An amount and what it rests on: ``EUR 300``, ``EUR 300, all in proposed actions``,
    ``EUR 300, of which EUR 100 in proposed actions``."""
    total = format_eur(basis.total)
    if not basis.proposed:
        return total
    if not basis.documented:
        return f"{total}, all in proposed actions"
    return f"{total}, of which {format_eur(basis.proposed)} in proposed actions"


def money_in_words(basis: Basis) -> str:
    """What an amount rests on, without the amount: ``all in proposed actions``, ``EUR 100 of
    it in proposed actions``, ``all in documented actions``."""
    if not basis.proposed:
        return "all in documented actions"
    if not basis.documented:
        return "all in proposed actions"
    return f"{format_eur(basis.proposed)} of it in proposed actions"


def number_on_basis(basis: Basis) -> str:
    """A sum of indicator values and what it rests on: ``8``, ``8 (all proposed)``,
    ``8 (5 proposed)``."""
    total = format_number(basis.total)
    if not basis.proposed:
        return total
    if not basis.documented:
        return f"{total} (all proposed)"
    return f"{total} ({format_number(basis.proposed)} proposed)"


def count_of_proposals(basis: Basis, noun: str, which: str = "", plural: str = "") -> str:
    """How many of a count are proposals, in words: ``all 23 gaps are proposals``, ``20 of the
    23 actions addressing them are proposals``, ``none of the 3 actions is a proposal``
    (``which`` follows the noun; ``plural`` when it is not the noun + s)."""
    total, proposed = int(basis.total), int(basis.proposed)
    things = f"{plural or noun + 's'}{' ' + which if which else ''}"
    if total == 0:
        return f"there is no {noun}{' ' + which if which else ''}"
    if total == 1:
        return (
            f"the {noun}{' ' + which if which else ''} is {'a' if proposed else 'not a'} proposal"
        )
    if proposed == total:
        return f"{'both' if total == 2 else f'all {total}'} {things} are proposals"
    if not proposed:
        return f"none of the {total} {things} is a proposal"
    verb = "is a proposal" if proposed == 1 else "are proposals"
    return f"{proposed} of the {total} {things} {verb}"


def joint_actions_in_words(count: int, proposed: int) -> str:
    """``7 joint actions (6 proposed)``, ``2 joint actions, both proposed``, ``1 joint action,
    a proposal``, ``no joint action yet``."""
    if not count:
        return "no joint action yet"
    said = f"{count} joint action{'s' if count != 1 else ''}"
    if not proposed:
        return said
    if proposed == count:
        return said + (
            ", a proposal" if count == 1 else ", both proposed" if count == 2 else ", all proposed"
        )
    return f"{said} ({proposed} proposed)"


def format_number(value: float) -> str:
    """``1,000``, ``2.5``: thousands separated, no needless decimals."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# What each reason of the mentor score means, in the words the reports use; "advanced" is the
# strategy's own name of the group (its vocabularies).
CRITERIA = {
    "shares_area": "holds the area",
    "good_practice": "good practice",
    "cooperates": "already in a joint action",
}


def criterion_in_words(criterion: str, advanced: str) -> str:
    """A reason of the mentor score; ``advanced`` is what the strategy calls that group."""
    return in_sentence(advanced) if criterion == "advanced" else CRITERIA[criterion]


def scoring_in_words(advanced: str) -> str:
    """The mentor scoring rule as a sentence; ``advanced`` as in criterion_in_words."""
    return (
        f"{WEIGHT_SHARES_AREA} points when the candidate holds a priority area the gap concerns, "
        f"{WEIGHT_GOOD_PRACTICE} for a good practice of the gap's category, {WEIGHT_ADVANCED} "
        f"when the candidate's development group is “{advanced}”, {WEIGHT_COOPERATES} when "
        "one of the two regions already leads a joint action in which the other is a partner"
    )


# The licences s3gen can name in words, by SPDX id: the name, the legal code's address and what
# a reader may do with the text. Any other id is printed as it is written.
_CC = "https://creativecommons.org/licenses/"
_CREDIT = "provided you give appropriate credit, link to the licence and indicate changes"
_CREDIT_UNCHANGED = "provided you give appropriate credit and link to the licence"
LICENCES: dict[str, tuple[str, str, str]] = {
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        _CC + "by/4.0/",
        f"You may copy, redistribute and adapt the text for any purpose, {_CREDIT}.",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)",
        _CC + "by-sa/4.0/",
        f"You may copy, redistribute and adapt the text for any purpose, {_CREDIT}, and share "
        "adaptations under the same licence.",
    ),
    "CC-BY-NC-4.0": (
        "Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)",
        _CC + "by-nc/4.0/",
        f"You may copy, redistribute and adapt the text for non-commercial purposes, {_CREDIT}.",
    ),
    "CC-BY-ND-4.0": (
        "Creative Commons Attribution-NoDerivatives 4.0 International (CC BY-ND 4.0)",
        _CC + "by-nd/4.0/",
        f"You may copy and redistribute the text unchanged for any purpose, {_CREDIT_UNCHANGED}.",
    ),
    "CC-BY-NC-SA-4.0": (
        "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International (CC BY-NC-SA 4.0)",
        _CC + "by-nc-sa/4.0/",
        f"You may copy, redistribute and adapt the text for non-commercial purposes, {_CREDIT}, "
        "and share adaptations under the same licence.",
    ),
    "CC-BY-NC-ND-4.0": (
        "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International "
        "(CC BY-NC-ND 4.0)",
        _CC + "by-nc-nd/4.0/",
        f"You may copy and redistribute the text unchanged for non-commercial purposes, {_CREDIT}.",
    ),
    "CC0-1.0": (
        "Creative Commons CC0 1.0 Universal (public domain dedication)",
        "https://creativecommons.org/publicdomain/zero/1.0/",
        "You may copy, redistribute and adapt the text for any purpose, without asking permission.",
    ),
}


def how_to_cite(
    editors: list[str], year: int, title: str, version: str, status: str, publisher: str, where: str
) -> str:
    """A citation of the edition: ``Editors (2026). Title. Version 0.1 (draft). Publisher.
    https://doi.org/...``; without editors the publisher stands first, and parts that are not
    known are left out."""
    authors = editors or ([publisher] if publisher else [])
    parts = [f"{'; '.join(authors)} ({year})." if authors else f"{title.rstrip('.')} ({year})."]
    if authors:
        parts.append(title.rstrip(".") + ".")
    parts.append(f"Version {version}{f' ({status})' if status else ''}.")
    if publisher and publisher not in authors:
        parts.append(publisher.rstrip(".") + ".")
    if where:
        parts.append(where)
    return " ".join(parts)
