"""``darklint lsp``: run the language server for editors (the ``lsp`` extra)."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--stdio",
    is_flag=True,
    help="Talk over standard input and output (the default and only transport; accepted "
    "because many editors pass it).",
)
def lsp(stdio: bool) -> None:
    """Run the language server: diagnostics as you type, hover, go to step, completion and
    an ignore quick fix, for any editor with an LSP client. See docs/editors.md."""
    from darklint.cli import fail

    try:
        import pygls  # noqa: F401
    except ImportError:
        fail(
            "the language server needs pygls; install darklint with the lsp extra: "
            "pip install 'darklint[lsp]' (or pipx install 'darklint[lsp]')"
        )
    from darklint.lsp.server import serve

    serve()
