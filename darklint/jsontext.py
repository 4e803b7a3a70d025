"""JSON text for every machine-readable output, written by a compiled encoder.

The JSON, SARIF, GitLab and baseline outputs are pretty-printed with two-space indentation.
The standard library's encoder does that in Python, one call per value: a quarter of a large
run went into it. msgspec (also what the result cache decodes with) encodes and indents in C,
about ten times as fast, with the same text for the same data (keys in insertion order,
non-ASCII kept, ``ensure_ascii=False`` escapes). The standard library writes small texts (a
run on one file need not import msgspec) and remains the fallback for a value msgspec refuses
(an integer beyond 64 bits from a hostile file, say).
"""

from __future__ import annotations

import json
from typing import Any

#: Up to this many values the standard library writes the text faster than msgspec imports
#: (a run on one file should not pay for a library its report does not need).
SMALL = 2_000


def pretty(data: Any, compiled: bool | None = None) -> str:
    """``data`` as indented JSON text ending in a newline. ``compiled``: whether msgspec
    writes it (None: when the data is large). A report streamed file by file asks for it once
    the run is large, though each file's part is small: the text is the same either way."""
    encoded = _compiled(data, compiled)
    if encoded is None:
        return _stdlib(data)
    return encoded.decode("utf-8") + "\n"


def items(values: list[Any], depth: int, compiled: bool | None = None) -> bytes:
    """The items of a list that stands ``depth`` levels deep in a document, as that document
    writes them: each indented for its place, joined by ``,\\n``, in UTF-8 (what cannot be
    encoded, a file name that is not UTF-8, as backslash escapes, as in an output file).
    Empty for no items. A report written file by file puts these between its brackets."""
    if not values:
        return b""
    nested: Any = values
    for _ in range(depth - 1):
        nested = [nested]  # [[v1, v2]] writes v1 and v2 two levels deep
    # "[\n", "  [\n", ... before the items; as many characters after them: "\n  ]", "\n]"
    cut = sum(2 * level + 2 for level in range(depth))
    encoded = _compiled(nested, compiled)
    if encoded is None:
        return _stdlib(nested)[cut : -cut - 1].encode("utf-8", "backslashreplace")
    return encoded[cut:-cut]


def _compiled(data: Any, compiled: bool | None) -> bytes | None:
    """``data`` indented by msgspec (without the final newline), or None where the standard
    library writes it: small data unless ``compiled``, and what msgspec refuses."""
    if not compiled and (compiled is False or _at_most(data, SMALL)):
        return None
    try:
        import msgspec
    except ImportError:  # pragma: no cover - msgspec is a dependency; kept for odd installs
        return None
    try:
        encoded = msgspec.json.encode(data)
    except (TypeError, OverflowError, ValueError):
        return None
    return msgspec.json.format(encoded, indent=2)


def indented(text: str, levels: int = 1) -> str:
    """JSON text written for the top level, as it reads nested ``levels`` deep: every line
    after the first indented two spaces a level (strings hold no raw newline)."""
    return text.replace("\n", "\n" + "  " * levels)


def member(key: str, text: str) -> str:
    """``"key": value`` as a member of a top-level object, from the value's own text."""
    return f"  {json.dumps(key, ensure_ascii=False)}: {indented(text.rstrip(chr(10)))}"


def _stdlib(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _at_most(data: Any, limit: int) -> bool:
    """Whether ``data`` holds at most ``limit`` values; stops counting past the limit, so
    the answer costs at most ``limit`` steps however large the data is."""
    stack, seen = [data], 0
    while stack:
        value = stack.pop()
        seen += 1
        if seen > limit:
            return False
        if isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return True
