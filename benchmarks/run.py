"""The s3gen benchmark harness: whole-process wall time and peak memory, baselines beside.

For generated strategies of several sizes it runs `s3gen validate`, `analyse`, `html` and `pdf`
as separate processes, several times each, and reports the median, the spread (min-max) and the
peak resident memory. In the same run it measures the baselines: WeasyPrint's own Python API on
the exact page s3gen prints, with the same stylesheets and fonts (its command line shares no
font configuration between them, so it sets the page in the machine's fonts), check-jsonschema
with the committed schema on the same YAML files, and the cost of starting Python and importing
the CLI. It fits how each cost grows with N (the slope of log time over log N: 1 is linear) and
writes benchmarks/results.json.

    python benchmarks/run.py [--quick] [--runs 3] [--out benchmarks/results.json]
    python benchmarks/run.py --documents-only | --editions-only | --limits-only | --pdf-only 200

Timings belong here, not in the test suite.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import documents
from generate import generate
from limits import SHAPES, write

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
TEMPLATES = ROOT / "s3gen" / "report" / "templates" / "static"

# One child process per measurement: its wall time and its own peak RSS (ru_maxrss of the
# children of a fresh wrapper is exactly that one command's).
_WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - t
print(json.dumps([code, elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss]))
"""


_ALIAS_BOMB = """
from s3gen.source.load import parse_yaml
lines = ["a0: &a0 [" + ", ".join(["lol"] * 10) + "]"]
lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
root, issues = parse_yaml("\\n".join(lines) + "\\n", "f.yaml")
assert root is None and issues
"""


# The baseline: WeasyPrint's own API on the page s3gen lays out, with the same stylesheets and
# variant, and the stylesheets and the layout sharing one font configuration, as WeasyPrint asks
# for @font-face. (Its command line shares none, drops the @font-face rules and sets the page in
# the machine's fonts: another layout, not a baseline.)
_RAW_WEASYPRINT = f"""
import sys, weasyprint
from weasyprint.text.fonts import FontConfiguration
fonts = FontConfiguration()
sheets = [weasyprint.CSS(filename=f, font_config=fonts)
          for f in ({str(TEMPLATES / "report.css")!r}, {str(TEMPLATES / "print.css")!r})]
weasyprint.HTML(filename=sys.argv[1], base_url={TEMPLATES.as_uri() + "/"!r}).write_pdf(
    sys.argv[2], stylesheets=sheets, font_config=fonts, pdf_variant="pdf/ua-1")
"""


def measure(cmd: list[str], runs: int, ok: tuple[int, ...] = (0,)) -> dict[str, Any]:
    """Run ``cmd`` ``runs`` times; median and spread of the wall time, peak RSS in MiB."""
    times, peaks = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _WRAPPER, *cmd], capture_output=True, text=True, check=True
        ).stdout
        code, elapsed, rss_kib = json.loads(out)
        if code not in ok:
            raise SystemExit(f"benchmark command failed ({code}): {' '.join(cmd)}")
        times.append(elapsed)
        peaks.append(rss_kib / 1024)
    return {
        "median_s": round(statistics.median(times), 4),
        "min_s": round(min(times), 4),
        "max_s": round(max(times), 4),
        "runs": runs,
        "peak_rss_mib": round(max(peaks), 1),
    }


def slope(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) over log(N): 1.0 is linear growth."""
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(max(t, 1e-6)) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return round(sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den, 2)


def machine() -> dict[str, Any]:
    """What the numbers were measured on."""
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    try:
        info["cpu"] = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        info["memory_gib"] = round(
            int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024, 1
        )
    except (OSError, StopIteration, ValueError):
        pass
    return info


def run(sizes: list[int], pdf_sizes: list[int], runs: int, pdf_runs: int) -> dict[str, Any]:
    s3gen = str(BIN / "s3gen")
    results: dict[str, Any] = {"machine": machine(), "startup": {}, "sizes": {}, "slopes": {}}
    default = str(ROOT / "strategy")
    results["startup"] = {
        "python -c pass": measure([sys.executable, "-c", "pass"], 5),
        "import s3gen.cli": measure([sys.executable, "-c", "import s3gen.cli"], 5),
        "s3gen --help": measure([s3gen, "--help"], 5),
        "s3gen validate (default strategy)": measure([s3gen, "validate", "--strategy", default], 5),
        # Moved here from the tests, which bound its memory only: 10**10 strings if expanded.
        "parse_yaml refuses an alias bomb": measure([sys.executable, "-c", _ALIAS_BOMB], 5),
    }
    with tempfile.TemporaryDirectory(prefix="s3gen-bench-") as tmp:
        work = Path(tmp)
        for n in sorted(set(sizes) | set(pdf_sizes)):
            folder = generate(n, work / f"n{n}")
            row: dict[str, Any] = {}
            strategy = ["--strategy", str(folder)]
            if n in sizes:
                row["s3gen validate"] = measure([s3gen, "validate", *strategy], runs)
                row["s3gen analyse"] = measure([s3gen, "analyse", *strategy], runs)
                row["s3gen html"] = measure(
                    [s3gen, "html", *strategy, "--out", str(work / f"html{n}")], runs
                )
                regions = sorted(str(p) for p in (folder / "regions").glob("*.yaml"))
                checker = shutil.which("check-jsonschema", path=str(BIN)) or shutil.which(
                    "check-jsonschema"
                )
                if checker:
                    row["check-jsonschema (regions)"] = measure(
                        [
                            checker,
                            "--schemafile",
                            str(folder / "schema" / "region.schema.json"),
                            *regions,
                        ],
                        # half a minute a run at 1000 regions, with little spread: once
                        1 if n >= 1000 else runs,
                        ok=(0, 1),  # it may disagree on YAML 1.1 dates: the timing still counts
                    )
            if n in pdf_sizes:
                page = work / f"print{n}.html"
                pdf = [
                    s3gen,
                    "pdf",
                    *strategy,
                    "--out",
                    str(work / f"pdf{n}"),
                    "--html-out",
                    str(work / f"html{n}"),
                    "--print-html",
                    str(page),
                    "--no-factsheets",  # the report against WeasyPrint on its page
                ]
                # --force: every run lays the PDF out (an unchanged one is otherwise left as it
                # is); that case is measured next, as its own row.
                row["s3gen pdf"] = measure([*pdf, "--force"], pdf_runs)
                row["s3gen pdf (up to date)"] = measure(pdf, runs)
                row["weasyprint (same page)"] = measure(
                    [sys.executable, "-c", _RAW_WEASYPRINT, str(page), str(work / f"raw{n}.pdf")],
                    pdf_runs,
                )
                row["s3gen pdf / weasyprint"] = round(
                    row["s3gen pdf"]["median_s"] / row["weasyprint (same page)"]["median_s"], 3
                )
            results["sizes"][str(n)] = row
            print(f"  measured N={n}", file=sys.stderr)
    commands = {
        k for row in results["sizes"].values() for k, v in row.items() if isinstance(v, dict)
    }
    for command in sorted(commands):
        points = [
            (int(n), row[command]["median_s"])
            for n, row in results["sizes"].items()
            if command in row
        ]
        results["slopes"][command] = slope(points)
    return results


def at_the_limits(runs: int) -> dict[str, Any]:
    """validate, analyse and html on the largest legal inputs (benchmarks/limits.py)."""
    s3gen = str(BIN / "s3gen")
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="s3gen-limits-") as tmp:
        for i, (name, (shape, validate_code)) in enumerate(SHAPES.items()):
            folder = write(shape(), Path(tmp) / f"s{i}")
            strategy = ["--strategy", str(folder)]
            row = {
                "input MiB": round(sum(f.stat().st_size for f in folder.rglob("*.yaml")) / 2**20, 2)
            }
            row["s3gen validate"] = measure(
                [s3gen, "validate", *strategy], runs, ok=(validate_code,)
            )
            if validate_code == 0:
                row["s3gen analyse"] = measure([s3gen, "analyse", *strategy], runs)
                out = Path(tmp) / f"html{i}"
                row["s3gen html"] = measure([s3gen, "html", *strategy, "--out", str(out)], runs)
                row["page MiB"] = round((out / "index.html").stat().st_size / 2**20, 2)
            found[name] = row
            print(f"  measured the limit: {name}", file=sys.stderr)
    return found


def limits_table(limits: dict[str, Any]) -> str:
    lines = [
        "| input at the limit | input MiB | command | median s | peak MiB | page MiB |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in limits.items():
        for command in ("s3gen validate", "s3gen analyse", "s3gen html"):
            if command in row:
                m = row[command]
                page = row.get("page MiB", "") if command == "s3gen html" else ""
                lines.append(
                    f"| {name} | {row['input MiB']} | {command} | {m['median_s']:.3f} | "
                    f"{m['peak_rss_mib']} | {page} |"
                )
    return "\n".join(lines)


def table(results: dict[str, Any]) -> str:
    """The results as a Markdown table."""
    lines = ["| N | command | median s | min-max s | peak MiB |", "|---|---|---|---|---|"]
    for name, m in results["startup"].items():
        lines.append(
            f"| - | {name} | {m['median_s']:.3f} | {m['min_s']:.3f}-{m['max_s']:.3f} "
            f"| {m['peak_rss_mib']} |"
        )
    for n, row in results["sizes"].items():
        for name, m in row.items():
            if isinstance(m, dict):
                lines.append(
                    f"| {n} | {name} | {m['median_s']:.3f} | "
                    f"{m['min_s']:.3f}-{m['max_s']:.3f} | {m['peak_rss_mib']} |"
                )
            else:
                lines.append(f"| {n} | {name} | ratio {m} | | |")
    lines += ["", "| command | slope of log(time) over log(N) | |", "|---|---|---|"]
    for name, value in results["slopes"].items():
        flag = "above linear" if value is not None and value > 1.15 else ""
        lines.append(f"| {name} | {value} | {flag} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes only, one run each")
    parser.add_argument("--runs", type=int, default=3, help="runs per command and size")
    parser.add_argument(
        "--pdf-runs", type=int, default=2, help="runs per PDF size (the 200-region one runs once)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="default: benchmarks/results.json (the recorded run); "
        "with --quick build/bench/results-quick.json",
    )
    parser.add_argument(
        "--limits-only",
        action="store_true",
        help="measure only the largest legal inputs, into the recorded results",
    )
    parser.add_argument(
        "--documents-only",
        action="store_true",
        help="measure only the documents side by side (factsheets, one region edited), "
        "into the recorded results",
    )
    parser.add_argument(
        "--editions-only",
        action="store_true",
        help="measure only the default strategy's four editions in one call against one "
        "edition built four times, into the recorded results",
    )
    parser.add_argument(
        "--pdf-only",
        type=int,
        metavar="N",
        help="measure only the PDF of N regions against WeasyPrint (once), into the recorded "
        "results",
    )
    args = parser.parse_args()
    if args.pdf_only:
        out = args.out or ROOT / "benchmarks" / "results.json"
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        measured = run([], [args.pdf_only], 1, 1)
        results.setdefault("sizes", {})[str(args.pdf_only)] = measured["sizes"][str(args.pdf_only)]
        results[f"pdf {args.pdf_only} machine"] = machine()
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(measured["sizes"], indent=2))
        return
    if args.editions_only:
        out = args.out or ROOT / "benchmarks" / "results.json"
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        with tempfile.TemporaryDirectory(prefix="s3gen-editions-") as tmp:
            results.setdefault("documents", {})["editions"] = documents.editions(Path(tmp))
        results["editions machine"] = machine()
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(documents.table({"editions": results["documents"]["editions"]}))
        return
    if args.documents_only:
        out = args.out or ROOT / "benchmarks" / "results.json"
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        results["documents"] = documents.run()
        results["documents machine"] = machine()
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(documents.table(results["documents"]))
        return
    if args.limits_only:
        out = args.out or ROOT / "benchmarks" / "results.json"
        results = json.loads(out.read_text(encoding="utf-8")) if out.exists() else {}
        results["limits"] = at_the_limits(1)
        out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(limits_table(results["limits"]))
        return
    if args.quick:
        results = run([10, 100], [10], 1, 1)
    else:
        # The 200-region PDF takes minutes per run: it is measured once.
        results = run([10, 100, 1000], [10, 50], args.runs, args.pdf_runs)
        big = run([], [200], 1, 1)
        results["sizes"]["200"] = big["sizes"]["200"]
        for command in ("s3gen pdf", "s3gen pdf (up to date)", "weasyprint (same page)"):
            points = [
                (int(n), row[command]["median_s"])
                for n, row in results["sizes"].items()
                if command in row
            ]
            results["slopes"][command] = slope(points)
        results["limits"] = at_the_limits(1)
        results["documents"] = documents.run()
    out = args.out or (
        ROOT / "build" / "bench" / "results-quick.json"
        if args.quick
        else ROOT / "benchmarks" / "results.json"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(table(results))
    if "limits" in results:
        print("\n" + limits_table(results["limits"]))
    print(f"\nWrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
