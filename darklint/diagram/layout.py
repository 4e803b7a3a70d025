"""A layered (Sugiyama-style) layout for one flow, top to bottom from its start step.

Why hand-written rather than a library: grandalf, the pure-Python Sugiyama package, is
quadratic in places (about 0.9 s for a 500-step flow, 5 s for 1,200 steps) and has not been
released since 2023; Graphviz is not installed everywhere, costs a process per run, and its
output changes between versions, while an auditor's archived report should draw the same
way on every machine (Graphviz users get ``darklint graph --format dot``). networkx has no
layered layout, and the classic steps are short in plain Python when each stays linear or
close to it:

1. break cycles with a depth-first search from the start (edges back onto the search stack are
   the retention loops and "go back" links, drawn reversed);
2. give each step a rank by longest path, and put every edge's label on its own level between
   ranks (as Graphviz does), so labels never overlap steps or each other;
3. order each level by barycenters, sweeping down and up, keeping the order with the fewest
   crossings;
4. place x by isotonic regression (pool adjacent violators): each item as close to the mean
   of its neighbours as the spacing allows, so chains come out straight;
5. route each edge through its label and any dummy points between the levels it spans.

An edge that spans more than :data:`LONG_SPAN` ranks is drawn as a short labelled jump next
to its source instead of a line along the whole diagram: a loop back to the start of a long
flow stays local and readable, and the number of dummy points stays linear.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import field

from darklint.classes import dataclass

#: Rank distance above which an edge becomes a labelled jump rather than a long line.
LONG_SPAN = 8
#: Order-improving sweeps (each one down and one up); a handful is the usual choice.
SWEEPS = 4
#: Horizontal space between neighbours on a level, vertical space between levels.
H_GAP = 22.0
V_GAP = 16.0
#: Width a self-loop takes on the right of its step.
LOOP_EXTENT = 26.0
#: Weight of a jump's label when placing x (steps and edge points weigh 1).
JUMP_WEIGHT = 0.02


@dataclass(frozen=True)
class Box:
    """A step to place: its size."""

    width: float
    height: float


@dataclass(frozen=True)
class Link:
    """An edge to route, with the size of its label (zero when it has none).

    ``jump_width`` and ``jump_height`` size the label used instead when the edge is drawn as
    a jump (it names the far step too); zero means the same as the label.
    """

    source: int
    target: int
    label_width: float = 0.0
    label_height: float = 0.0
    jump_width: float = 0.0
    jump_height: float = 0.0


@dataclass
class Placed:
    """A placed step: its centre and size."""

    x: float
    y: float
    width: float
    height: float


@dataclass
class Route:
    """How to draw one link: points from source to target, and where its label goes.

    ``label`` is the top-left corner of the label's box. ``back`` marks an edge that goes up
    (a loop), ``jump`` one drawn as a short labelled stub, ``loop`` an edge to its own step.
    """

    points: list[tuple[float, float]]
    label: tuple[float, float] | None = None
    back: bool = False
    jump: bool = False
    loop: bool = False


@dataclass
class Layout:
    """Where everything goes; coordinates start at (0, 0)."""

    width: float
    height: float
    nodes: list[Placed]
    routes: list[Route]


@dataclass
class _Slot:
    """An item on a level: a step, an edge label, or a dummy point of a long edge."""

    level: int
    width: float
    height: float
    node: int | None = None  # the step, for step slots
    #: Where edges pass, from the centre: a label's edge runs along its left side.
    anchor: float = 0.0
    #: How strongly it keeps to its neighbours: a jump's label gives way to the flow's chain,
    #: or each jump would push the rest of a long flow sideways.
    weight: float = 1.0
    up: list[int] = field(default_factory=list)  # neighbour slots on the level above
    down: list[int] = field(default_factory=list)  # neighbour slots on the level below
    x: float = 0.0


def layered_layout(boxes: Sequence[Box], links: Sequence[Link], start: int = 0) -> Layout:
    """Lay out steps and edges top to bottom; ``start`` goes on the first rank."""
    if not boxes:
        return Layout(0.0, 0.0, [], [])
    reversed_links = _back_edges(len(boxes), links, start)
    ranks = _ranks(len(boxes), links, reversed_links)
    slots, chains, jumps = _build_levels(boxes, links, reversed_links, ranks)
    levels = _levels(slots)
    _order(levels, slots)
    _place_x(levels, slots)
    centres = _place_y(levels, slots)
    return _result(boxes, links, reversed_links, jumps, slots, chains, centres)


# -- 1. cycles ---------------------------------------------------------------------------------


def _back_edges(count: int, links: Sequence[Link], start: int) -> set[int]:
    """Indexes of links that close a cycle, found by an iterative depth-first search."""
    out: list[list[int]] = [[] for _ in range(count)]
    for index, link in enumerate(links):
        if link.source != link.target:
            out[link.source].append(index)
    state = [0] * count  # 0 new, 1 on the stack, 2 done
    back: set[int] = set()
    roots = [start, *(n for n in range(count) if n != start)]
    for root in roots:
        if state[root]:
            continue
        state[root] = 1
        stack = [(root, 0)]
        while stack:
            node, position = stack[-1]
            if position == len(out[node]):
                state[node] = 2
                stack.pop()
                continue
            stack[-1] = (node, position + 1)
            index = out[node][position]
            target = links[index].target
            if state[target] == 1:
                back.add(index)
            elif state[target] == 0:
                state[target] = 1
                stack.append((target, 0))
    return back


# -- 2. ranks and levels -------------------------------------------------------------------------


def _ranks(count: int, links: Sequence[Link], back: set[int]) -> list[int]:
    """Longest-path ranks over the acyclic graph (back edges reversed), in linear time."""
    out: list[list[int]] = [[] for _ in range(count)]
    indegree = [0] * count
    for index, link in enumerate(links):
        if link.source == link.target:
            continue
        upper, lower = (link.target, link.source) if index in back else (link.source, link.target)
        out[upper].append(lower)
        indegree[lower] += 1
    rank = [0] * count
    ready = [n for n in range(count) if indegree[n] == 0]
    while ready:
        node = ready.pop()
        for nxt in out[node]:
            rank[nxt] = max(rank[nxt], rank[node] + 1)
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                ready.append(nxt)
    return rank


def _build_levels(
    boxes: Sequence[Box], links: Sequence[Link], back: set[int], ranks: list[int]
) -> tuple[list[_Slot], list[list[int]], set[int]]:
    """Slots for steps (even levels) and for labels and dummy points (odd and between).

    Returns the slots, per link the chain of slots it passes through between its ends (top
    to bottom), and the links drawn as jumps. A step with a self-loop gets a wider slot.
    """
    loops: dict[int, float] = {}  # step -> room its self-loops need on its right
    for link in links:
        if link.source == link.target:
            room = LOOP_EXTENT + (link.label_width + 6 if link.label_width else 0.0)
            loops[link.source] = max(loops.get(link.source, 0.0), room)
    slots = [
        _Slot(
            level=2 * ranks[n],
            width=box.width + loops.get(n, 0.0),
            height=box.height,
            node=n,
            anchor=-loops.get(n, 0.0) / 2,
        )
        for n, box in enumerate(boxes)
    ]
    chains: list[list[int]] = []
    jumps: set[int] = set()
    for index, link in enumerate(links):
        if link.source == link.target:
            chains.append([])
            continue
        upper, lower = (link.target, link.source) if index in back else (link.source, link.target)
        top, bottom = 2 * ranks[upper], 2 * ranks[lower]
        label_size = (link.label_width, link.label_height)
        if ranks[lower] - ranks[upper] > LONG_SPAN:
            # A jump: one slot next to the source, on the level towards the target.
            level = top + 1 if index not in back else bottom - 1
            jump_size = (link.jump_width, link.jump_height) if link.jump_width else label_size
            slot = _add(slots, level, *jump_size)
            slots[slot].weight = JUMP_WEIGHT
            end = upper if index not in back else lower
            _connect(slots, end, slot, downward=index not in back)
            chains.append([slot])
            jumps.add(index)
            continue
        label_level = top + 1 if index not in back else bottom - 1
        chain = []
        previous = upper
        for level in range(top + 1, bottom):
            size = label_size if level == label_level else (0.0, 0.0)
            slot = _add(slots, level, *size)
            _connect(slots, previous, slot, downward=True)
            chain.append(slot)
            previous = slot
        _connect(slots, previous, lower, downward=True)
        chains.append(chain)
    return slots, chains, jumps


def _add(slots: list[_Slot], level: int, width: float, height: float) -> int:
    width = max(width, 2.0)
    anchor = -width / 2 + 4 if width > 8 else 0.0
    slots.append(_Slot(level=level, width=width, height=height, anchor=anchor))
    return len(slots) - 1


def _connect(slots: list[_Slot], a: int, b: int, downward: bool) -> None:
    """Join two slots on adjacent levels (``a`` above ``b`` when ``downward``)."""
    upper, lower = (a, b) if downward else (b, a)
    slots[upper].down.append(lower)
    slots[lower].up.append(upper)


def _levels(slots: list[_Slot]) -> list[list[int]]:
    """Slots per level, in creation order (steps in display order, then edge slots)."""
    depth = max(s.level for s in slots) + 1
    levels: list[list[int]] = [[] for _ in range(depth)]
    for index, slot in enumerate(slots):
        levels[slot.level].append(index)
    return levels


# -- 3. order --------------------------------------------------------------------------------


def _order(levels: list[list[int]], slots: list[_Slot]) -> None:
    """Barycenter sweeps down and up; keep the ordering with the fewest crossings."""
    position = [0.0] * len(slots)

    def index_positions() -> None:
        for level in levels:
            for i, slot in enumerate(level):
                position[slot] = float(i)

    # Start from the search order: each level sorted by its upper neighbours.
    index_positions()
    _sweep(levels, slots, position, down=True)
    best = [list(level) for level in levels]
    best_crossings = _crossings(levels, slots, position)
    for _ in range(SWEEPS):
        if best_crossings == 0:
            break
        _sweep(levels, slots, position, down=False)
        _sweep(levels, slots, position, down=True)
        crossings = _crossings(levels, slots, position)
        if crossings < best_crossings:
            best, best_crossings = [list(level) for level in levels], crossings
    levels[:] = best


def _sweep(levels: list[list[int]], slots: list[_Slot], position: list[float], down: bool) -> None:
    order = range(1, len(levels)) if down else range(len(levels) - 2, -1, -1)
    for depth in order:
        level = levels[depth]

        def key(slot: int) -> tuple[float, float]:
            neighbours = slots[slot].up if down else slots[slot].down
            if not neighbours:
                return (position[slot], position[slot])
            return (sum(position[n] for n in neighbours) / len(neighbours), position[slot])

        level.sort(key=key)
        for i, slot in enumerate(level):
            position[slot] = float(i)


def _crossings(levels: list[list[int]], slots: list[_Slot], position: list[float]) -> int:
    """Edge crossings between adjacent levels, counted as inversions (n log n per level)."""
    total = 0
    for level in levels[:-1]:
        pairs = sorted((int(position[u]), int(position[d])) for u in level for d in slots[u].down)
        total += _inversions([d for _, d in pairs])
    return total


def _inversions(values: list[int]) -> int:
    """Pairs i < j with values[i] > values[j], with a Fenwick tree."""
    if len(values) < 2:
        return 0
    size = max(values) + 2
    tree = [0] * (size + 1)
    count = 0
    for seen, value in enumerate(values):
        i, not_greater = value + 1, 0
        while i > 0:
            not_greater += tree[i]
            i -= i & -i
        count += seen - not_greater
        i = value + 1
        while i <= size:
            tree[i] += 1
            i += i & -i
    return count


# -- 4. x ------------------------------------------------------------------------------------


def _place_x(levels: list[list[int]], slots: list[_Slot]) -> None:
    """Pack each level, then pull items towards their neighbours' mean, down and up."""
    for level in levels:
        _fit(level, slots, [0.0] * len(level))
    for _ in range(3):
        for depth in range(1, len(levels)):
            _relax(levels[depth], slots, use_up=True)
        for depth in range(len(levels) - 2, -1, -1):
            _relax(levels[depth], slots, use_up=False)
    for depth in range(1, len(levels)):
        _relax(levels[depth], slots, use_up=True)
    left = min(s.x - s.width / 2 for s in slots)
    for slot in slots:
        slot.x -= left


def _relax(level: list[int], slots: list[_Slot], use_up: bool) -> None:
    wanted = []
    for index in level:
        slot = slots[index]
        neighbours = slot.up if use_up else slot.down
        if neighbours:
            mean = sum(slots[n].x + slots[n].anchor for n in neighbours) / len(neighbours)
            wanted.append(mean - slot.anchor)
        else:
            wanted.append(slot.x)
    _fit(level, slots, wanted)


def _fit(level: list[int], slots: list[_Slot], wanted: list[float]) -> None:
    """Centres as close to ``wanted`` as the order and spacing allow (weighted least squares).

    With offsets ``S`` accumulating the minimum spacing, ``x - S`` must not decrease; the
    closest such sequence is an isotonic regression, solved by pooling adjacent violators.
    """
    offsets = []
    total = 0.0
    for i, index in enumerate(level):
        if i:
            total += (slots[level[i - 1]].width + slots[index].width) / 2 + H_GAP
        offsets.append(total)
    blocks: list[list[float]] = []  # [weighted sum of targets, total weight, items]
    for index, target, offset in zip(level, wanted, offsets, strict=True):
        weight = slots[index].weight
        blocks.append([(target - offset) * weight, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            value, weight, items = blocks.pop()
            blocks[-1][0] += value
            blocks[-1][1] += weight
            blocks[-1][2] += items
    i = 0
    for value, weight, items in blocks:
        mean = value / weight
        for _ in range(int(items)):
            slots[level[i]].x = mean + offsets[i]
            i += 1


# -- 5. y and routes -------------------------------------------------------------------------


def _place_y(levels: list[list[int]], slots: list[_Slot]) -> list[float]:
    """The centre line of each level, and the total height as the last item.

    Each level is as tall as its tallest item.
    """
    centres = []
    y = 0.0
    for level in levels:
        height = max((slots[s].height for s in level), default=0.0)
        centres.append(y + height / 2)
        y += height + V_GAP
    centres.append(y - V_GAP)
    return centres


def _result(
    boxes: Sequence[Box],
    links: Sequence[Link],
    back: set[int],
    jumps: set[int],
    slots: list[_Slot],
    chains: list[list[int]],
    centres: list[float],
) -> Layout:
    def centre_y(slot: _Slot) -> float:
        return centres[slot.level]

    nodes = [
        Placed(slots[n].x + slots[n].anchor, centre_y(slots[n]), box.width, box.height)
        for n, box in enumerate(boxes)
    ]
    routes = [
        _route(link, index in back, index in jumps, chains[index], nodes, slots, centre_y)
        for index, link in enumerate(links)
    ]
    _spread_ports(routes, links, nodes)
    width = max(s.x + s.width / 2 for s in slots)
    return Layout(width, centres[-1], nodes, routes)


def _route(
    link: Link,
    is_back: bool,
    is_jump: bool,
    chain: list[int],
    nodes: list[Placed],
    slots: list[_Slot],
    centre_y: Callable[[_Slot], float],
) -> Route:
    source, target = nodes[link.source], nodes[link.target]
    if link.source == link.target:
        right = source.x + source.width / 2
        top, bottom = source.y - source.height / 4, source.y + source.height / 4
        points = [(right, top), (right + LOOP_EXTENT, source.y), (right, bottom)]
        label = (right + LOOP_EXTENT + 4, source.y - link.label_height / 2)
        return Route(points, label if link.label_width else None, loop=True)
    # Dummy points pass along the left edge of their slot; a label sits to their right.
    middle = [(slots[s].x + slots[s].anchor, centre_y(slots[s])) for s in chain]
    if is_jump:
        slot = slots[chain[0]]
        start = _port(source, below=middle[0][1] > source.y)
        label = (slot.x - slot.width / 2 + 10, centre_y(slot) - slot.height / 2)
        return Route([start, middle[0]], label, back=is_back, jump=True)
    downward = target.y > source.y
    points = [_port(source, below=downward), *(middle if downward else middle[::-1])]
    points.append(_port(target, below=not downward))
    label = _label_corner(slots, chain, centre_y, link) if link.label_width else None
    return Route(points, label, back=is_back)


def _label_corner(
    slots: list[_Slot], chain: list[int], centre_y: Callable[[_Slot], float], link: Link
) -> tuple[float, float] | None:
    """Top-left corner of the label, in the chain's label slot."""
    for s in chain:
        slot = slots[s]
        if slot.height == link.label_height and slot.width >= link.label_width:
            return (slot.x - slot.width / 2 + 10, centre_y(slot) - link.label_height / 2)
    return None


def _port(node: Placed, below: bool) -> tuple[float, float]:
    return (node.x, node.y + node.height / 2 if below else node.y - node.height / 2)


def _spread_ports(routes: list[Route], links: Sequence[Link], nodes: list[Placed]) -> None:
    """Spread the ends that meet at one side of a step across its middle, in x order."""
    ends: dict[tuple[int, bool], list[tuple[float, int, int]]] = {}
    for index, (route, link) in enumerate(zip(routes, links, strict=True)):
        if route.loop:
            continue
        for end, node in ((0, link.source), (-1, link.target)):
            if route.jump and end == -1:
                continue
            point = route.points[end]
            side = point[1] > nodes[node].y  # True: bottom side
            neighbour = route.points[1 if end == 0 else -2]
            ends.setdefault((node, side), []).append((neighbour[0], index, end))
    for (node, _side), members in ends.items():
        if len(members) < 2:
            continue
        members.sort()
        box = nodes[node]
        span = box.width * 0.6
        for i, (_x, index, end) in enumerate(members):
            x = box.x - span / 2 + span * i / (len(members) - 1)
            y = routes[index].points[end][1]
            routes[index].points[end] = (x, y)
