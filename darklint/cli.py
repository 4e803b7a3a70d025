"""The command line: ``darklint check``, ``rules``, ``explain``.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 bad usage or a file
that could not be linted (the other files are still linted and reported). Heavy modules
(rich, reporters, the engine) are imported inside commands so start-up stays lean.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NoReturn

import click

from darklint import __version__
from darklint.engagement import Engagement, engagement_text

if TYPE_CHECKING:
    from darklint.cache import ResultCache
    from darklint.engine import LintOptions, RunReport
    from darklint.report import ReportContext
    from darklint.settings import CommandLine, Settings

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def split_list(values: Sequence[str]) -> list[str]:
    """Flags may repeat or hold comma-separated lists: --select DL101,DL102 --select DL3."""
    return [item.strip() for value in values for item in value.split(",") if item.strip()]


def use_color(stream) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def note(message: str, err: bool = True) -> None:
    """A line on stderr (or stdout). Messages quote inputs (file names, configuration values,
    rule files), so the text is made safe for a terminal or CI log first."""
    from darklint.safetext import terminal_text

    click.echo(terminal_text(message), err=err)


def fail(message: str) -> NoReturn:
    """A usage error: a plain message on stderr and exit code 2, never a traceback."""
    note(f"darklint: error: {message}")
    sys.exit(EXIT_ERROR)


def load_catalog(rule_dirs: Sequence[str]):
    from darklint.catalog import RuleFileError, load_rules
    from darklint.engine import validate_rules

    try:
        rules = load_rules(rule_dirs)
        validate_rules(rules)
    except RuleFileError as error:
        fail(str(error))
    return rules


def _engagement_option(ctx: click.Context, param: click.Parameter, value: str | None):
    """--title, --scope, --author: checked as the configuration's ``report:`` section is."""
    if value is None:
        return None
    try:
        return engagement_text(value, param.name or "")
    except ValueError as error:
        raise click.BadParameter(str(error)) from None


def parse_formats(values: Sequence[str]) -> list[tuple[str, str | None]]:
    """``-f console -f json:out.json``: (format, output path or None for stdout)."""
    from darklint.report import REPORTERS

    outputs = []
    for value in values or ("console",):
        name, _, path = value.partition(":")
        if name not in REPORTERS:
            from darklint.config import suggest

            fail(
                f"unknown format '{name}'{suggest(name, REPORTERS)}; "
                f"choose from {', '.join(sorted(REPORTERS))}"
            )
        outputs.append((name, path or None))
    if sum(1 for _, path in outputs if path is None) > 1:
        fail("only one format can go to standard output; give the others a file: -f json:out.json")
    return outputs


#: Commands that live in their own modules, imported only when run: name -> "module:attr".
LAZY_COMMANDS: dict[str, str] = {
    "schema": "darklint.commands.schema:schema",
    "docs": "darklint.commands.docs:docs",
    "baseline": "darklint.commands.baseline:baseline",
    "init": "darklint.commands.init:init",
    "graph": "darklint.commands.graph:graph",
    "import": "darklint.commands.importer:import_group",
    "lsp": "darklint.commands.lsp:lsp",
    "diff": "darklint.commands.diff:diff",
}


class LazyGroup(click.Group):
    """A command group whose bigger commands are imported only when invoked."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in LAZY_COMMANDS:
            import importlib

            module, _, attr = LAZY_COMMANDS[name].partition(":")
            return getattr(importlib.import_module(module), attr)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="darklint")
def main() -> None:
    """darklint: lint product flows for dark patterns before launch."""
    for stream in (sys.stdout, sys.stderr):  # a file name that is not UTF-8 prints escaped
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


#: ``--docs-url``: shared by the linting commands and ``darklint schema``.
DOCS_URL_OPTION = click.option(
    "--docs-url",
    metavar="URL",
    help="Where darklint's documentation is published (its repository files): help links "
    "and the schema's $id point there.  [default: the copy inside the installed package]",
)


def lint_settings_options(function: Callable[..., None]) -> Callable[..., None]:
    """The options every linting command shares (`check`, `baseline`), handed to the command
    as one :class:`~darklint.settings.CommandLine` so both resolve settings the same way."""

    @functools.wraps(function)
    def command(
        *args: object,
        config_file: str | None,
        profiles: tuple[str, ...],
        as_of: datetime | None,
        select: tuple[str, ...],
        extend_select: tuple[str, ...],
        ignore_: tuple[str, ...],
        rule_dirs: tuple[str, ...],
        jobs: int | None,
        max_bytes: int | None,
        force_exclude: bool,
        cache: bool,
        cache_dir: str | None,
        docs_url: str | None,
        **kwargs: object,
    ) -> None:
        from darklint.settings import CommandLine

        typed = CommandLine(
            config=config_file,
            select=tuple(split_list(select)),
            extend_select=tuple(split_list(extend_select)),
            ignore=tuple(split_list(ignore_)),
            profiles=profiles,
            as_of=as_of.date() if as_of else None,
            rule_dirs=rule_dirs,
            jobs=jobs,
            max_bytes=max_bytes,
            force_exclude=force_exclude,
            cache=cache,
            cache_dir=cache_dir,
            docs_url=docs_url,
        )
        function(*args, command_line=typed, **kwargs)

    options = [
        click.option(
            "--config",
            "config_file",
            type=click.Path(dir_okay=False),
            help="Configuration file. Default: the nearest darklint.yaml, .darklint.yaml or "
            "pyproject.toml [tool.darklint], from here upwards.",
        ),
        click.option(
            "--profile",
            "profiles",
            multiple=True,
            help="Profile (rulebook); repeat to compose them, later ones winning on thresholds.  "
            "[default: recommended]",
        ),
        click.option(
            "--as-of",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            default=None,
            help="Judge the law as of this day (YYYY-MM-DD): findings under provisions not yet "
            "in force are upcoming (info).  [default: today]",
        ),
        click.option("--select", multiple=True, help="Rules to run: ids, names or id prefixes."),
        click.option("--extend-select", multiple=True, help="Rules to run in addition."),
        click.option("--ignore", "ignore_", multiple=True, help="Rules not to run."),
        click.option(
            "--rules", "rule_dirs", multiple=True, type=click.Path(), help="Extra rule directory."
        ),
        click.option(
            "--jobs",
            "-j",
            type=click.IntRange(1),
            help="Processes.  [default: one per free core when there are enough files]",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(1),
            help="Largest file read, in bytes; above the default a run may take more than "
            "5 s and 500 MB.  [default: 2 MiB]",
        ),
        click.option(
            "--force-exclude",
            is_flag=True,
            help="Treat named files like files found in directories: apply include/exclude "
            "and skip YAML that is not a flow file (for pre-commit).",
        ),
        click.option(
            "--cache/--no-cache",
            default=True,
            help="Reuse results of earlier runs for files whose bytes and settings are "
            "unchanged.  [default: on]",
        ),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False),
            help="Where results are kept.  [default: .darklint_cache beside the configuration "
            "file, or here]",
        ),
        DOCS_URL_OPTION,
    ]
    for option in reversed(options):
        command = option(command)
    return command


def resolve_settings(command_line: CommandLine) -> Settings:
    """Settings from configuration, profile and flags; a bad one is a usage error (exit 2)."""
    from darklint.settings import SettingsError, resolve

    try:
        return resolve(command_line)
    except SettingsError as error:
        fail(str(error))


#: How standard input is named in findings when ``--stdin-filename`` is not given.
STDIN_NAME = "<stdin>"


def lint(
    paths: Sequence[str],
    settings: Settings,
    quiet: bool,
    keep_products: bool = False,
    stdin_filename: str | None = None,
) -> RunReport:
    """Lint the paths with resolved settings, with a progress bar on a terminal.

    ``-`` stands for standard input, linted as the file ``stdin_filename`` names (an editor
    piping its buffer through darklint); a path that does not exist is a usage error.
    """
    from darklint.engine import RunReport, lint_paths, lint_text
    from darklint.progress import progress_bar

    named = [p for p in paths if p != "-"]
    missing = [p for p in named if not os.path.lexists(p)]
    if missing:  # a typo in a path is a usage error, not a finding about a file
        fail("; ".join(f"no such file or directory: {p}" for p in missing))
    options = settings.lint_options()
    if keep_products:  # the HTML report draws the flows
        options = dataclasses.replace(options, keep_products=True)
    report = RunReport()
    if named:
        with progress_bar(quiet) as progress:
            report = lint_paths(
                named,
                options,
                jobs=settings.jobs,
                progress=progress,
                path_filter=settings.path_filter,
                force_exclude=settings.force_exclude,
                open_cache=functools.partial(result_cache, settings, options, quiet),
            )
    if len(named) < len(paths):
        text = read_stdin(settings.max_bytes)
        result = lint_text(text, stdin_filename or STDIN_NAME, options)
        assert result is not None  # named explicitly: always linted
        report.files.append(result)
    if not report.files and not report.skipped:
        if settings.force_exclude:  # every named file was excluded: nothing to do
            sys.exit(EXIT_CLEAN)
        fail(f"no flow files found in {', '.join(paths)}")
    return report


def result_cache(settings: Settings, options: LintOptions, quiet: bool) -> ResultCache | None:
    """The result cache the settings ask for; when it cannot be used the run goes on without
    it (and says why, unless quiet)."""
    if settings.cache_dir is None:
        return None
    from darklint.cache import CacheUnavailable, ResultCache

    try:
        return ResultCache(settings.cache_dir, options)
    except CacheUnavailable as error:
        if not quiet:
            note(f"darklint: running without the cache: {error}")
        return None


def read_stdin(max_bytes: int) -> str:
    """Standard input as text; one byte past the limit is read, so the loader can refuse it
    as too large without darklint ever holding more."""
    data = click.get_binary_stream("stdin").read(max_bytes + 1)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if len(data) > max_bytes:  # cut inside a character: the size is what matters
            return data.decode("utf-8-sig", errors="replace")
        fail("standard input is not UTF-8 text; save the flow file as UTF-8")
        raise  # unreachable: fail() exits


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@lint_settings_options
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "info"]),
    default=None,
    help="Lowest severity that makes the exit code 1.  [default: error]",
)
@click.option(
    "--baseline",
    "baseline_file",
    type=click.Path(dir_okay=False),
    help="Drop findings recorded in this baseline (written by `darklint baseline`).",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    help="Output format, optionally to a file (sarif:out.sarif): console, json, sarif, "
    "junit, github, gitlab, markdown, html (with its evidence bundle beside it), evidence. "
    "Repeatable.",
)
@click.option("--show-ignored", is_flag=True, help="List findings silenced by ignore entries.")
@click.option(
    "--output-format",
    type=click.Choice(["full", "concise", "grouped"]),
    default=None,
    help="Console report: full (evidence and fix), concise (one line per finding) or "
    "grouped (per file, then per rule).",
)
@click.option("--statistics", is_flag=True, help="Console report: count findings per rule instead.")
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="The file name standard input (`-`) stands for, in findings and reports.",
)
@click.option(
    "--assess",
    is_flag=True,
    help="Also assess every provision of the profile(s) for every product: fails, passes, "
    "not assessable (missing facts named) or does not apply.",
)
@click.option("-v", "--verbose", is_flag=True, help="Also list YAML files that were skipped.")
@click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Findings only: no summary line, no progress bar, no notes on stderr.",
)
@click.option("--title", callback=_engagement_option, help="HTML report: the engagement's title.")
@click.option("--scope", callback=_engagement_option, help="HTML report: what was examined.")
@click.option("--author", callback=_engagement_option, help="HTML report: who examined it.")
def check(
    paths: tuple[str, ...],
    command_line: CommandLine,
    fail_on: str | None,
    baseline_file: str | None,
    formats: tuple[str, ...],
    show_ignored: bool,
    output_format: str | None,
    statistics: bool,
    stdin_filename: str | None,
    assess: bool,
    verbose: bool,
    quiet: bool,
    title: str | None,
    scope: str | None,
    author: str | None,
) -> None:
    """Lint flow files and directories of flow files (`-` reads standard input)."""
    from darklint.assess import assessment_matrix
    from darklint.findings import SEVERITY_RANK
    from darklint.report import ReportContext, reporter

    settings = resolve_settings(
        dataclasses.replace(
            command_line,
            fail_on=fail_on,
            formats=formats,
            baseline=baseline_file,
            engagement=Engagement(title, scope, author),
            output_format=output_format,
            assess=assess,
        )
    )
    outputs = parse_formats(settings.formats)
    if any(name == "html" for name, _ in outputs):  # the HTML report opens with the assessment
        settings = dataclasses.replace(settings, assess=True)

    def context_of(assessment: object) -> ReportContext:
        return ReportContext(
            rules=tuple(settings.rules),
            show_ignored=show_ignored,
            verbose=verbose,
            fail_on=settings.fail_on,
            profile=settings.profile or "recommended",
            engagement=settings.engagement,
            settings=settings.summary(),
            color=use_color(sys.stdout),
            width=max(
                80, min(os.get_terminal_size(1).columns if sys.stdout.isatty() else 120, 200)
            ),
            output_format=settings.output_format,
            statistics=statistics,
            quiet=quiet,
            assessment=assessment,
        )

    known, baseline_error = None, False
    if settings.baseline:
        from darklint.baseline import BaselineError, load_baseline

        try:
            known = load_baseline(settings.baseline)
        except BaselineError as error:  # reported; the reports are still written (exit 2)
            note(f"darklint: error: {error}")
            baseline_error = True
    if known is None and "-" not in paths:  # every output written as files finish
        sys.exit(check_streamed(paths, settings, outputs, quiet, baseline_error, context_of))
    report = lint(
        paths,
        settings,
        quiet,
        keep_products=any(n == "html" for n, _ in outputs),
        stdin_filename=stdin_filename,
    )
    if known is not None:
        from darklint.baseline import apply_baseline, fixed_note

        apply_baseline(report, known, (r.id for r in settings.rules))
    fail_on = settings.fail_on
    context = context_of(assessment_matrix(report, settings) if settings.assess else None)
    from darklint.engine import collector_paused

    inputs = run_inputs(settings, report)
    unwritten = False
    for name, target in outputs:
        text = collector_paused(reporter(name))(report, context)  # no cycles to collect
        if target is None:
            click.echo(text, nl=False)
        else:
            if not write_output(target, text, inputs):
                unwritten = True  # the other outputs are still written
            if name == "html":  # the evidence bundle goes beside the report it backs
                from darklint.report.evidence import bundle_path

                bundle = reporter("evidence")(report, context)
                if not write_output(bundle_path(target), bundle, inputs):
                    unwritten = True
    if known is not None and report.baseline_fixed and not quiet:
        note(f"darklint: {fixed_note(report, known.path)}")
    if report.failed_files or unwritten or baseline_error:
        sys.exit(EXIT_ERROR)
    threshold = SEVERITY_RANK[fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for f in report.findings):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_CLEAN)


def check_streamed(
    paths: Sequence[str],
    settings: Settings,
    outputs: Sequence[tuple[str, str | None]],
    quiet: bool,
    baseline_error: bool,
    context_of: Callable[[object], ReportContext],
) -> int:
    """`check` with every output written as files finish (no baseline, no standard input):
    files are linted in the order of the report and each file's findings go to the outputs,
    then are let go; the exit code."""
    from darklint.assess import assessment_matrix
    from darklint.engine import discover, lint_stream
    from darklint.findings import SEVERITY_RANK
    from darklint.progress import progress_bar
    from darklint.report.stream import (
        Sink,
        needs_findings,
        open_writer,
        texts_read,
        write_streamed,
    )

    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:  # a typo in a path is a usage error, not a finding about a file
        fail("; ".join(f"no such file or directory: {p}" for p in missing))
    files, explicit = discover(paths, settings.path_filter, settings.force_exclude)
    if not files:
        if settings.force_exclude:  # every named file was excluded: nothing to do
            return EXIT_CLEAN
        fail(f"no flow files found in {', '.join(paths)}")
    position = {path: number for number, path in enumerate(files)}
    # what no output may replace (only asked when an output goes to a file)
    inputs = run_inputs(settings, paths=files) if any(t for _, t in outputs) else set()
    options = settings.lint_options()
    if any(name == "html" for name, _ in outputs):  # the HTML report draws the flows
        options = dataclasses.replace(options, keep_products=True)
    opening = context_of(None)
    with_bundles = []  # the evidence bundle goes beside the HTML report it backs
    for name, target in outputs:
        with_bundles.append((name, target))
        if name == "html" and target is not None:
            from darklint.report.evidence import bundle_path

            with_bundles.append(("evidence", bundle_path(target)))
    sinks = [(name, Sink(target, inputs, echo_out)) for name, target in with_bundles]
    writers = [open_writer(name, sink, opening, position) for name, sink in sinks]

    def finish_context(tally: object) -> ReportContext:
        if not settings.assess:
            return opening
        return context_of(assessment_matrix(tally_as_report(tally), settings))

    # a report printed on the terminal while files are linted is its own progress: no bar
    printed = any(target is None for _, target in outputs) and sys.stdout.isatty()
    try:
        with progress_bar(quiet or printed) as progress:
            results = lint_stream(
                sorted(files),  # the report's order: findings are listed by path
                explicit,
                options,
                jobs=settings.jobs,
                progress=progress,
                open_cache=functools.partial(result_cache, settings, options, quiet),
                want_report=needs_findings(writers) or settings.assess,
                texts=texts_read(writers),
            )
            tally = write_streamed(results, writers, position, finish_context, settings.assess)
    except BaseException as error:  # no output left half-written, nor a temporary file
        for _, sink in sinks:
            sink.discard(error)
        raise
    unwritten = False
    for _, sink in sinks:
        sink.close()
        if sink.error is not None:
            note(f"darklint: error: cannot write {sink.target}: {sink.error}")
            unwritten = True
    if tally.failed_files or unwritten or baseline_error:
        return EXIT_ERROR
    threshold = SEVERITY_RANK[settings.fail_on]
    counts = tally.severity_counts()
    if any(n and SEVERITY_RANK[severity] >= threshold for severity, n in counts.items()):
        return EXIT_FINDINGS
    return EXIT_CLEAN


def echo_out(text: str | bytes) -> None:
    click.echo(text, nl=False)


def tally_as_report(tally) -> object:
    """What :func:`~darklint.assess.assessment_matrix` reads of a run (path, product, linted
    and verdicts of each file), from a streamed run's totals."""
    from types import SimpleNamespace

    return SimpleNamespace(
        files=[
            SimpleNamespace(
                path=path,
                product=summary.product,
                linted=summary.linted,
                verdicts=tally.verdicts.get(path, {}),
            )
            for path, summary in tally.files
        ]
    )


def run_inputs(
    settings: Settings, report: RunReport | None = None, paths: Sequence[str] = ()
) -> set[tuple[int, int]]:
    """The files a run reads (flow files, configuration, baseline, rule files, a profile
    file), as identities no output may replace."""
    from darklint.report.write import file_identities

    names = [r.source for r in settings.all_rules if r.source]
    names += [p for p in (settings.config, settings.baseline, settings.profile) if p]
    if report is not None:
        names += [f.path for f in report.files] + list(report.skipped)
    return file_identities([*names, *paths])


def write_output(target: str, text: str, inputs: set[tuple[int, int]]) -> bool:
    """Write one output file (atomically); on failure say why on stderr and return False."""
    from darklint.report.write import write_atomic

    try:
        write_atomic(target, text, inputs)
    except OSError as error:
        note(f"darklint: error: cannot write {target}: {error.strerror or error}")
        return False
    return True


@main.command()
@click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(), help="Extra rule directory."
)
@click.option(
    "--profile",
    "profile_names",
    multiple=True,
    help="Show the rules a profile (rulebook) turns on, its thresholds and, per provision, its "
    "status, date and official source: a built-in name (see docs/profiles.md) or a profile "
    "file. Repeat to see profiles composed.",
)
def rules(rule_dirs: tuple[str, ...], profile_names: tuple[str, ...]) -> None:
    """List the rules: id, name, severity, category and summary (or a profile's view)."""
    from rich.console import Console
    from rich.table import Table

    catalog = load_catalog(rule_dirs)
    width = None if sys.stdout.isatty() else 160
    console = Console(no_color=not use_color(sys.stdout), width=width)
    if profile_names:
        console.print(*profile_view(catalog, profile_names))
        return
    table = Table(title=f"darklint rules ({len(catalog)})")
    for column in ("id", "name", "severity", "category", "summary"):
        table.add_column(column, overflow="fold")
    for rule in catalog:
        table.add_row(
            *terminal_cells(rule.id, rule.name, rule.severity, rule.category, rule.summary)
        )
    console.print(table)


def terminal_cells(*values: str) -> list:
    """Table cells from rule and profile files: plain text (never Rich markup), made safe
    for a terminal or CI log."""
    from rich.text import Text

    from darklint.safetext import terminal_text

    return [Text(terminal_text(value)) for value in values]


def profile_view(catalog, names: Sequence[str]) -> list:
    """The table of `darklint rules --profile`: which rules, which thresholds, and for each
    provision its status, date and official source; then the rulebook, the clashes between
    composed profiles and the rules the profile leaves out."""
    from rich.table import Table
    from rich.text import Text

    from darklint.profiles import ProfileError, load_profiles, profile_rows
    from darklint.safetext import terminal_text

    try:
        profile = load_profiles(names)
        rows = profile_rows(catalog, profile)
    except ProfileError as error:
        fail(str(error))
    turned_on = {row.rule for row in rows}
    table = Table(
        title=Text(
            terminal_text(
                f"darklint rules, profile {profile.name}: {profile.title} "
                f"({len(turned_on)} of {len(catalog)} rules)"
            )
        )
    )
    for column in ("id", "name", "severity", "thresholds", "provision", "status", "source"):
        table.add_column(column, overflow="fold")
    sources: dict[tuple[str, str], int] = {}
    for row in rows:
        source = "-"
        if row.source is not None:
            number = sources.setdefault((row.source.title, row.source.url), len(sources) + 1)
            source = f"[{number}] {row.source.title}"
        cells = (row.rule, row.name, row.severity, row.thresholds, row.provision)
        table.add_row(*terminal_cells(*cells, row.status or "-", source))
    notes = [f"Rulebook: {profile.rulebook.title} <{profile.rulebook.url}>"]
    notes += [f"[{n}] {title} <{url}>" for (title, url), n in sources.items()]
    notes += [f"Composed: {conflict}" for conflict in profile.conflicts]
    left_out = [r.id for r in catalog if r.id not in turned_on]
    if left_out:
        notes.append(f"Not in this profile: {', '.join(left_out)}")
    return [
        table,
        Text("\n".join(terminal_text(line) for line in notes), no_wrap=True, overflow="ignore"),
    ]


@main.command()
@click.argument("rule")
@click.option(
    "--rules", "rule_dirs", multiple=True, type=click.Path(), help="Extra rule directory."
)
def explain(rule: str, rule_dirs: tuple[str, ...]) -> None:
    """Show a rule's documentation: what it does, why it matters, example, fix, references."""
    from rich.console import Console
    from rich.markdown import Markdown

    from darklint.catalog import find_rule, nearest_rule
    from darklint.safetext import terminal_lines

    catalog = load_catalog(rule_dirs)
    found = find_rule(catalog, rule)
    if found is None:
        hint = nearest_rule(catalog, rule)
        fail(
            f"no rule '{rule}'"
            + (f"; did you mean '{hint}'?" if hint else "; see `darklint rules`")
        )
    terminal = sys.stdout.isatty()
    console = Console(no_color=not use_color(sys.stdout), width=None if terminal else 100)
    # A terminal gets links as hyperlinks; a pipe or a file gets each URL written out after
    # its title, and lines without the padding rich adds to fill the width.
    markdown = Markdown(terminal_lines(rule_markdown(found)), hyperlinks=terminal)
    if terminal:
        console.print(markdown)
        return
    with console.capture() as captured:
        console.print(markdown)
    click.echo("".join(line.rstrip() + "\n" for line in captured.get().splitlines()), nl=False)


def rule_markdown(rule) -> str:
    """A rule's full documentation as Markdown (used by `explain` and the rule reference)."""
    lines = [
        f"# {rule.id} {rule.name}",
        "",
        f"**Severity:** {rule.severity} · **Category:** {rule.category} · "
        f"**Check:** `{rule.function}`",
        "",
        rule.summary,
        "",
        rule.docs.strip(),
        "",
    ]
    if rule.references:
        lines += ["## References", ""]
        lines += [f"- [{ref.title}]({ref.url})" for ref in rule.references]
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    main()


def run() -> None:
    """The console entry point: :func:`main`, without the work an ending process need not do.

    The cyclic garbage collector stays off for the whole run (the engine's data holds almost
    no cycles; reference counting frees it), and the process ends with ``os._exit`` once the
    output is flushed, instead of tearing down every module and object first: on a large run
    that teardown cost as much as writing the report. Tests call :func:`main` through click's
    runner, which keeps the ordinary ending.
    """
    import gc

    gc.disable()
    try:
        main()
        code = EXIT_CLEAN
    except SystemExit as end:
        code = end.code if isinstance(end.code, int) else (EXIT_CLEAN if end.code is None else 1)
        if isinstance(end.code, str):
            print(end.code, file=sys.stderr)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, OSError):
        code = code or EXIT_ERROR
    os._exit(code)
