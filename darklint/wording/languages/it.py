"""Italian word classes for the copy rules (built and tested on tests/data/copy/dev/*-it.txt).

Elided words are read apart (``l'offerta``). Italian drops the subject: first-person verbs
count as a first person, first-person-plural endings (-iamo, -remo) as the business. "non
... mai" is one negation.
"""

ELISION = True

WORDS = {
    "no": "no",
    "thanks": "grazie",
    "neg": "senza, non",
    "negpart": "mai, nulla, niente, nessun, nessuna, nessuno",
    "first": """
        io, mi, me, mio, mia, miei, mie, voglio, preferisco, ho, odio, desidero, sono, pago,
        rinuncio, resto, adoro, corro, sento
    """,
    "lossverb": "perdere, perdo, perdermi, sprecare, spreco",
    "affect": """
        voglio, vuoi, volere, piace, piacciono, interessa*, bisogno, desidero, serve, servono,
        sento
    """,
    "dislike": "odio, detesto",
    "refuse": "rinuncio",
    "good": """
        scont*, risparmi*, offert*, regal*, gratis, gratuit*, coupon, buoni sconto, buono sconto,
        codice sconto, promozion*, premi*, vincere, vinco, fortuna, fortunat*, soldi, punti,
        bonus, ricompens*, vantagg*, saldi, affare, affari, cashback, salute, meglio,
        miglior*, esclusiv*
    """,
    "pay": "pagare, pago, pagherò, spendere",
    "extra": "di più, più, pieno, intero, doppio, prezzo pieno",
    "prefer": "preferisco, preferire, preferirei, piuttosto",
    "content": "adoro, piace, felice, contento, contenta",
    "copula": "sono, essere, restare, resto, rimanere",
    "future": "",
    "bad": """
        disordine, caos, spazzatura, cibo spazzatura, noia, annoiar*, annoiat*, povero,
        al verde, ignorant*, stress*, pigr*, brutt*, rughe, mediocre, al buio,
        senza protezione
    """,
    "risk": "corro il rischio, rischio, tento la sorte, mi arrischio",
    "guilt": "mi arrendo, arrendo, mollo, deludi, deludere, deludo",
    "smug": "so già tutto, so tutto, sono perfett*, chi ha bisogno",
    "care": "importa, frega",
    "indifferent": "me ne frego, chi se ne importa",
    "contact": """
        invi*, email*, e-mail*, mail*, contatt*, chiam*, telefon*, sms, condivid*, vend*,
        cedere, cessione, utilizz*, usare, ricev*, newsletter*, pubblicità, comunicazion*,
        offerte, promozion*, novità, notific*, catalog*, messaggi
    """,
    "optout": "cancellami, cancellarmi, disiscriv*, smettere di, rimuovetemi, toglietemi",
    "uncheck": "deseleziona*, togli la spunta, rimuovi la spunta",
    "object": "oppongo, oppormi, opposizione, rifiuto",
    "business": "noi, *iamo, *remo, *rai, *ranno",
    "leadin": """
        seleziona, selezionare, spunta, questa, casella, qui, se, io, sì, per, favore, voglio,
        desidero, preferisco
    """,
}
