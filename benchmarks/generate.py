"""Synthetic but valid strategies of any size, for benchmarks: deterministic from a seed.

Each region has 5 priorities, 4 gaps, 6 actions with indicators and 3 peer-learning items,
Markdown paragraphs and the diacritics of the Baltic Sea Region's languages. The strategy.yaml and
sources.yaml of the default strategy are reused, so the areas and sources are real ids.

    python benchmarks/generate.py N OUT_DIR [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import shutil
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = [
    ("PL", "Podlasie Łódź Wrocław"),
    ("LV", "Cēsis Ģirts Ķemeri"),
    ("EE", "Lõuna Võru Põlva"),
    ("LT", "Vilnius Šiauliai Ūdrija"),
    ("FI", "Kymenlaakso Hämeenlinna Jyväskylä"),
    ("DE", "Hamburg Lübeck Süderstraße"),
    ("SE", "Gävleborg Sundsvall Åre"),
    ("DK", "Støvring Ærø Aalborg"),
]
# The priority areas of the default strategy, whose strategy.yaml the generated ones reuse.
AREAS = [
    area["id"]
    for area in yaml.safe_load((ROOT / "strategy" / "strategy.yaml").read_text(encoding="utf-8"))[
        "priority_areas"
    ]
]
CATEGORIES = [
    "funding",
    "skills",
    "cooperation",
    "support_tools",
    "internationalisation",
    "governance",
    "data_and_monitoring",
]
WORDS = [
    "innovation",
    "cooperation",
    "small",
    "medium",
    "enterprises",
    "research",
    "cluster",
    "region",
    "transnational",
    "broker",
    "market",
    "skills",
    "export",
    "pilot",
    "digital",
    "circular",
    "bioeconomy",
    "network",
    "learning",
]


def paragraph(rng: random.Random, words: int = 45) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + ". Cited evidence [@eis-2023]; **key point**."


def block(text: str, indent: str) -> str:
    return "|\n" + "\n".join(indent + line for line in textwrap.wrap(text, 90))


def region_yaml(i: int, n: int, rng: random.Random) -> str:
    rid = f"region-{i:04d}"
    country, place = COUNTRIES[i % len(COUNTRIES)]
    less = i % 2 == 0
    advanced = [j for j in range(n) if j % 2 == 1 and j != i]
    lines = [
        "# yaml-language-server: $schema=../schema/region.schema.json",
        f"id: {rid}",
        f'name: "{place.split()[i % 3]} {i}"',
        f"country: {country}",
        "nuts:",
        f"  code: {country}{i % 9 + 1}{i % 7 + 1}",
        "  level: 2",
        '  version: "2021"',
        "  sources: [eis-2023]",
        f"development_group: {'less_developed' if less else 'advanced'}",
        "innovation:",
        "  - scoreboard: eis",
        "    group: moderate_innovator",
        "    edition: 2023",
        "    sources: [eis-2023]",
        "partners:",
        f"  - id: {rid}-partner",
        f'    name: "Agency of {place}"',
        f'    town: "{place.split()[0]}"',
        "    sources: [gosmart-excel-project-page]",
        "priorities:",
    ]
    for p in range(5):
        lines += [
            f"  - id: {rid}-p{p}",
            f'    title: "Priority {p} of {place.split()[1]}"',
            f"    description: {block(paragraph(rng), '      ')}",
            f"    areas: [{AREAS[(i + p) % len(AREAS)]}, {AREAS[(i + p + 3) % len(AREAS)]}]",
            "    nace_sections: [C, J]",
            "    good_practices:",
            f"      - id: {rid}-p{p}-gp",
            "        title: Good practice",
            f"        description: {block(paragraph(rng, 20), '          ')}",
            f"        category: {CATEGORIES[(i + p) % len(CATEGORIES)]}",
            "        illustrative: true",
            "    sources: [eis-2023]",
        ]
    lines.append("gaps:")
    for g in range(4):
        lines += [
            f"  - id: {rid}-g{g}",
            f"    title: Gap {g}",
            f"    description: {block(paragraph(rng), '      ')}",
            f"    category: {CATEGORIES[(i + g) % len(CATEGORIES)]}",
            "    severity: medium",
            f"    areas: [{AREAS[(i + g) % len(AREAS)]}]",
            "    illustrative: true",
        ]
    lines.append("actions:")
    for a in range(6):
        partner = advanced[(i + a) % len(advanced)] if advanced else None
        transnational = a % 2 == 0 and partner is not None
        start_year = 2027 + a % 3
        lines += [
            f"  - id: {rid}-a{a}",
            f"    title: Action {a} in {place.split()[2]}",
            f"    description: {block(paragraph(rng), '      ')}",
            f"    scope: {'transnational' if transnational else 'regional'}",
            "    status: proposed",
        ]
        if transnational:
            lines.append(f"    partner_regions: [region-{partner:04d}]")
        lines += [
            f"    priorities: [{rid}-p{a % 5}]",
            f"    gaps: [{rid}-g{a % 4}]",
            f"    lead: {rid}-partner",
            f"    start: {start_year}-01-01",
            f"    end: {start_year + 1}-12-31",
            f"    budget_eur: {rng.randrange(50, 500) * 1000}",
            "    illustrative: true",
            "    indicators:",
            f"      - id: {rid}-a{a}-i",
            "        name: Organisations cooperating across borders",
            "        type: output",
            "        interreg_code: RCO87",
            "        unit: organisations",
            f"        target: {rng.randrange(5, 30)}",
            "        target_year: 2030",
        ]
    lines.append("peer_learning:")
    for k in range(3):
        mentor = advanced[(i * 3 + k) % len(advanced)] if advanced else (i + 1) % n
        lines += [
            f"  - id: {rid}-pl{k}",
            f"    topic: Learning topic {k}",
            f"    mentors: [region-{mentor:04d}]",
            f"    gap: {rid}-g{k}",
            "    format: study_visit",
            '    timing: "2028"',
            "    illustrative: true",
        ]
    return "\n".join(lines) + "\n"


def _without_flagships(path: Path) -> str:
    """The default strategy.yaml without its flagship actions: their ids are the default
    regions' actions, which a generated strategy does not have (its summary then presents the
    joint actions with the most partner regions)."""
    kept, skipping = [], False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("flagship_actions:"):
            skipping = True
            continue
        if skipping and (line.startswith(" ") or not line.strip()):
            continue
        skipping = False
        kept.append(line)
    return "".join(kept)


def generate(n: int, out: Path, seed: int = 1) -> Path:
    """Write a strategy with ``n`` regions into ``out`` (replaced); the folder."""
    if out.exists():
        shutil.rmtree(out)
    (out / "regions").mkdir(parents=True)
    shutil.copy(ROOT / "strategy" / "sources.yaml", out / "sources.yaml")
    (out / "strategy.yaml").write_text(_without_flagships(ROOT / "strategy" / "strategy.yaml"))
    shutil.copytree(ROOT / "strategy" / "schema", out / "schema")
    rng = random.Random(seed)
    for i in range(n):
        (out / "regions" / f"region-{i:04d}.yaml").write_text(
            region_yaml(i, n, rng), encoding="utf-8"
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    generate(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
