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
        veux, voulez, veut, vouloir, voudrais, aime, aimer, besoin, intéress*, envie, souhaite,
        souhaiter, désire, tiens, fan, sens,
    """,
    "dislike": "déteste, détester, hais, horreur",
    "refuse": "renonce, renoncer, refuse, dis non, passe mon tour",
    "good": """
        économiser, argent, épargne*, réductions, cadeaux, bon plan, affaires, prix bas,
        petits prix, réduction*, remise*, rabais, promo, promos, promotion*, économi*, offre,
        offres, bon plan*, bons plans, bonne affaire, bonnes affaires, cadeau*, gratuit*, coupon*,
        code promo, codes promo, bon de réduction, gagn*, chance*, chanceu*, points, bonus,
        avantage*, récompense*, cashback, soldes, livraison offerte, santé, mieux, meilleur*,
        réussi*, forme, exclusi*, fidélité,
    """,
    "pay": "payer, paie, paye, payerai, dépenser",
    "extra": """
        frais, frais de port, plein pot, prix fort, au prix fort, plus, plein, plus cher, double,
        plein tarif, prix plein, davantage,
    """,
    "prefer": "préfère, préférer, préférerais, plutôt",
    "content": "volontiers, aime, adore, content, contente, heureux, heureuse, ravi, ravie",
    "copula": "suis, être, reste, rester",
    "future": "vais",
    "bad": """
        désorganis*, bordel, ennuyeu*, mal informé*, mal informés, désordre, chaos, bazar,
        malbouffe, ennui, ennuyer, ennuie, fauché*, pauvre*, ignorant*, stress*, paresseu*, moche,
        rides, médiocre, malade, vulnérable,
    """,
    "risk": """
        prends le risque, tente ma chance, prends mes risques, vivre dangereusement, non protégé*,
    """,
    "guilt": "abandonne, laisser tomber, laisse tomber, baisse les bras, lâcheur*",
    "smug": "sais déjà tout, sais tout, suis parfait*, déjà parfait*, trop cool pour, qui a besoin",
    "care": "soucie",
    "indifferent": "en fiche, en fous, en moque, est égal, est égale, m'est égal, m'est égale",
    "evalneg": """
        du vent, inutile*, bêtise*, n'importe quoi, arnaque*, bidon, gadget*, ridicule*, surfait,
        surfaite, surfaits, surfaites, surestimé*, ennuyeux, ennuyeuse, barbant, nul, nulle,
        pas pour moi, très peu pour moi, peu pour moi, pas mon truc, pas trop mon truc,
        pas vraiment mon truc, pas mon style, pas mon genre, pas mon délire, pour les autres,
        pour d'autres, pas la peine, une perte de temps,
    """,
    "evalpos": """
        ne me dérange*, ne me gêne*, me dérange pas, me gêne pas, me va, me va bien,
        me va très bien, me convient, me convient parfaitement, convient parfaitement,
        ne me dérange pas, ne me gêne pas, ne me pose pas de problème, ça me va, mon style,
        mon truc, aucun problème, pas de problème, sans problème,
    """,
    "unconcerned": "peut attendre, pas important, pas une priorité, en fiche, ai que faire, égal",
    "costly": """
        frais de port, frais de livraison, frais, plein tarif, prix fort, plein pot, prix plein,
        supplément, prix catalogue,
    """,
    "service": """
        essai gratuit, essai, période d'essai, mois d'essai, emballage cadeau, papier cadeau,
        carte cadeau, ticket cadeau, paquet cadeau,
    """,
    "leaveblank": """
        laissez * vide, laissez vide, laisser vide, laissez * non cochée, laissez décoché*,
        laisser décoché*, laissez * décochée,
    """,
    "forprep": "pour",
    "contact": """
        inform*, liste, listes, envoy*, envoi*, mail*, e-mail*, courriel*, contact*, appel*,
        appeler, téléphon*, sms, partag*, vend*, transmet*, transmis*, transmission*, cèd*, céder,
        cession, utilis*, recevoir, reçoi*, newsletter*, lettre d'information, publicit*, pub,
        offres, offre, promotion*, sollicit*, démarch*, prospection, informations, actualités,
        nouveautés, courrier*, catalogue*,
    """,
    "optout": """
        me retirer de, retirez-moi de, ne plus recevoir, ne plus être, désinscri*, désabonn*,
        retirez-moi, me retirer,
    """,
    "uncheck": "décoch*, désélectionn*",
    "object": "refuse, refuser, décline, décliner, bloquer, oppose, opposer, opposition",
    "business": "nous, *rez, *rons",
    "leadin": """
        pour, afin, de, seulement, cochez, cocher, cette, case, ici, si, vous, je, j', souhaite,
        veux, voudrais, préfère, préférez, oui, merci, s'il, plaît,
    """,
}
