"""``darklint baseline``: record today's findings so CI fails only on new ones.

It lints with the same settings as ``darklint check`` (configuration, profile, selection), so
the baseline holds exactly what ``check`` would report, and writes the file atomically.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from darklint.cli import EXIT_CLEAN, EXIT_ERROR, fail, split_list


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Baseline file to write. Default: the configuration's `baseline`, "
    "else darklint-baseline.json.",
)
@click.option("--config", "config_file", type=click.Path(dir_okay=False), help="Configuration.")
@click.option("--profile", default=None, help="Profile (rulebook) to lint with.")
@click.option("--select", multiple=True, help="Rules to run: ids, names or id prefixes (DL1).")
@click.option("--extend-select", multiple=True, help="Rules to run in addition.")
@click.option("--ignore", "ignore_", multiple=True, help="Rules not to run.")
@click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(), help="Extra rule directory."
)
@click.option("--jobs", "-j", type=click.IntRange(1), help="Processes.  [default: 1]")
@click.option("--max-bytes", type=click.IntRange(1), help="Largest file read.")
@click.option("--force-exclude", is_flag=True, help="Apply include/exclude to named files too.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
def baseline(
    paths: tuple[str, ...],
    output: str | None,
    config_file: str | None,
    profile: str | None,
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore_: tuple[str, ...],
    rule_dirs: tuple[str, ...],
    jobs: int | None,
    max_bytes: int | None,
    force_exclude: bool,
    quiet: bool,
) -> None:
    """Record today's findings, so check fails only on new ones.

    `darklint check --baseline FILE` (or `baseline:` in the configuration) then sets the
    recorded findings aside and reports only new ones.
    """
    from darklint.baseline import DEFAULT_BASELINE, entries_for, render
    from darklint.engine import lint_paths
    from darklint.progress import progress_bar
    from darklint.report.write import write_atomic
    from darklint.settings import CommandLine, SettingsError, resolve

    try:
        settings = resolve(
            CommandLine(
                config=config_file,
                select=tuple(split_list(select)),
                extend_select=tuple(split_list(extend_select)),
                ignore=tuple(split_list(ignore_)),
                profile=profile,
                rule_dirs=rule_dirs,
                jobs=jobs,
                max_bytes=max_bytes,
                force_exclude=force_exclude,
            )
        )
    except SettingsError as error:
        fail(str(error))
    with progress_bar(quiet) as progress:
        report = lint_paths(
            paths,
            settings.lint_options(),
            jobs=settings.jobs,
            progress=progress,
            path_filter=settings.path_filter,
            force_exclude=settings.force_exclude,
        )
    if not report.files and not report.skipped:
        fail(f"no flow files found in {', '.join(paths)}")
    target = output or settings.baseline or DEFAULT_BASELINE
    findings = report.findings
    entries = entries_for(findings, Path(target).resolve().parent)
    try:
        write_atomic(target, render(entries))
    except OSError as error:
        fail(f"cannot write {target}: {error.strerror or error}")
    recorded = sum(e.count for e in entries)
    click.echo(
        f"Wrote {target}: {recorded} finding{'s' if recorded != 1 else ''} "
        f"({len(entries)} entr{'ies' if len(entries) != 1 else 'y'}) "
        f"in {len(report.files)} file{'s' if len(report.files) != 1 else ''}."
    )
    if report.failed_files:
        for finding in findings:
            if finding.rule_id == "DL001":
                loc = finding.location
                click.echo(f"{loc.path}:{loc.line}:{loc.column}: DL001 {finding.message}", err=True)
        click.echo(
            "darklint: error: files that cannot be linted are not in the baseline; fix them",
            err=True,
        )
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_CLEAN)
