"""Linear-time graph searches shared by every rule.

No rule enumerates simple paths (exponential on real flows with loops). Instead, rules ask
for a cheapest path under some weights (Dijkstra over small search states) or for
reachability under a filter (breadth-first search); both are linear or near-linear in the size
of the product.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import Generic, TypeVar

from darklint.classes import dataclass
from darklint.model import Action

State = TypeVar("State", bound=Hashable)


#: One transition of a search: the action taken, the state reached and what it cost. A plain
#: tuple, not a class: a search makes one per edge it looks at, and a named tuple's
#: constructor is a Python call.
Move = tuple[Action, State, int]


@dataclass(frozen=True)
class FoundPath(Generic[State]):
    """A cheapest path: its states in order, the actions between them and each step's cost."""

    states: tuple[State, ...]
    actions: tuple[Action, ...]  # actions[i] leads from states[i] to states[i + 1]
    costs: tuple[int, ...]  # costs[0] is the start's own cost; costs[i] the cost of move i
    total: int


def _settle(
    sources: Iterable[tuple[State, int]],
    moves: Callable[[State], Iterable[Move[State]]],
    parent: dict[State, tuple[State, Action, int] | None],
    start_cost: dict[State, int],
) -> Iterator[tuple[State, int]]:
    """Dijkstra: yield each state with its final cost, cheapest first, recording parents.

    Ties go to the path with fewer steps, then to the one found first: sources in the order
    given and moves in YAML order, so the same file always gives the same path. A state's
    moves are expanded only when the caller asks for the next state, so a caller that stops
    at its target does no more work.
    """
    counter = itertools.count()
    best: dict[State, tuple[int, int]] = {}
    heap: list[tuple[int, int, int, State]] = []
    for state, cost in sources:
        if state in best and best[state] <= (cost, 0):
            continue
        best[state] = (cost, 0)
        parent[state] = None
        start_cost[state] = cost
        heapq.heappush(heap, (cost, 0, next(counter), state))
    done: set[State] = set()
    push, pop, get = heapq.heappush, heapq.heappop, best.get
    while heap:
        cost, steps, _, state = pop(heap)
        if state in done:
            continue
        done.add(state)
        yield state, cost
        steps += 1
        for action, reached, move_cost in moves(state):
            total = cost + move_cost
            known = get(reached)
            # (total, steps) < known, compared without building the pair for every edge
            if known is None or total < known[0] or (total == known[0] and steps < known[1]):
                best[reached] = (total, steps)
                parent[reached] = (state, action, move_cost)
                push(heap, (total, steps, next(counter), reached))


def cheapest_path(
    sources: Iterable[tuple[State, int]],
    moves: Callable[[State], Iterable[Move[State]]],
    is_target: Callable[[State], bool],
) -> FoundPath[State] | None:
    """The cheapest path from several sources to the nearest target state (see _settle)."""
    parent: dict[State, tuple[State, Action, int] | None] = {}
    start_cost: dict[State, int] = {}
    for state, cost in _settle(sources, moves, parent, start_cost):
        if is_target(state):
            return _unwind(state, parent, start_cost, cost)
    return None


@dataclass
class SearchTree(Generic[State]):
    """What one Dijkstra search found: the cheapest path to every state it reached."""

    parent: dict[State, tuple[State, Action, int] | None]
    start_cost: dict[State, int]
    total: dict[State, int]  # cost of each state, final once it was taken off the heap

    def path(self, state: State) -> FoundPath[State] | None:
        """The path :func:`cheapest_path` finds when ``state`` is its only target."""
        if state not in self.total:
            return None
        return _unwind(state, self.parent, self.start_cost, self.total[state])


def search_tree(
    sources: Iterable[tuple[State, int]],
    moves: Callable[[State], Iterable[Move[State]]],
    targets: Iterable[State] | None = None,
) -> SearchTree[State]:
    """One Dijkstra search for many targets, instead of one :func:`cheapest_path` each.

    States are settled in the same order as in :func:`cheapest_path` (the same search), and a
    state's path is final once settled, so the path to each target is exactly the one a
    search for that target alone returns. Stops once every target is reached (without
    ``targets``: once every reachable state is).
    """
    tree: SearchTree[State] = SearchTree({}, {}, {})
    wanted = None if targets is None else set(targets)
    for state, cost in _settle(sources, moves, tree.parent, tree.start_cost):
        tree.total[state] = cost
        if wanted is not None:
            wanted.discard(state)
            if not wanted:
                break
    return tree


def _unwind(
    state: State,
    parent: dict[State, tuple[State, Action, int] | None],
    start_cost: dict[State, int],
    total: int,
) -> FoundPath[State]:
    states: list[State] = [state]
    actions: list[Action] = []
    costs: list[int] = []
    link = parent[state]
    while link is not None:
        previous, action, cost = link
        states.append(previous)
        actions.append(action)
        costs.append(cost)
        link = parent[previous]
    costs.append(start_cost[states[-1]])
    states.reverse()
    actions.reverse()
    costs.reverse()
    return FoundPath(tuple(states), tuple(actions), tuple(costs), total)


#: Successor lists by node number (see :class:`darklint.graph.build.NumberedGraph`).
NumberedSucc = list[list[tuple[Action, int]]]


def reachable_numbers(
    sources: Iterable[int], succ: NumberedSucc, allowed: Callable[[int], bool] | None = None
) -> list[int]:
    """Node numbers reachable from the sources through allowed nodes only: the sources first,
    then in breadth-first order (``allowed`` None lets every node through)."""
    seen = bytearray(len(succ))
    order: list[int] = []
    for source in sources:
        if not seen[source] and (allowed is None or allowed(source)):
            seen[source] = 1
            order.append(source)
    position = 0
    while position < len(order):
        for _, target in succ[order[position]]:
            if not seen[target] and (allowed is None or allowed(target)):
                seen[target] = 1
                order.append(target)
        position += 1
    return order


def reverse_numbers(succ: NumberedSucc) -> list[list[int]]:
    """Predecessor lists by node number, for searching backwards from outcomes."""
    pred: list[list[int]] = [[] for _ in succ]
    for node, edges in enumerate(succ):
        for _, target in edges:
            pred[target].append(node)
    return pred


def reaching_numbers(targets: Iterable[int], pred: list[list[int]]) -> list[int]:
    """Node numbers from which some target is reachable (targets included)."""
    seen = bytearray(len(pred))
    order: list[int] = []
    for target in targets:
        if not seen[target]:
            seen[target] = 1
            order.append(target)
    position = 0
    while position < len(order):
        for source in pred[order[position]]:
            if not seen[source]:
                seen[source] = 1
                order.append(source)
        position += 1
    return order
