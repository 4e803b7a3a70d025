"""``darklint diff DESIGN RECORDED``: what the shipped product changed, matched by label.

The design and the recording of Acme Stream name their steps differently (``done`` and
``cancelled``, ``details`` and ``signup``); the comparison matches them by the actions that
lead there and by outcome, names the steps the recording adds and the effort each adds to
the easiest cancel path, lists new and gone findings, and exits 1 only when the product got
harder to leave or has new findings. JSON is parsed; Markdown is rendered by markdown-it
(as GitHub would) to check that labels stay text.
"""

from __future__ import annotations

import json
import os

from click.testing import CliRunner
from conftest import FIXTURES, ROOT
from markdown_it import MarkdownIt

from darklint.cli import main

DESIGN = FIXTURES / "recorded" / "acme-design.yaml"
RECORDED = FIXTURES / "recorded" / "streaming.yaml"


def run(*args: str):
    previous = os.getcwd()
    os.chdir(ROOT)
    try:
        return CliRunner().invoke(main, ["diff", *map(str, args)], catch_exceptions=False)
    finally:
        os.chdir(previous)


def test_design_against_recording_names_the_added_steps_and_their_effort():
    result = run(DESIGN, RECORDED, "-f", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["worse"] is True and data["harder_to_leave"] == ["cancel"]
    cancel = next(f for f in data["flows"] if f["kind"] == "cancel")
    assert cancel["steps_added"] == ["call-us"]
    assert cancel["steps_removed"] == []
    assert cancel["steps_matched"] == {
        "account": "account", "offer": "offer", "kept": "kept", "done": "cancelled"}  # fmt: skip
    assert cancel["actions_added"] == [
        {"step": "offer", "label": "No thanks, I don't like saving money"}]  # fmt: skip
    assert cancel["actions_removed"] == [{"step": "offer", "label": "No thanks"}]
    assert cancel["steps_changed"] == [
        {"step": "offer", "change": "tick box 'Email me offers' added, ticked in advance"}
    ]
    assert cancel["actions_changed"] == [
        {"step": "offer", "label": "Keep my discount", "changes": ["emphasis secondary -> primary"]}
    ]
    signup = next(f for f in data["flows"] if f["kind"] == "signup")
    # Matched by label, not id: the design's 'details' is the recording's 'pricing' target.
    assert signup["steps_removed"] == ["details"] and signup["steps_added"] == []
    assert signup["steps_matched"] == {"member": "welcome", "pricing": "pricing"}
    effort = {e["kind"]: e for e in data["effort"]}
    assert (effort["cancel"]["design"], effort["cancel"]["recorded"]) == (4.0, 14.5)
    [added] = effort["cancel"]["added_steps"]
    assert (added["step"], added["effort"]) == ("call-us", 10.5)
    assert "off-line (phone)" in added["note"] and "wait 25 min" in added["note"]
    new = {f["rule"] for f in data["findings"]["new"]}
    assert {"DL108", "DL501", "DL106"} <= new
    assert "DL101" not in new  # the design is already harder to leave than to join


def test_console_says_what_changed_and_why_it_fails():
    result = run(DESIGN, RECORDED)
    assert result.exit_code == 1
    out = result.stdout
    assert "  + step call-us" in out
    assert "  ~ step offer: tick box 'Email me offers' added, ticked in advance" in out
    assert '  - action offer › "No thanks"' in out
    assert "  cancel   4.0 -> 14.5  (+10.5)  harder to leave" in out
    assert "    added step cancel.call-us: +10.5 (off-line (phone); wait 25 min" in out
    assert "+ DL501 confirmshaming at cancel.offer" in out
    assert out.rstrip().endswith("is harder to leave than designed and has 5 new findings.")


def test_the_same_product_or_an_easier_one_passes(tmp_path):
    assert run(RECORDED, RECORDED).exit_code == 0
    result = run(RECORDED, DESIGN, "-f", "json")  # the design, as if shipped after the dark one
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["worse"] is False
    assert {f["rule"] for f in data["findings"]["gone"]} >= {"DL108", "DL501"}
    assert data["findings"]["new"] == []


def test_markdown_is_a_safe_pull_request_comment(tmp_path):
    hostile = tmp_path / "hostile.yaml"
    label = '"[x](javascript:alert(1)) <img src=x onerror=alert(1)> @team | **Agent**"'
    text = RECORDED.read_text(encoding="utf-8").replace("Agent cancels the plan", label)
    hostile.write_text(text, encoding="utf-8")
    out = tmp_path / "drift.md"
    result = run(DESIGN, hostile, "-f", "markdown", "-o", out)
    assert result.exit_code == 1 and result.stdout == ""
    comment = out.read_text(encoding="utf-8")
    assert comment.startswith("### ❌ darklint diff:")
    html = MarkdownIt("gfm-like").render(comment)
    assert "<img" not in html and "javascript:" not in html.replace("javascript&#8203;:", "")
    assert 'href="javascript' not in html and "<strong>Agent" not in html
    assert "| cancel.call-us (cancel) | +10.5 |" in comment
    # Every table row has as many cells as its header: no label ended a cell.
    for block in comment.split("\n\n"):
        rows = [r for r in block.splitlines() if r.startswith("|")]
        if rows:
            widths = {len(r.replace("\\|", "").split("|")) for r in rows}
            assert len(widths) == 1, block


def test_files_that_do_not_load_are_usage_errors(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("darklint: 1\nproduct: [\n", encoding="utf-8")
    result = run(DESIGN, broken)
    assert result.exit_code == 2
    assert "could not be loaded" in result.stderr
    assert run(DESIGN, tmp_path / "missing.yaml").exit_code == 2


def test_a_huge_drift_still_fits_a_pull_request_comment(tmp_path):
    steps = "\n".join(
        f"      s{i}: {{actions: [{{label: 'Go {i}', to: s{i + 1}}}]}}" for i in range(3000)
    )
    big = tmp_path / "big.yaml"
    big.write_text(
        "darklint: 1\nproduct: Big\nflows:\n  cancel:\n    kind: cancel\n    start: s0\n"
        f"    steps:\n{steps}\n      s3000: {{outcome: cancelled}}\n",
        encoding="utf-8",
    )
    result = run(DESIGN, big, "-f", "markdown")
    assert result.exit_code == 1
    assert len(result.stdout) < 60_000
    assert "more lines (see `-f json`)." in result.stdout
