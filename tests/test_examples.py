"""The bundled examples report exactly what their `# expect:` markers say: every rule, every
line. Fixed counterparts and the good products report nothing."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, expected_markers, lint

from darklint.catalog import load_rules

RULES = load_rules()
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_reports_exactly_its_markers(path):
    report = lint(path, RULES)
    assert report.linted, [f.message for f in report.findings]
    found = {(f.rule_id, f.location.line) for f in report.findings}
    detail = "\n".join(f"{f.location.line}: {f.rule_id} {f.message}" for f in report.findings)
    assert found == expected_markers(path), detail


@pytest.mark.parametrize(
    "path", [p for p in EXAMPLE_FILES if p.stem.endswith("-fixed")], ids=lambda p: p.name
)
def test_fixed_counterparts_are_clean(path):
    assert not expected_markers(path)


def test_gallery_triggers_every_rule_but_structure_errors():
    found = set()
    for path in EXAMPLE_FILES:
        found |= {f.rule_id for f in lint(path, RULES).findings}
    wanted = {r.id for r in RULES} - {"DL001", "DL002", "DL006", "DL007"}
    assert not wanted - found, f"rules no example triggers: {sorted(wanted - found)}"
    assert not found & {"DL001", "DL002", "DL006", "DL007"}
