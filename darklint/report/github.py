"""GitHub Actions workflow commands: each finding annotates its line in the pull request.

A line ``::error file=F,line=L,col=C,title=T::message`` in a job's log becomes an annotation
on that line. The runner reads these lines as commands, so everything taken from a flow file
is escaped as GitHub documents: ``%``, CR and LF in the message, and also ``:`` and ``,`` in
properties. A hostile label therefore can neither end the command early nor start a new one;
and, as on every terminal channel, its control characters and bidirectional overrides are
shown as escapes (:func:`darklint.safetext.visible_controls`), never passed to the log raw.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from darklint.engine import RunReport
from darklint.findings import Finding
from darklint.report import ReportContext
from darklint.report.common import display_path, summary_text, tally_summary_text
from darklint.results import FileResult, RunTally
from darklint.safetext import visible_controls

if TYPE_CHECKING:
    from darklint.report.stream import Sink

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message: ``%`` first, so the escapes themselves survive."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value, where ``:`` and ``,`` would end the value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(finding: Finding) -> str:
    """One finding as a workflow command line."""
    loc = finding.location
    props = [("file", visible_controls(display_path(loc.path)))]
    if loc.line >= 1:
        props.append(("line", str(loc.line)))
        if loc.column >= 1:
            props.append(("col", str(loc.column)))
    props.append(("title", visible_controls(f"{finding.rule_id} {finding.rule_name}")))
    message = visible_controls(finding.message)
    if finding.fix:
        message += f"\nHow to fix: {visible_controls(finding.fix)}"
    if finding.help_uri:
        message += f"\nSee {visible_controls(finding.help_uri)}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props)
    return f"::{COMMANDS.get(finding.severity, 'warning')} {joined}::{escape_data(message)}"


def render(report: RunReport, context: ReportContext) -> str:
    lines = [command(f) for f in report.findings]
    lines.append(summary_text(report))
    return "\n".join(lines) + "\n"


class GithubWriter:
    """The workflow commands written as files finish; the summary line at the end."""

    def __init__(self, sink: Sink, context: ReportContext) -> None:
        self.sink = sink

    def add(self, result: FileResult) -> None:
        findings = result.report.findings
        if findings:
            self.sink.write("".join(command(f) + "\n" for f in findings))

    def finish(self, tally: RunTally, context: ReportContext) -> None:
        self.sink.write(tally_summary_text(tally) + "\n")


def stream(sink: Sink, context: ReportContext) -> GithubWriter:
    return GithubWriter(sink, context)
