"""The engagement a report belongs to: its title, scope and author.

An auditor's report opens with what was examined, for whom and by whom. These come from
``--title`` / ``--scope`` / ``--author`` or the ``report:`` section of the configuration (the
flags win), are checked like every other setting, and are shown as text (never as markup).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from darklint.classes import dataclass

#: Keys of the ``report:`` section, in the order the report shows them.
KEYS = ("title", "scope", "author")
#: A title is a line and a scope a paragraph; anything longer is a mistake, not a description.
MAX_CHARS = {"title": 200, "scope": 2000, "author": 200}


@dataclass(frozen=True)
class Engagement:
    """What the report is about; None where nobody said."""

    title: str | None = None
    scope: str | None = None
    author: str | None = None

    def over(self, other: Engagement) -> Engagement:
        """This engagement's values where given, else the other's (flags over the file)."""
        return Engagement(*(getattr(self, k) or getattr(other, k) for k in KEYS))


def engagement_text(value: Any, key: str) -> str:
    """A title, scope or author: one non-empty text within its length; ValueError otherwise."""
    name = key.rsplit(".", 1)[-1]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"must be a text, e.g. {name}: 'Cancellation flows, web and app'")
    text = " ".join(value.split()) if name != "scope" else value.strip()
    if len(text) > MAX_CHARS[name]:
        raise ValueError(f"is {len(text)} characters long; at most {MAX_CHARS[name]} are shown")
    return text


def read_engagement(value: Any, key: str, unknown: Callable[[str], str]) -> Engagement:
    """The ``report:`` section of a configuration; ValueError("key: problem") when it is bad.

    ``unknown`` words the message for an unknown key (with the nearest known one)."""
    if not isinstance(value, dict):
        raise ValueError(f"{key}: must be a mapping of {', '.join(KEYS)}")
    for name in value:
        if name not in KEYS:
            raise ValueError(f"{key}.{name}: {unknown(str(name))}")
    values = {}
    for name, text in value.items():
        try:
            values[name] = engagement_text(text, name)
        except ValueError as error:
            raise ValueError(f"{key}.{name}: {error}") from None
    return Engagement(**values)
