"""The shape of a flow file read line by line, for an editor's cursor.

While someone types, the file is mostly not valid YAML (``kin`` without its colon, a ``to:``
with no value yet), so completion and go-to-definition cannot wait for a parser. This module
reads the block structure from indentation and ``- `` markers instead, the way the file
looks, and follows ``{...}`` and ``[...]`` on one line, which is how flow files write short
actions: ``- {label: "Continue", to: pay}``. It finds the YAML path at the cursor (``flows >
cancel > steps > offer > actions > [] > to``), and where each flow and step is declared.

One pass over the lines, linear in the text; no regular expression here can backtrack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from darklint.classes import dataclass

#: A path segment for "an item of this list".
ITEM = "[]"

_INDENT_AND_DASHES = re.compile(r"( *)((?:-(?: +|$))*)")
_BLOCK_SCALAR = re.compile(r"[|>][0-9+-]*[ \t]*(#.*)?$")
#: ``to: value`` or ``start: value`` anywhere on a line (block or inside ``{...}``).
_TARGET = re.compile(r"""(?<![\w-])(to|start)[ \t]*:[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s,{}\[\]#"']+)""")
#: Characters that end the word being typed (looking back from the cursor).
_NOT_WORD = frozenset(" \t:,{}[]#\"'")


@dataclass(slots=True)
class Line:
    """One line of block YAML: its list markers, and its key if it has one."""

    number: int  # 0-based
    dashes: tuple[int, ...]  # columns of '- ' markers
    key: str | None
    key_column: int  # column of the key, or of the value after the markers
    rest: str  # the text after 'key:' (or after the markers when there is no key)
    rest_column: int


def unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def parse_line(number: int, text: str) -> Line | None:
    """A line's markers and key; None for blank lines, comments and document markers."""
    text = text.rstrip("\r\n")
    stripped = text.strip()
    if not stripped or stripped.startswith("#") or stripped in ("---", "...") or text[0] == "%":
        return None
    match = _INDENT_AND_DASHES.match(text)
    assert match is not None  # both groups may be empty
    indent, dashes_text = match.group(1), match.group(2)
    dashes = (
        tuple(len(indent) + i for i, char in enumerate(dashes_text) if char == "-")
        if dashes_text
        else ()
    )
    column = match.end()
    key, rest_column = split_key(text, column)
    if key is None:
        return Line(number, dashes, None, column, text[column:], column)
    return Line(number, dashes, key, column, text[rest_column:], rest_column)


def split_key(text: str, column: int) -> tuple[str | None, int]:
    """The block key starting at ``column`` (plain or quoted, then ``:`` and a space or the
    line's end) and the column after its colon; (None, column) when there is none."""
    if column >= len(text):
        return None, column
    if text[column] in "\"'":
        end = text.find(text[column], column + 1)
        if end < 0:
            return None, column
        colon = end + 1
        while colon < len(text) and text[colon] in " \t":
            colon += 1
        if colon < len(text) and text[colon] == ":" and _ends_key(text, colon):
            return text[column + 1 : end], colon + 1
        return None, column
    if text[column] in "#,{}[]:":
        return None, column
    for index in range(column, len(text)):
        char = text[index]
        if char in ",{}[]" or (char == "#" and text[index - 1] in " \t"):
            return None, column
        if char == ":" and _ends_key(text, index):
            return text[column:index].rstrip(" \t"), index + 1
    return None, column


def _ends_key(text: str, colon: int) -> bool:
    return colon + 1 == len(text) or text[colon + 1] in " \t"


def word_before(text: str) -> str:
    """The word that ends ``text`` (what is typed so far at the cursor)."""
    start = len(text)
    while start > 0 and text[start - 1] not in _NOT_WORD:
        start -= 1
    return text[start:]


class Outline:
    """The open block keys and list items above a line: fed line by line, top to bottom."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, str]] = []  # (column, key or ITEM)
        self._block_scalar_indent: int | None = None

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(segment for _, segment in self.stack)

    def in_block_scalar(self, text: str) -> bool:
        """Whether a line is text of a ``|`` or ``>`` scalar above (not structure)."""
        if self._block_scalar_indent is None:
            return False
        stripped = text.strip()
        if not stripped or len(text) - len(text.lstrip(" ")) > self._block_scalar_indent:
            return True
        self._block_scalar_indent = None
        return False

    def open(self, line: Line) -> None:
        """Close what this line's indentation ends; open its list items (not its key)."""
        for dash in line.dashes:
            # a marker closes deeper entries and the previous item of its own list
            while self.stack and (self.stack[-1][0], self.stack[-1][1] == ITEM) >= (dash, True):
                self.stack.pop()
            self.stack.append((dash, ITEM))
        # a key, or a word where a key will be: siblings and their children end here
        while self.stack and self.stack[-1][0] >= line.key_column:
            self.stack.pop()

    def feed(self, line: Line) -> tuple[str, ...]:
        """Take a line; return the path of its parent (where its key or item lives)."""
        self.open(line)
        parent = self.path
        if line.key is not None:
            self.stack.append((line.key_column, line.key))
        rest = line.rest.lstrip()
        if rest[:1] in ("|", ">") and _BLOCK_SCALAR.match(rest.rstrip()):
            # its text is indented deeper than the key, or than the list marker it follows
            owner = line.dashes[-1] if line.key is None and line.dashes else line.key_column
            self._block_scalar_indent = owner
        return parent


def walk(lines: Iterable[str]) -> Iterable[tuple[Line, tuple[str, ...]]]:
    """Every line with a key or list item, with the path of its parent."""
    outline = Outline()
    for number, text in enumerate(lines):
        if outline.in_block_scalar(text):
            continue
        line = parse_line(number, text)
        if line is not None:
            yield line, outline.feed(line)


@dataclass(frozen=True)
class Declared:
    """Where a flow or step id is written: its key's line and column (0-based)."""

    flow: str
    step: str | None
    line: int
    column: int
    length: int


def declarations(lines: Iterable[str]) -> list[Declared]:
    """Flows (``flows: > id:``) and steps (``flows: > id: > steps: > id:``), in order."""
    found = []
    for line, parent in walk(lines):
        if line.key is None:
            continue
        if parent == ("flows",):
            found.append(Declared(line.key, None, line.number, line.key_column, len(line.key)))
        elif len(parent) == 3 and parent[0] == "flows" and parent[2] == "steps":
            found.append(Declared(parent[1], line.key, line.number, line.key_column, len(line.key)))
    return found


@dataclass(frozen=True)
class Cursor:
    """What the cursor is on: a key (or list item) to write, or the value of ``key``.

    ``path`` leads to the mapping the key belongs to (or, for a list item, to the item);
    ``partial`` is what is typed so far of the word under the cursor.
    """

    kind: str  # "key" (a key or a list item) or "value"
    path: tuple[str, ...]
    key: str | None
    partial: str

    @property
    def flow(self) -> str | None:
        """The flow the cursor is in, if any."""
        return self.path[1] if len(self.path) > 1 and self.path[0] == "flows" else None


def line_context(lines: Sequence[str], number: int) -> tuple[Outline, Line | None]:
    """The outline just above line ``number``, and that line parsed."""
    outline = Outline()
    for index in range(min(number, len(lines))):
        text = lines[index]
        if outline.in_block_scalar(text):
            continue
        parsed = parse_line(index, text)
        if parsed is not None:
            outline.feed(parsed)
    text = lines[number] if number < len(lines) else ""
    if outline.in_block_scalar(text):
        return outline, None
    return outline, parse_line(number, text)


def cursor_at(lines: Sequence[str], number: int, character: int) -> Cursor | None:
    """The cursor's context at line ``number``, column ``character`` (both 0-based)."""
    if number >= len(lines):
        return None
    outline, _ = line_context(lines, number)
    text = lines[number].rstrip("\r\n")[:character]
    if outline.in_block_scalar(text) and text.strip():
        return None
    if not text.strip():  # an empty line: a key at the cursor's column
        line = Line(number, (), None, len(text), "", len(text))
    else:
        parsed = parse_line(number, text)
        if parsed is None:  # a comment
            return None
        line = parsed
    outline.open(line)
    return _in_flow(outline.path, line.key, line.rest)


def _in_flow(path: tuple[str, ...], key: str | None, text: str) -> Cursor | None:
    """Follow ``{...}`` and ``[...]`` in ``text`` (what precedes the cursor after a block key
    or list marker) to the cursor: which key or value it is at, under which path.

    ``path`` leads to the mapping that holds ``key`` (or to the list item, without a key).
    """
    stack: list[tuple[str, tuple[str, ...]]] = []  # (opener, path before it)
    current_key, expecting_value = key, key is not None
    token_start = 0
    quote: str | None = None
    for index, char in enumerate(text):
        if quote:
            if char == quote:
                quote = None
            continue
        if char in "\"'":
            quote = char
        elif char in "{[":
            stack.append((char, path))
            if expecting_value and current_key is not None:
                path = (*path, current_key)
            if char == "[":
                path = (*path, ITEM)
            current_key, expecting_value, token_start = None, char == "[", index + 1
        elif char in "}]":
            if stack:
                _, path = stack.pop()
            current_key, expecting_value, token_start = None, False, index + 1
        elif char == "," and stack:
            current_key, expecting_value = None, stack[-1][0] == "["
            token_start = index + 1
        elif char == ":" and _ends_key(text, index):
            current_key = unquote(text[token_start:index].strip())
            expecting_value, token_start = True, index + 1
        elif char == "#" and (index == 0 or text[index - 1] in " \t"):
            return None  # a comment
    if quote:
        return None  # inside a quoted string: free text
    word = word_before(text[token_start:])
    if expecting_value and current_key is not None:
        return Cursor("value", path, current_key, word)
    return Cursor("key", path, None, word)


@dataclass(frozen=True)
class Target:
    """A ``to:`` or ``start:`` value on a line, and the flow of that line."""

    key: str
    value: str
    start: int
    end: int
    flow: str | None


def target_at(lines: Sequence[str], number: int, character: int) -> Target | None:
    """The ``to:`` or ``start:`` value under the cursor, if it is on one."""
    outline, line = line_context(lines, number)
    if line is None:
        return None
    outline.open(line)
    text = lines[number].rstrip("\r\n")
    for match in _TARGET.finditer(text):
        start, end = match.span(2)
        if start <= character <= end:
            path = (*outline.path, line.key) if line.key else outline.path
            flow = path[1] if len(path) > 1 and path[0] == "flows" else None
            return Target(match.group(1), unquote(match.group(2)), start, end, flow)
    return None
