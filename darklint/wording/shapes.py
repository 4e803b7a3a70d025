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
- ``does not care``: a negated caring ("I don't care about my health"), or a first person
  making light of a good of theirs ("My savings don't matter to me", "ma santé peut
  attendre");
- ``belittles a gain``: a good evaluated as bad or as not the customer's kind of thing
  ("discounts are overrated", "free stuff isn't my thing", "Rabatte sind nichts für mich",
  "les réductions, très peu pour moi", "las ofertas no son lo mío");
- ``welcomes a loss``: a loss evaluated as fine ("paying full price doesn't bother me",
  "den vollen Preis zu zahlen macht mir nichts aus", "payer plein pot me va très bien"), and
  likewise a bad thing ("boring meals are fine by me" mocks the customer).

The evaluations are idioms of each language (classes ``evalneg``, ``evalpos``,
``unconcerned``); what makes a finding is the pair, a good or a loss next to one, so a good
or an idiom added to a lexicon combines with every entry of the other class.

Trick questions (a tick box that means yes when left alone, or a double negative):

- ``uncheck to refuse``: the box tells the customer to untick it to say no;
- ``double negative``: two negations in one clause ("Do not uncheck if you do not want ...",
  "I do not object to ...");
- ``refusal``: a negated sending, sharing or contacting that the customer asks for ("Don't
  send me offers", "Ich möchte keine Werbung erhalten", "No marketing emails");
- ``opt-out``: the box opts the customer out ("Opt me out of ...", "Unsubscribe me", "Keep
  me off the list", "Marque para dejar de recibir ...");
- ``uncheck to refuse`` also when the box is to be left empty to receive something ("Leave
  this box empty to get our deals", "Leer lassen, um Angebote zu erhalten").
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


def _negated_before(clause: Sequence[Token], neg: Sequence[bool], i: int) -> bool:
    """Whether a negation stands at ``i`` or up to two words before it in the same part of
    the clause: a comma ends its reach ("Brauch ich nicht, ich zahl gern drauf")."""
    for j in range(i, max(-1, i - 3), -1):
        if j < i and clause[j].comma_after:
            return False
        if neg[j]:
            return True
    return False


def _any_between(flags: Sequence[bool], a: int, b: int) -> bool:
    low, high = min(a, b), max(a, b)
    return any(flags[low + 1 : high])


def _has(marks: Marks, cls: str) -> list[bool]:
    return [cls in m for m in marks]


def _goods(marks: Marks, reach: Sequence[int]) -> list[bool]:
    """Per token, whether it names a good: not within the name of a service or of the
    offer itself that shares its word ("gift wrapping", "free trial", "essai gratuit" are
    not gains to refuse)."""
    good = [("good" in m) for m in marks]
    for i, m in enumerate(marks):
        if "service" in m:
            for j in range(i, reach[i] + 1):
                good[j] = False
    return good


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
    good = _goods(marks, reach)
    for g, is_good in enumerate(good):
        if not is_good:
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
    return _evaluated(clause, reach, marks, neg, good, loss_end, first_person)


#: How far before and after an evaluation ("is overrated", "doesn't bother me") the good or
#: loss it judges may stand.
_EVALUATED_BEFORE = 7
_EVALUATED_AFTER = 5


def _evaluated(clause, reach, marks, neg, good, loss_end, first_person) -> Judgement | None:
    """A good run down, a loss or a bad thing welcomed, a good of one's own made light of.

    An approval is not one when negated ("full price is not my style" approves nothing) or
    when it is part of a longer idiom that disapproves ("not my style" holds "my style").
    """
    loss = [end is not None for end in loss_end]
    bad = _has(marks, "bad")
    run_down = [("evalneg" in m) for m in marks]
    # "not for me", "nichts für Leute wie mich", "no son para gente como yo": a negation, the
    # language's "for", and a first person a few words on, whatever the words between.
    for f, m in enumerate(marks):
        if "forprep" in m:
            n = _near(neg, f, 3, -1)
            me = any("first" in marks[j] for j in range(f + 1, min(len(marks), f + 5)))
            if n is not None and me:
                run_down[n] = True
    covered = [False] * len(marks)
    for e, m in enumerate(marks):
        if "evalneg" in m:
            for j in range(e + 1, reach[e] + 1):
                covered[j] = True
    for e, m in enumerate(marks):
        if run_down[e]:
            g = _near(good, e, _EVALUATED_BEFORE, _EVALUATED_AFTER)
            if g is not None:
                return _span("belittles a gain", clause, reach, g, e)
        if "evalpos" in m and not covered[e] and _near(neg, e - 1, 1, 0) is None:
            lost = _near(loss, e, _EVALUATED_BEFORE, _EVALUATED_AFTER)
            if lost is not None:
                end = loss_end[lost]
                return _span("welcomes a loss", clause, reach, lost, e, end if end else lost)
            b = _near(bad, e, _EVALUATED_BEFORE, _EVALUATED_AFTER)
            if b is not None and not neg[b]:
                return _span("mocks the customer", clause, reach, b, e)
        if "unconcerned" in m and first_person:
            g = _near(good, e, _EVALUATED_BEFORE, _EVALUATED_AFTER)
            if g is not None:
                return _span("does not care", clause, reach, g, e)
    return None


_SHAPE_NAMES = {"guilt": "guilt", "smug": "ridicule", "indifferent": "does not care"}


def _losses(marks: Marks) -> list[int | None]:
    """Per token, where the loss it starts ends, or None: a loss verb, a costly price ("full
    price", "le plein tarif"), or a pay verb near 'more' ("pay full price", "mehr bezahlen")."""
    out: list[int | None] = []
    for i, m in enumerate(marks):
        end = i if m & {"lossverb", "costly"} else None
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
        if _any_between(neg, m, i) or _negated_before(clause, neg, min(m, i)):
            continue
        return _span(shape, clause, reach, m, i, i if end is None else end)
    return None


#: Two negations at most this many words apart make a double negative.
_DOUBLE_NEGATIVE_SPAN = 8


# -- trick questions --------------------------------------------------------------------------


def trick(reading: Reading, verb_final: bool = False) -> Judgement | None:
    """The trick-question shape of a tick box's label (see :func:`read`), or None for a
    plain one. ``verb_final``: the language ends its clauses with the verb (Korean)."""
    for number, (clause, marks, reach) in enumerate(reading):
        found = _trick_clause(clause, marks, reach, number == 0, verb_final)
        if found is not None:
            return found
    return None


def _content_start(marks: Marks) -> int:
    """Where the label's own words begin, after "Tick this box if you", "I'd like to" ..."""
    for i, m in enumerate(marks):
        if not (m & {"leadin", "first", "thanks", "no"}):
            return i
    return len(marks)


def _ends_clause(marks: Marks, i: int) -> bool:
    """Whether the word at ``i`` is the clause's verb in a verb-final language: only an
    auxiliary ("주세요") or lead-in words ("여기를 체크하세요") follow it."""
    return all("leadin" in marks[j] or j == i + 1 for j in range(i + 1, len(marks)))


def _trick_clause(
    clause: Sequence[Token],
    marks: Marks,
    reach: Sequence[int],
    first_clause: bool,
    verb_final: bool = False,
) -> Judgement | None:
    neg = _negations(clause, marks)
    contact = _has(marks, "contact")
    for i, m in enumerate(marks):
        if "uncheck" in m:
            return _span("uncheck to refuse", clause, reach, i)
        # "Leave this box empty to get our deals": left alone, the customer receives ("Leave
        # it empty if you don't want emails" is a plain box).
        if "leaveblank" in m:
            c = _near(contact, i, 0, 8)
            if c is not None and not any(neg[i : c + 1]):
                return _span("uncheck to refuse", clause, reach, i, c)
    last_negator = None
    for i, (negates, m) in enumerate(zip(neg, marks, strict=True)):
        if negates or m & {"object", "optout"}:
            # Words of one phrase negate once ("aus dem Verteiler", "opt me out").
            if last_negator is not None and i <= reach[last_negator]:
                continue
            if last_negator is not None and i - last_negator <= _DOUBLE_NEGATIVE_SPAN:
                return _span("double negative", clause, reach, last_negator, i)
            last_negator = i
    start = _content_start(marks)
    first_person = any("first" in m for m in marks)
    # A lead-in word is the customer's side even when it ends like the business speaking
    # ("Si vous préférez ..." ends like "vous recevrez"); a phrase ("you won't") is not.
    # So is a business word the customer wishes for ("If you'd rather we did not email
    # you", "Select if you prefer we didn't contact you").
    prefer = _has(marks, "prefer")
    business = [
        "business" in m and ("leadin" not in m or reach[i] > i) and _near(prefer, i, 3, -1) is None
        for i, m in enumerate(marks)
    ]
    loss = _has(marks, "lossverb")
    # A promise of the business ("We never share your data") is not the customer's refusal.
    business_by = [False] * (len(marks) + 1)
    for i, is_business in enumerate(business):
        business_by[i + 1] = business_by[i] or is_business
    refuses = [n or "object" in m for n, m in zip(neg, marks, strict=True)]
    for i, negates in enumerate(refuses):
        if not negates:
            continue
        # An objection is the customer's wherever the verb stands ("..., falls Sie der
        # Weitergabe widersprechen"), and what follows it is what they object to ("rechazar
        # que compartamos sus datos"); a negation is a promise when the business is near.
        objects = "object" in marks[i]
        if business_by[i + 1 if objects else min(i + 3, len(marks))]:
            continue
        # The customer speaks: in the first person, by objecting, at the label's start, or
        # (verb last) with the clause's own verb ("수신을 원하지 않습니다").
        final = verb_final and _ends_clause(marks, i)
        if not (first_person or objects or final or i <= start + 2):
            continue
        # The contact word follows the negation, or precedes it in verb-first imperatives
        # ("Verkaufen Sie meine Daten nicht", "Deel mijn informatie niet").
        c = _near(contact, i, 7 if objects or final else 4, 7)
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
            # "Opt me out", and "Keep me off the list", "Nehmen Sie mich aus dem Verteiler".
            follows_me = i + 1 < len(marks) and "first" in marks[i + 1]
            follows_me = follows_me or (i > 0 and "first" in marks[i - 1])
            # A bare "Unsubscribe" states the status quo's opposite; "Opt me out of ..." opts
            # out; German and Dutch put the verb last ("Vom Newsletter abmelden").
            opens = i <= start and reach[i] + 1 < len(marks)
            last = reach[i] == len(marks) - 1
            closes = last and i > 0 and (start == 0 or 0 < start < i)
            if opens or follows_me or closes:
                return _span("opt-out", clause, reach, i)
    return None
