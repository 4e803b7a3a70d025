"""Checks for renewals, trials and prices (DL2xx): what customers are told, and when.

The notice rules (DL201-DL203) read the subscription's `notices`: one notice of the event in
the window is enough; without any, the finding points at the `subscription` key, and when
every notice of the event falls outside the window, each of them is reported where it is
written. DL205 asks whether every path to `subscribed` shows the terms before payment.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from darklint.checks import Params, check
from darklint.findings import Hit
from darklint.graph import Node, PathView, Queries
from darklint.model import Notice, Subscription
from darklint.money import money

#: How messages say how often a subscription renews.
PERIOD = {
    "weekly": "every week",
    "monthly": "every month",
    "yearly": "every year",
    "none": "for a fixed term",
}

#: What each disclosed fact means to a customer, for messages.
TERMS = {
    "price": "the price",
    "renewal_terms": "that it renews until cancelled (the renewal terms)",
    "trial_terms": "how long the trial lasts and when the first charge comes (the trial terms)",
}


def _days(value: float) -> str:
    """'3 days' / '1 day' for a notice's days_before or a threshold."""
    return f"{value:g} day" if float(value) == 1 else f"{value:g} days"


def _listing(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _plan(sub: Subscription) -> str:
    """'every month at USD 14.99', or 'every month' when the price is unknown."""
    period = PERIOD.get(sub.renews, sub.renews)
    return f"{period} at {money(sub.price, sub.currency)}" if sub.price is not None else period


def _notice_fact(notice: Notice) -> tuple[str, str]:
    """('notice', 'renewal, 14 days before by email'): the evidence a notice finding shows."""
    by = f" by {notice.channel}" if notice.channel else ""
    return ("notice", f"{notice.event}, {_days(notice.days_before)} before{by}")


def _window(min_days: float, max_days: float | None) -> str:
    """'at least 3 days' or 'between 3 and 21 days'."""
    if max_days is None:
        return f"at least {_days(min_days)}"
    return f"between {min_days:g} and {_days(max_days)}"


def _notice_hits(
    q: Queries,
    event: str,
    min_days: float,
    max_days: float | None,
    missing: str,
    off: Callable[[Notice], str],
) -> Iterator[Hit]:
    """Hits for a subscription event whose notices all fall outside [min_days, max_days].

    A single notice in the window is enough (a late extra reminder does no harm). With no
    notice of the event, the hit is at the `subscription` key with the ``missing`` message;
    otherwise each notice outside the window is reported at its own item with ``off(notice)``.
    """
    sub = q.product.subscription
    assert sub is not None
    notices = [n for n in sub.notices if n.event == event]

    def in_window(notice: Notice) -> bool:
        days = notice.days_before
        return days >= min_days and (max_days is None or days <= max_days)

    if any(in_window(n) for n in notices):
        return
    if not notices:
        yield Hit(missing, sub.location, subject=f"{event}:none")
        return
    for notice in notices:
        yield Hit(
            off(notice),
            notice.location,
            facts=(_notice_fact(notice),),
            subject=f"{event}:{notice.days_before:g}:{notice.channel or ''}",
        )


@check("trial_converts_silently", min_days=3, max_days=None, applies_to_trials_longer_than=None)
def trial_converts_silently(q: Queries, params: Params) -> Iterator[Hit]:
    """A trial that turns into a paid plan without a `trial_ends` reminder in time."""
    sub = q.product.subscription
    if sub is None or sub.trial is None or not sub.trial.converts_to_paid:
        return
    longer = params["applies_to_trials_longer_than"]
    if longer is not None and sub.trial.days <= float(longer):
        return
    min_days = float(params["min_days"])
    max_days = None if params["max_days"] is None else float(params["max_days"])
    window = _window(min_days, max_days)
    trial = f"the {sub.trial.days:g}-day trial turns into a paid plan ({_plan(sub)})"

    def off(notice: Notice) -> str:
        days = _days(notice.days_before)
        if notice.days_before < min_days:
            why = "too late to decide and cancel before the first charge"
        else:
            why = "so early that the reminder is forgotten by the time the charge comes"
        return (
            f"{trial}, and the trial reminder goes out {days} before it ends: {why}. "
            f"Send the `trial_ends` notice {window} before the first charge"
        )

    yield from _notice_hits(
        q,
        "trial_ends",
        min_days,
        max_days,
        f"{trial} without any reminder: there is no `trial_ends` notice. Tell customers "
        f"{window} before the first charge that the trial is ending, so they can cancel if "
        "they do not want to pay",
        off,
    )


@check("renewal_without_reminder", min_days=15, periods=("yearly",))
def renewal_without_reminder(q: Queries, params: Params) -> Iterator[Hit]:
    """A renewal (of a period in `periods`) without a `renewal` reminder in time."""
    sub = q.product.subscription
    periods = params["periods"]
    periods = (periods,) if isinstance(periods, str) else tuple(periods)
    if sub is None or sub.renews == "none" or sub.renews not in periods:
        return
    min_days = float(params["min_days"])
    renews = f"the subscription renews {_plan(sub)}"

    def off(notice: Notice) -> str:
        return (
            f"{renews}, but the renewal reminder goes out only {_days(notice.days_before)} "
            f"before the charge: too late to decide and cancel. Send the `renewal` notice at "
            f"least {_days(min_days)} before each renewal"
        )

    yield from _notice_hits(
        q,
        "renewal",
        min_days,
        None,
        f"{renews} without a reminder: there is no `renewal` notice. Tell customers at least "
        f"{_days(min_days)} before each renewal what they will be charged and how to cancel",
        off,
    )


@check("price_change_without_notice", min_days=30, max_days=None)
def price_change_without_notice(q: Queries, params: Params) -> Iterator[Hit]:
    """A renewing subscription whose price may change without a `price_change` notice in time
    (`max_days`, when set, caps the window as California's 7-to-30-day rule does)."""
    sub = q.product.subscription
    if sub is None or sub.renews == "none" or sub.price_locked:
        return
    min_days = float(params["min_days"])
    max_days = None if params["max_days"] is None else float(params["max_days"])
    window = _window(min_days, max_days)
    renews = f"the subscription renews {_plan(sub)} and its price is not locked"

    def off(notice: Notice) -> str:
        if notice.days_before < min_days:
            return (
                f"{renews}, but a new price is announced only {_days(notice.days_before)} "
                f"ahead: too late to decide whether to stay. Send the `price_change` notice "
                f"{window} before a new price applies"
            )
        return (
            f"{renews}, but a new price is announced {_days(notice.days_before)} ahead: so "
            f"early that it is forgotten by the time the new price applies. Send the "
            f"`price_change` notice {window} before a new price applies"
        )

    yield from _notice_hits(
        q,
        "price_change",
        min_days,
        max_days,
        f"{renews}, but customers get no notice of a new price: there is no `price_change` "
        f"notice. Tell them {window} before a new price applies (or set "
        "`price_locked: true` if the price never changes)",
        off,
    )


@check("loyalty_penalty")
def loyalty_penalty(q: Queries, params: Params) -> Iterator[Hit]:
    """A new-customer price, closed to existing customers, below what existing customers pay."""
    sub = q.product.subscription
    if sub is None or sub.price is None:
        return
    for offer in sub.offers:
        if offer.audience != "new_customers" or offer.existing_customers_eligible is True:
            continue
        currency = offer.currency or sub.currency
        if offer.currency and sub.currency and offer.currency != sub.currency:
            continue  # different currencies: no honest comparison
        if offer.price >= sub.price:
            continue
        closed = (
            "and cannot get it"
            if offer.existing_customers_eligible is False
            else "and the offer does not say they can have it"
        )
        yield Hit(
            f"new customers pay {money(offer.price, currency)} while existing customers pay "
            f"{money(sub.price, sub.currency)} {closed}: loyal customers pay more for staying. "
            "Offer existing customers the same price (existing_customers_eligible: true)",
            offer.location,
            facts=(
                ("new customers pay", money(offer.price, currency)),
                ("existing customers pay", money(sub.price, sub.currency)),
            ),
            subject=f"new_customers:{offer.price:g}",
        )


def _is_payment(q: Queries) -> Callable[[Node], bool]:
    """Payment steps: where "before payment" ends on a path that has one."""
    return lambda node: q.graph.step(node).kind == "payment"


def _terms_wanted(sub: Subscription) -> tuple[str, ...]:
    """The facts a customer needs before paying: the price and the renewal, and with a
    trial its terms (the catalog asks trial_terms whenever there is a trial)."""
    return ("price", "renewal_terms", "trial_terms") if sub.trial else ("price", "renewal_terms")


@check("terms_not_disclosed")
def terms_not_disclosed(q: Queries, params: Params) -> Iterator[Hit]:
    """A renewing subscription whose terms some signup path does not show before payment.

    Signup paths only: a file may sell one-off goods beside a membership, and the terms of
    the membership are not due on those purchases.
    """
    sub = q.product.subscription
    if sub is None or sub.renews == "none":
        return
    missing: dict[Node, list[str]] = {}
    witness: dict[Node, PathView] = {}
    for fact in _terms_wanted(sub):
        gaps = q.unseen_until(
            "signup",
            lambda node, fact=fact: q.graph.step(node).discloses_clearly(fact),
            _is_payment(q),
        )
        for node, path in gaps.items():
            missing.setdefault(node, []).append(fact)
            witness.setdefault(node, path)
    for node in q.graph.nodes():
        if node not in missing:
            continue
        facts = missing[node]
        step = q.graph.step(node)
        where = "pay" if step.kind == "payment" else "commit to paying"
        told = _listing([TERMS[f] for f in facts])
        yield Hit(
            f"customers can reach step '{node[1]}', where they {where}, without being told "
            f"{told}; the subscription renews {_plan(sub)}. Show this on the step or before "
            f"it, on every way here (discloses: [{', '.join(facts)}])",
            step.location,
            flow=node[0],
            step=node[1],
            paths=(replace(q.evidence(witness[node], "a path that skips the terms"), effort=None),),
            facts=tuple(("not disclosed", f) for f in facts),
            subject="undisclosed:" + ",".join(facts),
        )
