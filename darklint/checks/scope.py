"""What each check needs to judge a product, for the assessment (``darklint check --assess``).

Every check registers, next to its function, the facts it reads (``reads=``) and a ``scope``
function saying when its rule does not apply to a product (nothing the rule is about) or
cannot be assessed (a fact it needs is missing). The facts are named ``Class.field`` after the
flow format's model; the groups below are shared by checks that read the same things, so a
check that walks the easiest path declares the effort model's facts in one word.

Scope functions only look: they read the declared facts and never report findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from darklint.checks import Params, Scope
from darklint.graph import OUTCOME_OF_KIND, Node, Queries

#: What the effort model reads to cost a path (and evidence rows show): every check that
#: compares or shows easiest paths reads these.
EFFORT = (
    "Step.kind",
    "Step.requires",
    "Step.wait_minutes",
    "Step.channel",
    "Flow.channel",
    "Product.channel",
    "Action.by",
)
#: What a check reads to show an amount of money in its message.
MONEY = (
    "Product.subscription",
    "Subscription.currency",
    "Fee.name",
    "Fee.amount",
    "Fee.currency",
    "Fee.pass_through",
    "Fee.percent",
    "Fee.of",
    "Fee.up_to",
    "Fee.per",
)
#: What a check reads to know what a step shows, and how prominently.
DISCLOSES = ("Step.discloses", "Disclosure.fact", "Disclosure.prominence")
#: What the notice checks read of a subscription.
NOTICES = (
    "Product.subscription",
    "Subscription.renews",
    "Subscription.price",
    "Subscription.currency",
    "Subscription.notices",
    "Notice.days_before",
    "Notice.channel",
)
#: The subscription itself: whether there is one that renews.
SUBSCRIPTION = ("Product.subscription", "Subscription.renews")

APPLIES = Scope()


def _kind_words(kinds: Iterable[str]) -> str:
    return " or ".join(kinds)


def subscribes(q: Queries) -> bool:
    """Whether the product sells something to cancel: a renewing subscription, or a flow that
    reaches `subscribed`."""
    subscription = q.product.subscription
    if subscription is not None and subscription.renews != "none":
        return True
    return bool(q.outcome_nodes("subscribed"))


def missing_waits(q: Queries, nodes: Iterable[Node]) -> tuple[str, ...]:
    """'no wait_minutes on agent step 'call' (flow cancel)' for each agent step without one:
    the effort model and DL106 read a missing wait as no wait at all."""
    gaps = []
    for node in nodes:
        step = q.graph.step(node)
        if step.kind == "agent" and step.wait_minutes is None:
            gaps.append(f"no wait_minutes on agent step '{node[1]}' (flow {node[0]})")
    return tuple(dict.fromkeys(gaps))


def paths_scope(q: Queries, kind: str, compare_to: Sequence[str] = ()) -> Scope:
    """A rule about paths of ``kind`` (compared with ``compare_to``): out of scope when the
    product has nothing of the kind; not assessable when a cancel path should exist and does
    not (DL103 reports that), or the path compared with is missing."""
    if compare_to and not any(q.has_path(k) for k in compare_to):
        return Scope(f"no {_kind_words(compare_to)} path to compare with")
    if q.has_path(kind):
        return APPLIES
    if kind == "cancel" and subscribes(q):
        return Scope(gaps=("no path reaches 'cancelled' (DL103 reports it)",))
    if kind == "cancel":
        return Scope("nothing to cancel: no subscription and no signup")
    flows = q.flows_of(kind)
    if not flows:
        return Scope(f"no {kind} flow")
    return Scope(gaps=(f"no path of the {kind} flow reaches '{OUTCOME_OF_KIND[kind]}'",))


def effort_scope(q: Queries, params: Params) -> Scope:
    """DL101, DL401: the paths compared exist, and the agent steps on the easiest path of the
    kind state their waits (a missing wait would make the path look easier than it is)."""
    scope = paths_scope(q, params["kind"], params["compare_to"])
    if scope.not_applicable or scope.gaps:
        return scope
    path = q.easiest(params["kind"])
    return Scope(gaps=missing_waits(q, path.nodes)) if path else scope


def channel_scope(q: Queries, params: Params) -> Scope:
    """DL102, DL402: the paths compared exist."""
    return paths_scope(q, params["kind"], params["compare_to"])


def cancel_scope(q: Queries, params: Params) -> Scope:
    """Rules about the way out (DL104, DL105, DL108): a cancel path to look at."""
    return paths_scope(q, "cancel")


def cancel_hours_scope(q: Queries, params: Params) -> Scope:
    """DL107: a cancel path, and a signup to compare its hours with."""
    return paths_scope(q, "cancel", ("signup",))


def subscription_scope(q: Queries, params: Params) -> Scope:
    """DL103: something to cancel."""
    return APPLIES if subscribes(q) else Scope("no subscription and no signup")


#: Why a version 1 file cannot be judged by a rule about a fact only format 1.1 can state.
FORMAT_1 = "the file is format 1, which cannot state {what}: write darklint: 1.1 and add it"


def format_11_gap(q: Queries, what: str) -> Scope | None:
    """Not assessable for a version 1 file: the fact is unknown, not missing."""
    if q.product.format_11:
        return None
    return Scope(gaps=(FORMAT_1.format(what=what),))


def renewing_scope(q: Queries, params: Params) -> Scope:
    """Rules about a renewing subscription."""
    subscription = q.product.subscription
    if subscription is None or subscription.renews == "none":
        return Scope("no subscription that renews")
    return APPLIES
