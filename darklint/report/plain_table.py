"""The console's evidence table laid out as plain text, without colours, byte for byte as rich
lays out darklint's table style (no box, one space of padding between columns and none at the
edges, every column foldable, the header bottom-aligned and the rows top-aligned).

A large run prints thousands of evidence tables into a CI log or a pipe, and rich's general
layout (measuring renderables, rendering segments, cropping lines) costs milliseconds per
table. This module repeats the same arithmetic on plain strings: the column widths of
``Table._calculate_column_widths`` (natural widths, ``_collapse_widths``, then
``ratio_reduce``), and for each cell the steps of ``Text.wrap`` (``divide_line`` folding
words, ``rstrip_end``, justification and truncation). It reuses rich's own functions for
cell widths and word division, so wide characters are measured as rich measures them.

When a cell holds something whose layout rich computes differently from this arithmetic
(tabs, line breaks, control codes rich strips, a column narrower than its padding, a line
whose width after folding is not exactly its column's), :func:`table_lines` answers
``None`` and the caller prints the table through rich.
"""

from __future__ import annotations

import re
from itertools import pairwise

from rich._ratio import ratio_reduce
from rich._wrap import divide_line
from rich.cells import cell_len, set_cell_size
from rich.table import Table

#: Characters rich treats specially in a table cell: tabs (expanded), line separators
#: (``str.splitlines`` in measuring, ``\n`` in wrapping) and control codes ``Text`` strips.
_SPECIAL = re.compile(r"[\t\n\r\x07\x08\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TRAILING_WHITESPACE = re.compile(r"\s+$")


def table_lines(
    header: list[str], rows: list[list[str]], width: int, right: list[bool], fold: list[bool]
) -> list[str] | None:
    """The table's lines (each ending in ``\\n``, padded as rich pads them) at ``width``
    cells; ``right[c]`` says column ``c`` is right-justified,
    ``fold[c]`` that it folds words too long for it (else it ends them with an ellipsis,
    rich's default). ``None`` when rich must lay it
    out (see the module's docstring)."""
    grid = [header, *rows]
    if _SPECIAL.search("".join(["".join(cells) for cells in grid])):
        return None
    count = len(header)
    lefts = [0 if column == 0 else 1 for column in range(count)]
    pads = [left + (0 if column == count - 1 else 1) for column, left in enumerate(lefts)]
    lengths = [[cell_len(cell) for cell in cells] for cells in grid]
    longest = [max(column) for column in zip(*lengths, strict=True)]
    widths = [min(longest[c] + pads[c], width) or 1 for c in range(count)]
    if sum(widths) > width:
        widths = column_widths(widths, longest, pads, width)
    if any(w - pad < 1 for w, pad in zip(widths, pads, strict=True)):
        return None
    lines: list[str] = []
    for index, cells in enumerate(grid):
        rendered = []
        for column, cell in enumerate(cells):
            inner = widths[column] - pads[column]
            folded = cell_lines(cell, lengths[index][column], inner, right[column], fold[column])
            if folded is None:
                return None
            left = " " * lefts[column]
            after = " " * (pads[column] - lefts[column])
            rendered.append([left + line + after for line in folded])
        height = max(len(column) for column in rendered)
        for column, folded in enumerate(rendered):
            blank = [" " * widths[column]] * (height - len(folded))
            # the header row is aligned to the bottom of its cells, the others to the top
            rendered[column] = blank + folded if index == 0 else folded + blank
        lines.extend("".join(parts) + "\n" for parts in zip(*rendered, strict=True))
    return lines


def column_widths(natural: list[int], longest: list[int], pads: list[int], width: int) -> list[int]:
    """Columns wider in total than ``width`` narrowed as rich narrows them: the widest
    foldable columns first (``Table._collapse_widths``), then all evenly (``ratio_reduce``),
    then each measured again at its new width."""
    widths = Table._collapse_widths(natural, [True] * len(natural), width)
    if sum(widths) > width:
        widths = ratio_reduce(sum(widths) - width, [1] * len(widths), widths, widths)
    return [remeasured(column_width, longest[c], pads[c]) for c, column_width in enumerate(widths)]


def remeasured(width: int, longest: int, pad: int) -> int:
    """A column's width measured at ``width``: ``Table._measure_column`` over padded text
    cells, whose widest decides (the longest cell measures at least as wide as any other)."""
    if width < 1:
        return 0
    if width - pad < 1:
        return width
    return min(min(longest, width) + pad, width)


def cell_lines(text: str, length: int, width: int, right: bool, fold: bool) -> list[str] | None:
    """One cell's text (``length`` cells wide) folded into lines of exactly ``width`` cells,
    as ``Text.wrap`` folds and justifies it (overflow ``fold`` or ``ellipsis``); ``None`` if
    a line is not exactly that wide."""
    if length <= width and len(text) <= width:  # one line, nothing to strip or cut
        if not right:
            return [text + " " * (width - length)]
        if not text or not text[-1].isspace():
            return [" " * (width - length) + text]
    if length <= width:
        pieces = [text]
    else:
        offsets = divide_line(text, width, fold=fold)
        bounds = [0, *offsets, len(text)]
        pieces = [text[start:end] for start, end in pairwise(bounds)]
    lines = []
    for piece in pieces:
        if len(piece) > width:  # Text.rstrip_end counts characters, not cells
            trailing = _TRAILING_WHITESPACE.search(piece)
            if trailing is not None:
                piece = piece[: len(piece) - min(len(trailing.group()), len(piece) - width)]
        if right:
            piece = piece.rstrip()
            piece = truncated(piece, width, fold)
            piece = " " * (width - cell_len(piece)) + piece
        else:
            length = cell_len(piece)
            piece = truncated(piece, width, fold)
            if length < width:
                piece += " " * (width - length)
        piece = truncated(piece, width, fold)
        if cell_len(piece) != width:
            return None
        lines.append(piece)
    return lines


def truncated(text: str, width: int, fold: bool) -> str:
    """``Text.truncate``: text wider than ``width`` cut to it (ending in an ellipsis unless
    the column folds)."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width) if fold else set_cell_size(text, width - 1) + "…"
