"""Hostile and broken input: clear located errors, bounded cost, nothing active, nothing lost."""

from __future__ import annotations

import hashlib
import re
import signal
import subprocess
import sys
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from benchmarks.generate import generate
from s3gen.cli import cli
from s3gen.model.kinds import LABELS
from s3gen.model.walk import field_specs, unwrap_optional
from s3gen.source.convert import Converter
from s3gen.source.load import MAX_FILE_BYTES, parse_yaml
from tests.conftest import apply_edits, copy_fixture
from tests.html_checks import Page

# --- Input ---------------------------------------------------------------------------------------


def billion_laughs(levels: int = 9, width: int = 10) -> str:
    lines = ["a0: &a0 [" + ", ".join(["lol"] * width) + "]"]
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_fast_and_small() -> None:
    text = billion_laughs()  # would expand to 10**10 strings
    tracemalloc.start()
    root, issues = parse_yaml(text, "f.yaml")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert root is None
    assert [i.code for i in issues] == ["yaml-alias"] * 3
    assert "not listed" in issues[-1].message
    # A bound on memory, not on time (timings belong in benchmarks/): the real figure is about
    # 0.1 MB, an expansion would take gigabytes.
    assert peak < 20_000_000


def test_a_file_over_the_size_limit_is_not_read(minimal: Path) -> None:
    big = minimal / "regions" / "alpha.yaml"
    big.write_bytes(b"# x\n" * (MAX_FILE_BYTES // 4 + 1))
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(minimal)])
    assert result.exit_code == 1
    assert "[file-too-large]" in result.output and f"{MAX_FILE_BYTES:,} bytes" in result.output


@pytest.mark.parametrize(
    "tag",
    [
        "!include other.yaml",
        "!!python/object/apply:os.system ['id']",
        "!!binary aGVsbG8=",
        "!!set {a, b}",
        "!custom x",
    ],
)
def test_explicit_tags_are_refused_never_run(tag: str) -> None:
    root, issues = parse_yaml(f"name: {tag}\n", "f.yaml")
    assert root is None
    assert [i.code for i in issues] == ["yaml-tag"]


def _text_fields() -> list[tuple[type, str]]:
    found = []
    for cls in LABELS:
        for spec in field_specs(cls):
            hint, _ = unwrap_optional(spec.hint)
            if hint is str or getattr(hint, "__supertype__", None) is str:
                found.append((cls, spec.name))
    return found


# Plain values YAML 1.1 may read as something other than text; those it reads as text anyway
# ("0o17", "1e3x") must not be reported.
TRAPS = [
    "yes",
    "No",
    "ON",
    "off",
    "True",
    "010",
    "0o17",
    "1:30",
    "1.10",
    "2027-01-01",
    "1e3x",
    "~",
    "0x1F",
    "3_000",
]


@pytest.mark.parametrize(
    ("cls", "field"), _text_fields(), ids=lambda x: x.__name__ if isinstance(x, type) else x
)
def test_every_yaml_11_trap_in_every_text_field_is_reported(cls: type, field: str) -> None:
    for trap in TRAPS:
        root, issues = parse_yaml(f"{field}: {trap}\n", "f.yaml")
        assert root is not None and not issues
        converter = Converter("f.yaml")
        converter.convert(root, cls)
        found = [i for i in converter.issues if i.path == field]
        node = root.entries[0][1]  # type: ignore[union-attr]
        if node.tag == "str":  # YAML reads it as text anyway: no trap, nothing to report
            assert not any(i.code == "implicit-type" for i in found), (trap, found)
        elif node.tag == "null":
            assert [i.code for i in found] in (["empty-value"], []), (trap, found)
        else:
            assert [i.code for i in found] == ["implicit-type"], (cls, field, trap, found)
            assert "quotes" in found[0].message


def test_symlinks_out_of_the_strategy_are_not_followed(minimal: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("id: secret\n")
    (minimal / "regions" / "secret.yaml").symlink_to(secret)
    result = CliRunner().invoke(cli, ["validate", "--strategy", str(minimal)])
    assert result.exit_code == 1
    assert "[outside-strategy]" in result.output


# --- Output --------------------------------------------------------------------------------------

XSS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)>",
    "<a href='javascript:alert(1)'>x</a>",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](&#x6A;avascript:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "![x](javascript:alert(1))",
    "![x](https://example.org/track.png)",
    '[x](https://example.org/ "title\\" onmouseover=\\"alert(1)")',
    "<javascript:alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\u200f<script>alert(1)</script>\u200b",  # direction overrides are refused (test_spoofing)
    '"><script>alert(1)</script>',
    "<style>body{display:none}</style><iframe src=https://example.org>",
    "`<script>`",
]
TEXT_KEYS = {
    "title",
    "name",
    "subtitle",
    "description",
    "topic",
    "note",
    "summary",
    "vision",
    "methodology",
    "governance",
    "monitoring",
    "unit",
    "representative",
    "town",
    "timing",
    "publisher",
    "role",
    "licence",
    "name_en",
}


def _poison(data: Any, payload: str) -> Any:
    if isinstance(data, dict):
        return {
            k: (payload if k in TEXT_KEYS and isinstance(v, str) else _poison(v, payload))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [_poison(v, payload) for v in data]
    return data


def assert_inert(html: str) -> None:
    page = Page(html)
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "iframe", "img", "object", "embed", "base", "form"}, tags
    assert all(a.get("class") == "chart" for t, a in page.tags if t == "svg")  # ours only
    assert sum(1 for t, _ in page.tags if t == "style") == 1
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in ("href", "src", "action", "xlink:href"):
                assert re.match(r"(#|https?://|mailto:|data/|regions/)", value), (tag, name, value)


@pytest.mark.parametrize("payload", XSS)
def test_xss_payloads_in_every_text_field_render_inert(payload: str, tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    for path in [strategy / "strategy.yaml", *sorted((strategy / "regions").glob("*.yaml"))]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(
            yaml.safe_dump(_poison(data, payload), allow_unicode=True), encoding="utf-8"
        )
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["html", "--strategy", str(strategy), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert_inert((out / "index.html").read_text(encoding="utf-8"))
    factsheets = sorted((out / "regions").glob("*.html"))
    assert len(factsheets) == 2  # the regions' factsheet pages hold the same texts
    for page in factsheets:
        assert_inert(page.read_text(encoding="utf-8").replace('href="../index.html#', 'href="#'))


# --- Nothing lost ---------------------------------------------------------------------------------


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_no_command_but_new_and_schema_writes_into_the_strategy(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    before = _digest(strategy)
    out = tmp_path / "out"
    # Each command succeeds on the valid fixture: one that failed early would write nothing and
    # prove nothing. `schema --check` fails (exit 1): the fixture has no schema folder.
    for args, code in (
        (["validate"], 0),
        (["validate", "--strict", "--format", "json"], 0),
        (["analyse"], 0),
        (["analyse", "--format", "json"], 0),
        (["html", "--out", str(out / "h")], 0),
        (["pdf", "--out", str(out / "p"), "--html-out", str(out / "h")], 0),
        (["export", "--out", str(out / "d")], 0),
        (["diff", str(strategy)], 0),
        (["schema", "--check"], 1),
    ):
        result = CliRunner().invoke(cli, [*args, "--strategy", str(strategy)])
        assert result.exit_code == code, (args, result.output)
        assert _digest(strategy) == before, args
    assert (out / "p" / "mini-1.0.pdf").is_file() and (out / "d").is_dir()


def test_two_builds_at_the_same_time_both_end_with_a_valid_page(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "s3gen", "html", "--strategy", str(strategy), "--out", str(out)]
    procs = [
        subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(4)
    ]
    codes = [p.wait(timeout=120) for p in procs]
    assert codes == [0, 0, 0, 0]
    page = (out / "index.html").read_text(encoding="utf-8")
    assert page.rstrip().endswith("</html>")
    assert [p.name for p in out.iterdir() if p.name.endswith(".tmp")] == []


def test_an_interrupted_pdf_build_keeps_the_previous_pdf(tmp_path: Path) -> None:
    """The signal must arrive while WeasyPrint lays out: a strategy of six generated regions
    takes seconds to lay out (the minimal one a fraction of a second, so the build could end
    before the signal and the test prove nothing: it did once, on a fresh machine)."""
    strategy = generate(6, tmp_path / "strategy")
    out = tmp_path / "pdf"
    out.mkdir()
    pdf = out / "trans-s3-bsr-0.1.pdf"
    before = b"%PDF-1.7 the previous edition, which an interrupted build must leave alone\n"
    pdf.write_bytes(before)
    args = [
        sys.executable,
        "-m",
        "s3gen",
        "pdf",
        "--strategy",
        str(strategy),
        "--out",
        str(out),
        "--html-out",
        str(tmp_path / "html"),
    ]
    for sig in (signal.SIGTERM, signal.SIGINT):
        # A job started in the background of a shell without job control ignores SIGINT, and
        # so would the build it starts: the build gets Ctrl+C's usual meaning back.
        proc = subprocess.Popen(
            args,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        assert proc.stderr is not None
        for line in proc.stderr:  # interrupt once WeasyPrint is at work
            if "laying out" in line:
                break
        proc.send_signal(sig)
        rest = proc.stderr.read()
        proc.wait(timeout=60)
        assert "laid out" not in rest, "the layout ended before the signal: nothing was tested"
        assert proc.returncode != 0
        assert pdf.read_bytes() == before
        # no other file (the factsheets' folder may have been made, empty)
        assert sorted(p.name for p in out.rglob("*") if not p.is_dir()) == [pdf.name]


def test_model_items_are_frozen() -> None:
    for cls in LABELS:
        assert cls.__dataclass_params__.frozen, cls  # type: ignore[attr-defined]


def test_template_overrides_still_escape_the_data(tmp_path: Path) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    apply_edits(strategy, {"regions/alpha.yaml": [("title: Vouchers", 'title: "<b>x</b>"')]})
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "_action.html").write_text('<p class="mine">{{ a.title }}</p>\n')
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["html", "--strategy", str(strategy), "--out", str(out), "--templates", str(overrides)]
    )
    assert result.exit_code == 0, result.output
    assert '<p class="mine">&lt;b&gt;x&lt;/b&gt;</p>' in (out / "index.html").read_text()
