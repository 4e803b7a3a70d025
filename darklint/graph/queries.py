"""Queries every rule shares, computed once per product and cached.

The catalog's Definitions live here: which flows a kind's paths start from, which outcome
ends them, the easiest path under the effort model, paths that avoid some steps (to tell
whether a fact is unavoidable), and the channel a path is done on. Rules call these instead
of walking the graph themselves, so they agree with each other.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cached_property
from typing import TypeVar

from darklint.classes import dataclass
from darklint.findings import OFFENDING, EvidencePath, EvidenceStep
from darklint.graph.build import Node, ProductGraph
from darklint.graph.effort import EffortWeights, action_cost, step_cost
from darklint.graph.search import (
    FoundPath,
    Move,
    SearchTree,
    cheapest_path,
    reachable_numbers,
    reaching_numbers,
    reverse_numbers,
    search_tree,
)
from darklint.model import ONLINE_CHANNELS, Action, Flow, Product, Step

T = TypeVar("T")

#: The outcome that ends a path of each flow kind.
OUTCOME_OF_KIND = {
    "signup": "subscribed",
    "purchase": "purchased",
    "cancel": "cancelled",
    "refund": "refunded",
}

#: A state of the effort search: a node number and the channel in effect after it, as one
#: integer (``number * width + channel code``, see ``Queries._channel_codes``).
EffortState = int


@dataclass(frozen=True)
class PathView:
    """A found path as the rules read it: nodes, the actions between them, and its effort."""

    kind: str
    nodes: tuple[Node, ...]
    actions: tuple[Action, ...]
    costs: tuple[int, ...]  # per node: entering it (plus the action that led there)
    effort: int

    @property
    def start(self) -> Node:
        return self.nodes[0]


class Queries:
    """Shared, cached graph queries for one product."""

    def __init__(self, graph: ProductGraph, weights: EffortWeights | None = None) -> None:
        self.graph = graph
        self.product: Product = graph.product
        self.weights = weights or EffortWeights()
        self._easiest: dict[str, PathView | None] = {}
        #: The searches run on node numbers; rules get (flow, step) nodes back.
        self.numbered = graph.numbered

    # -- basic structure ---------------------------------------------------------------------

    @cached_property
    def _pred_numbers(self) -> list[list[int]]:
        return reverse_numbers(self.numbered.succ)

    @cached_property
    def reaches_any_outcome(self) -> set[Node]:
        """Nodes from which some outcome step can be reached, or may be: an action to a
        missing step (DL002) leads nobody knows where, so no step before it is called a
        dead end for that."""
        steps = self.numbered.steps
        outcomes = [n for n, step in enumerate(steps) if step.outcome is not None]
        unknown = [(d.flow.id, d.step.id) for d in self.graph.dangling if d.step is not None]
        targets = outcomes + self.numbered.numbers(unknown)
        return self.numbered.node_set(reaching_numbers(targets, self._pred_numbers))

    @cached_property
    def reached_from_starts(self) -> set[Node]:
        """Nodes some flow's start reaches (jumps between flows included)."""
        starts = self.numbered.numbers(self.graph.starts.values())
        return self.numbered.node_set(reachable_numbers(starts, self.numbered.succ))

    def reachable(
        self, sources: Iterable[Node], allowed: Callable[[Node], bool] | None = None
    ) -> set[Node]:
        """Nodes reachable from the sources through allowed nodes only (sources included),
        searched by node number."""
        numbered = self.numbered
        starts = numbered.numbers(sources)
        return numbered.node_set(
            reachable_numbers(starts, numbered.succ, self._allowed_numbers(allowed))
        )

    def reaching(self, targets: Iterable[Node]) -> set[Node]:
        """Nodes from which some target can be reached (targets included), searched by node
        number."""
        numbered = self.numbered
        found = reaching_numbers(numbered.numbers(targets), self._pred_numbers)
        return numbered.node_set(found)

    def shared(self, key: str, compute: Callable[[], T]) -> T:
        """A value that several rules (or a rule and its scope) work out from the product
        alike, computed once per product: ``key`` names it for every caller."""
        cache = self.__dict__.setdefault("_shared", {})
        if key not in cache:
            cache[key] = compute()
        return cache[key]

    def outcome_nodes(self, outcome: str) -> list[Node]:
        return [self.numbered.nodes[n] for n in self._outcome_numbers(outcome)]

    def _outcome_numbers(self, outcome: str) -> list[int]:
        return [n for n, step in enumerate(self.numbered.steps) if step.outcome == outcome]

    def reaching_outcome(self, outcome: str) -> set[Node]:
        """Nodes from which a step with this outcome can be reached."""
        cache = self.__dict__.setdefault("_reaching", {})
        if outcome not in cache:
            cache[outcome] = self.numbered.node_set(self._reaching_numbers(outcome)[0])
        return cache[outcome]

    def _reaching_numbers(self, outcome: str) -> tuple[list[int], bytearray]:
        """The node numbers that reach a step with this outcome, and a flag per number
        (1: it does)."""
        cache = self.__dict__.setdefault("_reaching_by_number", {})
        if outcome not in cache:
            found = reaching_numbers(self._outcome_numbers(outcome), self._pred_numbers)
            flags = bytearray(len(self.numbered.nodes))
            for n in found:
                flags[n] = 1
            cache[outcome] = (found, flags)
        return cache[outcome]

    # -- paths by kind ------------------------------------------------------------------------

    @cached_property
    def _flows_by_kind(self) -> dict[str, list[Flow]]:
        by_kind: dict[str, list[Flow]] = {}
        for flow in self.product.flows.values():
            by_kind.setdefault(flow.kind, []).append(flow)
        return by_kind

    def flows_of(self, kind: str) -> list[Flow]:
        return list(self._flows_by_kind.get(kind, ()))

    def sources(self, kind: str) -> list[Node]:
        """Start nodes of a kind's paths (for cancel without a cancel flow: any flow that can)."""
        cache = self.__dict__.setdefault("_sources", {})
        if kind not in cache:
            starts = [
                self.graph.starts[f.id] for f in self.flows_of(kind) if f.id in self.graph.starts
            ]
            if kind == "cancel" and not self.flows_of("cancel"):
                can_cancel = self.reaching_outcome("cancelled")
                starts = [s for s in self.graph.starts.values() if s in can_cancel]
            cache[kind] = starts
        return list(cache[kind])

    def in_order(self, nodes: Iterable[Node]) -> list[Node]:
        """Some nodes in YAML order (the order of :meth:`ProductGraph.nodes`), without walking
        every node of the product: per-flow loops stay linear on a product of many flows."""
        return sorted(nodes, key=self.numbered.index.__getitem__)

    def _allowed_numbers(
        self, allowed: Callable[[Node], bool] | None
    ) -> Callable[[int], bool] | None:
        """A rule's test of a node, asked of a node number."""
        nodes = self.numbered.nodes
        return None if allowed is None else lambda n: allowed(nodes[n])

    def has_path(self, kind: str, allowed: Callable[[Node], bool] | None = None) -> bool:
        """Whether some path of this kind reaches its outcome through allowed steps only."""
        outcome = OUTCOME_OF_KIND[kind]
        starts = self.numbered.numbers(self.sources(kind))
        seen = reachable_numbers(starts, self.numbered.succ, self._allowed_numbers(allowed))
        steps = self.numbered.steps
        return any(steps[n].outcome == outcome for n in seen)

    def unavoidable(self, kind: str, fact: Callable[[Node], bool]) -> bool:
        """Whether every path of this kind passes a step where ``fact`` holds (and one exists)."""
        return self.has_path(kind) and not self.has_path(kind, lambda n: not fact(n))

    def on_some_path(self, kind: str) -> set[Node]:
        """Nodes that lie on at least one path of this kind from a start to its outcome."""
        forward = reachable_numbers(self.numbered.numbers(self.sources(kind)), self.numbered.succ)
        reaches = self._reaching_numbers(OUTCOME_OF_KIND[kind])[1]
        return self.numbered.node_set(n for n in forward if reaches[n])

    def easiest(self, kind: str) -> PathView | None:
        """The path of least effort over every flow of the kind (cached per product)."""
        if kind not in self._easiest:
            self._easiest[kind] = self._search_effort(kind)
        return self._easiest[kind]

    def easiest_of(self, kinds: Iterable[str]) -> PathView | None:
        """The easier of several kinds' easiest paths (ties go to the kind listed first)."""
        found = [p for p in (self.easiest(k) for k in kinds) if p is not None]
        return min(found, key=lambda p: (p.effort, len(p.nodes))) if found else None

    def cheapest(
        self,
        kind: str,
        node_cost: Callable[[Node], int],
        edge_cost: Callable[[Action], int] = lambda a: 0,
        sources: Iterable[Node] | None = None,
    ) -> PathView | None:
        """The path of the kind that minimises other weights (offer visits, customer actions,
        days of waiting), from the kind's sources or the given ones (one flow's start)."""
        outcome = OUTCOME_OF_KIND[kind]
        nodes, steps, succ = self.numbered.nodes, self.numbered.steps, self.numbered.succ
        starts = self.sources(kind) if sources is None else sources
        found = cheapest_path(
            ((self.numbered.index[s], node_cost(s)) for s in starts),
            lambda n: ((a, t, edge_cost(a) + node_cost(nodes[t])) for a, t in succ[n]),
            lambda n: steps[n].outcome == outcome,
        )
        return self._view(kind, found, nodes.__getitem__)

    def _search_effort(self, kind: str) -> PathView | None:
        outcome = OUTCOME_OF_KIND[kind]
        steps = self.numbered.steps
        width = len(self._channel_codes)
        found = cheapest_path(
            self._effort_sources(self.sources(kind)),
            self._effort_moves,
            lambda state: steps[state // width].outcome == outcome,
        )
        return self._view(kind, found, self._effort_node)

    @cached_property
    def _channel_codes(self) -> dict[str | None, int]:
        """A code for each channel (None: no channel in effect yet), for effort states."""
        codes: dict[str | None, int] = {None: 0}
        for channel in self.numbered.channels:
            codes.setdefault(channel, len(codes))
        return codes

    @cached_property
    def _channel_names(self) -> list[str | None]:
        return list(self._channel_codes)

    def _effort_node(self, state: EffortState) -> Node:
        return self.numbered.nodes[state // len(self._channel_codes)]

    def _effort_sources(self, sources: Iterable[Node]) -> list[tuple[EffortState, int]]:
        """Effort states of entering each source with no channel in effect, and their costs."""
        width, codes, index = len(self._channel_codes), self._channel_codes, self.numbered.index
        states = []
        for node in sources:
            cost, channel, _ = self.enter(node, None)
            states.append((index[node] * width + codes[channel], cost))
        return states

    def _effort_moves(self, state: EffortState) -> Iterable[Move[EffortState]]:
        width = len(self._channel_codes)
        node, last = divmod(state, width)
        if self.numbered.steps[node].outcome is not None:
            return
        weights, entering = self.weights, self._entering
        for action, target in self.numbered.succ[node]:
            known = entering.get(target * width + last)
            if known is None:
                known = self._enter_state(target, last)
            cost, after = known
            yield action, after, cost + action_cost(weights, action)

    @cached_property
    def _entering(self) -> dict[EffortState, tuple[int, EffortState]]:
        """(step number, channel before) -> (cost of entering, state after): every search
        under the effort model asks this of the same few pairs again and again."""
        return {}

    def _enter_state(self, target: int, last: int) -> tuple[int, EffortState]:
        codes, width = self._channel_codes, len(self._channel_codes)
        step, channel = self.numbered.steps[target], self.numbered.channels[target]
        cost, now, _ = step_cost(self.weights, step, channel, self._channel_names[last])
        known = self._entering[target * width + last] = (cost, target * width + codes[now])
        return known

    def enter(self, node: Node, last_channel: str | None) -> tuple[int, str | None, list[str]]:
        """Effort of entering a step after ``last_channel``, the channel now, and why."""
        return step_cost(
            self.weights, self.graph.step(node), self.graph.channel(node), last_channel
        )

    @staticmethod
    def _view(kind: str, found: FoundPath | None, node_of: Callable) -> PathView | None:
        if found is None:
            return None
        return PathView(
            kind,
            tuple(node_of(s) for s in found.states),
            found.actions,
            found.costs,
            found.total,
        )

    # -- channels and evidence -----------------------------------------------------------------

    def acting_nodes(self, path: PathView) -> list[Node]:
        """Steps of a path where the customer acts: not handover, notice or outcome steps."""
        return [
            n
            for n in path.nodes
            if self.graph.step(n).outcome is None and not self.graph.step(n).transparent
        ]

    def done_on(self, path: PathView) -> str:
        """The channel a signup or purchase is done on (its payment step, else the last step)."""
        for node in path.nodes:
            if self.graph.step(node).kind == "payment":
                return self.graph.channel(node)
        return self.graph.channel(path.nodes[-2] if len(path.nodes) > 1 else path.nodes[0])

    def completable_online(self, kind: str) -> bool:
        """Whether some path of the kind has every customer-acting step on web or app."""

        def online(node: Node) -> bool:
            step = self.graph.step(node)
            return (
                step.outcome is not None
                or step.transparent
                or self.graph.channel(node) in ONLINE_CHANNELS
            )

        return self.has_path(kind, online)

    def evidence(self, path: PathView, title: str, role: str = OFFENDING) -> EvidencePath:
        """A path as evidence: each step with its channel, kind, action taken and effort;
        ``role`` says whether it shows the pattern or is shown for contrast."""
        return EvidencePath(title, self._evidence_steps(path), path.effort, role)

    def _evidence_steps(self, path: PathView) -> tuple[EvidenceStep, ...]:
        """The evidence rows of a path, built once per distinct path: the findings that show
        one path (the easiest cancel path, compared by several rules, or the same path found
        by two searches) share the same rows. The rows depend on the steps and actions only,
        so those are the key (actions by identity: the product keeps them, and hashing one
        would hash its fields): on the generated corpus more than half of the paths asked for
        had been built before, on a 10,000-step maze three of five."""
        built: dict[tuple[tuple[Node, ...], tuple[int, ...]], tuple[EvidenceStep, ...]]
        built = self.__dict__.setdefault("_evidence_built", {})
        key = (path.nodes, tuple(map(id, path.actions)))
        known = built.get(key)
        if known is not None:
            return known
        rows = []
        last: str | None = None
        numbered = self.numbered
        for index, node in enumerate(path.nodes):
            number = numbered.index[node]
            step, channel = numbered.steps[number], numbered.channels[number]
            cost, last, notes = step_cost(self.weights, step, channel, last)
            action = path.actions[index] if index < len(path.actions) else None
            if action is not None:
                cost += action_cost(self.weights, action)
            rows.append(
                EvidenceStep(
                    flow=node[0],
                    step=node[1],
                    kind=f"outcome: {step.outcome}" if step.outcome else step.kind,
                    channel=channel,
                    action=action.label if action else None,
                    effort=cost,
                    location=step.location,
                    note="; ".join(notes),
                )
            )
        steps = tuple(rows)
        built[key] = steps
        return steps

    def step_of(self, node: Node) -> Step:
        return self.graph.step(node)

    def fewest_actions(
        self,
        sources: Iterable[Node],
        is_target: Callable[[Node], bool],
        allowed: Callable[[Node], bool] = lambda n: True,
        kind: str = "",
        edge_cost: Callable[[Action], int] = lambda a: 1 if a.by_customer else 0,
    ) -> PathView | None:
        """The path from the sources to a target step with the fewest customer actions (or
        the least ``edge_cost``: fewest fee-carrying actions, say), through allowed steps
        only; its ``effort`` is that count.

        For rules about one flow's own start and outcomes (a business-caused flow, a path to
        a refusal) rather than a kind's paths; linear like every other search here.
        """
        nodes, succ = self.numbered.nodes, self.numbered.succ
        found = cheapest_path(
            ((self.numbered.index[s], 0) for s in sources if allowed(s)),
            lambda n: ((a, t, edge_cost(a)) for a, t in succ[n] if allowed(nodes[t])),
            lambda n: is_target(nodes[n]),
        )
        return self._view(kind, found, nodes.__getitem__)

    def fewest_actions_each(
        self,
        sources: Iterable[Node],
        targets: Iterable[Node],
        through: Callable[[Node], bool] = lambda n: True,
        kind: str = "",
    ) -> dict[Node, PathView]:
        """For each target, ``fewest_actions(sources, lambda n: n == target, allowed)`` with
        ``allowed = lambda n: n == target or through(n)``, from one search for all of them:
        the same paths, without a search of the product per target."""
        wanted = list(targets)
        numbered = self.numbered
        nodes, succ = numbered.nodes, numbered.succ
        ends = set(numbered.numbers(wanted))

        def moves(node: int) -> Iterable[Move[int]]:
            if not through(nodes[node]):
                return ()  # a target only ends a path
            return (
                (a, t, 1 if a.by_customer else 0)
                for a, t in succ[node]
                if t in ends or through(nodes[t])
            )

        starts = ((s, 0) for s in numbered.numbers(sources) if s in ends or through(nodes[s]))
        tree = search_tree(starts, moves, list(ends))
        found = {}
        for target in wanted:
            view = self._view(kind, tree.path(numbered.index[target]), nodes.__getitem__)
            if view is not None:
                found[target] = view
        return found

    def fewest_actions_from(self, kind: str, target: Node) -> PathView | None:
        """``fewest_actions(self.sources(kind), lambda n: n == target)``, read off one search
        per kind that every target shares (a cancel path through each of many fees)."""
        trees: dict[str, SearchTree[int]] = self.__dict__.setdefault("_trees", {})
        numbered = self.numbered
        if kind not in trees:
            succ = numbered.succ
            trees[kind] = search_tree(
                ((numbered.index[s], 0) for s in self.sources(kind)),
                lambda n: ((a, t, 1 if a.by_customer else 0) for a, t in succ[n]),
            )
        return self._view("", trees[kind].path(numbered.index[target]), numbered.nodes.__getitem__)

    def easiest_between(
        self, sources: Iterable[Node], is_target: Callable[[Node], bool], kind: str = ""
    ) -> PathView | None:
        """The least-effort path from the sources to a target step, under the effort model.

        For rules that judge one flow's own paths (each support flow is its own problem)
        rather than every flow of a kind; same weights and tie-breaks as :meth:`easiest`.
        """
        found = cheapest_path(
            self._effort_sources(sources),
            self._effort_moves,
            lambda state: is_target(self._effort_node(state)),
        )
        return self._view(kind, found, self._effort_node)

    def unseen_until(
        self,
        kind: str,
        seen: Callable[[Node], bool],
        stop: Callable[[Node], bool],
        sources: Iterable[Node] | None = None,
        inclusive: bool = True,
        fallback: bool = True,
    ) -> dict[Node, PathView]:
        """Points that some path of the kind reaches before the customer has seen something.

        A path's point is its first ``stop`` step (a payment step, the first step showing the
        price) or, with ``fallback`` and no stop step on the path, the step whose action
        reaches the outcome. A point is returned when some path gets there with no earlier
        step ``seen`` (nor the point itself, when ``inclusive``): one such path is enough for
        a customer to miss the disclosure, so this is "before payment on an unavoidable
        basis". Each point comes with a witness path (fewest customer actions), in YAML
        order; one reachability pass, one search shared by every point and one short search
        per point onwards to the outcome, never enumerating paths.
        """
        outcome = OUTCOME_OF_KIND[kind]
        starts = list(self.sources(kind) if sources is None else sources)

        def is_end(node: Node) -> bool:
            return self.graph.step(node).outcome == outcome

        def passable(node: Node) -> bool:
            return self.graph.step(node).outcome is None and not stop(node) and not seen(node)

        numbered = self.numbered
        nodes, steps, numbers = numbered.nodes, numbered.steps, numbered.succ
        first = numbered.numbers(starts)
        region = reachable_numbers(first, numbers, lambda n: passable(nodes[n]))
        entered = set(first)
        for n in region:
            entered.update(t for _, t in numbers[n])
        can_end = self._reaching_numbers(outcome)[1]
        candidates = []
        for number in sorted(entered):  # YAML order
            if not can_end[number] or steps[number].outcome:
                continue
            node = nodes[number]
            if inclusive and seen(node):
                continue
            if stop(node) or (
                fallback and any(steps[t].outcome == outcome for _, t in numbers[number])
            ):
                candidates.append(node)
        befores = self.fewest_actions_each(starts, candidates, passable) if candidates else {}
        points: dict[Node, PathView] = {}
        for node in candidates:
            witness = self._witness(kind, befores.get(node), node, stop(node), is_end)
            if witness is not None:
                points[node] = witness
        return points

    def _witness(
        self,
        kind: str,
        before: PathView | None,
        point: Node,
        at_stop: bool,
        is_end: Callable[[Node], bool],
    ) -> PathView | None:
        """A path through passable steps to ``point`` (``before``, the fewest actions), then
        on to the outcome: from a stop step by the fewest actions, from a fallback point by
        its own action to the outcome."""
        if before is None:
            return None
        if at_stop:
            after = self.fewest_actions([point], is_end)
        else:
            action, end = next((a, t) for a, t in self.graph.succ[point] if is_end(t))
            cost = 1 if action.by_customer else 0
            after = PathView(kind, (point, end), (action,), (0, cost), cost)
        if after is None:
            return None
        return PathView(
            kind,
            before.nodes + after.nodes[1:],
            before.actions + after.actions,
            before.costs + after.costs[1:],
            before.effort + after.effort,
        )
