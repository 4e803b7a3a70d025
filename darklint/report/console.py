"""The console report: findings grouped by file, each with its evidence, then a summary.

Each finding opens with ``path:line:col: ID name: message``, the form editors and terminals
make clickable. Evidence paths are shown side by side, step by step, with channel and effort.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from itertools import groupby, zip_longest

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from darklint.engine import RunReport
from darklint.findings import EvidencePath, Finding
from darklint.graph.effort import tenths
from darklint.report import ReportContext

SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
#: Control characters (line breaks included) in labels are shown escaped: a label must never
#: start a new line of output, where CI logs would read it as a command (`::error ...`).
_CONTROL = {c: f"\\x{c:02x}" for c in [*range(32), 127]}
_CONTROL.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def printable(text: str) -> str:
    """Text from a flow file made safe for one line of a terminal or CI log."""
    return text.translate(_CONTROL)


def render(report: RunReport, context: ReportContext) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=context.color,
        no_color=not context.color,
        width=context.width,
        highlight=False,
        soft_wrap=False,
    )
    products = {f.path: f.product for f in report.files}
    shown = report.findings + (report.ignored if context.show_ignored else [])
    shown.sort(key=Finding.sort_key)
    for path, group in groupby(shown, key=lambda f: f.location.path):
        product = products.get(path)
        header = Text(printable(path), style="bold underline")
        if product:
            header.append(f"  ({printable(product)})", style="dim")
        console.print(header)
        for finding in group:
            print_finding(console, finding)
        console.print()
    if context.verbose:
        for path in report.skipped:
            console.print(Text(f"skipped {path}: not a darklint flow file", style="dim"))
    console.print(summary_line(report))
    return buffer.getvalue()


def print_finding(console: Console, finding: Finding) -> None:
    loc = finding.location
    line = Text(f"{printable(loc.path)}:{loc.line}:{loc.column}: ")
    line.append(f"{finding.rule_id} {finding.rule_name}", style=SEVERITY_STYLE[finding.severity])
    line.append(f": {printable(finding.message)}")
    if finding.ignored_reason is not None:
        line.append(f"  [ignored: {printable(finding.ignored_reason)}]", style="dim")
    console.print(line, soft_wrap=True)
    for name, value in finding.facts:
        console.print(Text(f"    {name}: {printable(value)}", style="dim"), soft_wrap=True)
    if finding.paths:
        console.print(paths_table(finding.paths))
    if finding.fix:
        console.print(Text(f"    fix: {printable(finding.fix)}", style="green"), soft_wrap=True)
    if finding.provision:
        provision = " ".join(finding.provision.split())
        console.print(Text(f"    provision: {printable(provision)}", style="dim"), soft_wrap=True)


def paths_table(paths: Iterable[EvidencePath]) -> Table:
    """The evidence paths side by side: one column group per path, one row per step."""
    paths = list(paths)
    table = Table(box=None, padding=(0, 1), pad_edge=False, show_edge=False)
    table.add_column("", style="dim", justify="right")
    for path in paths:
        effort = "" if path.effort is None else f" (effort {tenths(path.effort)})"
        table.add_column(escape(path.title + effort), overflow="fold")
        table.add_column("channel", style="dim")
        table.add_column("effort", justify="right")
    for index, rows in enumerate(zip_longest(*(p.steps for p in paths)), start=1):
        cells: list[str | Text] = [str(index)]
        for row in rows:
            if row is None:
                cells += ["", "", ""]
                continue
            label = printable(row.step)
            if row.action:
                label += f' -> "{printable(row.action)}"'
            if row.note:
                label += f"  [{row.note}]"
            cells += [Text(label), row.channel, tenths(row.effort)]
        table.add_row(*cells)
    return table


def summary_line(report: RunReport) -> Text:
    findings = report.findings
    counts = {s: sum(f.severity == s for f in findings) for s in ("error", "warning", "info")}
    parts = [f"{n} {s}{'s' if n != 1 and s != 'info' else ''}" for s, n in counts.items() if n]
    files = len(report.files)
    text = Text()
    if findings:
        text.append(
            f"Found {len(findings)} finding{'s' if len(findings) != 1 else ''} "
            f"({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}.",
            style="bold",
        )
    else:
        text.append(f"No findings in {files} file{'s' if files != 1 else ''}.", style="bold green")
    if report.ignored:
        text.append(f" {len(report.ignored)} ignored (see --show-ignored).")
    if report.baselined:
        text.append(f" {len(report.baselined)} known from the baseline.")
    failed = report.failed_files
    if failed:
        text.append(
            f" {len(failed)} file{'s' if len(failed) != 1 else ''} could not be linted.",
            style="bold red",
        )
    return text
