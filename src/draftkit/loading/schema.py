"""JSON Schemas of draftkit's files, generated from the key declarations the loaders read
(loading/keys.py), so an editor with a YAML language server validates and completes what
draftkit accepts, no more and no less. Knows keys.py and JSON Schema; no files, no YAML.

Draft-07 is written because editors' YAML language servers support it best.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from draftkit.errors import UsageError
from draftkit.loading.keys import (
    FILE_KINDS,
    KNOWN_LANGUAGES,
    AnyOf,
    Boolean,
    ByLanguage,
    Choice,
    Day,
    Empty,
    Integer,
    ListOf,
    Moment,
    Nested,
    Shape,
    Strings,
    Text,
    TextOrByLanguage,
    Value,
    Values,
    shapes,
)

DIALECT = "http://json-schema.org/draft-07/schema#"
_DAY = r"^\d{4}-\d{2}-\d{2}$"
_TIME = r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
_OFFSET = r"(Z|[+-]\d{2}:\d{2})"


def kinds() -> list[str]:
    """The names `draftkit schema KIND` accepts."""
    return list(FILE_KINDS)


def schema_for(kind: str) -> dict[str, Any]:
    """Return the JSON Schema of the files of `kind` (one of `kinds()`)."""
    file_kind = FILE_KINDS.get(kind)
    if file_kind is None:
        raise UsageError(f"unknown kind of file {kind!r}", fix=f"use one of: {', '.join(FILE_KINDS)}")
    definitions = {shape.name: _shape(shape) for shape in shapes(file_kind.root)}
    definitions["by_language"] = _by_language()
    forms: list[dict[str, Any]] = [_ref(file_kind.root)]
    if file_kind.also_list:
        item = file_kind.root.key(file_kind.also_list)
        assert item is not None and isinstance(item.value, ListOf)
        forms.append(_value(item.value))
    if file_kind.may_be_empty:
        forms.append({"type": "null"})
    root = forms[0] if len(forms) == 1 else {"anyOf": forms}
    return {"$schema": DIALECT, "title": file_kind.title, **root, "definitions": definitions}


#: Where a project keeps its copy of the schemas (`draftkit init`, `draftkit schema --install`),
#: which the first line of its files points at: no network, and the same for everyone who clones it.
PROJECT_SCHEMAS = Path(".draftkit") / "schemas"


def schema_path(root: Path, kind: str) -> Path:
    return root / PROJECT_SCHEMAS / f"{kind}.schema.json"


def modeline(kind: str, path: Path, root: Path) -> str:
    """The first line that points an editor's YAML language server at the project's schema of
    `kind`, as a path relative to `path` (the file it opens)."""
    relative = Path(os.path.relpath(schema_path(root, kind), path.parent)).as_posix()
    return f"# yaml-language-server: $schema={relative}\n"


def with_modeline(text: str, kind: str, path: Path, root: Path) -> str:
    """`text` (a file draftkit writes) with the schema line first, when the project keeps the
    schemas and the text has no such line yet."""
    if not schema_path(root, kind).is_file() or text.startswith("# yaml-language-server:"):
        return text
    return modeline(kind, path, root) + text


def schema_text(kind: str) -> str:
    """The schema of `kind` as JSON text, stable from run to run (it is committed and compared)."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def _ref(shape: Shape) -> dict[str, Any]:
    return {"$ref": f"#/definitions/{shape.name}"}


def _shape(shape: Shape) -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "description": shape.doc}
    if shape.keys:
        out["properties"] = {key.name: _property(key.value, key.required, key.doc) for key in shape.keys}
    required = [key.name for key in shape.keys if key.required]
    if required:
        out["required"] = required
    out["additionalProperties"] = _value(shape.extra) if shape.extra is not None else False
    if shape.extra_names is not None:
        out["propertyNames"] = {"enum": [*shape.names(), *shape.extra_names]}
    if shape.exactly_one:
        out["minProperties"] = out["maxProperties"] = 1
    rules: list[dict[str, Any]] = []
    if shape.one_of:
        rules.append({"anyOf": [{"required": [name]} for name in shape.one_of]})
    if shape.either:
        rules.append({"oneOf": [{"required": [name]} for name in shape.either]})
    for when in shape.when:
        rule: dict[str, Any] = {"if": {"properties": {when.key: {"enum": list(when.values)}}, "required": [when.key]}}
        if when.keys:
            rule["then"] = {"required": list(when.keys)}
        if when.otherwise:
            rule["else"] = {"required": list(when.otherwise)}
        rules.append(rule)
    if rules:
        out["allOf"] = rules
    return out


def _property(value: Value, required: bool, doc: str) -> dict[str, Any]:
    """A key's schema; an optional key may also be left empty (`key:`), which reads as absent,
    except a true/false key, which the loader refuses empty."""
    schema = _value(value)
    if not required and not isinstance(value, Boolean):
        schema = _nullable(schema)
    return {"description": doc, **schema} if doc else schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    if isinstance(schema.get("type"), list):
        return {**schema, "type": [*schema["type"], "null"]}
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    return {"anyOf": [schema, {"type": "null"}]}


def _value(value: Value) -> dict[str, Any]:
    if isinstance(value, Text):
        return {"type": ["string", "number"], **({"pattern": value.pattern} if value.pattern else {})}
    if isinstance(value, Integer):
        return {"type": "integer", **({"minimum": value.minimum} if value.minimum is not None else {})}
    if isinstance(value, Boolean):
        return {"type": "boolean"}
    if isinstance(value, Choice):
        return {"enum": list(value.values)}
    if isinstance(value, Day):
        return {"type": "string", "pattern": _DAY}
    if isinstance(value, Moment):
        return {"type": "string", "pattern": f"^{_TIME}{_OFFSET}{'' if value.offset_required else '?'}$"}
    if isinstance(value, Strings):
        item: dict[str, Any] = {"enum": list(value.values)} if value.values else {"type": ["string", "integer"]}
        return {"anyOf": [item, {"type": "array", "items": item}]}
    if isinstance(value, ByLanguage):
        return {"$ref": "#/definitions/by_language"}
    if isinstance(value, TextOrByLanguage):
        return {"anyOf": [{"type": ["string", "number"]}, {"$ref": "#/definitions/by_language"}]}
    if isinstance(value, ListOf):
        return {"type": "array", "items": _ref(value.shape), **({"minItems": value.min_items} if value.min_items else {})}
    if isinstance(value, Nested):
        return _ref(value.shape)
    if isinstance(value, AnyOf):
        return {"anyOf": [_value(form) for form in value.forms]}
    if isinstance(value, Values):
        return {"type": "array", "items": _value(value.item)}
    if isinstance(value, Empty):
        return {"type": "null"}
    raise TypeError(f"no JSON Schema for {type(value).__name__}")  # a Value subclass added without one


def _by_language() -> dict[str, Any]:
    return {
        "type": "object",
        "description": "Text per language, e.g. {en: …, fr: …}.",
        "propertyNames": {"enum": list(KNOWN_LANGUAGES)},
        "additionalProperties": {"type": ["string", "number", "null"]},
    }
