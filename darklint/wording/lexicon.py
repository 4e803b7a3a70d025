"""Word classes of one language, read from its module in ``darklint.wording.languages``.

A language module holds ``WORDS``: for each class (negation, goods, losses ...) a string of
entries separated by commas or new lines. An entry is one or more words separated by spaces:

- ``deal`` matches the word ``deal`` only;
- ``discount*`` matches every word starting with ``discount`` (discounts, discounted);
- ``*angebot`` matches every word ending with ``angebot`` (Sonderangebot), for compounds;
- in a phrase, ``*`` alone stands for any one word (``let * down``).

A phrase marks the class at its first word. Looking a word up costs at most one dictionary
probe per letter, and a phrase at most as many steps as it has words, so a label is read in
time proportional to its length.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from dataclasses import field
from functools import cache

from darklint.classes import dataclass
from darklint.wording.tokens import Token

#: Longest prefix or suffix tried; longer words are matched on their first and last letters.
_AFFIX_MAX = 24

#: Languages with a lexicon, by BCP 47 primary subtag.
LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "ko")


@dataclass
class Lexicon:
    """One language's word classes, compiled for lookup."""

    language: str
    elision: bool = False
    contractions: bool = False
    #: The verb ends the clause (Korean): a refusal is read at the clause's end.
    verb_final: bool = False
    exact: dict[str, set[str]] = field(default_factory=dict)
    prefix: dict[str, set[str]] = field(default_factory=dict)
    suffix: dict[str, set[str]] = field(default_factory=dict)
    #: first word of a phrase (as entry text) -> [(class, the phrase's words)]
    phrases: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)
    phrase_prefixes: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    _cache: dict[str, frozenset[str]] = field(default_factory=dict)

    def add(self, cls: str, entry: str) -> None:
        words = tuple(entry.split())
        if not words:
            return
        if len(words) > 1:
            head = words[0]
            if head.endswith("*") and head != "*":
                self.phrase_prefixes.append((head[:-1], cls, words))
            else:
                self.phrases.setdefault(head, []).append((cls, words))
            return
        word = words[0]
        if word.endswith("*"):
            self.prefix.setdefault(word[:-1], set()).add(cls)
        elif word.startswith("*"):
            self.suffix.setdefault(word[1:], set()).add(cls)
        else:
            self.exact.setdefault(word, set()).add(cls)

    def word_classes(self, word: str) -> frozenset[str]:
        """The classes of one word on its own (exact, prefix and suffix entries)."""
        known = self._cache.get(word)
        if known is not None:
            return known
        found = set(self.exact.get(word, ()))
        for length in range(1, min(len(word), _AFFIX_MAX) + 1):
            found.update(self.prefix.get(word[:length], ()))
            found.update(self.suffix.get(word[-length:], ()))
        result = frozenset(found)
        if len(self._cache) < 50_000:
            self._cache[word] = result
        return result

    def classify(self, clause: Sequence[Token]) -> tuple[list[set[str]], list[int]]:
        """Per token, every class it belongs to, alone or as the first word of a phrase,
        and the last token of the longest phrase starting there (itself when none does)."""
        words = [t.word for t in clause]
        marks = [set(self.word_classes(w)) for w in words]
        reach = list(range(len(words)))
        for i, word in enumerate(words):
            candidates = [
                *self.phrases.get(word, ()),
                *(
                    (cls, phrase)
                    for head, cls, phrase in self.phrase_prefixes
                    if word.startswith(head)
                ),
            ]
            for cls, phrase in candidates:
                if _phrase_at(words, i, phrase):
                    marks[i].add(cls)
                    reach[i] = max(reach[i], i + len(phrase) - 1)
        return marks, reach


def _phrase_at(words: Sequence[str], i: int, phrase: tuple[str, ...]) -> bool:
    if i + len(phrase) > len(words):
        return False
    for offset, part in enumerate(phrase):
        word = words[i + offset]
        if part == "*":
            continue
        if part.endswith("*"):
            if not word.startswith(part[:-1]):
                return False
        elif part.startswith("*"):
            if not word.endswith(part[1:]):
                return False
        elif word != part:
            return False
    return True


def _entries(text: str) -> list[str]:
    return [e.strip() for line in text.splitlines() for e in line.split(",") if e.strip()]


@cache
def lexicon(language: str) -> Lexicon:
    """The compiled lexicon of a language (``en``, ``de`` ...), loaded on first use."""
    module = importlib.import_module(f"darklint.wording.languages.{language}")
    compiled = Lexicon(
        language,
        elision=getattr(module, "ELISION", False),
        contractions=getattr(module, "CONTRACTIONS", False),
        verb_final=getattr(module, "VERB_FINAL", False),
    )
    for cls, text in module.WORDS.items():
        for entry in _entries(text):
            compiled.add(cls, entry)
    return compiled
