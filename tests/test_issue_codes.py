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

A = "strategy/regions/alpha.yaml"
B = "strategy/regions/beta.yaml"
S = "strategy/strategy.yaml"
SRC = "strategy/sources.yaml"
ALPHA = "regions/alpha.yaml"
BETA = "regions/beta.yaml"

GAMMA = """id: gamma
name: Gamma
country: SE
nuts:
  code: SE313
  level: 3
  sources: [src-two]
development_group: advanced
sources: [src-two]
"""

CASES: dict[str, tuple[dict, list[tuple[str, str, int, str]]]] = {
    "missing-file": ({"sources.yaml": None}, [("missing-file", SRC, 1, "")]),
    "not-utf8": (
        {ALPHA: b"id: alpha\nname: Alpha\ncountry: \xff\n"},
        [("not-utf8", A, 3, "")],
    ),
    "file-too-large": (
        {ALPHA: "# padding\n" * 300_000},
        [("file-too-large", A, 1, "")],
    ),
    "empty-file": ({BETA: "# nothing here yet\n"}, [("empty-file", B, 1, "")]),
    "yaml-syntax": (
        {ALPHA: [("name: Alpha", "name: Alpha: the region")]},
        [("yaml-syntax", A, 2, "")],
    ),
    "multiple-documents": (
        {BETA: [("id: beta\n", "id: beta\n---\nid: beta2\n")]},
        [("multiple-documents", B, 2, "")],
    ),
    "yaml-alias": (
        {ALPHA: [("name: Alpha", "name: &n Alpha\nname_en: *n")]},
        [("yaml-alias", A, 2, "name"), ("yaml-alias", A, 3, "name_en")],
    ),
    "yaml-tag": (
        {ALPHA: [("name: Alpha", "name: !!python/object:os.system Alpha")]},
        [("yaml-tag", A, 2, "name")],
    ),
    "too-deep": (
        {ALPHA: [("name: Alpha", "name: " + "[" * 45 + "x" + "]" * 45)]},
        [("too-deep", A, 2, "name" + "[0]" * 39)],
    ),
    "duplicate-key": (
        {ALPHA: [("name: Alpha\n", "name: Alpha\nname: Alpha again\n")]},
        [("duplicate-key", A, 3, "name")],
    ),
    "not-a-mapping": (
        {BETA: "- id: beta\n- name: Beta\n"},
        [("not-a-mapping", B, 1, "")],
    ),
    "unknown-key": (
        {ALPHA: [("    title: Food", "    titel: Food")]},
        [("unknown-key", A, 12, "priorities[0].titel")],
    ),
    "missing-key": (
        {ALPHA: [("    severity: high\n", "")]},
        [("missing-key", A, 17, "gaps[0].severity")],
    ),
    "empty-value": (
        {ALPHA: [("    title: Funding", '    title: ""')]},
        [("empty-value", A, 18, "gaps[0].title")],
    ),
    "wrong-type": (
        {ALPHA: [("    areas: [area-one]", "    areas: area-one")]},
        [("wrong-type", A, 14, "priorities[0].areas")],
    ),
    "implicit-type": (
        {
            "strategy.yaml": [('version: "1.0"', "version: 1.0")],
            ALPHA: [
                ("name: Alpha", "name: yes"),
                ("    topic: Cluster support", "    topic: 2027"),
            ],
        },
        [
            ("implicit-type", A, 2, "name"),
            ("implicit-type", A, 36, "peer_learning[0].topic"),
            ("implicit-type", S, 4, "document.version"),
        ],
    ),
    "invalid-value": (
        {ALPHA: [("severity: high", "severity: hihg")]},
        [("invalid-value", A, 21, "gaps[0].severity")],
    ),
    "invalid-id": (
        {ALPHA: [("  - id: alpha-food", "  - id: Alpha_Food")]},
        [("invalid-id", A, 11, "priorities[0].id")],
    ),
    "invalid-format": (
        {ALPHA: [("country: PL", "country: pl")]},
        [("invalid-format", A, 3, "country")],
    ),
    "out-of-range": (
        {BETA: [("budget_eur: 1000", "budget_eur: -5")]},
        [("out-of-range", B, 41, "actions[0].budget_eur")],
    ),
    "duplicate-id": (
        {BETA: [("  - id: beta-health", "  - id: alpha-food")]},
        [("duplicate-id", B, 15, "priorities[0].id")],
    ),
    "id-file-mismatch": (
        {ALPHA: [("id: alpha\n", "id: alfa\n")]},
        [("id-file-mismatch", A, 1, "id")],
    ),
    "unknown-reference": (
        {ALPHA: [("areas: [area-one]", "areas: [area-on]")]},
        [("unknown-reference", A, 14, "priorities[0].areas[0]")],
    ),
    "nuts-country-mismatch": (
        {ALPHA: [("code: PL84", "code: DE84")]},
        [("nuts-country-mismatch", A, 5, "nuts.code")],
    ),
    "nuts-level-mismatch": (
        {ALPHA: [("level: 2", "level: 3")]},
        [("nuts-level-mismatch", A, 6, "nuts.level")],
    ),
    "nuts-parent-mismatch": (
        {ALPHA: [("  level: 2\n", "  level: 2\n  parent: PL9\n")]},
        [("nuts-parent-mismatch", A, 7, "nuts.parent")],
    ),
    "mentor-is-learner": (
        {ALPHA: [("mentors: [beta]", "mentors: [beta, alpha]")]},
        [("mentor-is-learner", A, 37, "peer_learning[0].mentors")],
    ),
    "practice-not-mentors": (
        {ALPHA: [("mentors: [beta]", "mentors: [gamma]")], "regions/gamma.yaml": GAMMA},
        [("practice-not-mentors", A, 38, "peer_learning[0].good_practice")],
    ),
    "gap-not-learners": (
        {ALPHA: [("gap: alpha-funding", "gap: beta-skills")]},
        [("gap-not-learners", A, 39, "peer_learning[0].gap")],
    ),
    "end-before-start": (
        {ALPHA: [("end: 2028-12-31", "end: 2026-12-31")]},
        [("end-before-start", A, 32, "actions[0].end")],
    ),
    "scope-mismatch": (
        {ALPHA: [("    partner_regions: [beta]\n", "")]},
        [("scope-mismatch", A, 27, "actions[0].scope")],
    ),
    "unsourced-fact": (
        {ALPHA: [("    areas: [area-one]\n    sources: [src-two]\n", "    areas: [area-one]\n")]},
        [("unsourced-fact", A, 11, "priorities[0].sources")],
    ),
    "gap-unaddressed": (
        {BETA: [("    gaps: [beta-skills]\n", "")]},
        [("gap-unaddressed", B, 27, "gaps[0].id")],
    ),
    "region-without-peer-learning": (
        {"regions/gamma.yaml": GAMMA},
        [("region-without-peer-learning", "strategy/regions/gamma.yaml", 1, "id")],
    ),
    "area-unused": (
        {BETA: [("areas: [area-two]", "areas: [area-one]")]},
        [("area-unused", S, 19, "priority_areas[1].id")],
    ),
    "source-uncited": (
        {
            "sources.yaml": [
                (
                    "    url: https://example.org/two\n",
                    "    url: https://example.org/two\n  - id: src-three\n    title: Three\n",
                )
            ]
        },
        [("source-uncited", SRC, 8, "sources[2].id")],
    ),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_issue_code(code: str, check: Callable[..., list[Issue]]) -> None:
    edits, expected = CASES[code]
    assert located(check(edits)) == expected


def test_every_code_has_a_case() -> None:
    assert sorted(CASES) == sorted(CODES)


def test_minimal_fixture_is_clean(check: Callable[..., list[Issue]]) -> None:
    assert check({}) == []
