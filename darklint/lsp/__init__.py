"""The language server (``darklint lsp``): darklint in any editor, as you type.

Needs the ``lsp`` extra (``pip install 'darklint[lsp]'``, which brings pygls); nothing here
is imported by ``darklint check``. :mod:`darklint.lsp.server` speaks the protocol; the other
modules are plain functions it calls: :mod:`~darklint.lsp.analysis` (lint a buffer),
:mod:`~darklint.lsp.spans` (ranges), :mod:`~darklint.lsp.outline` (the YAML path at the
cursor), :mod:`~darklint.lsp.completion`, :mod:`~darklint.lsp.hover` and
:mod:`~darklint.lsp.ignores` (the quick fix).
"""
