"""Checks for fees (DL3xx): surcharges for mistakes, drip pricing, fees to leave.

A fee is identified by its name, amount and currency, so the same fee on two alternative
actions ('Pay by card', 'Pay by PayPal') is one fee that every path may still pay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from darklint.checks import Params, check
from darklint.checks.common import PROMINENCE_TEXT, fee_text, unclear_mention, up_to
from darklint.checks.scope import DISCLOSES, EFFORT, MONEY, SUBSCRIPTION, Scope, paths_scope
from darklint.findings import EvidencePath, Hit
from darklint.graph import OUTCOME_OF_KIND, Node, PathView, Queries
from darklint.graph.cuts import always_crossed
from darklint.model import Action, Fee
from darklint.money import money


def _any_fee_scope(q: Queries, params: Params) -> Scope:
    """Fee rules: a fee on some action."""
    for flow in q.product.flows.values():
        for step in flow.steps.values():
            if any(action.fees for action in step.actions):
                return Scope()
    return Scope("no fee on any action")


@check(
    "fee_on_non_deliberate_action",
    reads=(
        *MONEY,
        "Action.fees",
        "Action.deliberate",
        "Action.by",
        "Flow.trigger",
        "Trigger.by",
        "Trigger.deliberate",
        "Trigger.label",
    ),
    scope=_any_fee_scope,
)
def fee_on_non_deliberate_action(q: Queries, params: Params) -> Iterator[Hit]:
    """A surcharge on an act the customer did not choose: a slip, a forgotten item, an
    expired card. Flows the business caused (trigger by: business) are DL603's."""
    for flow in q.product.flows.values():
        trigger = flow.trigger
        if trigger is not None and trigger.by == "business":
            continue
        trigger_slip = trigger is not None and not trigger.deliberate
        for step in flow.steps.values():
            for action in step.actions:
                if trigger_slip:
                    what = trigger.label or flow.id
                    why = f"the flow starts with something the customer did not choose ('{what}')"
                elif not action.deliberate:
                    why = f"'{action.label}' is not a deliberate act of the customer"
                elif action.by == "system":
                    why = f"'{action.label}' is done by the system, not chosen by the customer"
                else:
                    continue
                for fee in action.fees:
                    if fee.pass_through:
                        continue
                    yield Hit(
                        f"surcharge {fee_text(q, fee)} on '{action.label}' at step '{step.id}': "
                        f"{why}. Nobody should pay a fine for an honest mistake: drop the "
                        "surcharge (passing on a real cost at cost is fine)",
                        fee.location,
                        flow=flow.id,
                        step=step.id,
                        facts=(("fee", fee_text(q, fee)), ("action", action.label)),
                        subject=f"{action.label}/{fee.name}",
                    )


# -- drip pricing and basket sneaking (DL302, DL303) ------------------------------------------

#: Flow kinds where the customer buys, so a price, a payment step and fees can be dripped.
BUYING_KINDS = ("signup", "purchase")
#: Facts that show every mandatory fee: the fees themselves, or a total price including them.
SHOWS_FEES = ("fees", "total_price")


def _fees_on_paths(q: Queries, start: Node, outcome: str) -> list[Fee]:
    """Distinct fees (by name, amount, currency) on actions that lie on some path from
    ``start`` to ``outcome``, in YAML order."""
    forward = q.reachable([start])
    ends = q.reaching_outcome(outcome)
    found: dict[Fee, None] = {}  # a dict keeps YAML order and finds repeats in one lookup
    for node in q.in_order(forward):  # not every node of the product: once per flow
        if q.graph.step(node).outcome is not None:
            continue
        for action, target in q.graph.succ[node]:
            if target in ends:
                found.update(dict.fromkeys(action.fees))
    return list(found)


def _always_paid(q: Queries, start: Node, outcome: str, fees: list[Fee]) -> set[Fee]:
    """The fees that every path from ``start`` to ``outcome`` pays (the same fee on
    alternative actions, 'Pay by card' or 'Pay by PayPal', counts), all in one search."""
    succ, step = q.graph.succ, q.graph.step
    return always_crossed(
        start,
        lambda node: ((action.fees, target) for action, target in succ[node]),
        lambda node: step(node).outcome == outcome,
        fees,
    )


def _shows_fee(q: Queries, fee: Fee) -> Callable[[Node], bool]:
    """A step shows a fee when it lists fees or the total price, or one of its actions
    charges it (a fee is disclosed where the button that charges it is)."""

    def shows(node: Node) -> bool:
        step = q.graph.step(node)
        return any(step.discloses_clearly(f) for f in SHOWS_FEES) or any(
            fee in action.fees for action in step.actions
        )

    return shows


def _is_payment(q: Queries) -> Callable[[Node], bool]:
    """Payment steps: where "before payment" ends on a path that has one."""
    return lambda node: q.graph.step(node).kind == "payment"


def _shows_price(q: Queries) -> Callable[[Node], bool]:
    """Steps that show the price (or the total price): a surcharge must be shown with the
    first of them."""
    return lambda node: any(
        q.graph.step(node).discloses_clearly(f) for f in ("price", "total_price")
    )


def _first_shown(q: Queries, path: PathView, shows: Callable[[Node], bool]) -> str:
    """The step of a path where the fee first appears, for messages."""
    node = next((n for n in path.nodes if shows(n)), None)
    return f"step '{node[1]}'" if node else "no step"


def _joined(*paths: PathView) -> PathView:
    """Two paths glued where the first ends and the second starts."""
    first, *rest = paths
    for path in rest:
        first = PathView(
            first.kind,
            first.nodes + path.nodes[1:],
            first.actions + path.actions,
            first.costs + path.costs[1:],
            first.effort + path.effort,
        )
    return first


def _dripped(
    q: Queries, kind: str, start: Node, fee: Fee
) -> Iterator[tuple[Node, PathView, Node | None]]:
    """(payment point, witness path, first price step or None) for each way the mandatory
    fee is dripped: first shown at or after payment (None), or, for a surcharge, first shown
    after the first step that shows the price."""
    shows, payment = _shows_fee(q, fee), _is_payment(q)
    late = q.unseen_until(kind, shows, payment, [start], inclusive=False)
    for point, path in late.items():
        yield point, path, None
    if fee.pass_through:
        return
    priced = q.unseen_until(kind, shows, _shows_price(q), [start], fallback=False)
    for price_node, before in priced.items():
        end = before.nodes.index(price_node)  # the witness reaches it first, then goes on
        prefix = PathView(
            kind, before.nodes[: end + 1], before.actions[:end], before.costs[: end + 1], 0
        )
        after = q.unseen_until(kind, lambda n: False, payment, [price_node], inclusive=False)
        for point, path in after.items():
            if point not in late:
                yield point, _joined(prefix, path), price_node


def _buying_scope(q: Queries, params: Params) -> Scope:
    """DL302: a signup or purchase with a fee on it."""
    if not any(q.flows_of(kind) for kind in BUYING_KINDS):
        return Scope("no signup or purchase flow")
    return _any_fee_scope(q, params)


@check(
    "drip_pricing",
    reads=(*EFFORT, *MONEY, "Action.fees", *DISCLOSES),
    scope=_buying_scope,
)
def drip_pricing(q: Queries, params: Params) -> Iterator[Hit]:
    """A mandatory fee shown only at payment, or a mandatory surcharge shown after the price."""
    reported: set[tuple[Fee, Node]] = set()
    for kind in BUYING_KINDS:
        outcome = OUTCOME_OF_KIND[kind]
        for flow in q.flows_of(kind):
            start = q.graph.starts.get(flow.id)
            if start is None:
                continue
            fees = _fees_on_paths(q, start, outcome)
            if not fees:  # nothing to drip: skip the search for fees every path pays
                continue
            paid = _always_paid(q, start, outcome, fees)
            for fee in fees:
                if fee not in paid:
                    continue
                for point, path, price_node in _dripped(q, kind, start, fee):
                    if (fee, point) in reported:
                        continue
                    reported.add((fee, point))
                    yield _drip_hit(q, fee, point, path, price_node)


def _unclear_fees(q: Queries, path: PathView, point: Node) -> str:
    """'the fees are listed only in fine print at step 'menu'' when the path shows them
    before payment, but not clearly; else ''."""
    for fact, what in (("total_price", "the total price is"), ("fees", "the fees are")):
        mention = unclear_mention(q, up_to(path, point), fact)
        if mention is not None:
            node, prominence = mention
            return f"{what} shown {PROMINENCE_TEXT[prominence]} at step '{node[1]}'"
    return ""


def _drip_hit(q: Queries, fee: Fee, point: Node, path: PathView, price_node: Node | None) -> Hit:
    """The finding at the payment point, saying where the fee first shows up and what the
    customer saw before it (the price without the fee, or nothing until payment)."""
    step = q.graph.step(point)
    shown = _first_shown(q, path, _shows_fee(q, fee))
    paid = f"every customer pays {fee_text(q, fee)}"
    if price_node is not None:
        why = (
            f"the price shown at step '{price_node[1]}' leaves it out; it first appears at {shown}"
        )
    elif step.kind != "payment":
        why = f"it first appears at {shown}, the step where the customer commits to paying"
    elif shown == f"step '{point[1]}'":
        why = f"it first appears at {shown}, the payment step"
    else:
        why = f"it first appears after the payment step '{point[1]}', at {shown}"
    unclear = _unclear_fees(q, path, point)
    if unclear:
        why += f" ({unclear})"
    if fee.pass_through:
        fix = "Show it before customers reach payment (discloses: [fees] or [total_price])"
    else:
        fix = (
            "Show the total price including this fee where the price is first shown "
            "(discloses: [total_price])"
        )
    return Hit(
        f"{paid}, but {why}. {fix}",
        step.location,
        flow=point[0],
        step=point[1],
        paths=(replace(q.evidence(path, "a path where the fee shows up late"), effort=None),),
        facts=(("fee", fee_text(q, fee)), ("first shown", shown)),
        subject=f"drip:{fee.name}",
    )


def _priced_option_scope(q: Queries, params: Params) -> Scope:
    """DL303: an option that costs money."""
    for flow in q.product.flows.values():
        for step in flow.steps.values():
            if any(o.price is not None and o.price > 0 for o in step.options):
                return Scope()
    return Scope("no option with a price")


@check(
    "sneak_into_basket",
    reads=(*MONEY, "Step.options", "Option.price", "Option.currency", "Option.prechecked"),
    scope=_priced_option_scope,
)
def sneak_into_basket(q: Queries, params: Params) -> Iterator[Hit]:
    """An option that costs money and is ticked before the customer chooses it."""
    for flow in q.product.flows.values():
        for step in flow.steps.values():
            for option in step.options:
                if not option.prechecked or option.price is None or option.price <= 0:
                    continue
                cost = money(option.price, q.product.fee_currency(option.currency))
                yield Hit(
                    f"'{option.label}' costs {cost} and is already ticked at step '{step.id}': "
                    "customers who do not notice pay for something they never chose. Leave it "
                    "unticked (prechecked: false) so adding it is their decision",
                    option.location,
                    flow=flow.id,
                    step=step.id,
                    facts=(("option", option.label), ("price", cost)),
                    subject=f"precheck:{option.label}",
                )


# -- fees to leave (DL304, DL305) -------------------------------------------------------------


def _leaving_fees(q: Queries) -> tuple[tuple[Node, Action, Fee], ...]:
    """Surcharges on actions that lie on some cancel path (from a cancel source to
    `cancelled`), in YAML order; an action towards `retained` only is not leaving. Found
    once per product for DL304, DL305 and their scopes."""
    return q.shared("leaving_fees", lambda: tuple(_find_leaving_fees(q)))


def _find_leaving_fees(q: Queries) -> Iterator[tuple[Node, Action, Fee]]:
    forward = q.reachable(q.sources("cancel"))
    ends = q.reaching_outcome("cancelled")
    for node in q.in_order(forward):  # the steps a cancel path reaches, not the product's
        if q.graph.step(node).outcome is not None:
            continue
        for action, target in q.graph.succ[node]:
            if target in ends:
                for fee in action.fees:
                    if not fee.pass_through:
                        yield node, action, fee


def _fee_unannounced(q: Queries) -> PathView | None:
    """A signup path that reaches payment without showing `cancellation_fee`; None when
    every one shows it, or when there is no signup path (nothing to judge then)."""
    gaps = q.unseen_until(
        "signup",
        lambda node: q.graph.step(node).discloses_clearly("cancellation_fee"),
        _is_payment(q),
    )
    # The point with the smallest id, not the first written: moving steps keeps fingerprints.
    return gaps[min(gaps)] if gaps else None


def _leaving_path(q: Queries, node: Node, action: Action) -> PathView | None:
    """A cancel path through the action that charges the fee (fewest customer actions)."""
    target = next(t for a, t in q.graph.succ[node] if a is action)
    before = q.fewest_actions_from("cancel", node)  # one search shared by every fee
    after = q.fewest_actions([target], lambda n: q.graph.step(n).outcome == "cancelled")
    if before is None or after is None:
        return None
    step = PathView("cancel", (node, target), (action,), (0, int(action.by_customer)), 0)
    return _joined(before, step, after)


def _leaving_evidence(q: Queries, node: Node, action: Action) -> tuple[EvidencePath, ...]:
    """The cancel path through the charging action, as evidence (none if it cannot be
    drawn, which a fee on a cancel path always can)."""
    path = _leaving_path(q, node, action)
    if path is None:
        return ()
    return (replace(q.evidence(path, "a cancel path that charges the fee"), effort=None),)


def _leaving_fee_scope(q: Queries, params: Params) -> Scope:
    """DL304, DL305: a surcharge on a cancel path."""
    scope = paths_scope(q, "cancel")
    if scope.not_applicable or scope.gaps:
        return scope
    if not _leaving_fees(q):
        return Scope("no fee on a cancel path")
    return scope


@check(
    "undisclosed_cancellation_fee",
    reads=(*EFFORT, *MONEY, *SUBSCRIPTION, "Action.fees", *DISCLOSES),
    scope=_leaving_fee_scope,
)
def undisclosed_cancellation_fee(q: Queries, params: Params) -> Iterator[Hit]:
    """A surcharge to cancel that the signup did not disclose before payment."""
    fees = list(_leaving_fees(q))
    signup = _fee_unannounced(q) if fees else None
    if signup is None:
        return
    payment = next((n for n in signup.nodes if q.graph.step(n).kind == "payment"), None)
    place = payment or signup.nodes[-2]
    where = f"before paying (step '{place[1]}' of flow '{place[0]}')"
    unclear = unclear_mention(q, up_to(signup, place), "cancellation_fee")
    if unclear is not None:
        where += (
            f"; it is shown {PROMINENCE_TEXT[unclear[1]]} at step '{unclear[0][1]}', which is "
            "not a clear disclosure"
        )
    for node, action, fee in fees:
        yield Hit(
            f"cancelling costs {fee_text(q, fee)} ('{action.label}' at step '{node[1]}'), but "
            f"customers are not told about a cancellation fee {where}. Drop the fee, or show "
            "it before they pay (discloses: [cancellation_fee]) so they can decide knowing it",
            fee.location,
            flow=node[0],
            step=node[1],
            paths=(
                replace(q.evidence(signup, "a signup path that never mentions it"), effort=None),
                *_leaving_evidence(q, node, action),
            ),
            facts=(("fee", fee_text(q, fee)), ("action", action.label)),
            subject=f"{action.label}/{fee.name}",
        )


@check(
    "fee_to_leave",
    reads=(*EFFORT, *MONEY, *SUBSCRIPTION, "Action.fees", *DISCLOSES),
    scope=_leaving_fee_scope,
)
def fee_to_leave(q: Queries, params: Params) -> Iterator[Hit]:
    """A surcharge to cancel, disclosed up front (an undisclosed one is DL304's)."""
    fees = list(_leaving_fees(q))
    if not fees or _fee_unannounced(q) is not None:
        return
    told = (
        "it was disclosed at signup, but"
        if q.has_path("signup")
        else "the file shows no signup to tell whether it was disclosed, and"
    )
    for node, action, fee in fees:
        yield Hit(
            f"cancelling costs {fee_text(q, fee)} ('{action.label}' at step '{node[1]}'): "
            f"{told} customers still pay to stop paying. Let them leave without a charge; a "
            "minimum term can simply run to its end",
            fee.location,
            flow=node[0],
            step=node[1],
            paths=_leaving_evidence(q, node, action),
            facts=(("fee", fee_text(q, fee)), ("action", action.label)),
            subject=f"{action.label}/{fee.name}",
        )
