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
        yo, me, mi, mis, mí, quiero, prefiero, necesito, tengo, odio, deseo, paso, voy, estoy, soy,
        pago, pagaré, renuncio, sigo,
    """,
    "lossverb": "perder, pierdo, perderme, desperdiciar, malgastar, desaprovechar",
    "affect": """
        quiero, quiere, querer, quieren, gusta, gustan, gustaría, necesito, necesita*, interesa*,
        interés, deseo, apetece, tengo suerte,
    """,
    "dislike": "odio, detesto",
    "refuse": "renuncio, paso de, paso del, paso de las, paso de los",
    "good": """
        ahorrar, ahorro, ahorros, dinero, regalos, cupones, precios bajos, descuento*, ahorr*,
        oferta*, regalo*, gratis, gratuit*, cupón, cupon*, promoci*, premio*, ganar, gane, ganador*,
        suerte, puntos, bono*, recompensa*, ventaja*, rebaja*, chollo*, ganga*, cashback, salud*,
        sano, sana, mejor*, exclusiv*,
    """,
    "pay": "pagar, pago, pagaré, gastar",
    "extra": """
        gastos, gastos de envío, de más, precio completo, precio entero, más, completo, doble,
        precio normal,
    """,
    "prefer": "prefiero, preferir, preferiría",
    "content": """
        encantado, encantada, con gusto, gustosamente, encanta, gusta, feliz, contento, contenta,
    """,
    "copula": "soy, estoy, seguir, sigo, quedarme, siendo",
    "future": "voy",
    "bad": """
        desorganizad*, caos, aburrid*, desinformad*, desorden, basura, comida basura,
        comida chatarra, aburri*, pobre*, arruinad*, ignorante*, estrés, estresad*, perezos*, vago,
        feo, fea, arrugas, mediocre, a oscuras, desprotegid*,
    """,
    "risk": "me arriesgo, arriesgo, corro el riesgo, probaré suerte, desprotegid*",
    "guilt": "me rindo, rindo, tiro la toalla, rendirme, decepcionar a, abandono",
    "smug": "lo sé todo, ya lo sé todo, soy perfect*, ya soy perfect*, quién necesita",
    "care": "importa",
    "indifferent": "me da igual, da igual, me importa un bledo",
    "evalneg": """
        tontería*, inútil*, bobada*, estafa*, sin sentido, una chorrada, chorrada*, sobrevalorad*,
        aburrid*, un rollo, una lata, no es lo mío, no son lo mío, nada lo mío, no es para mí,
        no son para mí, no va conmigo, no van conmigo, no es mi estilo, no son mi estilo,
        para otros, para los demás, no vale la pena, una pérdida de tiempo,
    """,
    "evalpos": """
        no me molesta*, no me importa nada, no me molesta, no me importa, me parece bien,
        me va bien, me viene bien, me vale, me sirve, está bien, mi estilo, lo mío, sin problema,
        ningún problema,
    """,
    "unconcerned": """
        no es una prioridad, no es prioridad, puede esperar, no es importante, no me importa,
        me da igual, da igual, me trae sin cuidado, paso de,
    """,
    "costly": """
        gastos de envío, gastos de gestión, recargo*, precio completo, precio entero,
        precio de lista, recargo,
    """,
    "service": """
        prueba gratis, prueba gratuita, periodo de prueba, mes de prueba, papel de regalo,
        envoltorio de regalo, envolver para regalo, tarjeta regalo, ticket regalo,
    """,
    "leaveblank": """
        deje * sin marcar, deje sin marcar, dejar sin marcar, deje * vacía, deje vacía,
        deje * en blanco, deje en blanco,
    """,
    "forprep": "para",
    "contact": """
        informad*, informar*, información, lista, listas, envi*, enví*, correo*, email*, e-mail*,
        mail*, contact*, llam*, teléfono, sms, compart*, vend*, cedan, ceder, cesión, usar, usen,
        recibir*, reciba*, boletín*, newsletter*, publicidad, comunicaci*, ofertas, promociones,
        novedades, notificaci*, catálogo*, mensajes,
    """,
    "optout": """
        sacarme de, quitarme de, no recibir más, dejar de recibir, darme de baja, dar de baja,
        dejar de, excluirme, elimínenme,
    """,
    "uncheck": "desmarc*, desmarq*, deseleccion*",
    "object": "rechazo, rechazar, bloquear, opongo, oponerme, oposición",
    "business": "nosotros, *remos, *amos, *emos, *imos, *rás, *rán, *rá",
    "leadin": """
        para, solo, sólo, marque, marca, marcar, esta, la, casilla, aquí, si, usted, yo, sí, por,
        favor, seleccione, quiero, deseo, prefiero,
    """,
}
