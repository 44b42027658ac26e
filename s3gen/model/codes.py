"""Code lists and check digits the validator checks against: ISO 3166-1 alpha-2, the NUTS country
prefixes and the ISBN-13 check digit."""

from __future__ import annotations

import functools

# ISO 3166-1 alpha-2, officially assigned codes.
ISO_COUNTRIES = frozenset(
    """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS
BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE
EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM
HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC
LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA
NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW
SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split()  # noqa: SIM905 - a block of codes reads better than a list
)

# NUTS codes start with the ISO code, except Greece (EL) and, historically, the UK (UK).
NUTS_PREFIX = {"GR": "EL", "GB": "UK"}


def nuts_prefix(country: str) -> str:
    """The two letters a NUTS code of ``country`` starts with."""
    return NUTS_PREFIX.get(country, country)


@functools.cache
def _country_names() -> dict[str, str]:
    """English names of every ISO 3166-1 country, from the CLDR (Babel): for the report, and
    for suggestions when an editor writes "Poland" where the code PL is expected."""
    from babel import Locale  # the CLDR's data loads on first use, not at every import

    territories = Locale("en").territories
    return {code: territories.get(code, code) for code in ISO_COUNTRIES}


def country_name(code: str) -> str:
    """The English name of the country ``code`` ('AT' -> 'Austria'); the code if it has none."""
    return _country_names().get(code, code)


def country_code_for(text: str) -> str | None:
    """The ISO code an editor probably meant: 'pl' -> 'PL', 'Poland' -> 'PL'."""
    if text.upper() in ISO_COUNTRIES:
        return text.upper()
    by_name = {name.lower(): code for code, name in _country_names().items()}
    return by_name.get(text.strip().lower())


def isbn13_check_digit(isbn: str) -> int:
    """The check digit that the first twelve digits of an ISBN-13 give (weights 1 and 3 in
    turn); ``isbn`` may hold hyphens."""
    digits = [int(c) for c in isbn if c.isdigit()][:12]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return (10 - total % 10) % 10


def name_language(country: str) -> str | None:
    """The language a place in ``country`` is named in, where the country has one official
    language by the CLDR (Babel): "PL" -> "pl"; None for Finland, Belgium, Norway and the like,
    where the data must say which."""
    from babel.languages import get_official_languages

    found = get_official_languages(country)
    return found[0].replace("_", "-") if len(found) == 1 else None  # the CLDR writes sr_Latn
