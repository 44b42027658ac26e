"""Sources weighed: the kind and period of a source, the warnings they give rise to, and warnings
accepted where they occur with a written reason (counted, listed, never silenced globally)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from s3gen.cli import cli
from s3gen.errors import Issue, IssueSeverity, summary_line
from s3gen.source.validate import check_strategy
from tests.conftest import apply_edits, copy_fixture
from tests.issue_cases import ALPHA, BETA, third_source, with_accepted

SECONDARY = third_source("kind: secondary_copy", "url: https://docslib.org/doc/1/three")
REASON = "The copy is the only one kept."


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_an_accepted_warning_carries_its_reason(check: Callable[..., list[Issue]]) -> None:
    (issue,) = check(with_accepted(SECONDARY, "source-secondary"))
    assert (issue.code, issue.severity, issue.accepted) == (
        "source-secondary",
        IssueSeverity.WARNING,
        REASON,
    )


def test_an_accepted_warning_passes_strict_and_is_counted(minimal: Path) -> None:
    apply_edits(minimal, with_accepted(SECONDARY, "source-secondary"))
    result = run("validate", "--strict", "--strategy", str(minimal))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[-1] == "1 warning accepted in 1 of 4 files."
    assert lines[0].endswith(
        ": warning: priorities[0].sources: this priority rests only on secondary copies "
        "('src-three'): cite the original document or page, or mark it 'illustrative: true' if "
        f"it is a proposal [source-secondary]; accepted: {REASON}"
    )


def test_an_accepted_warning_is_listed_with_its_reason_in_json(minimal: Path) -> None:
    apply_edits(minimal, with_accepted(SECONDARY, "source-secondary"))
    result = run("validate", "--strict", "--format", "json", "--strategy", str(minimal))
    assert result.exit_code == 0, result.output
    (issue,) = json.loads(result.output)
    assert (issue["code"], issue["severity"], issue["accepted"]) == (
        "source-secondary",
        "warning",
        REASON,
    )


def test_the_reason_of_an_acceptance_is_not_published(minimal: Path, tmp_path: Path) -> None:
    # The editors' reason is a working note: validate shows it, the report and the open data
    # do not.
    apply_edits(minimal, with_accepted(SECONDARY, "source-secondary"))
    for args in (["html", "--out", str(tmp_path / "h")], ["export", "--out", str(tmp_path / "d")]):
        assert run(*args, "--strategy", str(minimal)).exit_code == 0
    published = [p for out in ("h", "d") for p in (tmp_path / out).rglob("*") if p.is_file()]
    assert published
    for path in published:
        assert REASON not in path.read_text(encoding="utf-8"), path


def test_an_accepted_warning_is_a_notice_in_github_format(minimal: Path) -> None:
    apply_edits(minimal, with_accepted(SECONDARY, "source-secondary"))
    result = run("validate", "--strict", "--format", "github", "--strategy", str(minimal))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("::notice file=")
    assert f"accepted: {REASON}" in result.output


def test_acceptance_holds_only_where_it_is_written(minimal: Path) -> None:
    """The same warning on another item still fails --strict."""
    edits = with_accepted(SECONDARY, "source-secondary")
    edits[BETA] = [
        (
            "        illustrative: true\n    sources: [src-two]",
            "        illustrative: true\n    sources: [src-three]",
        )
    ]
    apply_edits(minimal, edits)
    result = run("validate", "--strict", "--strategy", str(minimal))
    assert result.exit_code == 1, result.output
    assert result.output.splitlines()[-1] == "1 error and 1 warning accepted in 2 of 4 files."


def test_a_regions_acceptance_accepts_none_of_its_items_warnings(minimal: Path) -> None:
    # An entry at the top of a region file is the region's own: it must not become a blanket
    # over every item written in the file.
    edits = dict(SECONDARY)
    edits[ALPHA] = [
        *edits[ALPHA],
        (
            "development_group: less_developed\n",
            "development_group: less_developed\naccepted:\n  - code: source-secondary\n"
            f"    reason: {REASON}\n",
        ),
    ]
    apply_edits(minimal, edits)
    result = run("validate", "--strict", "--strategy", str(minimal))
    assert result.exit_code == 1, result.output
    assert "priorities[0].sources:" in result.output and "[source-secondary]" in result.output
    assert f"accepted: {REASON}" not in result.output
    assert "[accepted-unused]" in result.output  # and the entry that accepts nothing is said


def test_an_acceptance_of_another_code_accepts_nothing(check: Callable[..., list[Issue]]) -> None:
    issues = check(with_accepted(SECONDARY, "source-period-ended"))
    assert [(i.code, i.accepted) for i in issues] == [
        ("source-secondary", None),
        ("accepted-unused", None),
    ]


def test_summary_line_names_every_count() -> None:
    def issue(severity: IssueSeverity, accepted: str | None = None, file: str = "f") -> Issue:
        return Issue(file, 1, 1, "gap-unaddressed", "m", severity=severity, accepted=accepted)

    issues = [
        issue(IssueSeverity.ERROR),
        issue(IssueSeverity.WARNING, file="g"),
        issue(IssueSeverity.WARNING, "a reason"),
        issue(IssueSeverity.WARNING, "another"),
    ]
    assert summary_line(issues, 3) == "1 error, 1 warning and 2 warnings accepted in 2 of 3 files."
    assert summary_line(issues[:2], 3) == "1 error and 1 warning in 2 of 3 files."
    assert summary_line(issues[2:], 3) == "2 warnings accepted in 1 of 3 files."
    assert summary_line([], 3) == "No issues in 3 files."


def test_summary_line_counts_the_files_with_issues_not_the_files_checked() -> None:
    # A trial read "10 errors in 7 files" as errors in all seven; they were in four.
    issues = [
        Issue(f"regions/r{n % 4}.yaml", n, 1, "invalid-value", "m", severity=IssueSeverity.ERROR)
        for n in range(10)
    ]
    assert summary_line(issues, 7) == "10 errors in 4 of 7 files."
    assert summary_line(issues[:1], 7) == "1 error in 1 of 7 files."


def test_messages_of_the_source_warnings(check: Callable[..., list[Issue]]) -> None:
    ended = third_source("kind: official_document", 'period: "2012-2020"', "url: https://x.org/3")
    (issue,) = check(ended)
    assert issue.message == (
        "this priority is presented as current, but every source it cites covers a period that "
        "ended before the publication date 2026-01-15 ('src-three' 2012-2020): cite the strategy "
        "in force, or say in the text that this is from the ended one"
    )


def test_a_completed_action_may_rest_on_an_ended_strategy(
    check: Callable[..., list[Issue]],
) -> None:
    edits = third_source('period: "2012-2020"', "url: https://x.org/3")
    edits[ALPHA] = [
        ("    illustrative: true\npeer", "    sources: [src-three]\npeer"),
        ("status: proposed", "status: completed"),
        ("    start: 2027-01-01\n    end: 2028-12-31\n", ""),
    ]
    assert check(edits) == []


@settings(max_examples=20, deadline=None)
@given(first=st.integers(1900, 2199), last=st.integers(1900, 2199))
def test_period_rule_over_years(first: int, last: int, tmp_path_factory) -> None:
    """A period is refused exactly when it ends before it starts, and warns exactly when it
    ends before the publication year (2026)."""
    root = copy_fixture("minimal", tmp_path_factory.mktemp("period"))
    apply_edits(root, third_source(f'period: "{first}-{last}"', "url: https://x.org/3"))
    codes = [i.code for i in check_strategy(root, "strategy").issues]
    if first > last:
        assert codes == ["invalid-format"]
    elif last < 2026:
        assert codes == ["source-period-ended"]
    else:
        assert codes == []


def test_the_sources_chapter_shows_kind_period_and_reference(minimal: Path, tmp_path) -> None:
    apply_edits(
        minimal,
        {
            "sources.yaml": [
                (
                    "    url: https://example.org/one\n",
                    "    reference: ISBN 978-3-16-148410-0\n    kind: official_document\n"
                    '    period: "2021-2027"\n',
                ),
                (
                    "    url: https://example.org/two\n",
                    '    url: https://example.org/two\n    period: "2014-2027"\n',
                ),
            ]
        },
    )
    out = tmp_path / "out"
    result = run("html", "--strategy", str(minimal), "--out", str(out))
    assert result.exit_code == 0, result.output
    page = (out / "index.html").read_text(encoding="utf-8")
    assert (
        '<li id="source-src-one">Source one. Official document, covering 2021\u20132027. '
        "ISBN 978-3-16-148410-0.</li>"
    ) in page
    assert '<li id="source-src-two">Source two. Covering 2014\u20132027. <a href=' in page
