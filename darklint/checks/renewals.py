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
from darklint.checks.common import PROMINENCE_TEXT, unclear_mention, up_to
from darklint.checks.scope import (
    APPLIES,
    DISCLOSES,
    EFFORT,
    NOTICES,
    Scope,
    format_11_gap,
    paths_scope,
    renewing_scope,
)
from darklint.findings import Hit
from darklint.graph import Node, PathView, Queries
from darklint.model import Notice, Subscription
from darklint.money import money

#: How messages say how often a subscription renews.
PERIOD = {
    "weekly": "every week",
    "monthly": "every month",
    "quarterly": "every quarter",
    "half_yearly": "every six months",
    "yearly": "every year",
    "none": "for a fixed term",
}

#: What each disclosed fact means to a customer, for messages.
TERMS = {
    "price": "the price",
    "renewal_terms": "that it renews until cancelled (the renewal terms)",
    "trial_terms": "how long the trial lasts and when the first charge comes (the trial terms)",
    "commitment": "the minimum term they commit to",
    "how_to_cancel": "how to cancel",
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


def _trial_scope(q: Queries, params: Params) -> Scope:
    """DL201: a trial that converts to paid, long enough for the rule."""
    sub = q.product.subscription
    if sub is None or sub.trial is None or not sub.trial.converts_to_paid:
        return Scope("no trial that turns into a paid plan")
    longer = params["applies_to_trials_longer_than"]
    if longer is not None and sub.trial.days <= float(longer):
        return Scope(
            f"the trial lasts {sub.trial.days:g} days; the rule covers longer than {longer}"
        )
    return APPLIES


@check(
    "trial_converts_silently",
    reads=(*NOTICES, "Subscription.trial", "Trial.days", "Trial.converts_to_paid", "Trial.price"),
    scope=_trial_scope,
    min_days=3,
    max_days=None,
    applies_to_trials_longer_than=None,
)
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
    paid = f" (a paid trial at {money(sub.trial.price, sub.currency)})" if sub.trial.price else ""
    trial = f"the {sub.trial.days:g}-day trial{paid} turns into a paid plan ({_plan(sub)})"

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


def _reminder_scope(q: Queries, params: Params) -> Scope:
    """DL202: a subscription renewing at one of the periods the rule covers."""
    scope = renewing_scope(q, params)
    periods = params["periods"]
    periods = (periods,) if isinstance(periods, str) else tuple(periods)
    sub = q.product.subscription
    if not scope.not_applicable and sub is not None and sub.renews not in periods:
        return Scope(f"renews {sub.renews}; the rule covers {', '.join(periods)} renewals")
    return scope


@check(
    "renewal_without_reminder",
    reads=NOTICES,
    scope=_reminder_scope,
    min_days=15,
    periods=("yearly",),
)
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


def _price_change_scope(q: Queries, params: Params) -> Scope:
    """DL203: a renewing subscription whose price may change."""
    sub = q.product.subscription
    if sub is not None and sub.renews != "none" and sub.price_locked:
        return Scope("the price is locked (price_locked)")
    return renewing_scope(q, params)


@check(
    "price_change_without_notice",
    reads=(*NOTICES, "Subscription.price_locked", "Notice.consent"),
    scope=_price_change_scope,
    min_days=30,
    max_days=None,
    require_consent=False,
)
def price_change_without_notice(q: Queries, params: Params) -> Iterator[Hit]:
    """A renewing subscription whose price may change without a `price_change` notice in time
    (`max_days`, when set, caps the window as California's 7-to-30-day rule does); with
    `require_consent`, a new price that applies without the customer's consent (Korea)."""
    sub = q.product.subscription
    if sub is None or sub.renews == "none" or sub.price_locked:
        return
    min_days = float(params["min_days"])
    max_days = None if params["max_days"] is None else float(params["max_days"])
    consent = bool(params["require_consent"])
    window = _window(min_days, max_days)
    renews = f"the subscription renews {_plan(sub)} and its price is not locked"
    ask = (
        " and ask for their consent: the new price applies only if they agree (consent: true)"
        if consent
        else ""
    )

    def off(notice: Notice) -> str:
        unasked = (
            ", and the new price applies without their consent"
            if consent and not notice.consent
            else ""
        )
        if notice.days_before < min_days:
            return (
                f"{renews}, but a new price is announced only {_days(notice.days_before)} "
                f"ahead{unasked}: too late to decide whether to stay. Send the `price_change` "
                f"notice {window} before a new price applies{ask if unasked else ''}"
            )
        return (
            f"{renews}, but a new price is announced {_days(notice.days_before)} ahead"
            f"{unasked}: so early that it is forgotten by the time the new price applies. "
            f"Send the `price_change` notice {window} before a new price applies"
            f"{ask if unasked else ''}"
        )

    hits = list(
        _notice_hits(
            q,
            "price_change",
            min_days,
            max_days,
            f"{renews}, but customers get no notice of a new price: there is no `price_change` "
            f"notice. Tell them {window} before a new price applies{ask} (or set "
            "`price_locked: true` if the price never changes)",
            off,
        )
    )
    yield from hits
    if hits or not consent:
        return
    notices = [n for n in sub.notices if n.event == "price_change"]
    if any(n.consent for n in notices):
        return
    for notice in notices:
        yield Hit(
            f"{renews}, and a new price is announced {_days(notice.days_before)} ahead but "
            "applies whether or not the customer agrees: staying silent is not consent. Ask "
            "for their consent before a higher price applies, and keep the old price (or end "
            "the contract without charge) for those who do not agree (consent: true)",
            notice.location,
            facts=(_notice_fact(notice), ("consent", "not asked")),
            subject=f"price_change:consent:{notice.days_before:g}",
        )


def _loyalty_scope(q: Queries, params: Params) -> Scope:
    """DL204: offers only new customers get, and the price existing customers pay."""
    sub = q.product.subscription
    if sub is None or not any(o.audience == "new_customers" for o in sub.offers):
        return Scope("no offer for new customers only")
    if sub.price is None:
        return Scope(gaps=("no price on the subscription (what existing customers pay)",))
    return APPLIES


@check(
    "loyalty_penalty",
    reads=(
        "Product.subscription",
        "Subscription.price",
        "Subscription.currency",
        "Subscription.offers",
        "Offer.audience",
        "Offer.price",
        "Offer.currency",
        "Offer.existing_customers_eligible",
    ),
    scope=_loyalty_scope,
)
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


def _undisclosed(q: Queries, facts: tuple[str, ...]) -> dict[Node, tuple[list[str], PathView]]:
    """Payment points (in YAML order) that some signup path reaches without a clear
    disclosure of some of the facts, with those facts and a witness path: "not clearly
    disclosed before payment on an unavoidable basis" (DL205, DL206, DL208)."""
    missing: dict[Node, list[str]] = {}
    witness: dict[Node, PathView] = {}
    for fact in facts:
        gaps = q.unseen_until(
            "signup",
            lambda node, fact=fact: q.graph.step(node).discloses_clearly(fact),
            _is_payment(q),
        )
        for node, path in gaps.items():
            missing.setdefault(node, []).append(fact)
            witness.setdefault(node, path)
    return {n: (missing[n], witness[n]) for n in q.in_order(missing)}


def _unclear_parts(
    q: Queries, path: PathView, point: Node, facts: list[str]
) -> list[tuple[str, str, Node]]:
    """(fact, prominence, step) for each missing fact the path does show before payment,
    but not clearly: in fine print, behind a link, in a tooltip."""
    found = []
    for fact in facts:
        mention = unclear_mention(q, up_to(path, point), fact)
        if mention is not None:
            found.append((fact, mention[1], mention[0]))
    return found


#: Facts as a short noun, for the sentence that says where an unclear one is shown.
SHORT = {
    "price": "the price",
    "renewal_terms": "the renewal terms",
    "trial_terms": "the trial terms",
    "commitment": "the minimum term",
    "how_to_cancel": "how to cancel",
}


def _unclear_sentence(parts: list[tuple[str, str, Node]]) -> str:
    """'; it is shown only in fine print at step 'plans', which is not a clear disclosure'."""
    if not parts:
        return ""
    if len(parts) == 1:
        _, prominence, node = parts[0]
        said = f"it is shown {PROMINENCE_TEXT[prominence]} at step '{node[1]}'"
    else:
        said = _listing([f"{SHORT[f]} {PROMINENCE_TEXT[p]} at step '{n[1]}'" for f, p, n in parts])
        return f"; it shows {said}, which are not clear disclosures"
    return f"; {said}, which is not a clear disclosure"


def _undisclosed_hit(
    q: Queries,
    node: Node,
    facts: list[str],
    path: PathView,
    context: str,
    subject: str,
    extra_facts: tuple[tuple[str, str], ...] = (),
) -> Hit:
    """The finding at a payment point: what the customer is not clearly told, where the
    facts are shown only unclearly, and how to fix it."""
    step = q.graph.step(node)
    where = "pay" if step.kind == "payment" else "commit to paying"
    told = _listing([TERMS[f] for f in facts])
    unclear = _unclear_parts(q, path, node, facts)
    clearly = " clearly" if unclear else ""
    fix = "Show this clearly" if unclear else "Show this"
    return Hit(
        f"customers can reach step '{node[1]}', where they {where}, without being{clearly} told "
        f"{told}{_unclear_sentence(unclear)}; {context}. {fix} on the step or before it, on "
        f"every way here (discloses: [{', '.join(facts)}])",
        step.location,
        flow=node[0],
        step=node[1],
        paths=(replace(q.evidence(path, "a path that skips the terms"), effort=None),),
        facts=(
            *extra_facts,
            *(("not disclosed", f) for f in facts),
            *(("shown", f"{f} {PROMINENCE_TEXT[p]} at step '{n[1]}'") for f, p, n in unclear),
        ),
        subject=subject + ",".join(facts),
    )


def _terms_scope(q: Queries, params: Params) -> Scope:
    """DL205: a renewing subscription and a signup path that sells it."""
    scope = renewing_scope(q, params)
    return scope if scope.not_applicable else paths_scope(q, "signup")


@check(
    "terms_not_disclosed",
    reads=(*EFFORT, *NOTICES, "Subscription.trial", *DISCLOSES),
    scope=_terms_scope,
)
def terms_not_disclosed(q: Queries, params: Params) -> Iterator[Hit]:
    """A renewing subscription whose terms some signup path does not clearly show before
    payment.

    Signup paths only: a file may sell one-off goods beside a membership, and the terms of
    the membership are not due on those purchases.
    """
    sub = q.product.subscription
    if sub is None or sub.renews == "none":
        return
    context = f"the subscription renews {_plan(sub)}"
    for node, (facts, path) in _undisclosed(q, _terms_wanted(sub)).items():
        yield _undisclosed_hit(q, node, facts, path, context, "undisclosed:")


def _months(value: float) -> str:
    return f"{value:g} month" if float(value) == 1 else f"{value:g} months"


def _commitment_scope(q: Queries, params: Params) -> Scope:
    """DL206: a minimum term longer than the billing period, and a signup that sells it."""
    sub = q.product.subscription
    if sub is None or not sub.committed:
        return Scope("no minimum term longer than the billing period")
    return paths_scope(q, "signup")


@check(
    "commitment_not_disclosed",
    reads=(*EFFORT, *NOTICES, *DISCLOSES, "Subscription.commitment_months"),
    scope=_commitment_scope,
)
def commitment_not_disclosed(q: Queries, params: Params) -> Iterator[Hit]:
    """A minimum term longer than the billing period ("annual, paid monthly") that some
    signup path does not clearly show before payment."""
    sub = q.product.subscription
    if sub is None or not sub.committed or sub.commitment_months is None:
        return
    term = f"{sub.commitment_months:g}-month"
    context = (
        f"the plan is billed {_plan(sub)}, but customers owe a {term} term, and leaving "
        "before it ends costs them"
    )
    commitment = (
        "commitment",
        f"{_months(sub.commitment_months)}, billed {PERIOD.get(sub.renews, sub.renews)}",
    )
    for node, (facts, path) in _undisclosed(q, ("commitment",)).items():
        yield _undisclosed_hit(q, node, facts, path, context, "commitment:", (commitment,))


def _how_to_cancel_scope(q: Queries, params: Params) -> Scope:
    """DL208: a renewing subscription sold by a signup, in a file that can say it."""
    scope = _terms_scope(q, params)
    if scope.not_applicable:
        return scope
    return format_11_gap(q, "how to cancel (how_to_cancel)") or scope


@check(
    "how_to_cancel_not_disclosed",
    reads=(*EFFORT, *NOTICES, *DISCLOSES),
    scope=_how_to_cancel_scope,
)
def how_to_cancel_not_disclosed(q: Queries, params: Params) -> Iterator[Hit]:
    """A renewing subscription whose signup does not clearly say how to cancel before
    payment. Only in files that declare format 1.1, which can say how_to_cancel: in a
    version 1 file the fact is unknown, not missing."""
    sub = q.product.subscription
    if sub is None or sub.renews == "none" or not q.product.format_11:
        return
    context = (
        f"the subscription renews {_plan(sub)} until cancelled, so customers need to know "
        "before they pay how they can stop it"
    )
    for node, (facts, path) in _undisclosed(q, ("how_to_cancel",)).items():
        yield _undisclosed_hit(q, node, facts, path, context, "how-to-cancel:")
