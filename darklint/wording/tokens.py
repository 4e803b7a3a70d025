"""Words of a label, as the copy rules read them: lower-cased, contractions opened, in clauses.

Tokenizing is one pass of one regular expression with no nested repetition, so a label of any
length costs time in proportion to its length. Every token remembers the characters it came
from, so a finding can quote the customer's own words.
"""

from __future__ import annotations

import re

from darklint.classes import dataclass

#: A word (letters and digits, joined by apostrophes or hyphens), a percentage, or a mark
#: that ends a clause. Commas are kept apart: they join a clause, they do not end one.
_TOKEN = re.compile(r"[^\W_]+(?:['\-][^\W_]+)*'?|%|[.!?;:()\[\]]|,")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
_CLAUSE_END = frozenset(".!?;:()[]")
#: Longest question (in words) read as the topic of the clause after it.
_TOPIC_MAX = 3

#: English contractions whose first part is not simply the word before the apostrophe.
_IRREGULAR = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "cannot": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("am", "not"),
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
}
_ENGLISH_ENDINGS = (
    ("n't", "not"),
    ("'ll", "will"),
    ("'d", "would"),
    ("'m", "am"),
    ("'ve", "have"),
    ("'re", "are"),
    ("'s", ""),
)


@dataclass(frozen=True)
class Token:
    """One word as the lexicons see it, and where it stands in the original text."""

    word: str
    start: int
    end: int
    comma_after: bool = False


def clauses(text: str, elision: bool = False, contractions: bool = False) -> list[list[Token]]:
    """The label's clauses, each a list of tokens (commas and clause marks dropped).

    ``elision`` splits a leading elided word from the next (French and Italian ``n'aime``,
    ``l'offerta``) so that ``n'`` and ``aime`` are read apart; ``contractions`` opens
    English ones (``don't`` -> ``do not``, ``I'm`` -> ``I am``).
    """
    text = text.translate(_APOSTROPHES)
    out: list[list[Token]] = [[]]
    for match in _TOKEN.finditer(text):
        raw = match.group(0)
        current = out[-1]
        if raw in _CLAUSE_END:
            # A short question before an answer is its topic: "Rewards? Not my thing" reads
            # as "Rewards, not my thing".
            if raw == "?" and 0 < len(current) <= _TOPIC_MAX:
                last = current[-1]
                current[-1] = Token(last.word, last.start, last.end, True)
            elif current:
                out.append([])
            continue
        if raw == ",":
            if current:
                last = current[-1]
                current[-1] = Token(last.word, last.start, last.end, True)
            continue
        current.extend(_words(raw.lower(), match.start(), match.end(), elision, contractions))
    return [clause for clause in out if clause]


def _words(word: str, start: int, end: int, elision: bool, contractions: bool) -> list[Token]:
    """One written word as one or more tokens (``don't`` is two, ``n'aime`` is two)."""
    if not (elision or contractions) or ("'" not in word and word not in _IRREGULAR):
        return [Token(word, start, end)]
    if elision:
        head, _, rest = word.partition("'")
        if head and rest:
            return [Token(head + "'", start, end), Token(rest, start, end)]
        return [Token(word.strip("'"), start, end)]
    if word in _IRREGULAR:
        return [Token(part, start, end) for part in _IRREGULAR[word]]
    for ending, meaning in _ENGLISH_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending):
            parts = [word[: -len(ending)], meaning]
            return [Token(part, start, end) for part in parts if part]
    return [Token(word.strip("'"), start, end)]


def first_word(text: str, elision: bool = False, contractions: bool = False) -> str | None:
    """The first word of the label as :func:`clauses` reads it, without reading the rest:
    whether a label opens with "No" is asked of every action of a flow."""
    for match in _TOKEN.finditer(text.translate(_APOSTROPHES)):
        raw = match.group(0)
        if raw == "," or raw in _CLAUSE_END:
            continue
        return _words(raw.lower(), match.start(), match.end(), elision, contractions)[0].word
    return None
