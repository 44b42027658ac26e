"""Words and numbers as the reports print them: labels, dates, amounts, in the edition's
language.

Every function here that prints a word or a number takes the edition's language (a BCP 47 tag,
the strategy's ``document.language``), as `format_date` does: one process may build editions in
several languages (and PDF workers fork), so there is no process-wide "current language". The
words go through that language's gettext catalog (`wording.translations`); numbers, amounts and
dates follow its CLDR locale (Babel), never the machine's locale. English, the default, and a
language Babel does not know are printed as s3gen has always printed them. Tables of words at
module level mark them with ``N_``/``NN_`` for the catalogs (tools/catalogs.py); they are
translated where they are printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_skeleton
from babel.numbers import format_compact_currency, format_currency, format_decimal

from s3gen import model
from s3gen.analyse import (
    WEIGHT_ADVANCED,
    WEIGHT_COOPERATES,
    WEIGHT_GOOD_PRACTICE,
    WEIGHT_SHARES_AREA,
    Basis,
)
from s3gen.report.wording import N_, NN_, SOURCE_LANGUAGE, locale_of, translations
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


# The words of each enum value, one table per enum: the label as it stands alone (a table cell,
# a badge) and, for the enums the report also names inside a sentence ("Version 0.1 (draft)",
# "funding 2/3"), the words there; None where a sentence never names it (the label in lower
# case then). A language such as German keeps a noun's capital inside a sentence, so the catalog
# gives that form too instead of s3gen lowering the label.
LABELS: Mapping[type[StrEnum], Mapping[str, tuple[str, str | None]]] = {
    model.PartnerRole: {
        "lead_partner": (N_("Lead partner"), N_("lead partner")),
        "project_partner": (N_("Project partner"), N_("project partner")),
        "associated_organisation": (N_("Associated organisation"), N_("associated organisation")),
    },
    model.GapCategory: {
        "funding": (N_("Funding"), N_("funding")),
        "skills": (N_("Skills"), N_("skills")),
        "cooperation": (N_("Cooperation"), N_("cooperation")),
        "support_tools": (N_("Support tools"), N_("support tools")),
        "infrastructure": (N_("Infrastructure"), N_("infrastructure")),
        "regulation": (N_("Regulation"), N_("regulation")),
        "internationalisation": (N_("Internationalisation"), N_("internationalisation")),
        "governance": (N_("Governance"), N_("governance")),
        "data_and_monitoring": (N_("Data and monitoring"), N_("data and monitoring")),
    },
    model.Severity: {
        "low": (N_("Low"), N_("low")),
        "medium": (N_("Medium"), N_("medium")),
        "high": (N_("High"), N_("high")),
    },
    model.ActionScope: {
        "regional": (N_("Regional"), None),
        "transnational": (N_("Transnational"), None),
    },
    model.ActionStatus: {
        "proposed": (N_("Proposed"), N_("proposed")),
        "planned": (N_("Planned"), N_("planned")),
        "ongoing": (N_("Ongoing"), N_("ongoing")),
        "completed": (N_("Completed"), N_("completed")),
    },
    model.IndicatorType: {
        "output": (N_("Output"), None),
        "result": (N_("Result"), None),
    },
    model.LearningFormat: {
        "study_visit": (N_("Study visit"), None),
        "workshop": (N_("Workshop"), None),
        "mentoring": (N_("Mentoring"), None),
        "twinning": (N_("Twinning"), None),
        "staff_exchange": (N_("Staff exchange"), None),
        "peer_review": (N_("Peer review"), None),
    },
    model.SourceKind: {
        "official_document": (N_("Official document"), None),
        "official_web_page": (N_("Official web page"), None),
        "secondary_copy": (N_("Secondary copy"), None),
        "news": (N_("News"), None),
        "statistics": (N_("Statistics"), None),
    },
    model.DocumentStatus: {
        "draft": (N_("Draft"), N_("draft")),
        "final": (N_("Final"), N_("final")),
    },
}
# What a smart specialisation strategy of each scope is called in a region's facts.
S3_STRATEGIES = {"regional": N_("regional strategy"), "national": N_("national strategy")}


def _words(value: str) -> str:
    text = str(value).replace("_", " ")
    return text[:1].upper() + text[1:]


def _words_of(value: str) -> tuple[str, str | None] | None:
    table = LABELS.get(type(value)) if isinstance(value, StrEnum) else None
    return None if table is None else table.get(str(value))


def label(value: str, language: str = SOURCE_LANGUAGE) -> str:
    """An enum value as words in the edition's language: ``support_tools`` -> ``Support
    tools``; a value no table holds is spelt out in English."""
    words = _words_of(value)
    return _words(value) if words is None else translations(language).gettext(words[0])


def label_in_text(value: str, language: str = SOURCE_LANGUAGE) -> str:
    """An enum value as it reads inside a sentence: ``draft``, ``support tools`` (the label in
    lower case in English)."""
    words = _words_of(value)
    if words is None or words[1] is None:
        return label(value, language).lower()
    return translations(language).gettext(words[1])


def _cldr(language: str) -> Locale | None:
    """The CLDR locale whose rules the numbers and dates of an edition in ``language`` follow;
    None where s3gen prints its own English forms (English, or a language Babel does not
    know)."""
    locale = locale_of(language)
    if locale is None or locale.language == SOURCE_LANGUAGE:
        return None
    return locale


def format_date(value: dt.date, language: str = SOURCE_LANGUAGE) -> str:
    """The date as an edition in ``language`` writes it, by the CLDR (Babel): ``27 November
    2026`` in English, ``27 listopada 2026`` in Polish, ``27. November 2026`` in German; in
    English for a language Babel does not know. Never by the machine's locale (``strftime``
    would print the month in whatever language the build machine is set to)."""
    locale = _cldr(language)
    if locale is None:
        return babel_date(value, "d MMMM y", locale=SOURCE_LANGUAGE)
    return babel_date(value, "long", locale=locale)


def format_month(value: dt.date, language: str = SOURCE_LANGUAGE) -> str:
    """A month as a table prints it: ``Jan 2027``; ``sty 2027`` in Polish, ``Jan. 2027`` in
    German (the locale's own short form and order, by the CLDR; never the machine's locale)."""
    locale = _cldr(language)
    if locale is None:
        return babel_date(value, "MMM y", locale=SOURCE_LANGUAGE)
    return format_skeleton("yMMM", value, locale=locale)


def format_number(value: float, language: str = SOURCE_LANGUAGE) -> str:
    """``1,000``, ``2.5``: thousands separated, no needless decimals (at most two); in another
    language by its locale (``1 000``, ``2,5`` in Polish; ``1.000`` in German)."""
    locale = _cldr(language)
    if locale is None:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return format_decimal(round(value, 2), locale=locale)


def format_count(count: int, language: str = SOURCE_LANGUAGE) -> str:
    """A count as a sentence prints it: ``1,234`` (as `counted` does), by the locale in another
    language."""
    return format_number(count, language)


def format_eur(value: float | None, language: str = SOURCE_LANGUAGE) -> str:
    """``EUR 65,918.75``, ``EUR 400,000``; empty when there is no value. In another language
    by its locale: ``65 918,75 €``, ``400 000 €`` in Polish, ``65.918,75 €`` in German (no
    decimals for a whole amount, as in English)."""
    if value is None:
        return ""
    locale = _cldr(language)
    if locale is None:
        return "EUR " + f"{value:,.2f}".removesuffix(".00")
    if f"{value:.2f}".endswith(".00"):
        whole = locale.currency_formats["standard"].pattern.replace(".00", "")
        return format_currency(value, "EUR", whole, locale=locale, currency_digits=False)
    return format_currency(value, "EUR", locale=locale)


def format_eur_short(value: float, language: str = SOURCE_LANGUAGE) -> str:
    """An amount for a key figure: ``EUR 1.82 million`` from a million, else as `format_eur`;
    in another language the locale's compact form (``1,82 mln €``, ``1,82 Mio. €``)."""
    if abs(value) < 1_000_000:
        return format_eur(value, language)
    locale = _cldr(language)
    if locale is None:
        return f"EUR {format_number(round(value / 1_000_000, 2))} million"
    return format_compact_currency(value, "EUR", locale=locale, fraction_digits=2)


def eur_on_basis(basis: Basis, language: str = SOURCE_LANGUAGE) -> str:
    """An amount and what it rests on: ``EUR 300``, ``EUR 300, all in proposed actions``,
    ``EUR 300, of which EUR 100 in proposed actions``."""
    t = translations(language)
    total = format_eur(basis.total, language)
    if not basis.proposed:
        return total
    if not basis.documented:
        return t.gettext("%(total)s, all in proposed actions") % {"total": total}
    return t.gettext("%(total)s, of which %(proposed)s in proposed actions") % {
        "total": total,
        "proposed": format_eur(basis.proposed, language),
    }


def money_in_words(basis: Basis, language: str = SOURCE_LANGUAGE) -> str:
    """What an amount rests on, without the amount: ``all in proposed actions``, ``EUR 100 of
    it in proposed actions``, ``all in documented actions``."""
    t = translations(language)
    if not basis.proposed:
        return t.gettext("all in documented actions")
    if not basis.documented:
        return t.gettext("all in proposed actions")
    return t.gettext("%(amount)s of it in proposed actions") % {
        "amount": format_eur(basis.proposed, language)
    }


def number_on_basis(basis: Basis, language: str = SOURCE_LANGUAGE) -> str:
    """A sum of indicator values and what it rests on: ``8``, ``8 (all proposed)``,
    ``8 (5 proposed)``."""
    t = translations(language)
    total = format_number(basis.total, language)
    if not basis.proposed:
        return total
    if not basis.documented:
        return t.gettext("%(total)s (all proposed)") % {"total": total}
    return t.gettext("%(total)s (%(proposed)s proposed)") % {
        "total": total,
        "proposed": format_number(basis.proposed, language),
    }


@dataclass(frozen=True)
class ProposalWords:
    """How many of a count of one kind of item are proposals, in whole sentences (so that a
    translation can put the words in its own order): by `count_of_proposals`'s cases."""

    none: str  # there is no item
    one_proposed: str  # one item, a proposal
    one_documented: str  # one item, not a proposal
    both: str  # two items, both proposals
    all: tuple[str, str]  # every one of %(total)s (three or more), by ngettext of the total
    none_of: tuple[str, str]  # none of %(total)s, by ngettext of the total
    some: tuple[str, str]  # %(proposed)s of %(total)s, by ngettext of the proposals


# By noun and the words that follow it, as count_of_proposals is called.
PROPOSAL_WORDS: Mapping[tuple[str, str], ProposalWords] = {
    ("gap", ""): ProposalWords(
        N_("there is no gap"),
        N_("the gap is a proposal"),
        N_("the gap is not a proposal"),
        N_("both gaps are proposals"),
        NN_("all %(total)s gap is a proposal", "all %(total)s gaps are proposals"),
        NN_("none of the %(total)s gap is a proposal", "none of the %(total)s gaps is a proposal"),
        NN_(
            "%(proposed)s of the %(total)s gaps is a proposal",
            "%(proposed)s of the %(total)s gaps are proposals",
        ),
    ),
    ("action", ""): ProposalWords(
        N_("there is no action"),
        N_("the action is a proposal"),
        N_("the action is not a proposal"),
        N_("both actions are proposals"),
        NN_("all %(total)s action is a proposal", "all %(total)s actions are proposals"),
        NN_(
            "none of the %(total)s action is a proposal",
            "none of the %(total)s actions is a proposal",
        ),
        NN_(
            "%(proposed)s of the %(total)s actions is a proposal",
            "%(proposed)s of the %(total)s actions are proposals",
        ),
    ),
    ("action", "addressing them"): ProposalWords(
        N_("there is no action addressing them"),
        N_("the action addressing them is a proposal"),
        N_("the action addressing them is not a proposal"),
        N_("both actions addressing them are proposals"),
        NN_(
            "all %(total)s action addressing them is a proposal",
            "all %(total)s actions addressing them are proposals",
        ),
        NN_(
            "none of the %(total)s action addressing them is a proposal",
            "none of the %(total)s actions addressing them is a proposal",
        ),
        NN_(
            "%(proposed)s of the %(total)s actions addressing them is a proposal",
            "%(proposed)s of the %(total)s actions addressing them are proposals",
        ),
    ),
    ("priority", ""): ProposalWords(
        N_("there is no priority"),
        N_("the priority is a proposal"),
        N_("the priority is not a proposal"),
        N_("both priorities are proposals"),
        NN_("all %(total)s priority is a proposal", "all %(total)s priorities are proposals"),
        NN_(
            "none of the %(total)s priority is a proposal",
            "none of the %(total)s priorities is a proposal",
        ),
        NN_(
            "%(proposed)s of the %(total)s priorities is a proposal",
            "%(proposed)s of the %(total)s priorities are proposals",
        ),
    ),
}


def _english_count_of_proposals(
    total: int, proposed: int, noun: str, which: str, plural: str
) -> str:
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


def count_of_proposals(
    basis: Basis, noun: str, which: str = "", plural: str = "", language: str = SOURCE_LANGUAGE
) -> str:
    """How many of a count are proposals, in words: ``all 23 gaps are proposals``, ``20 of the
    23 actions addressing them are proposals``, ``none of the 3 actions is a proposal``
    (``which`` follows the noun; ``plural`` when it is not the noun + s). The nouns of
    PROPOSAL_WORDS are said in the edition's language; another is said in English."""
    total, proposed = int(basis.total), int(basis.proposed)
    words = PROPOSAL_WORDS.get((noun, which))
    if words is None:
        return _english_count_of_proposals(total, proposed, noun, which, plural)
    t = translations(language)
    counts = {"total": total, "proposed": proposed}
    if total == 0:
        return t.gettext(words.none)
    if total == 1:
        return t.gettext(words.one_proposed if proposed else words.one_documented)
    if proposed == total:
        if total == 2:
            return t.gettext(words.both)
        return t.ngettext(*words.all, total) % counts
    if not proposed:
        return t.ngettext(*words.none_of, total) % counts
    return t.ngettext(*words.some, proposed) % counts


def joint_actions_in_words(count: int, proposed: int, language: str = SOURCE_LANGUAGE) -> str:
    """``7 joint actions (6 proposed)``, ``2 joint actions, both proposed``, ``1 joint action,
    a proposal``, ``no joint action yet``."""
    t = translations(language)
    counts = {"count": count, "proposed": proposed}
    if not count:
        return t.gettext("no joint action yet")
    if not proposed:
        return t.ngettext("%(count)s joint action", "%(count)s joint actions", count) % counts
    if proposed == count:
        if count == 1:
            return t.gettext("1 joint action, a proposal")
        if count == 2:
            return t.gettext("2 joint actions, both proposed")
        return (
            t.ngettext(
                "%(count)s joint action, all proposed",
                "%(count)s joint actions, all proposed",
                count,
            )
            % counts
        )
    return (
        t.ngettext(
            "%(count)s joint action (%(proposed)s proposed)",
            "%(count)s joint actions (%(proposed)s proposed)",
            count,
        )
        % counts
    )


# What each reason of the mentor score means, in the words the reports use; "advanced" is the
# strategy's own name of the group (its vocabularies).
CRITERIA = {
    "shares_area": N_("holds the area"),
    "good_practice": N_("good practice"),
    "cooperates": N_("already in a joint action"),
}


def criterion_in_words(criterion: str, advanced: str, language: str = SOURCE_LANGUAGE) -> str:
    """A reason of the mentor score; ``advanced`` is what the strategy calls that group."""
    if criterion == "advanced":
        return in_sentence(advanced)
    return translations(language).gettext(CRITERIA[criterion])


def scoring_in_words(advanced: str, language: str = SOURCE_LANGUAGE) -> str:
    """The mentor scoring rule as a sentence; ``advanced`` as in criterion_in_words."""
    return translations(language).gettext(
        "%(area)s points when the candidate holds a priority area the gap concerns, "
        "%(practice)s for a good practice of the gap's category, %(advanced)s when the "
        "candidate's development group is “%(group)s”, %(cooperates)s when one of the two "
        "regions already leads a joint action in which the other is a partner"
    ) % {
        "area": WEIGHT_SHARES_AREA,
        "practice": WEIGHT_GOOD_PRACTICE,
        "advanced": WEIGHT_ADVANCED,
        "group": advanced,
        "cooperates": WEIGHT_COOPERATES,
    }


# The licences s3gen can name in words, by SPDX id: the name, the legal code's address and what
# a reader may do with the text (in English, marked for the catalogs: an edition prints them in
# its language, `licence_in_words`). Any other id is printed as it is written.
_CC = "https://creativecommons.org/licenses/"
LICENCES: dict[str, tuple[str, str, str]] = {
    "CC-BY-4.0": (
        N_("Creative Commons Attribution 4.0 International (CC BY 4.0)"),
        _CC + "by/4.0/",
        N_(
            "You may copy, redistribute and adapt the text for any purpose, provided you give "
            "appropriate credit, link to the licence and indicate changes."
        ),
    ),
    "CC-BY-SA-4.0": (
        N_("Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"),
        _CC + "by-sa/4.0/",
        N_(
            "You may copy, redistribute and adapt the text for any purpose, provided you give "
            "appropriate credit, link to the licence and indicate changes, and share "
            "adaptations under the same licence."
        ),
    ),
    "CC-BY-NC-4.0": (
        N_("Creative Commons Attribution-NonCommercial 4.0 International (CC BY-NC 4.0)"),
        _CC + "by-nc/4.0/",
        N_(
            "You may copy, redistribute and adapt the text for non-commercial purposes, provided "
            "you give appropriate credit, link to the licence and indicate changes."
        ),
    ),
    "CC-BY-ND-4.0": (
        N_("Creative Commons Attribution-NoDerivatives 4.0 International (CC BY-ND 4.0)"),
        _CC + "by-nd/4.0/",
        N_(
            "You may copy and redistribute the text unchanged for any purpose, provided you give "
            "appropriate credit and link to the licence."
        ),
    ),
    "CC-BY-NC-SA-4.0": (
        N_(
            "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International "
            "(CC BY-NC-SA 4.0)"
        ),
        _CC + "by-nc-sa/4.0/",
        N_(
            "You may copy, redistribute and adapt the text for non-commercial purposes, provided "
            "you give appropriate credit, link to the licence and indicate changes, and share "
            "adaptations under the same licence."
        ),
    ),
    "CC-BY-NC-ND-4.0": (
        N_(
            "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International "
            "(CC BY-NC-ND 4.0)"
        ),
        _CC + "by-nc-nd/4.0/",
        N_(
            "You may copy and redistribute the text unchanged for non-commercial purposes, "
            "provided you give appropriate credit, link to the licence and indicate changes."
        ),
    ),
    "CC0-1.0": (
        N_("Creative Commons CC0 1.0 Universal (public domain dedication)"),
        "https://creativecommons.org/publicdomain/zero/1.0/",
        N_(
            "You may copy, redistribute and adapt the text for any purpose, without asking "
            "permission."
        ),
    ),
}


def licence_in_words(code: str, language: str = SOURCE_LANGUAGE) -> tuple[str, str, str]:
    """The licence ``code`` in the edition's language: its name, the legal code's address and
    what a reader may do with the text; the code itself (and no address, no sentence) for a
    licence s3gen does not know."""
    if code not in LICENCES:
        return code, "", ""
    name, url, reuse = LICENCES[code]
    t = translations(language)
    return t.gettext(name), url, t.gettext(reuse)


def how_to_cite(
    editors: list[str],
    year: int,
    title: str,
    version: str,
    status: str,
    publisher: str,
    where: str,
    language: str = SOURCE_LANGUAGE,
) -> str:
    """A citation of the edition: ``Editors (2026). Title. Version 0.1 (draft). Publisher.
    https://doi.org/...``; without editors the publisher stands first, and parts that are not
    known are left out."""
    t = translations(language)
    authors = editors or ([publisher] if publisher else [])
    parts = [f"{'; '.join(authors)} ({year})." if authors else f"{title.rstrip('.')} ({year})."]
    if authors:
        parts.append(title.rstrip(".") + ".")
    if status:
        parts.append(
            t.gettext("Version %(version)s (%(status)s).") % {"version": version, "status": status}
        )
    else:
        parts.append(t.gettext("Version %(version)s.") % {"version": version})
    if publisher and publisher not in authors:
        parts.append(publisher.rstrip(".") + ".")
    if where:
        parts.append(where)
    return " ".join(parts)
