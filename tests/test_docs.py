"""The README documents what the code does: every issue code and every key of the YAML layout."""

from __future__ import annotations

import re

import pytest

from s3gen.errors import CODES, WARNING_CODES
from s3gen.model.kinds import LABELS
from s3gen.model.walk import field_specs
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_names_the_two_commands() -> None:
    assert "make pdf" in README and "make test" in README


def test_the_changelog_has_an_entry_for_this_version() -> None:
    import s3gen

    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", changelog, re.M)
    assert headings[0] == "Unreleased", headings
    assert any(
        re.fullmatch(rf"{re.escape(s3gen.__version__)} - \d{{4}}-\d\d-\d\d", h) for h in headings
    )


def test_readme_lists_every_issue_code_once_with_its_severity() -> None:
    rows = re.findall(r"^\| `([a-z0-9-]+)` \| (error|warning) \| (.+) \|$", README, re.M)
    assert [code for code, _, _ in rows] == list(CODES)
    for code, severity, meaning in rows:
        assert severity == ("warning" if code in WARNING_CODES else "error"), code
        assert meaning == CODES[code], code


@pytest.mark.parametrize("cls", list(LABELS), ids=lambda c: c.__name__)
def test_readme_table_lists_every_key_of(cls: type) -> None:
    section = README.split(f"#### `{cls.__name__}`", 1)
    assert len(section) == 2, f"no table for {cls.__name__}"
    table = section[1].split("\n\n", 2)[1]
    keys = re.findall(r"^\| `([a-z_0-9]+)` \|", table, re.M)
    assert keys == [s.name for s in field_specs(cls)]
