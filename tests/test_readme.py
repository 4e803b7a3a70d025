"""The README stays true: its rule table lists the catalog, and its two commands are marked
for CI (.ci/run runs exactly those)."""

from __future__ import annotations

import re

from conftest import ROOT

from darklint.catalog import load_rules

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_lists_every_rule_with_its_severity():
    rows = dict(
        (m.group(1), (m.group(2), m.group(3)))
        for m in re.finditer(r"^\| (DL\d{3}) \| `([a-z-]+)` \| (\w+) \|", README, re.M)
    )
    rules = load_rules()
    assert len(rules) == 41  # 36 of format 1, and DL109 DL206 DL208 DL404 DL506 of 1.1
    assert rows == {r.id: (r.name, r.severity) for r in rules}


def test_ci_runs_the_readme_commands():
    for marker in ("<!-- ci:setup -->", "<!-- ci:test -->"):
        assert marker in README
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "readme_command setup" in ci and "readme_command test" in ci
