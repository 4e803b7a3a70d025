"""One directed multigraph per product: steps are nodes, actions are edges.

Nodes are ``(flow_id, step_id)`` pairs, so a jump ``to: other-flow.step`` is just an edge into
another flow. Actions whose target does not exist are kept aside (DL002 reports them) and the
rest of the product is still linted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import field, replace
from functools import cached_property
from typing import TYPE_CHECKING

from darklint.classes import dataclass
from darklint.load.targets import resolve, suggest
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
    #: The step it most likely meant (a close id, in this flow or another), if any.
    suggestion: Node | None = None


@dataclass
class ProductGraph:
    """The product's flows as a graph, with the successor lists the path searches use."""

    product: Product
    #: Successors of each node in YAML order: (action, target node).
    succ: dict[Node, list[tuple[Action, Node]]]
    dangling: list[Dangling] = field(default_factory=list)
    #: The start node of each flow whose start exists.
    starts: dict[str, Node] = field(default_factory=dict)
    #: Flow id -> its steps by id: what a ``to`` is resolved against (``targets.resolve``).
    step_ids: Mapping[str, Mapping[str, Step]] = field(default_factory=dict)

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
        return dict(zip(self.numbered.nodes, self.numbered.steps, strict=True))

    @cached_property
    def _channels(self) -> dict[Node, str]:
        return dict(zip(self.numbered.nodes, self.numbered.channels, strict=True))

    @cached_property
    def step(self) -> Callable[[Node], Step]:
        """The step of a node: ``graph.step(node)``. Rules ask this millions of times on big
        files, so it is the dict's own lookup (no Python call per question), made on first
        use; a missing node raises KeyError."""
        return self._steps.__getitem__

    @cached_property
    def channel(self) -> Callable[[Node], str]:
        """The channel of a node's step: ``graph.channel(node)``, a dict lookup like
        :attr:`step`."""
        return self._channels.__getitem__

    @cached_property
    def numbered(self) -> NumberedGraph:
        """The same graph over dense integer node ids, for the searches of
        :mod:`darklint.graph.queries` (see :class:`NumberedGraph`)."""
        return NumberedGraph.of(self)

    def flow(self, node: Node) -> Flow:
        return self.product.flows[node[0]]

    def nodes(self) -> list[Node]:
        return list(self.succ)

    def with_guesses(self) -> ProductGraph:
        """The graph as it might be without the missing targets: each goes to the step it
        most likely meant or, when nothing comes close, to every step of the flow it names
        (it could be any of them). A finding that the rules no longer report on this graph
        follows from a missing target only (see ``engine.lint_product``)."""
        succ = {node: list(edges) for node, edges in self.succ.items()}
        starts = dict(self.starts)
        for dangling in self.dangling:
            flow = dangling.flow
            if dangling.suggestion is not None:
                candidates = [dangling.suggestion]
            else:
                named = dangling.target.partition(".")[0] if "." in dangling.target else flow.id
                steps = self.step_ids.get(named) or flow.steps
                candidates = [(named if named in self.step_ids else flow.id, s) for s in steps]
            if dangling.action is None:  # one start: the first by id, so that the guess
                starts[flow.id] = min(candidates)  # does not depend on how steps are ordered
            else:
                assert dangling.step is not None
                source = (flow.id, dangling.step.id)
                succ[source].extend((dangling.action, target) for target in candidates)
        return ProductGraph(self.product, succ, [], starts, self.step_ids)


@dataclass(frozen=True)
class NumberedGraph:
    """A product graph with its nodes numbered 0..n-1 in YAML order (the order of
    :meth:`ProductGraph.nodes`), and everything a search reads kept in lists by that number.

    Searches over thousands of steps spend their time looking nodes up; a ``(flow, step)``
    tuple is hashed from both strings on every lookup, spread over memory, where an integer is
    an index. Searches run on the numbers and give rules ``(flow, step)`` nodes back.
    """

    #: Node of each number, and the number of each node.
    nodes: list[Node]
    index: dict[Node, int]
    #: Per number: its step, its channel, and its successors (action, number) in YAML order.
    steps: list[Step]
    channels: list[str]
    succ: list[list[tuple[Action, int]]]

    @classmethod
    def of(cls, graph: ProductGraph) -> NumberedGraph:
        nodes = list(graph.succ)
        index = {node: number for number, node in enumerate(nodes)}
        flows = graph.product.flows
        steps = [flows[flow_id].steps[step_id] for flow_id, step_id in nodes]
        channel_of = graph.product.channel_of
        channels = [channel_of(flows[n[0]], step) for n, step in zip(nodes, steps, strict=True)]
        succ = [[(a, index[target]) for a, target in edges] for edges in graph.succ.values()]
        return cls(nodes, index, steps, channels, succ)

    def numbers(self, nodes: Iterable[Node]) -> list[int]:
        index = self.index
        return [index[node] for node in nodes]

    def node_set(self, numbers: Iterable[int]) -> set[Node]:
        nodes = self.nodes
        return {nodes[number] for number in numbers}


def resolve_target(product: Product, flow: Flow, target: str) -> Node | None:
    """The node an action's ``to`` names (``step`` or ``flow.step``), if it exists."""
    return resolve(target, flow.id, _StepsByFlow(product.flows))


class _StepsByFlow(Mapping[str, Mapping[str, Step]]):
    """Flow id -> its steps by id, read from a product's flows without copying them."""

    def __init__(self, flows: Mapping[str, Flow]) -> None:
        self.flows = flows

    def __getitem__(self, flow_id: str) -> Mapping[str, Step]:
        return self.flows[flow_id].steps

    def __iter__(self) -> Iterator[str]:
        return iter(self.flows)

    def __len__(self) -> int:
        return len(self.flows)


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
    ids = {flow.id: flow.steps for flow in product.flows.values()}
    for flow in product.flows.values():
        for step in flow.steps.values():
            source = (flow.id, step.id)
            for action in step.actions:
                target = resolve(action.to, flow.id, ids)
                if target is None:
                    dangling.append(Dangling(flow, step, action, action.to))
                    continue
                succ[source].append((action, target))
    if dangling:
        dangling = [replace(d, suggestion=suggest(d.target, d.flow.id, ids)) for d in dangling]
    return ProductGraph(product, succ, dangling, starts, ids)
