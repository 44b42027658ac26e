"""Open data export: every row of every CSV is an item of the model, and back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from s3gen import model
from s3gen.cli import cli
from s3gen.jsonable import to_jsonable
from s3gen.model.published import for_publication, unpublished_fields
from s3gen.source.validate import check_strategy
from s3gen.tools.export import CSV_FILES, cell, columns, separator
from tests.conftest import DEFAULT_STRATEGY

KINDS = {
    "regions.csv": model.Region,
    "areas.csv": model.PriorityArea,
    "sources.csv": model.Source,
    "partners.csv": model.Partner,
    "priorities.csv": model.Priority,
    "good_practices.csv": model.GoodPractice,
    "gaps.csv": model.Gap,
    "actions.csv": model.Action,
    "indicators.csv": model.Indicator,
    "peer_learning.csv": model.PeerLearning,
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data")
    result = CliRunner().invoke(
        cli, ["export", "--strategy", str(DEFAULT_STRATEGY), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def strategy() -> model.Strategy:
    """The default strategy as it is published (`model.published`; tested in
    test_notes_and_people.py)."""
    result = check_strategy(DEFAULT_STRATEGY)
    assert result.strategy is not None
    return for_publication(result.strategy)


def items_with_parents(
    strategy: model.Strategy,
) -> dict[str, dict[str, tuple[dict[str, str], object]]]:
    found: dict[str, dict[str, tuple[dict[str, str], object]]] = {name: {} for name in KINDS}
    for r in strategy.regions:
        found["regions.csv"][r.id] = ({}, r)
        for p in r.partners:
            found["partners.csv"][p.id] = ({"region": r.id}, p)
        for pr in r.priorities:
            found["priorities.csv"][pr.id] = ({"region": r.id}, pr)
            for gp in pr.good_practices:
                found["good_practices.csv"][gp.id] = ({"region": r.id, "priority": pr.id}, gp)
        for g in r.gaps:
            found["gaps.csv"][g.id] = ({"region": r.id}, g)
        for a in r.actions:
            found["actions.csv"][a.id] = ({"region": r.id}, a)
            for i in a.indicators:
                found["indicators.csv"][i.id] = ({"region": r.id, "action": a.id}, i)
        for pl in r.peer_learning:
            found["peer_learning.csv"][pl.id] = ({"region": r.id}, pl)
    found["areas.csv"] = {a.id: ({}, a) for a in strategy.priority_areas}
    found["sources.csv"] = {s.id: ({}, s) for s in strategy.sources}
    return found


def test_every_csv_row_is_a_model_item_and_every_item_a_row(
    exported: Path, strategy: model.Strategy
) -> None:
    expected = items_with_parents(strategy)
    assert sorted(p.name for p in exported.glob("*.csv")) == sorted(CSV_FILES)
    for name, cls in KINDS.items():
        with (exported / name).open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [row["id"] for row in rows] == list(expected[name]), name
        for row in rows:
            parents, item = expected[name][row["id"]]
            for column in columns(cls):
                value = cell(getattr(item, column), separator(cls, column))
                assert row[column] == value, (name, row["id"], column)
            for column, value in parents.items():
                assert row[column] == value
            if isinstance(item, model.Region) and item.nuts:
                assert (row["nuts_code"], row["nuts_level"]) == (
                    item.nuts.code,
                    str(item.nuts.level),
                )


def _without_keys(data: object, hidden: frozenset[str]) -> object:
    if isinstance(data, dict):
        return {k: _without_keys(v, hidden) for k, v in data.items() if k not in hidden}
    if isinstance(data, list):
        return [_without_keys(v, hidden) for v in data]
    return data


def test_csv_keeps_the_bsr_diacritics_and_joins_lists(exported: Path) -> None:
    text = (exported / "partners.csv").read_text(encoding="utf-8")
    assert "Białystok" in text and "Støvring" in text and "Cēsis" in text
    with (exported / "actions.csv").open(encoding="utf-8", newline="") as handle:
        tibs = next(r for r in csv.DictReader(handle) if r["id"] == "tibs-transnational-brokerage")
    assert tibs["partner_regions"].split("; ")[0] == "podlaskie"
    assert tibs["illustrative"] == "false"


def test_json_is_the_whole_model(exported: Path, strategy: model.Strategy) -> None:
    data = json.loads((exported / "strategy.json").read_text(encoding="utf-8"))
    hidden = unpublished_fields()

    def keys(value: object) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        return set()

    assert hidden and not hidden & keys(data)
    assert data == _without_keys(to_jsonable(strategy), hidden)
    assert "origin" not in keys(data)  # where an item was read is no part of the data


def test_html_build_publishes_the_data_beside_the_page(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["html", "--strategy", str(DEFAULT_STRATEGY), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "index.html").read_text(encoding="utf-8")
    for name in ("strategy.json", *CSV_FILES):
        assert f'href="data/{name}"' in page
        assert (tmp_path / "data" / name).is_file()
