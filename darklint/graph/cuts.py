"""Which labels of edges every path crosses: "is this fee paid on every way to the outcome?"
for all fees of a flow at once.

The plain question for one label is a search that avoids the edges carrying it: if the end is
still reachable, some path escapes the label. Asked for every fee of a checkout, that is one
search per fee, O(fees x steps): 400 fees on 400 steps took seconds. Here the answer for all
labels comes from one dominator computation: each edge carrying a label that appears on that
edge alone gets a node of its own in the middle, and such a label is crossed by every path
exactly when its middle node dominates the end (every path from the start to the end passes
through it). Labels carried by several edges (the same fee on 'Pay by card' and 'Pay by
PayPal') are rare and keep the plain search, which counts any of their edges.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import TypeVar

N = TypeVar("N", bound=Hashable)
L = TypeVar("L", bound=Hashable)
Successors = Callable[[N], Iterable[tuple[Sequence[L], N]]]


def always_crossed(
    start: N, successors: Successors, is_end: Callable[[N], bool], labels: Iterable[L]
) -> set[L]:
    """The labels (of those given) that every path from ``start`` to an end node crosses.

    ``successors(node)`` gives ``(labels of the edge, target)`` pairs. When no end is
    reachable at all, every label counts as crossed (no path escapes it), as the plain search
    would say.
    """
    wanted = set(labels)
    nodes, edges, ends = _explore(start, successors, is_end)
    if not ends:
        return wanted
    carriers: dict[L, int] = {}
    for _, edge_labels, _ in edges:
        for label in set(edge_labels) & wanted:
            carriers[label] = carriers.get(label, 0) + 1
    single = {label for label, count in carriers.items() if count == 1}
    crossed = _dominated_labels(nodes, edges, ends, single)
    for label in wanted - single:  # a label on no edge at all is escaped by every path
        if label in carriers and not _escapes(start, successors, is_end, label):
            crossed.add(label)
    return crossed


def _explore(
    start: N, successors: Successors, is_end: Callable[[N], bool]
) -> tuple[dict[N, int], list[tuple[int, Sequence[L], int]], list[int]]:
    """Nodes reachable from the start (numbered), their edges, and the end nodes among them.
    End nodes are not expanded: a path stops at its outcome."""
    index = {start: 0}
    edges: list[tuple[int, Sequence[L], int]] = []
    ends: list[int] = []
    queue = deque([start])
    while queue:
        node = queue.popleft()
        here = index[node]
        if is_end(node):
            ends.append(here)
            continue
        for edge_labels, target in successors(node):
            if target not in index:
                index[target] = len(index)
                queue.append(target)
            edges.append((here, edge_labels, index[target]))
    return index, edges, ends


def _dominated_labels(
    nodes: dict[N, int],
    edges: list[tuple[int, Sequence[L], int]],
    ends: list[int],
    single: set[L],
) -> set[L]:
    """Single-edge labels whose edge every start-to-end path takes (one dominator tree)."""
    count = len(nodes)
    sink = count
    count += 1
    middle_of: dict[L, int] = {}
    succ: list[list[int]] = [[] for _ in range(count)]
    for source, edge_labels, target in edges:
        carried = [label for label in edge_labels if label in single]
        if not carried:
            succ[source].append(target)
            continue
        middle = count
        count += 1
        succ.append([target])
        succ[source].append(middle)
        for label in carried:
            middle_of[label] = middle
    for end in ends:
        succ[end].append(sink)
    idom = _immediate_dominators(succ, 0)
    chain: set[int] = set()
    node = sink
    while node != 0 and idom[node] != -1:
        chain.add(node)
        node = idom[node]
    return {label for label, middle in middle_of.items() if middle in chain}


def _immediate_dominators(succ: list[list[int]], root: int) -> list[int]:
    """Immediate dominators by Cooper, Harvey and Kennedy's iteration over reverse postorder
    ("A Simple, Fast Dominance Algorithm", 2001); -1 for nodes the root does not reach."""
    order: list[int] = []
    seen = [False] * len(succ)
    seen[root] = True
    stack = [(root, iter(succ[root]))]
    while stack:  # iterative depth-first search: postorder without recursion limits
        node, children = stack[-1]
        for child in children:
            if not seen[child]:
                seen[child] = True
                stack.append((child, iter(succ[child])))
                break
        else:
            stack.pop()
            order.append(node)
    order.reverse()
    rank = [0] * len(succ)
    for position, node in enumerate(order):
        rank[node] = position
    pred: list[list[int]] = [[] for _ in succ]
    for node in order:
        for child in succ[node]:
            pred[child].append(node)
    idom = [-1] * len(succ)
    idom[root] = root
    changed = True
    while changed:
        changed = False
        for node in order[1:]:
            new = -1
            for parent in pred[node]:
                if idom[parent] == -1:
                    continue
                if new == -1:
                    new = parent
                    continue
                a, b = parent, new
                while a != b:
                    while rank[a] > rank[b]:
                        a = idom[a]
                    while rank[b] > rank[a]:
                        b = idom[b]
                new = a
            if idom[node] != new:
                idom[node] = new
                changed = True
    return idom


def _escapes(start: N, successors: Successors, is_end: Callable[[N], bool], label: L) -> bool:
    """Whether some path from the start reaches an end without crossing the label."""
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if is_end(node):
            return True
        for edge_labels, target in successors(node):
            if label not in edge_labels and target not in seen:
                seen.add(target)
                queue.append(target)
    return False
