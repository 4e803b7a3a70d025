"""French word classes for the copy rules (built and tested on tests/data/copy/dev/*-fr.txt).

Elided words are read apart (``n'aime`` is ``n'`` and ``aime``). "ne ... pas" is one
negation: ``ne`` negates and ``pas`` only when no ``ne`` comes before it (spoken "je veux
pas").
"""

ELISION = True

WORDS = {
    "no": "non, nan",
    "thanks": "merci",
    "neg": "sans, ne, n', nul, nulle",
    "negpart": "pas, jamais, rien, aucun, aucune",
    "first": "je, j', moi, me, m', mon, ma, mes",
    "lossverb": "perdre, perds, rater, rate, manquer, gaspiller, gaspille, passer à côté",
    "affect": """
        veux, voulez, veut, vouloir, voudrais, aime, aimer, besoin, intéress*, envie,
        souhaite, souhaiter, désire, tiens, fan, sens
    """,
    "dislike": "déteste, détester, hais, horreur",
    "refuse": "renonce, renoncer, refuse, dis non, passe mon tour",
    "good": """
        réduction*, remise*, rabais, promo, promos, promotion*, économi*, épargne*, offre,
        offres, bon plan*, bons plans, bonne affaire, bonnes affaires, cadeau*, gratuit*,
        coupon*, code promo, codes promo, bon de réduction, gagn*, chance*, chanceu*, argent,
        points, bonus, avantage*, récompense*, cashback, soldes, livraison offerte, santé,
        mieux, meilleur*, réussi*, forme, exclusi*, fidélité
    """,
    "pay": "payer, paie, paye, payerai, dépenser",
    "extra": "plus, plein, plus cher, double, prix fort, plein tarif, prix plein, davantage",
    "prefer": "préfère, préférer, préférerais, plutôt",
    "content": "aime, adore, volontiers, content, contente, heureux, heureuse, ravi, ravie",
    "copula": "suis, être, reste, rester",
    "future": "vais",
    "bad": """
        désordre, chaos, bazar, malbouffe, ennui, ennuyer, ennuie, fauché*, pauvre*,
        ignorant*, stress*, paresseu*, moche, rides, médiocre, malade, vulnérable
    """,
    "risk": """
        prends le risque, tente ma chance, prends mes risques, vivre dangereusement, non protégé*
    """,
    "guilt": "abandonne, laisser tomber, laisse tomber, baisse les bras, lâcheur*",
    "smug": "sais déjà tout, sais tout, suis parfait*, déjà parfait*, trop cool pour, qui a besoin",
    "care": "soucie",
    "indifferent": "en fiche, en fous, en moque, est égal, est égale, m'est égal, m'est égale",
    "contact": """
        envoy*, envoi*, mail*, e-mail*, courriel*, contact*, appel*, appeler, téléphon*, sms,
        partag*, vend*, transmet*, transmis*, transmission*, cèd*, céder, cession, utilis*,
        recevoir, reçoi*, newsletter*, lettre d'information, publicit*, pub, offres, offre,
        promotion*, sollicit*, démarch*, prospection, informations, actualités, nouveautés,
        courrier*, catalogue*
    """,
    "optout": "désinscri*, désabonn*, retirez-moi, me retirer",
    "uncheck": "décoch*, désélectionn*",
    "object": "oppose, opposer, opposition, refuse",
    "business": "nous, *rez, *rons",
    "leadin": """
        cochez, cocher, cette, case, ici, si, vous, je, j', souhaite, veux, voudrais, préfère,
        préférez, oui, merci, s'il, plaît
    """,
}
