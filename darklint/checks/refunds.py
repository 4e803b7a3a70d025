"""Checks for the refunds rules (DL4xx). DL401 and DL402 compare refund paths with buying and
reuse ``harder_than`` and ``channel_mismatch`` from :mod:`darklint.checks.leaving`."""

from __future__ import annotations

from collections.abc import Iterator

from darklint.checks import Params, check
from darklint.findings import Hit
from darklint.graph import Queries


@check("slow_refund", max_days=14)
def slow_refund(q: Queries, params: Params) -> Iterator[Hit]:
    """A refund flow declares more than `max_days` from request to money back: the customer
    is out of pocket for goods they no longer have. Unknown processing time is no finding."""
    limit = float(params["max_days"])
    for flow in q.product.flows.values():
        days = flow.processing_days
        if flow.kind != "refund" or days is None or days <= limit:
            continue
        yield Hit(
            f"refunds in flow '{flow.id}' take {days:g} days to reach the customer, more than "
            f"the {limit:g} days allowed; pay the money back within {limit:g} days of the "
            "request (or of receiving the returned goods)",
            flow.keys.get("processing_days", flow.location),
            flow=flow.id,
            facts=(("processing days", f"{days:g}"),),
            subject="slow-refund",
        )
