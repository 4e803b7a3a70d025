"""``darklint import mermaid``: flowcharts read exactly, or refused at their position.

The round trip is the contract: ``darklint graph --format mermaid`` of every example (with
its findings highlighted) imports back to the same product. Hand-written charts, in a
``.mmd`` file or in Markdown, import and lint; every construct outside the documented subset
is refused with the file, line and column where it is written.
"""

from __future__ import annotations

import dataclasses
import os

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, FIXTURES, ROOT, lint

from darklint.cli import main
from darklint.flowdata import dump_yaml
from darklint.importers.mermaid import decode, import_mermaid
from darklint.load import load_file, load_text

MERMAID = FIXTURES / "mermaid"


def cli(*args: str):
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)


def imported(text: str, path: str = "chart.mmd"):
    result = import_mermaid(text, path)
    assert result.problems == [], result.problems
    loaded = load_text(dump_yaml(result.data), path)
    assert loaded.problems == [], loaded.problems
    return loaded.product


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_graph_mermaid_of_every_example_imports_back_to_the_same_flows(example):
    result = cli("graph", str(example), "-f", "mermaid")
    assert result.exit_code == 0
    original = load_file(str(example)).product
    product = imported(result.stdout, str(example))
    assert dataclasses.replace(product, path=original.path) == original


def test_round_trip_keeps_provenance_of_recorded_files():
    recorded = FIXTURES / "recorded" / "streaming.yaml"
    out = cli("graph", str(recorded), "-f", "mermaid").stdout
    assert imported(out, str(recorded)) == load_file(str(recorded)).product


def test_round_trip_keeps_jumps_hostile_labels_and_partial_exports(tmp_path):
    loops = ROOT / "tests/fixtures/diagram/loops.yaml"
    original = load_file(str(loops)).product
    out = cli("graph", str(loops), "-f", "mermaid").stdout
    assert imported(out, str(loops)) == dataclasses.replace(original, path=str(loops))
    # One flow exported alone: a jump into a flow not drawn stays a 'flow.step' target.
    out = cli("graph", str(loops), "-f", "mermaid", "--flow", "cancel").stdout
    product = imported(out)
    assert list(product.flows) == ["cancel"]
    assert product.flows["cancel"] == original.flows["cancel"]


def test_a_hand_written_chart_imports_and_lints(tmp_path):
    target = tmp_path / "cancel.yaml"
    result = cli("import", "mermaid", str(MERMAID / "streaming-cancel.mmd"), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    product = load_file(str(target)).product
    offer = product.flows["cancel"].steps["offer"]
    assert offer.kind == "retention_offer"
    assert [(a.label, a.emphasis) for a in offer.actions] == [
        ("Keep my discount", "primary"),
        ("No thanks, I don't like saving money", "link"),
    ]
    phone = product.flows["cancel"].steps["phone"]
    assert (phone.kind, phone.channel, phone.wait_minutes, phone.hours) == (
        "agent", "phone", 25, "business")  # fmt: skip
    assert phone.actions[0].by == "business"
    report = lint(target, _catalog())
    rules = {f.rule_id for f in report.findings}
    assert {"DL106", "DL108", "DL501"} <= rules
    assert cli("check", str(target), "--fail-on", "warning").exit_code == 1


def _catalog():
    from darklint.catalog import load_rules

    return load_rules()


def test_markdown_blocks_merge_into_one_product_and_other_diagrams_are_left_alone():
    product = imported((MERMAID / "flows.md").read_text(encoding="utf-8"), "flows.md")
    assert product.product == "Acme Stream"
    assert list(product.flows) == ["signup", "cancel"]
    signup = product.flows["signup"]
    assert signup.start == "landing"
    assert signup.steps["pay"].kind == "payment"
    assert signup.steps["member"].outcome == "subscribed"
    assert product.flows["cancel"].steps["done"].outcome == "cancelled"


def test_problems_in_markdown_are_located_in_the_markdown_file():
    text = "# Doc\n\n```mermaid\nflowchart TD\n  a -->|go| b\n  %% darklint: step b {knd: agent}\n```\n"
    result = import_mermaid(text, "doc.md")
    assert [(m.split(";")[0], str(loc)) for m, loc in result.problems] == [
        ("unknown key 'knd' in step 'b'", "doc.md:6:24"),
        ("flow 'flow' is missing the required key 'kind'", "doc.md:5:3"),
    ]
    assert "did you mean 'kind'?" in result.problems[0][0]


@pytest.mark.parametrize(
    ("chart", "where", "words"),
    [
        ("sequenceDiagram\n  A->>B: hi", "1:1", "starts with 'flowchart TD'"),
        ("flowchart TD\n  a --- b", "2:5", "'---' is not an arrow"),
        ("flowchart TD\n  a <--> b", "2:5", "'<--' is not an arrow"),
        ("flowchart TD\n  a --o b", "2:5", "'--o' is not an arrow"),
        ("flowchart TD\n  a@{ shape: rect }", "2:4", "'id@{ shape"),
        ("flowchart TD\n  a[one [two]] --> b", "2:5", "must be quoted"),
        ("flowchart TD\n  a --> b", "2:3", "has no label"),
        ("flowchart TD\n  subgraph s\n  a -->|x| b\n", "2:12", "never closed"),
        ("flowchart TD\n  end", "2:3", "'end' without a subgraph"),
        ("flowchart TD\n  click a call x()", "2:3", "'click'"),
        ("flowchart TD\n  a -->|x| call", "2:12", "Mermaid keyword"),
        ("flowchart TD\n  subgraph s\n    subgraph t\n    end\n  end", "3:5", "nested"),
        ("flowchart TD\n  a -->|x| b\n  %% darklint: nope {}", "3:16", "names what it is about"),
        ("flowchart TD\n  a -->|x| b\n  %% darklint: step a kind", "3:23", "YAML flow mapping"),
        ("flowchart TD\n  a -->|x| b\n  %% darklint: step z {}", "3:16", "no node has that id"),
        ("flowchart TD\n  a -->|x| b & c\n  %% darklint: link {by: system}", "3:16", "has 2"),
        (
            "flowchart TD\n  a -->|x| b\n  %% darklint: step a {kind: !!python/object:os.system x}",
            "3:30",
            "would construct an object",
        ),
        (
            "flowchart TD\n  a -->|x| b\n  %% darklint: link {emphasis: primary}",
            "3:32",
            "draws emphasis 'secondary'",
        ),
        (
            "flowchart TD\n  a -->|x| b\n  %% darklint: step a {actions: []}",
            "3:24",
            "'actions' cannot be annotated",
        ),
        (
            "flowchart TD\n  subgraph s\n    a -->|x| b\n  end\n  subgraph t\n    b\n  end",
            "6:5",
            "already in subgraph 's'",
        ),
        (
            "flowchart TD\n  subgraph s\n    a -->|x| b\n  end\n  c -->|y| a",
            "5:3",
            "outside every subgraph",
        ),
        (
            "flowchart TD\n  a:::agent -->|x| b\n  %% darklint: step a {kind: survey}",
            "2:7",
            "class 'agent' says kind 'agent'",
        ),
    ],
)
def test_what_is_outside_the_subset_is_refused_where_it_is_written(chart, where, words):
    result = import_mermaid(chart, "c.mmd")
    assert result.data is None
    assert any(words in m and str(loc) == f"c.mmd:{where}" for m, loc in result.problems), (
        result.problems
    )


def test_the_command_writes_nothing_when_the_chart_is_refused(tmp_path):
    chart = tmp_path / "bad.mmd"
    chart.write_text("flowchart TD\n  a --> b\n", encoding="utf-8")
    target = tmp_path / "out.yaml"
    result = cli("import", "mermaid", str(chart), "-o", str(target))
    assert result.exit_code == 2
    assert f"{chart}:2:3: the arrow from 'a' to 'b' has no label" in result.stderr
    assert not target.exists()
    assert cli("import", "mermaid", str(tmp_path / "missing.mmd")).exit_code == 2


def test_labels_decode_mermaid_entity_codes():
    assert decode("a #quot;b#quot; #35;1 #lt;i#gt; #124; x<br/>y") == 'a "b" #1 <i> | x y'
    assert decode("#unknownentity; #99999999;") == "#unknownentity; #99999999;"


def test_arrow_shapes_and_text_labels():
    chart = (
        "graph LR\n"
        "  a[Start] -- Go on --> b(Next)\n"
        "  b == Buy now ==> c{{Pay}}\n"
        "  b -. Not now .-> d([Left])\n"
        '  c -->|"Pay #quot;now#quot;"| e[[Done]]\n'
        "  %% darklint: flow main {kind: purchase}\n"
        "  class d abandoned\n  class e purchased\n"
    )
    product = imported(chart)
    flow = product.flows["main"]
    assert [(a.label, a.emphasis) for a in flow.steps["b"].actions] == [
        ("Buy now", "primary"),
        ("Not now", "link"),
    ]
    assert flow.steps["a"].actions[0].label == "Go on"
    assert flow.steps["c"].actions[0].label == 'Pay "now"'


def test_an_ampersand_explosion_is_refused_not_expanded():
    left = " & ".join(f"a{i}" for i in range(400))
    right = " & ".join(f"b{i}" for i in range(400))  # 160,000 arrows from 800 names
    result = import_mermaid(f"flowchart TD\n  {left} -->|x| {right}\n", "c.mmd")
    [(message, location)] = result.problems
    assert "more than 100,000 arrows" in message and str(location) == "c.mmd:2:3"


def test_worded_arrows_over_long_runs_of_dashes_are_read_in_linear_time():
    # A pattern would backtrack over the dashes; the search is one pass per arrow.
    result = import_mermaid("flowchart TD\n  a -- " + "-" * 200_000 + "\n", "c.mmd")
    assert result.data is None and "expected an arrow" in result.problems[0][0]
    product = imported("flowchart TD\n  %% darklint: flow f {kind: other}\n  a -- go on ---> b\n")
    assert product.flows["f"].steps["a"].actions[0].label == "go on"
