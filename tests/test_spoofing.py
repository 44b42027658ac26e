"""No strategy text can change how a terminal, a CSV reader, the PDF outline or a review summary
presents anything but that text itself.

Generated texts (any character, controls and direction marks included, written into the YAML
with escapes the way an attacker would) go into fields of every kind; each output is then read
the way its reader reads it.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pypdf
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from s3gen.cli import cli
from s3gen.source.validate import check_strategy
from s3gen.tools.diff import diff_strategies, format_markdown
from s3gen.tools.export import csv_texts
from tests.conftest import apply_edits, copy_fixture, pdf_build

# What a terminal or CI log would act on: controls, DEL, C1, line/paragraph separators and the
# bidirectional overrides and isolates.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Any character of the Basic Multilingual Plane but surrogates (they cannot be written as UTF-8),
# with ASCII, C1 controls and the direction marks drawn often.
ANY_TEXT = st.text(
    st.one_of(
        st.characters(max_codepoint=0x9F),
        st.sampled_from("\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"),
        st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",)),
    ),
    min_size=1,
    max_size=40,
)
ATTACKS = [
    "\x1b]0;title\x07\x1b[2K\rNo issues in 12 files.",
    "a\rb,evil-id,c",
    "x\nstrategy/regions/alpha.yaml:1:1: error: forged [yaml-syntax]",
    "\u202etxt.exe",
    "nul\x00byte",
]
# (file, the text it replaces, a template for the new text): a title, a region name, a Markdown
# description, an enumerated value, a web address and an id, whose messages quote the culprit.
PLACES = [
    ("regions/alpha.yaml", "    title: Food", "    title: {}"),
    ("regions/alpha.yaml", "name: Alpha", "name: {}"),
    ("regions/alpha.yaml", "    description: Food industry.", "    description: {}"),
    ("regions/alpha.yaml", "    severity: high", "    severity: {}"),
    ("sources.yaml", "    url: https://example.org/two", "    url: {}"),
    ("regions/alpha.yaml", "  - id: alpha-food", "  - id: {}"),
]
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar with escapes (JSON's are YAML's too)."""
    return json.dumps(text)


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder / "strategy", ignore_errors=True)
    return copy_fixture("minimal", folder)


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout + result.stderr


@SETTINGS
@given(text=st.one_of(st.sampled_from(ATTACKS), ANY_TEXT), place=st.sampled_from(PLACES))
def test_no_text_reaches_a_terminal_or_a_ci_log_as_anything_but_text(
    tmp_path: Path, text: str, place: tuple[str, str, str]
) -> None:
    strategy = fresh(tmp_path)
    file, old, new = place
    apply_edits(strategy, {file: [(old, new.format(quoted(text)))]})
    listed = CliRunner().invoke(cli, ["validate", "--strategy", str(strategy), "--format", "json"])
    code, issues = listed.exit_code, json.loads(listed.stdout)
    for fmt in ("text", "github"):
        _, out = invoke("validate", "--strategy", str(strategy), "--format", fmt)
        lines = out.splitlines()
        assert all(not UNPRINTABLE.search(line) for line in lines), (fmt, out)
        # One line per issue (and the summary lines): no line was forged.
        marked = [x for x in lines if re.search(r"\[[a-z-]+\]$", x) or x.startswith("::")]
        assert len(marked) == len(issues), (fmt, out)
    for command in (["analyse"], ["diff", str(strategy)], ["export", "--out", str(tmp_path / "d")]):
        _, out = invoke(*command, "--strategy", str(strategy))
        assert not UNPRINTABLE.search(out.replace("\n", "")), (command, out)
    allowed = "\t\n" if "description" in old else "\t"  # Markdown may have line breaks
    if UNPRINTABLE.search("".join(c for c in text if c not in allowed)):
        assert code == 1, "a text with a control character was accepted"


@SETTINGS
@given(title=st.one_of(st.sampled_from(ATTACKS), ANY_TEXT), description=ANY_TEXT)
def test_a_csv_row_is_one_item_whatever_its_text(
    tmp_path: Path, title: str, description: str
) -> None:
    strategy = fresh(tmp_path)
    edits = [
        ("    title: Food", f"    title: {quoted(title)}"),
        ("    description: Food industry.", f"    description: {quoted(description)}"),
    ]
    apply_edits(strategy, {"regions/alpha.yaml": edits})
    result = check_strategy(strategy)
    if result.strategy is None:  # refused, with a located issue: nothing is exported
        assert result.issues
        return
    text = csv_texts(result.strategy)["priorities.csv"]
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["id"] for r in rows] == [p.id for r in result.strategy.regions for p in r.priorities]
    food = next(r for r in rows if r["id"] == "alpha-food")
    assert (food["title"], food["description"]) == (title, description)
    # A reader that splits lines sees every single-line field on the line of its row.
    assert "\r" not in text.replace("\r\n", "")
    assert "\n" not in title and "\r" not in title


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@SETTINGS
@given(
    title=st.one_of(
        st.sampled_from(
            [
                "![x](https://evil.example/p.png)",
                "[click](https://evil.example)",
                "<img src=x onerror=alert(1)>",
                "# Approved by the board",
                "**bold** _it_ `code` ~~del~~ | a | b |",
                "https://evil.example/autolink",
                "x\\",
                "&amp; &lt;",
            ]
        ),
        ANY_TEXT,
    )
)
def test_a_review_summary_shows_titles_as_text(tmp_path: Path, title: str) -> None:
    before = check_strategy(fresh(tmp_path / "a")).strategy
    changed = fresh(tmp_path / "b")
    apply_edits(
        changed, {"regions/alpha.yaml": [("    title: Food", f"    title: {quoted(title)}")]}
    )
    after = check_strategy(changed).strategy
    assume(after is not None)
    assert before is not None and after is not None
    summary = format_markdown(diff_strategies(before, after, "before", "after"))
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(summary)
    page = _Text()
    page.feed(html)
    assert not {"img", "a", "h1", "h2", "h5", "h6", "table", "script"} & set(page.tags), html
    shown = "".join(page.text)
    assert " ".join(title.split()) in shown  # the title, as text


def test_markdown_headings_in_a_description_make_no_bookmark_or_running_header(
    tmp_path: Path,
) -> None:
    strategy = copy_fixture("minimal", tmp_path)
    spoof = "description: |\n      # Spoofed chapter\n\n      ## Spoofed running header\n"
    apply_edits(strategy, {"regions/alpha.yaml": [("description: Food industry.\n", spoof)]})
    result = pdf_build(strategy, tmp_path / "out")
    assert result.pdf is not None
    reader = pypdf.PdfReader(result.pdf)

    def titles(items: list[object]) -> list[str]:
        found: list[str] = []
        for item in items:
            found += titles(item) if isinstance(item, list) else [item.title]  # type: ignore[attr-defined]
        return found

    outline = titles(reader.outline)
    assert outline and not any("Spoofed" in t for t in outline), outline
    for page in reader.pages:
        top = page.extract_text().splitlines()[:2]
        assert not any("Spoofed" in line for line in top), top
    assert "Spoofed chapter" in "".join(p.extract_text() for p in reader.pages)  # still text


def test_file_names_reach_no_terminal_as_controls(tmp_path: Path) -> None:
    """A region file may be committed under any name: with an escape sequence, a line break and
    an annotation after it, and enough issues to be capped."""
    strategy = fresh(tmp_path)
    name = "a\x1b]0;owned\x07\n::error file=README.md,line=1::forged\n\u202e.yaml"
    keys = "".join(f"k{i}: 1\n" for i in range(105))
    (strategy / "regions" / name).write_text("id: g\n" + keys, encoding="utf-8")
    for args in (["validate"], ["validate", "--format", "github"], ["analyse"]):
        _, out = invoke(*args, "--strategy", str(strategy))
        lines = out.splitlines()
        assert not any(UNPRINTABLE.search(line) for line in lines), (args, out)
        assert not any(line.startswith("::error file=README.md") for line in lines), args
        assert any("more [unknown-key] issues not shown" in line for line in lines), args


def test_a_mention_or_an_address_in_a_title_makes_no_link_on_github() -> None:
    from s3gen.tools.diff import _md

    for text in ("@octocat", "evil@evil.example", "mailto:a@b.co"):
        assert "@<!-- -->" in _md(text) and "@" not in _md(text).replace("@<!-- -->", "")
