"""What format 1.1 adds shows in every output: a fee's share or range in JSON and SARIF, a
disclosure's prominence and a confirmation in the diagrams, and written flow files (import,
recorder) that load back with every 1.1 fact."""

from __future__ import annotations

import json

from click.testing import CliRunner
from conftest import EXAMPLES, FIXTURES

from darklint.cli import main
from darklint.diagram.scene import flow_scene
from darklint.flowdata import dump_yaml, to_data
from darklint.graph import build_graph
from darklint.load import load_file, load_text

SPEC = FIXTURES / "core" / "format-11-spec.yaml"


def output(*args: str) -> str:
    return CliRunner().invoke(main, ["check", "--no-cache", *args]).output


def test_json_and_sarif_say_the_fee_as_people_read_it():
    path = str(EXAMPLES / "takeaway-service-fee.yaml")
    report = json.loads(output(path, "-f", "json"))
    messages = [f["message"] for f in report["findings"] if f["rule"] == "DL302"]
    assert any("'Service fee' (15% of the order)" in m for m in messages)
    assert any("'Delivery fee' (USD 1.99-5.99)" in m for m in messages)
    sarif = output(path, "-f", "sarif")
    assert "15% of the order" in sarif and "only in fine print at step 'menu'" in sarif


def test_diagrams_show_fine_print_and_confirmations():
    product = load_file(str(SPEC)).product
    graph = build_graph(product)
    signup = {n.key[1]: n for n in flow_scene(graph, "signup").nodes}
    assert signup["plans"].meta == (
        "screen · web · fine print: commitment · behind link: how to cancel"
    )
    cancel = {n.key[1]: n for n in flow_scene(graph, "cancel").nodes}
    assert cancel["done"].meta == "outcome: cancelled · confirmed by email"
    order = flow_scene(graph, "order")
    labels = " ".join(line for edge in order.edges for line in edge.label)  # lines wrap
    assert "fee: Service fee 15% of the order" in labels, labels
    assert "fee: Resort fee USD 9-95 per night" in labels, labels


def test_a_written_flow_file_loads_back_with_every_11_fact():
    product = load_file(str(SPEC)).product
    text = dump_yaml(to_data(product))
    assert "from: 09:00" in text or "from: '09:00'" in text  # the YAML key, not the field
    assert "- price\n" in text  # a clear disclosure is written as the plain word
    again = load_text(text, str(SPEC))
    assert again.problems == [] and again.product == product
