"""How the copy rules read words: confirmshaming and trick questions judged by their shape.

A label is split into clauses and words (:mod:`~darklint.wording.tokens`), each word gets the
classes its language's lexicon gives it (:mod:`~darklint.wording.lexicon`), and small rules
over nearby classes find the shapes (:mod:`~darklint.wording.shapes`). Lexicons are Python
modules imported the first time a label of that language is read, so a run that reads no
copy, or only English copy, loads nothing more.
"""

from __future__ import annotations

from darklint.wording.lexicon import LANGUAGES, lexicon
from darklint.wording.shapes import Judgement, opens_with_no_word, shaming, trick

__all__ = [
    "LANGUAGES",
    "Judgement",
    "judge_decline",
    "judge_tick_box",
    "language_of",
    "opens_with_no",
]


def language_of(tag: str | None) -> str | None:
    """The lexicon for a BCP 47 tag (``de-AT`` -> ``de``), or None when there is none."""
    primary = (tag or "en").split("-", 1)[0].split("_", 1)[0].lower()
    return primary if primary in LANGUAGES else None


def judge_decline(text: str, language: str) -> Judgement | None:
    """Whether a decline's wording shames the customer (``language`` from :func:`language_of`)."""
    return shaming(text, lexicon(language))


def judge_tick_box(text: str, language: str) -> Judgement | None:
    """Whether a tick box's label is a trick question."""
    return trick(text, lexicon(language))


def opens_with_no(text: str, language: str) -> bool:
    """Whether a label opens with the language's "no" ("No thanks, ...", "Nein, ...")."""
    return opens_with_no_word(text, lexicon(language))
