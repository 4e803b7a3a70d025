"""Portuguese word classes for the copy rules (built and tested on tests/data/copy/dev/*-pt.txt).

European and Brazilian words both (partilhar and compartilhar, frete and portes). The
subject is often dropped: first-person verbs count as a first person, first-person-plural
endings (-remos, -amos) as the business. "não ... nunca" is one negation.
"""

ELISION = False

WORDS = {
    "no": "não, nao",
    "thanks": "obrigado, obrigada, obg",
    "neg": "sem, não, nao",
    "negpart": "nunca, nada, jamais, nenhum, nenhuma",
    "first": """
        eu, me, meu, minha, meus, minhas, mim, quero, prefiro, preciso, tenho, odeio, desejo, estou,
        sou, pago, adoro, dispenso, vou, gosto, abro, fico,
    """,
    "lossverb": "perder, perco, desperdiçar, desperdiço",
    "affect": """
        quero, querer, quer, gosto, gostar, gostaria, preciso, precisar, interessa*, interesse,
        desejo, necessito, tenho sorte,
    """,
    "dislike": "odeio, detesto",
    "refuse": "dispenso, abro mão, recuso",
    "good": """
        economizar, economia*, poupar, dinheiro, brindes, cupons, preços baixos, desconto*,
        economi*, poupa*, oferta*, presente*, brinde*, grátis, gratis, gratuit*, cupom, cupão,
        cupões, promoç*, prêmio*, prémio*, ganhar, ganho, sorte, pontos, bônus, bónus, recompensa*,
        vantage*, liquidação, saldos, frete grátis, portes grátis, cashback, saúde, saudável,
        melhor*, exclusiv*,
    """,
    "pay": "pagar, pago, gastar, pagarei",
    "extra": """
        portes, taxa de entrega, custos de envio, preço cheio, preço inteiro, mais, cheio, inteiro,
        dobro, preço integral, integral, mais caro,
    """,
    "prefer": "prefiro, preferir, preferia",
    "content": "de bom grado, com prazer, com gosto, adoro, gosto, feliz, contente",
    "copula": "sou, estou, ficar, fico, continuar",
    "future": "vou",
    "bad": """
        desorganizad*, caos, chato, chata, desinformad*, bagunça, desordem, porcaria, lixo, tédio,
        entediad*, pobre, falido, ignorante*, estresse, stress, preguiç*, feio, feia, rugas,
        medíocre, no escuro, desprotegid*,
    """,
    "risk": "vou arriscar, arrisco, corro o risco, desprotegid*",
    "guilt": "desisto, jogo a toalha, decepcionar, abandonar",
    "smug": "já sei tudo, sei tudo, sou perfeit*, quem precisa",
    "care": "importo, importa",
    "indifferent": "tanto faz, pouco me importa",
    "costly": """
        custos de envio, taxa de entrega, portes, preço cheio, preço inteiro, preço de tabela,
        sobretaxa, acréscimo,
    """,
    "evalneg": """
        bobagem, bobagens, besteira*, inútil, inúteis, enganação, furada, palhaçada, superestimad*,
        supervalorizad*, chato, chata, chatos, chatas, um saco, uma chatice, não é pra mim,
        não é para mim, não são pra mim, não são para mim, não é a minha praia,
        não são a minha praia, não é minha praia, não é o meu estilo, não é comigo, coisa de outros,
        coisa dos outros, para os outros, pros outros, não vale a pena, perda de tempo,
    """,
    "evalpos": """
        não me incomoda*, não me incomoda, não me importa, está ótimo, está bom, está bem, tá ótimo,
        tá bom, me serve, me convém, me agrada, meu estilo, a minha praia, minha praia,
        sem problema, nenhum problema, tranquilo,
    """,
    "unconcerned": """
        não é prioridade, não é uma prioridade, pode esperar, não é importante, não me importa,
        pouco me importa, tanto faz, tanto me faz, nem ligo, não ligo,
    """,
    "service": """
        teste grátis, teste gratuito, avaliação gratuita, período de teste, período de avaliação,
        embrulho para presente, embrulhar para presente, papel de presente, cartão presente,
        vale-presente, cartão-presente,
    """,
    "leaveblank": """
        deixe * desmarcada, deixe * em branco, deixe em branco, deixe * vazia, deixe vazia,
        deixe desmarcado, deixe desmarcada, deixar desmarcado,
    """,
    "forprep": "para, pra",
    "contact": """
        informad*, informar*, informações, lista, listas, envi*, e-mail*, email*, mail*, contact*,
        contat*, ligações, ligar, ligue, telefon*, sms, partilh*, compartilh*, vend*, ceder,
        cedência, utiliz*, usar, receb*, newsletter*, publicidade, comunica*, ofertas, promoç*,
        novidades, notifica*, marketing, chamadas, catálogo*, mensagens,
    """,
    "optout": """
        tirar-me de, me tirem de, não receber mais, deixar de receber, descadastr*,
        cancelar a inscrição, deixar de, remover-me, tirem-me,
    """,
    "uncheck": "desmarq*, desmarc*, desselecion*",
    "object": "recuso, recusar, bloquear, oponho, oponho-me, opor-me, oposição",
    "business": "nós, *remos, *amos, *rá, *rão",
    "leadin": """
        para, só, apenas, marque, esta, caixa, aqui, se, você, eu, sim, por, favor, selecione,
        quero, desejo, prefiro,
    """,
}
