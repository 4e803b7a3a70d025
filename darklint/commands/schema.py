"""``darklint schema``: print or write the JSON Schema of flow format v1.

Editors use it for completion and checks while a flow file is written (a
``# yaml-language-server: $schema=...`` comment), and other tools to validate flow files
without running darklint.
"""

from __future__ import annotations

import sys

import click


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the schema to this file (atomically) instead of standard output.",
)
def schema(output: str | None) -> None:
    """Print the JSON Schema (draft 2020-12) of the flow format, version 1."""
    from darklint.cli import write_output
    from darklint.schema import schema_text

    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    if not write_output(output, text, set()):
        sys.exit(2)
