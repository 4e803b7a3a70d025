"""``darklint docs``: write the rule reference (``docs/rules.md``) from the rule files and the
format reference (``docs/format.md``) from the model.

The same as ``python -m darklint.docgen``; a command of its own so teams that keep custom
rules next to the built-in ones find it in ``darklint --help``.
"""

from __future__ import annotations

import sys

import click


@click.command()
@click.option(
    "-o",
    "--output",
    default="docs/rules.md",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where to write the reference.",
)
@click.option(
    "--format-output",
    default="docs/format.md",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="Where to write the format reference.",
)
@click.option("--check", is_flag=True, help="Exit 1 when a file is stale; write nothing.")
def docs(output: str, format_output: str, check: bool) -> None:
    """Generate the rule reference (every rule's docs and each profile's provisions) and the
    format reference (every key of a flow file)."""
    from darklint.docgen import main

    arguments = ["--output", output, "--format-output", format_output]
    sys.exit(main([*arguments, *(["--check"] if check else [])]))
