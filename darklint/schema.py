"""The JSON Schema (draft 2020-12) of flow format v1 and v1.1, derived from the model dataclasses.

:mod:`darklint.model` is the single source of truth: the loader validates YAML against its
fields, and this module walks the same fields to describe them for editors (completion and
checks through ``# yaml-language-server: $schema=...``) and other tools. Nothing about the
format is written twice, except the loader's cross-field checks, which are code: their
JSON Schema counterparts are listed in :data:`CROSS_FIELD`, and a test makes sure every
cross-field check of the loader has one.

Mapping: ``Literal`` -> ``enum`` (``const`` for one value); ``X | None`` -> X or null;
``tuple[X, ...]`` -> array; ``dict[str, X]`` -> object of X whose keys contain no ``.``;
a nested dataclass -> ``$defs``; field metadata ``doc`` -> ``description``; fields without a
default are required; ``internal`` fields (filled by the loader) are left out. Text fields
accept any scalar, as the loader does (``label: 2024`` is the text "2024"); numbers are
never negative, as the loader requires.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, Union

from darklint import model
from darklint.jsontext import pretty

DRAFT = "https://json-schema.org/draft/2020-12/schema"
#: Step and flow ids: '.' separates flow and step in ``to: flow.step``.
ID_PATTERN = "^[^.]+$"
#: Opening and closing times, HH:MM on the 24-hour clock (24:00 = midnight, closing).
TIME_PATTERN = "^(([01]?[0-9]|2[0-3]):[0-5][0-9]|24:00)$"

#: The loader's cross-field checks (``darklint.load.validate``), as JSON Schema can say them.
CROSS_FIELD: dict[type, list[dict[str, Any]]] = {
    # A fee is an amount or a percent (never both); one of them unless passed on at cost;
    # up_to needs an amount, of needs a percent. (up_to >= amount compares two values, which
    # JSON Schema cannot: only the loader checks it.)
    model.Fee: [
        {
            "not": {
                "required": ["amount", "percent"],
                "properties": {"amount": {"type": "number"}, "percent": {"type": "number"}},
            }
        },
        {
            "if": {
                "not": {
                    "required": ["pass_through"],
                    "properties": {"pass_through": {"const": True}},
                }
            },
            "then": {
                "anyOf": [
                    {"required": ["amount"], "properties": {"amount": {"type": "number"}}},
                    {"required": ["percent"], "properties": {"percent": {"type": "number"}}},
                ]
            },
        },
        {
            "if": {"required": ["up_to"], "properties": {"up_to": {"type": "number"}}},
            "then": {"required": ["amount"], "properties": {"amount": {"type": "number"}}},
        },
        {
            "if": {"required": ["of"], "properties": {"of": {"type": "string"}}},
            "then": {"required": ["percent"], "properties": {"percent": {"type": "number"}}},
        },
    ],
    # Only a consent, marketing or data_sharing option can be required to go on.
    model.Option: [
        {
            "if": {"required": ["required"], "properties": {"required": {"const": True}}},
            "then": {
                "required": ["kind"],
                "properties": {"kind": {"enum": ["consent", "marketing", "data_sharing"]}},
            },
        }
    ],
    # Opening hours: HH:MM times (24:00 closes at midnight), each day once. (Opening before
    # closing compares two values: only the loader checks it.)
    model.OpeningHours: [
        {
            "properties": {
                "days": {"minItems": 1, "uniqueItems": True},
                "from": {"pattern": TIME_PATTERN},
                "to": {"pattern": TIME_PATTERN},
            }
        }
    ],
    # A step with an outcome ends the flow: it has no actions. A confirmation confirms an
    # outcome, so only a step with one has it.
    model.Step: [
        {
            "if": {"required": ["outcome"], "properties": {"outcome": {"type": "string"}}},
            "then": {"properties": {"actions": {"maxItems": 0}}},
        },
        {
            "if": {
                "required": ["confirmation"],
                "properties": {"confirmation": {"type": "object"}},
            },
            "then": {"required": ["outcome"], "properties": {"outcome": {"type": "string"}}},
        },
    ],
    # A flow has at least one step; a product at least one flow.
    model.Flow: [{"properties": {"steps": {"minProperties": 1}}}],
    model.Product: [{"properties": {"flows": {"minProperties": 1}}}],
}

_SCALAR_TYPES: dict[Any, dict[str, Any]] = {
    str: {"type": ["string", "number", "boolean"]},
    bool: {"type": "boolean"},
    int: {"type": "integer", "minimum": 0},
    float: {"type": "number", "minimum": 0},
}


def yaml_fields(cls: type) -> list[tuple[dataclasses.Field[Any], Any]]:
    """The fields a flow file may write, with their resolved type hints, in order."""
    hints = typing.get_type_hints(cls, vars(model))
    return [(f, hints[f.name]) for f in dataclasses.fields(cls) if not f.metadata.get("internal")]


def yaml_key(f: dataclasses.Field[Any]) -> str:
    """The key a flow file writes for a field (``from`` for the field ``opens``)."""
    return str(f.metadata.get("key", f.name))


def is_required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


class _Builder:
    """Collects ``$defs`` while turning dataclasses into object schemas."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def object_schema(self, cls: type) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f, hint in yaml_fields(cls):
            prop = dict(self.type_schema(hint))
            if "values" in f.metadata:  # a number field with fixed values (the version)
                prop = {"enum": list(f.metadata["values"])}
            if f.metadata.get("doc"):
                prop = {"description": f.metadata["doc"], **prop}
            if f.metadata.get("pattern"):
                prop["pattern"] = f.metadata["pattern"]
            default = json_default(f)
            if default is not None:
                prop["default"] = default
            properties[yaml_key(f)] = prop
            if is_required(f):
                required.append(yaml_key(f))
        out: dict[str, Any] = {}
        doc = description_of(cls)
        if doc:
            out["description"] = doc
        out["type"] = "object"
        out["properties"] = properties
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        extra = CROSS_FIELD.get(cls)
        if extra:
            out["allOf"] = extra
        return out

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # reserve first: a type may refer to itself
            self.defs[name] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, hint: Any) -> dict[str, Any]:
        origin = typing.get_origin(hint)
        if origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(hint) if a is not type(None)]
            either = [self.type_schema(a) for a in args]
            one = either[0] if len(either) == 1 else {"anyOf": either}
            return nullable(one) if len(args) < len(typing.get_args(hint)) else one
        if dataclasses.is_dataclass(hint):
            short = getattr(hint, "SHORTHAND", None)
            if short is not None:  # `- price` stands for `{fact: price}`
                fields = yaml_fields(hint)  # type: ignore[arg-type]
                word = next(t for f, t in fields if yaml_key(f) == short)
                return {"anyOf": [self.type_schema(word), self.ref(hint)]}  # type: ignore[arg-type]
            return self.ref(hint)  # type: ignore[arg-type]
        if origin is Literal:
            values = list(typing.get_args(hint))
            return {"const": values[0]} if len(values) == 1 else {"enum": values}
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(typing.get_args(hint)[0])}
        if origin is dict:
            return {
                "type": "object",
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": self.type_schema(typing.get_args(hint)[1]),
            }
        if hint in _SCALAR_TYPES:
            return dict(_SCALAR_TYPES[hint])
        raise TypeError(f"no JSON Schema mapping for {hint!r}")


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``X | None``: null added to the enum or the type when that is simple, else anyOf."""
    if "enum" in schema:
        return {**schema, "enum": [*schema["enum"], None]}
    if set(schema) <= {"type", "minimum"}:
        types_ = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        return {**schema, "type": [*types_, "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def json_default(f: dataclasses.Field[Any]) -> Any:
    """A field's default as JSON, for editors to show; None when there is nothing to show."""
    if f.default is dataclasses.MISSING or f.default is None:
        return None
    if isinstance(f.default, tuple):
        return list(f.default)
    return f.default


def description_of(cls: type) -> str:
    """The first paragraph of a class's docstring."""
    doc = (cls.__doc__ or "").strip()
    return " ".join(doc.split("\n\n")[0].split())


def flow_schema(docs_url: str | None = None) -> dict[str, Any]:
    """The JSON Schema of flow format v1; its ``$id`` is its address under ``docs-url``
    (none without one: the schema claims no address the project does not own)."""
    from darklint.links import schema_id

    builder = _Builder()
    root = builder.object_schema(model.Product)
    root.pop("description", None)
    address = schema_id(docs_url)
    return {
        "$schema": DRAFT,
        **({"$id": address} if address else {}),
        "title": "darklint flow file, format version 1.1 (version 1 files are valid 1.1)",
        "description": (
            "One product and its flows (signup, cancel, refund, purchase, fee, support), "
            "checked by darklint for dark patterns. Generated by `darklint schema`."
        ),
        **root,
        "$defs": dict(sorted(builder.defs.items())),
    }


def schema_text(docs_url: str | None = None) -> str:
    """The schema as the JSON text ``darklint schema`` prints and the repository keeps."""
    return pretty(flow_schema(docs_url))
