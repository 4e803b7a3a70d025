"""Hover text: a rule's documentation, and what a finding under the cursor says.

Editors render hovers as Markdown. A finding's message quotes the flow file (labels, step
ids), and rule files may come from anyone, so quoted text is escaped and links that are not
plain https are shown as text, the same way as the pull-request comment and SARIF help do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from darklint.catalog import Rule, find_rule
from darklint.findings import Finding
from darklint.report.markdown import md_text
from darklint.report.sarif import help_markdown

#: What may name a rule under the cursor: an id (DL101, ACME001) or a name (cancel-...).
_RULE_WORD = re.compile(r"[A-Za-z0-9_-]+")


def rule_markdown(rule: Rule) -> str:
    """The rule's documentation and references, and how to fix what it finds."""
    text = help_markdown(rule)
    if rule.fix:
        text += f"\n\n**How to fix:** {md_text(rule.fix)}"
    return text


def finding_markdown(finding: Finding, rule: Rule | None) -> str:
    """One finding: rule, severity, message and fix, then the rule's documentation."""
    lines = [
        f"**{md_text(finding.rule_id)} {md_text(finding.rule_name)}** ({finding.severity}): "
        f"{md_text(finding.message)}"
    ]
    if finding.fix:
        lines.append(f"**Fix:** {md_text(finding.fix)}")
    if finding.provision:
        lines.append(f"**Provision:** {md_text(finding.provision)}")
    if rule is not None:
        lines += ["---", rule_markdown(rule)]
    return "\n\n".join(lines)


def hover_markdown(findings: Iterable[Finding], rules: Sequence[Rule]) -> str:
    """The hover for the findings under the cursor, each rule's documentation once."""
    parts, documented = [], set()
    for finding in findings:
        rule = None if finding.rule_id in documented else find_rule(rules, finding.rule_id)
        documented.add(finding.rule_id)
        parts.append(finding_markdown(finding, rule))
    return "\n\n---\n\n".join(parts)


def rule_at(line: str, column: int, rules: Sequence[Rule]) -> Rule | None:
    """The rule whose id or name is the word at ``column`` of ``line``."""
    for match in _RULE_WORD.finditer(line):
        if match.start() <= column <= match.end():
            return find_rule(rules, match.group(0))
        if match.start() > column:
            break
    return None
