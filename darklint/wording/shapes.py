"""The shapes of confirmshaming and of trick questions, read from a label's word classes.

Each shape is a small rule over the classes of nearby words in one clause (see
:mod:`darklint.wording.lexicon` for the classes and ``languages/`` for the words). Every rule
looks a bounded number of words left or right of each word, so a label is judged in time
proportional to its length.

Confirmshaming (a decline that makes the customer speak against their own interest or mocks
them):

- ``refuses a gain``: a negated wish, need or liking near a good ("I don't want a discount",
  "Geschenke interessieren mich nicht"), a dislike of a good ("I hate deals"), or a first
  person refusing one ("I'll pass on savings");
- ``prefers a loss``: a preference for paying more, missing out or losing ("I'd rather pay
  full price", "Prefiero pagar más");
- ``mocks the customer``: a first person liking or being something bad ("I love chaos",
  "I'm fine with bad coffee");
- ``courts a risk``, ``guilt``, ``ridicule``: fixed phrases of each language ("I'll take my
  chances", "let my team down", "I'm already perfect");
- ``does not care``: a negated caring ("I don't care about my health").

Trick questions (a tick box that means yes when left alone, or a double negative):

- ``uncheck to refuse``: the box tells the customer to untick it to say no;
- ``double negative``: two negations in one clause ("Do not uncheck if you do not want ...",
  "I do not object to ...");
- ``refusal``: a negated sending, sharing or contacting that the customer asks for ("Don't
  send me offers", "Ich möchte keine Werbung erhalten", "No marketing emails");
- ``opt-out``: the box opts the customer out ("Opt me out of ...", "Unsubscribe me").
"""

from __future__ import annotations

from collections.abc import Sequence

from darklint.classes import dataclass
from darklint.wording.lexicon import Lexicon
from darklint.wording.tokens import Token, clauses, first_word

Marks = Sequence[set[str]]
#: A label as the shapes read it: per clause, its tokens, their classes and phrase reach.
Reading = list[tuple[list[Token], list[set[str]], list[int]]]


def read(text: str, lexicon: Lexicon) -> Reading:
    """Split and classify a label once; both judges read the same result."""
    out: Reading = []
    for clause in clauses(text, lexicon.elision, lexicon.contractions):
        marks, reach = lexicon.classify(clause)
        out.append((clause, marks, reach))
    return out


@dataclass(frozen=True)
class Judgement:
    """Why a label was judged: the shape found and the words that show it."""

    shape: str
    start: int
    end: int

    def words(self, text: str) -> str:
        return text[self.start : self.end]


def _span(shape: str, clause: Sequence[Token], reach: Sequence[int], *positions: int) -> Judgement:
    """The judgement, quoting from the first word involved to the end of the last one's phrase."""
    last = max(reach[p] for p in positions)
    return Judgement(shape, clause[min(positions)].start, clause[last].end)


def _negations(clause: Sequence[Token], marks: Marks) -> list[bool]:
    """Per token, whether it negates.

    "No" before a comma or "thanks" is an interjection, not a negation. A particle that
    completes a negation ("pas" in "ne ... pas", "nada" in "no ... nada") negates only when
    no negation comes just before it, so "ne ... pas" counts once.
    """
    out: list[bool] = []
    for i, (token, classes) in enumerate(zip(clause, marks, strict=True)):
        negates = "neg" in classes
        if negates and "no" in classes:
            after = marks[i + 1] if i + 1 < len(marks) else None
            if token.comma_after or after is None or "thanks" in after or "no" in after:
                negates = False
        if not negates and "negpart" in classes:
            negates = not any(out[max(0, i - _PARTICLE_REACH) : i])
        out.append(negates)
    return out


#: How far before a particle ("pas", "nada") the negation it completes may stand.
_PARTICLE_REACH = 5


def _near(flags: Sequence[bool], i: int, before: int, after: int) -> int | None:
    """The nearest position within [i - before, i + after] whose flag is set."""
    best = None
    for j in range(max(0, i - before), min(len(flags), i + after + 1)):
        if flags[j] and (best is None or abs(j - i) < abs(best - i)):
            best = j
    return best


def _any_between(flags: Sequence[bool], a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return any(flags[low + 1 : high])


def _has(marks: Marks, cls: str) -> list[bool]:
    return [cls in m for m in marks]


def opens_with_no_word(text: str, lexicon: Lexicon) -> bool:
    """Whether the first word of the label is the language's "no" (a refusal opens)."""
    word = first_word(text, lexicon.elision, lexicon.contractions)
    return word is not None and "no" in lexicon.word_classes(word)


# -- confirmshaming ---------------------------------------------------------------------------


def shaming(reading: Reading) -> Judgement | None:
    """The confirmshaming shape of a decline's wording (see :func:`read`), or None for a
    neutral decline."""
    for clause, marks, reach in reading:
        found = _shaming_clause(clause, marks, reach)
        if found is not None:
            return found
    return None


def _shaming_clause(
    clause: Sequence[Token], marks: Marks, reach: Sequence[int]
) -> Judgement | None:
    neg = _negations(clause, marks)
    first_person = any("first" in m for m in marks)
    affect = _has(marks, "affect")
    loss_end = _losses(marks)
    loss = [end is not None for end in loss_end]
    for shape in ("guilt", "smug", "indifferent"):
        for i, m in enumerate(marks):
            if shape in m:
                return _span(_SHAPE_NAMES[shape], clause, reach, i)
    for i, m in enumerate(marks):
        if "risk" in m and first_person:
            return _span("courts a risk", clause, reach, i)
        if "care" in m:
            n = _near(neg, i, 3, 1)
            if n is not None:
                return _span("does not care", clause, reach, n, i)
    for g, m in enumerate(marks):
        if "good" not in m:
            continue
        found = _refused_gain(clause, reach, marks, neg, affect, loss, first_person, g)
        if found is not None:
            return found
    for i, end in enumerate(loss_end):
        if end is not None:
            found = _preferred(clause, reach, marks, neg, first_person, i, "prefers a loss", end)
            if found is not None:
                return found
    for i, m in enumerate(marks):
        if "bad" in m and not neg[i]:
            found = _preferred(clause, reach, marks, neg, first_person, i, "mocks the customer")
            if found is not None:
                return found
    return None


_SHAPE_NAMES = {"guilt": "guilt", "smug": "ridicule", "indifferent": "does not care"}


def _losses(marks: Marks) -> list[int | None]:
    """Per token, where the loss it starts ends, or None: a loss verb, or a pay verb near
    'more' ("pay full price", "mehr bezahlen")."""
    out: list[int | None] = []
    for i, m in enumerate(marks):
        end = i if "lossverb" in m else None
        if end is None and "pay" in m:
            extras = [
                j for j in range(max(0, i - 2), min(len(marks), i + 4)) if "extra" in marks[j]
            ]
            end = max(extras, default=None)
        out.append(end)
    return out


def _refused_gain(clause, reach, marks, neg, affect, loss, first_person, g) -> Judgement | None:
    """A good refused: negated wanting near it, a dislike of it, or a first person passing."""
    for a in range(max(0, g - 7), min(len(marks), g + 6)):
        if a == g or not affect[a]:
            continue
        n = _near(neg, a, 3, 3)
        # "I don't want to lose my discount", "meine Punkte nicht verlieren": keeping a gain.
        if n is None or _any_between(loss, a, g) or _near(loss, g, 0, 3) is not None:
            continue
        return _span("refuses a gain", clause, reach, n, a, g)
    for d in range(max(0, g - 6), min(len(marks), g + 4)):
        if d != g and "dislike" in marks[d] and _near(neg, d, 2, 0) is None:
            return _span("refuses a gain", clause, reach, d, g)
    if first_person:
        for r in range(max(0, g - 5), g):
            if "refuse" in marks[r] and _near(neg, r, 2, 0) is None:
                return _span("refuses a gain", clause, reach, r, g)
    return None


def _preferred(clause, reach, marks, neg, first_person, i, shape, end=None) -> Judgement | None:
    """A loss or a bad thing that a first person prefers, likes, accepts or is."""
    for m in range(max(0, i - 5), min(len(marks), i + 4)):
        if m == i:
            continue
        strong = "prefer" in marks[m]
        # Weak markers stand before the loss, or just after it in verb-second order
        # ("ich zahle gerne doppelt", "ik verveel me graag").
        weak = bool(marks[m] & {"content", "copula"}) and m < i + 3
        # "I'll pay full price" prefers a loss; "I'll lose my points" only states one.
        weak = weak or ("future" in marks[m] and "pay" in marks[i] and m < i)
        if not (strong or (weak and first_person)):
            continue
        if _any_between(neg, m, i) or _near(neg, min(m, i), 2, 0) is not None:
            continue
        return _span(shape, clause, reach, m, i, i if end is None else end)
    return None


#: Two negations at most this many words apart make a double negative.
_DOUBLE_NEGATIVE_SPAN = 8


# -- trick questions --------------------------------------------------------------------------


def trick(reading: Reading) -> Judgement | None:
    """The trick-question shape of a tick box's label (see :func:`read`), or None for a
    plain one."""
    for number, (clause, marks, reach) in enumerate(reading):
        found = _trick_clause(clause, marks, reach, number == 0)
        if found is not None:
            return found
    return None


def _content_start(marks: Marks) -> int:
    """Where the label's own words begin, after "Tick this box if you", "I'd like to" ..."""
    for i, m in enumerate(marks):
        if not (m & {"leadin", "first", "thanks", "no"}):
            return i
    return len(marks)


def _trick_clause(
    clause: Sequence[Token], marks: Marks, reach: Sequence[int], first_clause: bool
) -> Judgement | None:
    neg = _negations(clause, marks)
    for i, m in enumerate(marks):
        if "uncheck" in m:
            return _span("uncheck to refuse", clause, reach, i)
    last_negator = None
    for i, (negates, m) in enumerate(zip(neg, marks, strict=True)):
        if negates or m & {"object", "optout"}:
            if last_negator is not None and i - last_negator <= _DOUBLE_NEGATIVE_SPAN:
                return _span("double negative", clause, reach, last_negator, i)
            last_negator = i
    start = _content_start(marks)
    first_person = any("first" in m for m in marks)
    business = _has(marks, "business")
    loss = _has(marks, "lossverb")
    contact = _has(marks, "contact")
    # A promise of the business ("We never share your data") is not the customer's refusal.
    business_by = [False] * (len(marks) + 1)
    for i, is_business in enumerate(business):
        business_by[i + 1] = business_by[i] or is_business
    refuses = [n or "object" in m for n, m in zip(neg, marks, strict=True)]
    for i, negates in enumerate(refuses):
        if not negates or business_by[min(i + 3, len(marks))]:
            continue
        if not (first_person or i <= start + 2):
            continue
        # The contact word follows the negation, or precedes it in verb-first imperatives
        # ("Verkaufen Sie meine Daten nicht", "Deel mijn informatie niet").
        c = _near(contact, i, 4, 7)
        if c is None:
            continue
        # "I don't want to miss out on offers", "keine Angebote verpassen": wanting them.
        if (
            _near(loss, i, 2, 0) is not None
            or _any_between(loss, i, c)
            or (_near(loss, max(i, c), 0, 3) is not None)
        ):
            continue
        return _span("refusal", clause, reach, i, c)
    if first_clause:
        for i, m in enumerate(marks):
            if "optout" not in m:
                continue
            follows_me = i + 1 < len(marks) and "first" in marks[i + 1]
            # A bare "Unsubscribe" states the status quo's opposite; "Opt me out of ..." opts
            # out; German and Dutch put the verb last ("Vom Newsletter abmelden").
            opens = i <= start and reach[i] + 1 < len(marks)
            closes = 0 < start < i == len(marks) - 1 or (start == 0 < i == len(marks) - 1)
            if opens or follows_me or closes:
                return _span("opt-out", clause, reach, i)
    return None
