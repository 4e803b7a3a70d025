"""The console report: findings grouped by file, each with its evidence, then a summary.

Each finding opens with ``path:line:col: ID name: message``, the form editors and terminals
make clickable. Evidence paths are shown side by side, step by step, with channel and effort;
a path already drawn for an earlier finding of the file is referred to by its number instead.
``--output-format concise`` prints the first line of each finding only, ``grouped`` lists a
file's findings under one heading per rule, and ``--statistics`` counts findings per rule.

The console report is what CI logs show, so no line of it begins with text from a flow file:
every line that carries input text starts with darklint's own words or an indent and is never
wrapped by darklint (the terminal may fold it on screen; the log keeps one line), the evidence
table folds long labels inside its columns, after the step-number column, and all input text
goes through :func:`darklint.safetext.terminal_text`.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from itertools import groupby, zip_longest
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from darklint.engine import RunReport
from darklint.findings import EvidencePath, EvidenceStep, Finding, Provenance
from darklint.graph.effort import tenths
from darklint.report import ReportContext
from darklint.report.plain_table import table_lines
from darklint.results import FileResult, RunTally
from darklint.safetext import terminal_text

if TYPE_CHECKING:
    from darklint.report.stream import Sink

#: What rich may render differently when a table title passes through markup.
_MARKUP = re.compile(r"[:\\\[]")
SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: Text from a flow file made safe for a terminal or CI log (see :mod:`darklint.safetext`).
printable = terminal_text


def render(report: RunReport, context: ReportContext) -> str:
    buffer = io.StringIO()
    console = new_console(buffer, context)
    shown = report.findings + (report.ignored if context.show_ignored else [])
    shown.sort(key=Finding.sort_key)
    if context.statistics:
        print_statistics(console, statistics(shown))
    else:
        products = {f.path: f.product for f in report.files}
        print_findings(console, shown, products, context)
    print_ending(console, context, report.skipped)
    if not context.quiet:
        console.print(summary_line(report))
    return plain(buffer.getvalue(), context)


def new_console(buffer: io.StringIO, context: ReportContext) -> Console:
    return Console(
        file=buffer,
        force_terminal=context.color,
        no_color=not context.color,
        width=context.width,
        highlight=False,
        soft_wrap=False,
    )


def plain(text: str, context: ReportContext) -> str:
    """Without colour, tables pad their cells: no trailing spaces in logs and pipes."""
    if context.color:
        return text
    return "".join(line.rstrip() + "\n" for line in text.splitlines())


def print_findings(
    console: Console, shown: list[Finding], products: dict[str, str | None], context: ReportContext
) -> None:
    """Findings (sorted) one per line (concise), or under a heading per file with their
    evidence (full) or grouped by rule (grouped)."""
    if context.output_format == "concise":
        for finding in shown:
            print_line(console, finding_line(finding))
        return
    for path, group in groupby(shown, key=lambda f: f.location.path):
        header = Text(printable(path), style="bold underline")
        product = products.get(path)
        if product:
            header.append(f"  ({printable(product)})", style="dim")
        console.print(header, soft_wrap=True)
        if context.output_format == "grouped":
            print_by_rule(console, list(group))
        else:
            evidence = EvidenceIndex()
            for finding in group:
                print_finding(console, finding, evidence)
        console.print()


def print_ending(console: Console, context: ReportContext, skipped: list[str]) -> None:
    """What follows the findings: skipped files (verbose) and the assessment."""
    if context.verbose:
        for path in skipped:
            console.print(
                Text(f"skipped {printable(path)}: not a darklint flow file", style="dim"),
                soft_wrap=True,
            )
    if context.assessment is not None:
        print_assessment(console, context.assessment)


class ConsoleWriter:
    """The console report written as files finish: each file's findings as they come, then
    the skipped files, the assessment and the summary line; ``--statistics`` counts only."""

    def __init__(self, sink: Sink, context: ReportContext) -> None:
        self.sink = sink
        self.context = context
        self.buffer = io.StringIO()
        self.console = new_console(self.buffer, context)
        self.counts: Counter[tuple[str, str, str]] = Counter()

    def add(self, result: FileResult) -> None:
        report = result.report
        shown = report.findings + (report.ignored if self.context.show_ignored else [])
        shown.sort(key=Finding.sort_key)
        if self.context.statistics:
            self.counts.update(statistics(shown))
            return
        print_findings(self.console, shown, {report.path: report.product}, self.context)
        self._flush()

    def finish(self, tally: RunTally, context: ReportContext) -> None:
        if context.statistics:
            print_statistics(self.console, self.counts)
        print_ending(self.console, context, tally.skipped)
        if not context.quiet:
            failed = len(tally.failed_files)
            counts = tally.severity_counts()
            self.console.print(summary_text(counts, len(tally.entries), tally.ignored, 0, failed))
        self._flush()

    def _flush(self) -> None:
        text = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        self.sink.write(plain(text, self.context))


def stream(sink: Sink, context: ReportContext) -> ConsoleWriter:
    return ConsoleWriter(sink, context)


def finding_line(finding: Finding) -> Text:
    """``path:line:col: ID name: message``: one line, which editors make clickable."""
    loc = finding.location
    line = Text(f"{printable(loc.path)}:{loc.line}:{loc.column}: ")
    line.append(f"{finding.rule_id} {finding.rule_name}", style=SEVERITY_STYLE[finding.severity])
    line.append(f": {printable(finding.message)}")
    if finding.ignored_reason is not None:
        line.append(f"  [ignored: {printable(finding.ignored_reason)}]", style="dim")
    return line


class EvidenceIndex:
    """Evidence paths already shown in a file, so each distinct path is drawn once and the
    findings after it refer to it (six rules about one cancel path show one table)."""

    def __init__(self) -> None:
        self.shown: dict[tuple[EvidenceStep, ...], tuple[int, str]] = {}

    def split(
        self, finding: Finding
    ) -> tuple[list[tuple[int, EvidencePath]], list[tuple[int, str, EvidencePath]]]:
        """(paths to draw, numbered; paths drawn before: number, where, path)."""
        new, seen = [], []
        for path in finding.paths:
            known = self.shown.get(path.steps)
            if known is None:
                number = len(self.shown) + 1
                loc = finding.location
                self.shown[path.steps] = (number, f"{finding.rule_id} at {loc.line}:{loc.column}")
                new.append((number, path))
            else:
                seen.append((*known, path))
        return new, seen


def print_finding(console: Console, finding: Finding, evidence: EvidenceIndex) -> None:
    print_line(console, finding_line(finding))
    for name, value in finding.facts:
        print_line(console, Text(f"    {name}: {printable(value)}", style="dim"))
    for source in ("observed", "declared"):
        items = [describe(item, source) for item in finding.provenance]
        if any(items):
            listing = "; ".join(printable(i) for i in items if i)
            print_line(console, Text(f"    {source}: {listing}", style="dim"))
    new, seen = evidence.split(finding)
    if new:
        print_paths(console, new)
    for number, where, path in seen:
        effort = "" if path.effort is None else f" (effort {tenths(path.effort)})"
        print_line(
            console,
            Text(
                f"    evidence: {printable(path.title)}{effort}: "
                f"path #{number}, shown above ({where})"
            ),
            style="dim",
        )
    if finding.fix:
        print_line(console, Text(f"    fix: {printable(finding.fix)}", style="green"))
    for provision in finding.provisions:
        source = f" <{provision.source.url}>" if provision.source else ""
        text = f"    provision: {provision.text} [{provision.when()}]{source}"
        print_line(console, Text(printable(text), style="dim"))
    if finding.provision and not finding.provisions:
        provision = " ".join(finding.provision.split())
        print_line(console, Text(f"    provision: {printable(provision)}", style="dim"))


def print_line(console: Console, line: Text, style: str | None = None) -> None:
    """Print one line that is never wrapped (``soft_wrap``). Without colours (a CI log, a
    file, a pipe) rich would write its plain text as it is, so it is written directly:
    rich's rendering of one line costs more than linting a step, and a large file prints
    tens of thousands of them."""
    if console.color_system is None and "\t" not in line.plain and not console.record:
        console.file.write(line.plain + line.end)
    else:
        console.print(line, style=style, soft_wrap=True)


def describe(item: Provenance, source: str) -> str:
    """``offer (text, timer)`` or ``offer › 'No thanks' (label, emphasis)``: the keys of one
    evidence item that were observed (or declared); empty when there are none."""
    keys = item.observed if source == "observed" else item.declared
    if not keys:
        return ""
    where = item.step if item.item == "step" else f"{item.step} › {item.item}"
    return f"{where} ({', '.join(keys)})"


def print_assessment(console: Console, matrix) -> None:
    """The provision x product matrix of ``--assess``: one row per provision, one column per
    product, each cell a verdict and what explains it (the missing facts to fill in)."""
    counts = ", ".join(f"{n} {verdict}" for verdict, n in matrix.counts().items())
    table = Table(
        title=escape(f"Assessment: profile {matrix.profile}, the law as of {matrix.as_of}"),
        caption=escape(counts),
        show_lines=True,
    )
    table.add_column("rule")
    table.add_column("provision", overflow="fold", ratio=3)
    table.add_column("status", overflow="fold")
    for name, _ in matrix.products:
        table.add_column(escape(printable(name)), overflow="fold", ratio=2)
    for row in matrix.rows:
        provision = row.provision.text if row.provision else "-"
        cells = [Text(row.rule), Text(printable(provision)), Text(row.standing)]
        for cell in row.cells:
            text = Text(cell.verdict, style=VERDICT_STYLE.get(cell.verdict, ""))
            for detail in cell.details:
                text.append("\n" + printable(detail), style="dim")
            cells.append(text)
        table.add_row(*cells)
    console.print(table)
    console.print()


VERDICT_STYLE = {
    "fails": "bold red",
    "not assessable": "yellow",
    "passes": "green",
    "does not apply": "dim",
}


def print_by_rule(console: Console, findings: list[Finding]) -> None:
    """One file's findings under one heading per rule, each as ``line:col: message``."""
    for (rule_id, name, severity), group in groupby(
        sorted(findings, key=lambda f: (f.rule_id, f.sort_key())),
        key=lambda f: (f.rule_id, f.rule_name, f.severity),
    ):
        group = list(group)
        heading = Text("  ")
        heading.append(f"{rule_id} {name}", style=SEVERITY_STYLE[severity])
        count = f"{len(group)} finding{'s' if len(group) != 1 else ''}"
        heading.append(f"  ({severity}, {count})", style="dim")
        console.print(heading)
        for finding in group:
            loc = finding.location
            line = Text(f"    {loc.line}:{loc.column}: {printable(finding.message)}")
            if finding.ignored_reason is not None:
                line.append(f"  [ignored: {printable(finding.ignored_reason)}]", style="dim")
            print_line(console, line)


def statistics(findings: list[Finding]) -> Counter[tuple[str, str, str]]:
    """Findings counted per (rule id, name, severity)."""
    return Counter((f.rule_id, f.rule_name, f.severity) for f in findings)


def print_statistics(console: Console, counts: Counter[tuple[str, str, str]]) -> None:
    """Findings counted per rule, most frequent first (``--statistics``)."""
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_header=False)
    table.add_column(justify="right")
    for _ in range(3):
        table.add_column()
    for (rule_id, name, severity), count in sorted(counts.items(), key=lambda i: (-i[1], i[0])):
        table.add_row(str(count), rule_id, name, severity)
    if counts:
        console.print(table)
        console.print()


def print_paths(console: Console, paths: list[tuple[int, EvidencePath]]) -> None:
    """Evidence paths side by side (:func:`paths_table`). Without colours (a CI log, a file,
    a pipe) the table is written as plain lines laid out as rich lays it out, folding
    included (:mod:`darklint.report.plain_table`): rich's general layout costs milliseconds
    per table, and a large run shows thousands. A table in colour, or one whose cells rich
    lays out specially, goes through rich."""
    header, rows = _paths_cells(paths)
    lines = None
    if console.color_system is None and not console.record:
        # a title is printed as escaped markup, which turns ``:name:`` into an emoji and
        # may not give back every backslash before a bracket
        shown = [
            console.render_str(escape(cell)).plain if _MARKUP.search(cell) else cell
            for cell in header
        ]
        right = [column % 3 == 0 for column in range(len(header))]
        fold = [column % 3 == 1 for column in range(len(header))]  # the steps' column
        lines = table_lines(shown, rows, console.width, right, fold)
    if lines is None:
        console.print(paths_table(header, rows))
    else:
        console.file.write("".join(lines))


def _paths_cells(paths: list[tuple[int, EvidencePath]]) -> tuple[list[str], list[list[str]]]:
    """The evidence table's header and rows as plain text: a step-number column, then per
    path its steps (with the action taken and what the effort is made of), channel and
    effort. The numbers (columns 0, 3, 6...) are right-aligned; a path shorter than another
    has empty cells below its last step."""
    header = [""]
    for number, path in paths:
        effort = "" if path.effort is None else f" (effort {tenths(path.effort)})"
        header += [f"#{number} {printable(path.title)}{effort}", "channel", "effort"]
    rows = []
    for index, steps in enumerate(zip_longest(*(p.steps for _, p in paths)), start=1):
        cells = [str(index)]
        for row in steps:
            if row is None:
                cells += ["", "", ""]
                continue
            label = printable(row.step)
            if row.action:
                label += f' -> "{printable(row.action)}"'
            if row.note:
                label += f"  [{printable(row.note)}]"
            cells += [label, printable(row.channel), tenths(row.effort)]
        rows.append(cells)
    return header, rows


def paths_table(header: list[str], rows: list[list[str]]) -> Table:
    """Evidence paths side by side, each headed by its number: one column group per path,
    one row per step (cells from :func:`_paths_cells`)."""
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False)
    table.add_column("", style="dim", justify="right")
    for title in header[1::3]:
        table.add_column(escape(title), overflow="fold")
        table.add_column("channel", style="dim")
        table.add_column("effort", justify="right")
    for cells in rows:
        shown: list[str | Text] = [cells[0]]
        for label, channel, effort in zip(cells[1::3], cells[2::3], cells[3::3], strict=True):
            if not effort:  # below the end of a shorter path
                shown += ["", "", ""]
            else:
                shown += [Text(label), Text(channel), effort]
        table.add_row(*shown)
    return table


def summary_line(report: RunReport) -> Text:
    findings = report.findings
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    failed = len(report.failed_files)
    return summary_text(
        counts, len(report.files), len(report.ignored), len(report.baselined), failed
    )


def summary_text(counts: dict[str, int], files: int, ignored: int, known: int, failed: int) -> Text:
    """The closing line: findings per severity, files, ignored, baselined and failed files."""
    total = sum(counts.values())
    parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items() if n]
    text = Text()
    if total:
        text.append(
            f"Found {total} finding{'s' if total != 1 else ''} "
            f"({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}.",
            style="bold",
        )
    else:
        text.append(f"No findings in {files} file{'s' if files != 1 else ''}.", style="bold green")
    if ignored:
        text.append(f" {ignored} ignored (see --show-ignored).")
    if known:
        text.append(f" {known} known from the baseline.")
    if failed:
        text.append(
            f" {failed} file{'s' if failed != 1 else ''} could not be linted.",
            style="bold red",
        )
    return text
