"""Checks for leaving: cancelling a subscription (DL1xx), and the refund comparisons that use
the same functions (DL401, DL402)."""

from __future__ import annotations

from collections.abc import Iterator

from darklint.checks import Params, check
from darklint.checks.common import GERUND, first_costly_node, path_summary
from darklint.findings import Hit
from darklint.graph import OUTCOME_OF_KIND, Node, Queries
from darklint.graph.effort import tenths
from darklint.model import ONLINE_CHANNELS


@check("harder_than", kind="cancel", compare_to=("signup",), max_ratio=1.0, allowance=1)
def harder_than(q: Queries, params: Params) -> Iterator[Hit]:
    """The easiest path of `kind` costs more effort than the easiest of `compare_to` allows."""
    kind = params["kind"]
    path = q.easiest(kind)
    base = q.easiest_of(params["compare_to"])
    if path is None or base is None:
        return
    limit = base.effort * float(params["max_ratio"]) + float(params["allowance"]) * 10
    if path.effort <= limit + 1e-9:
        return
    node = first_costly_node(q, path)
    step = q.graph.step(node)
    doing, base_doing = GERUND.get(kind, kind), GERUND.get(base.kind, base.kind)
    yield Hit(
        f"{doing} takes effort {tenths(path.effort)} but {base_doing} takes "
        f"{tenths(base.effort)} (allowed at most {limit / 10:g}: {base_doing} x "
        f"{float(params['max_ratio']):g} + {float(params['allowance']):g}); the extra effort "
        f"starts at step '{node[1]}'. Easiest {kind}: {path_summary(q, path)}; easiest "
        f"{base.kind}: {path_summary(q, base)}",
        step.location,
        flow=node[0],
        step=node[1],
        paths=(
            q.evidence(base, f"easiest {base.kind} path"),
            q.evidence(path, f"easiest {kind} path"),
        ),
        subject=f"{kind}>{base.kind}",
    )


def _done_online(q: Queries, kinds: list[str]) -> bool:
    """Whether some path of these kinds is done online: its payment step (or, without one on
    any path, a step whose action reaches the outcome) is on web or app."""
    for kind in kinds:
        on_path = q.on_some_path(kind)
        if not on_path:
            continue
        payments = [n for n in on_path if q.graph.step(n).kind == "payment"]
        if not payments:
            outcome = OUTCOME_OF_KIND[kind]
            payments = [
                n
                for n in on_path
                if any(q.graph.step(t).outcome == outcome for _, t in q.graph.succ[n])
            ]
        if any(q.graph.channel(n) in ONLINE_CHANNELS for n in payments):
            return True
    return False


def _first_offline(q: Queries, nodes: list[Node]) -> Node | None:
    return next((n for n in nodes if q.graph.channel(n) not in ONLINE_CHANNELS), None)


@check("channel_mismatch", kind="cancel", compare_to=("signup",))
def channel_mismatch(q: Queries, params: Params) -> Iterator[Hit]:
    """`compare_to` can be done online but no path of `kind` can be completed online."""
    kind = params["kind"]
    compare_to = list(params["compare_to"])
    path = q.easiest(kind)
    if path is None or q.completable_online(kind) or not _done_online(q, compare_to):
        return
    node = _first_offline(q, q.acting_nodes(path)) or path.start
    channel = q.graph.channel(node)
    base = q.easiest_of(compare_to)
    doing = GERUND.get(kind, kind)
    base_doing = " or ".join(GERUND.get(k, k) for k in compare_to)
    yield Hit(
        f"{base_doing} can be done online, but {doing} cannot: every {kind} path needs the "
        f"customer to act off-line (here by {channel} at step '{node[1]}'); offer a way to "
        f"complete it on the web or in the app",
        q.graph.step(node).location,
        flow=node[0],
        step=node[1],
        paths=tuple(
            p
            for p in (
                base and q.evidence(base, f"easiest {base.kind} path (online)"),
                q.evidence(path, f"easiest {kind} path"),
            )
            if p
        ),
        facts=(("off-line channel", channel),),
        subject=f"{kind}-offline",
    )


@check("no_cancel_path")
def no_cancel_path(q: Queries, params: Params) -> Iterator[Hit]:
    """A renewing subscription, or a reachable `subscribed`, with no way to reach `cancelled`."""
    subscription = q.product.subscription
    renewing = subscription is not None and subscription.renews != "none"
    reached = q.reached_from_starts
    subscribed = [n for n in q.outcome_nodes("subscribed") if n in reached]
    if not renewing and not subscribed:
        return
    if any(n in reached for n in q.outcome_nodes("cancelled")):
        return
    if renewing:
        location, flow, step = subscription.location, None, None
        why = f"the subscription renews {subscription.renews}"
    else:
        node = subscribed[0]
        location, flow, step = q.graph.step(node).location, node[0], node[1]
        why = f"flow '{node[0]}' signs customers up"
    yield Hit(
        f"{why}, but no flow lets them cancel: no path reaches a step with outcome "
        "'cancelled'; add a cancel flow that starts where the subscription is listed",
        location,
        flow=flow,
        step=step,
        subject="no-cancel",
    )
