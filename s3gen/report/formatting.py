"""Words and numbers as the reports print them: labels, dates, amounts."""

from __future__ import annotations

import datetime as dt

from s3gen.analyse import (
    WEIGHT_ADVANCED,
    WEIGHT_COOPERATES,
    WEIGHT_GOOD_PRACTICE,
    WEIGHT_SHARES_AREA,
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
