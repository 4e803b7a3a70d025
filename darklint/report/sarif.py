"""The SARIF 2.1.0 report: what GitHub code scanning and other SARIF viewers read.

One run, with the rules that ran as ``tool.driver.rules`` (help text, help URI, category tag)
and one result per finding, located by file, line and column relative to ``%SRCROOT%``.
Each result carries darklint's fingerprint as a partial fingerprint, so an alert keeps its
identity when lines move. Ignored findings are results with an in-source suppression, so
viewers show them as dismissed with the authors' reason instead of forgetting them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from darklint import __version__
from darklint.engine import RunReport
from darklint.findings import Finding
from darklint.jsontext import items, pretty
from darklint.law import standing_dict
from darklint.report import ReportContext
from darklint.report.common import artifact_uri, display_path
from darklint.results import FileResult, JsonParts, RunTally

if TYPE_CHECKING:
    from darklint.report.stream import Sink, Spool

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "darklintFingerprint/v1"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
#: GitHub code scanning reads this property to rank alerts that are not security alerts.
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
SRCROOT = "%SRCROOT%"

_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`]+$", re.IGNORECASE)
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
_MD_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s.*)?$")
_HTML_TAG = re.compile(r"<(?=[A-Za-z/!?])")


def render(report: RunReport, context: ReportContext) -> str:
    rules = rule_list(context.rules, report)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    results = [result(f, index) for f in report.findings]
    results += [result(f, index) for f in report.ignored]
    return pretty(sarif_log(rules, results, report.failed_files, context))


def sarif_log(
    rules: list[dict[str, Any]],
    results: list[dict[str, Any]],
    failed_files: list[str],
    context: ReportContext,
) -> dict[str, Any]:
    """The whole SARIF log of one run, around its rule descriptors and results."""
    invocation: dict[str, Any] = {"executionSuccessful": not failed_files}
    if failed_files:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "error",
                "message": {
                    "text": message_text(
                        f"{display_path(path)} could not be linted; see its DL001 results"
                    )
                },
                "locations": [location(path, 0, 0)],
            }
            for path in failed_files
        ]
    driver: dict[str, Any] = {
        "name": "darklint",
        "version": __version__,
        "semanticVersion": __version__,
    }
    docs_url = context.settings.get("docs_url")
    if docs_url and _SAFE_URL.match(docs_url):  # the tool's page only where one is published
        driver["informationUri"] = docs_url
    driver["rules"] = rules
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": Path(os.getcwd()).as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}


# -- rules ------------------------------------------------------------------------------------


def rule_list(rules: tuple[Any, ...], report: RunReport) -> list[dict[str, Any]]:
    """Descriptors of the rules that ran, plus any rule a finding names that is not among them
    (so every result's ruleIndex points somewhere)."""
    out = [rule_descriptor(rule) for rule in rules]
    known = {d["id"] for d in out}
    for finding in [*report.findings, *report.ignored]:
        if finding.rule_id not in known:
            known.add(finding.rule_id)
            out.append(finding_descriptor(finding))
    return out


def rule_descriptor(rule: Any) -> dict[str, Any]:
    """A rule's metadata as a SARIF reportingDescriptor."""
    full = rule.summary + (f" How to fix: {rule.fix}" if rule.fix else "")
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary or rule.name},
        "fullDescription": {"text": full or rule.name},
        "help": {"text": help_text(rule), "markdown": help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "tags": [rule.category],
            "problem.severity": PROBLEM_SEVERITY.get(rule.severity, "warning"),
        },
    }
    if _SAFE_URL.match(rule.help_uri or ""):
        descriptor["helpUri"] = rule.help_uri
    return descriptor


def finding_descriptor(finding: Finding) -> dict[str, Any]:
    """A minimal descriptor for a rule known only from its findings."""
    descriptor: dict[str, Any] = {
        "id": finding.rule_id,
        "name": finding.rule_name,
        "shortDescription": {"text": finding.rule_name},
        "defaultConfiguration": {"level": LEVELS.get(finding.severity, "warning")},
        "properties": {"tags": [finding.category]},
    }
    if _SAFE_URL.match(finding.help_uri or ""):
        descriptor["helpUri"] = finding.help_uri
    return descriptor


def help_text(rule: Any) -> str:
    """The rule's documentation as plain text, with its references spelled out; links that
    are not http(s) are reduced to their text, as in the Markdown help."""
    parts = [rule.summary, safe_markdown(rule.docs.strip(), escape_html=False)]
    if rule.fix:
        parts.append(f"How to fix: {rule.fix}")
    refs = [f"- {ref.title}: {ref.url}" for ref in rule.references if _SAFE_URL.match(ref.url)]
    if refs:
        parts.append("References:\n" + "\n".join(refs))
    return "\n\n".join(p for p in parts if p)


def help_markdown(rule: Any) -> str:
    """The rule's documentation as Markdown. A built-in rule's Markdown is darklint's own
    (links that are not http(s) are still reduced to their text, raw HTML tags shown); a
    custom rule file may come from a pull request, so its summary and documentation are
    escaped text (:func:`~darklint.report.markdown.md_escaped`), never Markdown that acts."""
    if not getattr(rule, "builtin", True):
        from darklint.report.markdown import md_escaped

        parts = [f"**{md_escaped(rule.id)} {md_escaped(rule.name)}**: {md_escaped(rule.summary)}"]
        parts.append(md_escaped(rule.docs))
        refs = [
            f"- [{md_escaped(ref.title)}]({ref.url})"
            for ref in rule.references
            if _SAFE_URL.match(ref.url) and not re.search(r"[()<>\\]", ref.url)
        ]
        if refs:
            parts.append("## References\n\n" + "\n".join(refs))
        return "\n\n".join(p for p in parts if p)
    parts = [f"**{rule.id} {rule.name}**: {rule.summary}", safe_markdown(rule.docs.strip())]
    refs = [
        f"- [{_link_text(ref.title)}]({ref.url})"
        for ref in rule.references
        if _SAFE_URL.match(ref.url) and ")" not in ref.url
    ]
    if refs:
        parts.append("## References\n\n" + "\n".join(refs))
    return "\n\n".join(p for p in parts if p)


def safe_markdown(text: str, escape_html: bool = True) -> str:
    """Markdown with unsafe links unwrapped to their text, unsafe link definitions dropped,
    and (unless ``escape_html`` is false, for plain text) HTML tags escaped, outside code
    fences."""
    out, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced:
            ref = _MD_REF_DEF.match(line)
            if ref and not _SAFE_URL.match(ref.group(1)):
                continue
            line = _MD_LINK.sub(
                lambda m: m.group(0) if _SAFE_URL.match(m.group(2)) else m.group(1), line
            )
            if escape_html:
                line = _HTML_TAG.sub("&lt;", line)
        out.append(line)
    return "\n".join(out)


def _link_text(title: str) -> str:
    return re.sub(r"([\\\[\]<>])", r"\\\1", title)


# -- results ----------------------------------------------------------------------------------


def message_text(text: str) -> str:
    """Plain text for a SARIF message: SARIF reads ``[text](target)`` as an embedded link, so
    literal brackets (and backslashes right before them) are escaped (SARIF 2.1.0, 3.11.6)."""
    return re.sub(r"(\\*)([\[\]])", lambda m: m.group(1) * 2 + "\\" + m.group(2), text)


def location(path: str, line: int, column: int) -> dict[str, Any]:
    """A physicalLocation; the region is left out when the line is unknown."""
    uri, relative = artifact_uri(path)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = SRCROOT
    physical: dict[str, Any] = {"artifactLocation": artifact}
    if line >= 1:
        region: dict[str, Any] = {"startLine": line}
        if column >= 1:
            region["startColumn"] = column
        physical["region"] = region
    return {"physicalLocation": physical}


def result(finding: Finding, index: dict[str, int]) -> dict[str, Any]:
    """One finding as a SARIF result; an ignored one carries its suppression."""
    loc = finding.location
    out: dict[str, Any] = {
        "ruleId": finding.rule_id,
        "ruleIndex": index[finding.rule_id],
        "level": LEVELS.get(finding.severity, "warning"),
        "message": {"text": message_text(finding.message)},
        "locations": [location(loc.path, loc.line, loc.column)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint()},
    }
    properties: dict[str, Any] = {}
    if finding.provenance:
        from darklint.report.jsonout import provenance_dict

        properties["provenance"] = [provenance_dict(p) for p in finding.provenance]
    law = standing_dict(finding.standing, finding.provisions)
    if law is not None:  # status and dates of the provisions behind it, for code scanning
        properties["darklint/law"] = law
    if properties:
        out["properties"] = properties
    if finding.ignored_reason is not None:
        out["suppressions"] = [
            {"kind": "inSource", "status": "accepted", "justification": finding.ignored_reason}
        ]
    return out


# -- written file by file -------------------------------------------------------------------------

#: How the log ends when it has no results; a streamed log puts its results there.
_NO_RESULTS_END = '      "results": []\n    }\n  ]\n}\n'


class SarifWriter:
    """The SARIF log written as files finish. Its rules and invocation come before the
    results, so results are spooled (findings, then ignored findings, as in :func:`render`)
    and the log is written around them at the end. A rule that only findings name gets its
    index in the order :func:`rule_list` gives; an ignored finding of a rule not known yet
    waits for the end (it may still turn up among later files' findings)."""

    def __init__(self, sink: Sink, context: ReportContext) -> None:
        from darklint.report.stream import Spool

        self.sink = sink
        self.rules = [rule_descriptor(rule) for rule in context.rules]
        self.index = {rule["id"]: i for i, rule in enumerate(self.rules)}
        self.own = set(self.index)  # the run's own rules, not those only findings name
        self.results = Spool(b",\n")
        #: Ignored results in order: spooled text, or findings whose rule index is not known.
        self.ignored: list[Spool | list[Finding]] = []
        self.files = 0

    #: A file's results as the text the cache keeps: results that name only the run's own
    #: rules depend on nothing else of the run but the working directory.
    reads = "sarif"

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.sarif is not None:
            self.results.append(result.sarif.findings)
            self._spool().append(result.sarif.ignored)
            return
        report = result.report
        for finding in report.findings:
            if finding.rule_id not in self.index:
                self.index[finding.rule_id] = len(self.rules)
                self.rules.append(finding_descriptor(finding))
        found = self._items(report.findings)
        self.results.append(found)
        known = [f for f in report.ignored if f.rule_id in self.index]
        if len(known) == len(report.ignored):
            ignored = self._items(known)
            self._spool().append(ignored)
            if all(f.rule_id in self.own for f in (*report.findings, *report.ignored)):
                result.sarif = JsonParts(found, ignored)  # for the cache
            return
        for finding in report.ignored:  # rare: one at a time, in order
            if finding.rule_id in self.index:
                self._spool().append(self._items([finding]))
            else:
                if not self.ignored or not isinstance(self.ignored[-1], list):
                    self.ignored.append([])
                self.ignored[-1].append(finding)  # type: ignore[union-attr]

    def _spool(self) -> Spool:
        """Where the next ignored results go: the last spool, or a new one after findings
        that wait for their rule's index."""
        from darklint.report.stream import Spool

        if not self.ignored or not isinstance(self.ignored[-1], Spool):
            self.ignored.append(Spool(b",\n"))
        return self.ignored[-1]  # type: ignore[return-value]

    def _items(self, findings: list[Finding]) -> bytes:
        """Results four levels deep in the log, joined by ``,\\n``, in UTF-8."""
        compiled = True if self.files > 4 else None
        return items([result(f, self.index) for f in findings], 4, compiled)

    def finish(self, tally: RunTally, context: ReportContext) -> None:
        from darklint.report.stream import Spool

        waiting = [f for part in self.ignored if isinstance(part, list) for f in part]
        for finding in waiting:  # rules named only by ignored findings come last
            if finding.rule_id not in self.index:
                self.index[finding.rule_id] = len(self.rules)
                self.rules.append(finding_descriptor(finding))
        parts: list[Spool] = [self.results]
        for part in self.ignored:
            if isinstance(part, list):
                spool = Spool(b",\n")
                spool.append(self._items(part))
                part = spool
            parts.append(part)
        text = pretty(sarif_log(self.rules, [], tally.failed_files, context))
        if all(part.empty for part in parts):
            self.sink.write(text)
            return
        assert text.endswith(_NO_RESULTS_END)
        self.sink.write(text[: -len(_NO_RESULTS_END)] + '      "results": [\n')
        first = True
        for part in parts:
            if part.empty:
                continue
            if not first:
                self.sink.write(",\n")
            part.copy_to(self.sink.write_bytes)
            first = False
        self.sink.write("\n      ]\n    }\n  ]\n}\n")


def stream(sink: Sink, context: ReportContext) -> SarifWriter:
    return SarifWriter(sink, context)
