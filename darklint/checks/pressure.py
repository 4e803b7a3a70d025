"""Checks for pressure and consent (DL502, DL504, DL505): countdowns that lie, boxes ticked on
the customer's behalf, accounts demanded before a purchase or a refund.

Like the copy rules, they read every step of every flow, reached or not: what is in a design
ships unless it is removed (an unreachable step is DL003's finding on its own).
"""

from __future__ import annotations

from collections.abc import Iterator

from darklint.checks import Params, Scope, check
from darklint.findings import Hit
from darklint.graph import Queries
from darklint.model import Flow, Option, Step, Timer

#: How messages name each kind of option.
_OPTION_KIND = {
    "consent": "a consent",
    "marketing": "a marketing choice",
    "data_sharing": "a data-sharing choice",
    "add_on": "an add-on",
}

#: What the customer is trying to do in flows where DL505 applies, and how to let them.
_GOAL = {
    "purchase": ("buy", "check out as a guest with just the details the order needs"),
    "refund": ("get a refund", "ask for a refund with their order number and email"),
}


def _steps(q: Queries) -> Iterator[tuple[Flow, Step]]:
    """Every step of every flow, in YAML order (findings then come out in a stable order)."""
    for flow in q.product.flows.values():
        for step in flow.steps.values():
            yield flow, step


def duration(seconds: float) -> str:
    """'10-minute', '90-second', '2-hour': a countdown's length as the customer reads it."""
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)}-{unit}"
    return f"{seconds:g}-second"


def _timer_faults(timer: Timer) -> list[str]:
    """Why a countdown is false: no real deadline behind it, or it starts again on reload."""
    faults = []
    if not timer.real_deadline:
        faults.append("nothing really ends when it reaches zero (real_deadline: false)")
    if timer.resets:
        faults.append("it starts again when the page is reloaded (resets: true)")
    return faults


def _timer_scope(q: Queries, params: Params) -> Scope:
    """DL502: countdowns to judge."""
    if any(step.timer is not None for _, step in _steps(q)):
        return Scope()
    return Scope("no countdown (timer) on any step")


@check(
    "false_urgency",
    reads=("Step.timer", "Timer.seconds", "Timer.real_deadline", "Timer.resets"),
    scope=_timer_scope,
)
def false_urgency(q: Queries, params: Params) -> Iterator[Hit]:
    """A countdown with no real deadline behind it, or one that resets: pressure that lies."""
    for flow, step in _steps(q):
        timer = step.timer
        if timer is None:
            continue
        faults = _timer_faults(timer)
        if not faults:
            continue
        length = duration(timer.seconds)
        yield Hit(
            f"the {length} countdown at step '{step.id}' is false: {' and '.join(faults)}. "
            "Show a countdown only when the offer truly ends at zero, for everyone, and say "
            "when it ends; otherwise remove it",
            timer.location if timer.location.line else step.keys.get("timer", step.location),
            flow=flow.id,
            step=step.id,
            facts=(("countdown", f"{timer.seconds:g} seconds"), ("why false", "; ".join(faults))),
            subject="timer",
        )


def _prechecked(step: Step, kinds: frozenset[str]) -> Iterator[Option]:
    return (o for o in step.options if o.prechecked and o.kind in kinds)


#: Options that ask for the customer's agreement rather than sell something.
_CONSENT_KINDS = frozenset({"consent", "marketing", "data_sharing"})


def _consent_scope(q: Queries, params: Params) -> Scope:
    """DL504: consent, marketing or data-sharing choices to judge."""
    kinds = set(params["kinds"])
    if any(o.kind in kinds for _, step in _steps(q) for o in step.options):
        return Scope()
    return Scope(f"no {' or '.join(params['kinds'])} option on any step")


@check(
    "preselected_consent",
    reads=("Step.options", "Option.kind", "Option.prechecked"),
    scope=_consent_scope,
    kinds=("consent", "marketing", "data_sharing"),
)
def preselected_consent(q: Queries, params: Params) -> Iterator[Hit]:
    """A consent, marketing or data-sharing box ticked in advance: silence taken for a yes."""
    kinds = frozenset([params["kinds"]] if isinstance(params["kinds"], str) else params["kinds"])
    for flow, step in _steps(q):
        for option in _prechecked(step, kinds):
            what = _OPTION_KIND.get(option.kind or "", f"a {option.kind} choice")
            yield Hit(
                f"the tick box '{option.label}' at step '{step.id}' is {what} and is ticked in "
                "advance, so customers who leave it alone 'agree' without choosing to; leave it "
                "unticked, so that only the customer's own tick means yes",
                option.location,
                flow=flow.id,
                step=step.id,
                facts=(("option", option.label), ("kind", option.kind or "")),
                subject=f"prechecked:{option.label}",
            )


def _required_consent_scope(q: Queries, params: Params) -> Scope:
    """DL506: consent, marketing or data-sharing choices to judge."""
    if any(o.kind in _CONSENT_KINDS for _, step in _steps(q) for o in step.options):
        return Scope()
    return Scope("no consent, marketing or data_sharing option on any step")


@check(
    "forced_consent",
    reads=("Step.options", "Option.kind", "Option.required"),
    scope=_required_consent_scope,
)
def forced_consent(q: Queries, params: Params) -> Iterator[Hit]:
    """A consent, marketing or data-sharing box the customer must tick to go on: a yes that
    cannot be refused is not a choice."""
    for flow, step in _steps(q):
        for option in step.options:
            if not option.required or option.kind not in _CONSENT_KINDS:
                continue
            what = _OPTION_KIND.get(option.kind or "", f"a {option.kind} choice")
            yield Hit(
                f"the tick box '{option.label}' at step '{step.id}' is {what}, and customers "
                "cannot go on without ticking it: agreeing is the price of the service, so the "
                "tick is not a free choice. Let them go on without it (required: false), and "
                "ask separately, where saying no costs nothing",
                option.location,
                flow=flow.id,
                step=step.id,
                facts=(("option", option.label), ("kind", option.kind or ""), ("required", "yes")),
                subject=f"required:{option.label}",
            )


def _registration_scope(q: Queries, params: Params) -> Scope:
    """DL505: purchase or refund flows, where an account may be demanded."""
    if any(flow.kind in _GOAL for flow in q.product.flows.values()):
        return Scope()
    return Scope("no purchase or refund flow")


@check(
    "forced_registration",
    reads=("Step.requires", "Flow.account_needed"),
    scope=_registration_scope,
)
def forced_registration(q: Queries, params: Params) -> Iterator[Hit]:
    """An account demanded in a purchase or refund flow whose goods do not need one."""
    for flow, step in _steps(q):
        if flow.kind not in _GOAL or flow.account_needed or "account" not in step.requires:
            continue
        goal, instead = _GOAL[flow.kind]
        yield Hit(
            f"step '{step.id}' of the {flow.kind} flow '{flow.id}' asks customers to create an "
            f"account before they can {goal}; let them {instead}, and suggest an account "
            "afterwards. If the goods truly need an account (an online service), say so with "
            "`account_needed: true` on the flow",
            step.location,
            flow=flow.id,
            step=step.id,
            facts=(("requires", "account"), ("flow", f"{flow.id} ({flow.kind})")),
            subject=f"account-in-{flow.kind}",
        )
