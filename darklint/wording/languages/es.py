"""Spanish word classes for the copy rules (built and tested on tests/data/copy/dev/*-es.txt).

Spanish drops the subject: first-person verbs (quiero, prefiero) count as a first person,
and first-person-plural endings (-remos, -amos) as the business speaking. "no ... nada" is
one negation.
"""

ELISION = False

WORDS = {
    "no": "no",
    "thanks": "gracias",
    "neg": "sin, no",
    "negpart": "nunca, jamás, nada, ningún, ninguna, ninguno",
    "first": """
        yo, me, mi, mis, mí, quiero, prefiero, necesito, tengo, odio, deseo, paso, voy, estoy,
        soy, pago, pagaré, renuncio, sigo
    """,
    "lossverb": "perder, pierdo, perderme, desperdiciar, malgastar, desaprovechar",
    "affect": """
        quiero, quiere, querer, quieren, gusta, gustan, gustaría, necesito, necesita*,
        interesa*, interés, deseo, apetece, tengo suerte
    """,
    "dislike": "odio, detesto",
    "refuse": "renuncio, paso de, paso del, paso de las, paso de los",
    "good": """
        descuento*, ahorr*, oferta*, regalo*, gratis, gratuit*, cupón, cupon*, promoci*,
        premio*, ganar, gane, ganador*, suerte, dinero, puntos, bono*, recompensa*, ventaja*,
        rebaja*, chollo*, ganga*, cashback, salud*, sano, sana, mejor*, exclusiv*
    """,
    "pay": "pagar, pago, pagaré, gastar",
    "extra": "más, de más, completo, precio completo, doble, precio normal",
    "prefer": "prefiero, preferir, preferiría",
    "content": "encanta, gusta, feliz, contento, contenta",
    "copula": "soy, estoy, seguir, sigo, quedarme, siendo",
    "future": "voy",
    "bad": """
        desorden, caos, basura, comida basura, comida chatarra, aburri*, pobre*, arruinad*,
        ignorante*, estrés, estresad*, perezos*, vago, feo, fea, arrugas, mediocre, a oscuras,
        desprotegid*
    """,
    "risk": "me arriesgo, arriesgo, corro el riesgo, probaré suerte, desprotegid*",
    "guilt": "me rindo, rindo, tiro la toalla, rendirme, decepcionar a, abandono",
    "smug": "lo sé todo, ya lo sé todo, soy perfect*, ya soy perfect*, quién necesita",
    "care": "importa",
    "indifferent": "me da igual, da igual, me importa un bledo",
    "contact": """
        envi*, enví*, correo*, email*, e-mail*, mail*, contact*, llam*, teléfono, sms, compart*,
        vend*, cedan, ceder, cesión, usar, usen, recibir*, reciba*, boletín*, newsletter*,
        publicidad, comunicaci*, ofertas, promociones, novedades, notificaci*, catálogo*,
        mensajes
    """,
    "optout": "darme de baja, dar de baja, dejar de, excluirme, elimínenme",
    "uncheck": "desmarc*, desmarq*, deseleccion*",
    "object": "opongo, oponerme, oposición, rechazo",
    "business": "nosotros, *remos, *amos, *emos, *imos, *rás, *rán, *rá",
    "leadin": """
        marque, marca, marcar, esta, la, casilla, aquí, si, usted, yo, sí, por, favor,
        seleccione, quiero, deseo, prefiero
    """,
}
