"""Checks for the refunds rules (DL4xx). DL401 and DL402 compare refund paths with buying and
reuse ``harder_than`` and ``channel_mismatch`` from :mod:`darklint.checks.leaving`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from darklint.checks import Params, Scope, check
from darklint.checks.common import path_summary
from darklint.checks.scope import EFFORT
from darklint.findings import Hit
from darklint.graph import Node, PathView, Queries
from darklint.graph.effort import tenths
from darklint.model import Flow

#: wait_days are searched in whole minutes, so sums stay exact integers.
MINUTES_PER_DAY = 24 * 60
MAX_MINUTES = 10**15


def _days(value: float) -> str:
    return f"{value:g} day" if float(value) == 1 else f"{value:g} days"


def _least_waiting(q: Queries, flow: Flow) -> PathView | None:
    """The refund path of this flow (its start to `refunded`) with the fewest `wait_days`
    in total, its ``effort`` that total in minutes; None when no path reaches `refunded`."""
    start = q.graph.starts.get(flow.id)
    if start is None:
        return None

    def waiting(node: Node) -> int:
        # Capped, so an absurd wait (1e308 days) stays a finite integer.
        return round(min((q.graph.step(node).wait_days or 0) * MINUTES_PER_DAY, MAX_MINUTES))

    return q.cheapest("refund", waiting, sources=[start])


def _waits_on(q: Queries, path: PathView) -> list[Node]:
    """The steps of a path where the customer waits days in the background."""
    return [n for n in path.nodes if q.graph.step(n).wait_days]


def _refund_scope(q: Queries, params: Params) -> Scope:
    """DL403: refund flows, each saying how long the money takes."""
    flows = q.flows_of("refund")
    if not flows:
        return Scope("no refund flow")
    return Scope(
        gaps=tuple(
            f"no processing_days on refund flow '{f.id}'"
            for f in flows
            if f.processing_days is None
        )
    )


@check(
    "slow_refund",
    reads=(*EFFORT, "Flow.processing_days", "Step.wait_days"),
    scope=_refund_scope,
    max_days=14,
)
def slow_refund(q: Queries, params: Params) -> Iterator[Hit]:
    """A refund flow whose time to money (`processing_days` plus the least total `wait_days`
    of its refund paths) is above `max_days`: the customer is out of pocket for goods they
    no longer have. With neither known there is no finding."""
    limit = float(params["max_days"])
    for flow in q.product.flows.values():
        if flow.kind != "refund":
            continue
        path = _least_waiting(q, flow)
        waits = _waits_on(q, path) if path is not None else []
        waited = sum(q.graph.step(n).wait_days or 0 for n in waits)
        days = flow.processing_days
        if days is None and not waits:
            continue
        total = (days or 0) + waited
        if total <= limit:
            continue
        fix = (
            f"pay the money back within {limit:g} days of the request (or of receiving the "
            "returned goods)"
        )
        facts: list[tuple[str, str]] = []
        if days is not None:
            facts.append(("processing days", f"{days:g}"))
        if not waits:  # as format 1 says it: processing days alone
            message = (
                f"refunds in flow '{flow.id}' take {days:g} days to reach the customer, more "
                f"than the {limit:g} days allowed; {fix}"
            )
            where = flow.keys.get("processing_days", flow.location)
        else:
            parts = [f"a {q.graph.step(n).wait_days:g}-day wait at step '{n[1]}'" for n in waits]
            if days is not None:
                parts.append(f"{_days(days)} of processing")
            said = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
            message = (
                f"refunds in flow '{flow.id}' take {_days(total)} to reach the customer "
                f"({said}), more than the {limit:g} days allowed; shorten the review and {fix}"
            )
            where = flow.keys.get("processing_days") or q.graph.step(waits[0]).location
            facts += [
                (
                    "waiting days",
                    ", ".join(f"{q.graph.step(n).wait_days:g} at '{n[1]}'" for n in waits),
                ),
                ("days to money", f"{total:g}"),
            ]
        yield Hit(
            message,
            where,
            flow=flow.id,
            paths=(
                replace(q.evidence(path, "the refund path with the least waiting"), effort=None),
            )
            if waits and path is not None
            else (),
            facts=tuple(facts),
            subject="slow-refund",
        )


def _credit_scope(q: Queries, params: Params) -> Scope:
    """DL404: refund flows, where credit may stand in for money."""
    return Scope() if q.flows_of("refund") else Scope("no refund flow")


@check("refund_as_credit", reads=EFFORT, scope=_credit_scope)
def refund_as_credit(q: Queries, params: Params) -> Iterator[Hit]:
    """A refund flow that ends in store credit while money back is impossible, or harder
    to get than the credit: customers are steered to keep their money with the business."""
    if not q.outcome_nodes("credited"):
        return  # no step gives store credit: no search can end in one
    starts = [q.graph.starts[f.id] for f in q.flows_of("refund") if f.id in q.graph.starts]
    credit = q.easiest_between(
        starts, lambda n: q.graph.step(n).outcome == "credited", kind="refund"
    )
    if credit is None:
        return
    refund = q.easiest("refund")
    if refund is None:
        problem = (
            "no refund path ends with the money back (outcome 'refunded'): customers who ask "
            "for a refund can only get store credit"
        )
        paths = (q.evidence(credit, "easiest path to store credit"),)
        facts: tuple[tuple[str, str], ...] = (("money back", "not offered"),)
    elif credit.effort < refund.effort:
        problem = (
            f"store credit takes effort {tenths(credit.effort)} but money back takes "
            f"{tenths(refund.effort)}: customers are steered to credit. Easiest credit: "
            f"{path_summary(q, credit)}; easiest refund: {path_summary(q, refund)}"
        )
        paths = (
            q.evidence(credit, "easiest path to store credit"),
            q.evidence(refund, "easiest refund path"),
        )
        facts = (
            ("credit effort", tenths(credit.effort)),
            ("refund effort", tenths(refund.effort)),
        )
    else:
        return
    start = credit.start
    yield Hit(
        f"flow '{start[0]}' pays refunds as store credit: {problem}. Credit keeps the "
        "customer's money with the business and can only be spent there; offer the money back "
        "by the original payment method, at least as easily as credit (outcome: refunded)",
        q.graph.step(start).location,
        flow=start[0],
        step=start[1],
        paths=paths,
        facts=facts,
        subject="credit-only" if refund is None else "credit-easier",
    )
