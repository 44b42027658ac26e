"""The one table of text formats: what an id, a country code, a web address, a language tag, a
NUTS code, an indicator code or a version must look like.

The converter checks values against it and words its messages from it; the JSON Schema is
generated from it, so the two cannot disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from s3gen import model
from s3gen.errors import ACCEPTABLE_CODES
from s3gen.model.codes import ISO_COUNTRIES

# Used with fullmatch() (in Python "$" also matches before a final newline); the ^...$ form is
# what the JSON Schema needs.
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CODE_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")
LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
FINGERPRINT_RE = re.compile(r"^[0-9a-f]{12}$")
NUTS_RE = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
INDICATOR_RE = re.compile(r"^RC[OR][0-9]{2,3}$")
# The host holds a dot after its first character. Each run of the pattern stops at a character
# the next part needs (a dot, then one of / ? # or the end), so a value that fails is refused
# after one pass: 50,000 dots take a millisecond, where the older "[^\s/?#]+\.[^\s/?#]+" tried
# every split of the host (46 s). tests/test_linear_cost.py checks every pattern for this.
URL_RE = re.compile(r"^https?://[^\s/?#][^\s/?#.]*\.[^\s/?#]+(?:[/?#]\S*)?$")
VERSION_RE = re.compile(rf"^[0-9A-Za-z][0-9A-Za-z._-]{{0,{model.LONGEST_NAME_PART - 1}}}$")
# Two years from 1900 to 2199 (the dates the converter accepts); that the first is not after the
# second is checked by the validator.
PERIOD_RE = re.compile(r"^(?:19|2[01])[0-9]{2}-(?:19|2[01])[0-9]{2}$")
# A DOI: "10.", a registrant code of digits and dots, a slash and a suffix without spaces.
DOI_RE = re.compile(r"^10\.[0-9]{4,9}(?:\.[0-9]+)*/\S+$")
# An ISBN-13: 978 or 979 and ten more digits, single hyphens allowed between digits (the check
# digit is checked by the validator).
ISBN_RE = re.compile(r"^97[89](?:-?[0-9]){10}$")
# A path inside the strategy folder: relative, "/" between parts, no part "." or "..", no
# backslash or control character; that the file exists and is an image is checked by the
# validator. A part starts with a character other than a dot, or with a dot and another character
# than a dot, or with two dots and more: decided one character at a time, never backtracking.
_NAME = r"[^/\\\x00-\x1f]"  # a character of a file name
_NOT_DOT = r"[^./\\\x00-\x1f]"
_PART = rf"(?:{_NOT_DOT}|\.(?:{_NOT_DOT}|\.{_NAME})){_NAME}*"
LOGO_FILE_RE = re.compile(rf"^{_PART}(?:/{_PART})*$")
# A citation in Markdown: [@source-id] or [@one; @two].
CITATION_RE = re.compile(r"\[(@[^\[\]]+)\]")


@dataclass(frozen=True)
class TextFormat:
    expected: str  # how a message names a value of this format
    malformed: str  # the message for a value that is not one; {text} is the value
    pattern: re.Pattern[str] | None = None
    allowed: frozenset[str] | None = None  # instead of a pattern: the values there are
    issue_code: str = "invalid-format"
    schema_format: str | None = None  # JSON Schema's "format" keyword, where one fits

    def accepts(self, text: str) -> bool:
        if self.allowed is not None:
            return text in self.allowed
        return self.pattern is None or self.pattern.fullmatch(text) is not None


FORMATS: dict[object, TextFormat] = {
    model.Id: TextFormat(
        "an id (lowercase letters, digits and hyphens)",
        "'{text}' is not a valid id: use lowercase letters, digits and single hyphens",
        ID_RE,
        issue_code="invalid-id",
    ),
    model.Code: TextFormat(
        "a code (lowercase letters and digits, joined by hyphens or underscores)",
        "'{text}' is not a valid code: use lowercase letters and digits, joined by single "
        "hyphens or underscores",
        CODE_RE,
        issue_code="invalid-id",
    ),
    model.CountryCode: TextFormat(
        "a country code such as PL",
        "'{text}' is not an ISO 3166-1 alpha-2 country code",
        allowed=ISO_COUNTRIES,
    ),
    model.Url: TextFormat(
        "a web address",
        "'{text}' is not a web address; it must start with https:// or http://",
        URL_RE,
        schema_format="uri",
    ),
    model.LanguageCode: TextFormat(
        "a language tag such as en",
        "'{text}' is not a language tag such as 'en' or 'pl'",
        LANGUAGE_RE,
    ),
    model.Fingerprint: TextFormat(
        "a fingerprint: 12 digits and letters a to f",
        "'{text}' is not a fingerprint (12 digits and letters a to f, as `s3gen translate "
        "extract` writes it)",
        FINGERPRINT_RE,
    ),
    model.NutsCodeStr: TextFormat(
        "a NUTS code such as PL84",
        "'{text}' is not a NUTS code: two capital letters and up to three letters or digits, "
        "e.g. PL84",
        NUTS_RE,
    ),
    model.IndicatorCode: TextFormat(
        "an Interreg indicator code such as RCO87",
        "'{text}' is not an Interreg indicator code such as RCO87 or RCR79",
        INDICATOR_RE,
    ),
    # At most model.LONGEST_NAME_PART characters: part of the PDF's file name.
    model.Version: TextFormat(
        'a version such as "1.0"',
        "'{text}' is not a version such as 1.0 or 2027-draft: it becomes part of the PDF's file "
        f"name, so use at most {model.LONGEST_NAME_PART} letters, digits, '.', '-' and '_', "
        "starting with a letter or digit",
        VERSION_RE,
    ),
    model.Period: TextFormat(
        'a period of years such as "2021-2027"',
        "'{text}' is not a period of years: write the first and the last year covered, "
        'quoted, e.g. "2021-2027"',
        PERIOD_RE,
    ),
    model.Doi: TextFormat(
        "a DOI such as 10.2760/12345",
        "'{text}' is not a DOI: a DOI starts with 10., a registrant code and a slash, e.g. "
        "10.2760/12345 (write it without https://doi.org/)",
        DOI_RE,
    ),
    model.Isbn: TextFormat(
        "an ISBN-13 such as 978-3-16-148410-0",
        "'{text}' is not an ISBN-13: 978 or 979 and ten more digits, hyphens allowed",
        ISBN_RE,
    ),
    model.LogoFile: TextFormat(
        "a path inside the strategy folder such as logos/programme.svg",
        "'{text}' is not a path inside the strategy folder: write it relative to the folder, "
        "with '/' between folders and without '..', e.g. logos/programme.svg",
        LOGO_FILE_RE,
    ),
    # An error cannot be accepted, nor a placeholder or a glossary warning: each is fixed.
    model.WarningCode: TextFormat(
        "the code of a warning",
        "'{text}' is not the code of a warning that can be accepted; errors, placeholders and "
        "the glossary's warnings are fixed instead (the codes: "
        + ", ".join(sorted(ACCEPTABLE_CODES))
        + ")",
        allowed=ACCEPTABLE_CODES,
        issue_code="invalid-value",
    ),
}


class ImageFormat(StrEnum):
    """The formats a logo may have (told by its content: `source/images.py`)."""

    PNG = "PNG"
    SVG = "SVG"


# The media type of each, as the page embeds a logo (a data: address) and the PDF build reads it.
MEDIA_TYPES: dict[ImageFormat, str] = {
    ImageFormat.PNG: "image/png",
    ImageFormat.SVG: "image/svg+xml",
}
