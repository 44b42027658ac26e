"""The largest legal inputs: strategies at the limits, shaped to make each stage work hardest.

The test suite shows that cost grows linearly (tests/test_linear_cost.py counts steps and bytes
at three sizes); these are the figures at the limits themselves, for the README. Each shape
starts from the minimal test fixture and grows one thing to the size limit of a file (2 MiB):

- 7,000 actions on one gap, all at the same time (the timeline once listed every pair);
- one Markdown description of 2 MiB made of unclosed links, emphasis and code;
- one title of 2 MiB: letters each carrying 30 combining marks, the most a run may have;
- a web address of 2 MiB of dots (refused: the address pattern once backtracked);
- 1,000 regions, one joint action with all of them as partners;
- a less developed region with 10,000 gaps and 1,000 partner regions (mentors for each gap).

    python benchmarks/limits.py  (or as part of `make bench`)
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = ROOT / "tests" / "fixtures" / "minimal" / "strategy"
MAX_FILE_BYTES = 2 * 1024 * 1024

Files = dict[str, Any]


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # strategy files may not hold aliases
        return True


def _read() -> Files:
    return {
        str(p.relative_to(MINIMAL)): yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted(MINIMAL.rglob("*.yaml"))
    }


def write(files: Files, root: Path) -> Path:
    shutil.rmtree(root, ignore_errors=True)
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9)
        if len(text.encode("utf-8")) > MAX_FILE_BYTES:
            raise SystemExit(f"{name} would be over the size limit: the shape is wrong")
        path.write_text(text, encoding="utf-8")
    return root


def _fill(unit: str, budget: int) -> str:
    """``unit`` repeated to about ``budget`` bytes of UTF-8."""
    return unit * (budget // len(unit.encode("utf-8")))


def overlapping_actions() -> Files:
    files = _read()
    alpha = files["regions/alpha.yaml"]
    first = alpha["actions"][0]
    alpha["actions"] += [
        {**first, "id": f"act-{i}", "partner_regions": ["beta"], "title": f"Action {i}"}
        for i in range(7000)
    ]
    return files


def long_markdown() -> Files:
    files = _read()
    unit = "[a ![b *c _d `e [@f "
    files["regions/alpha.yaml"]["priorities"][0]["description"] = _fill(unit, MAX_FILE_BYTES - 4096)
    return files


def marked_title() -> Files:
    files = _read()
    unit = "a" + "\u0301" * 30 + " "
    files["regions/alpha.yaml"]["priorities"][0]["title"] = _fill(unit, MAX_FILE_BYTES - 4096)
    return files


def dotted_address() -> Files:
    files = _read()
    files["sources.yaml"]["sources"][0]["url"] = "http://" + "." * (MAX_FILE_BYTES - 4096) + " "
    return files


def _regions(files: Files, n: int) -> list[str]:
    beta = files["regions/beta.yaml"]
    ids = []
    for i in range(n):
        text = yaml.dump(beta, Dumper=_Dumper, sort_keys=False).replace("beta", f"beta{i}")
        copy = yaml.safe_load(text)
        files[f"regions/{copy['id']}.yaml"] = copy
        ids.append(copy["id"])
    return ids


def every_region_a_partner() -> Files:
    files = _read()
    ids = _regions(files, 1000)
    files["regions/alpha.yaml"]["actions"][0]["partner_regions"] = ["beta", *ids]
    return files


def many_gaps_many_partners() -> Files:
    files = every_region_a_partner()
    gaps = files["regions/alpha.yaml"]["gaps"]
    gaps += [{**gaps[0], "id": f"gap-{i}", "title": f"Gap {i}"} for i in range(10_000)]
    return files


SHAPES: dict[str, tuple[Callable[[], Files], int]] = {
    # name: (shape, exit code of validate)
    "7,000 overlapping actions on one gap": (overlapping_actions, 0),
    "a 2 MiB Markdown description of unclosed constructs": (long_markdown, 0),
    "a 2 MiB title of letters with 30 combining marks each": (marked_title, 0),
    "a 2 MiB web address of dots (refused)": (dotted_address, 1),
    "1,000 regions, all partners of one action": (every_region_a_partner, 0),
    # The one shape whose cost is still a product (gaps x partners), measured to say how much:
    "10,000 gaps of one region with 1,000 partners": (many_gaps_many_partners, 0),
}
