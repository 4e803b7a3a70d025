"""Text from inputs made safe for a terminal or a CI log.

Flow files, configuration and rule files may come from a pull request, and darklint prints
their text: labels and names in the console report, file names with ``-v``, values quoted in
error messages, custom rules' summaries and documentation in ``rules`` and ``explain``. A CI
log is not a passive screen: GitHub Actions reads any line that starts, after leading blanks,
with ``::`` as a workflow command (``::add-mask::``, ``::error::``, ``::stop-commands::``),
terminals obey escape sequences, and bidirectional overrides make text read differently
from what it is. So every piece of input text that reaches a terminal channel goes through
:func:`terminal_text` first:

- C0 and C1 control characters (line breaks, ESC, NUL, DEL, NEL...) are shown as visible
  escapes (``\\n``, ``\\x1b``), so input text can never start a line of its own;
- bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) and the
  Unicode line and paragraph separators are shown as ``\\u202e``;
- lone surrogates (a file name that is not UTF-8) are shown as ``\\udcff`` instead of
  failing to encode;
- ``::`` gets a zero-width space between its colons, so no text from an input, wherever a
  terminal or a report wraps it, can be read as a workflow command.
"""

from __future__ import annotations

import re

#: Zero-width space: splits ``::`` for the CI runner, invisible to people reading the log.
ZWSP = "\u200b"

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029]


def _escape_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)]:
        table[code] = _NAMED.get(chr(code), f"\\x{code:02x}")
    for code in [*_BIDI, *range(0xD800, 0xE000)]:
        table[code] = f"\\u{code:04x}"
    return table


_ESCAPES = _escape_table()
_ESCAPES_BUT_BREAKS = {k: v for k, v in _ESCAPES.items() if chr(k) not in _NAMED}


_DOUBLE_COLON = re.compile(":(?=:)")


def terminal_text(text: str) -> str:
    """``text`` as it may appear on one line of a terminal or CI log: see the module doc."""
    return _DOUBLE_COLON.sub(f":{ZWSP}", text.translate(_ESCAPES))


def visible_controls(text: str) -> str:
    """Control characters, bidirectional overrides and lone surrogates shown as escapes,
    line breaks and tabs kept: for a channel that encodes line breaks itself (GitHub
    annotations write them as ``%0A``)."""
    return text.translate(_ESCAPES_BUT_BREAKS)


def terminal_lines(text: str) -> str:
    """Like :func:`terminal_text`, but line feeds stay line feeds: for Markdown that a
    terminal renders (``darklint explain``), where lines carry the structure."""
    return "\n".join(terminal_text(line) for line in text.split("\n"))


#: Longest piece of input text a message quotes: enough to recognise it, never megabytes.
QUOTE_LIMIT = 200


def clip(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis and the length left out, so a
    message that quotes an input stays small however long the input is."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit:,} more characters)"


def clip_key(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text`` as a bounded key (a finding's subject, which its fingerprint hashes): short
    text as it is, long text cut and followed by the SHA-256 of the whole, so different
    texts keep different keys while no finding holds a copy of a megabyte name."""
    if len(text) <= limit:
        return text
    import hashlib

    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{text[:limit]}#{digest}"
