"""How the copy rules read words: confirmshaming and trick questions judged by their shape.

A label is split into clauses and words (:mod:`~darklint.wording.tokens`), each word gets the
classes its language's lexicon gives it (:mod:`~darklint.wording.lexicon`), and small rules
over nearby classes find the shapes (:mod:`~darklint.wording.shapes`). Lexicons are Python
modules imported the first time a label of that language is read, so a run that reads no
copy, or only English copy, loads nothing more.

A flow set repeats its labels ("No thanks", "Keep my discount" on every product), so each
distinct short label is read once per language and process, and each verdict asked of it is
kept with it (a bounded memo: labels longer than :data:`MEMO_TEXT_MAX` characters are read
each time, so the memo's memory stays small whatever the input).
"""

from __future__ import annotations

from functools import lru_cache

from darklint.wording.lexicon import LANGUAGES, lexicon
from darklint.wording.shapes import Judgement, Reading, opens_with_no_word, read, shaming, trick

__all__ = [
    "LANGUAGES",
    "Judgement",
    "judge_decline",
    "judge_tick_box",
    "language_of",
    "opens_with_no",
]


@lru_cache(maxsize=256)
def language_of(tag: str | None) -> str | None:
    """The lexicon for a BCP 47 tag (``de-AT`` -> ``de``), or None when there is none."""
    primary = (tag or "en").split("-", 1)[0].split("_", 1)[0].lower()
    return primary if primary in LANGUAGES else None


#: Longest label kept in the memo, and how many labels it keeps.
MEMO_TEXT_MAX = 400
MEMO_SIZE = 4096

_UNASKED = object()


class _Label:
    """One label read in one language, and the verdicts asked of it so far."""

    __slots__ = ("_opens_no", "_reading", "_shaming", "_trick", "language", "text")

    def __init__(self, text: str, language: str) -> None:
        self.text = text
        self.language = language
        self._reading: Reading | None = None
        self._shaming: object = _UNASKED
        self._trick: object = _UNASKED
        self._opens_no: bool | None = None

    def reading(self) -> Reading:
        if self._reading is None:
            self._reading = read(self.text, lexicon(self.language))
        return self._reading

    def shaming(self) -> Judgement | None:
        if self._shaming is _UNASKED:
            self._shaming = shaming(self.reading())
        return self._shaming  # type: ignore[return-value]

    def opens_no(self) -> bool:
        if self._opens_no is None:
            self._opens_no = opens_with_no_word(self.text, lexicon(self.language))
        return self._opens_no

    def trick(self) -> Judgement | None:
        if self._trick is _UNASKED:
            self._trick = trick(self.reading(), lexicon(self.language).verb_final)
        return self._trick  # type: ignore[return-value]


@lru_cache(maxsize=MEMO_SIZE)
def _remembered(text: str, language: str) -> _Label:
    return _Label(text, language)


def _label(text: str, language: str) -> _Label:
    if len(text) > MEMO_TEXT_MAX:
        return _Label(text, language)
    return _remembered(text, language)


def judge_decline(text: str, language: str) -> Judgement | None:
    """Whether a decline's wording shames the customer (``language`` from :func:`language_of`)."""
    return _label(text, language).shaming()


def judge_tick_box(text: str, language: str) -> Judgement | None:
    """Whether a tick box's label is a trick question."""
    return _label(text, language).trick()


def opens_with_no(text: str, language: str) -> bool:
    """Whether a label opens with the language's "no" ("No thanks, ...", "Nein, ...")."""
    return _label(text, language).opens_no()
