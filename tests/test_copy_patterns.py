"""The phrase lists of the copy rules (DL501 confirmshaming, DL503 trick question).

Each rule's patterns, as its rule file ships them, must match every label of its positive
corpus and none of its negative corpus (tests/data/copy/). The corpora hold real-world labels,
including hard negatives that share words with the positives, so a pattern edited to catch
one more phrase cannot silently start flagging "No thanks" or "Email me offers".
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from darklint.checks.copy import compile_patterns, find_phrase

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
CORPORA = Path(__file__).resolve().parent / "data" / "copy"
COPY_RULES = ("DL501", "DL503")
MIN_LABELS = 40


def rule_patterns(rule_id: str) -> list[str]:
    """The phrase patterns of a built-in rule, read the way the catalog reads rule files."""
    data = yaml.safe_load((RULES / f"{rule_id}.yaml").read_text(encoding="utf-8"))
    assert data["check"]["function"] == "phrases"
    patterns = data["check"]["with"]["patterns"]
    assert isinstance(patterns, list) and patterns
    return patterns


def corpus(rule_id: str, polarity: str) -> list[str]:
    """Labels of a corpus file: one per line, blank lines and '#' comment lines skipped."""
    text = (CORPORA / f"{rule_id}-{polarity}.txt").read_text(encoding="utf-8")
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def cases(polarity: str) -> list[pytest.param]:
    return [
        pytest.param(rule_id, label, id=f"{rule_id}-{polarity}-{number}")
        for rule_id in COPY_RULES
        for number, label in enumerate(corpus(rule_id, polarity), start=1)
    ]


_compiled: dict[str, list[re.Pattern[str]]] = {}


def compiled(rule_id: str) -> list[re.Pattern[str]]:
    if rule_id not in _compiled:
        _compiled[rule_id] = compile_patterns(rule_patterns(rule_id))
    return _compiled[rule_id]


@pytest.mark.parametrize(("rule_id", "label"), cases("positive"))
def test_positive_label_matches(rule_id: str, label: str) -> None:
    assert find_phrase(compiled(rule_id), label) is not None, f"{rule_id} misses {label!r}"


@pytest.mark.parametrize(("rule_id", "label"), cases("negative"))
def test_negative_label_does_not_match(rule_id: str, label: str) -> None:
    match = find_phrase(compiled(rule_id), label)
    assert match is None, (
        f"{rule_id} flags {label!r} (matched {match.group(0)!r} with {match.re.pattern!r})"
    )


@pytest.mark.parametrize("rule_id", COPY_RULES)
@pytest.mark.parametrize("polarity", ["positive", "negative"])
def test_corpus_is_large_enough(rule_id: str, polarity: str) -> None:
    labels = corpus(rule_id, polarity)
    assert len(labels) >= MIN_LABELS
    assert len(set(labels)) == len(labels), "duplicate labels in the corpus"


@pytest.mark.parametrize("rule_id", COPY_RULES)
@pytest.mark.parametrize("label", ["No thanks", "Cancel", "Not now", "Unsubscribe", "Skip"])
def test_ordinary_labels_never_match(rule_id: str, label: str) -> None:
    assert find_phrase(compiled(rule_id), label) is None


def test_every_pattern_is_used_by_the_positive_corpus() -> None:
    """A pattern no positive label needs is untested: add a label for it or drop it."""
    for rule_id in COPY_RULES:
        labels = corpus(rule_id, "positive")
        for pattern in compiled(rule_id):
            assert any(pattern.search(label) for label in labels), f"{rule_id}: {pattern.pattern!r}"


def test_compile_patterns_ignores_case_and_keeps_order() -> None:
    patterns = compile_patterns([r"\bsaving\b", r"\bmoney\b"])
    assert [p.pattern for p in patterns] == [r"\bsaving\b", r"\bmoney\b"]
    match = find_phrase(patterns, "I don't like SAVING MONEY")
    assert match is not None and match.group(0) == "SAVING"


def test_find_phrase_reports_the_first_pattern_in_list_order() -> None:
    patterns = compile_patterns([r"money", r"don't"])
    match = find_phrase(patterns, "I don't like saving money")
    assert match is not None and match.group(0) == "money"


def test_find_phrase_returns_none_without_a_match() -> None:
    assert find_phrase(compile_patterns([r"\bquitters?\b"]), "Cancel my plan") is None
    assert find_phrase([], "anything") is None


@pytest.mark.parametrize("bad", [r"(unclosed", r"[z-a]", r"*start"])
def test_a_bad_pattern_raises_value_error_naming_it(bad: str) -> None:
    with pytest.raises(ValueError, match=re.escape(repr(bad))):
        compile_patterns([r"\bfine\b", bad])


def test_a_pattern_that_is_not_a_string_raises_value_error() -> None:
    with pytest.raises(ValueError, match="42"):
        compile_patterns([42])  # type: ignore[list-item]
