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
        amo, io, mi, me, mio, mia, miei, mie, voglio, preferisco, ho, odio, desidero, sono, pago,
        rinuncio, resto, adoro, corro, sento,
    """,
    "lossverb": "perdere, perdo, perdermi, sprecare, spreco",
    "affect": """
        voglio, vuoi, volere, piace, piacciono, interessa*, bisogno, desidero, serve, servono,
        sento,
    """,
    "dislike": "odio, detesto",
    "refuse": "rinuncio",
    "good": """
        risparmiare, risparmio, soldi, regali, coupon, prezzi bassi, scont*, risparmi*, offert*,
        regal*, gratis, gratuit*, buoni sconto, buono sconto, codice sconto, promozion*, premi*,
        vincere, vinco, fortuna, fortunat*, punti, bonus, ricompens*, vantagg*, saldi, affare,
        affari, cashback, salute, meglio, miglior*, esclusiv*,
    """,
    "pay": "pagare, pago, pagherò, spendere",
    "extra": """
        spese, spese di spedizione, di più, prezzo pieno, prezzo intero, più, pieno, intero, doppio,
    """,
    "prefer": "preferisco, preferire, preferirei, piuttosto",
    "content": "volentieri, amo, con piacere, adoro, piace, felice, contento, contenta",
    "copula": "sono, essere, restare, resto, rimanere",
    "future": "",
    "bad": """
        disorganizzat*, caos, noios*, disinformat*, disordine, spazzatura, cibo spazzatura, noia,
        annoiar*, annoiat*, povero, al verde, ignorant*, stress*, pigr*, brutt*, rughe, mediocre,
        al buio, senza protezione,
    """,
    "risk": "corro il rischio, rischio, tento la sorte, mi arrischio",
    "guilt": "mi arrendo, arrendo, mollo, deludi, deludere, deludo",
    "smug": "so già tutto, so tutto, sono perfett*, chi ha bisogno",
    "care": "importa, frega",
    "indifferent": "me ne frego, chi se ne importa",
    "evalneg": """
        sciocchezz*, inutil*, stupidaggin*, fesseri*, truffa, truffe, una presa in giro,
        sopravvalutat*, noios*, una noia, una pizza, non fa per me, non fanno per me, non è per me,
        non sono per me, non è il mio genere, non sono il mio genere, non è il mio stile,
        non è roba per me, roba per altri, per altri, per gli altri, non ne vale la pena,
        una perdita di tempo,
    """,
    "evalpos": """
        non mi disturba*, non mi pesa*, non mi dà fastidio, non mi disturba, non mi pesa,
        non mi dispiace, mi va bene, mi va benissimo, va benissimo, mi sta bene, mi sta benissimo,
        mi piace così, il mio stile, nessun problema,
    """,
    "unconcerned": """
        non è una priorità, non è prioritaria, può aspettare, non è importante, non mi importa,
        non me ne importa, me ne frego, fa lo stesso,
    """,
    "costly": """
        spese di spedizione, spese, costi di spedizione, prezzo pieno, prezzo intero,
        prezzo di listino, sovrapprezzo, supplemento,
    """,
    "service": """
        prova gratuita, prova gratis, periodo di prova, mese di prova, confezione regalo,
        carta regalo, pacchetto regalo, scontrino regalo, buono regalo,
    """,
    "leaveblank": """
        lascia * vuota, lascia vuota, lasciare vuota, lascia * non selezionata,
        lascia * deselezionata, lascia * non spuntata, lascia non spuntata,
    """,
    "forprep": "per",
    "contact": """
        condivisi*, informat*, informar*, informazion*, lista, liste, invi*, email*, e-mail*, mail*,
        contatt*, chiam*, telefon*, sms, condivid*, vend*, cedere, cessione, utilizz*, usare,
        ricev*, newsletter*, pubblicità, comunicazion*, offerte, promozion*, novità, notific*,
        catalog*, messaggi,
    """,
    "optout": """
        togliermi da, non ricevere più, smettere di ricevere, cancellami, cancellarmi, disiscriv*,
        smettere di, rimuovetemi, toglietemi,
    """,
    "uncheck": "deseleziona*, togli la spunta, rimuovi la spunta",
    "object": "rifiuto, rifiutare, bloccare, oppongo, oppormi, opposizione",
    "business": "noi, *iamo, *remo, *rai, *ranno",
    "leadin": """
        per, solo, soltanto, seleziona, selezionare, spunta, questa, casella, qui, se, io, sì,
        favore, voglio, desidero, preferisco,
    """,
}
