"""Draw a scene as SVG, through a jinja2 template with autoescaping.

Labels come from flow files that anyone may edit, so no text is ever pasted into markup by
hand: geometry is computed here as numbers, and every string reaches the SVG through the
template's autoescaping. The same template draws the diagrams inside the HTML report (styled
by the page) and the standalone files of ``darklint graph --format svg`` (with the diagram's
stylesheet inside the SVG).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from darklint.classes import dataclass
from darklint.diagram.layout import Route
from darklint.diagram.scene import (
    LINE_GAP,
    NODE_PAD_Y,
    SMALL_SIZE,
    TITLE_SIZE,
    Scene,
    SceneEdge,
    SceneNode,
    label_size,
)
from darklint.words import plural

#: Room around the drawing; more at the top for the start marker.
MARGIN = 14.0
MARGIN_TOP = 26.0
CHANNELS = ("web", "app", "email", "chat", "phone", "sms", "mail", "in_person")
_CLASS_SAFE = re.compile(r"[^a-z0-9_-]")


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The templates of darklint/templates, autoescaped whatever their file name."""
    env = Environment(
        loader=PackageLoader("darklint", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["plural"] = plural
    return env


@dataclass(frozen=True)
class TextLine:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class NodeView:
    """A box as drawn: position, classes, lines of text, tooltip and finding links."""

    id: str
    x: float
    y: float
    width: float
    height: float
    radius: float
    classes: str
    title: str
    lines: tuple[TextLine, ...]
    meta: TextLine
    rules: TextLine | None
    links: tuple[tuple[str, str], ...]  # (anchor, rule id)
    start: bool


@dataclass(frozen=True)
class EdgeView:
    """An arrow as drawn: its path, classes, label lines and tooltip."""

    d: str
    classes: str
    marker: str
    title: str
    label: tuple[TextLine, ...]
    label_box: tuple[float, float, float, float] | None  # x, y, width, height


@dataclass(frozen=True)
class DiagramView:
    uid: str
    width: float
    height: float
    title: str
    description: str
    nodes: tuple[NodeView, ...]
    edges: tuple[EdgeView, ...]
    markers: tuple[tuple[str, str], ...] = ()  # (id, classes) of the arrowheads used

    @property
    def styles(self) -> frozenset[str]:
        """Every class that styles a box or an arrow here: what the legend must explain."""
        return frozenset(
            name
            for item in (*self.nodes, *self.edges)
            for name in item.classes.split()
            if name not in ("node", "edge")
        )


def marker_name(role: str, back: bool) -> str:
    """The id suffix of an arrowhead: 'arrow', 'arrow-hl', 'arrow-cmp-back'..."""
    return "-".join(["arrow", *([role] if role else []), *(["back"] if back else [])])


#: Arrowheads as (id suffix, classes). A loop back to an earlier step ends in an open head, so
#: its line keeps the pattern that says how prominent the action is; colour gives the path.
MARKERS = tuple(
    (marker_name(role, back), " ".join(c for c in ("arrow", role, "back" if back else "") if c))
    for role in ("", "hl", "cmp")
    for back in (False, True)
)


def css_class(value: str) -> str:
    return _CLASS_SAFE.sub("-", value.lower())


def diagram_view(scene: Scene, uid: str) -> DiagramView:
    """Everything the template needs, positioned."""
    layout = scene.layout
    dx, dy = MARGIN, MARGIN_TOP
    nodes = tuple(
        _node_view(node, placed, dx, dy, f"{uid}-n{i}")
        for i, (node, placed) in enumerate(zip(scene.nodes, layout.nodes, strict=True))
    )
    edges = tuple(
        _edge_view(edge, route, scene, dx, dy, uid)
        for edge, route in zip(scene.edges, layout.routes, strict=True)
    )
    marked = sum(1 for n in scene.nodes if n.highlighted)
    findings = sum(len(n.findings) for n in scene.nodes)
    description = (
        f"{plural(len(scene.nodes), 'step')} and {plural(len(scene.edges), 'action')} drawn "
        f"top to bottom from the start step "
        f"'{scene.nodes[scene.start].key[1] if scene.nodes else ''}'; "
        f"{plural(marked, 'step')} on the path of a finding; "
        f"{plural(findings, 'finding')} attached to steps."
    )
    return DiagramView(
        uid=uid,
        width=round(layout.width + 2 * MARGIN + 40, 1),
        height=round(layout.height + MARGIN + MARGIN_TOP, 1),
        title=f"Flow '{scene.flow}' ({scene.kind}) of {scene.product}",
        description=description,
        nodes=nodes,
        edges=edges,
        markers=tuple(
            (f"{uid}-{name}", classes)
            for name, classes in MARKERS
            if any(e.marker == f"{uid}-{name}" for e in edges)
        ),
    )


def _node_view(node: SceneNode, placed, dx: float, dy: float, node_id: str) -> NodeView:
    x, y = placed.x - placed.width / 2 + dx, placed.y - placed.height / 2 + dy
    cx = placed.x + dx
    baseline = y + NODE_PAD_Y + TITLE_SIZE
    lines = []
    for line in node.title:
        lines.append(TextLine(cx, round(baseline, 1), line))
        baseline += TITLE_SIZE * LINE_GAP
    baseline += SMALL_SIZE * (LINE_GAP - 1) - (TITLE_SIZE - SMALL_SIZE) * 0.3
    meta = TextLine(cx, round(baseline, 1), node.meta)
    rules = None
    if node.findings:
        baseline += SMALL_SIZE * LINE_GAP
        rules = TextLine(cx, round(baseline, 1), "")
    classes = ["node", f"ch-{css_class(node.channel)}"]
    classes += [
        name
        for name, on in (
            ("hl", node.highlighted),
            ("cmp", node.compared),
            ("outcome", node.outcome is not None),
            ("external", node.external),
            ("start", node.start),
            ("flagged", bool(node.findings)),
        )
        if on
    ]
    step = f"{node.key[0]} › {node.key[1]}" if node.external else node.key[1]
    title = f"{step} ({node.meta})" + (f": {node.text}" if node.text else "")
    if node.findings:
        title += " — findings: " + ", ".join(rule for _, rule in node.findings)
    return NodeView(
        id=node_id,
        x=round(x, 1),
        y=round(y, 1),
        width=round(placed.width, 1),
        height=round(placed.height, 1),
        radius=round(placed.height / 2, 1) if node.outcome else 6.0,
        classes=" ".join(classes),
        title=title,
        lines=tuple(lines),
        meta=meta,
        rules=rules,
        links=node.findings,
        start=node.start,
    )


def _edge_view(
    edge: SceneEdge, route: Route, scene: Scene, dx: float, dy: float, uid: str
) -> EdgeView:
    points = [(x + dx, y + dy) for x, y in route.points]
    classes = ["edge", f"em-{css_class(edge.emphasis)}"]
    role = "hl" if edge.highlighted else "cmp" if edge.compared else ""
    classes += [
        n for n, on in ((role, bool(role)), ("back", route.back), ("jump", route.jump)) if on
    ]
    lines_text: Sequence[str] = edge.jump if route.jump else edge.label
    label: tuple[TextLine, ...] = ()
    box = None
    if route.label is not None and lines_text:
        lx, ly = route.label[0] + dx, route.label[1] + dy
        label = tuple(
            TextLine(round(lx, 1), round(ly + 2 + SMALL_SIZE * (i * LINE_GAP + 1), 1), line)
            for i, line in enumerate(lines_text)
        )
        width, height = label_size(lines_text)  # includes room for the passing line
        box = (round(lx - 2, 1), round(ly, 1), round(width - 10, 1), round(height, 1))
    source, target = scene.nodes[edge.source], scene.nodes[edge.target]
    title = f"{source.key[1]} → {target.key[1]}: " + " ".join(edge.label)
    return EdgeView(
        d=_path(points, route),
        classes=" ".join(classes),
        marker=f"{uid}-{marker_name(role, route.back)}",
        title=title,
        label=label,
        label_box=box,
    )


def _path(points: list[tuple[float, float]], route: Route) -> str:
    """SVG path data: smooth vertical curves through the points; a loop bulges right."""
    (x0, y0), *rest = points
    parts = [f"M{x0:.1f},{y0:.1f}"]
    if route.loop:
        (xm, _), (x1, y1) = rest
        parts.append(f"C{xm:.1f},{y0 - 6:.1f} {xm:.1f},{y1 + 6:.1f} {x1:.1f},{y1:.1f}")
        return " ".join(parts)
    if route.jump:
        (x1, y1) = rest[0]
        parts.append(f"L{x1:.1f},{y1:.1f}")
        return " ".join(parts)
    for x1, y1 in rest:
        mid = (y0 + y1) / 2
        parts.append(f"C{x0:.1f},{mid:.1f} {x1:.1f},{mid:.1f} {x1:.1f},{y1:.1f}")
        x0, y0 = x1, y1
    return " ".join(parts)


def render_svg(scene: Scene, uid: str = "d0", standalone: bool = False) -> str:
    """One flow as SVG; ``standalone`` adds the XML namespace and the diagram's stylesheet."""
    template = environment().get_template("diagram.svg.j2")
    return template.render(
        view=diagram_view(scene, uid),
        standalone=standalone,
        css=diagram_css() if standalone else "",
    )


def render_svg_document(scenes: Sequence[Scene]) -> str:
    """Several flows stacked in one standalone SVG file (``darklint graph --format svg``)."""
    views = []
    y = 0.0
    for index, scene in enumerate(scenes):
        view = diagram_view(scene, f"d{index}")
        views.append((y, view))
        y += view.height + 24
    width = max((v.width for _, v in views), default=0.0)
    template = environment().get_template("diagrams.svg.j2")
    return template.render(views=views, width=width, height=y, css=diagram_css())


@lru_cache(maxsize=1)
def diagram_css() -> str:
    """The diagram's stylesheet (also part of the report's)."""
    return environment().loader.get_source(environment(), "diagram.css")[0]  # type: ignore[union-attr]
