"""Where things are in an editor's buffer: positions, and the span of the YAML node a finding
is about.

A finding carries the line and column where its node starts (``49:7``); an editor underlines a
range. The range is the node's: a key with a short value (``to: nowhere``), a step's id, a
label. Positions here are 0-based lines and code points; the server converts them to what the
client counts in (UTF-16 by default).
"""

from __future__ import annotations

import bisect
import re

import yaml

from darklint.classes import dataclass
from darklint.load.yamlnodes import each_node
from darklint.model import Location

#: Line breaks as the Language Server Protocol counts them.
_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, order=True)
class Span:
    """A range of the buffer: (line, column) to (line, column), 0-based, end exclusive."""

    start_line: int
    start_column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        return (
            (self.start_line, self.start_column)
            <= (line, column)
            <= (
                self.end_line,
                self.end_column,
            )
        )


class LineIndex:
    """Offsets into a text and (line, column) positions, both ways, in code points."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]

    @property
    def lines(self) -> list[str]:
        """The lines with their line breaks (the last one may have none)."""
        ends = [*self.starts[1:], len(self.text)]
        return [self.text[s:e] for s, e in zip(self.starts, ends, strict=True)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, offset - self.starts[line]

    def offset(self, line: int, column: int) -> int:
        if line >= len(self.starts):
            return len(self.text)
        return min(self.starts[line] + column, self.line_end(line))

    def line_end(self, line: int) -> int:
        """Offset of the end of a line's content (before its line break)."""
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        while end > self.starts[line] and self.text[end - 1] in "\r\n":
            end -= 1
        return end

    def span(self, start: int, end: int) -> Span:
        return Span(*self.position(start), *self.position(end))


#: YAML position (0-based line, column) -> (start offset, end offset) of the node there.
NodeSpans = dict[tuple[int, int], tuple[int, int]]


def node_spans(root: yaml.Node | None, lines: set[int] | None = None) -> NodeSpans:
    """The span of every key and scalar (on ``lines``, 0-based, when given), by where it
    starts.

    A key with a value on the same line spans both (``to: nowhere``); otherwise the key alone
    (``offer:`` above a step's keys). A mapping starts where its first key does, so findings
    about a step or an action underline that key. Each node is visited once, so anchors and
    aliases cannot multiply the work.
    """
    spans: NodeSpans = {}
    if root is None:
        return spans
    for node in each_node(root):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if lines is not None and key.start_mark.line not in lines:
                    continue
                start = (key.start_mark.line, key.start_mark.column)
                end = value.end_mark.index if _one_line(value, key) else key.end_mark.index
                spans[start] = (key.start_mark.index, end)
        if lines is not None and node.start_mark.line not in lines:
            continue
        if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
            # a scalar, or a {...} / [...] written on one line: the whole of it
            start = (node.start_mark.line, node.start_mark.column)
            if _one_line(node, node):
                spans.setdefault(start, (node.start_mark.index, node.end_mark.index))
    return spans


def _one_line(node: yaml.Node, since: yaml.Node) -> bool:
    """Whether ``node`` is a scalar or a {...} / [...] that ends on the line ``since`` starts."""
    written_inline = isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False)
    return bool(written_inline) and node.end_mark.line == since.start_mark.line


def location_span(location: Location, spans: NodeSpans, index: LineIndex) -> Span:
    """The range to underline for a finding at ``location``: its node's span, or (where no
    node starts, as for a YAML syntax error) the rest of that line's text."""
    where = (location.line - 1, location.column - 1)
    known = spans.get(where)
    if known is not None and known[1] > known[0]:
        return index.span(*known)
    line = min(max(location.line - 1, 0), len(index.starts) - 1)
    start = index.offset(line, max(location.column - 1, 0))
    end = index.line_end(line)
    if end <= start:  # at or past the end of the line's text: the whole line
        start = index.starts[line]
    return index.span(start, end)
