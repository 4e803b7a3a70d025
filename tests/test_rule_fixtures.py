"""Every rule has documentation, a failing and a passing fixture, and reports where it should.

Fixtures live in tests/fixtures/rules/<ID>/fail*.yaml and pass*.yaml; each line a finding of
the rule must point at ends with `# expect: <ID>`. The rule's reported (rule, line) set must
equal the marked set exactly, so a finding at the wrong line fails as surely as a missing one.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, expected_markers, fixture_params, lint

from darklint.catalog import load_rules
from darklint.checks import get_check

RULES = load_rules()
DOC_SECTIONS = ("## What it does", "## Why it matters", "## Example", "## How to fix")


def fixture_cases():
    for rule in RULES:
        for path in sorted((FIXTURES / "rules" / rule.id).glob("*.yaml")):
            yield pytest.param(rule, path, id=f"{rule.id}/{path.name}")


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_has_docs_fixtures_and_check(rule):
    for section in DOC_SECTIONS:
        assert section in rule.docs, f"{rule.id} docs lack '{section}'"
    assert rule.references, f"{rule.id} has no references"
    assert all(ref.url.startswith("https://") for ref in rule.references)
    names = [p.name for p in (FIXTURES / "rules" / rule.id).glob("*.yaml")]
    assert any(n.startswith("fail") for n in names), f"{rule.id} has no failing fixture"
    assert any(n.startswith("pass") for n in names), f"{rule.id} has no passing fixture"
    assert get_check(rule.function) is not None, f"{rule.id}: no check '{rule.function}'"


@pytest.mark.parametrize(("rule", "path"), list(fixture_cases()))
def test_fixture_findings_point_at_marked_lines(rule, path):
    expected = {m for m in expected_markers(path) if m[0] == rule.id}
    if path.name.startswith("fail"):
        assert expected, f"{path} has no `# expect: {rule.id}` marker"
    else:
        assert not expected, f"{path} is a passing fixture with an expect marker"
    report = lint(path, RULES, {rule.id: fixture_params(path)})
    found = {(f.rule_id, f.location.line) for f in report.findings if f.rule_id == rule.id}
    messages = [f"{f.location.line}: {f.message}" for f in report.findings if f.rule_id == rule.id]
    assert found == expected, "\n".join(messages)
