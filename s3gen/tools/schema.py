"""JSON Schema (draft-07) for the strategy files, generated from the model the validator uses.

Editors with the YAML language server get completion, hints and errors as they type. The schema
describes shape and values; references between files and domain rules stay with `s3gen validate`.
The schema follows YAML 1.2 as editors read it: dates are strings written YYYY-MM-DD.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import typing
from enum import StrEnum
from pathlib import Path
from typing import Any

from s3gen import model
from s3gen.model.formats import FORMATS, TextFormat
from s3gen.model.kinds import BY_REF, LABELS
from s3gen.model.walk import field_specs, unwrap_optional

DRAFT = "http://json-schema.org/draft-07/schema#"
# The schema files, one per kind of strategy file, and where their modelines point from.
FILES: dict[str, type] = {
    "strategy.schema.json": model.StrategyFile,
    "sources.schema.json": model.SourcesFile,
    "region.schema.json": model.Region,
}
MODELINE = "# yaml-language-server: $schema={path}"


def _string(found: TextFormat) -> dict[str, Any]:
    """The JSON Schema of a text format, from the table the converter checks against."""
    if found.allowed is not None:
        return {"type": "string", "enum": sorted(found.allowed)}
    schema: dict[str, Any] = {"type": "string"}
    if found.pattern is not None:
        schema["pattern"] = found.pattern.pattern
    if found.schema_format:
        schema["format"] = found.schema_format
    return schema


def vocabulary_terms(vocabularies: model.Vocabularies | None) -> dict[object, list[str]]:
    """The ids each kind of vocabulary reference may take in this strategy."""
    if vocabularies is None:
        return {}
    areas = vocabularies.policy_areas.areas if vocabularies.policy_areas is not None else ()
    return {
        model.PolicyAreaRef: [a.id for a in areas],
        model.ProjectRef: [p.id for p in vocabularies.projects],
    }


class _Builder:
    def __init__(self, terms: typing.Mapping[object, list[str]]) -> None:
        self.definitions: dict[str, Any] = {}
        # A strategy's own vocabularies: its schema offers exactly their values.
        self.terms = terms

    def type_schema(self, hint: Any, meta: typing.Mapping[str, Any]) -> dict[str, Any]:
        hint, optional = unwrap_optional(hint)
        schema = self._plain(hint, meta)
        if optional:
            return {"anyOf": [schema, {"type": "null"}]}
        return schema

    def _plain(self, hint: Any, meta: typing.Mapping[str, Any]) -> dict[str, Any]:
        if typing.get_origin(hint) is tuple:
            return {"type": "array", "items": self._plain(typing.get_args(hint)[0], {})}
        if dataclasses.is_dataclass(hint):
            return {"$ref": f"#/definitions/{self.define(typing.cast(type, hint))}"}
        if isinstance(hint, type) and issubclass(hint, StrEnum):
            return {"type": "string", "enum": [m.value for m in hint]}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int or hint is float:
            schema: dict[str, Any] = {"type": "integer" if hint is int else "number"}
            if "minimum" in meta:
                schema["minimum"] = meta["minimum"]
            if "maximum" in meta:
                schema["maximum"] = meta["maximum"]
            return schema
        if hint in self.terms:
            return {"type": "string", "enum": self.terms[hint]}
        if hint is dt.date:
            return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
        if hint in FORMATS:
            schema = _string(FORMATS[hint])
        elif hint in BY_REF:  # a reference is an id
            schema = _string(FORMATS[model.Id])
        else:
            schema = {"type": "string"}
        if "max_length" in meta:
            schema["maxLength"] = meta["max_length"]
        return schema

    def define(self, cls: type) -> str:
        name = cls.__name__
        if name in self.definitions:
            return name
        self.definitions[name] = {}  # reserve, for recursive references
        properties: dict[str, Any] = {}
        required = []
        for spec in field_specs(cls):
            prop = self.type_schema(spec.hint, spec.meta)
            prop["description"] = spec.meta.get("doc", "")
            if "example" in spec.meta:
                prop["examples"] = [spec.meta["example"]]
            if spec.required:
                required.append(spec.name)
                if typing.get_origin(unwrap_optional(spec.hint)[0]) is tuple:
                    prop["minItems"] = 1
                elif prop.get("type") == "string" and "enum" not in prop:
                    prop["minLength"] = 1
            properties[spec.name] = prop
        definition: dict[str, Any] = {
            "type": "object",
            "title": LABELS[cls],
            "properties": properties,
            "additionalProperties": False,
        }
        if cls.__doc__ and not cls.__doc__.startswith(f"{name}("):
            definition["description"] = " ".join(cls.__doc__.split())
        if required:
            definition["required"] = required
        self.definitions[name] = definition
        return name


def build_schema(cls: type, vocabularies: model.Vocabularies | None = None) -> dict[str, Any]:
    """The JSON Schema of a file whose contents are ``cls``, offering the values of the
    strategy's ``vocabularies`` where a file cites them (without: any well-formed code)."""
    builder = _Builder(vocabulary_terms(vocabularies))
    root = builder.define(cls)
    return {
        "$schema": DRAFT,
        "title": f"s3gen {LABELS[cls]}",
        "$ref": f"#/definitions/{root}",
        "definitions": builder.definitions,
    }


def schema_texts(vocabularies: model.Vocabularies | None) -> dict[str, str]:
    """File name -> JSON text of every schema file of a strategy with ``vocabularies``, as
    committed in its schema/ folder."""
    return {
        name: json.dumps(build_schema(cls, vocabularies), indent=2, ensure_ascii=False) + "\n"
        for name, cls in FILES.items()
    }


def modeline_for(file_name: str) -> str:
    """The modeline a strategy file should start with (``regions/x.yaml`` -> region schema)."""
    if file_name.startswith("regions/"):
        return MODELINE.format(path="../schema/region.schema.json")
    kind = "strategy" if file_name == "strategy.yaml" else "sources"
    return MODELINE.format(path=f"schema/{kind}.schema.json")


def write_schema(
    folder: Path, vocabularies: model.Vocabularies | None, *, check: bool = False
) -> list[Path]:
    """Bring the schema files in ``folder`` up to date (unless ``check``): the stale ones."""
    from s3gen.output import write_atomic

    stale = []
    for name, text in schema_texts(vocabularies).items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current != text:
            stale.append(path)
            if not check:
                write_atomic(path, text.encode("utf-8"))
    return stale
