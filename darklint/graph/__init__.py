"""The product graph and the queries rules share (see :mod:`darklint.graph.queries`)."""

from darklint.graph.build import Node, ProductGraph, build_graph
from darklint.graph.effort import EffortWeights
from darklint.graph.queries import OUTCOME_OF_KIND, PathView, Queries

__all__ = [
    "OUTCOME_OF_KIND",
    "EffortWeights",
    "Node",
    "PathView",
    "ProductGraph",
    "Queries",
    "build_graph",
]
