"""Provenance: a recorded file says which facts were observed, and findings pass it on.

The format extension (``observed:`` on steps, actions and options) is validated like any
key; the findings of a recorded file name, for each item of their evidence, which keys were
read from the running product and which were declared; JSON and SARIF carry it (the SARIF
checked against the official schema), and the console shows it.
"""

from __future__ import annotations

import json
import os

from click.testing import CliRunner
from conftest import FIXTURES, ROOT, lint

from darklint.cli import main
from darklint.load import load_text

RECORDED = FIXTURES / "recorded" / "streaming.yaml"


def run(*args: str):
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(previous)


def by_rule(findings):
    return {f.rule_id: f for f in findings}


def test_findings_of_a_recorded_file_say_which_evidence_was_observed(catalog):
    findings = by_rule(lint(RECORDED, catalog).findings)
    assert {"DL101", "DL108", "DL501", "DL504"} <= set(findings)
    shaming = {(p.step, p.item): p for p in findings["DL501"].provenance}
    link = shaming[("offer", "action 'No thanks, I don't like saving money'")]
    assert link.observed == ("label", "to", "emphasis") and link.declared == ()
    offer = shaming[("offer", "step")]
    assert offer.observed == ("text",) and offer.declared == ("kind",)
    ticked = {(p.step, p.item): p for p in findings["DL504"].provenance}
    box = ticked[("offer", "option 'Email me offers'")]
    assert box.observed == ("label", "prechecked") and box.declared == ("kind",)
    # The easiest cancel path runs through the declared phone step: its facts are declared.
    harder = {(p.step, p.item): p for p in findings["DL101"].provenance}
    call = harder[("call-us", "step")]
    assert call.observed == ("text",)
    assert set(call.declared) == {"kind", "channel", "wait_minutes"}
    assert harder[("call-us", "action 'Agent cancels the plan'")].observed == ()


def test_hand_written_files_carry_no_provenance(catalog):
    findings = lint(ROOT / "examples" / "streaming-phone-cancel.yaml", catalog).findings
    assert findings and all(f.provenance == () for f in findings)


def test_json_sarif_and_console_show_the_provenance(tmp_path):
    from jsonschema import Draft7Validator

    result = run("check", str(RECORDED), "-f", "json", "--no-cache")
    data = json.loads(result.stdout)
    shaming = next(f for f in data["findings"] if f["rule"] == "DL501")
    items = shaming["evidence"]["provenance"]
    assert {"flow": "cancel", "step": "offer", "item": "step", "observed": ["text"],
            "declared": ["kind"]} in items  # fmt: skip
    sarif_path = tmp_path / "out.sarif"
    run("check", str(RECORDED), "-f", f"sarif:{sarif_path}")
    sarif = json.loads(sarif_path.read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "tests/data/sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    assert not list(Draft7Validator(schema).iter_errors(sarif))
    results = sarif["runs"][0]["results"]
    assert any(r["properties"]["provenance"] == items for r in results if r["ruleId"] == "DL501")
    console = run("check", str(RECORDED)).stdout
    assert "observed: offer (text)" in console and "declared: offer (kind)" in console


def test_observed_names_keys_of_its_own_item():
    text = RECORDED.read_text(encoding="utf-8").replace(
        "observed: [label, prechecked]", "observed: [label, prechecked, emphasis]"
    )
    loaded = load_text(text, "rec.yaml")
    assert loaded.product is None
    [problem] = loaded.problems
    assert "'observed' of option 1 of 'options' of step 'offer' names 'emphasis'" in problem.message
    lines = text.splitlines()
    line = next(n for n, t in enumerate(lines, 1) if "prechecked, emphasis" in t)
    column = lines[line - 1].index("emphasis]") + 1
    assert (problem.location.line, problem.location.column) == (line, column)
