"""The model built straight from a file's nodes when the file has no problem: the fast path.

:class:`~darklint.load.validate.Validator` walks every node with a message ready for any
problem (where it is, what was expected, which key was probably meant): a string and several
calls per node, more than libyaml spends composing the file. Most files linted have no
problem, so :func:`build_product` first walks them without any of that, with each class's
fields worked out once (:class:`Plan`), and builds the same objects the validator builds.

At the first thing that is not plain (an unknown, repeated or non-text key, a missing key, a
value of the wrong kind, a tag, an id with a dot, a cross-field problem, too many nodes) it
gives up and returns None, and the loader validates the file with the validator from the
start, so every message, its location and its order are the validator's own. The leaves
that are not plain text (numbers, booleans, words written with another tag) are read by the
validator's own functions, and the cross-field checks are the validator's.
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

import yaml

from darklint import model
from darklint.load.validate import (
    _BUILD,
    _CROSS_FIELD,
    _LITERAL,
    _MAPPING,
    _PLAIN_KEY_TAGS,
    _SCALAR,
    _SEQUENCE,
    _WORD_OR_OBJECT,
    INVALID,
    NODE_BUDGET,
    Validator,
    _has_key_locations,
    _plain_value,
    _plan,
    _same_kind,
    fields_of,
    shorthand_of,
)
from darklint.model import Location

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_SEQ = "tag:yaml.org,2002:seq"
#: Scalar tags a plain file's values have; any other tag is left to the validator.
_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null")
)
_Scalar, _Sequence, _Mapping = yaml.ScalarNode, yaml.SequenceNode, yaml.MappingNode


def _decimal(node: yaml.ScalarNode) -> Any:
    """A number written as plain decimal digits (``30``, ``4.99``), read as PyYAML's
    constructor reads it; any other way of writing a number (``010`` is octal in YAML 1.1,
    ``1_000``, ``0x1F``, ``1:30``, ``.inf``) is read by the constructor itself."""
    text, tag = node.value, node.tag
    if (
        tag == _INT
        and len(text) < 19
        and text.isdigit()
        and text.isascii()
        and (text[0] != "0" or text == "0")
    ):  # (a longer one may be beyond what int() converts from text)
        return int(text)
    if tag == _FLOAT:
        whole, dot, fraction = text.partition(".")
        if dot and (whole + fraction).isdigit() and (whole + fraction).isascii():
            return float(text)
    return _plain_value(node)


class GiveUp(Exception):
    """The file is not plain: the validator reads it instead."""


#: (what to do, inner type, whether None is allowed, argument, its text choices, and what
#: its parts need: the class's Plan, or a list item's FieldPlan).
FieldPlan = tuple[int, Any, bool, Any, frozenset[str], Any]


class Plan:
    """What building one model class needs, worked out once: its fields by YAML key."""

    def __init__(self, cls: type) -> None:
        specs = fields_of(cls)
        self.cls = cls
        #: YAML key -> (attribute, field plan, what a plain text value may be: ``()`` any
        #: text, else the words of a Literal; None when text is not read as itself).
        self.fields: dict[str, tuple[str, FieldPlan, Any]] = {}
        for key, spec in specs.items():
            field = field_plan(spec.type)
            action, inner = field[0], field[1]
            text = () if action == _SCALAR and inner is str else None
            if action in (_LITERAL, _WORD_OR_OBJECT) and field[4]:
                text = field[4]
            self.fields[key] = (spec.attr, field, text)
        self.required = [spec.attr for spec in specs.values() if spec.required]
        self.key_locations = _has_key_locations(cls)
        #: Whether the validator checks more than one field at once (``after_build``):
        #: always for these classes, and for any item that lists keys as ``observed``.
        self.checked = cls in _CROSS_FIELD
        self.observed = hasattr(cls, "observed")
        #: The field a plain word stands for (``- price``), and an action's position.
        self.shorthand = shorthand_of(cls)
        self.numbered = cls is model.Action


def field_plan(tp: Any) -> FieldPlan:
    action, inner, optional, argument = _plan(tp)
    words: frozenset[str] = frozenset()
    parts: Any = None
    if action in (_LITERAL, _WORD_OR_OBJECT):
        words = frozenset(c for c in argument if isinstance(c, str))
    if action in (_BUILD, _WORD_OR_OBJECT):
        parts = plan_of(inner)
    elif action == _MAPPING:
        parts = plan_of(argument)
    elif action == _SEQUENCE:
        parts = plan_of(argument) if dataclasses.is_dataclass(argument) else field_plan(argument)
    return action, inner, optional, argument, words, parts


@functools.cache
def plan_of(cls: type) -> Plan:
    return Plan(cls)


def build_product(node: yaml.MappingNode, path: str) -> model.Product | None:
    """The file's Product, or None when anything in it needs the validator's attention."""
    builder = _Direct(path)
    try:
        return builder.build(plan_of(model.Product), node, {"path": path}, None)  # type: ignore[no-any-return]
    except (GiveUp, RecursionError):
        return None


class _Direct:
    """One file's walk. ``budget`` counts what the validator counts (a pair of a mapping, a
    value read), so a file gives up exactly where the validator would stop."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.budget = NODE_BUDGET
        #: Only for the cross-field checks: any problem they record means giving up.
        self.validator = Validator(path)

    def build(self, plan: Plan, node: Any, internal: dict[str, Any], loc_node: Any) -> Any:
        if node.__class__ is not _Mapping or node.tag != _MAP:
            raise GiveUp
        pairs = node.value
        self.budget -= 2 * len(pairs)  # each pair, and each value read
        if self.budget < 0:
            raise GiveUp
        known = plan.fields.get
        values: dict[str, Any] = {}
        key_nodes: dict[str, Any] = {}
        for key_node, value_node in pairs:
            if key_node.__class__ is not _Scalar or key_node.tag not in _PLAIN_KEY_TAGS:
                raise GiveUp
            spec = known(key_node.value)
            if spec is None:
                raise GiveUp
            attr, field, text = spec
            if attr in values:
                raise GiveUp
            key_nodes[attr] = key_node
            if text is not None and value_node.__class__ is _Scalar and value_node.tag == _STR:
                # Text, or a word of a Literal (the most common values), read here.
                if text and value_node.value not in text:
                    raise GiveUp
                values[attr] = value_node.value
            else:
                values[attr] = self.value(field, value_node, key_node)
        for attr in plan.required:
            if attr not in values:
                raise GiveUp
        if internal:
            values.update(internal)
        path = self.path
        mark = (loc_node or node).start_mark
        values["location"] = Location(path, mark.line + 1, mark.column + 1)
        if plan.key_locations:
            keys = {}
            for attr, key_node in key_nodes.items():
                mark = key_node.start_mark
                keys[attr] = Location(path, mark.line + 1, mark.column + 1)
            values["keys"] = keys
        obj = plan.cls(**values)
        if plan.checked or (plan.observed and obj.observed):
            validator = self.validator
            obj = validator.after_build(obj, node, key_nodes, "")
            if obj is INVALID or validator.problems:
                raise GiveUp
        return obj

    def value(self, field: FieldPlan, node: Any, key_node: Any) -> Any:
        """A field's value from its node (the validator's ``value``, for plain nodes)."""
        action, inner, optional, argument, words, parts = field
        tag = node.tag
        if node.__class__ is _Scalar:
            if tag == _NULL:
                if optional:
                    return None
                raise GiveUp
            if tag not in _SCALAR_TAGS:
                raise GiveUp
            if action == _SCALAR:
                return self.scalar(inner, node)
            if action in (_LITERAL, _WORD_OR_OBJECT):
                if tag == _STR:
                    if node.value in words:
                        return node.value
                    raise GiveUp
                value = _plain_value(node)
                if any(value == c and _same_kind(value, c) for c in argument):
                    return value
            raise GiveUp
        if action in (_BUILD, _WORD_OR_OBJECT):
            return self.build(parts, node, {}, key_node)
        if action == _SEQUENCE:
            return self.sequence(parts, node)
        if action == _MAPPING:
            return self.mapping(parts, node)
        raise GiveUp

    @staticmethod
    def scalar(tp: Any, node: yaml.ScalarNode) -> Any:
        """Text, a boolean or a number (the validator's ``scalar``, for plain values)."""
        if tp is str:
            return node.value  # `label: 2024` is the text "2024", as the validator reads it
        value = _decimal(node) if tp is float or tp is int else _plain_value(node)
        if tp is bool:
            if value.__class__ is bool:
                return value
            raise GiveUp
        if tp in (int, float) and value.__class__ in (int, float):
            if value != value or value in (float("inf"), float("-inf")) or value < 0:
                raise GiveUp
            return value
        raise GiveUp

    def sequence(self, parts: Plan | FieldPlan, node: Any) -> tuple[Any, ...]:
        """A list: of objects (``parts`` is their class's Plan), else of values."""
        if node.__class__ is not _Sequence or node.tag != _SEQ:
            raise GiveUp
        if not isinstance(parts, Plan):
            out = []
            for element in node.value:
                self.budget -= 1
                if self.budget < 0:
                    raise GiveUp
                out.append(self.value(parts, element, None))
            return tuple(out)
        short = parts.shorthand
        built = []
        for index, element in enumerate(node.value):
            if short is not None and element.__class__ is _Scalar:
                self.budget -= 1
                if self.budget < 0:
                    raise GiveUp
                attr, field, _ = parts.fields[short]
                word = self.value(field, element, None)
                mark = element.start_mark
                location = Location(self.path, mark.line + 1, mark.column + 1)
                built.append(parts.cls(**{attr: word, "location": location}))
            else:
                internal = {"index": index} if parts.numbered else {}
                built.append(self.build(parts, element, internal, element))
        return tuple(built)

    def mapping(self, plan: Plan, node: Any) -> dict[str, Any]:
        """Ids to objects (flows, steps); each id becomes the object's ``id``."""
        if node.__class__ is not _Mapping or node.tag != _MAP:
            raise GiveUp
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            self.budget -= 1
            if self.budget < 0 or key_node.__class__ is not _Scalar:
                raise GiveUp
            ident = key_node.value
            if key_node.tag not in _PLAIN_KEY_TAGS or ident in out or "." in ident:
                raise GiveUp
            out[ident] = self.build(plan, value_node, {"id": ident}, key_node)
        return out
