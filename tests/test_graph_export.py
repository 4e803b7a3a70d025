"""``darklint graph`` and the layout behind every diagram.

dot and Mermaid output are checked for their shape (every line a statement of the language,
every edge between declared nodes, braces balanced outside strings, labels escaped), and dot
is handed to Graphviz when it is installed. The SVG is parsed as XML. The layout is checked
for what a reader needs: no two boxes or labels overlap, loops stay next to the steps they
join, a 500-step flow stays narrow, and the same input always draws the same way.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, ROOT

from darklint.cli import main
from darklint.diagram.export import dot_string, mermaid_text, to_dot, to_mermaid
from darklint.diagram.layout import LONG_SPAN, Box, Link, layered_layout
from darklint.diagram.scene import flow_scene, label_size
from darklint.graph import build_graph
from darklint.load import load_file, load_text

LOOPS = "tests/fixtures/diagram/loops.yaml"
HOSTILE = "<script>alert(1)</script>"
SVG = "{http://www.w3.org/2000/svg}"


def graph_cli(*args: str) -> tuple[int, str, str]:
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(main, ["graph", *args], catch_exceptions=False)
    finally:
        os.chdir(previous)
    return result.exit_code, result.stdout, result.stderr


# -- dot -------------------------------------------------------------------------------------

_DOT_ID = r'"(?:[^"\\]|\\.)*"'
_DOT_LINES = [
    re.compile(r"^// .*$"),
    re.compile(r"^digraph darklint \{$"),
    re.compile(r"^  (graph|node|edge) \[.*\];$"),
    re.compile(r"^  subgraph cluster_\d+ \{$"),
    re.compile(rf"^    label={_DOT_ID};$"),
    re.compile(rf"^ {{2,4}}{_DOT_ID} \[.*\];$"),
    re.compile(rf"^  {_DOT_ID} -> {_DOT_ID} \[.*\];$"),
    re.compile(r"^ {0,2}\}$"),
]


def strip_strings(text: str) -> str:
    return re.sub(_DOT_ID, '""', text)


def test_dot_has_the_shape_of_a_digraph():
    code, out, _ = graph_cli(LOOPS)
    assert code == 0
    lines = out.splitlines()
    for line in lines:
        assert any(p.match(line) for p in _DOT_LINES), line
    bare = strip_strings(out)
    assert bare.count("{") == bare.count("}")
    declared = set(re.findall(rf"^ {{2,4}}({_DOT_ID}) \[", out, re.M))
    edges = re.findall(rf"^  ({_DOT_ID}) -> ({_DOT_ID}) \[(.*)\];$", out, re.M)
    assert len(edges) == 12  # every action of the three flows
    for source, target, _ in edges:
        assert source in declared and target in declared
    # A jump into another flow goes to that flow's real step when the flow is exported too.
    assert ('"cancel.account"', '"support.queue"') in {(s, t) for s, t, _ in edges}
    highlighted = [e for e in edges if "penwidth=3" in e[2]]
    assert len(highlighted) >= 4  # the easiest cancel path, and the signup path DL205 shows
    # The hostile label is one quoted string, its quotes and backslashes escaped.
    assert f'label="{HOSTILE}"' in out


def test_dot_strings_escape_quotes_backslashes_and_newlines():
    assert dot_string('a "b" \\N\nc') == '"a \\"b\\" \\\\N\\nc"'
    text = 'x" -> "y'
    assert strip_strings(dot_string(text)) == '""'


def test_dot_of_one_flow_keeps_jumps_as_dashed_steps():
    code, out, _ = graph_cli(LOOPS, "--flow", "cancel", "--format", "dot")
    assert code == 0
    assert "cluster_1" not in out
    assert re.search(r'^  "support\.queue" \[.*style="rounded,dashed"', out, re.M)


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_graphviz_accepts_the_dot_of_every_example(tmp_path):
    for path in [*sorted(EXAMPLES.glob("*.yaml")), ROOT / LOOPS]:
        code, out, _ = graph_cli(str(path))
        assert code == 0, path
        result = subprocess.run(
            ["dot", "-Tsvg"], input=out, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, (path, result.stderr)
        assert "<svg" in result.stdout


# -- Mermaid ---------------------------------------------------------------------------------

_M_LABEL = r'"[^"<>`|]*"'
_MERMAID_LINES = [
    re.compile(r"^flowchart TD$"),
    re.compile(r"^ {2,4}%% .*$"),
    re.compile(rf"^  subgraph f\d+\[{_M_LABEL}\]$"),
    re.compile(r"^  end$"),
    re.compile(r"^ {2,4}n\d+(\[|\(\[)\"[^\"`|]*\"(\]|\]\))$"),
    re.compile(rf"^  n\d+ (-->|==>|-\.->)\|{_M_LABEL}\| n\d+$"),
    re.compile(r"^  classDef \w+ [\w:#,.\- ]+$"),
    re.compile(r"^  class n\d+(,n\d+)* \w+$"),
    re.compile(r"^  linkStyle \d+(,\d+)* [\w:#,.\- ]+$"),
]


def test_mermaid_has_the_shape_of_a_flowchart():
    code, out, _ = graph_cli(LOOPS, "-f", "mermaid")
    assert code == 0
    lines = out.splitlines()
    for line in lines:
        assert any(p.match(line) for p in _MERMAID_LINES), line
        # Markup only as Mermaid's own line break; the hostile label is entity-coded.
        assert "<" not in line.replace("<br/>", "")
    assert lines.count("  end") == sum(1 for line in lines if line.startswith("  subgraph"))
    declared = set(re.findall(r"^ {2,4}(n\d+)[\[(]", out, re.M))
    links = re.findall(r"^  (n\d+) (?:-\.?-|==)>\|.*\| (n\d+)$", out, re.M)
    assert len(links) == 12
    assert all(a in declared and b in declared for a, b in links)
    styled = re.search(r"^  linkStyle ([\d,]+) ", out, re.M)
    assert styled and all(int(i) < len(links) for i in styled.group(1).split(","))
    assert "#lt;script#gt;alert(1)#lt;/script#gt;" in out


def test_mermaid_text_escapes_what_mermaid_would_read():
    assert mermaid_text('a "b" <i>#quot;|`x`') == "a #quot;b#quot; #lt;i#gt;#35;quot;#124;#96;x#96;"
    assert mermaid_text("two\nlines") == "two lines"


# -- SVG and the command line ----------------------------------------------------------------


def test_svg_is_well_formed_with_titles_and_marked_paths(tmp_path):
    target = tmp_path / "loops.svg"
    code, out, _ = graph_cli(LOOPS, "-f", "svg", "-o", str(target))
    assert code == 0 and out == ""
    root = ET.parse(target).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text
    flows = root.findall(f"{SVG}svg")
    assert len(flows) == 3
    for flow in flows:
        assert flow.find(f"{SVG}title").text.startswith("Flow '")
        assert float(flow.get("width")) > 0 and float(flow.get("height")) > 0
    text = target.read_text(encoding="utf-8")
    assert "<script" not in text and "&lt;script&gt;" in text
    assert 'class="edge em-primary hl"' in text or 'class="edge em-secondary hl"' in text


def test_graph_command_errors_are_plain(tmp_path):
    code, _, err = graph_cli(LOOPS, "--flow", "nope")
    assert code == 2 and "no flow 'nope'" in err and "join, cancel, support" in err
    broken = tmp_path / "broken.yaml"
    broken.write_text("darklint: 1\nproduct: [\n", encoding="utf-8")
    code, _, err = graph_cli(str(broken))
    assert code == 2 and "could not be loaded" in err
    code, _, err = graph_cli(LOOPS, "-f", "png")
    assert code == 2


def test_graph_marks_the_same_findings_as_check():
    code, out, _ = graph_cli("examples/gym-membership.yaml", "-f", "mermaid")
    assert code == 0
    assert "DL101 DL102 DL105 DL304" in out
    code, out, _ = graph_cli("examples/gym-membership.yaml", "-f", "mermaid", "--no-findings")
    assert "DL101" not in out and "linkStyle" not in out


# -- layout ----------------------------------------------------------------------------------


def rectangles(scene) -> list[tuple[str, float, float, float, float]]:
    """Boxes and edge labels as (what, left, top, right, bottom)."""
    out = []
    for node, placed in zip(scene.nodes, scene.layout.nodes, strict=True):
        half_w, half_h = placed.width / 2, placed.height / 2
        out.append((f"step {node.key}", placed.x - half_w, placed.y - half_h,
                    placed.x + half_w, placed.y + half_h))  # fmt: skip
    for edge, route in zip(scene.edges, scene.layout.routes, strict=True):
        if route.label is None:
            continue
        lines = edge.jump if route.jump else edge.label
        width, height = label_size(lines)
        x, y = route.label
        out.append((f"label {lines[0]!r}", x, y, x + width - 14, y + height))
    return out


def overlaps(a, b) -> bool:
    return a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5 and a[2] < b[4] - 0.5 and b[2] < a[4] - 0.5


@pytest.mark.parametrize("path", [*sorted(EXAMPLES.glob("*.yaml")), ROOT / LOOPS], ids=str)
def test_boxes_and_labels_never_overlap(path):
    product = load_file(str(path)).product
    if product is None:
        pytest.skip("not a product")
    graph = build_graph(product)
    for flow in product.flows:
        scene = flow_scene(graph, flow)
        items = rectangles(scene)
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                assert not overlaps(a, b), (flow, a, b)


def maze(size: int, seed: int = 7) -> str:
    """A long cancel flow: a chain with save offers that loop back a few steps, and a
    'keep' that jumps to the end."""
    rng = random.Random(seed)
    lines = ["darklint: 1", "product: Maze", "flows:", "  cancel:", "    kind: cancel",
             "    start: s0", "    steps:"]  # fmt: skip
    for i in range(size):
        nxt = f"s{i + 1}" if i + 1 < size else "done"
        lines.append(f"      s{i}:")
        lines.append("        actions:")
        lines.append(f"          - {{label: Continue, to: {nxt}}}")
        if i % 7 == 3:
            lines.append(
                f"          - {{label: Tell me more, to: s{max(0, i - rng.randint(1, 6))}}}"
            )
            lines.append("          - {label: Keep my plan, to: kept}")
    lines += ["      done: {outcome: cancelled}", "      kept: {outcome: retained}"]
    return "\n".join(lines) + "\n"


def test_a_500_step_flow_stays_narrow_and_its_loops_local():
    product = load_text(maze(498), "maze.yaml").product
    assert product is not None
    scene = flow_scene(build_graph(product), "cancel")
    layout = scene.layout
    assert len(layout.nodes) == 500
    assert layout.width < 900  # no drift sideways along the chain
    rank_height = layout.height / 500
    for route in layout.routes:
        xs = [x for x, _ in route.points]
        ys = [y for _, y in route.points]
        assert max(xs) - min(xs) < 600
        assert max(ys) - min(ys) <= (LONG_SPAN + 1) * rank_height * 2.5
    jumps = [r for r in layout.routes if r.jump]
    assert jumps and all(len(r.points) == 2 for r in jumps)


def test_back_edges_go_up_beside_the_chain_and_the_start_is_on_top():
    boxes = [Box(100, 40) for _ in range(4)]
    links = [Link(0, 1, 60, 14), Link(1, 2, 60, 14), Link(2, 3, 60, 14), Link(2, 0, 60, 14)]
    layout = layered_layout(boxes, links, start=0)
    ys = [n.y for n in layout.nodes]
    assert ys == sorted(ys)  # the chain reads top to bottom from the start
    back = layout.routes[3]
    assert back.back and back.points[0][1] > back.points[-1][1]
    chain_x = layout.nodes[0].x
    assert all(abs(x - chain_x) < 250 for x, _ in back.points)


def test_layout_is_deterministic_and_handles_odd_graphs():
    text = maze(60)
    first = flow_scene(build_graph(load_text(text, "m.yaml").product), "cancel").layout
    second = flow_scene(build_graph(load_text(text, "m.yaml").product), "cancel").layout
    assert first == second
    assert layered_layout([], []).nodes == []
    lone = layered_layout([Box(50, 20)], [Link(0, 0, 40, 14)])
    assert lone.routes[0].loop and lone.width >= 50
    # Unreachable steps and parallel actions between the same steps.
    two = layered_layout([Box(50, 20)] * 3, [Link(0, 1), Link(0, 1, 30, 14)], start=0)
    assert two.routes[0].points != two.routes[1].points


def test_templates_ship_inside_the_package():
    """The wheel packages all of darklint/ (pyproject: hatch packages), templates included."""
    from importlib.resources import files

    templates = files("darklint") / "templates"
    names = {p.name for p in templates.iterdir()}
    assert {"report.html.j2", "report.css", "diagram.css", "_diagram.svg.j2"} <= names
    pyproject = Path(ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'packages = ["darklint"]' in pyproject


def test_diagram_module_is_exported_through_to_dot_and_to_mermaid():
    product = load_file(str(ROOT / LOOPS)).product
    scenes = [flow_scene(build_graph(product), f) for f in product.flows]
    assert to_dot(scenes).startswith("// darklint")
    assert to_mermaid(scenes, product).startswith("flowchart TD")
