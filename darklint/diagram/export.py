"""Flow graphs as Graphviz dot and Mermaid text, for people who draw with those tools.

Both are written from the same scenes as the SVG diagrams, so the highlighted paths and the
findings agree with the HTML report. Labels come from flow files anyone may edit and end up in
tools that render markup (Mermaid renders HTML labels; dot has escape sequences), so every
label is escaped for its target here, never pasted raw.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from darklint import __version__
from darklint.diagram.scene import Scene, SceneNode
from darklint.graph.build import resolve_target
from darklint.model import Action, Product

HIGHLIGHT = "#be123c"
#: A path shown only for contrast, as in the SVG diagrams.
COMPARED = "#1d4ed8"
#: Fill and border per channel, as in the SVG diagrams.
CHANNEL_COLOURS = {
    "web": ("#e0f2fe", "#0369a1"),
    "app": ("#ede9fe", "#6d28d9"),
    "email": ("#fef9c3", "#a16207"),
    "chat": ("#dcfce7", "#15803d"),
    "phone": ("#ffedd5", "#c2410c"),
    "sms": ("#fce7f3", "#9d174d"),
    "mail": ("#f1f5f9", "#475569"),
    "in_person": ("#f5f5f4", "#57534e"),
}
DEFAULT_COLOURS = ("#f3f4f6", "#4b5563")


def node_id(node: SceneNode) -> str:
    """A node's id in exports: ``flow.step``, unique in the product."""
    return f"{node.key[0]}.{node.key[1]}"


def _node_lines(node: SceneNode) -> list[str]:
    step = f"{node.key[0]} › {node.key[1]}" if node.external else node.key[1]
    lines = [step, node.meta]
    if node.findings:
        lines.append(" ".join(rule for _, rule in node.findings))
    return lines


def _drawn(scenes: Sequence[Scene]) -> set[str]:
    """Flows exported in full: a jump into one of them links to its real step."""
    return {scene.flow for scene in scenes}


# -- dot -------------------------------------------------------------------------------------


def dot_string(text: str) -> str:
    """A quoted dot string: backslashes and quotes escaped, line breaks as ``\\n``."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return f'"{text}"'


def to_dot(scenes: Sequence[Scene]) -> str:
    """One digraph: a cluster per flow; paths behind findings in red, drawn thicker."""
    product = scenes[0].product if scenes else ""
    drawn = _drawn(scenes)
    out = [
        f"// darklint {__version__}: {len(scenes)} flow(s) of {' '.join(product.split())}",
        "// Steps and actions on the path behind a finding are red (penwidth 3).",
        "digraph darklint {",
        f"  graph [rankdir=TB, fontname=Helvetica, labelloc=t, label={dot_string(product)}];",
        '  node [shape=box, style="rounded,filled", fontname=Helvetica, fontsize=11];',
        "  edge [fontname=Helvetica, fontsize=10];",
    ]
    externals: dict[str, SceneNode] = {}
    for number, scene in enumerate(scenes):
        out.append(f"  subgraph cluster_{number} {{")
        out.append(f"    label={dot_string(f'{scene.flow} ({scene.kind})')};")
        for node in scene.nodes:
            if node.external:
                if node.key[0] not in drawn:
                    externals.setdefault(node_id(node), node)
                continue
            out.append(f"    {_dot_node(node)}")
        out.append("  }")
    for node in externals.values():
        out.append(f"  {_dot_node(node)}")
    for scene in scenes:
        for edge in scene.edges:
            source, target = scene.nodes[edge.source], scene.nodes[edge.target]
            attrs = [f"label={dot_string(chr(10).join(edge.label))}"]
            if edge.highlighted:
                attrs += [f'color="{HIGHLIGHT}"', f'fontcolor="{HIGHLIGHT}"', "penwidth=3"]
            elif edge.compared:
                attrs += [f'color="{COMPARED}"', f'fontcolor="{COMPARED}"', "penwidth=2.5"]
            if edge.emphasis in ("link", "hidden"):
                attrs.append("style=dotted")
            line = f"{dot_string(node_id(source))} -> {dot_string(node_id(target))}"
            out.append(f"  {line} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _dot_node(node: SceneNode) -> str:
    fill, border = CHANNEL_COLOURS.get(node.channel, DEFAULT_COLOURS)
    attrs = [
        f"label={dot_string(chr(10).join(_node_lines(node)))}",
        f'fillcolor="{fill}"',
        f'color="{HIGHLIGHT if node.highlighted else COMPARED if node.compared else border}"',
    ]
    if node.highlighted:
        attrs.append("penwidth=3")
    elif node.compared:
        attrs.append("penwidth=2.5")
    if node.outcome is not None:
        attrs.append('style="rounded,filled,bold"')
    if node.external:
        attrs.append('style="rounded,dashed"')
    if node.text:
        attrs.append(f"tooltip={dot_string(node.text)}")
    return f"{dot_string(node_id(node))} [{', '.join(attrs)}];"


# -- Mermaid ---------------------------------------------------------------------------------

_MERMAID_ESCAPES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "`": "#96;",
    "|": "#124;",
}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ESCAPES)) + "]")


def mermaid_text(text: str) -> str:
    """Text for a quoted Mermaid label: markup and quote characters as entity codes."""
    text = " ".join(text.split())
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ESCAPES[m.group(0)], text)


def to_mermaid(scenes: Sequence[Scene], product: Product) -> str:
    """A Mermaid flowchart: a subgraph per flow; paths behind findings in the ``hl`` class.

    Arrows carry the exact action labels, and ``%% darklint:`` annotations carry every fact
    the drawing does not show (docs/mermaid.md), so ``darklint import mermaid`` reads the
    chart back into the same flows.
    """
    from darklint.flowdata import inline_yaml, to_data

    drawn = _drawn(scenes)
    ids: dict[str, str] = {}

    def mid(node: SceneNode) -> str:
        return ids.setdefault(node_id(node), f"n{len(ids)}")

    facts = {k: v for k, v in to_data(product).items() if k != "flows"}
    out = [
        "flowchart TD",
        f"  %% darklint {__version__}: {mermaid_text(product.product)}",
        "  %% Steps and actions on the path behind a finding are in class hl (red).",
        f"  %% darklint: product {inline_yaml(facts)}",
    ]
    classes: dict[str, list[str]] = {}
    externals: dict[str, SceneNode] = {}
    for number, scene in enumerate(scenes):
        flow = product.flows[scene.flow]
        out.append(f'  subgraph f{number}["{mermaid_text(f"{scene.flow} ({scene.kind})")}"]')
        flow_facts = {"id": flow.id, **{k: v for k, v in to_data(flow).items() if k != "steps"}}
        out.append(f"    %% darklint: flow f{number} {inline_yaml(flow_facts)}")
        for node in scene.nodes:
            if node.external:
                if node.key[0] not in drawn:
                    externals.setdefault(node_id(node), node)
                continue
            out.append(f"    {_mermaid_node(mid(node), node, classes)}")
            step = flow.steps[node.key[1]]
            step_facts = {"id": step.id, **{k: v for k, v in to_data(step).items()
                                            if k != "actions"}}  # fmt: skip
            out.append(f"    %% darklint: step {mid(node)} {inline_yaml(step_facts)}")
        out.append("  end")
    for node in externals.values():
        out.append(f"  {_mermaid_node(mid(node), node, classes)}")
        out.append(f"  %% darklint: step {mid(node)} {inline_yaml({'id': node_id(node)})}")
    highlighted_links = []
    link = 0
    for scene in scenes:
        actions = _drawn_actions(product, scene)
        for edge, action in zip(scene.edges, actions, strict=True):
            source, target = scene.nodes[edge.source], scene.nodes[edge.target]
            arrow = _MERMAID_ARROWS.get(action.emphasis, "-->")
            out.append(f'  {mid(source)} {arrow}|"{mermaid_text(action.label)}"| {mid(target)}')
            extra = {
                k: v
                for k, v in to_data(action).items()
                if k not in ("label", "to") and not (k == "emphasis" and v != "hidden")
            }
            if extra:
                out.append(f"  %% darklint: link {inline_yaml(extra)}")
            if edge.highlighted:
                highlighted_links.append(str(link))
            link += 1
    for channel, (fill, border) in CHANNEL_COLOURS.items():
        out.append(f"  classDef ch_{channel} fill:{fill},stroke:{border},color:#1f2937")
    out.append("  classDef ext stroke-dasharray:5 3")
    out.append(f"  classDef hl stroke:{HIGHLIGHT},stroke-width:3px")
    for name, members in classes.items():
        out.append(f"  class {','.join(members)} {name}")
    if highlighted_links:
        out.append(f"  linkStyle {','.join(highlighted_links)} stroke:{HIGHLIGHT},stroke-width:3px")
    return "\n".join(out) + "\n"


#: Arrows by emphasis, as ``darklint import mermaid`` reads them back.
_MERMAID_ARROWS = {"primary": "==>", "secondary": "-->", "link": "-.->", "hidden": "-.->"}


def _drawn_actions(product: Product, scene: Scene) -> list[Action]:
    """The actions behind a scene's edges, in the same order (dangling ones are not drawn)."""
    flow = product.flows[scene.flow]
    return [
        action
        for step in flow.steps.values()
        for action in step.actions
        if resolve_target(product, flow, action.to) is not None
    ]


def _mermaid_node(ident: str, node: SceneNode, classes: dict[str, list[str]]) -> str:
    label = "<br/>".join(mermaid_text(line) for line in _node_lines(node))
    channel = node.channel if node.channel in CHANNEL_COLOURS else "web"
    classes.setdefault(f"ch_{channel}", []).append(ident)
    if node.external:
        classes.setdefault("ext", []).append(ident)
    if node.highlighted:
        classes.setdefault("hl", []).append(ident)
    if node.outcome is not None:
        return f'{ident}(["{label}"])'
    return f'{ident}["{label}"]'
