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
from typing import TYPE_CHECKING, Any

from darklint.engine import RunReport
from darklint.findings import Finding
from darklint.jsontext import items, pretty
from darklint.report import ReportContext
from darklint.report.common import display_path
from darklint.results import FileResult, RunTally

if TYPE_CHECKING:
    from darklint.report.stream import Sink

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


def unique_fingerprints(findings: list[Finding], seen: dict[str, int] | None = None) -> list[str]:
    """A fingerprint per finding, stable across moved lines and unique in the report
    (``seen``: the fingerprints of the report so far, when it is written file by file)."""
    seen = {} if seen is None else seen
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


class GitlabWriter:
    """The Code Quality list written as files finish: it holds nothing but the issues, so
    each file's issues are written as they come."""

    def __init__(self, sink: Sink, context: ReportContext) -> None:
        self.sink = sink
        self.seen: dict[str, int] = {}
        self.files = 0
        self.empty = True

    def add(self, result: FileResult) -> None:
        findings = result.report.findings
        self.files += 1
        if not findings:
            return
        fingerprints = unique_fingerprints(findings, self.seen)
        issues = [issue(f, fp) for f, fp in zip(findings, fingerprints, strict=True)]
        self.sink.write("[\n" if self.empty else ",\n")
        self.sink.write_bytes(items(issues, 1, True if self.files > 4 else None))
        self.empty = False

    def finish(self, tally: RunTally, context: ReportContext) -> None:
        self.sink.write("[]\n" if self.empty else "\n]\n")


def stream(sink: Sink, context: ReportContext) -> GitlabWriter:
    return GitlabWriter(sink, context)
