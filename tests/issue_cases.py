"""The fixture cases of every issue code and of variants of them: edits to the minimal strategy
and the exact (code, file, line, path) list each produces. Shared by the validation tests and the
schema tests (which check the schema agrees with the validator on them)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

from s3gen.model.translations import fingerprint
from tests.conftest import FIXTURES

FIXTURES_MINIMAL = FIXTURES / "minimal" / "strategy"

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


# A third source, appended to sources.yaml with the given lines (from line 8), that alpha's
# priority cites instead of src-two (line 15).
def third_source(*lines: str) -> dict:
    return {
        "sources.yaml": [
            (
                "    url: https://example.org/two\n",
                "    url: https://example.org/two\n  - id: src-three\n    title: Three\n"
                + "".join(f"    {line}\n" for line in lines),
            )
        ],
        ALPHA: [
            (
                "    areas: [area-one]\n    sources: [src-two]",
                "    areas: [area-one]\n    sources: [src-three]",
            )
        ],
    }


def appended(text: str) -> dict:
    """Lines added to the end of strategy.yaml, the first of them line 23."""
    end = "    description: The second area.\n    sources: [src-one]\n"
    return {"strategy.yaml": [(end, end + text)]}


def logo(name: str, data: bytes | None = None, alt: str = "The programme's logo") -> dict:
    """A funder block showing one logo, the file ``name`` holding ``data`` (when given): the
    logo's file is on line 26 of strategy.yaml, its alt text on line 27."""

    def write(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data or b"")

    block = appended(
        "funding:\n  statement: Funded by the programme.\n  logos:\n"
        f"    - file: {name}\n      alt: {alt}\n"
    )
    return block if data is None else {**block, name: write}


# The smallest PNG image: one red pixel.
def tiny_png(width: int = 1, height: int = 1) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # one row of one pixel, whatever the size
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


TINY_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 12 4">'
    b'<rect width="12" height="4" fill="#036"/></svg>\n'
)


PL_ALPHA = "strategy/translations/pl/regions/alpha.yaml"


def polish(items: dict[str, dict[str, tuple[str, str]]], status: str = "draft") -> dict:
    """A Polish translation of alpha.yaml: for each item and field, the English text it was
    made from and the translation (the item's key on line 3, its first field on line 4)."""
    lines = [f"status: {status}", "texts:"]
    for item, fields in items.items():
        lines.append(f"  {item}:")
        for name, (source, text) in fields.items():
            lines += [f"    {name}:", f"      fingerprint: {fingerprint(source)}"]
            lines.append(f"      text: {text}")
    return {"translations/pl/regions/alpha.yaml": "\n".join(lines) + "\n"}


def with_accepted(edits: dict, code: str, reason: str = "The copy is the only one kept.") -> dict:
    """``edits`` and alpha's priority accepting warning ``code`` (lines 16-18)."""
    accepted = f"    accepted:\n      - code: {code}\n        reason: {reason}\n"
    alpha = edits.get(ALPHA, [("    areas: [area-one]\n    sources: [src-two]\n", None)])
    (old, new), *rest = alpha
    new = (new if new is not None else old.rstrip("\n")).rstrip("\n") + "\n" + accepted
    return {**edits, ALPHA: [(old.rstrip("\n") + "\n", new), *rest]}


CASES: dict[str, tuple[dict, list[tuple[str, str, int, str]]]] = {
    "missing-file": ({"sources.yaml": None}, [("missing-file", SRC, 1, "")]),
    "outside-strategy": (
        {BETA: lambda path: (path.unlink(), path.symlink_to("/etc/hostname"))},
        [("outside-strategy", B, 1, "")],
    ),
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
    "comment-in-text": (
        {ALPHA: [("    title: Funding", "    title: Funding #1 gap")]},
        [("comment-in-text", A, 18, "gaps[0].title")],
    ),
    "ignored-file": (
        {"regions/alpha.yaml.bak": "id: old\n"},
        [("ignored-file", "strategy/regions/alpha.yaml.bak", 1, "")],
    ),
    "format-outdated": (
        {"strategy.yaml": [("format: 2\n", "")]},
        [("format-outdated", S, 1, "format")],
    ),
    "format-newer": (
        {"strategy.yaml": [("format: 2\n", "format: 3\n")]},
        [("format-newer", S, 29, "format")],
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
    "control-character": (
        {ALPHA: [("    title: Food", '    title: "Food\\e[2K\\rNo issues in 12 files."')]},
        [("control-character", A, 12, "priorities[0].title")],
    ),
    "combining-marks": (
        {ALPHA: [("    title: Food", '    title: "Fo' + "\u0301" * 31 + 'od"')]},
        [("combining-marks", A, 12, "priorities[0].title")],
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
    "duplicate-entry": (
        appended(
            "glossary:\n  - {term: EU, meaning: European Union}\n"
            "  - {term: EU, meaning: the European Union}\n"
        ),
        [("duplicate-entry", S, 25, "glossary[1].term")],
    ),
    "flagship-not-joint": (
        appended("flagship_actions: [alpha-vouchers, beta-academy]\n"),
        [("flagship-not-joint", S, 23, "flagship_actions[1]")],
    ),
    "logo-missing": (
        logo("logos/programme.png"),
        [("logo-missing", S, 26, "funding.logos[0].file")],
    ),
    "logo-invalid": (
        logo("logos/programme.png", b"GIF89a\x01\x00\x01\x00"),
        [("logo-invalid", S, 26, "funding.logos[0].file")],
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
                    "    url: https://example.org/two\n  - id: src-three\n    title: Three\n"
                    "    url: https://example.org/three\n",
                )
            ]
        },
        [("source-uncited", SRC, 8, "sources[2].id")],
    ),
    "source-secondary": (
        third_source("kind: secondary_copy", "url: https://docslib.org/doc/1/three"),
        [("source-secondary", A, 15, "priorities[0].sources")],
    ),
    "source-period-ended": (
        third_source("kind: official_document", 'period: "2012-2020"', "url: https://x.org/3"),
        [("source-period-ended", A, 15, "priorities[0].sources")],
    ),
    "source-unfindable": (
        {"sources.yaml": [("    url: https://example.org/one\n", "")]},
        [("source-unfindable", SRC, 2, "sources[0].url")],
    ),
    "abbreviation-undefined": (
        {ALPHA: [("    title: Food", "    title: Food for SMEs")]},
        [("abbreviation-undefined", A, 12, "priorities[0].title")],
    ),
    "glossary-unused": (
        appended("glossary:\n  - {term: ERDF, meaning: European Regional Development Fund}\n"),
        [("glossary-unused", S, 24, "glossary[0].term")],
    ),
    "nuts-not-on-map": (
        {ALPHA: [("  code: PL84\n", "  code: PL99\n")]},
        [("nuts-not-on-map", A, 5, "nuts.code")],
    ),
    "placeholder": (
        {ALPHA: [("Innovation vouchers.", "What the action does, for whom and how.")]},
        [("placeholder", A, 26, "actions[0].description")],
    ),
    "accepted-unused": (
        with_accepted({}, "gap-unaddressed"),
        [("accepted-unused", A, 17, "priorities[0].accepted[0].code")],
    ),
    "translation-stale": (
        polish({"priority alpha-food": {"title": ("Food and drink", "Żywność")}}),
        [("translation-stale", PL_ALPHA, 4, "texts.priority alpha-food.title")],
    ),
    "translation-orphan": (
        polish({"priority ferries-and-shipping": {"title": ("Ferries", "Promy")}}),
        [("translation-orphan", PL_ALPHA, 3, "texts.priority ferries-and-shipping")],
    ),
    "translation-unknown": (
        polish({"priority alpha-food": {"titel": ("Food", "Żywność")}}),
        [("translation-unknown", PL_ALPHA, 4, "texts.priority alpha-food.titel")],
    ),
}


VARIANTS: dict[str, tuple[dict, list[tuple[str, str, int, str]]]] = {
    "a mentor that is an unknown region is only an unknown reference": (
        {ALPHA: [("mentors: [beta]", "mentors: [betta]")]},
        [("unknown-reference", A, 37, "peer_learning[0].mentors[0]")],
    ),
    "an unknown mentor beside a known one is only an unknown reference": (
        {ALPHA: [("mentors: [beta]", "mentors: [gamma, betta]")], "regions/gamma.yaml": GAMMA},
        [("unknown-reference", A, 37, "peer_learning[0].mentors[1]")],
    ),
    "impossible date in a date field": (
        {ALPHA: [("start: 2027-01-01", "start: 2027-13-01")]},
        [("invalid-format", A, 31, "actions[0].start")],
    ),
    "date with a time": (
        {ALPHA: [("start: 2027-01-01", "start: 2027-01-01 10:00:00")]},
        [("invalid-format", A, 31, "actions[0].start")],
    ),
    "octal year": (
        {BETA: [("target_year: 2028", "target_year: 03754")]},
        [("implicit-type", B, 49, "actions[0].indicators[0].target_year")],
    ),
    "sexagesimal number": (
        {BETA: [("target: 20", "target: 1:30")]},
        [("implicit-type", B, 48, "actions[0].indicators[0].target")],
    ),
    "yes/no in a true/false field": (
        {ALPHA: [("    illustrative: true\npeer", "    illustrative: yes\npeer")]},
        [("implicit-type", A, 33, "actions[0].illustrative")],
    ),
    "off as an enum value": (
        {ALPHA: [("severity: high", "severity: off")]},
        [("invalid-value", A, 21, "gaps[0].severity")],
    ),
    "number as a text": (
        {ALPHA: [("    title: Food", "    title: 1.10")]},
        [("implicit-type", A, 12, "priorities[0].title")],
    ),
    "quoted number in a number field": (
        {BETA: [("budget_eur: 1000", 'budget_eur: "1000"')]},
        [("wrong-type", B, 41, "actions[0].budget_eur")],
    ),
    "empty key in a required list": (
        {ALPHA: [("areas: [area-one]", "areas:")]},
        [("empty-value", A, 14, "priorities[0].areas")],
    ),
    "empty list where one item is required": (
        {ALPHA: [("areas: [area-one]", "areas: []")]},
        [("empty-value", A, 14, "priorities[0].areas")],
    ),
    "utf-16 file": (
        {ALPHA: "id: alpha\n".encode("utf-16")},
        [("not-utf8", A, 1, "")],
    ),
    "nul byte": (
        {ALPHA: b"id: alpha\nname: Al\x00pha\n"},
        [("not-utf8", A, 2, "")],
    ),
    "tab indentation": (
        {ALPHA: [("  code: PL84", "\tcode: PL84")]},
        [("yaml-syntax", A, 5, "")],
    ),
    "control character": (
        {ALPHA: [("name: Alpha", "name: Al\x07pha")]},
        [("yaml-syntax", A, 2, "")],
    ),
    "file is a scalar": ({BETA: "just some text\n"}, [("not-a-mapping", B, 1, "")]),
    "a list item is not a mapping": (
        {ALPHA: [("  - id: alpha-food\n", "  - alpha-food\n  - id: alpha-food\n")]},
        [("not-a-mapping", A, 11, "priorities[0]")],
    ),
    "key that is a list": (
        {ALPHA: [("name: Alpha", "[name]: Alpha")]},
        [("wrong-type", A, 2, "")],
    ),
    "unknown key without a close match lists the allowed keys": (
        {ALPHA: [("name: Alpha", "name: Alpha\nzzz: 1")]},
        [("unknown-key", A, 3, "zzz")],
    ),
    "citation of an unknown source in Markdown": (
        {"strategy.yaml": [("Summary citing [@src-one].", "Summary citing [@src-on].")]},
        [("unknown-reference", S, 9, "chapters.summary")],
    ),
    "regional action listing partner regions": (
        {BETA: [("    scope: regional\n", "    scope: regional\n    partner_regions: [alpha]\n")]},
        [("scope-mismatch", B, 38, "actions[0].partner_regions")],
    ),
    "a region that lists itself as a partner": (
        {ALPHA: [("partner_regions: [beta]", "partner_regions: [beta, alpha]")]},
        [("scope-mismatch", A, 29, "actions[0].partner_regions")],
    ),
    "merge key and '=' are plain text, not a crash": (
        {ALPHA: [("name: Alpha", "name: =\n<<: {x: 1}")]},
        [("unknown-key", A, 3, "<<")],
    ),
    "control character after non-ASCII text": (
        {ALPHA: [("name: Alpha", "name: Łódź Wiesław\nname_en: A\x07")]},
        [("yaml-syntax", A, 3, "")],
    ),
    "an unconfirmed fact may lack a source": (
        {ALPHA: [("  level: 2\n  sources: [src-two]\n", "  level: 2\n  status: unconfirmed\n")]},
        [],
    ),
    "a region without NUTS code": (
        {ALPHA: [("nuts:\n  code: PL84\n  level: 2\n  sources: [src-two]\n", "")]},
        [],
    ),
    "a source found by its reference, without an address": (
        {
            "sources.yaml": [
                ("    url: https://example.org/one\n", "    reference: ISBN 978-3-16-148410-0\n")
            ]
        },
        [],
    ),
    "a period that is not two years": (
        third_source('period: "2021/27"', "url: https://x.org/3"),
        [("invalid-format", SRC, 10, "sources[2].period")],
    ),
    "a period that ends before it starts": (
        third_source('period: "2027-2021"', "url: https://x.org/3"),
        [("invalid-format", SRC, 10, "sources[2].period")],
    ),
    "an unknown kind of source": (
        third_source("kind: mirror", "url: https://x.org/3"),
        [("invalid-value", SRC, 10, "sources[2].kind")],
    ),
    "a period still running": (
        third_source('period: "2021-2027"', "url: https://x.org/3"),
        [],
    ),
    "an unconfirmed fact may rest on a copy": (
        {
            **third_source("kind: secondary_copy", "url: https://x.org/3"),
            ALPHA: [
                (
                    "  level: 2\n  sources: [src-two]",
                    "  level: 2\n  status: unconfirmed\n  sources: [src-three]",
                )
            ],
        },
        [],
    ),
    "a proposal may rest on a copy": (
        {
            **third_source("kind: secondary_copy", "url: https://x.org/3"),
            ALPHA: [("    severity: high\n", "    severity: high\n    sources: [src-three]\n")],
        },
        [],
    ),
    "a fact with one original source besides a copy": (
        {
            **third_source("kind: secondary_copy", "url: https://x.org/3"),
            ALPHA: [("    sources: [src-two]\ngaps", "    sources: [src-three, src-two]\ngaps")],
        },
        [],
    ),
    "an error cannot be accepted": (
        with_accepted({}, "unsourced-fact"),
        [("invalid-value", A, 17, "priorities[0].accepted[0].code")],
    ),
    "a placeholder cannot be accepted": (
        with_accepted({}, "placeholder"),
        [("invalid-value", A, 17, "priorities[0].accepted[0].code")],
    ),
    "a placeholder is one with the spaces around it, in any published text": (
        {
            ALPHA: [
                ("    topic: Cluster support", '    topic: " New peer-learning topic "'),
                ("    title: Food", "    title: New action"),
            ]
        },
        [
            ("placeholder", A, 12, "priorities[0].title"),
            ("placeholder", A, 36, "peer_learning[0].topic"),
        ],
    ),
    "a placeholder in the editors' notes or inside a text is no placeholder": (
        {
            ALPHA: [
                ("    title: Food", "    title: New action for food"),
                (
                    "  level: 2\n",
                    "  level: 2\n  editor_note: What the action does, for whom and how.\n",
                ),
            ]
        },
        [],
    ),
    "an accepted warning without a reason": (
        {
            ALPHA: [
                (
                    "    sources: [src-two]\ngaps",
                    "    sources: [src-two]\n    accepted:\n      - code: source-secondary\ngaps",
                )
            ]
        },
        [("missing-key", A, 17, "priorities[0].accepted[0].reason")],
    ),
    "an abbreviation the glossary explains": (
        {
            **appended("glossary:\n  - {term: SME, meaning: small and medium-sized enterprise}\n"),
            ALPHA: [("    title: Food", "    title: Food for SMEs")],
        },
        [],
    ),
    "abbreviations that are not: numerals, codes, links and code": (
        {
            ALPHA: [
                (
                    "    description: Food industry.",
                    "    description: Annex II, code PL84, S3, `CSV`, [a](https://x.org/EU)"
                    " [@src-two].",
                )
            ]
        },
        [],
    ),
    "a PNG logo": (logo("logos/programme.png", tiny_png()), []),
    "an SVG logo": (logo("logos/programme.svg", TINY_SVG), []),
    "an SVG logo named .png": (
        logo("logos/programme.png", TINY_SVG),
        [("logo-invalid", S, 26, "funding.logos[0].file")],
    ),
    "a logo without alt text": (
        logo("logos/programme.png", tiny_png(), alt='" "'),
        [("empty-value", S, 27, "funding.logos[0].alt")],
    ),
    "a logo that links out of the strategy folder": (
        {
            **logo("programme.png"),
            "programme.png": lambda path: path.symlink_to("/etc/hostname"),
        },
        [("outside-strategy", S, 26, "funding.logos[0].file")],
    ),
    "an ISBN with a wrong check digit": (
        {"strategy.yaml": [("CC-BY-4.0\n", "CC-BY-4.0\n  isbn: 978-3-16-148410-1\n")]},
        [("invalid-format", S, 8, "document.isbn")],
    ),
    "a malformed ISBN": (
        {"strategy.yaml": [("CC-BY-4.0\n", "CC-BY-4.0\n  isbn: ISBN 978-3-16-148410-0\n")]},
        [("invalid-format", S, 8, "document.isbn")],
    ),
    "a DOI written as its address": (
        {"strategy.yaml": [("CC-BY-4.0\n", "CC-BY-4.0\n  doi: https://doi.org/10.2760/12345\n")]},
        [("invalid-format", S, 8, "document.doi")],
    ),
    "a logo path that leaves the folder": (
        logo("../logos/programme.png"),
        [("invalid-format", S, 26, "funding.logos[0].file")],
    ),
    "an ISBN with its check digit": (
        {"strategy.yaml": [("CC-BY-4.0\n", "CC-BY-4.0\n  isbn: 978-3-16-148410-0\n")]},
        [],
    ),
    "an unknown flagship": (
        appended("flagship_actions: [alpha-voucher]\n"),
        [("unknown-reference", S, 23, "flagship_actions[0]")],
    ),
    "a flagship listed twice": (
        appended("flagship_actions: [alpha-vouchers, alpha-vouchers]\n"),
        [("duplicate-entry", S, 23, "flagship_actions[1]")],
    ),
    "an uppercase .YAML file is a region file": (
        {"regions/beta.yaml": None, "regions/beta.YAML": (FIXTURES_MINIMAL / BETA).read_text()},
        [],
    ),
}
