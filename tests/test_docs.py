"""The rule reference is generated from rules/ and never stale; the effort model is documented
where users read about DL101 and DL401, and its worked example is what darklint computes."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

from darklint.catalog import load_rules
from darklint.cli import main, rule_markdown
from darklint.docgen import COMMAND, current_reference, demote_headings
from darklint.docgen import main as docgen
from darklint.engine import LintOptions, lint_file, select_rules
from darklint.profiles import list_profiles, load_profile

REFERENCE = ROOT / "docs" / "rules.md"
RULES = load_rules()


def test_checked_in_reference_is_current():
    fresh = current_reference()
    written = REFERENCE.read_text(encoding="utf-8") if REFERENCE.is_file() else ""
    assert written == fresh, (
        f"docs/rules.md is stale: a rule or profile changed. Regenerate it with `{COMMAND}` "
        "(or `darklint docs`) from the checkout and commit the result."
    )


def test_reference_has_a_section_per_rule_and_a_table_per_profile():
    text = current_reference()
    for rule in RULES:
        assert f"\n## {rule.id} {rule.name}\n" in text
        assert f"](#{rule.id.lower()}-{rule.name})" in text, "the contents link to the section"
        for line in rule.docs.splitlines()[:3]:
            assert line.strip() in text
    for name in list_profiles():
        profile = load_profile(name)
        assert f"\n### Profile: {name}\n" in text
        for entry in profile.rules.values():
            for provision in entry.provisions:
                assert provision.text in text
    assert "max_days 21" in text and "applies_to_trials_longer_than 31" in text


def test_reference_sections_are_what_explain_shows():
    text = current_reference()
    for rule in RULES:
        assert demote_headings(rule_markdown(rule).strip()) in text


def test_demote_headings_leaves_code_alone():
    markdown = "# Title\n\n## What it does\n\n```yaml\n# a YAML comment\nkey: 1\n```\n## Next"
    assert demote_headings(markdown) == (
        "## Title\n\n### What it does\n\n```yaml\n# a YAML comment\nkey: 1\n```\n### Next"
    )


def test_docgen_check_mode_reports_a_stale_file(tmp_path, capsys):
    target = tmp_path / "rules.md"
    target.write_text("old\n", encoding="utf-8")
    assert docgen(["--check", "--output", str(target)]) == 1
    assert COMMAND in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "old\n", "--check writes nothing"
    assert docgen(["--output", str(target)]) == 0
    assert docgen(["--check", "--output", str(target)]) == 0
    assert target.read_text(encoding="utf-8") == current_reference()


def test_darklint_docs_command(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["docs", "--check"]).exit_code == 1, "no docs/rules.md here yet"
    result = runner.invoke(main, ["docs"])
    assert result.exit_code == 0 and (tmp_path / "docs" / "rules.md").is_file()
    assert runner.invoke(main, ["docs", "--check"]).exit_code == 0


# -- the effort model -------------------------------------------------------------------------

EFFORT_DOC = ROOT / "docs" / "effort.md"

WORKED_EXAMPLE = """\
darklint: 1
product: Worked example
flows:
  signup:
    kind: signup
    start: offer
    steps:
      offer:
        actions: [{label: Start, to: plan}]
      plan:
        actions: [{label: Choose plan, to: pay}]
      pay:
        kind: payment
        actions: [{label: Pay, to: member}]
      member: {outcome: subscribed}
  cancel:
    kind: cancel
    start: account
    steps:
      account:
        actions: [{label: Cancel, to: offer}]
      offer:
        kind: retention_offer
        actions:
          - {label: Keep my plan, to: kept}
          - {label: Call to cancel, to: call}
      call:
        kind: agent
        channel: phone
        wait_minutes: 25
        actions: [{label: Agent cancels, to: done, by: business}]
      done: {outcome: cancelled}
      kept: {outcome: retained}
"""


def test_effort_doc_worked_example_is_what_darklint_computes(tmp_path):
    doc = EFFORT_DOC.read_text(encoding="utf-8")
    assert "1 + (1 + 2) + (0 + 5 + 3 + 2.5) = 14.5" in doc
    path = tmp_path / "worked.yaml"
    path.write_text(WORKED_EXAMPLE, encoding="utf-8")
    rules = select_rules(RULES, ["DL101"])
    report = lint_file(str(path), LintOptions(tuple(rules), tuple(RULES)))
    (finding,) = report.findings
    assert "cancelling takes effort 14.5 but signing up takes 3.0" in finding.message
    assert finding.step == "offer", "the doc says it points at the retention offer"


def test_effort_doc_names_every_weight_with_its_default():
    from darklint.graph.effort import EffortWeights

    doc = EFFORT_DOC.read_text(encoding="utf-8")
    for name, value in EffortWeights().as_settings().items():
        row = next(line for line in doc.splitlines() if f"| `{name}` |" in line)
        assert re.search(rf"\| \+?{value:g} ", row), (name, value, row)


@pytest.mark.parametrize("rule_id", ["DL101", "DL401"])
def test_effort_doc_is_linked_from_the_comparison_rules(rule_id):
    rule = next(r for r in RULES if r.id == rule_id)
    assert "docs/effort.md" in rule.docs


def test_profiles_doc_describes_every_profile():
    doc = (ROOT / "docs" / "profiles.md").read_text(encoding="utf-8")
    for name in list_profiles():
        assert f"### {name}\n" in doc and f"| `{name}` |" in doc
