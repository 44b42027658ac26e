"""Property-based tests: whatever the files hold, validation gives a strategy or located issues.

Never an exception, never an issue without a file and a line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from s3gen.errors import IssueSeverity
from s3gen.source.load import SourceDoc, parse_yaml
from s3gen.source.validate import CheckResult, validate
from tests.conftest import FIXTURES

MINIMAL = FIXTURES / "minimal" / "strategy"
FILES = {
    "strategy.yaml": (MINIMAL / "strategy.yaml").read_text(encoding="utf-8"),
    "sources.yaml": (MINIMAL / "sources.yaml").read_text(encoding="utf-8"),
    "regions/alpha.yaml": (MINIMAL / "regions" / "alpha.yaml").read_text(encoding="utf-8"),
    "regions/beta.yaml": (MINIMAL / "regions" / "beta.yaml").read_text(encoding="utf-8"),
}
REGION = "regions/alpha.yaml"

# The soak check of `make test`: 1000 cases per test, about 3000 in all, in some 15 seconds.
SETTINGS = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def validate_texts(files: dict[str, str]) -> CheckResult:
    docs = []
    load_issues = []
    for name, text in files.items():
        root, issues = parse_yaml(text, f"strategy/{name}")
        docs.append(SourceDoc(f"strategy/{name}", name, root))
        load_issues += issues
    result = validate(docs)
    return CheckResult(
        result.strategy, sorted(load_issues + result.issues), result.files, result.complete
    )


def assert_well_formed(result: CheckResult) -> None:
    for issue in result.issues:
        assert issue.file.startswith("strategy/")
        assert issue.line >= 1 and issue.column >= 1, issue
        assert issue.message
    has_error = any(i.severity is IssueSeverity.ERROR for i in result.issues)
    assert (result.strategy is None) == has_error


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_text_as_a_region_file(text: str) -> None:
    result = validate_texts({**FILES, REGION: text})
    assert_well_formed(result)


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
)
yaml_data = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)


@SETTINGS
@given(yaml_data)
def test_arbitrary_yaml_data_as_a_region_file(data: Any) -> None:
    result = validate_texts({**FILES, REGION: yaml.safe_dump(data, allow_unicode=True)})
    assert_well_formed(result)
    assert result.strategy is None  # nothing random is a valid region


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*prefix, i))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


replacements = st.one_of(
    yaml_scalars,
    st.lists(st.text(max_size=5), max_size=2),
    st.dictionaries(st.sampled_from(["id", "title", "x"]), st.text(max_size=5), max_size=2),
    st.sampled_from(
        [
            "yes",
            "no",
            "on",
            "1.10",
            "010",
            "1:30",
            "2021-02-30",
            "",
            "~",
            "Lõuna-Eesti",
            "Gävleborg",
            "\u202e",
            "alpha",
            "beta",
            "area-one",
            "src-one",
            "beta-clusters",
            "alpha-funding",
        ]
    ),
)


@SETTINGS
@given(st.data())
def test_mutations_of_a_valid_region_file(data: st.DataObject) -> None:
    region = yaml.safe_load(FILES[REGION])
    paths = _paths(region)
    path = data.draw(st.sampled_from(paths))
    parent = _parent(region, path)
    action = data.draw(st.sampled_from(["drop", "replace", "rename-key", "duplicate"]))
    if action == "drop":
        del parent[path[-1]]
    elif action == "replace":
        parent[path[-1]] = data.draw(replacements)
    elif action == "rename-key" and isinstance(parent, dict):
        parent[data.draw(st.text(min_size=1, max_size=10))] = parent.pop(path[-1])
    elif action == "duplicate" and isinstance(parent, list):
        parent.append(parent[path[-1]])
    text = yaml.safe_dump(region, allow_unicode=True, sort_keys=False)
    assert_well_formed(validate_texts({**FILES, REGION: text}))


def test_default_region_files_survive_truncation() -> None:
    # Cutting a real file at every 97th character gives many kinds of broken YAML.
    root = Path(__file__).parent.parent / "strategy" / "regions"
    for path in sorted(root.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        for cut in range(0, len(text), 97):
            assert_well_formed(validate_texts({**FILES, REGION: text[:cut]}))
