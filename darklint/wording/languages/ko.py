"""Korean word classes for the copy rules (built on tests/data/copy/dev/*-ko.txt).

Korean writes a word with its particles and endings attached (할인은, 할인을, 원하지, 않아요), so
most entries are stems matched by their start (``할인*``) and negating endings by their end
(``*않아요``, ``*없어요``, which also catch 필요없어요 written without a space). The subject is
usually left out: the volitional endings -ㄹ게요 and -ㄹ래요 ("I will", "I'd like to") speak for
a first person. The verb comes last, so refusals and objections are read whatever their
place ("마케팅 정보 수신을 원하지 않습니다").
"""

ELISION = False
VERB_FINAL = True

WORDS = {
    "no": "아니요, 아니오, 아뇨, 아니, 노",
    "thanks": "괜찮아요, 괜찮습니다, 감사합니다, 고마워요, 됐어요, 됐습니다",
    "neg": """
        안, 못, 않*, *않아요, *않습니다, *않음, *않겠습니다, *않으면, 없어*, 없습*, 없는, 없다,
        없으*, 없음, *없어요, *없습니다, *없음, 아니에요, 아닙니다, 아니야, 마세요, 마십시오, 말아,
        말아요, 말고,
    """,
    "first": """
        저, 저는, 저도, 제가, 제, 저한테, 저랑, 저에게, 저를, 나, 나는, 내가, 나한테, *게요, *래요,
    """,
    "lossverb": "놓치*, 놓쳐*, 잃*, 낭비*, 손해*",
    "affect": "원하*, 원해*, 원치, 필요*, 관심*, 좋아하*, 싶*, 받*, *래요",
    "dislike": "싫*",
    "refuse": "거절*, 사양*",
    "good": """
        할인*, 쿠폰*, 적립*, 포인트*, 혜택*, 무료*, 공짜*, 사은품*, 선물*, 특가*, 세일*, 이벤트*,
        절약*, 아끼*, 아낄*, 당첨*, 경품*, 캐시백*, 건강*, 운이, 행운*, 리워드*, 프로모션*,
    """,
    "pay": "낼게요, 내도, 내는, 낼래요, 내요, 냅니다, 지불*, 사는, 사도, 살게요, 구매*",
    "extra": "더, 비싸게, 정가*, 제값*, 두 배",
    "prefer": "차라리, 오히려, 선호*",
    "content": "좋아*, 즐기*, 행복*, 만족*, 기꺼이, *게요, 살래요",
    "copula": "",
    "future": "",
    "bad": "엉망*, 지저분*, 모르는, 무지*, 게으른, 뒤처*",
    "risk": "위험을 감수*, 운에 맡길게요",
    "guilt": "포기할게요, 포기*, 실망시*",
    "smug": "다 알아요, 이미 완벽*",
    "care": "",
    "indifferent": "어떻게 되든 상관없어요, 알 바 아니*",
    # -- evaluations: a good run down, a loss or a bad thing welcomed, a good of one's own slighted
    "evalneg": """
        별로*, 쓸데없*, 쓸모없*, 의미 없*, 의미없*, 지루*, 재미없*, 과대평가*, 제 스타일이 아니*,
        스타일이 아니*, 저랑 안 맞*, 나랑 안 맞*, 안 맞아요, 관심사가 아니*, 필요 없는,
    """,
    "evalpos": """
        괜찮아요, 괜찮습니다, 상관없어요, 상관없습니다, 상관없*, 좋아요, 문제없어요, 됐어요,
    """,
    "unconcerned": "상관없*, 신경 안 써요, 중요하지 않아요, 나중 문제*",
    "costly": "정가*, 제값*, 배송비*, 수수료*, 웃돈*",
    "service": "선물 포장*, 선물포장*, 무료 체험*, 무료체험*",
    "forprep": "",
    # -- trick questions -----------------------------------------------------------------------
    "leaveblank": """
        체크하지 않으면, 선택하지 않으면, 비워 두면, 비워두면, 선택 해제 시, 체크 해제 시,
    """,
    "contact": """
        수신*, 발송*, 보내*, 보낼*, 문자*, 이메일*, 메일*, 광고*, 마케팅*, 뉴스레터*, 제공*, 공유*,
        활용*, 이용*, 연락*, 전화*, 알림*, 푸시*, 정보*, *정보, 홍보*, 판매*, 안내*, 소식*,
    """,
    "optout": "수신 거부, 수신거부*, 구독 취소*, 구독 해지*, 제외해 주세요, 제외해주세요, 사절",
    "uncheck": "체크를 해제*, 체크 해제하*, 선택을 해제*, 해제하세요, 해제해 주세요",
    "object": "거부*, 거절*, 반대*, 사절",
    "business": "저희*, 당사*, *드립니다, *드리겠습니다, *드려요",
    "leadin": "이, 상자, 여기, 여기를, 여기에, 체크하세요, 체크, 선택, 만약",
}
