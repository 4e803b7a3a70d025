"""The shared queries follow the catalog's Definitions: effort, transparency, ties, channels."""

from __future__ import annotations

import pytest
from conftest import FIXTURES

from darklint.graph import EffortWeights, Queries, build_graph
from darklint.load import load_file, load_text


def queries(text: str, weights: EffortWeights | None = None) -> Queries:
    result = load_text(text, "t.yaml")
    assert not result.problems, result.problems
    return Queries(build_graph(result.product), weights)


def test_effort_of_the_format_reference_example():
    q = Queries(build_graph(load_file(str(FIXTURES / "core" / "format-spec.yaml")).product))
    signup, cancel = q.easiest("signup"), q.easiest("cancel")
    # signup: 3 clicks + requires account (+2) = 5.0
    assert signup.effort == 50
    assert [n[1] for n in signup.nodes] == ["landing", "plan", "pay", "member"]
    # cancel: 1 click, offer (+2) and its click, phone (+5) + 25 min wait (+2.5)
    # + change web->phone (+3); the agent's action is the business's: 14.5
    assert cancel.effort == 145
    assert [n[1] for n in cancel.nodes] == ["manage", "offer", "call", "done"]


def test_handover_and_notice_are_transparent_to_channels():
    text = """darklint: 1
product: P
flows:
  refund:
    kind: refund
    start: orders
    steps:
      orders: {actions: [{label: Request, to: parcel}]}
      parcel: {kind: handover, channel: mail, actions: [{label: Drop, to: mail}]}
      mail: {kind: notice, channel: email, actions: [{label: Confirm, to: page}]}
      page: {actions: [{label: Done, to: done}]}
      done: {outcome: refunded}
"""
    path = queries(text).easiest("refund")
    # four clicks; handover and notice add nothing and web -> (mail, email) -> web is no change
    assert path.effort == 40


def test_channel_change_is_counted_between_steps_but_not_into_outcomes():
    text = """darklint: 1
product: P
flows:
  cancel:
    kind: cancel
    start: a
    steps:
      a: {actions: [{label: Write, to: b}]}
      b: {channel: email, actions: [{label: Send, to: c}]}
      c: {actions: [{label: Confirm, to: done}]}
      done: {outcome: cancelled, channel: phone}
"""
    # 3 clicks + email +5 + two changes (web->email->web) +6 = 14
    assert queries(text).easiest("cancel").effort == 140


def test_ties_go_to_fewer_steps_then_the_earlier_action():
    text = """darklint: 1
product: P
flows:
  cancel:
    kind: cancel
    start: a
    steps:
      a:
        actions:
          - {label: First, to: b}
          - {label: Second, to: c}
          - {label: Long way, to: d}
      b: {actions: [{label: Go, to: done}]}
      c: {actions: [{label: Go, to: done}]}
      d: {actions: [{label: Agent forwards, to: e, by: business}]}
      e: {actions: [{label: Finish, to: done}]}
      done: {outcome: cancelled}
"""
    path = queries(text).easiest("cancel")
    assert path.effort == 20
    assert [n[1] for n in path.nodes] == ["a", "b", "done"]


def test_effort_weights_are_a_setting():
    text = (FIXTURES / "core" / "product.yaml").read_text()
    heavy = EffortWeights.from_settings({"retention_offer": 10})
    assert (
        queries(text, heavy).easiest("cancel").effort == queries(text).easiest("cancel").effort + 80
    )
    with pytest.raises(ValueError, match="unknown effort weight 'clicks'"):
        EffortWeights.from_settings({"clicks": 1})


def test_cancel_paths_fall_back_to_any_flow_that_reaches_cancelled():
    text = """darklint: 1
product: P
flows:
  account:
    kind: other
    start: home
    steps:
      home: {actions: [{label: Stop, to: done}]}
      done: {outcome: cancelled}
"""
    assert queries(text).easiest("cancel").effort == 10


def test_cross_flow_jumps_and_unavoidable_facts():
    text = """darklint: 1
product: P
flows:
  cancel:
    kind: cancel
    start: a
    steps:
      a: {actions: [{label: Call, to: phone.desk}, {label: Online, to: b}]}
      b: {actions: [{label: Confirm, to: phone.done}]}
  phone:
    kind: other
    start: desk
    steps:
      desk: {kind: agent, channel: phone, actions: [{label: Done, to: done, by: business}]}
      done: {outcome: cancelled}
"""
    q = queries(text)
    assert q.completable_online("cancel")
    agent = lambda n: q.graph.step(n).kind == "agent"  # noqa: E731
    assert not q.unavoidable("cancel", agent)
    assert q.easiest("cancel").nodes[-1] == ("phone", "done")


def test_searches_number_nodes_in_yaml_order_across_flows():
    text = """darklint: 1
product: P
flows:
  signup:
    kind: signup
    start: b
    steps:
      b: {actions: [{label: Go, to: a}, {label: Help, to: help.desk}]}
      a: {outcome: subscribed}
  help:
    kind: support
    start: desk
    steps:
      desk: {channel: phone, actions: [{label: Back, to: signup.b}]}
"""
    graph = build_graph(load_text(text, "t.yaml").product)
    numbered = graph.numbered
    assert numbered.nodes == [("signup", "b"), ("signup", "a"), ("help", "desk")]
    assert [[t for _, t in edges] for edges in numbered.succ] == [[1, 2], [], [0]]
    assert numbered.channels == ["web", "web", "phone"]
    q = Queries(graph)
    assert q.in_order([("help", "desk"), ("signup", "a")]) == [("signup", "a"), ("help", "desk")]
    assert q.reaching_outcome("subscribed") == {("signup", "b"), ("signup", "a"), ("help", "desk")}


def test_findings_showing_one_path_share_its_evidence_rows():
    q = Queries(build_graph(load_file(str(FIXTURES / "core" / "format-spec.yaml")).product))
    cancel = q.easiest("cancel")
    offending = q.evidence(cancel, "easiest cancel path")
    compared = q.evidence(cancel, "cancel path", "comparison")
    assert compared.steps is offending.steps
    assert (compared.title, compared.role) == ("cancel path", "comparison")
    assert [s.step for s in offending.steps] == ["manage", "offer", "call", "done"]
    assert [s.effort for s in offending.steps] == [10, 30, 105, 0]  # sums to the effort, 14.5


def test_the_same_path_found_twice_is_built_into_evidence_once():
    """Rows depend on the steps and actions only: a second PathView of the same path (another
    search found it) shares them; a path that differs in one action does not."""
    from dataclasses import replace

    q = Queries(build_graph(load_file(str(FIXTURES / "core" / "format-spec.yaml")).product))
    cancel = q.easiest("cancel")
    again = replace(cancel, kind="other", effort=cancel.effort + 1)
    assert again is not cancel
    assert q.evidence(again, "x").steps is q.evidence(cancel, "y").steps
    at, other = next(
        (i, a)
        for i, node in enumerate(cancel.nodes[:-1])
        for a, _ in q.graph.succ[node]
        if a is not cancel.actions[i]
    )
    actions = list(cancel.actions)
    actions[at] = other
    rows = q.evidence(replace(cancel, actions=tuple(actions)), "z").steps
    assert rows is not q.evidence(cancel, "y").steps
    assert rows[at].action == other.label != cancel.actions[at].label
