"""The JUnit XML report: CI systems that only understand test results still show findings.

Each flow file is a test suite and each rule that ran on it a test case (classname = the
file, name = rule id and name), so a CI test tab lists every check that passed as well as
the ones that failed. A finding is a ``<failure>`` (message = the finding, type = its
severity); a file that could not be linted is an ``<error>``, as a test that could not run.
Ignored findings are listed in the test case's ``<system-out>`` with their reason.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from typing import TYPE_CHECKING

from darklint.engine import FileReport, RunReport
from darklint.findings import Finding
from darklint.report import ReportContext
from darklint.report.common import display_path, xml_text
from darklint.results import FileResult, RunTally

if TYPE_CHECKING:
    from darklint.report.stream import Sink

INVALID_FILE = "DL001"


XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def render(report: RunReport, context: ReportContext) -> str:
    names = {rule.id: rule.name for rule in context.rules}
    root = ET.Element("testsuites", name="darklint")
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for file in sorted(report.files, key=lambda f: f.path):
        suite = file_suite(file, names)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return XML_DECLARATION + body + "\n"


class JunitWriter:
    """The JUnit XML written as files finish: the root element carries the totals, so each
    file's test suite (one per file, in path order) is spooled and the document is written
    around them at the end, indented as :func:`render` indents the whole tree."""

    def __init__(self, sink: Sink, context: ReportContext) -> None:
        from darklint.report.stream import Spool

        self.sink = sink
        self.names = {rule.id: rule.name for rule in context.rules}
        self.suites = Spool()
        self.totals = {"tests": 0, "failures": 0, "errors": 0}

    def add(self, result: FileResult) -> None:
        suite = file_suite(result.report, self.names)
        for key in self.totals:
            self.totals[key] += int(suite.get(key, "0"))
        ET.indent(suite, level=1)
        text = "\n  " + ET.tostring(suite, encoding="unicode")
        self.suites.append(text.encode("utf-8", "backslashreplace"))

    def finish(self, tally: RunTally, context: ReportContext) -> None:
        root = ET.Element("testsuites", name="darklint")
        for key, value in self.totals.items():
            root.set(key, str(value))
        empty = ET.tostring(root, encoding="unicode")  # <testsuites ... />
        if self.suites.empty:
            self.sink.write(XML_DECLARATION + empty + "\n")
            return
        assert empty.endswith(" />")
        self.sink.write(XML_DECLARATION + empty[: -len(" />")] + ">")
        self.suites.copy_to(self.sink.write_bytes)
        self.sink.write("\n</testsuites>\n")


def stream(sink: Sink, context: ReportContext) -> JunitWriter:
    return JunitWriter(sink, context)


def file_suite(file: FileReport, names: dict[str, str]) -> ET.Element:
    """One file's test suite: a case per rule that ran on it, or an error case if none could."""
    path = display_path(file.path)
    names = dict(names)
    suite = ET.Element("testsuite", name=xml_text(path))
    by_rule: dict[str, list[Finding]] = defaultdict(list)
    ignored: dict[str, list[Finding]] = defaultdict(list)
    for finding in file.findings:
        by_rule[finding.rule_id].append(finding)
    for finding in file.ignored:
        ignored[finding.rule_id].append(finding)
    for finding in [*file.findings, *file.ignored]:
        names.setdefault(finding.rule_id, finding.rule_name)
    # A file that could not be linted ran only the file check: nothing else could run.
    rule_ids = sorted(set(names) | set(by_rule) | set(ignored)) if file.linted else [INVALID_FILE]
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for rule_id in rule_ids:
        case = ET.SubElement(
            suite,
            "testcase",
            name=xml_text(f"{rule_id} {names.get(rule_id, '')}".strip()),
            classname=xml_text(path),
        )
        counts["tests"] += 1
        tag = "failure" if file.linted else "error"
        for finding in by_rule.get(rule_id, []):
            case.append(outcome_element(tag, finding))
        if by_rule.get(rule_id):
            counts["failures" if file.linted else "errors"] += 1
        if ignored.get(rule_id):
            out = ET.SubElement(case, "system-out")
            out.text = xml_text(
                "\n".join(
                    f"ignored: {where(f)}: {f.message} (reason: {f.ignored_reason})"
                    for f in ignored[rule_id]
                )
            )
    for key, value in counts.items():
        suite.set(key, str(value))
    return suite


def outcome_element(tag: str, finding: Finding) -> ET.Element:
    """A ``<failure>`` or ``<error>``: message and type attributes, details in the body."""
    element = ET.Element(tag, message=xml_text(finding.message), type=finding.severity)
    lines: list[str] = [
        f"{where(finding)}: {finding.rule_id} {finding.rule_name}: {finding.message}"
    ]
    if finding.fix:
        lines.append(f"How to fix: {finding.fix}")
    if finding.help_uri:
        lines.append(f"See {finding.help_uri}")
    element.text = xml_text("\n".join(lines))
    return element


def where(finding: Finding) -> str:
    loc = finding.location
    return f"{display_path(loc.path)}:{loc.line}:{loc.column}"
