"""``darklint schema``: print or write the JSON Schema of flow format v1.

Editors use it for completion and checks while a flow file is written (a
``# yaml-language-server: $schema=...`` comment), and other tools to validate flow files
without running darklint.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from darklint.cli import DOCS_URL_OPTION, fail


@click.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write the schema to this file (atomically) instead of standard output.",
)
@DOCS_URL_OPTION
def schema(output: str | None, docs_url: str | None) -> None:
    """Print the JSON Schema (draft 2020-12) of the flow format, version 1."""
    from darklint.cli import write_output
    from darklint.schema import schema_text

    text = schema_text(configured_docs_url(docs_url))
    if output is None:
        click.echo(text, nl=False)
        return
    if not write_output(output, text, set()):
        sys.exit(2)


def configured_docs_url(flag: str | None) -> str | None:
    """``--docs-url``, else the nearest configuration file's ``docs-url``: the schema's
    ``$id`` and the rules' help links come from the same setting."""
    from darklint.config import ConfigError, find_config, load_config
    from darklint.links import check_docs_url

    try:
        if flag:
            return check_docs_url(flag)
        path = find_config(Path.cwd())
        return load_config(path).docs_url if path is not None else None
    except ValueError as error:  # ConfigError is one
        prefix = "" if isinstance(error, ConfigError) else "--docs-url: "
        fail(f"{prefix}{error}")
        raise  # unreachable: fail() exits
