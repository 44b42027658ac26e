"""Documents laid out side by side and only when they changed: the figures of `make bench`
for the factsheets, the summary edition and the report.

- All factsheets of a 200-region strategy (`s3gen factsheets --force`) on every core this
  process may use, and in one process on one core (the same command with its affinity set to
  one core, so that it lays them out one after another): the wall times, their ratio, and the
  peak memory of the parent and of the largest worker.
- The default strategy: `s3gen pdf` once, then one value of one region file changed (a
  budget) and `s3gen pdf` again: the whole command's time, each document's own layout time,
  and whether the other factsheets kept their file (inode and mtime).

Each command runs in a driver process that times every `render_pdf` call (in whichever process
it runs: the times are appended to a file) and records its own and its children's peak RSS.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate import generate

ROOT = Path(__file__).resolve().parent.parent

_DRIVER = """
import json, os, resource, sys, time
record, one_core, *args = sys.argv[1:]
if one_core == "1":
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
from s3gen.report import pdf
real = pdf.render_pdf
def timed(page, target, *a, **k):
    start = time.perf_counter()
    try:
        return real(page, target, *a, **k)
    finally:
        with open(record + ".layouts", "a") as out:
            out.write(json.dumps([str(target), time.perf_counter() - start]) + "\\n")
pdf.render_pdf = timed
from s3gen.cli import cli
start = time.perf_counter()
code = 0
try:
    cli.main(args, prog_name="s3gen", standalone_mode=False)
except SystemExit as exc:
    code = exc.code or 0
elapsed = time.perf_counter() - start
rss = lambda who: resource.getrusage(who).ru_maxrss / 1024
with open(record, "w") as out:
    json.dump({"code": code, "seconds": elapsed, "self_mib": rss(resource.RUSAGE_SELF),
               "children_mib": rss(resource.RUSAGE_CHILDREN)}, out)
"""


def drive(args: list[str], work: Path, one_core: bool = False) -> dict[str, Any]:
    """Run `s3gen ARGS` in the driver; its record, with the layout time of each target."""
    record = work / f"record-{time.monotonic_ns()}.json"
    subprocess.run(
        [sys.executable, "-c", _DRIVER, str(record), "1" if one_core else "0", *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    found: dict[str, Any] = json.loads(record.read_text())
    if found["code"] != 0:
        raise SystemExit(f"benchmark command failed ({found['code']}): s3gen {' '.join(args)}")
    layouts: dict[str, float] = {}
    for line in Path(f"{record}.layouts").read_text().splitlines():
        target, seconds = json.loads(line)
        layouts[target] = layouts.get(target, 0.0) + seconds
    found["layouts"] = layouts
    return found


def _state(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in folder.glob("*.pdf")}


def factsheets_side_by_side(regions: int, work: Path) -> dict[str, Any]:
    folder = generate(regions, work / f"n{regions}")
    args = ["factsheets", "--strategy", str(folder), "--force"]
    args += ["--out", str(work / "pdf"), "--html-out", str(work / "html")]
    serial = drive(args, work, one_core=True)  # first: the files it reads are then cached
    parallel = drive(args, work)
    sheets = list((work / "pdf" / "factsheets").glob("*.pdf"))
    pages = [int(_pages(p)) for p in sheets]
    return {
        "regions": regions,
        "cores": len(os.sched_getaffinity(0)),
        "side by side s": round(parallel["seconds"], 2),
        "one process s": round(serial["seconds"], 2),
        "speed-up": round(serial["seconds"] / parallel["seconds"], 2),
        "parent peak MiB": round(parallel["self_mib"], 1),
        "largest worker peak MiB": round(parallel["children_mib"], 1),
        "one process peak MiB": round(serial["self_mib"], 1),
        "layout s per factsheet (one process)": round(
            sum(serial["layouts"].values()) / len(serial["layouts"]), 3
        ),
        "most pages": max(pages),
        "factsheets": len(sheets),
    }


def _pages(pdf: Path) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))


def one_region_edited(work: Path) -> dict[str, Any]:
    strategy = work / "strategy"
    shutil.copytree(ROOT / "strategy", strategy)
    out = ["--out", str(work / "pdf"), "--html-out", str(work / "html")]
    first = drive(["pdf", "--strategy", str(strategy), *out], work)
    before = _state(work / "pdf" / "factsheets")
    region = strategy / "regions" / "vidzeme.yaml"
    text = region.read_text(encoding="utf-8")
    edited = text.replace("budget_eur: 120000", "budget_eur: 125000", 1)
    if edited == text:
        raise SystemExit("benchmark: the budget to change is not in regions/vidzeme.yaml")
    region.write_text(edited, encoding="utf-8")
    second = drive(["pdf", "--strategy", str(strategy), *out], work)
    after = _state(work / "pdf" / "factsheets")
    laid_out = {Path(t).name: round(s, 2) for t, s in second["layouts"].items()}
    return {
        "first build s": round(first["seconds"], 2),
        "after the edit s": round(second["seconds"], 2),
        "laid out after the edit (own layout s)": laid_out,
        "factsheets kept (same inode and mtime)": sum(after[n] == before[n] for n in before),
        "factsheets": len(before),
    }


EDITIONS = ("en", "pl", "de", "fi")


def editions(work: Path) -> dict[str, Any]:
    """The default strategy's four editions (English, Polish, German, Finnish: report,
    summary and factsheets each) in one `s3gen pdf --force`, against the English edition built
    four times in a row, each run laying every document out."""
    strategy = work / "strategy"
    shutil.copytree(ROOT / "strategy", strategy)
    listed = strategy / "strategy.yaml"
    text = listed.read_text(encoding="utf-8")
    edited = text.replace("translations: [pl, de]", "translations: [pl, de, fi]", 1)
    if edited == text:
        raise SystemExit("benchmark: 'translations: [pl, de]' is not in strategy.yaml")
    listed.write_text(edited, encoding="utf-8")
    out = ["--out", str(work / "pdf"), "--html-out", str(work / "html"), "--force"]
    languages = [arg for language in EDITIONS for arg in ("--language", language)]
    together = drive(["pdf", "--strategy", str(strategy), *out, *languages], work)
    one = [drive(["pdf", "--strategy", str(strategy), *out], work) for _ in EDITIONS]
    in_a_row = sum(r["seconds"] for r in one)
    # The same four editions, each in a call of its own: what one call saves, edition for
    # edition (the editions in other languages hyphenate, and cost more than the English one).
    alone = [
        drive(["pdf", "--strategy", str(strategy), *out, "--language", language], work)
        for language in EDITIONS
    ]
    separately = sum(r["seconds"] for r in alone)
    return {
        "editions": ", ".join(EDITIONS),
        "documents laid out together": len(together["layouts"]),
        "four editions in one call s": round(together["seconds"], 2),
        "one edition four times in a row s": round(in_a_row, 2),
        "one edition, each run s": ", ".join(f"{r['seconds']:.2f}" for r in one),
        "ratio (together / in a row)": round(together["seconds"] / in_a_row, 3),
        "each edition in its own call, one after another s": round(separately, 2),
        "each edition alone s": ", ".join(
            f"{language} {r['seconds']:.2f}" for language, r in zip(EDITIONS, alone, strict=True)
        ),
        "ratio (together / each alone)": round(together["seconds"] / separately, 3),
        "peak MiB: parent / largest worker (together)": (
            f"{together['self_mib']:.0f} / {together['children_mib']:.0f}"
        ),
    }


def run(regions: int = 200) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="s3gen-documents-") as tmp:
        work = Path(tmp)
        (work / "a").mkdir()
        (work / "b").mkdir()
        (work / "c").mkdir()
        found = {"one region edited": one_region_edited(work / "a")}
        print("  measured one region edited", file=sys.stderr)
        found["editions"] = editions(work / "c")
        print("  measured the editions", file=sys.stderr)
        found["factsheets side by side"] = factsheets_side_by_side(regions, work / "b")
        print(f"  measured the factsheets of {regions} regions", file=sys.stderr)
    return found


def table(found: dict[str, Any]) -> str:
    lines = ["| measure | value |", "|---|---|"]
    for part, values in found.items():
        for name, value in values.items():
            if isinstance(value, dict):
                value = ", ".join(f"{k} {v}" for k, v in value.items())
            shown = value
            lines.append(f"| {part}: {name} | {shown} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run(int(sys.argv[1]) if len(sys.argv) > 1 else 200)))
