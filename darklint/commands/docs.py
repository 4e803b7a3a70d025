"""``darklint docs``: write the rule reference (``docs/rules.md``) from the rule files.

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
@click.option("--check", is_flag=True, help="Exit 1 when the file is stale; write nothing.")
def docs(output: str, check: bool) -> None:
    """Generate the rule reference (every rule's docs and each profile's provisions)."""
    from darklint.docgen import main

    sys.exit(main(["--output", output, *(["--check"] if check else [])]))
