"""Small helpers several check modules share: fees in messages, paths by kind, where a path
hurts. Amounts are written by :mod:`darklint.money`, the one formatter every output uses."""

from __future__ import annotations

from collections.abc import Iterable

from darklint.graph import Node, PathView, Queries
from darklint.graph.effort import tenths
from darklint.model import Fee, Flow, OpeningHours
from darklint.money import fee_money

#: How messages name the kinds of path ("cancelling takes ...").
GERUND = {
    "signup": "signing up",
    "cancel": "cancelling",
    "purchase": "buying",
    "refund": "getting a refund",
}


def fee_text(q: Queries, fee: Fee) -> str:
    """'Service fee' (EUR 5) with the fee's currency, else the subscription's; a share and a
    range as people read them ('15% of the order', 'USD 9-95 per night')."""
    return f"'{fee.name}' ({fee_money(q.product, fee)})"


def path_summary(q: Queries, path: PathView) -> str:
    """'manage -> offer -> call -> done (effort 9.5)'."""
    names = " -> ".join(_name(path, n) for n in path.nodes)
    return f"{names} (effort {tenths(path.effort)})"


def _name(path: PathView, node: Node) -> str:
    return node[1] if node[0] == path.start[0] else f"{node[0]}.{node[1]}"


def first_costly_node(q: Queries, path: PathView) -> Node:
    """The first step of a path that adds effort beyond its clicks, else the path's start."""
    rows = q.evidence(path, "").steps
    for node, row in zip(path.nodes, rows, strict=True):
        if row.note:
            return node
    return path.start


def flow_of(q: Queries, node: Node) -> Flow:
    return q.graph.flow(node)


def hours_text(hours: str | OpeningHours) -> str:
    """'business', 'always', or opening hours as people read them: 'Mon-Fri 09:00-17:00'."""
    return str(hours)


#: How a disclosure that is not clear is shown, as messages say it.
PROMINENCE_TEXT = {
    "fine_print": "only in fine print",
    "behind_link": "only behind a link",
    "tooltip": "only in a tooltip",
}


def unclear_mention(q: Queries, nodes: Iterable[Node], fact: str) -> tuple[Node, str] | None:
    """The first of these steps that lists the fact with a prominence other than clear, and
    that prominence: a fact in fine print is there, but not disclosed."""
    for node in nodes:
        prominence = q.graph.step(node).prominence_of(fact)
        if prominence is not None and prominence != "clear":
            return node, prominence
    return None


def up_to(path: PathView, point: Node) -> tuple[Node, ...]:
    """The nodes of a path up to and including ``point`` (all of them if it is not there)."""
    if point not in path.nodes:
        return path.nodes
    return path.nodes[: path.nodes.index(point) + 1]
