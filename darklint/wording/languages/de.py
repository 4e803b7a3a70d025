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
        benötige, interessier*, interesse, lust, gefällt, gefallen, wünsche, fan, nötig, bedarf,
        für mich,
    """,
    "dislike": "hasse, hassen, verabscheue, abneigung",
    "refuse": "verzichte, verzichten, pfeife auf",
    "good": """
        ordnung, schnäppchen, prozente, sparpreis*, *preise, rabatt*, *rabatt, *rabatte, spar*,
        ersparnis*, gutschein*, *gutschein, *gutscheine, geschenk*, *geschenk, *geschenke, angebot*,
        *angebot, *angebote, aktion*, *aktionen, prämie*, *prämie, *prämien, bonus*, *bonus,
        *punkte, punkte, gratis*, kostenlos*, *kostenlos, *kostenfrei, gewinn*, glück, schnäppchen*,
        deal, deals, vorteil*, geld, prozent, %, sonderpreis*, cashback, vergünstigung*, gesund*,
        fit, fitter, besser, erfolg*, exklusiv*,
    """,
    "pay": "zahl, zahle ich, bezahl, zahle, zahlen, bezahle, bezahlen, ausgeben, gebe aus",
    "extra": """
        *kosten, porto, gebühr*, *gebühr, *gebühren, drauf, mehr, voll*, doppelt*, teurer, aufpreis,
        listenpreis, normalpreis, zu viel,
    """,
    "prefer": "lieber, bevorzuge, bevorzugen",
    "content": """
        nehme * gern in kauf, nehme * in kauf, gern, gerne, liebe, lieben, mag, genieße, froh,
        zufrieden, okay, ok,
    """,
    "copula": "bin, bleibe, bleiben, sein, bleibt",
    "future": "werde",
    "bad": """
        unorganis*, unordentlich, chaotisch, desorganis*, öde, langweilig*, chaos, unordnung,
        durcheinander, *müll, ramsch, langeweile, gelangweilt, pleite, arm, ahnungslos, dumm,
        unwissend, ungeschützt, stress*, faul, hässlich, falten, fast food, fastfood, junkfood,
        mittelmäßig, unglücklich, einsam, unfit, ungesund*, abgezockt, schutzlos, im dunkeln,
    """,
    "risk": "riskiere es, riskiere, lebe gefährlich, auf eigenes risiko, ungeschützt, schutzlos",
    "guilt": "gebe auf, aufgeben, gebe ich auf, im stich, enttäusche, versager",
    "smug": """
        weiß schon alles, weiß alles, bin schon perfekt, bin perfekt, zu cool für, wer braucht,
    """,
    "care": "kümmert",
    "indifferent": "mir egal, ist mir egal, mir doch egal, scheißegal, schnuppe",
    "evalneg": """
        quatsch, unsinn, blödsinn, nutzlos, sinnlos, albern, humbug, mumpitz, überbewertet,
        langweilig*, öde, lahm, nicht mein ding, nicht so mein ding, nichts für mich, nix für mich,
        was für andere, etwas für andere, für andere, nicht meins, nicht mein fall, nicht mein stil,
        brauche ich nicht, brauch ich nicht, überflüssig, unnötig, zeitverschwendung,
    """,
    "evalpos": """
        stör* mich nicht, stör* mich gar nicht, stör* mich überhaupt nicht, macht mir nichts aus,
        macht mir nix aus, stört mich nicht, stört mich gar nicht, ist mir recht, mir recht,
        ganz recht, passt mir, passt mir gut, passt schon, in kauf, mein ding, mein stil,
        kein problem, gern in kauf, gerne in kauf,
    """,
    "unconcerned": """
        keine priorität, nicht so wichtig, pfeife ich, pfeif ich, nicht wichtig, unwichtig,
        kann warten, ist mir egal, egal, zweitrangig, nebensache,
    """,
    "costly": """
        *kosten, porto, *gebühr, *gebühren, voller preis, vollen preis, volle preis, vollpreis,
        aufpreis, listenpreis, draufzahlen,
    """,
    "service": """
        gratis testen, kostenlos testen, probeabo*, testphase*, testabo*, probemonat*,
        geschenkverpackung*, geschenkpapier, geschenkkarte*, geschenkquittung, geschenkbeleg,
    """,
    "leaveblank": "leer lassen, frei lassen, lassen sie * leer, lassen sie * * leer",
    "forprep": "für",
    "contact": """
        informier*, liste, verteiler, send*, *senden, schick*, *schicken, zusend*, mail*, *mail,
        *mails, e-mail*, email*, kontakt*, *kontakt, kontaktier*, anruf*, anrufe, *anrufe, telefon*,
        sms, teilen, teile, weiter, weitergeb*, weiterzugeben, weitergabe, verkauf*, verkaufen,
        nutz*, verwend*, werbung, *werbung, werbe*, newsletter*, angebot*, *angebot, *angebote,
        information*, infos, benachrichtig*, erhalt*, erhalten, bekomm*, post, kataloge, katalog*,
        *katalog,
    """,
    "optout": """
        aus der liste, von der liste, abmelden, abmelde*, austragen, trage mich aus,
        tragen sie mich aus, aus dem verteiler, abbestell*, widerruf*, nichts dagegen,
    """,
    "uncheck": "deaktivier*, abwähl*, haken entfernen, entfernen sie den haken, häkchen entfernen",
    "object": """
        lehne * ab, lehne * * ab, lehne ab, ablehnen, lehnen * ab, widersprech*, widerspreche,
        widerspruch, nichts dagegen,
    """,
    "business": "wir",
    "leadin": """
        um, zu, nur, ich, möchte, will, bitte, ja, kreuzen, sie, hier, an, ankreuzen, falls, wenn,
        dieses, feld, kästchen, box, diese, markieren, wählen, lieber, gerne,
    """,
}
