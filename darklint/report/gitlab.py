"""The GitLab Code Quality report: findings in the merge request's Code Quality widget.

GitLab reads a JSON list of issues, each with a description, a check name, a severity
(info, minor, major, critical, blocker), a location (path and first line) and a fingerprint
that must be unique within the report: GitLab keeps only the first issue of a fingerprint.
darklint's own fingerprint leaves out the file (it follows a product), so the file's path is
added here, and a counter separates the rare findings that would still collide. Ignored
findings are left out: Code Quality has no notion of a suppressed issue.
"""

from __future__ import annotations

import hashlib
from typing import Any

from darklint.engine import RunReport
from darklint.findings import Finding
from darklint.jsontext import pretty
from darklint.report import ReportContext
from darklint.report.common import display_path

#: darklint severity -> Code Quality severity. An error is something a regulator or a court
#: has called unlawful or deceptive, hence critical; "blocker" is left to teams' own policies.
SEVERITIES = {"error": "critical", "warning": "major", "info": "info"}


def issue(finding: Finding, fingerprint: str) -> dict[str, Any]:
    """One finding as a Code Quality issue."""
    return {
        "description": f"{finding.rule_id} {finding.rule_name}: {finding.message}",
        "check_name": finding.rule_id,
        "fingerprint": fingerprint,
        "severity": SEVERITIES.get(finding.severity, "minor"),
        "location": {
            "path": display_path(finding.location.path),
            "lines": {"begin": max(1, finding.location.line)},
        },
    }


def unique_fingerprints(findings: list[Finding]) -> list[str]:
    """A fingerprint per finding, stable across moved lines and unique in the report."""
    seen: dict[str, int] = {}
    out = []
    for finding in findings:
        base = f"{display_path(finding.location.path)}\x1f{finding.fingerprint()}"
        count = seen.get(base, 0)
        seen[base] = count + 1
        text = base if count == 0 else f"{base}\x1f{count}"
        out.append(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32])
    return out


def render(report: RunReport, context: ReportContext) -> str:
    findings = report.findings
    issues = [issue(f, fp) for f, fp in zip(findings, unique_fingerprints(findings), strict=True)]
    return pretty(issues)
