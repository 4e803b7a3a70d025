"""English word classes for the copy rules (built and tested on tests/data/copy/dev/*-en.txt)."""

ELISION = False
CONTRACTIONS = True

WORDS = {
    # -- shared -------------------------------------------------------------------------------
    "no": "no, nope, nah",
    "thanks": "thanks, thank, thx, ty, cheers",
    "neg": "not, never, no, nothing, neither, nor, without",
    "first": "i, me, my, mine, myself",
    "lossverb": """
        lose, loses, losing, lost, miss, misses, missing, waste, wastes, wasting, forfeit*,
        overpay*, throw away, throwing away, give up my, sacrifice*,
    """,
    # -- confirmshaming -----------------------------------------------------------------------
    "affect": """
        bothered, want*, wanna, need*, like, likes, love, enjoy*, interested, interest, feel,
        deserve, fan, keen, fancy, care, into, prefer, rather, wish, desire, bother, appreciate,
        believe,
    """,
    "dislike": """
        hate, hates, dislike*, detest*, despise*, loathe*, allergic, throw away, throwing away,
        squander*, too busy to, too lazy to, too tired to,
    """,
    "refuse": "pass on, forgo, forego, turn down, say no to, refuse, reject, skip out on",
    "good": """
        wellbeing, well-being, bucks, cheap, low price*, money back, refund*, loyalty, goodies,
        discount*, deal, deals, sav*, coupon*, voucher*, gift*, offers, offer, special offer*,
        promotion*, promo, promos, reward*, perk*, bonus*, cashback, cash back, money, cash, free,
        freebie*, bargain*, sale, sales, luck*, win, wins, winning, prize*, jackpot, points,
        benefit*, advantage, exclusive, vip, member price*, % off, off, cheaper, lower price*,
        best price*, happiness, happy, healthy, healthier, health, fit, fitter, better, smarter,
        richer, success*, succeed, improve*, grow, growth, learn*, wealth*, tips, treat*, fun,
        glow*, beautiful, confidence, protect*, safe, safety, secure, members-only*, look good,
        look great, look better, feel good, feel great, paid more, get paid, raise,
    """,
    "pay": "pay, paying, pays, spend, spending, buy at",
    "extra": """
        delivery fee*, full whack, over the odds, more, full price, full retail, the full price,
        extra, retail, double, twice, top dollar, premium, higher, too much, the most, list price,
    """,
    "prefer": "rather, prefer, prefers, preferring, choose to, opt to, chose to",
    "content": """
        stick with, stick to, happy, fine, ok, okay, content, love, like, enjoy, enjoying, want,
        wants, adore, keep, stay, staying, remain, being, be, am, gonna, go, happily, glad,
        comfortable,
    """,
    "copula": "am, be, being, stay, remain, become",
    "future": "will, gonna, shall",
    "bad": """
        bad, terrible, awful, unorgani*, bored stiff, uninspired, chaos, chaotic, junk, mess, messy,
        clutter*, bored, boring, boredom, broke, poor, ignorant, ignorance, clueless, uninformed,
        unprotected, disorgani*, stress*, lazy, ugly, wrinkle*, bland, mediocre, unhealthy, unfit,
        out of shape, lonely, sad, dull, in the dark, out of the loop, behind, struggl*, suffer*,
        pain, sick, tired, dumb, stupid, loser, hungry, overweight, unhappy, miserable, alone,
        frizz*, dirty, slow, average, old-fashioned, outdated, uncool, wasteful, frumpy, sloppy,
        naive, gullible, worse, dead, dying, rotten, dangerously, vulnerable, exposed, at risk,
        insecure, risky, hacked, uninsured, without protection, full price, fast food, takeaway,
        takeout, ripped off, overpriced,
    """,
    "risk": """
        risk it, take my chance*, take the risk, take a risk, take my risk*, live dangerously,
        living dangerously, leave me unprotected, leave my * unprotected, leave me exposed,
        unprotected, on my own, fend for myself, cross my fingers, feeling lucky,
    """,
    "guilt": """
        give up, giving up, gives up, quitter*, let * down, let my * down, let my * * down,
        abandon my, abandon the, abandoning my, disappoint my, betray my, desert my, will miss me,
        will be sad, will be heartbroken, leave * behind, don't deserve, do not deserve,
        not deserve,
    """,
    "smug": """
        am above, i am above, beneath me, already perfect, already know everything, know everything,
        know it all, know-it-all, too cool for, too good for, too smart for, too rich to,
        already an expert, i am perfect, i'm perfect, who needs, don't need help, do not need help,
    """,
    "care": "care",
    "indifferent": "couldn't care less, could not care less, whatever, who cares",
    # -- evaluations: a good run down, a loss or a bad thing welcomed, a good of one's own slighted
    "evalneg": """
        gimmick*, scam*, nonsense, rubbish, useless, silly, a joke, a waste, waste of, overrated,
        overhyped, boring, dull, lame, pointless, for suckers, for losers, for other people,
        for others, for everyone else, not for me, not really for me, not my thing,
        not really my thing, not my style, not really my style, not my vibe, not my cup of tea,
        not my jam, not my scene, not worth it, not worth my time, sounds boring,
        is for other people, waste of time, too much hassle,
    """,
    "evalpos": """
        not bother me, not bother me at all, not mind, fine by me, fine with me, fine with, ok with,
        okay with, cool with, fine for me, works for me, suits me, suit me, my style, my thing,
        more my style, more my speed, my kind of thing, no big deal, no problem, no biggie,
        all good, like it that way, love it that way, happy to, glad to, all right,
    """,
    "unconcerned": """
        not matter, not important, not a priority, not worth, can wait, could wait, low priority,
        not bothered, not fussed,
    """,
    "costly": """
        shipping cost*, shipping fee*, delivery charge*, delivery fee*, postage, extra cost*,
        extra charge*, extra fee*, higher price*, full price, full retail, list price, surcharge,
        markup, top dollar,
    """,
    "service": """
        free trial*, trial*, trial period*, gift wrap*, gift receipt*, gift message*, gift note*,
        gift box*,
    """,
    # -- trick questions ----------------------------------------------------------------------
    "leaveblank": """
        leave * empty, leave * blank, leave * * empty, leave * * blank, leave blank, leave empty,
    """,
    "forprep": "for",
    "contact": """
        hear from, list, lists, send*, sent, email*, e-mail*, mail, mailing*, mailed, post,
        contact*, call, calls, calling, called, phone*, text, texts, texting, texted, message me,
        sms, share*, sell*, sold, rent*, pass, passed, disclos*, use, used, using, track*, profil*,
        target*, personali*, add, added, sign me, signed, subscrib*, enrol*, enroll*, receive*,
        hear, notif*, newsletter*, marketing, offers, promotion*, advert*, ads, catalog*, news,
        update*, deals, communication*, spam, junk, data, details, information, inform*, include me,
        included in, panel*,
    """,
    "optout": """
        keep me off, keep me out, leave me out, opt out, opt me out, opting out, unsubscribe*,
        unsubscribing, remove me, exclude me, take me off, take me out, leave me off, stop sending,
        stop emailing, stop texting, stop calling, stop contacting, stop receiving, stop getting,
        stop sharing, stop selling, stop using, stop tracking, withdraw, withdraws,
    """,
    "uncheck": """
        uncheck*, untick*, unselect*, deselect*, unmark*, clear this box, leave * ticked,
        leave * checked, leave * selected,
    """,
    "object": "refuse, refuses, decline, declines, stop, block, object, objects, objection*",
    "business": "we, you will, you won't, you'll",
    "leadin": """
        only, to, simply, tick, check, select, mark, click, this, box, here, if, you, do, does,
        would, like, please, yes, the, want, wish, prefer, rather, just, also, and, i, i'd, kindly,
        am, yeah,
    """,
}
