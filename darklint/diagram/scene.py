"""A flow as a picture describes it: boxes, arrows, labels, highlights, findings, positions.

The scene is the one description every output shares: the HTML report and ``darklint graph
--format svg`` draw it, the dot and Mermaid exports write it as text. Building it once keeps
them in agreement about what is highlighted and what a step is called.

A step's box shows its id, its kind and channel (channel also as colour), and the findings
attached to it; an outcome step is marked as one. An action that leads into another flow
ends at a dashed box naming that flow and step. The path behind each finding is highlighted:
the steps it passes and the actions it takes, matched by their labels. A path a finding shows
only for contrast (the signup a cancel path is measured against) is marked apart, as
``compared``, so it never reads as an offence; a step on both is marked as offending.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from darklint.classes import dataclass
from darklint.diagram.layout import Box, Layout, Link, layered_layout
from darklint.findings import COMPARISON, OFFENDING, Finding
from darklint.graph.build import Node, ProductGraph
from darklint.load.targets import resolve
from darklint.model import Action, Flow, Product, Step
from darklint.money import fee_money

#: Pixel sizes of the drawing; text widths are estimated from character counts, generously,
#: since the reader's fonts are unknown (an SVG cannot measure text without a script).
TITLE_SIZE = 13.0
SMALL_SIZE = 11.0
CHAR_EM = 0.62  # average advance of a character, in em, erring wide
LINE_GAP = 1.3
NODE_PAD_X = 12.0
NODE_PAD_Y = 8.0
MIN_NODE_WIDTH = 92.0
TITLE_CHARS = 24  # wrap step ids and labels at this many characters
LABEL_CHARS = 26
MAX_LINES = 3


@dataclass(frozen=True)
class SceneNode:
    """A box: a step of the flow, or a step of another flow that an action leads to."""

    key: Node
    title: tuple[str, ...]  # wrapped lines of the step id
    meta: str  # "retention_offer · phone" or "outcome: cancelled"
    channel: str
    kind: str
    outcome: str | None
    external: bool
    start: bool
    text: str  # the step's copy, shown as a tooltip
    findings: tuple[tuple[str, str], ...]  # (anchor, rule id) attached to this step
    highlighted: bool  # on the offending path of a finding
    compared: bool = False  # on a comparison path only


@dataclass(frozen=True)
class SceneEdge:
    """An arrow: an action from one box to another."""

    source: int
    target: int
    label: tuple[str, ...]  # wrapped label lines, fees on a line of their own
    jump: tuple[str, ...]  # the label when drawn as a jump: also names the far step
    emphasis: str
    by: str
    highlighted: bool  # taken on the offending path of a finding
    compared: bool = False  # taken on a comparison path only


@dataclass(frozen=True)
class Scene:
    """One flow, ready to draw or export."""

    product: str
    flow: str
    kind: str
    nodes: tuple[SceneNode, ...]
    edges: tuple[SceneEdge, ...]
    start: int
    layout: Layout

    @property
    def highlighted(self) -> bool:
        return any(n.highlighted for n in self.nodes)


def text_width(line: str, size: float) -> float:
    return len(line) * size * CHAR_EM


def wrap(text: str, width: int = TITLE_CHARS, max_lines: int = MAX_LINES) -> tuple[str, ...]:
    """Greedy word wrap that also breaks long ids at - and _; the last line gets an ellipsis."""
    words = text.replace("-", "-\u200b").replace("_", "_\u200b").split()
    pieces = [p for w in words for p in _split_long(w.split("\u200b"), width)]
    lines: list[str] = []
    current = ""
    for piece in pieces:
        glue = "" if current.endswith(("-", "_")) or not current else " "
        if current and len(current) + len(glue) + len(piece) > width:
            lines.append(current)
            current = piece
        else:
            current += glue + piece
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return tuple(lines) or ("",)


def _split_long(parts: Sequence[str], width: int) -> Iterable[str]:
    """The id parts of one word; a part longer than the width is cut into width pieces."""
    for index, part in enumerate(parts):
        piece = part
        while len(piece) > width:
            yield piece[:width]
            piece = piece[width:]
        if piece or index == 0:
            yield piece


def flow_scene(
    graph: ProductGraph,
    flow_id: str,
    findings: Sequence[tuple[str, Finding]] = (),
) -> Scene:
    """The scene of one flow; ``findings`` are (anchor, finding) pairs to attach and highlight."""
    return product_scenes(graph, [flow_id], findings)[0]


#: The steps and the actions (from, to, label) on some evidence paths.
Highlights = tuple[set[Node], set[tuple[Node, Node, str]]]


def product_scenes(
    graph: ProductGraph,
    flow_ids: Iterable[str],
    findings: Sequence[tuple[str, Finding]] = (),
) -> list[Scene]:
    """The scenes of several flows of one product, with the product's findings.

    The evidence paths are read once for all flows and each finding is attached to its own
    flow only, so drawing every flow costs the size of the product plus the findings: 4,000
    flows whose findings all run through one shared chain took 95 s when each flow re-read
    every finding's path.
    """
    highlights = (
        _highlights(f for _, f in findings),
        _highlights((f for _, f in findings), COMPARISON),
    )
    by_flow: dict[str | None, list[tuple[str, Finding]]] = {}
    for anchor, finding in findings:
        by_flow.setdefault(finding.flow, []).append((anchor, finding))
    return [_flow_scene(graph, f, by_flow.get(f, []), highlights) for f in flow_ids]


def _flow_scene(
    graph: ProductGraph,
    flow_id: str,
    findings: Sequence[tuple[str, Finding]],
    highlights: tuple[Highlights, Highlights],
) -> Scene:
    """One flow's scene, given the findings on that flow and every highlight (offending
    paths, compared paths)."""
    product = graph.product
    flow = product.flows[flow_id]
    (marked_nodes, marked_edges), (compared_nodes, compared_edges) = highlights
    attached: dict[Node, list[tuple[str, str]]] = {}
    for anchor, finding in findings:
        if finding.step in flow.steps:
            attached.setdefault((flow_id, finding.step), []).append((anchor, finding.rule_id))

    keys: list[Node] = [(flow_id, step_id) for step_id in flow.steps]
    index = {key: i for i, key in enumerate(keys)}
    edges: list[SceneEdge] = []
    for step in flow.steps.values():
        source = (flow_id, step.id)
        for action in step.actions:
            target = resolve(action.to, flow_id, graph.step_ids)
            if target is None:
                continue  # a dangling target is DL002's finding; nothing to draw to
            if target not in index:
                index[target] = len(keys)
                keys.append(target)
            label = _action_label(product, action)
            far = target[1] if target[0] == flow_id else f"{target[0]} › {target[1]}"
            edges.append(
                SceneEdge(
                    source=index[source],
                    target=index[target],
                    label=label,
                    jump=(*label, *wrap(f"→ {far}", LABEL_CHARS, 1)),
                    emphasis=action.emphasis,
                    by=action.by,
                    highlighted=(source, target, action.label) in marked_edges,
                    compared=(source, target, action.label) in compared_edges
                    and (source, target, action.label) not in marked_edges,
                )
            )
    nodes = tuple(
        _scene_node(
            graph,
            flow,
            key,
            tuple(attached.get(key, ())),
            key in marked_nodes,
            key in compared_nodes and key not in marked_nodes,
        )
        for key in keys
    )
    start = index.get((flow_id, flow.start), 0)
    layout = layered_layout(
        [_box(n) for n in nodes], [_link(e) for e in edges], start if nodes else 0
    )
    return Scene(product.product, flow_id, flow.kind, nodes, tuple(edges), start, layout)


def _highlights(
    findings: Iterable[Finding], role: str = OFFENDING
) -> tuple[set[Node], set[tuple[Node, Node, str]]]:
    """Steps and actions on the evidence paths of the findings that have this role."""
    nodes: set[Node] = set()
    edges: set[tuple[Node, Node, str]] = set()
    for finding in findings:
        for path in finding.paths:
            if path.role != role:
                continue
            nodes.update(path.nodes())
            for here, there in pairwise(path.steps):
                if here.action is not None:
                    edges.add(((here.flow, here.step), (there.flow, there.step), here.action))
    return nodes, edges


def _action_label(product: Product, action: Action) -> tuple[str, ...]:
    """The button text, who acts when it is not the customer, a hidden link, and any fees."""
    text = action.label if action.by == "customer" else f"{action.label} ({action.by})"
    if action.emphasis == "hidden":
        text += " (hidden)"
    lines = list(wrap(text, LABEL_CHARS))
    for fee in action.fees:
        lines += wrap(f"fee: {fee.name} {fee_money(product, fee)}", LABEL_CHARS, 2)
    return tuple(lines)


def _by(channel: str | None) -> str:
    return f" by {channel.replace('_', ' ')}" if channel else ""


def _unclear_disclosures(step: Step) -> list[str]:
    """'fine print: commitment, cancellation fee': facts shown here, but not clearly (format
    1.1), so a reader of the diagram sees where the small print is."""
    by_prominence: dict[str, list[str]] = {}
    for disclosure in step.discloses:
        if not disclosure.clear:
            words = disclosure.fact.replace("_", " ")
            by_prominence.setdefault(disclosure.prominence.replace("_", " "), []).append(words)
    return [f"{how}: {', '.join(facts)}" for how, facts in by_prominence.items()]


def _scene_node(
    graph: ProductGraph,
    flow: Flow,
    key: Node,
    attached: tuple[tuple[str, str], ...],
    highlighted: bool,
    compared: bool,
) -> SceneNode:
    other = graph.product.flows[key[0]]
    step = other.steps[key[1]]
    external = key[0] != flow.id
    channel = graph.product.channel_of(other, step)
    if step.outcome is not None:
        meta = f"outcome: {step.outcome}"
        if step.confirmation is not None:
            meta += f" · confirmed{_by(step.confirmation.channel)}"
    else:
        meta = f"{step.kind.replace('_', ' ')} · {channel.replace('_', ' ')}"
        meta += "".join(f" · {part}" for part in _unclear_disclosures(step))
    title = wrap(f"{key[0]} › {key[1]}" if external else key[1])
    return SceneNode(
        key=key,
        title=title,
        meta=meta,
        channel=channel,
        kind=step.kind,
        outcome=step.outcome,
        external=external,
        start=not external and key[1] == flow.start,
        text=step.text or "",
        findings=attached,
        highlighted=highlighted,
        compared=compared,
    )


def finding_line(node: SceneNode) -> str:
    """The rule ids attached to a box, as one line."""
    return " ".join(rule for _, rule in node.findings)


def node_size(node: SceneNode) -> tuple[float, float]:
    lines = [text_width(line, TITLE_SIZE) for line in node.title]
    lines.append(text_width(node.meta, SMALL_SIZE))
    count = len(node.title) * TITLE_SIZE + SMALL_SIZE
    if node.findings:
        lines.append(text_width(finding_line(node), SMALL_SIZE))
        count += SMALL_SIZE
    width = max(MIN_NODE_WIDTH, max(lines) + 2 * NODE_PAD_X)
    height = count * LINE_GAP + 2 * NODE_PAD_Y
    return width, height


def label_size(lines: Sequence[str]) -> tuple[float, float]:
    """Size of an edge label's box, with room on its left for the line that passes by."""
    if not lines:
        return 0.0, 0.0
    width = max(text_width(line, SMALL_SIZE) for line in lines) + 14
    return width, len(lines) * SMALL_SIZE * LINE_GAP + 4


def _box(node: SceneNode) -> Box:
    return Box(*node_size(node))


def _link(edge: SceneEdge) -> Link:
    width, height = label_size(edge.label)
    jump_width, jump_height = label_size(edge.jump)
    return Link(edge.source, edge.target, width, height, jump_width, jump_height)
