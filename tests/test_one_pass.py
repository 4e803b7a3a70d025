"""A file with several mistakes is fixed in one round: every problem is reported at once, one
missing target is one finding (with the step it probably meant), and nothing is reported that
only follows from it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, FIXTURES, lint

from darklint.catalog import load_rules, nearest_rule
from darklint.engine import LintOptions, lint_text, select_rules

RULES = load_rules()
GOOD = EXAMPLES / "streaming-phone-cancel-fixed.yaml"

FIVE_MISTAKES = """\
darklint: 1
product: Five
subscription: {renews: monthly, price: 5}
flows:
  signup:
    kind: signup
    start: plans
    steps:
      plans:
        actions: [{label: Join, to: done, emphasis: big}]
      done: {outcome: subscribed}
  cancel:
    kind: cancle
    start: acount
    steps:
      account:
        actoins: [{label: Cancel, to: bye, emphasis: loud}]
      bye: {outcome: cancelled}
"""


def darklint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "darklint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def findings_of(path: Path) -> list[tuple[str, int, str]]:
    report = lint(path, RULES)
    return [(f.rule_id, f.location.line, f.message) for f in report.findings]


def variant(tmp_path: Path, old: str, new: str, source: Path = GOOD) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text
    target = tmp_path / "flow.yaml"
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


# -- every problem of a file in one run ----------------------------------------------------------


def test_five_mistakes_are_reported_in_one_run(tmp_path):
    path = tmp_path / "five.yaml"
    path.write_text(FIVE_MISTAKES, encoding="utf-8")
    found = findings_of(path)
    by_line = {(rule, line) for rule, line, _ in found}
    assert by_line == {
        ("DL001", 10),  # emphasis: big
        ("DL001", 13),  # kind: cancle
        ("DL002", 14),  # start: acount
        ("DL001", 17),  # actoins (the misspelled key) ...
        ("DL001", 17),  # ... and emphasis: loud inside it, not hidden by the typo
    }
    messages = "\n".join(m for _, _, m in found)
    assert "unknown key 'actoins' in step 'account'; did you mean 'actions'?" in messages
    assert "'emphasis' of action 1 of 'actoins' of step 'account' is 'loud'" in messages
    assert "starts at 'acount', which is not one of its steps; did you mean 'account'?" in messages
    assert "did you mean 'cancel'?" in messages
    assert len(found) == 5


def test_fixing_everything_reported_leaves_a_clean_file(tmp_path):
    fixed = (
        FIVE_MISTAKES.replace("emphasis: big", "emphasis: primary")
        .replace("cancle", "cancel")
        .replace("acount", "account")
        .replace("actoins", "actions")
        .replace("emphasis: loud", "emphasis: primary")
    )
    path = tmp_path / "five.yaml"
    path.write_text(fixed, encoding="utf-8")
    assert lint(path, RULES).linted
    assert [r for r, _, _ in findings_of(path) if r.startswith("DL00")] == []


def test_a_misspelled_key_next_to_the_real_one_is_not_read_twice(tmp_path):
    path = tmp_path / "flow.yaml"
    text = FIVE_MISTAKES.replace(
        "        actoins: [{label: Cancel, to: bye, emphasis: loud}]",
        "        actions: [{label: Cancel, to: bye}]\n        actoins: [{label: x, emphasis: loud}]",
    )
    path.write_text(text, encoding="utf-8")
    messages = [m for _, _, m in findings_of(path)]
    assert not any("loud" in m for m in messages), messages


# -- one missing target, one finding ---------------------------------------------------------------


def test_the_fixed_example_is_clean_so_variants_show_only_their_own_mistake():
    assert findings_of(GOOD) == []


def test_a_mistyped_target_is_one_finding_with_the_step_meant(tmp_path):
    """Before: DL002 plus DL103 'no flow lets customers cancel' and DL003 for 'cancelled'."""
    path = variant(tmp_path, "to: cancelled, emphasis: primary", "to: cancelld, emphasis: primary")
    found = findings_of(path)
    assert [(r, line) for r, line, _ in found] == [("DL002", 52)]
    assert (
        "goes to 'cancelld', which is not a step of its flow; did you mean 'cancelled'?"
        in (found[0][2])
    )


def test_a_step_of_another_flow_is_suggested_as_flow_dot_step(tmp_path):
    path = variant(tmp_path, "to: cancelled, emphasis: primary", "to: member, emphasis: primary")
    (dl002,) = [m for r, _, m in findings_of(path) if r == "DL002"]
    assert "goes to 'member', which is not a step of its flow; did you mean 'signup.member'?" in (
        dl002
    )


def test_a_mistyped_jump_is_matched_on_the_step_name(tmp_path):
    path = variant(tmp_path, "to: member, emphasis: primary", "to: cancel.membr, emphasis: primary")
    found = findings_of(path)
    assert [r for r, _, _ in found] == ["DL002"]
    assert "which is not a step of any flow; did you mean 'member'?" in found[0][2]


def test_a_mistyped_start_is_one_finding(tmp_path):
    path = variant(tmp_path, "start: account", "start: acount")
    found = findings_of(path)
    assert [(r, m.split(";")[1].strip()) for r, _, m in found] == [
        ("DL002", "did you mean 'account'?")
    ]


def test_a_target_like_no_step_lists_the_steps_and_causes_nothing_else(tmp_path):
    """Nothing comes close, so the action could be meant for any step of its flow: findings
    that hold only if it goes nowhere (no cancel path, an unreachable step) are left out."""
    path = variant(tmp_path, "to: cancelled, emphasis: primary", "to: zzzqqq, emphasis: primary")
    found = findings_of(path)
    assert [r for r, _, _ in found] == ["DL002"]
    assert "name one of its steps (account, offer, cancelled, kept)" in found[0][2]


def test_a_step_whose_only_action_is_missing_is_not_called_a_dead_end(tmp_path):
    path = variant(
        tmp_path,
        '          - {label: "Cancel membership", to: offer}',
        '          - {label: "Cancel membership", to: nowhere-at-all}',
    )
    rules = {r for r, _, _ in findings_of(path)}
    assert "DL004" not in rules and "DL005" not in rules
    assert "DL002" in rules


def test_findings_that_do_not_follow_from_the_missing_target_stay(tmp_path):
    source = EXAMPLES / "streaming-phone-cancel.yaml"
    before = {(r, m) for r, _, m in findings_of(source)}
    text = source.read_text(encoding="utf-8")
    # Add a second, mistyped way out of the signup's payment step: the cancel flow is untouched.
    marker = "          - {label: "
    index = text.index(marker, text.index("pay:"))
    path = tmp_path / "flow.yaml"
    path.write_text(text[:index] + '          - {label: "Back", to: plnas}\n' + text[index:])
    after = findings_of(path)
    assert {(r, m) for r, _, m in after if r != "DL002"} == before
    assert [r for r, _, _ in after].count("DL002") == 1


def test_dead_end_messages_say_what_is_true():
    report = lint(FIXTURES / "rules" / "DL004" / "fail-trap-loop.yaml", RULES)
    messages = [f.message for f in report.findings if f.rule_id == "DL004"]
    assert messages and all(
        "its only actions lead to steps that cannot reach" in m for m in messages
    )
    report = lint(FIXTURES / "rules" / "DL004" / "fail-no-actions.yaml", RULES)
    assert any("it has no action and no outcome" in f.message for f in report.findings)


# -- lint_text: a buffer (an editor's, standard input) gets every problem too -----------------------------------


def test_lint_text_of_a_broken_buffer_reports_every_problem():
    options = LintOptions(tuple(select_rules(RULES)), tuple(RULES))
    report = lint_text(FIVE_MISTAKES, "buffer.yaml", options)
    assert not report.linted
    assert sorted({f.rule_id for f in report.findings}) == ["DL001", "DL002"]
    assert all(f.location.path == "buffer.yaml" for f in report.findings)


# -- usage errors and suggestions ------------------------------------------------------------------


def test_a_missing_path_is_a_usage_error():
    result = darklint("check", "missing/", str(GOOD))
    assert result.returncode == 2
    assert result.stderr.strip() == "darklint: error: no such file or directory: missing/"
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("confirmshame", "confirmshaming"),
        ("dl1O1", "DL101"),
        ("cancel-harder-then-signup", "cancel-harder-than-signup"),
    ],
)
def test_rule_names_are_suggested(typed, meant):
    assert nearest_rule(RULES, typed) == meant


def test_explain_suggests_a_rule():
    result = darklint("explain", "confirmshame")
    assert result.returncode == 2
    assert "no rule 'confirmshame'; did you mean 'confirmshaming'?" in result.stderr


@pytest.mark.parametrize("flag", ["--select", "--ignore", "--extend-select"])
def test_selectors_suggest_a_rule(flag):
    result = darklint("check", str(GOOD), flag, "dl1O1")
    assert result.returncode == 2
    assert f"{flag}: no rule matches 'dl1O1'; did you mean 'DL101'?" in result.stderr


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("select: [confirmshame]\n", "select: no rule matches 'confirmshame'; did you mean"),
        ("rules:\n  dl1O1: {severity: info}\n", "rules.dl1O1: no such rule; did you mean 'DL101'"),
    ],
)
def test_configuration_suggests_a_rule(tmp_path, config, expected):
    (tmp_path / "darklint.yaml").write_text(config, encoding="utf-8")
    result = darklint("check", str(GOOD), cwd=tmp_path)
    assert result.returncode == 2
    assert expected in result.stderr


def test_an_ignore_entry_for_an_unknown_rule_suggests_one(tmp_path):
    path = tmp_path / "flow.yaml"
    path.write_text(
        GOOD.read_text(encoding="utf-8") + "ignore:\n  - {rule: confirmshame, reason: reviewed}\n",
        encoding="utf-8",
    )
    result = darklint("check", str(path), "-f", "json")
    messages = [f["message"] for f in json.loads(result.stdout)["findings"]]
    assert any(
        "('confirmshame' is not a known rule; did you mean 'confirmshaming'?)" in m
        for m in messages
    ), messages


def test_an_output_format_is_suggested():
    result = darklint("check", str(GOOD), "-f", "jsn")
    assert result.returncode == 2
    assert "unknown format 'jsn'; did you mean 'json'?" in result.stderr
