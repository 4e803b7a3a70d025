"""Validate composed YAML nodes against the model's dataclasses and build the model.

The dataclasses in :mod:`darklint.model` describe the format; this module walks a file's nodes
field by field, so a single pass reports *every* problem of a file at once, each at the line
and column of the node it is about, and builds the frozen objects when there is none. The JSON
Schema (:mod:`darklint.schema`) is derived from the same fields, so the two cannot disagree.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
import functools
import re
import types
import typing
from collections.abc import Callable
from dataclasses import field
from typing import Any, Literal, Union

import yaml

from darklint import model
from darklint.classes import dataclass
from darklint.load.yamlnodes import BadScalar, location_of, scalar_value, unsafe_tag
from darklint.model import Location

#: Marks a value that could not be built; the caller has already recorded why.
INVALID: Any = object()

#: Upper bound on nodes visited, so anchors and aliases cannot multiply work (alias bombs).
NODE_BUDGET = 2_000_000

_PLAIN_KEY_TAGS = frozenset(
    "tag:yaml.org,2002:" + name for name in ("str", "int", "float", "bool", "null")
)
_TYPE_NAMES = {str: "text", bool: "true or false", int: "a whole number", float: "a number"}


@dataclass(frozen=True)
class FieldSpec:
    """How one YAML key maps to a dataclass field."""

    name: str  # the YAML key
    type: Any
    required: bool
    doc: str
    attr: str = ""  # the dataclass field, when the key is a Python keyword ("from")


@functools.cache
def fields_of(cls: type) -> dict[str, FieldSpec]:
    """The YAML-facing fields of a model class by YAML key, in declaration order."""
    hints = typing.get_type_hints(cls, vars(model))
    specs = {}
    for f in dataclasses.fields(cls):
        if f.metadata.get("internal"):
            continue
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        key = str(f.metadata.get("key", f.name))
        doc = str(f.metadata.get("doc", ""))
        specs[key] = FieldSpec(key, hints[f.name], required, doc, f.name)
    return specs


def unwrap_optional(tp: Any) -> tuple[Any, bool]:
    """(inner type, whether None is allowed) for ``X | None``."""
    if typing.get_origin(tp) in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def word_or_object(tp: Any) -> tuple[tuple[Any, ...], type] | None:
    """(words, class) for a field that is a word or a mapping (``Hours | OpeningHours``):
    a scalar is one of the words, a mapping builds the class."""
    if typing.get_origin(tp) not in (Union, types.UnionType):
        return None
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if len(args) != 2:
        return None
    words = [a for a in args if typing.get_origin(a) is Literal]
    classes = [a for a in args if dataclasses.is_dataclass(a)]
    if len(words) == 1 and len(classes) == 1:
        return typing.get_args(words[0]), classes[0]
    return None


def shorthand_of(cls: type) -> str | None:
    """The field a plain scalar stands for, when a class may be written as one word
    (``- price`` for ``{fact: price}``)."""
    return getattr(cls, "SHORTHAND", None)


#: How :meth:`Validator.value` treats a field type (see :func:`_plan`).
_BUILD, _SEQUENCE, _MAPPING, _LITERAL, _SCALAR, _WORD_OR_OBJECT = range(6)
_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"


#: id(field type) -> (the type, its plan). Keyed by identity: hashing a ``Literal`` walks
#: its values every time, which is slower than the plan it looks up.
_PLANS: dict[int, tuple[Any, tuple[int, Any, bool, Any]]] = {}


def _plan(tp: Any) -> tuple[int, Any, bool, Any]:
    """(what to do, inner type, whether None is allowed, argument) for a field type, worked
    out once per type rather than once per node: the validator's hottest path."""
    known = _PLANS.get(id(tp))
    if known is not None and known[0] is tp:
        return known[1]
    plan = _make_plan(tp)
    _PLANS[id(tp)] = (tp, plan)
    return plan


def _make_plan(tp: Any) -> tuple[int, Any, bool, Any]:
    either = word_or_object(tp)
    if either is not None:
        return _WORD_OR_OBJECT, either[1], type(None) in typing.get_args(tp), either[0]
    inner, optional = unwrap_optional(tp)
    origin = typing.get_origin(inner)
    if dataclasses.is_dataclass(inner):
        return _BUILD, inner, optional, None
    if origin is tuple:
        return _SEQUENCE, inner, optional, typing.get_args(inner)[0]
    if origin is dict:
        return _MAPPING, inner, optional, typing.get_args(inner)[1]
    if origin is Literal:
        return _LITERAL, inner, optional, typing.get_args(inner)
    return _SCALAR, inner, optional, None


def _plain_value(node: yaml.ScalarNode) -> object:
    """A scalar's value, or its text when an explicit tag does not fit (``!!int abc``).

    Text tagged ``str`` (most of a flow file) is its own value: the constructor is skipped.
    """
    if node.tag == _STR_TAG:
        return node.value
    try:
        return scalar_value(node)
    except BadScalar:  # `!!int abc`, or a plain `2024-13-45` read as a date: its text
        return node.value


def _same_kind(value: object, choice: object) -> bool:
    """Same type, except that whole and decimal numbers compare as numbers (1.0 is 1, as in
    JSON Schema); booleans are never numbers here."""
    if type(value) is type(choice):
        return True
    numbers = (int, float)
    return (
        isinstance(value, numbers)
        and isinstance(choice, numbers)
        and not isinstance(value, bool)
        and not isinstance(choice, bool)
    )


def nearest(word: str, choices: typing.Iterable[str]) -> str | None:
    """The closest known word, to suggest a fix for a typo."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


@dataclass
class Validator:
    """Walks one file's nodes, collecting problems and building model objects."""

    path: str
    problems: list[tuple[str, Location]] = field(default_factory=list)
    budget: int = NODE_BUDGET

    def problem(self, message: str, node: yaml.Node) -> Any:
        self.problems.append((message, location_of(node, self.path)))
        return INVALID

    # -- objects -----------------------------------------------------------------------------

    def build(
        self,
        cls: type,
        node: yaml.Node,
        where: str,
        internal: dict[str, Any],
        loc_node: yaml.Node | None = None,
    ) -> Any:
        """Build a model object from a mapping node; ``where`` names it in messages."""
        if not isinstance(node, yaml.MappingNode):
            return self.problem(f"{where} must be a mapping of keys to values", node)
        specs = fields_of(cls)
        values: dict[str, Any] = {}
        key_nodes: dict[str, yaml.Node] = {}
        suggested: set[str] = set()
        for key_node, value_node in self.pairs(node, where):
            key = key_node.value
            spec = specs.get(key)
            if spec is None:
                hint = nearest(key, specs)
                known = ", ".join(specs)
                advice = f"did you mean '{hint}'?" if hint else f"known keys: {known}"
                self.problem(f"unknown key '{key}' in {where}; {advice}", key_node)
                if hint and hint not in suggested and not _has_key(node, hint):
                    # Read it as the key it was meant to be, so the problems inside it are
                    # reported now rather than after the typo is fixed; nothing is kept.
                    suggested.add(hint)
                    self.value(specs[hint].type, value_node, f"'{key}' of {where}", key_node)
                continue
            key_nodes[spec.attr] = key_node
            values[spec.attr] = self.value(spec.type, value_node, f"'{key}' of {where}", key_node)
        for spec in specs.values():
            if spec.required and spec.attr not in values:
                if spec.name not in suggested:  # the typo's message already names it
                    self.problem(
                        f"{where} is missing the required key '{spec.name}'", loc_node or node
                    )
                values[spec.attr] = INVALID
        if any(v is INVALID for v in values.values()):
            return INVALID
        values.update(internal)
        values["location"] = location_of(loc_node or node, self.path)
        if _has_key_locations(cls):
            values["keys"] = {k: location_of(n, self.path) for k, n in key_nodes.items()}
        obj = cls(**values)
        return self.after_build(obj, node, key_nodes, where)

    def pairs(self, node: yaml.MappingNode, where: str) -> list[tuple[yaml.Node, yaml.Node]]:
        """Key/value pairs with text keys, reporting duplicates and merge keys."""
        seen: dict[str, yaml.Node] = {}
        out = []
        for key_node, value_node in node.value:
            self.budget -= 1  # self.spend(), inlined
            if self.budget < 0:
                raise BudgetExceeded
            # Any plain scalar is a key by its text: `no:` or `on:` are ids, not booleans.
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_KEY_TAGS:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    self.problem(f"merge keys ('<<') are not supported in {where}", key_node)
                else:
                    self.problem(f"keys in {where} must be plain text", key_node)
                continue
            if key_node.value in seen:
                first = seen[key_node.value].start_mark.line + 1
                self.problem(
                    f"duplicate key '{key_node.value}' in {where} (first defined on line "
                    f"{first}); YAML keeps only one of them, so remove or rename one",
                    key_node,
                )
                continue
            seen[key_node.value] = key_node
            out.append((key_node, value_node))
        return out

    def spend(self) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise BudgetExceeded

    # -- values ------------------------------------------------------------------------------

    def value(self, tp: Any, node: yaml.Node, where: str, key_node: yaml.Node | None) -> Any:
        """Convert one node to the field type ``tp``, reporting a mismatch at the node."""
        self.budget -= 1  # self.spend(), inlined: this runs for every node
        if self.budget < 0:
            raise BudgetExceeded
        if unsafe_tag(node) is not None:
            return INVALID  # reported once for the whole file by unsafe_tag_problems()
        action, inner, optional, argument = _plan(tp)
        if node.tag == _NULL_TAG and isinstance(node, yaml.ScalarNode):
            if optional:
                return None
            return self.problem(f"{where} needs a value", node)
        if action == _BUILD:
            return self.build(inner, node, where, {}, key_node)
        if action == _SEQUENCE:
            return self.sequence(argument, node, where)
        if action == _MAPPING:
            return self.mapping(argument, node, where)
        if action == _LITERAL:
            return self.literal(argument, node, where)
        if action == _WORD_OR_OBJECT:
            if isinstance(node, yaml.MappingNode):
                return self.build(inner, node, where, {}, key_node)
            return self.literal(argument, node, where, also="or a mapping")
        return self.scalar(inner, node, where)

    def sequence(self, item_type: Any, node: yaml.Node, where: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return self.problem(f"{where} must be a list", node)
        items = []
        objects = dataclasses.is_dataclass(item_type)
        name = item_type.__name__.lower() if objects else ""
        short = shorthand_of(item_type) if objects else None
        for index, item in enumerate(node.value):
            if short is not None and isinstance(item, yaml.ScalarNode):
                built = self.shorthand(item_type, short, item, f"item {index + 1} of {where}")
            elif objects:
                # An action keeps its position in the step, for deterministic tie-breaks.
                internal = {"index": index} if item_type is model.Action else {}
                built = self.build(
                    item_type, item, f"{name} {index + 1} of {where}", internal, item
                )
            else:
                built = self.value(item_type, item, f"item {index + 1} of {where}", None)
            items.append(built)
        if any(i is INVALID for i in items):
            return INVALID
        return tuple(items)

    def shorthand(self, cls: type, key: str, node: yaml.ScalarNode, where: str) -> Any:
        """A class written as its one word (``- price``): the word is the field ``key``, the
        other fields keep their defaults."""
        spec = fields_of(cls)[key]
        value = self.value(spec.type, node, where, None)
        if value is INVALID:
            return INVALID
        return cls(**{spec.attr: value, "location": location_of(node, self.path)})

    def mapping(self, item_type: type, node: yaml.Node, where: str) -> Any:
        """A mapping of ids to objects (flows, steps); ids become the objects' ``id``."""
        if not isinstance(node, yaml.MappingNode):
            return self.problem(f"{where} must be a mapping of ids to entries", node)
        noun = item_type.__name__.lower()
        out = {}
        for key_node, value_node in self.pairs(node, where):
            ident = key_node.value
            if "." in ident:
                self.problem(
                    f"{noun} id '{ident}' contains '.', which separates flow and step in "
                    f"'to: flow.step'; rename it (e.g. '{ident.replace('.', '-')}')",
                    key_node,
                )
                continue
            out[ident] = self.build(
                item_type, value_node, f"{noun} '{ident}'", {"id": ident}, key_node
            )
        if any(v is INVALID for v in out.values()):
            return INVALID
        return out

    def literal(self, choices: tuple[Any, ...], node: yaml.Node, where: str, also: str = "") -> Any:
        """One of the choices; ``also`` names what else the field accepts (a mapping)."""
        more = f", {also}" if also else ""
        if not isinstance(node, yaml.ScalarNode):
            return self.problem(f"{where} must be one of: {self.listing(choices)}{more}", node)
        value = _plain_value(node)
        # Compared with the type: `true` is not the version 1, a quoted "1" is text.
        if any(value == c and _same_kind(value, c) for c in choices):
            return value
        hint = nearest(str(value), [str(c) for c in choices])
        advice = f"; did you mean '{hint}'?" if hint else ""
        return self.problem(
            f"{where} is '{node.value}', which is not one of: "
            f"{self.listing(choices)}{more}{advice}",
            node,
        )

    @staticmethod
    def listing(choices: tuple[Any, ...]) -> str:
        return ", ".join(str(c) for c in choices)

    def scalar(self, tp: Any, node: yaml.Node, where: str) -> Any:
        expected = _TYPE_NAMES.get(tp, getattr(tp, "__name__", str(tp)))
        if not isinstance(node, yaml.ScalarNode):
            kind = "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
            return self.problem(f"{where} must be {expected}, not {kind}", node)
        value = _plain_value(node)
        if tp is str:
            if isinstance(value, (bool, int, float, datetime.date)) or value is None:
                return node.value  # `label: 2024` or `label: 2024-01-01` is text the author meant
            if isinstance(value, str):
                return value
        elif tp is bool and isinstance(value, bool):
            return value
        elif tp in (int, float) and isinstance(value, (int, float)) and not isinstance(value, bool):
            if value != value or value in (float("inf"), float("-inf")):
                return self.problem(f"{where} must be a finite number", node)
            if value < 0:
                return self.problem(f"{where} must not be negative, got {node.value}", node)
            return value
        return self.problem(f"{where} must be {expected}, got '{node.value}'", node)

    # -- checks that need more than one field --------------------------------------------------

    def after_build(
        self, obj: Any, node: yaml.Node, key_nodes: dict[str, yaml.Node], where: str
    ) -> Any:
        """Checks that need more than one field; they may also fill in an implied default
        (a percent fee is a share of the order unless it says otherwise)."""
        if getattr(obj, "observed", ()) and not self.observed_keys(obj, node, where):
            return INVALID
        check = _CROSS_FIELD.get(type(obj))
        if check is None:
            return obj
        return check(self, obj, node, key_nodes, where)

    def observed_keys(self, obj: Any, node: yaml.Node, where: str) -> bool:
        """Provenance names keys of the item itself: ``observed: [label, emphasis]``."""
        known = [name for name in fields_of(type(obj)) if name != "observed"]
        items = next(v for k, v in node.value if k.value == "observed").value
        ok = True
        for key, item in zip(obj.observed, items, strict=True):
            if key not in known:
                hint = nearest(key, known)
                advice = f"did you mean '{hint}'?" if hint else f"known keys: {', '.join(known)}"
                self.problem(f"'observed' of {where} names '{key}', not a key of it; {advice}",
                             item)  # fmt: skip
                ok = False
        return ok


def _has_key(node: yaml.MappingNode, key: str) -> bool:
    return any(isinstance(k, yaml.ScalarNode) and k.value == key for k, _ in node.value)


@functools.cache
def _has_key_locations(cls: type) -> bool:
    return any(f.name == "keys" for f in dataclasses.fields(cls))


class BudgetExceeded(Exception):
    """The file asked for more work than any real flow needs (an alias bomb)."""


def _check_fee(v: Validator, fee: model.Fee, node, keys, where) -> Any:
    """Exactly one of amount and percent (neither needed when passed on at cost); up_to
    with an amount and not below it; of with a percent."""
    ok = True
    if fee.amount is not None and fee.percent is not None:
        v.problem(
            f"{where} has both 'amount' and 'percent'; a fee is either an amount or a share: "
            "keep one of them",
            keys["percent"],
        )
        ok = False
    elif fee.amount is None and fee.percent is None and not fee.pass_through:
        v.problem(
            f"{where} needs an 'amount' or a 'percent' (or 'pass_through: true' for a cost "
            "passed on)",
            node,
        )
        ok = False
    if fee.up_to is not None:
        if fee.amount is None:
            v.problem(
                f"'up_to' of {where} needs an 'amount' (the lowest amount; up_to is the highest)",
                keys["up_to"],
            )
            ok = False
        elif fee.up_to < fee.amount:
            v.problem(
                f"'up_to' of {where} is {fee.up_to:g}, below the amount {fee.amount:g}; up_to "
                "is the highest amount and amount the lowest: swap them",
                keys["up_to"],
            )
            ok = False
    if fee.of is not None and fee.percent is None:
        v.problem(
            f"'of' of {where} says what a percent is a share of; add 'percent' or remove 'of'",
            keys["of"],
        )
        ok = False
    if not ok:
        return INVALID
    if fee.percent is not None and fee.of is None:
        return dataclasses.replace(fee, of="order")  # the same fee as one that says of: order
    return fee


#: Option kinds a customer may be made to tick ("required") only at the cost of a finding.
_CONSENT_KINDS = ("consent", "marketing", "data_sharing")


def _check_option(v: Validator, option: model.Option, node, keys, where) -> Any:
    if option.required and option.kind not in _CONSENT_KINDS:
        kind = f"of kind '{option.kind}'" if option.kind else "without a kind"
        v.problem(
            f"{where} is {kind} and says 'required: true'; required applies to options of kind "
            f"{', '.join(_CONSENT_KINDS)} (an add-on the order needs is not an option: leave "
            "it out, or give the option its kind)",
            keys["required"],
        )
        return INVALID
    return option


_LANGUAGE_TAG = re.compile(model.LANGUAGE_TAG)


def _check_language(v: Validator, tag: str | None, keys, where: str) -> bool:
    if tag is None or _LANGUAGE_TAG.fullmatch(tag):
        return True
    v.problem(
        f"'language' of {where} is '{tag}', which is not a BCP 47 language tag; "
        "write one such as en, de, fr-CA or pt-BR",
        keys["language"],
    )
    return False


def _check_step(v: Validator, step: model.Step, node, keys, where) -> Any:
    ok = _check_language(v, step.language, keys, where)
    if step.outcome is not None and step.actions:
        v.problem(
            f"{where} has outcome '{step.outcome}' and actions; a step with an outcome ends the "
            "flow: remove its actions or its outcome",
            keys["actions"],
        )
        ok = False
    if step.confirmation is not None and step.outcome is None:
        v.problem(
            f"{where} has a 'confirmation' but no outcome; the business confirms an outcome "
            "(a cancellation, a refund): put it on the step with the outcome",
            keys["confirmation"],
        )
        ok = False
    return step if ok else INVALID


def _minutes(text: str) -> int | None:
    """Minutes after midnight of 'HH:MM' (00:00 to 24:00), None when it is not a time."""
    hours, colon, minutes = text.partition(":")
    if not (colon and len(minutes) == 2 and 1 <= len(hours) <= 2):
        return None
    if not (hours.isascii() and hours.isdigit() and minutes.isascii() and minutes.isdigit()):
        return None
    value = int(hours) * 60 + int(minutes)
    return value if int(minutes) < 60 and value <= 24 * 60 else None


def _check_hours(v: Validator, hours: model.OpeningHours, node, keys, where) -> Any:
    """Times are HH:MM with opening before closing; days are listed once each."""
    ok = True
    times = {}
    for attr, key in (("opens", "from"), ("closes", "to")):
        value = _minutes(getattr(hours, attr))
        if value is None:
            v.problem(
                f"'{key}' of {where} is '{getattr(hours, attr)}', not a time; write it as "
                f'"HH:MM" on the 24-hour clock, in quotes (e.g. "09:00", "17:30", "24:00")',
                keys[attr],
            )
            ok = False
        times[attr] = value
    if ok and times["opens"] >= times["closes"]:
        v.problem(
            f"{where} opens at {hours.opens} and closes at {hours.closes}; closing must come "
            'after opening on the same day (open until midnight: to: "24:00")',
            keys["closes"],
        )
        ok = False
    if not hours.days:
        v.problem(f"'days' of {where} is empty; list the days it is open", keys["days"])
        ok = False
    repeated = sorted({d for d in hours.days if hours.days.count(d) > 1})
    if repeated:
        v.problem(f"'days' of {where} lists {', '.join(repeated)} twice", keys["days"])
        ok = False
    return hours if ok else INVALID


def _check_flow(v: Validator, flow: model.Flow, node, keys, where) -> Any:
    if not flow.steps:
        v.problem(f"{where} has no steps; add at least the step named by 'start'", keys["steps"])
        return INVALID
    return flow


def _check_product(v: Validator, product: model.Product, node, keys, where) -> Any:
    if not _check_language(v, product.language, keys, where):
        return INVALID
    if not product.flows:
        v.problem("'flows' is empty; describe at least one flow", keys["flows"])
        return INVALID
    return product


_CROSS_FIELD: dict[type, Callable[..., Any]] = {
    model.Fee: _check_fee,
    model.Option: _check_option,
    model.OpeningHours: _check_hours,
    model.Step: _check_step,
    model.Flow: _check_flow,
    model.Product: _check_product,
}
