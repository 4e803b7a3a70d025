"""JSON text for every machine-readable output, written by a compiled encoder.

The JSON, SARIF, GitLab and baseline outputs are pretty-printed with two-space indentation.
The standard library's encoder does that in Python, one call per value: a quarter of a large
run went into it. msgspec (also what the result cache decodes with) encodes and indents in C,
about ten times as fast, with the same text for the same data (keys in insertion order,
non-ASCII kept, ``ensure_ascii=False`` escapes). The standard library remains the fallback
for a value msgspec refuses (an integer beyond 64 bits from a hostile file, say).
"""

from __future__ import annotations

import json
from typing import Any


def pretty(data: Any) -> str:
    """``data`` as indented JSON text ending in a newline."""
    try:
        import msgspec
    except ImportError:  # pragma: no cover - msgspec is a dependency; kept for odd installs
        return _stdlib(data)
    try:
        encoded = msgspec.json.encode(data)
    except (TypeError, OverflowError, ValueError):
        return _stdlib(data)
    return msgspec.json.format(encoded, indent=2).decode("utf-8") + "\n"


def _stdlib(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
