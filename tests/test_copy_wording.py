"""The copy rules' wording judges (DL501 confirmshaming, DL503 trick questions).

The labelled sets in tests/data/copy/ (dev: what the lexicons were built on; heldout: written
first, apart) must keep precision and recall above a floor per language and rule, the rule
documentation must publish the figures tools/copy_scores.py computes, and the neutral
declines named in the issue that asked for these rules must never be reported.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from darklint.checks.copy import compile_patterns, find_phrase
from darklint.load import load_text
from darklint.wording import LANGUAGES, judge_decline, judge_tick_box, language_of
from darklint.wording.lexicon import lexicon
from darklint.wording.tokens import clauses

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import copy_scores  # noqa: E402

#: Least precision and recall per language and rule, on each set. The held-out floors guard
#: against a change that loses what the rules found on labels they were not built on; they
#: sit below the measured figures (published in the rule docs), which are the estimate.
FLOORS = {"dev": (0.95, 0.90), "heldout": (0.90, 0.60)}
#: Least labels per file of the development set (English, other languages).
DEV_SIZES = {"DL501": (300, 60), "DL503": (150, 60)}

NEUTRAL_DECLINES = [
    "No thanks",
    "Not now",
    "Maybe later",
    "No thanks, I just want the item",
    "No thanks, I'll pay now",
    "I already have an account",
    "Continue without protection",
]
SHAMING_DECLINES = [
    "No thanks, I don't want a discount",
    "I don't like great deals",
    "I'd rather pay full price",
    "I'll rather pay full price",
    "I prefer not to save",
    "No, I don't feel lucky",
    "No thanks, I love chaos",
    "No, I prefer takeaway junk",
    "No thanks, I don't want my coupon",
    "No, I don't want free shipping",
]


@pytest.mark.parametrize("label", NEUTRAL_DECLINES)
def test_neutral_declines_of_the_issue_stay_quiet(label):
    assert judge_decline(label, "en") is None
    assert judge_decline(label.replace("'", "’"), "en") is None


@pytest.mark.parametrize("label", SHAMING_DECLINES)
def test_shaming_declines_of_the_issue_are_found(label):
    assert judge_decline(label, "en") is not None
    assert judge_decline(label.upper(), "en") is not None


@pytest.mark.parametrize("which", copy_scores.SETS)
@pytest.mark.parametrize("rule", list(copy_scores.JUDGES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_precision_and_recall_stay_above_the_floor(which, rule, language):
    score, wrong = copy_scores.score(rule, language, which)
    least_precision, least_recall = FLOORS[which]
    assert score.labels, f"no {which} labels for {rule} in {language}"
    shown = "\n".join(f"{'missed' if e else 'flagged'}: {t}" for e, t in wrong)
    assert score.precision >= least_precision, shown
    assert score.recall >= least_recall, shown


@pytest.mark.parametrize("rule", list(copy_scores.JUDGES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_development_set_is_large_balanced_and_distinct(rule, language):
    labels = copy_scores.labelled(rule, language, "dev")
    english, other = DEV_SIZES[rule]
    assert len(labels) >= (english if language == "en" else other)
    positive = sum(1 for expected, _ in labels if expected)
    assert 0.4 <= positive / len(labels) <= 0.6, "about half shaming or tricky, half neutral"
    texts = [text for _, text in labels]
    assert len(set(texts)) == len(texts), "a label appears twice"
    held_out = {text for _, text in copy_scores.labelled(rule, language, "heldout")}
    assert not held_out & set(texts), "a held-out label is also in the development set"


@pytest.mark.parametrize("rule", list(copy_scores.JUDGES))
def test_rule_docs_publish_the_computed_scores(rule):
    assert copy_scores.published(rule) == copy_scores.block(rule), (
        f"rules/{rule}.yaml's scores are stale: run python tools/copy_scores.py --write"
    )


def test_label_files_refuse_a_line_without_a_verdict(tmp_path, monkeypatch):
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "DL501-en.txt").write_text("+ fine\nno verdict here\n", encoding="utf-8")
    monkeypatch.setattr(copy_scores, "DATA", tmp_path)
    with pytest.raises(ValueError, match=r"DL501-en.txt:2"):
        copy_scores.labelled("DL501", "en", "dev")


# -- how words are read ----------------------------------------------------------------------


def test_english_contractions_open_and_other_languages_keep_their_words():
    words = [t.word for c in clauses("I don't, I'm", contractions=True) for t in c]
    assert words == ["i", "do", "not", "i", "am"]
    # German "im" is not English "I'm"; French elision splits "n'aime".
    assert [t.word for c in clauses("im Stich") for t in c] == ["im", "stich"]
    assert [t.word for c in clauses("je n'aime pas", elision=True) for t in c] == [
        "je",
        "n'",
        "aime",
        "pas",
    ]


def test_findings_quote_the_customers_own_words():
    text = "No thanks, I’d rather pay FULL PRICE today"
    judgement = judge_decline(text, "en")
    assert judgement is not None and judgement.shape == "prefers a loss"
    assert judgement.words(text) == "rather pay FULL PRICE"


def test_one_negation_in_french_ne_pas_and_two_in_a_double_negative():
    assert judge_tick_box("Je ne suis pas un robot", "fr") is None
    found = judge_tick_box("Je ne souhaite pas ne pas recevoir d'offres", "fr")
    assert found is not None and found.shape == "double negative"


def test_a_promise_of_the_business_is_not_a_refusal():
    assert judge_tick_box("We will never share your data", "en") is None
    assert judge_tick_box("Nunca compartiremos tus datos", "es") is None
    assert judge_tick_box("Never share my data", "en") is not None


@pytest.mark.parametrize(
    ("tag", "language"),
    [(None, "en"), ("en", "en"), ("de-AT", "de"), ("pt-BR", "pt"), ("FR", "fr"), ("sv", None)],
)
def test_language_tags_pick_a_lexicon_by_primary_subtag(tag, language):
    assert language_of(tag) == language


def test_every_lexicon_uses_only_classes_the_shapes_read():
    known = {
        "no", "thanks", "neg", "negpart", "first", "lossverb", "affect", "dislike", "refuse",
        "good", "pay", "extra", "prefer", "content", "copula", "future", "bad", "risk", "guilt",
        "smug", "care", "indifferent", "contact", "optout", "uncheck", "object", "business",
        "leadin",
    }  # fmt: skip
    shapes = (ROOT / "darklint" / "wording" / "shapes.py").read_text(encoding="utf-8")
    for name in known:
        assert f'"{name}"' in shapes, f"class {name} is not read by any shape"
    for language in LANGUAGES:
        module = __import__(f"darklint.wording.languages.{language}", fromlist=["WORDS"])
        assert set(module.WORDS) <= known, f"{language}: unknown class"
        assert lexicon(language).word_classes("") == frozenset()


@pytest.mark.parametrize("judge", [judge_decline, judge_tick_box])
@pytest.mark.parametrize("language", LANGUAGES)
def test_long_labels_are_read_in_linear_time(judge, language):
    """A label of 14,000 negations, goods and contact words: a quadratic reading would take
    minutes (the bounded windows of each shape keep it linear)."""
    words = "not no never nicht ne non no niet não want discount send me uncheck "
    judge(words * 1_000, language)
    judge("x " * 20_000, language)


# -- the flow format's `language` key --------------------------------------------------------

FLOW = """darklint: 1
product: Example
{product_language}flows:
  signup:
    kind: signup
    start: a
    steps:
      a:
        {step_language}actions: [{{label: "Go", to: b}}]
      b: {{outcome: subscribed}}
"""


def test_language_defaults_to_english_and_a_step_may_override_it():
    product = load_text(FLOW.format(product_language="", step_language=""), "x.yaml").product
    assert product is not None and product.language == "en"
    text = FLOW.format(product_language="language: de\n", step_language="language: fr-CA\n        ")
    product = load_text(text, "x.yaml").product
    assert product is not None
    step = product.flows["signup"].steps["a"]
    assert product.language == "de" and product.language_of(step) == "fr-CA"


@pytest.mark.parametrize("bad", ["english", "e", "de_DE", "en-", "pt-BR-thisistoolong"])
def test_a_language_that_is_not_a_bcp47_tag_is_reported_at_its_line(bad):
    text = FLOW.format(product_language=f"language: {bad}\n", step_language="")
    result = load_text(text, "x.yaml")
    assert result.product is None
    messages = [(problem.message, problem.location.line) for problem in result.problems]
    assert any("BCP 47" in message and line == 3 for message, line in messages), messages


# -- the `phrases` check for rules of one's own ----------------------------------------------


def test_compile_patterns_ignores_case_and_keeps_order():
    patterns = compile_patterns([r"\bsaving\b", r"\bmoney\b"])
    assert [p.pattern for p in patterns] == [r"\bsaving\b", r"\bmoney\b"]
    match = find_phrase(patterns, "I don't like SAVING MONEY")
    assert match is not None and match.group(0) == "SAVING"


def test_find_phrase_returns_none_without_a_match():
    assert find_phrase(compile_patterns([r"\bquitters?\b"]), "Cancel my plan") is None
    assert find_phrase([], "anything") is None


@pytest.mark.parametrize("bad", [r"(unclosed", r"[z-a]", r"*start"])
def test_a_bad_pattern_raises_value_error_naming_it(bad):
    with pytest.raises(
        ValueError, match=bad.replace("[", r"\[").replace("(", r"\(").replace("*", r"\*")
    ):
        compile_patterns([r"\bfine\b", bad])


# -- each label read once per process ---------------------------------------------------------


def test_a_label_is_read_once_and_both_judges_share_the_reading(monkeypatch):
    import darklint.wording as wording

    calls = []
    real = wording.read
    monkeypatch.setattr(wording, "read", lambda text, lex: calls.append(text) or real(text, lex))
    label = "No thanks, I don't want a discount (memo test)"
    for _ in range(3):
        assert judge_decline(label, "en") is not None
        assert judge_tick_box(label, "en") is None
    assert calls == [label]


def test_the_memo_keeps_short_labels_only_and_is_bounded():
    import darklint.wording as wording

    long_label = "No thanks, I don't want a discount " + "x " * wording.MEMO_TEXT_MAX
    before = wording._remembered.cache_info()
    assert judge_decline(long_label, "en") is not None
    assert wording._remembered.cache_info() == before
    assert wording._remembered.cache_info().maxsize == wording.MEMO_SIZE


@pytest.mark.parametrize(
    ("text", "language", "opens"),
    [
        ("No thanks", "en", True),
        ("  , No!", "en", True),
        ("Now or never", "en", False),
        ("Nein, danke", "de", True),
        ("Non merci", "fr", True),
        ("", "en", False),
        ("...", "en", False),
    ],
)
def test_opens_with_no_reads_the_first_word_only(text, language, opens):
    from darklint.wording import opens_with_no

    assert opens_with_no(text, language) is opens
