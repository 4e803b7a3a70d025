"""Small helpers several check modules share: fees in messages, paths by kind, where a path
hurts. Amounts are written by :mod:`darklint.money`, the one formatter every output uses."""

from __future__ import annotations

from darklint.graph import Node, PathView, Queries
from darklint.graph.effort import tenths
from darklint.model import Fee, Flow
from darklint.money import fee_money

#: How messages name the kinds of path ("cancelling takes ...").
GERUND = {
    "signup": "signing up",
    "cancel": "cancelling",
    "purchase": "buying",
    "refund": "getting a refund",
}


def fee_text(q: Queries, fee: Fee) -> str:
    """'Service fee (EUR 5)' with the fee's currency, else the subscription's."""
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
