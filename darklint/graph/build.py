"""One directed multigraph per product: steps are nodes, actions are edges.

Nodes are ``(flow_id, step_id)`` pairs, so a jump ``to: other-flow.step`` is just an edge into
another flow. Actions whose target does not exist are kept aside (DL002 reports them) and the
rest of the product is still linted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from darklint.model import Action, Flow, Product, Step

if TYPE_CHECKING:  # networkx takes longer to import than linting a file: only on demand
    import networkx as nx

Node = tuple[str, str]


@dataclass(frozen=True)
class Dangling:
    """An action or a flow ``start`` that names a step that does not exist."""

    flow: Flow
    step: Step | None  # None when it is the flow's start
    action: Action | None
    target: str


@dataclass
class ProductGraph:
    """The product's flows as a graph, with the successor lists the path searches use."""

    product: Product
    #: Successors of each node in YAML order: (action, target node).
    succ: dict[Node, list[tuple[Action, Node]]]
    dangling: list[Dangling] = field(default_factory=list)
    #: The start node of each flow whose start exists.
    starts: dict[str, Node] = field(default_factory=dict)

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        """The product as a networkx multigraph (steps, and actions keyed by their index),
        built on first use: no rule needs it, so a lint run never imports networkx."""
        import networkx as nx

        graph = nx.MultiDiGraph(product=self.product.product)
        for node in self.succ:
            step = self.step(node)
            graph.add_node(node, flow=node[0], step=node[1], kind=step.kind, outcome=step.outcome)
        for source, edges in self.succ.items():
            for action, target in edges:
                graph.add_edge(source, target, key=action.index, action=action)
        return graph

    @cached_property
    def _steps(self) -> dict[Node, Step]:
        return {
            (flow.id, step.id): step
            for flow in self.product.flows.values()
            for step in flow.steps.values()
        }

    @cached_property
    def _channels(self) -> dict[Node, str]:
        flows = self.product.flows
        return {node: self.product.channel_of(flows[node[0]], s) for node, s in self._steps.items()}

    def step(self, node: Node) -> Step:
        return self._steps[node]  # one lookup: rules ask this millions of times on big files

    def flow(self, node: Node) -> Flow:
        return self.product.flows[node[0]]

    def channel(self, node: Node) -> str:
        return self._channels[node]

    def nodes(self) -> list[Node]:
        return list(self.succ)


def resolve_target(product: Product, flow: Flow, target: str) -> Node | None:
    """The node an action's ``to`` names (``step`` or ``flow.step``), if it exists."""
    if "." in target:
        flow_id, _, step_id = target.partition(".")
        other = product.flows.get(flow_id)
        if other is None or step_id not in other.steps:
            return None
        return (flow_id, step_id)
    return (flow.id, target) if target in flow.steps else None


def build_graph(product: Product) -> ProductGraph:
    """Build the product's graph; unresolved targets are recorded, not raised."""
    succ: dict[Node, list[tuple[Action, Node]]] = {}
    dangling: list[Dangling] = []
    starts: dict[str, Node] = {}
    for flow in product.flows.values():
        for step in flow.steps.values():
            succ[(flow.id, step.id)] = []
        if flow.start in flow.steps:
            starts[flow.id] = (flow.id, flow.start)
        else:
            dangling.append(Dangling(flow, None, None, flow.start))
    for flow in product.flows.values():
        for step in flow.steps.values():
            source = (flow.id, step.id)
            for action in step.actions:
                target = resolve_target(product, flow, action.to)
                if target is None:
                    dangling.append(Dangling(flow, step, action, action.to))
                    continue
                succ[source].append((action, target))
    return ProductGraph(product, succ, dangling, starts)
