"""Dutch word classes for the copy rules (built and tested on tests/data/copy/dev/*-nl.txt).

Dutch joins words into compounds (kortingsbon, welkomstcadeau): goods are also matched by
their ending. Separable verbs ("vink ... uit", "schrijf mij uit") are phrases with a gap.
"""

ELISION = False

WORDS = {
    "no": "nee, neen, nope",
    "thanks": "bedankt, dank, dankjewel, dankuwel",
    "neg": "niks, niets, zonder, niet, geen, nooit",
    "first": "ik, me, mij, mijn",
    "lossverb": "verliezen, verlies, missen, mis, verspillen, verspil, mislopen",
    "affect": """
        heb * geluk, wil, willen, wilt, hoef, hoeven, nodig, hou, houd, interesseert, interesseren,
        interesse, zin, behoefte, fan, wens,
    """,
    "dislike": "haat, hekel",
    "refuse": "zie af van",
    "good": """
        sparen, besparen, geld, cadeaus, coupons, lage prijzen, netjes, orde, korting*, *korting,
        *kortingen, bespar*, spaar*, *spaarpunten, aanbieding*, *aanbieding, *aanbiedingen, cadeau*,
        *cadeau, *cadeaus, gratis, kortingsbon*, coupon*, waardebon*, promotie*, actie, acties,
        beloning*, punten, *punten, bonus*, winnen, win, geluk*, voordeel*, koopje*, deal, deals,
        uitverkoop, cashback, gezond*, beter, fit, fitter, exclusie*,
    """,
    "pay": "betaal, betalen, uitgeven",
    "extra": "*kosten, porto, de volle prijs, meer, volle, dubbel, volle prijs, te veel",
    "prefer": "liever, verkies",
    "content": "graag, met plezier, hou van, houd van, blij, prima, tevreden",
    "copula": "ben, blijf, blijven, zijn",
    "future": "ga",
    "bad": """
        ongeorganiseerd*, chaos, saai, slecht geïnformeerd, rommelig, rommel*, troep, junkfood,
        verveling, verveel, blut, arm, onwetend*, stress*, lui, lelijk*, rimpels, middelmatig*,
        in het duister, onbeschermd,
    """,
    "risk": "neem het risico, waag het erop, onbeschermd",
    "guilt": "geef het op, geef op, opgeven, in de steek, teleurstel*",
    "smug": "weet al alles, weet alles, ben al perfect, ben perfect, wie heeft * nodig",
    "care": "",
    "indifferent": "kan me niet schelen, kan mij niet schelen, maakt me niet uit, boeit me niet",
    "costly": "*kosten, porto, volle prijs, de volle prijs, toeslag, meerprijs, adviesprijs",
    "evalneg": """
        onzin, nutteloos, nutteloze, zinloos, flauwekul, oplichterij, larie, overschat,
        overgewaardeerd, saai, stom, niets voor mij, niks voor mij, niets voor me, niks voor me,
        niet mijn ding, niet echt mijn ding, niet mijn stijl, voor anderen, voor andere mensen,
        de moeite niet waard, zonde van de tijd,
    """,
    "evalpos": """
        stoor* me niet, stoort mij niet, vind ik niet erg, niet erg, maakt me niks uit,
        maakt me niets uit, maakt mij niks uit, stoort me niet, is prima, prima, vind ik prima,
        vind ik best, best, geen probleem, mijn ding, mijn stijl, bevalt me,
    """,
    "unconcerned": """
        geen prioriteit, kan wachten, niet belangrijk, onbelangrijk, boeit me niet, boeit mij niet,
        maakt me niet uit, kan me niet schelen, lak aan,
    """,
    "service": """
        gratis proef*, proefperiode*, proefabonnement*, proefmaand*, cadeauverpakking,
        inpakken als cadeau, cadeaubon*, cadeaukaart*, cadeaubonnetje,
    """,
    "leaveblank": """
        laat * leeg, laat leeg, leeg laten, laat * * leeg, laat * uitgevinkt, laat uitgevinkt,
    """,
    "forprep": "voor",
    "contact": """
        geïnformeerd, geinformeerd, informeer*, informatie, lijst, lijsten, verkoop, stuur*,
        verstuur*, toesturen, zend*, mail*, e-mail*, email*, contact*, benader*, bel, bellen,
        gebeld, telefo*, sms*, deel, delen, gedeeld, verstrek*, verkopen, gebruik*, ontvang*,
        ontvangen, nieuwsbrief*, reclame*, marketing, aanbieding*, *aanbiedingen, berichten,
        promotie*, catalog*, nieuws,
    """,
    "optout": """
        haal me van, haal mij van, niet meer ontvangen, niet langer ontvangen, uitschrijven,
        schrijf mij uit, schrijf me uit, afmelden, meld mij af, meld me af, stoppen met,
        verwijder mij, verwijder me, bezwaar tegen,
    """,
    "uncheck": "uitvink*, vink uit, vink * uit, vink * * uit, deselecteer*",
    "object": "weiger, weigeren, blokkeer, blokkeren, bezwaar",
    "business": "wij, we",
    "leadin": """
        om, aanvinken, alleen, te, vink, aan, als, je, u, dit, hokje, vakje, hier, ik, wil, graag,
        ja, selecteer, liever,
    """,
}
