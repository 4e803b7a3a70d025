"""The copy rules' wording judges (DL501 confirmshaming, DL503 trick questions).

The labelled sets in tests/data/copy/ (dev, heldout and stress: all development material
now, see their READMEs) must keep precision and recall above a floor per language and rule,
the rule documentation must publish the figures tools/copy_scores.py computes, and the
neutral declines named in the issue that asked for these rules must never be reported.
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

#: Least precision and recall per language and rule, on each set. They sit below the
#: measured figures (published in the rule docs): a change that loses what the rules found,
#: or starts flagging neutral copy, fails here. The held-out, stress and probe sets were
#: scored before they were read (figures in their READMEs) and are development material
#: since.
FLOORS = {
    "dev": (0.95, 0.90),
    "heldout": (0.95, 0.85),
    "stress": (0.90, 0.85),
    "probe": (0.90, 0.70),
    # Written without sight of the rules and never tuned on (its README): recall is low by
    # what it measures, so its floor guards against losing the little it finds.
    "blind": (0.85, 0.10),
}
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


#: Sets every language must have; the stress and probe sets were written for the first seven.
REQUIRED_SETS = ("dev", "heldout")


def _scored_sets():
    for which in copy_scores.SETS:
        for rule in copy_scores.JUDGES:
            for language in LANGUAGES:
                if which in REQUIRED_SETS or copy_scores.labelled(rule, language, which):
                    yield pytest.param(which, rule, language, id=f"{language}-{rule}-{which}")


@pytest.mark.parametrize(("which", "rule", "language"), list(_scored_sets()))
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
    # The blind set is left out: written apart, it shares a dozen everyday formulas ("Not
    # now", "Overslaan") with the development set by coincidence, not by copying.
    for other in ("heldout", "stress", "probe"):
        elsewhere = {text for _, text in copy_scores.labelled(rule, language, other)}
        assert not elsewhere & set(texts), f"a {other} label is also in the development set"


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


# -- evaluations: a good run down, a loss welcomed, one's own good slighted -------------------

#: (language, label, shape, quoted words). Goods and idioms are paired here in combinations
#: that no labelled set holds: the shape is the pair, not the phrase.
EVALUATED = [
    ("en", "Cashback is for suckers", "belittles a gain", "Cashback is for suckers"),
    ("en", "No, deals aren't worth my time", "belittles a gain", "deals aren't worth"),
    ("en", "No thanks, full price is fine by me", "welcomes a loss", "full price is fine by"),
    ("en", "No, extra costs don't bother me", "welcomes a loss", "extra costs don't bother"),
    ("de", "Nein, Prämien sind überbewertet", "belittles a gain", "Prämien sind überbewertet"),
    ("de", "Nein, mehr zahlen ist kein Problem", "welcomes a loss", "mehr zahlen ist kein"),
    ("fr", "Non, le supplément ne me dérange pas", "welcomes a loss", "supplément ne me"),
    ("fr", "Non, les codes promo c'est pour les autres", "belittles a gain", "promo c'est pour"),
    ("es", "No, los puntos no son para mí", "belittles a gain", "puntos no son para"),
    ("it", "No, il risparmio è noioso", "belittles a gain", "risparmio è noioso"),
    ("nl", "Nee, gratis verzending is niks voor mij", "belittles a gain", "gratis verzending"),
    ("pt", "Não, cashback não é pra mim", "belittles a gain", "cashback não é pra"),
    ("en", "No thanks, my savings can wait", "does not care", "savings can wait"),
    # "not for" and a first person a few words on, whatever stands between them
    ("en", "No, coupons are not for a guy like me", "belittles a gain", "coupons are not"),
    ("de", "Nein, Gutscheine sind nichts für jemanden wie mich", "belittles a gain", "Gutsch"),
    ("es", "No, los cupones no son para alguien como yo", "belittles a gain", "cupones no"),
    ("it", "No, i coupon non sono per quelli come me", "belittles a gain", "coupon non"),
    # a cost paid gladly
    ("nl", "Nee, verzendkosten stoort me niet", "welcomes a loss", "verzendkosten"),
    ("pt", "Não, pagar a taxa de entrega não me incomoda", "welcomes a loss", "taxa de"),
]


@pytest.mark.parametrize(("language", "text", "shape", "words"), EVALUATED)
def test_an_evaluation_of_a_good_or_a_loss_is_read_as_its_shape(language, text, shape, words):
    judgement = judge_decline(text, language)
    assert judgement is not None and judgement.shape == shape
    assert judgement.words(text).startswith(words)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "No thanks, not for me"),  # the offer itself, no good named
        ("en", "No thanks, the free trial isn't for me"),  # the offer's own name
        ("en", "No, I don't need gift wrapping"),  # a service, not a gift
        ("en", "No thanks, the basic plan works for me"),  # approval of no loss
        ("en", "No thanks, full price is not my style"),  # "my style" inside "not my style"
        ("en", "No, standard shipping is fine"),
        ("en", "Not for me, I already have a coupon"),
        ("de", "Nein danke, das ist nichts für mich"),
        ("de", "Nein danke, mein Tarif passt mir"),
        ("fr", "Non merci, ça me va"),
        ("es", "No, pago el precio normal"),
        ("nl", "Nee, standaardverzending is prima"),
        ("pt", "Não, tá bom assim"),
    ],
)
def test_neutral_evaluations_stay_quiet(language, text):
    assert judge_decline(text, language) is None


def test_a_comma_ends_a_negation_and_a_short_question_is_the_topic_of_its_answer():
    text = "Gratisversand? Brauch ich nicht, ich zahl gern drauf"
    judgement = judge_decline(text, "de")
    assert judgement is not None and judgement.words(text) == "zahl gern drauf"
    found = judge_decline("Rewards? Not my cup of tea", "en")
    assert found is not None and found.shape == "belittles a gain"
    # A long question is a clause of its own.
    assert judge_decline("Do you like our new rewards? Not my cup of tea", "en") is None


@pytest.mark.parametrize(
    ("language", "text", "shape"),
    [
        ("en", "Leave this box empty to get our weekly deals", "uncheck to refuse"),
        ("en", "Check here to decline newsletters", "refusal"),
        ("en", "Keep me off the partner mailing list", "opt-out"),
        ("de", "Nehmen Sie mich aus dem Verteiler", "opt-out"),
        ("de", "Leer lassen, um Partnerangebote zu erhalten", "uncheck to refuse"),
        ("fr", "Si vous préférez ne pas recevoir nos offres, cochez cette case", "refusal"),
        ("es", "Marque para dejar de recibir el boletín", "opt-out"),
        ("nl", "Vink aan als je niet geïnformeerd wilt worden", "refusal"),
        # the business as the customer wishes it, and objections wherever the verb stands
        ("en", "Tick here if you'd prefer we never call you", "refusal"),
        ("de", "Ankreuzen, falls Sie der Weitergabe Ihrer Daten widersprechen", "refusal"),
        ("es", "Marque para rechazar que compartamos sus datos", "refusal"),
        ("nl", "Aanvinken om het delen van je gegevens te weigeren", "refusal"),
    ],
)
def test_opt_outs_in_their_grammatical_variants_are_trick_questions(language, text, shape):
    judgement = judge_tick_box(text, language)
    assert judgement is not None and judgement.shape == shape


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Leave blank if you don't want emails"),  # left alone, the customer refuses
        ("de", "Lassen Sie das Feld leer, wenn Sie keine Werbung wünschen"),
        ("en", "You won't receive more than one email a week"),  # the business's promise
        ("fr", "Oui, je veux recevoir les offres par e-mail"),
    ],
)
def test_plain_boxes_with_the_same_words_stay_quiet(language, text):
    assert judge_tick_box(text, language) is None


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
    [
        (None, "en"),
        ("en", "en"),
        ("de-AT", "de"),
        ("pt-BR", "pt"),
        ("FR", "fr"),
        ("ko-KR", "ko"),
        ("sv", None),
    ],
)
def test_language_tags_pick_a_lexicon_by_primary_subtag(tag, language):
    assert language_of(tag) == language


def test_korean_reads_stems_with_their_endings_and_the_verb_at_the_end():
    text = "아니요, 할인은 필요없어요"  # written without a space: the ending still negates
    judgement = judge_decline(text, "ko")
    assert judgement is not None and judgement.shape == "refuses a gain"
    assert judge_decline("아니요, 괜찮아요", "ko") is None
    assert judge_decline("쿠폰 없이 계속하기", "ko") is None
    found = judge_tick_box("마케팅 정보 수신을 원하지 않습니다", "ko")
    assert found is not None and found.shape == "refusal"
    # the business's promise, and a delivery instruction, are not refusals
    assert judge_tick_box("저희는 고객님의 정보를 판매하지 않습니다", "ko") is None
    assert judge_tick_box("포장 없이 보내 주세요", "ko") is None


def test_every_lexicon_uses_only_classes_the_shapes_read():
    known = {
        "no", "thanks", "neg", "negpart", "first", "lossverb", "affect", "dislike", "refuse",
        "good", "pay", "extra", "prefer", "content", "copula", "future", "bad", "risk", "guilt",
        "smug", "care", "indifferent", "contact", "optout", "uncheck", "object", "business",
        "leadin", "evalneg", "evalpos", "unconcerned", "costly", "service", "leaveblank",
        "forprep",
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
