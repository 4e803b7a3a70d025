"""always_crossed answers "does every path cross this label?" for all labels in one
dominator computation; it must agree with the plain one-search-per-label answer."""

from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from darklint.graph.cuts import always_crossed

Graph = dict[int, list[tuple[tuple[str, ...], int]]]


def crossed_one_by_one(graph: Graph, start: int, ends: set[int], labels: set[str]) -> set[str]:
    """The definition, searched once per label: no end reachable while avoiding it."""
    out = set()
    for label in labels:
        seen, queue, escaped = {start}, deque([start]), False
        while queue:
            node = queue.popleft()
            if node in ends:
                escaped = True
                break
            for edge_labels, target in graph.get(node, []):
                if label not in edge_labels and target not in seen:
                    seen.add(target)
                    queue.append(target)
        if not escaped:
            out.add(label)
    return out


LABELS = st.sampled_from(["a", "b", "c", "d", "e", "f"])


@st.composite
def graphs(draw) -> tuple[Graph, set[int]]:
    size = draw(st.integers(2, 12))
    graph: Graph = {}
    for node in range(size):
        edges = draw(
            st.lists(
                st.tuples(st.lists(LABELS, max_size=2).map(tuple), st.integers(0, size - 1)),
                max_size=4,
            )
        )
        graph[node] = edges
    ends = draw(st.sets(st.integers(1, size - 1), max_size=3))
    return graph, ends


@settings(max_examples=200, deadline=None)
@given(graphs())
def test_agrees_with_one_search_per_label(drawn: tuple[Graph, set[int]]) -> None:
    graph, ends = drawn
    labels = {"a", "b", "c", "d", "e", "f"}
    fast = always_crossed(0, lambda n: graph.get(n, []), lambda n: n in ends, labels)
    assert fast == crossed_one_by_one(graph, 0, ends, labels)


def test_a_fee_on_both_ways_to_pay_is_always_paid_and_a_skippable_one_is_not() -> None:
    graph: Graph = {
        0: [(("service",), 1), (("service", "insurance"), 1)],  # card or PayPal, both charge
        1: [((), 2), (("gift-wrap",), 2)],
        2: [],
    }
    crossed = always_crossed(0, lambda n: graph[n], lambda n: n == 2, {"service", "gift-wrap"})
    assert crossed == {"service"}


def test_nothing_escapes_when_no_end_is_reachable() -> None:
    graph: Graph = {0: [(("x",), 1)], 1: [((), 0)], 2: []}
    assert always_crossed(0, lambda n: graph[n], lambda n: n == 2, {"x", "y"}) == {"x", "y"}
