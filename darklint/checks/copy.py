"""Phrase matching for the copy rules (confirmshaming, trick questions).

The copy rules work like Vale's ``existence`` check: a rule lists regular expressions, and a
label or text that matches any of them is reported. The lists live in the rule files
(``rules/DL501.yaml``, ``rules/DL503.yaml``), so auditors can read them and teams can write
their own rules with their own phrases. This module compiles and matches them, and holds the
``phrases`` check that reads every label and step text of a product.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from darklint.checks import Params, check
from darklint.findings import Hit
from darklint.graph import Queries
from darklint.model import Location, Step


def compile_patterns(patterns: Iterable[str]) -> list[re.Pattern[str]]:
    """Compile a rule's phrase patterns, case-insensitively, in the order given.

    Order matters: :func:`find_phrase` reports the first pattern that matches, so the
    evidence shown to users is stable. A pattern that is not a string or not a valid Python
    regular expression raises :class:`ValueError` naming the pattern, so a typo in a rule
    file is reported against that rule instead of failing somewhere later.
    """
    compiled: list[re.Pattern[str]] = []
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise ValueError(f"phrase pattern {pattern!r} is not a string")
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            raise ValueError(
                f"phrase pattern {pattern!r} is not a valid regular expression: {error}"
            ) from None
    return compiled


def find_phrase(compiled: Sequence[re.Pattern[str]], text: str) -> re.Match[str] | None:
    """The first match of the first pattern (in list order) found anywhere in ``text``."""
    for pattern in compiled:
        match = pattern.search(text)
        if match is not None:
            return match
    return None


#: The texts the ``phrases`` check can read: button and link labels, tick-box labels, step copy.
TARGETS = ("action_label", "option_label", "step_text")

#: What to do instead, per kind of text (the rule's own fix line comes with every finding).
_ADVICE = {
    "action_label": "word it neutrally and say what it does ('No thanks', 'Cancel my plan')",
    "option_label": (
        "word the box as a plain, neutral yes that the customer ticks to agree "
        "('Email me offers', 'Add screen protection')"
    ),
    "step_text": "describe the offer plainly and leave the choice to the customer, unjudged",
}


@lru_cache(maxsize=32)
def _compile_once(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """One compiled list per distinct pattern list, so every product of a run reuses it."""
    return tuple(compile_patterns(patterns))


def compiled_patterns(patterns: Any) -> tuple[re.Pattern[str], ...]:
    """A rule's ``patterns`` parameter, compiled once per distinct list.

    A single string counts as a list of one. A pattern that is not a string raises
    :func:`compile_patterns`' ValueError before the cache, which needs hashable keys.
    """
    items = _as_tuple(patterns)
    if not all(isinstance(p, str) for p in items):
        compile_patterns(items)  # raises ValueError naming the pattern
    return _compile_once(items)


def _as_tuple(value: Any) -> tuple[Any, ...]:
    """A parameter given as one string or as a list, as a tuple (YAML allows both)."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _targets(value: Any) -> frozenset[str]:
    """The ``targets`` parameter, checked: a typo would otherwise silently read nothing."""
    targets = _as_tuple(value)
    unknown = [t for t in targets if t not in TARGETS]
    if unknown:
        raise ValueError(
            f"phrases: unknown target {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(TARGETS)}"
        )
    return frozenset(targets)


def _texts(step: Step, targets: frozenset[str]) -> Iterator[tuple[str, str, Location, str]]:
    """(target, text, where it is, how messages name it) for each text of a step.

    Step text points at the step's key; actions and options at their list items.
    """
    if "step_text" in targets and step.text:
        yield "step_text", step.text, step.location, f"the text of step '{step.id}'"
    if "option_label" in targets:
        for option in step.options:
            yield (
                "option_label",
                option.label,
                option.location,
                f"the tick box '{option.label}' at step '{step.id}'",
            )
    if "action_label" in targets:
        for action in step.actions:
            what = "link" if action.emphasis in ("link", "hidden") else "button"
            yield (
                "action_label",
                action.label,
                action.location,
                f"the {what} '{action.label}' at step '{step.id}'",
            )


def _validate(params: Params) -> None:
    """Patterns compile and targets exist: checked when the rule loads."""
    compiled_patterns(params["patterns"])
    _targets(params["targets"])


@check("phrases", validate=_validate, targets=TARGETS, patterns=())
def phrases(q: Queries, params: Params) -> Iterator[Hit]:
    """Labels and step texts that match one of the rule's phrase patterns.

    Every step of every flow is read, reached or not: copy in a design ships unless it is
    removed. Each text gives at most one hit, quoting the first pattern's match.
    """
    compiled = compiled_patterns(params["patterns"])
    targets = _targets(params["targets"])
    if not compiled or not targets:
        return
    for flow in q.product.flows.values():
        for step in flow.steps.values():
            for target, text, location, named in _texts(step, targets):
                match = find_phrase(compiled, text)
                if match is None:
                    continue
                words = match.group(0).strip() or text
                yield Hit(
                    f'{named} says "{words}"; {_ADVICE[target]}',
                    location,
                    flow=flow.id,
                    step=step.id,
                    facts=((target.replace("_", " "), text), ("matched words", words)),
                    subject=f"{target}:{text}",
                )
