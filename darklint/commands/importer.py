"""``darklint import mermaid FILE``: a Mermaid flowchart as a flow file.

The chart may be a ``.mmd`` file or the ```mermaid blocks of a Markdown page. The flow file
goes to standard output or, atomically, to ``-o``. Nothing is written when the chart has a
problem: every problem is printed at its file, line and column, and the exit code is 2.
The subset of Mermaid read and the annotation convention are in docs/mermaid.md.
"""

from __future__ import annotations

import sys

import click


@click.group(name="import")
def import_group() -> None:
    """Import a flow from another description of it (a Mermaid flowchart)."""


@import_group.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the flow file here (atomically) instead of standard output.",
)
def mermaid(file: str, output: str | None) -> None:
    """Read the flowchart in FILE (.mmd, or Markdown with ```mermaid blocks) as a flow file."""
    from darklint.flowdata import dump_yaml
    from darklint.importers.mermaid import import_mermaid
    from darklint.load import read_text
    from darklint.report.console import printable
    from darklint.report.write import write_atomic

    text, problem = read_text(file)
    if problem is not None:
        _fail(f"{printable(str(problem.location))}: {printable(problem.message)}")
    assert text is not None
    result = import_mermaid(text, file)
    if result.data is None:
        for message, location in result.problems:
            click.echo(f"{printable(str(location))}: {printable(message)}", err=True)
        _fail(f"{printable(file)} was not imported; fix the problems above")
    header = f"Imported from {file} by `darklint import mermaid`."
    flow_file = dump_yaml(result.data, header=printable(header))
    if output is None:
        click.echo(flow_file, nl=False)
        return
    try:
        write_atomic(output, flow_file)
    except OSError as error:
        _fail(f"cannot write {printable(output)}: {error.strerror or error}")


def _fail(message: str) -> None:
    click.echo(f"darklint: error: {message}", err=True)
    sys.exit(2)
