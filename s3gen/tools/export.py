"""Open data: the whole strategy as one JSON file and one CSV file per kind of item.

CSV files are UTF-8 with a header row; their columns follow the order of the model's fields,
list values are joined with "; ", and each row carries the ids of the items it belongs to
(``region``, ``action``, ...), so the tables join on ids.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import typing
from enum import Enum
from pathlib import Path
from typing import Any

from s3gen import model
from s3gen.jsonable import to_jsonable
from s3gen.model.kinds import CSV_FILES, KINDS, STRATEGY_JSON, Kind
from s3gen.model.published import for_publication, unpublished_fields
from s3gen.model.walk import field_specs, holds_items, placed_items, unwrap_optional
from s3gen.output import check_writable, write_atomic

LIST_SEPARATOR = "; "  # between ids, codes and choices
TEXT_SEPARATOR = "\n"  # between free texts (notes), which may contain "; " themselves


def columns(cls: type) -> list[str]:
    """The CSV columns of a kind of item: its fields that are values, not nested items."""
    hidden = unpublished_fields()
    return [s.name for s in field_specs(cls) if not holds_items(s.hint) and s.name not in hidden]


def separator(cls: type, column: str) -> str:
    """How the items of a list column are joined: free texts by line, ids and codes by "; "."""
    hint = next(s.hint for s in field_specs(cls) if s.name == column)
    inner, _ = unwrap_optional(hint)
    is_text_list = typing.get_origin(inner) is tuple and typing.get_args(inner)[0] is str
    return TEXT_SEPARATOR if is_text_list else LIST_SEPARATOR


def cell(value: Any, sep: str = LIST_SEPARATOR) -> str:
    """One value as CSV text."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return sep.join(cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


Row = tuple[dict[str, str], Any]  # the ids of the parents, the item

# For each CSV file, in the order of the files: its kind of item.
_TABLES: dict[str, Kind] = {k.csv: k for k in sorted(KINDS, key=lambda k: CSV_FILES.index(k.csv))}


def _rows(strategy: model.Strategy) -> dict[str, tuple[list[str], type, list[Row]]]:
    """For each CSV file: the parent-id columns, the kind of item, and the rows."""
    by_kind: dict[str, list[Row]] = {k.name: [] for k in _TABLES.values()}
    for placed in placed_items(strategy):
        by_kind[placed.kind].append((placed.parents, placed.item))
    return {name: (list(k.csv_columns), k.cls, by_kind[k.name]) for name, k in _TABLES.items()}


def csv_texts(strategy: model.Strategy) -> dict[str, str]:
    """File name -> CSV text for every kind of item."""
    texts = {}
    for name, (extra, cls, rows) in _rows(strategy).items():
        own = columns(cls)
        # A region's NUTS columns follow its own; other items name their parents after their id.
        header = [*own, *extra] if cls is model.Region else [own[0], *extra, *own[1:]]
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        separators = [(c, separator(cls, c)) for c in own]
        for parents, item in rows:
            values = {c: cell(getattr(item, c), sep) for c, sep in separators} | parents
            if isinstance(item, model.Region):
                nuts = item.nuts
                values["nuts_code"] = nuts.code if nuts else ""
                values["nuts_level"] = str(nuts.level) if nuts else ""
                values["nuts_version"] = nuts.version if nuts else ""
            writer.writerow([values[c] for c in header])
        texts[name] = buffer.getvalue()
    return texts


def json_text(strategy: model.Strategy) -> str:
    """The whole strategy as JSON."""
    data = _published_keys(to_jsonable(strategy), unpublished_fields())
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _published_keys(data: Any, hidden: frozenset[str]) -> Any:
    """``data`` without the keys of the editors' notes, which an open-data reader never needs."""
    if isinstance(data, dict):
        return {k: _published_keys(v, hidden) for k, v in data.items() if k not in hidden}
    if isinstance(data, list):
        return [_published_keys(v, hidden) for v in data]
    return data


def export_texts(
    strategy: model.Strategy, fmt: str = "all", personal_data: bool = True
) -> dict[str, str]:
    """File name -> text of every open-data file for ``fmt``: what is published (no editors'
    notes, representatives only where the data permits; no names without ``personal_data``)."""
    strategy = for_publication(strategy, personal_data=personal_data)
    files: dict[str, str] = {}
    if fmt in ("all", "json"):
        files[STRATEGY_JSON] = json_text(strategy)
    if fmt in ("all", "csv"):
        files.update(csv_texts(strategy))
    return files


def write_texts(files: dict[str, str], out: Path) -> list[Path]:
    """Write ``export_texts``' files into ``out``, each atomically; the paths written."""
    written = []
    for name, text in files.items():
        write_atomic(out / name, text.encode("utf-8"))
        written.append(out / name)
    return written


def export(
    strategy: model.Strategy, out: Path, fmt: str = "all", personal_data: bool = True
) -> list[Path]:
    """Write the open-data files into ``out``; the paths written."""
    check_writable(out)  # before the export's work
    return write_texts(export_texts(strategy, fmt, personal_data), out)
