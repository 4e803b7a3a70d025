"""Dutch word classes for the copy rules (built and tested on tests/data/copy/dev/*-nl.txt).

Dutch joins words into compounds (kortingsbon, welkomstcadeau): goods are also matched by
their ending. Separable verbs ("vink ... uit", "schrijf mij uit") are phrases with a gap.
"""

ELISION = False

WORDS = {
    "no": "nee, neen, nope",
    "thanks": "bedankt, dank, dankjewel, dankuwel",
    "neg": "zonder, niet, geen, nooit",
    "first": "ik, me, mij, mijn",
    "lossverb": "verliezen, verlies, missen, mis, verspillen, verspil, mislopen",
    "affect": """
        heb * geluk, wil, willen, wilt, hoef, hoeven, nodig, hou, houd, interesseert, interesseren,
        interesse, zin, behoefte, fan, wens
    """,
    "dislike": "haat, hekel",
    "refuse": "zie af van",
    "good": """
        korting*, *korting, *kortingen, bespar*, spaar*, *spaarpunten, aanbieding*,
        *aanbieding, *aanbiedingen, cadeau*, *cadeau, *cadeaus, gratis, kortingsbon*,
        coupon*, waardebon*, promotie*, actie, acties, beloning*, punten, *punten, bonus*,
        winnen, win, geluk*, geld, voordeel*, koopje*, deal, deals, uitverkoop, cashback,
        gezond*, beter, fit, fitter, exclusie*
    """,
    "pay": "betaal, betalen, uitgeven",
    "extra": "meer, volle, dubbel, de volle prijs, volle prijs, te veel",
    "prefer": "liever, verkies",
    "content": "hou van, houd van, graag, blij, prima, tevreden",
    "copula": "ben, blijf, blijven, zijn",
    "future": "ga",
    "bad": """
        rommel*, chaos, troep, junkfood, verveling, verveel, blut, arm, onwetend*, stress*, lui,
        lelijk*, rimpels, middelmatig*, in het duister, onbeschermd
    """,
    "risk": "neem het risico, waag het erop, onbeschermd",
    "guilt": "geef het op, geef op, opgeven, in de steek, teleurstel*",
    "smug": "weet al alles, weet alles, ben al perfect, ben perfect, wie heeft * nodig",
    "care": "",
    "indifferent": "kan me niet schelen, kan mij niet schelen, maakt me niet uit, boeit me niet",
    "contact": """
        stuur*, verstuur*, toesturen, zend*, mail*, e-mail*, email*, contact*, benader*, bel,
        bellen, gebeld, telefo*, sms*, deel, delen, gedeeld, verstrek*, verkoop, verkopen,
        gebruik*, ontvang*, ontvangen, nieuwsbrief*, reclame*, marketing, aanbieding*,
        *aanbiedingen, berichten, promotie*, catalog*, nieuws
    """,
    "optout": """
        uitschrijven, schrijf mij uit, schrijf me uit, afmelden, meld mij af, meld me af,
        stoppen met, verwijder mij, verwijder me, bezwaar tegen
    """,
    "uncheck": "uitvink*, vink uit, vink * uit, vink * * uit, deselecteer*",
    "object": "bezwaar, weiger",
    "business": "wij, we",
    "leadin": """
        vink, aan, als, je, u, dit, hokje, vakje, hier, ik, wil, graag, ja, selecteer, liever
    """,
}
