"""German word classes for the copy rules (built and tested on tests/data/copy/dev/*-de.txt).

German joins words into compounds (Sonderangebot, Gratisversand, Werbe-E-Mails): goods and
contact words are also matched by their ending (``*angebot``) or start (``gratis*``).
"""

ELISION = False

WORDS = {
    "no": "nein, nö, ne",
    "thanks": "danke, dankeschön",
    "neg": "ohne, nicht, kein, keine, keinen, keinem, keiner, keines, nie, niemals, nichts",
    "first": "ich, mir, mich, mein*",
    "lossverb": "verlieren, verliere, verpassen, verpasse, verschwenden, verschwende, verfallen",
    "affect": """
        habe * glück, will, willst, wollen, möchte, möchten, mag, mögen, brauche, brauchen,
        benötige,
        interessier*, interesse, lust, gefällt, gefallen, wünsche, fan, nötig, bedarf, für mich
    """,
    "dislike": "hasse, hassen, verabscheue, abneigung",
    "refuse": "verzichte, verzichten, pfeife auf",
    "good": """
        rabatt*, *rabatt, *rabatte, spar*, ersparnis*, gutschein*, *gutschein, *gutscheine,
        geschenk*, *geschenk, *geschenke, angebot*, *angebot, *angebote, aktion*, *aktionen,
        prämie*, *prämie, *prämien, bonus*, *bonus, *punkte, punkte, gratis*, kostenlos*,
        *kostenlos, *kostenfrei, gewinn*, glück, schnäppchen*, deal, deals, vorteil*, geld,
        prozent, %, sonderpreis*, cashback, vergünstigung*, gesund*, fit, fitter, besser,
        erfolg*, exklusiv*
    """,
    "pay": "zahle, zahlen, bezahle, bezahlen, ausgeben, gebe aus",
    "extra": "mehr, voll*, doppelt*, teurer, aufpreis, listenpreis, normalpreis, zu viel",
    "prefer": "lieber, bevorzuge, bevorzugen",
    "content": "gern, gerne, liebe, lieben, mag, genieße, froh, zufrieden, okay, ok",
    "copula": "bin, bleibe, bleiben, sein, bleibt",
    "future": "werde",
    "bad": """
        chaos, unordnung, durcheinander, *müll, ramsch, langeweile, gelangweilt, pleite, arm,
        ahnungslos, dumm, unwissend, ungeschützt, stress*, faul, hässlich, falten, fast food,
        fastfood, junkfood, mittelmäßig, unglücklich, einsam, unfit, ungesund*, abgezockt,
        schutzlos, im dunkeln
    """,
    "risk": "riskiere es, riskiere, lebe gefährlich, auf eigenes risiko, ungeschützt, schutzlos",
    "guilt": "gebe auf, aufgeben, gebe ich auf, im stich, enttäusche, versager",
    "smug": """
        weiß schon alles, weiß alles, bin schon perfekt, bin perfekt, zu cool für, wer braucht
    """,
    "care": "kümmert",
    "indifferent": "mir egal, ist mir egal, mir doch egal, scheißegal, schnuppe",
    "contact": """
        send*, *senden, schick*, *schicken, zusend*, mail*, *mail, *mails, e-mail*, email*,
        kontakt*, *kontakt, kontaktier*, anruf*, anrufe, *anrufe, telefon*, sms, teilen, teile,
        weiter, weitergeb*, weiterzugeben, weitergabe, verkauf*, verkaufen, nutz*, verwend*,
        werbung, *werbung, werbe*, newsletter*, angebot*, *angebot, *angebote, information*,
        infos, benachrichtig*, erhalt*, erhalten, bekomm*, post, kataloge, katalog*, *katalog
    """,
    "optout": """
        abmelden, abmelde*, austragen, trage mich aus, tragen sie mich aus, aus dem verteiler,
        abbestell*, widerruf*, nichts dagegen
    """,
    "uncheck": "deaktivier*, abwähl*, haken entfernen, entfernen sie den haken, häkchen entfernen",
    "object": "widersprech*, widerspreche, widerspruch, nichts dagegen",
    "business": "wir",
    "leadin": """
        ich, möchte, will, bitte, ja, kreuzen, sie, hier, an, ankreuzen, falls, wenn, dieses,
        feld, kästchen, box, diese, markieren, wählen, lieber, gerne
    """,
}
