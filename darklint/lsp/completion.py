"""What may be written at the cursor, read off the model (:mod:`darklint.model`).

The keys of a step, the values of ``kind:``, ``channel:`` or ``discloses:``, the steps a
``to:`` may name and the rules an ``ignore:`` entry may name: the same dataclasses the loader
validates against and the JSON Schema is derived from, so completion cannot offer what the
loader would refuse.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Sequence
from typing import Any, Literal

from darklint import model
from darklint.catalog import Rule
from darklint.classes import dataclass
from darklint.load.validate import fields_of, shorthand_of, unwrap_optional, word_or_object
from darklint.lsp.outline import ITEM, Cursor, declarations

#: Keys whose value names a step: ``to:`` of an action, ``start:`` of a flow.
STEP_KEYS = {(model.Action, "to"), (model.Flow, "start")}


@dataclass(frozen=True)
class Candidate:
    """One completion: what is shown, what it is, and what gets inserted."""

    label: str
    kind: str  # "key", "value", "step" or "rule"
    detail: str = ""
    documentation: str = ""
    insert_text: str | None = None


def type_at(path: Sequence[str]) -> Any | None:
    """The model type at a YAML path (``flows > cancel > steps > offer`` is a Step), or None
    when the path leaves the format."""
    current: Any = model.Product
    for segment in path:
        inner = as_object(unwrap_optional(current)[0])
        origin = typing.get_origin(inner)
        if dataclasses.is_dataclass(inner):
            spec = fields_of(inner).get(segment)  # type: ignore[arg-type]
            if spec is None:
                return None
            current = spec.type
        elif origin is dict and segment != ITEM:
            current = typing.get_args(inner)[1]
        elif origin is tuple and segment == ITEM:
            current = typing.get_args(inner)[0]
        else:
            return None
    return unwrap_optional(current)[0]


def as_object(tp: Any) -> Any:
    """The class of a field that is a word or an object (``hours: business`` or
    ``hours: {days: ...}``); other types as they are."""
    either = word_or_object(tp)
    return either[1] if either else tp


def describe(tp: Any) -> str:
    """A type as a person reads it: ``one of web, app, ...``, ``list of Action``."""
    inner, optional = unwrap_optional(tp)
    origin = typing.get_origin(inner)
    either = word_or_object(inner)
    if either:
        text = "one of " + ", ".join(str(v) for v in either[0]) + f", or {either[1].__name__}"
    elif origin is Literal:
        text = "one of " + ", ".join(str(v) for v in typing.get_args(inner))
    elif origin is tuple:
        text = "list of " + describe(typing.get_args(inner)[0])
    elif origin is dict:
        text = "id -> " + describe(typing.get_args(inner)[1])
    elif dataclasses.is_dataclass(inner):
        text = inner.__name__  # type: ignore[union-attr]
    else:
        text = {str: "text", bool: "true or false", int: "whole number", float: "number"}.get(
            inner, str(inner)
        )
    return text + (" (optional)" if optional else "")


def values_of(tp: Any) -> list[Candidate]:
    """The values a field of this type takes, when there is a fixed set."""
    inner, _ = unwrap_optional(tp)
    either = word_or_object(inner)
    if either:
        return [Candidate(str(v), "value", describe(inner)) for v in either[0]]
    if typing.get_origin(inner) is Literal:
        return [Candidate(str(v), "value", describe(inner)) for v in typing.get_args(inner)]
    short = shorthand_of(inner) if dataclasses.is_dataclass(inner) else None
    if short is not None:  # `- price` stands for `- {fact: price}`
        return values_of(fields_of(inner)[short].type)  # type: ignore[arg-type]
    if inner is bool:
        return [Candidate(v, "value", "true or false") for v in ("true", "false")]
    return []


def keys_of(cls: type) -> list[Candidate]:
    return [
        Candidate(name, "key", describe(spec.type), spec.doc, insert_text=f"{name}: ")
        for name, spec in fields_of(cls).items()
    ]


def step_targets(lines: Sequence[str], flow: str | None) -> list[Candidate]:
    """Steps a ``to:`` may name: those of its own flow by id, the others as ``flow.step``."""
    out = []
    for declared in declarations(lines):
        if declared.step is None:
            continue
        if declared.flow == flow:
            out.append(Candidate(declared.step, "step", f"step of flow '{flow}'"))
        else:
            label = f"{declared.flow}.{declared.step}"
            out.append(Candidate(label, "step", f"step of flow '{declared.flow}'"))
    return out


def ignore_values(key: str, lines: Sequence[str], rules: Sequence[Rule]) -> list[Candidate]:
    """Values of an ``ignore:`` entry's keys: rule ids, flow ids, step ids."""
    if key == "rule":
        return [Candidate(r.id, "rule", r.name, r.summary) for r in rules]
    found = declarations(lines)
    if key == "flow":
        return [Candidate(d.flow, "value", "flow") for d in found if d.step is None]
    if key == "step":
        steps = dict.fromkeys((d.step, d.flow) for d in found if d.step is not None)
        return [Candidate(step, "step", f"step of flow '{flow}'") for step, flow in steps]
    return []


def complete(cursor: Cursor, lines: Sequence[str], rules: Sequence[Rule]) -> list[Candidate]:
    """Everything that fits at the cursor."""
    if cursor.kind == "key":
        here = as_object(type_at(cursor.path))
        if not dataclasses.is_dataclass(here):
            return values_of(here)  # a list item such as `- web` under a list of words
        keys = keys_of(here)  # type: ignore[arg-type]
        if cursor.path[-1:] == (ITEM,):  # a list item may be a word for the whole object
            return values_of(here) + keys
        return keys
    container = type_at(cursor.path)
    if not dataclasses.is_dataclass(container) or cursor.key is None:
        return []
    if (container, cursor.key) in STEP_KEYS:
        return step_targets(lines, cursor.flow)
    if container is model.IgnoreEntry:
        return ignore_values(cursor.key, lines, rules)
    spec = fields_of(container).get(cursor.key)  # type: ignore[arg-type]
    return values_of(spec.type) if spec is not None else []
