"""``darklint baseline``: record today's findings so CI fails only on new ones.

It lints with the same settings as ``darklint check`` (configuration, profile, selection), so
the baseline holds exactly what ``check`` would report, and writes the file atomically.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from darklint.cli import (
    EXIT_CLEAN,
    EXIT_ERROR,
    lint,
    lint_settings_options,
    note,
    resolve_settings,
    run_inputs,
    write_output,
)

if TYPE_CHECKING:
    from darklint.settings import CommandLine


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Baseline file to write. Default: the configuration's `baseline`, "
    "else darklint-baseline.json.",
)
@lint_settings_options
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def baseline(
    paths: tuple[str, ...],
    output: str | None,
    command_line: CommandLine,
    quiet: bool,
) -> None:
    """Record today's findings, so check fails only on new ones.

    `darklint check --baseline FILE` (or `baseline:` in the configuration) then sets the
    recorded findings aside and reports only new ones.
    """
    from darklint.baseline import DEFAULT_BASELINE, entries_for, render

    settings = resolve_settings(command_line)
    report = lint(paths, settings, quiet)
    target = output or settings.baseline or DEFAULT_BASELINE
    findings = report.findings
    entries = entries_for(findings, Path(target).resolve().parent)
    inputs = run_inputs(dataclasses.replace(settings, baseline=None), report)
    if not write_output(target, render(entries), inputs):
        sys.exit(EXIT_ERROR)
    recorded = sum(e.count for e in entries)
    note(
        f"Wrote {target}: {recorded} finding{'s' if recorded != 1 else ''} "
        f"({len(entries)} entr{'ies' if len(entries) != 1 else 'y'}) "
        f"in {len(report.files)} file{'s' if len(report.files) != 1 else ''}.",
        err=False,
    )
    if report.failed_files:
        for finding in findings:
            if finding.rule_id == "DL001":
                loc = finding.location
                note(f"{loc.path}:{loc.line}:{loc.column}: DL001 {finding.message}")
        note("darklint: error: files that cannot be linted are not in the baseline; fix them")
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_CLEAN)
