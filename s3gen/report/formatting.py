"""Words and numbers as the reports print them: labels, dates, amounts."""

from __future__ import annotations

import datetime as dt

from s3gen.analyse import (
    WEIGHT_ADVANCED,
    WEIGHT_COOPERATES,
    WEIGHT_GOOD_PRACTICE,
    WEIGHT_SHARES_AREA,
    Basis,
)


def label(value: str) -> str:
    """An enum value as words: ``support_tools`` -> ``Support tools``."""
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]


def format_date(value: dt.date) -> str:
    """``27 November 2026``."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


def format_month(value: dt.date) -> str:
    """``Jan 2027``."""
    return f"{value.strftime('%b')} {value.year}"


def format_eur(value: float | None) -> str:
    """``EUR 65,918.75``, ``EUR 400,000``; empty when there is no value."""
    if value is None:
        return ""
    return "EUR " + f"{value:,.2f}".removesuffix(".00")


def eur_on_basis(basis: Basis) -> str:
    """An amount and what it rests on: ``EUR 300``, ``EUR 300, all in proposed actions``,
    ``EUR 300, of which EUR 100 in proposed actions``."""
    total = format_eur(basis.total)
    if not basis.proposed:
        return total
    if not basis.documented:
        return f"{total}, all in proposed actions"
    return f"{total}, of which {format_eur(basis.proposed)} in proposed actions"


def number_on_basis(basis: Basis) -> str:
    """A sum of indicator values and what it rests on: ``8``, ``8 (all proposed)``,
    ``8 (5 proposed)``."""
    total = format_number(basis.total)
    if not basis.proposed:
        return total
    if not basis.documented:
        return f"{total} (all proposed)"
    return f"{total} ({format_number(basis.proposed)} proposed)"


def count_of_proposals(basis: Basis, noun: str, which: str = "") -> str:
    """How many of a count are proposals, in words: ``all 23 gaps are proposals``, ``20 of the
    23 actions addressing them are proposals``, ``none of the 3 actions is a proposal``
    (``which`` follows the noun)."""
    total, proposed = int(basis.total), int(basis.proposed)
    things = f"{noun}s{' ' + which if which else ''}"
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


def format_number(value: float) -> str:
    """``1,000``, ``2.5``: thousands separated, no needless decimals."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# What each reason of the mentor score means, in the words the reports use.
CRITERIA = {
    "shares_area": "holds the area",
    "good_practice": "good practice",
    "advanced": "advanced region",
    "cooperates": "already in a joint action",
}


def scoring_in_words() -> str:
    """The mentor scoring rule as a sentence."""
    return (
        f"{WEIGHT_SHARES_AREA} points when the candidate holds a priority area the gap concerns, "
        f"{WEIGHT_GOOD_PRACTICE} for a good practice of the gap's category, {WEIGHT_ADVANCED} "
        f"for an advanced region, {WEIGHT_COOPERATES} when one of the two regions already "
        "leads a joint action in which the other is a partner"
    )
