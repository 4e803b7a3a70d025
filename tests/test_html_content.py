"""What the HTML report says, checked on the page's text and data (the browser tests in
test_html_report.py check what a reader sees): the legend explains exactly the styles drawn,
comparison paths are not drawn as offences, counts read as English, products come failing
first, and the evidence bundle beside the report lets a second person get the same findings.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import typing
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT

from darklint.catalog import load_rules
from darklint.cli import main
from darklint.diagram.legend import ENTRIES, legend
from darklint.diagram.scene import flow_scene
from darklint.diagram.svg import MARKERS, diagram_view
from darklint.engine import LintOptions, lint_file, select_rules
from darklint.findings import SEVERITY_RANK
from darklint.graph import build_graph
from darklint.load import load_file
from darklint.model import Channel, Emphasis
from darklint.report.evidence import bundle_path

EPOCH = "1767225600"


def run_cli(args: list[str], cwd: Path = ROOT) -> int:
    previous = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, catch_exceptions=False).exit_code
    finally:
        os.chdir(previous)


@pytest.fixture(scope="module")
def examples_report(tmp_path_factory) -> tuple[str, dict, dict]:
    """The examples' HTML report, its evidence bundle and the JSON report of the same run."""
    out = tmp_path_factory.mktemp("content")
    html, data = out / "report.html", out / "report.json"
    assert run_cli(["check", "examples", "-q", "-f", f"html:{html}", "-f", f"json:{data}"]) == 1
    bundle = json.loads(Path(bundle_path(str(html))).read_text(encoding="utf-8"))
    return html.read_text(encoding="utf-8"), bundle, json.loads(data.read_text("utf-8"))


# -- the legend ---------------------------------------------------------------------------------


def test_every_style_the_drawing_can_use_has_a_legend_entry():
    """Channels and emphases of the flow format, and every role, shape and mark class."""
    styles = {entry.style for entry in ENTRIES}
    assert {f"ch-{c}" for c in typing.get_args(Channel)} <= styles
    assert {f"em-{e}" for e in typing.get_args(Emphasis)} <= styles
    assert {"hl", "cmp", "back", "jump", "outcome", "external", "start", "flagged"} <= styles
    marker_classes = {c for _, classes in MARKERS for c in classes.split()} - {"arrow"}
    assert marker_classes <= styles
    with pytest.raises(KeyError, match="no legend entry for diagram styles: em-blink"):
        legend(["em-link", "em-blink"])


def test_the_legend_lists_exactly_the_styles_of_the_reports_diagrams(examples_report):
    html, _, _ = examples_report
    drawn = set()
    for classes in re.findall(
        r'<g class="((?:node|edge) [^"]*)"', html[html.index('id="failing"') :]
    ):
        drawn |= set(classes.split()) - {"node", "edge"}
    legend_block = html[html.index('id="legend"') : html.index('id="failing"')]
    listed = re.findall(r'<li data-style="([^"]+)">', legend_block)
    assert len(listed) == len(set(listed))
    assert set(listed) == drawn
    assert "em-link" in drawn and "back" in drawn and "cmp" in drawn


def test_links_hidden_actions_and_loops_are_drawn_differently():
    """Each line style has its own stroke, so a link never passes for a loop."""
    css = (ROOT / "darklint" / "templates" / "diagram.css").read_text(encoding="utf-8")

    def dash(selector: str) -> str:
        match = re.search(re.escape(selector) + r" path \{[^}]*stroke-dasharray: ([^;]+);", css)
        return match.group(1) if match else "solid"

    patterns = [dash(f".edge.{name}") for name in ("em-link", "em-hidden", "em-secondary")]
    assert len(set(patterns)) == 3
    assert dash(".edge.back") == "solid"  # a loop is told by its open arrowhead instead
    assert re.search(r"\.arrow\.back path \{[^}]*fill: #ffffff", css)


# -- comparison paths -----------------------------------------------------------------------


def test_a_comparison_path_is_marked_apart_from_the_offending_one():
    """Streamly: DL101 compares the cancel path with the signup path. The signup flow has no
    finding; its steps are drawn as compared, never as offending."""
    rules = load_rules()
    options = LintOptions(tuple(select_rules(rules)), tuple(rules))
    path = ROOT / "examples" / "streaming-phone-cancel.yaml"
    findings = lint_file(str(path), options).findings
    dl101 = next(f for f in findings if f.rule_id == "DL101")
    assert [p.role for p in dl101.paths] == ["comparison", "offending"]
    product = load_file(str(path)).product
    graph = build_graph(product)
    pairs = [(f"f{i}", f) for i, f in enumerate(findings)]
    signup = flow_scene(graph, "signup", pairs)
    assert any(n.compared for n in signup.nodes)
    assert not any(n.highlighted for n in signup.nodes)
    assert all(not e.highlighted for e in signup.edges)
    view = diagram_view(signup, "t")
    assert "cmp" in view.styles and "hl" not in view.styles
    cancel = flow_scene(graph, "cancel", pairs)
    assert any(n.highlighted for n in cancel.nodes)


def test_evidence_tables_name_each_paths_role(examples_report):
    html, _, _ = examples_report
    assert '<table class="path offending">' in html
    assert '<table class="path comparison">' in html
    assert "shows a comparison path" in html  # the signup flow's caption says why it is marked


# -- words and order --------------------------------------------------------------------------


class _Text(HTMLParser):
    """The report's own words: text outside the diagrams (whose labels are the flows')."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.in_svg = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.in_svg += tag == "svg"

    def handle_endtag(self, tag: str) -> None:
        self.in_svg -= tag == "svg"

    def handle_data(self, data: str) -> None:
        if not self.in_svg:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_counts_are_english(examples_report):
    text = page_text(examples_report[0])
    nouns = "findings|steps|flows|products|errors|warnings|files|facts"
    assert not re.search(rf"(?<![\d.])1 ({nouns})\b", text)
    assert re.search(r"(?<![\d.])1 finding\b", text)
    assert not re.search(r"\b([02-9]|\d\d+) (finding|step|product|error|warning)\b(?!s)", text)


def test_failing_products_come_first_by_severity_then_the_clean_ones(examples_report):
    html, _, data = examples_report
    failing = html[html.index('id="failing"') : html.index('id="clean"')]
    names = re.findall(r'<h3 id="p\d+-h">([^<]+?) <span class="counts">', failing)
    per_product: dict[str, list[int]] = {}
    for finding in data["findings"]:
        counts = per_product.setdefault(finding["product"], [0, 0, 0])
        counts[2 - SEVERITY_RANK[finding["severity"]]] += 1
    assert sorted(names) == sorted(per_product)
    order = [tuple(-c for c in per_product[name]) for name in names]
    assert order == sorted(order)
    clean = html[html.index('id="clean"') :]
    assert '<details class="product clean-product"' in clean and "<details open" not in clean


def test_reproducibility_is_a_readable_list(examples_report):
    html, _, _ = examples_report
    block = html[html.index('id="reproducibility"') :]
    text = page_text(block)
    assert text.count("Fails on") == 1 and "fail on" not in text
    assert "null" not in text and "[" not in text
    assert "rules run" not in text.lower().replace("rules run (", "")
    ids = re.findall(r"<li>(DL\d{3})</li>", block)
    assert ids and ids == sorted(ids)


def test_money_in_diagrams_reads_as_in_messages(examples_report):
    html, _, _ = examples_report
    assert "fee: Booking fee EUR 9.50" in html
    assert not re.search(r"\b\d+(\.\d+)? (EUR|USD|GBP)\b", html)


# -- evidence ----------------------------------------------------------------------------------


def test_each_finding_shows_its_provenance_and_the_inputs_sha256(examples_report):
    html, _, data = examples_report
    cards = re.findall(r'<article class="finding[^"]*" id="f\d+">.*?</article>', html, re.S)
    assert len(cards) == len(data["findings"])
    for card in cards:
        where = re.search(r'at <span class="mono">([^:<]+):', card).group(1)
        digest = hashlib.sha256((ROOT / where).read_bytes()).hexdigest()
        assert digest in card
        assert "nothing in this flow file was recorded from the running product" in card


def test_a_recorded_flow_shows_what_was_observed_and_what_declared(tmp_path):
    """A flow written by the recorder: each finding names the observed and the declared facts
    of its evidence, and each step of its evidence paths says which it is."""
    html, bundle = tmp_path / "rec.html", tmp_path / "rec.evidence.json"
    assert (
        run_cli(["check", "tests/fixtures/recorded/streaming.yaml", "-q", "-f", f"html:{html}"])
        == 1
    )
    text = html.read_text(encoding="utf-8")
    card = re.search(r'<article class="finding error" id="f\d+">.*?</article>', text, re.S).group(0)
    assert "<strong>Observed in the running product:</strong> " in card
    assert "account › action &#39;Cancel plan&#39; (label, to, emphasis)" in text
    assert "call-us (kind, channel, wait_minutes)" in text  # the phone step no browser sees
    assert '<td data-label="source">observed text; declared kind, channel, wait_minutes' in text
    data = json.loads(bundle.read_text(encoding="utf-8"))
    assert all(f["evidence"]["recorded"] for f in data["findings"])
    assert any(p["observed"] for f in data["findings"] for p in f["evidence"]["provenance"])


def test_the_bundle_holds_every_input_and_finding(examples_report):
    _, bundle, data = examples_report
    assert bundle["darklint_evidence"] == 1
    for item in bundle["inputs"]:
        assert item["sha256"] == hashlib.sha256((ROOT / item["path"]).read_bytes()).hexdigest()
    assert [f["fingerprint"] for f in bundle["findings"]] == [
        f["fingerprint"] for f in data["findings"]
    ]
    for finding in bundle["findings"]:
        inputs = {i["path"]: i["sha256"] for i in bundle["inputs"]}
        assert finding["input_sha256"] == inputs[finding["path"]]
        assert finding["evidence"]["recorded"] is False
        assert finding["evidence"]["provenance"] == []


def test_a_second_person_reruns_the_bundle_and_gets_the_same_findings(tmp_path, monkeypatch):
    """Copy the inputs, save the bundle's configuration as darklint.yaml, run its command:
    the same findings with the same fingerprints, though the first run used its own settings
    (another profile, a rule's parameter changed in the configuration)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = tmp_path / "first"
    (first / "flows").mkdir(parents=True)
    for name in ("gym-membership.yaml", "news-subscription.yaml", "airline-booking.yaml"):
        (first / "flows" / name).write_bytes((ROOT / "examples" / name).read_bytes())
    (first / "darklint.yaml").write_text(
        "fail-on: warning\nrules:\n  DL101: {params: {allowance: 0}}\n  DL105: {severity: info}\n"
        "effort: {survey: 3}\n",
        encoding="utf-8",
    )
    assert run_cli(["check", "flows", "-q", "-f", "html:out/report.html"], first) == 1
    bundle = json.loads((first / "out" / "report.evidence.json").read_text(encoding="utf-8"))

    second = tmp_path / "second"
    for item in bundle["inputs"]:
        target = second / item["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((first / item["path"]).read_bytes())
        assert hashlib.sha256(target.read_bytes()).hexdigest() == item["sha256"]
    (second / "darklint.yaml").write_text(json.dumps(bundle["rerun"]["config"]), "utf-8")
    command = bundle["rerun"]["command"]
    assert command[:2] == ["darklint", "check"]
    assert run_cli([*command[1:], "-q", "-f", "json:again.json"], second) == 1
    again = json.loads((second / "again.json").read_text(encoding="utf-8"))
    assert [
        (f["rule"], f["severity"], f["fingerprint"], f["message"]) for f in again["findings"]
    ] == [(f["rule"], f["severity"], f["fingerprint"], f["message"]) for f in bundle["findings"]]
    assert any(f["rule"] == "DL105" and f["severity"] == "info" for f in bundle["findings"])


# -- products too large to draw -----------------------------------------------------------------


def test_a_product_of_thousands_of_steps_draws_a_bounded_part_and_says_how_to_draw_the_rest(
    tmp_path,
):
    """A 600-step flow is not drawn and the product's diagrams stop at the step budget, flows
    with findings first; every flow left out says why and names the command that draws it."""
    from bench.generate import big_product, to_yaml
    from darklint.report.html import DIAGRAM_BUDGET_STEPS, DIAGRAM_MAX_STEPS

    path = tmp_path / "catalogue.yaml"
    path.write_text(to_yaml(big_product(6_000, seed=5)), encoding="utf-8")
    html, data = tmp_path / "report.html", tmp_path / "report.json"
    assert run_cli(["check", str(path), "-q", "-f", f"html:{html}", "-f", f"json:{data}"]) == 1
    page = html.read_text(encoding="utf-8")
    drawn = re.findall(
        r'<details class="flow[^"]*"[^>]*>\s*<summary><span class="flow-name">Flow ([^<]+)</span>'
        r' <span class="muted">\w+ · ([\d,]+) steps?',
        page,
    )
    left_out = re.findall(
        r'<div class="flow not-drawn">\s*<p><span class="flow-name">Flow ([^<]+)<', page
    )
    assert drawn and left_out
    assert sum(int(steps.replace(",", "")) for _, steps in drawn) <= DIAGRAM_BUDGET_STEPS
    assert all(int(steps.replace(",", "")) <= DIAGRAM_MAX_STEPS for _, steps in drawn)
    assert "maze" in left_out  # 600 steps
    assert "its 600 steps are more than one readable diagram holds" in page
    assert f"darklint graph {path} --flow maze -f svg" in page
    assert page.count("<code>darklint graph ") == len(left_out)
    findings = json.loads(data.read_text("utf-8"))["findings"]
    shown = {f["flow"] for f in findings} | {
        step["flow"] for f in findings for p in f["evidence"]["paths"] for step in p["steps"]
    }
    plain = {flow for flow, _ in drawn} - shown
    # a flow no finding shows is drawn only when no flow a finding shows was left out for the
    # budget (the maze is left out for its size)
    assert not plain or not (shown & set(left_out)) - {"maze"}


def test_every_flow_of_the_examples_is_drawn(examples_report):
    html, _, _ = examples_report
    assert 'class="flow not-drawn"' not in html
