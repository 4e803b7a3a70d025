"""Phrase matching for the copy rules (confirmshaming, trick questions).

The copy rules work like Vale's ``existence`` check: a rule lists regular expressions, and a
label or text that matches any of them is reported. The lists live in the rule files
(``rules/DL501.yaml``, ``rules/DL503.yaml``), so auditors can read them and teams can write
their own rules with their own phrases. This module only compiles and matches them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence


def compile_patterns(patterns: Iterable[str]) -> list[re.Pattern[str]]:
    """Compile a rule's phrase patterns, case-insensitively, in the order given.

    Order matters: :func:`find_phrase` reports the first pattern that matches, so the
    evidence shown to users is stable. A pattern that is not a string or not a valid Python
    regular expression raises :class:`ValueError` naming the pattern, so a typo in a rule
    file is reported against that rule instead of failing somewhere later.
    """
    compiled: list[re.Pattern[str]] = []
    for pattern in patterns:
        if not isinstance(pattern, str):
            raise ValueError(f"phrase pattern {pattern!r} is not a string")
        try:
            compiled.append(re.compile(pattern, re.IGNORECASE))
        except re.error as error:
            raise ValueError(
                f"phrase pattern {pattern!r} is not a valid regular expression: {error}"
            ) from None
    return compiled


def find_phrase(compiled: Sequence[re.Pattern[str]], text: str) -> re.Match[str] | None:
    """The first match of the first pattern (in list order) found anywhere in ``text``."""
    for pattern in compiled:
        match = pattern.search(text)
        if match is not None:
            return match
    return None
