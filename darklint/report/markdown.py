"""The Markdown report: a pull-request or merge-request comment.

A summary table (findings by severity, ignored, files) and a table of findings with file and
line, rule and message. Labels come from flow files that anyone may edit, and a comment is
rendered by GitHub or GitLab for every reviewer, so every piece of text taken from a finding
is escaped: no raw HTML, no Markdown link, no autolinked URL, no @mention. The comment stays
under GitHub's size limit by listing as many findings as fit and counting the rest.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from darklint.engine import RunReport
from darklint.findings import SEVERITY_RANK, Finding
from darklint.report import ReportContext
from darklint.report.common import display_path, severity_counts
from darklint.results import FileResult, RunTally

if TYPE_CHECKING:
    from darklint.report.stream import Sink

#: GitHub refuses comments over 65,536 characters; leave room for what CI tools add.
MAX_CHARS = 60_000
ZWSP = "&#8203;"  # a zero-width space: breaks autolinks and mentions, invisible when read

_MD_PUNCT = re.compile(r"([\\`*_\[\]~|])")
_SCHEME = re.compile(r"(?i)\b(javascript|vbscript|data|file|https?|ftp|mailto|tel)(\s*):")
_WWW = re.compile(r"(?i)\b(www)\.")
_MENTION = re.compile(r"@(?=\w)")
_SAFE_URL = re.compile(r"^https://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+$")


def md_text(text: str) -> str:
    """Text for one table cell, shown exactly as written and unable to act as Markdown.

    HTML-significant characters become entities; the Markdown punctuation that can act inside
    a line (emphasis, code, links, strikethrough, and ``|``, which would end the cell) is
    backslash-escaped; newlines become spaces; and URL schemes,
    ``www.`` and ``@`` get a zero-width space so nothing becomes a link or a mention.
    """
    text = " ".join(text.split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_PUNCT.sub(r"\\\1", text)
    text = _SCHEME.sub(lambda m: f"{m.group(1)}{m.group(2)}{ZWSP}:", text)
    text = _WWW.sub(lambda m: f"{m.group(1)}{ZWSP}.", text)
    return _MENTION.sub(f"@{ZWSP}", text)


_ASCII_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def md_escaped(text: str) -> str:
    """Text of any length shown exactly as written in rendered Markdown, paragraphs kept.

    Every ASCII punctuation character is backslash-escaped (CommonMark lets any of them be),
    so nothing in the text can open a link, an image, a fence, a heading, HTML or an autolink;
    ``@`` also gets a zero-width space against mentions. Lines are joined within a paragraph;
    blank lines still separate paragraphs. For text from custom rule files (SARIF help)."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    escaped = (_ASCII_PUNCT.sub(r"\\\1", " ".join(p.split())) for p in paragraphs)
    return "\n\n".join(e.replace("\\@", f"\\@{ZWSP}") for e in escaped if e)


def rule_cell(finding: Finding) -> str:
    """Rule id linked to its documentation (only a plain https link), then its name."""
    rule_id = md_text(finding.rule_id)
    if _SAFE_URL.match(finding.help_uri or ""):
        rule_id = f"[{rule_id}]({finding.help_uri})"
    return f"{rule_id} {md_text(finding.rule_name)}"


def finding_row(finding: Finding) -> str:
    loc = finding.location
    where = md_text(f"{display_path(loc.path)}:{loc.line}")
    return f"| {where} | {rule_cell(finding)} | {finding.severity} | {md_text(finding.message)} |"


def render(report: RunReport, context: ReportContext) -> str:
    counts = severity_counts(report)
    head = heading(
        counts,
        len(report.files),
        len(report.ignored),
        len(report.baselined),
        len(report.failed_files),
        context,
    )
    return comment(head, [finding_row(f) for f in report.findings], len(report.findings))


def heading(
    counts: dict[str, int],
    files: int,
    ignored: int,
    known: int,
    failed: int,
    context: ReportContext,
) -> list[str]:
    """The comment's opening: the status, the table of counts and the files checked."""
    threshold = SEVERITY_RANK.get(context.fail_on, 2)
    failing = sum(n for severity, n in counts.items() if SEVERITY_RANK[severity] >= threshold)
    if failed:
        status = f"❌ {failed} file(s) could not be linted"
    elif failing:
        status = f"❌ {failing} finding(s) at or above `{context.fail_on}`"
    else:
        status = f"✅ no findings at or above `{context.fail_on}`"
    return [
        "## darklint",
        "",
        status,
        "",
        "| Severity | Count |",
        "| --- | ---: |",
        *(f"| {severity} | {count} |" for severity, count in counts.items()),
        f"| ignored | {ignored} |",
        *([f"| known from the baseline | {known} |"] if known else []),
        "",
        f"{files} file(s) checked.",
        "",
    ]


def comment(lines: list[str], rows: list[str], findings: int) -> str:
    """The comment: ``lines`` then as many finding rows as fit under :data:`MAX_CHARS`
    (``rows`` may stop early, at a row that could not fit), counting the rest."""
    if findings:
        lines += [
            "### Findings",
            "",
            "| File | Rule | Severity | Message |",
            "| --- | --- | --- | --- |",
        ]
        used = sum(len(line) + 1 for line in lines)
        for shown in range(findings):
            row = rows[shown] if shown < len(rows) else None
            if row is None or used + len(row) + 200 > MAX_CHARS:
                rest = findings - shown
                lines += ["", f"… and {rest} more finding(s); see the full report (SARIF or JSON)."]
                break
            lines.append(row)
            used += len(row) + 1
        lines.append("")
    return "\n".join(lines)


class MarkdownWriter:
    """The comment written at the end of the run from its counts and the rows that can fit:
    a comment has a size limit, so what it keeps of the findings is bounded whatever the
    run's size (rows are kept while they could still fit under the limit)."""

    def __init__(self, sink: Sink, context: ReportContext) -> None:
        self.sink = sink
        self.rows: list[str] = []
        self.size = 0
        self.full = False

    def add(self, result: FileResult) -> None:
        for finding in result.report.findings:
            if self.full:
                return
            row = finding_row(finding)
            if self.size + len(row) + 200 > MAX_CHARS:  # cannot fit, whatever the heading
                self.full = True
                return
            self.rows.append(row)
            self.size += len(row) + 1

    def finish(self, tally: RunTally, context: ReportContext) -> None:
        failed = len(tally.failed_files)
        counts = tally.severity_counts()
        head = heading(counts, len(tally.entries), tally.ignored, 0, failed, context)
        self.sink.write(comment(head, self.rows, tally.findings))


def stream(sink: Sink, context: ReportContext) -> MarkdownWriter:
    return MarkdownWriter(sink, context)
