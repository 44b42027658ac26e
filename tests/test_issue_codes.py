"""One small fixture per issue code: the exact (code, file, line, path) list it produces.

Each case edits the minimal valid strategy in tests/fixtures/minimal in one way a strategy editor
might, and states every issue expected, so a change that adds noise fails as surely as one that
misses the problem.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from s3gen.errors import CODES, Issue
from tests.conftest import located
from tests.issue_cases import ALPHA, BETA, CASES, GAMMA, VARIANTS


@pytest.mark.parametrize("code", sorted(CASES))
def test_issue_code(code: str, check: Callable[..., list[Issue]]) -> None:
    edits, expected = CASES[code]
    assert located(check(edits)) == expected


def test_every_code_has_a_case() -> None:
    assert sorted(CASES) == sorted(CODES)


def test_minimal_fixture_is_clean(check: Callable[..., list[Issue]]) -> None:
    assert check({}) == []


# Variants an editor is likely to meet, each with its exact result.
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant(name: str, check: Callable[..., list[Issue]]) -> None:
    edits, expected = VARIANTS[name]
    assert located(check(edits)) == expected


def test_crlf_line_endings_are_accepted(check: Callable[..., list[Issue]], minimal) -> None:
    text = (minimal / ALPHA).read_text(encoding="utf-8")
    assert check({ALPHA: text.replace("\n", "\r\n").encode()}) == []


def test_messages_quote_the_culprit_and_the_fix(check: Callable[..., list[Issue]]) -> None:
    issues = check({ALPHA: [("    title: Food", "    title: 1.10"), ("high", "off")]})
    assert [i.message for i in issues] == [
        "'title' should be a text, but YAML read 1.10 as the number 1.1; put it in quotes: "
        'title: "1.10"',
        "'off' is not allowed in 'severity'; allowed: low, medium, high",
    ]


def test_messages_name_what_an_editor_cannot_see(check: Callable[..., list[Issue]]) -> None:
    issues = check(
        {
            ALPHA: [
                ("country: PL", "country: Poland"),
                ("severity: high", "severity: high\u200b"),
                ("start: 2027-01-01", "start: 2027-02-30"),
            ]
        }
    )
    assert [i.message for i in issues] == [
        "'Poland' is not an ISO 3166-1 alpha-2 country code (did you mean 'PL'?)",
        "'high<U+200B>' is not allowed in 'severity' (did you mean 'high'?); allowed: low, "
        "medium, high",
        "'2027-02-30' is written as a date but there is no such day",
    ]


def test_citation_in_a_literal_block_points_at_the_citation(
    check: Callable[..., list[Issue]],
) -> None:
    # A literal block keeps its lines: the issue points at the line and column of the unknown
    # key in the text, not at the '|' of the field.
    block = "  summary: |\n    First line.\n\n    Second [@src-one; @src-on] and\n    [@srcx].\n"
    issues = check({"strategy.yaml": [("  summary: Summary citing [@src-one].\n", block)]})
    assert [(i.code, i.line, i.column, i.path, i.message) for i in issues] == [
        (
            "unknown-reference",
            12,
            23,
            "chapters.summary",
            "unknown source 'src-on' (did you mean 'src-one'?)",
        ),
        (
            "unknown-reference",
            13,
            6,
            "chapters.summary",
            "unknown source 'srcx'; known source ids: src-one, src-two",
        ),
    ]


def test_citation_in_a_literal_block_with_crlf_line_endings(
    check: Callable[..., list[Issue]], minimal
) -> None:
    text = (minimal / "strategy.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "  summary: Summary citing [@src-one].\n", "  summary: |-\n    A [@src-on].\n"
    )
    issues = check({"strategy.yaml": text.replace("\n", "\r\n").encode()})
    assert [(i.line, i.column) for i in issues] == [(10, 8)]


def test_practice_not_mentors_says_what_to_do(check: Callable[..., list[Issue]]) -> None:
    edits = {ALPHA: [("mentors: [beta]", "mentors: [gamma]")], "regions/gamma.yaml": GAMMA}
    assert [i.message for i in check(edits)] == [
        "good practice 'beta-clusters' belongs to 'beta', which is not among the mentors "
        "(gamma): add 'beta' to 'mentors', or draw on a good practice of one of the mentors",
    ]


def test_a_lower_case_country_code_is_told_the_case_not_a_guess(
    check: Callable[..., list[Issue]],
) -> None:
    # A trial editor wrote `country: no`, was told to quote it, wrote `country: "no"` and was then
    # asked "did you mean 'NO'?": one message each way, both naming the code in capitals.
    bare = check({ALPHA: [("country: PL", "country: no")]})
    quoted = check({ALPHA: [("country: no", 'country: "pl"')]})
    assert [(i.code, i.line, i.column, i.message) for i in bare + quoted] == [
        (
            "implicit-type",
            3,
            10,
            "'country' should be a text, but YAML read no as the boolean false; country codes "
            'are upper case and in quotes: country: "NO"',
        ),
        (
            "invalid-format",
            3,
            10,
            "'pl' is not an ISO 3166-1 alpha-2 country code; country codes are upper case: PL",
        ),
    ]


def test_illustrative_on_a_partner_says_how_a_partner_is_marked(
    check: Callable[..., list[Issue]],
) -> None:
    # Priorities, gaps and actions take `illustrative: true`; a partner says the same with its
    # fact status, and a trial editor was only shown the list of a partner's keys.
    issues = check(
        {BETA: [("    name: Beta Institute", "    name: Beta Institute\n    illustrative: true")]}
    )
    assert [
        (i.code, i.file.endswith("beta.yaml"), i.line, i.column, i.path, i.message) for i in issues
    ] == [
        (
            "unknown-key",
            True,
            13,
            5,
            "partners[0].illustrative",
            "unknown key 'illustrative' in a partner: a partner is not marked illustrative; "
            "mark one that is invented or not yet confirmed with status: unconfirmed",
        )
    ]
