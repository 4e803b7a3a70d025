"""The copy checks: confirmshaming and trick questions by shape, and phrase lists.

``confirmshaming`` (DL501) finds the declines of a flow from what the flow says about its
actions (lower emphasis than another choice, the way out, the refusal of a retention offer, a
label that opens with "No") and unticked options, then asks :mod:`darklint.wording` whether
their words make the customer speak against their own interest or mock them.
``trick_question`` (DL503) asks it whether a tick box's label is a double negative or a
refusal that the box left alone turns into a yes. Both read each step's copy in its language
(the step's ``language``, else the product's).

``phrases`` works like Vale's ``existence`` check: a rule lists regular expressions, and a
label or text that matches any of them is reported, so teams can write rules with their own
phrases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import Any

from darklint.checks import Params, Scope, check
from darklint.findings import Hit
from darklint.graph import Queries
from darklint.graph.build import resolve_target
from darklint.model import Action, Flow, Location, Option, Product, Step
from darklint.safetext import clip

#: A compiled phrase pattern: Python's for darklint's own, RE2's for everyone else's.
Matcher = Any


def compile_patterns(patterns: Iterable[str]) -> list[Matcher]:
    """Compile a rule's phrase patterns, case-insensitively, in the order given.

    Order matters: :func:`find_phrase` reports the first pattern that matches, so the
    evidence shown to users is stable. A pattern that is not a string or not a valid regular
    expression raises :class:`ValueError` naming the pattern, so a typo in a rule file is
    reported against that rule instead of failing somewhere later.

    darklint's own patterns (those in its built-in rule files) run on Python's ``re``; they
    are written to run in linear time and tested on hostile labels. Every other pattern, from
    a custom rule file or a configuration's ``params``, may come from a pull request, so it
    runs on RE2 (google-re2), whose matching time is linear in the text whatever the pattern:
    a pattern RE2 cannot run (a backreference, a lookaround) is refused with the reason.
    """
    compiled: list[Matcher] = []
    trusted = builtin_patterns()
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise ValueError(f"phrase pattern {pattern!r} is not a string")
        try:
            if pattern in trusted:
                compiled.append(re.compile(pattern, re.IGNORECASE))
            else:
                compiled.append(linear_pattern(pattern))
        except (re.error, LinearPatternError) as error:
            raise ValueError(
                f"phrase pattern {clip(repr(pattern))} is not a valid regular expression: {error}"
            ) from None
    return compiled


class LinearPatternError(ValueError):
    """A pattern the linear-time engine cannot run."""


class _LinearMatcher:
    """An RE2 pattern with the ``search`` of a Python pattern."""

    def __init__(self, compiled: Any) -> None:
        self._compiled = compiled
        self.pattern: str = compiled.pattern

    def search(self, text: str) -> Any:
        try:
            return self._compiled.search(text)
        except UnicodeEncodeError:  # a lone surrogate: match what can be encoded
            return self._compiled.search(text.encode("utf-8", "replace").decode("utf-8"))


def linear_pattern(pattern: str) -> _LinearMatcher:
    """``pattern`` compiled by RE2, case-insensitively; LinearPatternError when RE2 cannot
    run it. RE2 reads ``\\b`` and ``\\w`` as ASCII, as documented in docs/security.md."""
    import re2

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # the reason goes into darklint's own message
    try:
        return _LinearMatcher(re2.compile(pattern, options))
    except re2.error as error:
        reason = error.args[0] if error.args else error
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise LinearPatternError(
            f"{reason} (patterns from custom rules and configuration run on RE2, in time "
            "linear in the text: no backreferences or lookarounds)"
        ) from None


@lru_cache(maxsize=1)
def builtin_patterns() -> frozenset[str]:
    """Every phrase pattern of darklint's built-in rule files: the ones run on ``re``."""
    from darklint.catalog import builtin_rules_dir, parse_rule

    found: set[str] = set()
    for path in sorted(builtin_rules_dir().glob("*.yaml")):
        rule = parse_rule(path.read_text(encoding="utf-8"), str(path), True)
        found.update(p for p in _as_tuple(rule.params.get("patterns")) if isinstance(p, str))
    return frozenset(found)


def find_phrase(compiled: Sequence[Matcher], text: str) -> Any:
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
def _compile_once(patterns: tuple[str, ...]) -> tuple[Matcher, ...]:
    """One compiled list per distinct pattern list, so every product of a run reuses it."""
    return tuple(compile_patterns(patterns))


def compiled_patterns(patterns: Any) -> tuple[Matcher, ...]:
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


@check(
    "phrases",
    validate=_validate,
    reads=("Step.text", "Step.options", "Action.emphasis"),
    targets=TARGETS,
    patterns=(),
)
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


# -- judged by shape --------------------------------------------------------------------------

#: How prominent each emphasis is: a decline is shown less prominently than the accept.
_EMPHASIS_RANK = {"primary": 3, "secondary": 2, "link": 1, "hidden": 0}
#: Outcomes that mean the customer left or was turned away.
_LEAVING_OUTCOMES = frozenset({"cancelled", "abandoned", "refused"})

#: What each shape does to the customer, as findings say it.
_SHAMING = {
    "refuses a gain": "makes the customer say they do not want something good for them",
    "prefers a loss": "makes the customer say they prefer to lose or to pay more",
    "mocks the customer": "mocks the customer for declining",
    "courts a risk": "makes declining sound reckless",
    "guilt": "guilts the customer for leaving",
    "ridicule": "ridicules the customer for declining",
    "does not care": "makes the customer say they do not care",
    "belittles a gain": "makes the customer run down something good for them",
    "welcomes a loss": "makes the customer say they are glad to lose or to pay more",
}
_TRICK = {
    "uncheck to refuse": "asks the customer to untick it to say no, so leaving it means yes",
    "double negative": "is a double negative",
    "refusal": "is worded as a refusal, so leaving it unticked means yes",
    "opt-out": "opts the customer out, so leaving it unticked means yes",
}


def _target_step(product: Product, flow: Flow, action: Action) -> Step | None:
    node = resolve_target(product, flow, action.to)
    return product.flows[node[0]].steps[node[1]] if node is not None else None


def _customer_choices(step: Step) -> tuple[int, int]:
    """(how many actions the customer takes at the step, the highest emphasis among them):
    worked out once per step by the caller, not once per action (a step of 4,000 actions
    made DL501 quadratic)."""
    ranks = [_EMPHASIS_RANK[a.emphasis] for a in step.actions if a.by_customer]
    return len(ranks), max(ranks, default=0)


def _is_decline(
    product: Product,
    flow: Flow,
    step: Step,
    action: Action,
    opens_no: bool,
    choices: tuple[int, int],
) -> bool:
    """Whether the flow shows this action as a decline: refusing an offer, or leaving.
    ``choices`` is :func:`_customer_choices` of the step."""
    if not action.by_customer:
        return False
    if opens_no:
        return True
    count, top = choices
    if count > 1 and _EMPHASIS_RANK[action.emphasis] < top:
        return True
    target = _target_step(product, flow, action)
    outcome = target.outcome if target is not None else None
    if outcome in _LEAVING_OUTCOMES:
        return True
    return step.kind == "retention_offer" and outcome != "retained"


def _copy_of(
    product: Product, flow: Flow, step: Step, options: bool, actions: bool
) -> Iterator[tuple[str, str, Location, str, Action | Option]]:
    """(kind, label, where, how messages name it, the item) for the step's option and action
    labels."""
    if options:
        for option in step.options:
            named = f"the tick box '{option.label}' at step '{step.id}'"
            yield "option_label", option.label, option.location, named, option
    if actions:
        for action in step.actions:
            what = "link" if action.emphasis in ("link", "hidden") else "button"
            named = f"the {what} '{action.label}' at step '{step.id}'"
            yield "action_label", action.label, action.location, named, action


def _judged(
    q: Queries, rule: str
) -> Iterator[tuple[Flow, Step, str, str, Location, str, str, str]]:
    """Each label the rule reads, with the shape its words have, in the step's language."""
    from darklint import wording  # lexicons load only when a copy rule runs

    product = q.product
    actions = rule == "DL501"
    for flow in product.flows.values():
        for step in flow.steps.values():
            if not (step.options or (actions and step.actions)):
                continue
            language = wording.language_of(product.language_of(step))
            if language is None:
                continue
            choices = _customer_choices(step) if actions else (0, 0)
            for kind, text, location, named, item in _copy_of(
                product, flow, step, options=True, actions=actions
            ):
                if rule == "DL503":
                    if kind != "option_label":
                        continue
                    judgement = wording.judge_tick_box(text, language)
                    # "No ads" for a price is a paid choice of the product: left unticked, the
                    # customer keeps what they had and agrees to nothing.
                    if judgement is not None and judgement.shape == "refusal" and item.price:
                        judgement = None
                elif isinstance(item, Option):
                    # A box worded as a refusal ("Ich möchte keine Angebote erhalten") is a
                    # trick question, DL503's finding, not a decline that shames.
                    if item.prechecked or wording.judge_tick_box(text, language) is not None:
                        continue
                    judgement = wording.judge_decline(text, language)
                else:
                    opens_no = wording.opens_with_no(text, language)
                    if not _is_decline(product, flow, step, item, opens_no, choices):
                        continue
                    judgement = wording.judge_decline(text, language)
                if judgement is not None:
                    yield (
                        flow,
                        step,
                        kind,
                        text,
                        location,
                        named,
                        judgement.shape,
                        judgement.words(text),
                    )


def _report(q: Queries, rule: str, explain: dict[str, str]) -> Iterator[Hit]:
    for flow, step, kind, text, location, named, shape, words in _judged(q, rule):
        yield Hit(
            f'{named} says "{words}": it {explain[shape]}; {_ADVICE[kind]}',
            location,
            flow=flow.id,
            step=step.id,
            facts=(
                (kind.replace("_", " "), text),
                ("matched words", words),
                ("shape", shape),
                ("language", q.product.language_of(step)),
            ),
            subject=f"{kind}:{text}",
        )


def _language_gaps(q: Queries) -> tuple[str, ...]:
    """Steps whose language has no wording list: their copy is not read, so a clean result
    says nothing about them."""
    from darklint import wording

    missing: dict[str, list[str]] = {}
    for flow in q.product.flows.values():
        for step in flow.steps.values():
            tag = q.product.language_of(step)
            if wording.language_of(tag) is None:
                missing.setdefault(str(tag), []).append(f"{flow.id}.{step.id}")
    return tuple(
        f"no wording list for language '{tag}' (steps {', '.join(steps[:3])}"
        f"{', ...' if len(steps) > 3 else ''})"
        for tag, steps in sorted(missing.items())
    )


def _decline_scope(q: Queries, params: Params) -> Scope:
    """DL501: every product has words; those in a language without a list are not read."""
    return Scope(gaps=_language_gaps(q))


def _tick_box_scope(q: Queries, params: Params) -> Scope:
    """DL503: tick boxes (options) to read, in a language with a wording list."""
    if not any(step.options for flow in q.product.flows.values() for step in flow.steps.values()):
        return Scope("no tick box (option) on any step")
    return Scope(gaps=_language_gaps(q))


#: What the copy rules read: the words, where they are, and what each choice does.
_COPY_READS = (
    "Product.language",
    "Step.language",
    "Step.kind",
    "Step.options",
    "Option.prechecked",
    "Option.price",
    "Action.by",
    "Action.emphasis",
)


@check("confirmshaming", reads=_COPY_READS, scope=_decline_scope)
def confirmshaming(q: Queries, params: Params) -> Iterator[Hit]:
    """Declines (and unticked options) whose words shame the customer for saying no.

    Every step of every flow is read, reached or not: copy in a design ships unless it is
    removed. Step text is not read: a testimonial or a description is not a decline.
    """
    yield from _report(q, "DL501", _SHAMING)


@check("trick_question", reads=_COPY_READS, scope=_tick_box_scope)
def trick_question(q: Queries, params: Params) -> Iterator[Hit]:
    """Tick boxes worded as a double negative, or so that leaving them alone means yes."""
    yield from _report(q, "DL503", _TRICK)
