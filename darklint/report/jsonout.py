"""The JSON report: a documented, stable shape for scripts (see README, "JSON output")."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from darklint import __version__
from darklint.engine import FileReport, RunReport
from darklint.findings import Finding, Provenance
from darklint.jsontext import items, member, pretty
from darklint.law import provision_dict, standing_dict
from darklint.report import ReportContext
from darklint.results import FileResult, JsonParts, RunTally

if TYPE_CHECKING:
    from darklint.report.stream import Sink

#: Version of the JSON shape; bumped only on an incompatible change.
JSON_SCHEMA_VERSION = 1


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as plain JSON data (also used by other machine-readable reporters)."""
    out: dict[str, Any] = {
        "rule": finding.rule_id,
        "name": finding.rule_name,
        "severity": finding.severity,
        "category": finding.category,
        "message": finding.message,
        "path": finding.location.path,
        "line": finding.location.line,
        "column": finding.location.column,
        "product": finding.product,
        "flow": finding.flow,
        "step": finding.step,
        "fix": finding.fix,
        "help_uri": finding.help_uri,
        "provision": finding.provision or None,
        "law": standing_dict(finding.standing, finding.provisions),
        "fingerprint": finding.fingerprint(),
        "evidence": {
            "paths": [
                {
                    "title": p.title,
                    "role": p.role,
                    "effort": None if p.effort is None else p.effort / 10,
                    "steps": [
                        {
                            "flow": s.flow,
                            "step": s.step,
                            "kind": s.kind,
                            "channel": s.channel,
                            "action": s.action,
                            "effort": s.effort / 10,
                            "note": s.note,
                            "line": s.location.line,
                        }
                        for s in p.steps
                    ],
                }
                for p in finding.paths
            ],
            "facts": dict(finding.facts),
            "provenance": [provenance_dict(p) for p in finding.provenance],
        },
    }
    if finding.ignored_reason is not None:
        out["ignored_reason"] = finding.ignored_reason
    return out


def provenance_dict(item: Provenance) -> dict[str, Any]:
    """Which facts of one evidence item were observed in the running product, which declared."""
    return {
        "flow": item.flow,
        "step": item.step,
        "item": item.item,
        "observed": list(item.observed),
        "declared": list(item.declared),
    }


def summary(report: RunReport) -> dict[str, Any]:
    findings = report.findings
    return {
        "files": len(report.files),
        "products": sum(1 for f in report.files if f.product is not None),
        "findings": len(findings),
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
        "info": sum(f.severity == "info" for f in findings),
        "ignored": len(report.ignored),
        "baselined": len(report.baselined),
        "baseline_fixed": [asdict(e) for e in report.baseline_fixed],
        "failed_files": report.failed_files,
    }


def assessment_dict(matrix: Any) -> dict[str, Any]:
    """The provision x product matrix of ``--assess`` as plain data."""
    return {
        "profile": matrix.profile,
        "as_of": matrix.as_of,
        "products": [{"product": name, "path": path} for name, path in matrix.products],
        "counts": matrix.counts(),
        "rows": [
            {
                "rule": row.rule,
                "name": row.rule_name,
                "provision": provision_dict(row.provision) if row.provision else None,
                "standing": row.standing,
                "verdicts": [
                    {"verdict": cell.verdict, "details": list(cell.details)} for cell in row.cells
                ],
            }
            for row in matrix.rows
        ],
    }


def render(report: RunReport, context: ReportContext) -> str:
    data = {
        "darklint": __version__,
        "schema_version": JSON_SCHEMA_VERSION,
        "summary": summary(report),
        "findings": [finding_dict(f) for f in report.findings],
        "ignored": [finding_dict(f) for f in report.ignored],
        "skipped": report.skipped,
    }
    if context.assessment is not None:
        data["assessment"] = assessment_dict(context.assessment)
    return pretty(data)


# -- written file by file -------------------------------------------------------------------------


def json_parts(report: FileReport, compiled: bool | None = None) -> JsonParts:
    """A file's findings and ignored findings as the report writes them (also what the
    result cache keeps, so a re-run copies this text instead of rebuilding findings)."""
    return JsonParts(
        items([finding_dict(f) for f in report.findings], 2, compiled),
        items([finding_dict(f) for f in report.ignored], 2, compiled),
    )


#: Files after which a streamed report has msgspec write every file's part (importing it
#: costs more than a few small files' text; beyond, it writes ten times as fast).
COMPILED_AFTER = 4


class JsonWriter:
    """The JSON report written as files finish: findings and ignored findings go to spools,
    and the document (summary first) is written once the totals are known."""

    reads = "json"  # a file's findings as the text the cache keeps

    def __init__(self, sink: Sink, context: ReportContext) -> None:
        from darklint.report.stream import Spool

        self.sink = sink
        self.findings = Spool(b",\n")
        self.ignored = Spool(b",\n")
        self.files = 0

    def add(self, result: FileResult) -> None:
        if result.json is None:
            compiled = True if self.files >= COMPILED_AFTER else None
            result.json = json_parts(result.report, compiled)
        self.files += 1
        self.findings.append(result.json.findings)
        self.ignored.append(result.json.ignored)

    def finish(self, tally: RunTally, context: ReportContext) -> None:
        write = self.sink.write
        head = {"darklint": __version__, "schema_version": JSON_SCHEMA_VERSION}
        write("{\n")
        for key, value in head.items():
            write(member(key, pretty(value)) + ",\n")
        write(member("summary", pretty(tally_summary(tally))) + ",\n")
        for key, spool in (("findings", self.findings), ("ignored", self.ignored)):
            if spool.empty:
                write(f'  "{key}": [],\n')
                continue
            write(f'  "{key}": [\n')
            spool.copy_to(self.sink.write_bytes)
            write("\n  ],\n")
        last = context.assessment is None
        write(member("skipped", pretty(tally.skipped)) + ("\n" if last else ",\n"))
        if not last:
            write(member("assessment", pretty(assessment_dict(context.assessment))) + "\n")
        write("}\n")


def tally_summary(tally: RunTally) -> dict[str, Any]:
    """:func:`summary` from a run's totals."""
    return {
        "files": len(tally.entries),
        "products": tally.products,
        "findings": tally.findings,
        "errors": tally.errors,
        "warnings": tally.warnings,
        "info": tally.info,
        "ignored": tally.ignored,
        "baselined": 0,
        "baseline_fixed": [],
        "failed_files": tally.failed_files,
    }


def stream(sink: Sink, context: ReportContext) -> JsonWriter:
    return JsonWriter(sink, context)
