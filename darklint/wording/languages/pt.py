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
        eu, me, meu, minha, meus, minhas, mim, quero, prefiro, preciso, tenho, odeio, desejo,
        estou, sou, pago, adoro, dispenso, vou, gosto, abro, fico
    """,
    "lossverb": "perder, perco, desperdiçar, desperdiço",
    "affect": """
        quero, querer, quer, gosto, gostar, gostaria, preciso, precisar, interessa*, interesse,
        desejo, necessito, tenho sorte
    """,
    "dislike": "odeio, detesto",
    "refuse": "dispenso, abro mão, recuso",
    "good": """
        desconto*, economi*, poupa*, poupar, oferta*, presente*, brinde*, grátis, gratis,
        gratuit*, cupom, cupons, cupão, cupões, promoç*, prêmio*, prémio*, ganhar, ganho,
        sorte, dinheiro, pontos, bônus, bónus, recompensa*, vantage*, liquidação, saldos,
        frete grátis, portes grátis, cashback, saúde, saudável, melhor*, exclusiv*
    """,
    "pay": "pagar, pago, gastar, pagarei",
    "extra": "mais, cheio, inteiro, preço cheio, dobro, preço integral, integral, mais caro",
    "prefer": "prefiro, preferir, preferia",
    "content": "adoro, gosto, feliz, contente",
    "copula": "sou, estou, ficar, fico, continuar",
    "future": "vou",
    "bad": """
        bagunça, desordem, caos, porcaria, lixo, tédio, entediad*, pobre, falido, ignorante*,
        estresse, stress, preguiç*, feio, feia, rugas, medíocre, no escuro, desprotegid*
    """,
    "risk": "vou arriscar, arrisco, corro o risco, desprotegid*",
    "guilt": "desisto, jogo a toalha, decepcionar, abandonar",
    "smug": "já sei tudo, sei tudo, sou perfeit*, quem precisa",
    "care": "importo, importa",
    "indifferent": "tanto faz, pouco me importa",
    "contact": """
        envi*, e-mail*, email*, mail*, contact*, contat*, ligações, ligar, ligue, telefon*, sms,
        partilh*, compartilh*, vend*, ceder, cedência, utiliz*, usar, receb*, newsletter*,
        publicidade, comunica*, ofertas, promoç*, novidades, notifica*, marketing, chamadas,
        catálogo*, mensagens
    """,
    "optout": "descadastr*, cancelar a inscrição, deixar de, remover-me, tirem-me",
    "uncheck": "desmarq*, desmarc*, desselecion*",
    "object": "oponho, oponho-me, opor-me, oposição, recuso",
    "business": "nós, *remos, *amos, *rá, *rão",
    "leadin": """
        marque, esta, caixa, aqui, se, você, eu, sim, por, favor, selecione, quero, desejo,
        prefiro
    """,
}
