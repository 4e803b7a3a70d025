"""The loader reads format v1 exactly and reports every problem with file:line:column."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import FIXTURES

from darklint.load import load_file, load_text

CORE = FIXTURES / "core"


def problems(text: str) -> list[tuple[int, int, str]]:
    result = load_text(text, "t.yaml")
    return [(p.location.line, p.location.column, p.message) for p in result.problems]


def test_the_format_reference_example_loads_with_every_field():
    product = load_file(str(CORE / "format-spec.yaml")).product
    assert product is not None
    assert product.subscription.trial.days == 30 and product.subscription.trial.converts_to_paid
    assert product.subscription.offers[0].audience == "new_customers"
    plan = product.flows["signup"].steps["plan"]
    assert plan.options[0].prechecked and plan.options[0].kind == "add_on"
    assert plan.timer.seconds == 600 and plan.timer.real_deadline is False
    call = product.flows["cancel"].steps["call"]
    assert (call.kind, call.channel, call.wait_minutes, call.hours) == (
        "agent",
        "phone",
        25,
        "business",
    )
    assert call.actions[0].by == "business"
    fees = product.flows["lost-item"].steps["choose"].actions[1].fees
    assert fees[0].amount == 5 and fees[0].currency == "EUR" and fees[1].pass_through
    assert product.flows["lost-item"].trigger.deliberate is False
    assert product.flows["wrong-prescription"].trigger.by == "business"
    assert product.flows["refund"].processing_days == 30
    assert product.ignore[0].rule == "DL108"
    # every step, action and fee knows where it was written
    assert call.location.line > 1 and fees[0].location.line > call.location.line


def test_defaults_follow_the_format():
    product = load_file(str(CORE / "format-spec.yaml")).product
    action = product.flows["signup"].steps["landing"].actions[0]
    assert (action.emphasis, action.by, action.deliberate) == ("secondary", "customer", True)
    landing = product.flows["signup"].steps["landing"]
    assert landing.kind == "screen" and landing.hours == "always"
    assert product.channel_of(product.flows["signup"], landing) == "web"


def test_optional_keys_refused_agent_and_timer_resets_load():
    text = """darklint: 1
product: P
flows:
  help:
    kind: support
    start: ask
    steps:
      ask:
        kind: agent
        timer: {seconds: 60, real_deadline: false, resets: true}
        actions: [{label: "Agent declines", to: no, by: business}]
      no: {outcome: refused}
"""
    result = load_text(text, "t.yaml")
    assert result.problems == []
    ask = result.product.flows["help"].steps["ask"]
    assert ask.timer.resets and result.product.flows["help"].steps["no"].outcome == "refused"


def test_unknown_key_suggests_the_nearest_known_key():
    found = problems(
        "darklint: 1\nproduct: P\nflows:\n  s:\n    kind: signup\n    start: a\n    stpes: {}\n"
    )
    assert found == [(7, 5, "unknown key 'stpes' in flow 's'; did you mean 'steps'?")]


def test_every_problem_of_a_file_is_reported_at_once():
    text = """darklint: 1
product: P
flows:
  signup:
    kind: sigup
    start: a
    steps:
      a:
        wait_minutes: soon
        actions: [{label: Go, to: b, emphasis: loud}]
      b: {outcome: subscribed, colour: red}
"""
    found = problems(text)
    lines = sorted(line for line, _, _ in found)
    assert lines == [5, 9, 10, 11], found
    assert any("did you mean 'signup'" in m for _, _, m in found)
    assert any("'soon'" in m and "number" in m for _, _, m in found)


def test_duplicate_keys_and_duplicate_step_ids():
    text = "darklint: 1\nproduct: P\nflows:\n  s:\n    kind: signup\n    start: a\n    steps:\n      a: {outcome: subscribed}\n      a: {outcome: subscribed}\nproduct: Q\n"
    found = problems(text)
    assert (9, 7) in [(line, c) for line, c, _ in found]
    assert (10, 1) in [(line, c) for line, c, _ in found]
    assert all("duplicate key" in m and "first defined on line" in m for _, _, m in found)


@pytest.mark.parametrize(
    ("text", "line", "needle"),
    [
        ("darklint: 2\nproduct: P\nflows: {}\n", 1, "unsupported format version '2'"),
        ("- darklint: 1\n", 1, "top level must be a mapping"),
        ("darklint: 1\nproduct: P\n", 1, "missing the required key 'flows'"),
        (
            "darklint: 1\nproduct: P\nflows:\n  a:\n    kind: signup\n    steps: {x: {outcome: subscribed}}\n",
            4,
            "missing the required key 'start'",
        ),
        ("darklint: 1\nproduct: [P]\nflows: {}\n", 2, "must be text"),
        (
            "darklint: 1\nproduct: P\nflows:\n  a.b:\n    kind: signup\n    start: x\n    steps: {x: {outcome: subscribed}}\n",
            4,
            "contains '.'",
        ),
        (
            "darklint: 1\nproduct: P\nflows:\n  a:\n    kind: signup\n    start: x\n    steps:\n      x:\n        outcome: subscribed\n        actions: [{label: L, to: x}]\n",
            10,
            "a step with an outcome ends the flow",
        ),
        (
            "darklint: 1\nproduct: P\nflows:\n  a:\n    kind: fee\n    start: x\n    steps:\n      x:\n        actions: [{label: L, to: y, fees: [{name: Fee}]}]\n      y: {outcome: resolved}\n",
            9,
            "needs an 'amount'",
        ),
        (
            "darklint: 1\nproduct: P\nflows:\n  a: {kind: signup, start: x, steps: {}}\n",
            4,
            "has no steps",
        ),
        ("darklint: 1\nproduct: P\nflows: {a: [1]\n", 4, "not valid YAML"),
    ],
)
def test_bad_files_get_a_located_plain_message(text, line, needle):
    found = problems(text)
    assert any(at == line and needle in m for at, _, m in found), found


def test_yaml_tags_are_reported_and_never_executed(tmp_path):
    marker = tmp_path / "executed"
    text = (
        f'darklint: 1\nproduct: !!python/object/apply:os.system ["touch {marker}"]\nflows: {{}}\n'
    )
    found = problems(text)
    assert any(at == 2 and "!!python/object/apply:os.system" in m for at, _, m in found)
    assert not marker.exists()
    assert any(
        "!custom" in m for _, _, m in problems("darklint: 1\nproduct: !custom P\nflows: {}\n")
    )


def test_encoding_bom_crlf_and_binary(tmp_path):
    good = (CORE / "product.yaml").read_text()
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbf" + good.replace("\n", "\r\n").encode())
    assert load_file(str(bom)).product is not None
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"darklint: 1\nproduct: Caf\xe9\n")
    result = load_file(str(latin))
    assert result.problems[0].location.line == 2 and "UTF-8" in result.problems[0].message
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"darklint: 1\n\x00\x01")
    assert "binary" in load_file(str(binary)).problems[0].message


def test_size_limit_and_unreadable_file(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("darklint: 1\n" + "#" * 2000)
    assert "above the limit" in load_file(str(big), max_bytes=1000).problems[0].message
    missing = load_file(str(tmp_path / "nope.yaml"))
    assert "cannot read" in missing.problems[0].message


def test_a_broken_file_is_a_flow_file_only_when_it_declares_darklint():
    assert load_file(str(CORE / "broken.yaml")).is_flow_file
    assert not load_file(str(CORE / "broken-other.yaml")).is_flow_file
    assert not load_file(str(CORE / "not-darklint.yaml")).is_flow_file


def test_alias_bomb_is_bounded():
    lines = ["darklint: 1", "product: P", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines.append(
        "flows: {s: {kind: signup, start: x, steps: {x: {outcome: subscribed, text: *a8}}}}"
    )
    found = problems("\n".join(lines) + "\n")
    assert found  # unknown keys and a list where text belongs; finishing is the point


def test_loader_never_reads_outside_the_given_path(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text((CORE / "product.yaml").read_text())
    before = os.stat(path).st_mtime_ns
    load_file(str(path))
    assert os.stat(path).st_mtime_ns == before
    assert Path(path).read_text() == (CORE / "product.yaml").read_text()
