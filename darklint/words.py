"""Counted nouns as English writes them, for every output that counts things."""

from __future__ import annotations


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 finding', '2 findings', '0 findings'; ``many`` for an irregular plural."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"
