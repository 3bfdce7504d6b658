"""Keyword rules: messaging apps and networks named (social), paying outside the platform
(payment) and marketing, in every language of the lexicons.

A table of patterns is one ``gates.Family``: matched as one alternation, reduced for each
message to the entries its words allow.  Where a pattern is a template over word classes
("<next> … <order>", "<without> … <fee> … <platform>", "<5> <stars> … <reward>", "<send> …
iban"), the template is here and every language file fills the classes (``LEXICON.slot``);
where it is a language's own phrase, it is in that language's file (``payment.strong``,
``marketing.seasonal``…).  Weak payment words count only in a sentence that does not name the
platform as the channel; a discount code only next to a reduction cue in the same sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from helpdesk.scanner.domains import is_platform_host, platform_domain
from helpdesk.scanner.findings import Collector
from helpdesk.scanner.gates import Facts, Family
from helpdesk.scanner.intent import (
    ABBREVIATIONS,
    SENTENCE,
    concept_matches,
    concepts_of,
    folded_words,
)
from helpdesk.scanner.lexicon import COMMON, LEXICON, literal_alternation
from helpdesk.scanner.normalise import ZERO_WIDTH, Normalised
from helpdesk.scanner.phone import masks_a_digit

#: One word class of every language as a regex group: S("payment.your") → "(?:ton|votre|your|…)".
S = LEXICON.slot

#: Messaging apps and social networks, and each language's own spellings of them ("łatsap",
#: "guasap"); the stem takes any inflection ("Telegramie", "Viberen").
SOCIAL_STEMS = (*COMMON["social_stems"], *LEXICON.union("social.app_names"))
#: Signal is also an everyday English word, so it needs a preposition before it; so do the
#: other apps whose names are words or initials ("pe face", "na WA"), or a question ("Signal?").
SIGNAL_PREPOSITIONS = LEXICON.union("social.signal_prepositions")
AMBIGUOUS_NAMES = "|".join(COMMON["social_names_after_preposition"])
ASKED_NAMES = "|".join(COMMON["social_names_asked"])

_W = r"[^\W\d_]+"
_FRIENDS = S("payment.paypal_personal")
#: PayPal friends & family, a person-to-person payment, in every market language; and
#: friends & family in quotes, no brand named: two to four words ("mándamelo como 'entre
#: amigos'", "'amici e familiari'", "as 'friends and family'"; not "my 'friends' at work", not
#: a group's name "« Padel entre amis by SmashPro »").
PAYPAL_PERSONAL = (
    rf"(?:paypal\w*|\bpp)\W{{0,3}}(?:\w+\W+){{0,3}}?{_FRIENDS}",
    rf"[\"'‘’“”„«»]\s*(?:(?:{_W}\s+){{1,2}}{_FRIENDS}(?:\s+{_W})?|{_W}\s+{_FRIENDS}(?:\s+{_W}){{2}}"
    rf"|{_FRIENDS}(?:\s+{_W}){{1,3}})\s*[\"'‘’“”„«»]",
)
#: Off-platform payment phrases that are unambiguous on their own.
PAYMENT_STRONG = (
    *PAYPAL_PERSONAL,
    *COMMON["payment_strong"],
    *LEXICON.union("payment.strong"),
    # "zaplaťte přímo", "přímo na můj účet"
    rf"\b{S('payment.pay_directly.pay')}\s+(?:\w+\s+)?{S('payment.pay_directly.directly')}\b",
    rf"\b{S('payment.pay_directly.directly')}\s+{S('payment.pay_directly.to')}\s+"
    rf"(?:{S('payment.pay_directly.my')}\s+)?{S('payment.pay_directly.account')}\b",
    rf"\b{S('payment.your')}\s+iban\b",
    rf"\biban\w*\s+(?:\w+\s+)?{S('payment.please')}\b",
    # "without the platform's fee" (cash on delivery to the courier, a direct deal…)
    rf"\b{S('payment.without_fee.without')}\s+(?:{S('payment.without_fee.articles')}\s+)?"
    rf"{S('payment.without_fee.fee')}\s+(?:\w+\s+)?(?:{S('payment.without_fee.of_the')}\s+)?"
    rf"{S('payment.without_fee.platform')}",
    rf"\b{S('payment.send')}\s+(?:\w+\s+){{0,2}}(?:iban|{S('payment.iban_names')})\b",
)
#: Payment words that are off-platform only when the sentence does not say "via the platform".
PAYMENT_WEAK = (*COMMON["payment_weak"], *LEXICON.union("payment.weak"))
#: A sentence that names the platform as the channel cancels weak payment words ("the refund
#: is a bank transfer through the platform") unless it also says "instead"/"outside".
PLATFORM_WORDS = (
    rf"\b{S('payment.platform_names')}\b"
    # paid on the site, by card: the platform's own checkout
    rf"|{S('payment.platform_checkout')}"
)
OFF_PLATFORM_CUES = rf"\b{S('payment.off_platform_cues')}\b"
#: Paid to the courier on delivery ("cash to the driver", "kurierowi"): the platform's checkout
#: too, unless the message says anywhere that the order goes around the platform ("let me pay
#: cash to the driver. … I'd cancel the order here").
COURIER = S("payment.courier")

#: A sum of money: "10 €", "£5", "20 zł" (not a percentage).
_SUM = (
    rf"(?:\b\d+(?:[.,]\d+)?\s?(?:{'|'.join(c for c in COMMON['currencies'] if c != '%')})"
    r"|[€£$]\s?\d+)"
)
#: "Next order": marketing, unless the sentence keeps it on the platform (``_next_order_here``).
_NEXT_ORDER_PATTERN = (
    rf"\b{S('marketing.next_order.next')}\s+(?:\w+\s+)?{S('marketing.next_order.order')}\b"
)
#: "Next time write to me directly, I'll give you a better price": a next order's offer, firm
#: (the writers label it marketing beside the payment outside it asks for); a dot inside an
#: address or a domain ends no sentence ("écrivez-moi sur parfums.decants[at]laposte.net :
#: 10 % de remise").
_NEXT_TIME_CHEAPER = (
    rf"\b{S('marketing.next_order.next')}\b(?:[^.!?]|\.(?=\S)){{0,200}}?"
    rf"\b{S('marketing.better_price')}"
)
#: "Write to me directly, I'll give you 10 % off": a better price for a deal outside the
#: platform, firm (the labelling conventions' "next time write to me directly, 10 % off if you
#: pay by transfer" is marketing beside the payment).
_WRITE_DIRECTLY_CHEAPER = (
    rf"\b{S('marketing.write_directly')}(?:[^.!?]|\.(?=\S)){{0,160}}?"
    rf"\b{S('marketing.better_price')}"
)
#: Five stars written with signs: "5 ⭐", "5*" (not "5**", "5*x").
_FIVE_STAR_SIGNS = r"\b5\s*⭐|\b5\s?\*(?![\w*])"
#: Marketing: each pattern is self-sufficient.
MARKETING_PATTERNS = (
    # discount codes and vouchers
    rf"\b{S('marketing.discount_codes')}\b",
    # a percentage or amount off a future order
    _NEXT_ORDER_PATTERN,
    # newsletters and subscriptions
    rf"\b{S('marketing.newsletter')}\b",
    # new collections and seasonal ranges
    rf"\b{S('marketing.new_collection.new')}\s+(?:\w+\s+)?"
    rf"{S('marketing.new_collection.collection')}\b",
    *LEXICON.union("marketing.seasonal"),
    rf"\b{S('marketing.season_collection.collection')}\s+"
    rf"(?:{S('marketing.season_collection.of')}\s+)?{S('marketing.season_collection.season')}\b",
    # follow us / giveaways
    rf"\b{S('marketing.follow_us')}\b",
    rf"\b{S('marketing.giveaways')}\b",
    # the shop's own event or course, its places limited
    rf"\b{S('marketing.events')}",
    # sales and outlets
    rf"\b{S('marketing.sales')}\b",
    # sales events named the same in every market ("Black Friday")
    rf"\b(?:{'|'.join(COMMON['marketing_events'])})\b",
    # review bribes: positive review tied to a reward
    rf"(?:\b(?:(?:5|{S('marketing.stars_for_reward.five')})[\s-]*"
    rf"{S('marketing.stars_for_reward.stars')}|{S('marketing.stars_for_reward.good')}\s+"
    rf"(?:\w+\s+)?{S('marketing.stars_for_reward.review')})\b|{_FIVE_STAR_SIGNS})"
    rf"[^.!?]{{0,80}}?\b{S('marketing.stars_for_reward.reward')}",
    # or to a sum of money: "5 stars with a photo and I'll send you £5 back", "za recenziu
    # s fotkou vám vrátim 5 €"
    rf"(?:\b(?:(?:5|{S('marketing.stars_for_reward.five')})[\s-]*"
    rf"{S('marketing.stars_for_reward.stars')}|{S('marketing.reward_if_stars.if')}\s+"
    rf"(?:\w+\s+){{0,2}}{S('marketing.stars_for_reward.review')})\b"
    rf"|{_FIVE_STAR_SIGNS})[^.!?]{{0,80}}?{_SUM}",
    # the sum first, the rating it is for after: "würden wir Ihnen gern 8 Euro über PayPal
    # zurückerstatten, sofern Sie uns mit fünf Sternen bewerten"
    rf"{_SUM}[^.!?]{{0,100}}?\b{S('marketing.reward_if_stars.if')}\s+(?:\w+\s+){{0,8}}"
    rf"(?:5|{S('marketing.reward_if_stars.five')})[\s-]*{S('marketing.reward_if_stars.stars')}\b",
    # "next time write to me directly, I'll give you a better price"
    _NEXT_TIME_CHEAPER,
    _WRITE_DIRECTLY_CHEAPER,
    # a reward promised first, the rating after: "pour 5 étoiles", "za 5 gwiazdek"
    rf"\b{S('marketing.reward_if_stars.if')}\s+(?:\w+\s+){{0,3}}"
    rf"(?:5|{S('marketing.reward_if_stars.five')})[\s-]*{S('marketing.reward_if_stars.stars')}\b"
    rf"[^.!?]{{0,80}}?\b{S('marketing.reward_if_stars.give')}",
    # "cheaper than here", loyalty offers, "on offer this week", "visit our shop"
    rf"\b{S('marketing.cheaper_than_here')}\b",
    rf"-?\d{{1,2}}\s?%\s+(?:\w+\s+){{0,2}}{S('marketing.loyalty.for')}\s+"
    rf"(?:{S('marketing.loyalty.our')}\s+)?{S('marketing.loyalty.customers')}",
    rf"\d{{1,2}}\s?%\s+{S('marketing.percent_off.off')}\s+(?:{S('marketing.percent_off.on')}\s+)?"
    rf"{S('marketing.percent_off.everything')}",
    rf"\b{S('marketing.on_offer.on_offer')}\b[^.!?]{{0,30}}?\b{S('marketing.on_offer.this_week')}\b",
    rf"\b{S('marketing.visit_our_shop')}\b",
    # stock offered that is not listed here ("300 more LPs I haven't listed here")
    rf"\b{S('marketing.not_listed_here')}",
    # the sender's other account on another site or an app, named ("I've loads more on my
    # other account over on eBay", "unseren anderen Shops auf der Plattform"; not "my other
    # account at my bank"), a referral code or link of another shop or service ("z moim kodem
    # polecającym")
    rf"\b{S('marketing.other_account')}[^.!?]{{0,40}}?\b"
    rf"(?:{literal_alternation(COMMON['marketplaces'])}|{'|'.join(SOCIAL_STEMS)}|"
    rf"{S('payment.platform_names')})",
    rf"\b{S('marketing.referral')}",
    rf"\b{S('marketing.reward_for_review.reward')}\b[^.!?]{{0,60}}?\b"
    rf"{S('marketing.reward_for_review.for')}\s+{S('marketing.reward_for_review.article')}?\s*"
    rf"(?:(?:5|{S('marketing.reward_for_review.five')})[\s-]*{S('marketing.reward_for_review.stars')}|"
    rf"{S('marketing.reward_for_review.good')}\s+{S('marketing.reward_for_review.review')})",
)
#: A discount code: "code FIDELE12" next to a reduction cue in the same sentence.
DISCOUNT_CUES = f"(?:%|{S('marketing.discount_cues')})"

#: One entry per app name (a table of entries gets gates for each; "\b(?:a|b)\w*" matches what
#: "\b(?:a)\w*|\b(?:b)\w*" does).
_SOCIAL_NAME_ENTRIES = (
    *(rf"\b(?:{stem})\w*" for stem in SOCIAL_STEMS),
    # a short name before "@", "dm", ":" or a handle with a dot or an underscore ("del mio ig
    # giulia.vintage.mi")
    # (not a pair of a MAC address: "3C:22:FB:9A:11:E0")
    rf"(?<![0-9a-f]{{2}}[:-])\b(?:{literal_alternation(COMMON['social_short_names'])})\b"
    r"(?![:-][0-9a-f]{2}[:-][0-9a-f]{2})"
    r"(?=\W*(?:@|dm|:)|\s+[^\W\d_][a-z0-9]*[._][a-z0-9._]*[a-z0-9])",
    # an app named by its colour ("l'appli verte", "na zielonym")
    *(rf"\b(?:{phrase})" for phrase in LEXICON.union("social.colour_apps")),
)
#: An app named by its colour or its icon is as disguised as a name in look-alike letters:
#: nobody describes an app to refuse it or to mention it ("appku s modrým lietadielkom").
_COLOUR_APP = re.compile(rf"\b(?:{'|'.join(LEXICON.union('social.colour_apps'))})")
#: A handle after a colon: a name with a dot, an underscore or a digit ("Mein Signal:
#: elektro_hofer_at", "Telegram: servitec.42").
_HANDLE_AFTER_COLON = r"\s*:\s*@?(?P<handle>[^\W\d_][^\W_]*(?:[._][^\W_]+)+|[^\W\d_]+\d[^\W_]*)"
_SIGNAL = re.compile(
    rf"\b(?:{literal_alternation(SIGNAL_PREPOSITIONS)})\s+(?:{AMBIGUOUS_NAMES})\b"
    rf"|\bsignal\s*(?:app|messenger)\b|\b(?:{ASKED_NAMES})"
    # an account given after the name and a colon ("Mi Signal: servitec.42")
    rf"|\b(?:{AMBIGUOUS_NAMES})(?={_HANDLE_AFTER_COLON})"
)
#: A text message with a phone number (eight digits or more) in the same sentence, after or
#: before it.
_NUMBER = r"\d(?:[\s./-]{0,3}\d){7,}"
#: (letters only after it: "SMS46GI01E" is a dishwasher's model)
_SMS_WORD = rf"\b(?:{'|'.join(COMMON['sms_words'])})[^\W\d_]*(?!\d)"
_SMS = (
    rf"{_SMS_WORD}(?=[^.!?\n]{{0,60}}?{_NUMBER})",
    rf"(?<!\d){_NUMBER}[^.!?\n]{{0,40}}?{_SMS_WORD}",
)
#: A text message word, for a number the phone detectors found however it was written ("SMS
#: an 0l76 / 4O3 22 918", "text me on oh seven seven double oh…").
_SMS_WORD_ALONE = re.compile(_SMS_WORD)
#: "SMS", "esemeska": a text message word that is nothing else.
_SMS_ABBREVIATION = re.compile(r"sms|esemes")
#: What ends a sentence between a text message word and a number, or an ask and an app (not a
#: dot inside a domain or a number, nor one after an abbreviation: "Czy nie moglibyśmy
#: rozliczać się poza serwisem, np. zbiorczo …?" is one question, whose "nie" asks).
#: (The dot is matched first, so that the look-behinds run at dots only: before it, they ran at
#: every character, 750 µs a pass over 500 characters instead of 21.)
_SENTENCE_END = re.compile(
    r"[!?\n]|\." + "".join(rf"(?<!\b{re.escape(word)}\.)" for word in ABBREVIATIONS) + r"\s"
)
_PLATFORM_WORDS = re.compile(PLATFORM_WORDS)
_OFF_PLATFORM = re.compile(OFF_PLATFORM_CUES)
#: No second order to open for what is paid ("dann sparen wir uns eine zweite Bestellung", "ca
#: să nu mai deschidem altă comandă").
_NO_NEW_ORDER = re.compile(rf"\b(?:{S('payment.no_new_order')})")
_COURIER = re.compile(COURIER)
_CASH_ON_DELIVERY = re.compile(S("payment.cash_on_delivery"))
_CODE_WORDS = literal_alternation(LEXICON.union("marketing.code_words"))
_DISCOUNT_CODE = (
    rf"\b(?:{_CODE_WORDS})\s*:?\s*"
    # (not a code word: "use code SPRING20")
    rf"[«\"']?(?!(?:{_CODE_WORDS})\b)"
    r"(?P<code>[a-z]+[0-9]+[a-z0-9]*|[a-z]{4,}[0-9]*)\b"
)
_DISCOUNT_CUE = re.compile(DISCOUNT_CUES)

_PAYMENT_STRONG = Family(PAYMENT_STRONG)
_PAYMENT_WEAK = Family(PAYMENT_WEAK)
_MARKETING = Family(MARKETING_PATTERNS, grouped=True)
_DISCOUNT = Family([_DISCOUNT_CODE])
_SOCIAL_NAMES = Family(_SOCIAL_NAME_ENTRIES, grouped=True)
_SIGNAL_APP = Family([_SIGNAL.pattern])
#: A remote-desktop session's ID or password with the app's name: the help moves there, firm.
_REMOTE_SESSION = Family(rf"\b(?:{entry})" for entry in COMMON["remote_session"])
_SMS_NUMBER = Family(_SMS)

#: An account's name in brackets after an app, up to three words on: a name cut by dots or
#: underscores whose every part starts with a letter (not a version, "(v10.2)", nor a size).
_HANDLE_IN_BRACKETS = re.compile(
    r"(?:[\s-]+[^\W\d_]+){0,3}\s*\(\s*@?"
    r"(?P<handle>[^\W\d_][^\W_]*(?:[._][^\W\d_][^\W_]*)+)\s*\)"
)


_ACCOUNT_AFTER_COLON = re.compile(_HANDLE_AFTER_COLON)


def _account_after(text: str, end: int) -> tuple[int, int] | None:
    """The span of an account's name in brackets or after a colon after an app's name that
    ends at ``end`` (``_HANDLE_IN_BRACKETS``, ``_HANDLE_AFTER_COLON``: three letters or
    more, not a version such as "v2.1"), unless it is the platform's own host."""
    handle = _HANDLE_IN_BRACKETS.match(text, end) or _ACCOUNT_AFTER_COLON.match(text, end)
    if handle is None or is_platform_host(handle.group("handle"), platform_domain()):
        return None
    if sum(ch.isalpha() for ch in handle.group("handle")) < 3:
        return None
    return handle.span("handle")


def detect_keywords(norm: Normalised, found: Collector, facts: Facts) -> None:
    text = norm.text
    asks: list[tuple[int, int]] | None = None  # the _WRITE_ME spans, read at the first app
    groups: list[tuple[int, int]] = []  # the writer's own groups (_own_groups), read with them
    reaches: list[int] = []  # where the _REACH_YOU phrases start, read with them
    verbs: list[tuple[int, int]] = []  # the _AS_A_VERB spans, read with them
    for family in (_SOCIAL_NAMES, _SIGNAL_APP, _SMS_NUMBER):
        pattern = family.for_text(facts)
        if pattern is not None:
            for match in pattern.finditer(text):
                if family is _SMS_NUMBER and not _texts_a_number(text, match):
                    continue
                # An app's name written with look-alike letters of another script or with
                # invisible characters inside ("Ιnstаgrаmu" with a Greek Ι and Cyrillic а's) is
                # disguised: nobody disguises a name to refuse or mention it.
                # So is an app named by its colour or its icon (``_COLOUR_APP``).
                described = (
                    family is _SOCIAL_NAMES and _COLOUR_APP.fullmatch(match.group()) is not None
                )
                disguised = described or (
                    not norm.original.isascii() and _disguised(norm, *match.span())
                )
                if asks is None:
                    asks = _asks(facts)
                    reaches = [start for start, _ in _REACH_YOU.spans(facts)]
                    groups = _own_groups(text, _OUR_GROUP.spans(facts) + _JOIN_US.spans(facts))
                    for low, high in groups:
                        found.add("marketing", low, high)
                    verbs = _AS_A_VERB.spans(facts)
                # the account's name in brackets after the app is itself a finding ("über
                # Skype (moebel.hofmann.service)", "Skype-on is elérsz (butor.nagy.kft)")
                account = _account_after(text, match.end()) if family is not _SMS_NUMBER else None
                if account is not None:
                    found.add("social", *account)
                found.add(
                    "social",
                    match.start(),
                    match.end(),
                    soft=account is None
                    and not disguised
                    and not _asked_there(text, asks, match.start())
                    and not _reached_there(text, reaches, match.end())
                    and not _used_as_a_verb(text, verbs, match.start())
                    and not any(low <= match.start() < high for low, high in groups),
                )
    gaming = _GAMING_NETWORKS.for_text(facts)
    if gaming is not None:
        for match in gaming.finditer(text):
            if asks is None:
                asks = _asks(facts)
            if _asked_there(text, asks, match.start()):
                found.add("social", match.start(), match.end())
    # a text message asked for ("Pošlete mi prosím SMSku, až …", the number given in another
    # sentence or not at all), not the courier's ("kuriér vás kontaktuje SMS-kou"; a product
    # code's word in the sentence is no courier: "granule … na hlídacího psa"): firm
    if "sms" in text or "esemes" in text:
        for match in _SMS_WORD_ALONE.finditer(text):
            if not _SMS_ABBREVIATION.match(match.group()):
                continue
            if asks is None:
                asks = _asks(facts)
            low = _sentence_start(text, match.start())
            if _asked_there(text, asks, match.start()) and not _DELIVERY_PEOPLE.search(
                text, low, _sentence_end(text, match.end())
            ):
                found.add("social", match.start(), match.end())
    remote = _REMOTE_SESSION.for_text(facts)
    if remote is not None:
        for match in remote.finditer(text):
            found.add("social", match.start(), match.end())
    _text_to_a_number(text, found)
    strong = _PAYMENT_STRONG.for_text(facts)
    if strong is not None:
        for match in strong.finditer(text):
            # refused right before, as a weak word is ("Non pago con bonifico fuori dal
            # sito", "prefiero no hacer Bizum fuera de la web"); a question's "not" asks
            low, high = _sentence_start(text, match.start()), _sentence_end(text, match.end())
            said = text[low:high]
            if not said.rstrip().endswith("?") and _refused_right_before(
                said, match.start() - low, not_us=True
            ):
                continue
            found.add("payment", match.start(), match.end(), soft=True)
    # The remaining rules look at one sentence at a time.
    weak = _PAYMENT_WEAK.for_text(facts)
    marketing = _MARKETING.for_text(facts)
    discount = _DISCOUNT.for_text(facts)
    if weak is None and marketing is None and discount is None:
        return
    previous = ""  # the sentence before
    for sentence in SENTENCE.finditer(text):
        body = sentence.group()
        offset = sentence.start()
        if weak is not None:
            # a payment word refused right before it is none ("non faccio nessun bonifico",
            # "kein PayPal, nur hier"); in a question, a negation is politeness ("Kann ich das
            # Pfand nicht bar zurückbekommen?")
            asked = body.rstrip().endswith("?")
            matches = [
                match
                for match in weak.finditer(body)
                if asked or not _refused_right_before(body, match.start())
            ]
            if matches and not _on_the_platform(body, text):
                # paid aside so that no second order is needed: outside, whatever else the
                # message says of the order ("gotówką po rozładunku, nie będziemy już robić
                # osobnego zamówienia")
                aside = _NO_NEW_ORDER.search(body) is not None
                for match in matches:
                    found.add(
                        "payment", offset + match.start(), offset + match.end(), soft=not aside
                    )
        # a sale with the platform's own code is the platform's ("Platforma teď pořádá jarní
        # výprodej, kód MKT-CZ55 platí do neděle"), and so is what the sentence after the code
        # says of it ("… MKT-ES24. Lo aplica al pagar su próximo pedido."): no seller's promotion
        if (
            marketing is not None
            and _PLATFORM_CODE.search(body) is None
            and _PLATFORM_CODE.search(previous) is None
        ):
            promoted = list(marketing.finditer(body))
            for match in promoted:
                if not _next_order_here(match.group(), body):
                    found.add("marketing", offset + match.start(), offset + match.end(), soft=True)
            # the family holds both better-price patterns: a sentence it found nothing in holds
            # neither, and most sentences are spared a second reading
            if promoted:
                for match in _CHEAPER_OUTSIDE.finditer(body):
                    # (the platform's own offer: "v našich ďalších ponukách na
                    # marketplace.example … o 25 € lacnejšie")
                    if platform_domain() not in match.group():
                        found.add("marketing", offset + match.start(), offset + match.end())
        if discount is not None:
            for match in discount.finditer(body):
                if _a_discount_code(norm, match, offset, sentence.end()):
                    found.add("marketing", offset + match.start(), offset + match.end(), soft=True)
        previous = body
    _paid_back_for_a_review(text, found)


def _a_discount_code(norm: Normalised, match: re.Match[str], offset: int, end: int) -> bool:
    """Whether a code word's ``match`` in a sentence (from ``offset`` in the text, ending at
    ``end``) names the seller's own discount code: a code with a digit, or one written in
    capitals ("FIDELE"; not "kódot adott", "code from the platform"), with a discount said in
    its sentence or the next ("Dali sme vám kartičku s kódom KOSICE10? Kto s ním nakúpi …, má
    10 %"), where the platform's own code is not named."""
    code = match.group("code")
    if code.isdigit():
        return False
    if not any(char.isdigit() for char in code):
        low, high = norm.span(offset + match.start("code"), offset + match.end("code"))
        if not norm.original[low:high].isupper():
            return False
    text = norm.text
    stop = _sentence_end(text, end)
    return (
        _DISCOUNT_CUE.search(text, offset, stop) is not None
        and _PLATFORM_CODE.search(text, offset, stop) is None
    )


def detect_payment_on_a_channel(norm: Normalised, found: Collector) -> None:
    """A payment word in a sentence that moves the talk to another channel and talks money
    ("cercami su Instagram, e lì ti do gli estremi per il bonifico", "Pay me cash outside the
    platform, WhatsApp +48 …"): the money goes where the talk goes, firm. Run after every
    social detector."""
    channels = [
        start
        for kind, start, end in found.items
        if kind == "social" and not found.is_soft((kind, start, end))
    ]
    payments = [item for item in found.items if item[0] == "payment" and found.is_soft(item)]
    if not channels or not payments:
        return
    for sentence in SENTENCE.finditer(norm.text):
        low, high = sentence.span()
        if not any(low <= start < high for start in channels):
            continue
        concepts = concepts_of(sentence.group())
        # a sentence that talks money and refuses nothing ("« Les Amis du Lin »", a group's
        # name, is no "friends and family" payment)
        if "money" in concepts and "negation" not in concepts:
            for item in payments:
                if low <= item[1] < high:
                    found.make_firm(item)


#: A payment app that pays to a phone number ("BLIK", "Bizum"), and what may come between it and
#: the number: up to three words ("al", "na numer", "a mi número", "6 € al").
#: (BLIK's own forms only: the Czech and Slovak "bliká" flashes.)
_PAID_TO_A_NUMBER = re.compile(r"\b(?:blik(?:a|u|iem|owi)?\b|bizum\w*)")
_BEFORE_THE_NUMBER = re.compile(r"\s+(?:[\w.€]+\s+){0,3}")


def detect_payment_to_a_number(norm: Normalised, found: Collector) -> None:
    """BLIK or Bizum with a phone number after it ("me mande la diferencia por Bizum al 612 448
    093", "BLIK na numer 600 100 200"): money sent to a number is paid outside, even in a
    sentence that names the platform ("La plataforma no nos deja modificar el precio, así
    que … por Bizum al 612 …"), firm. Run after the phone detectors."""
    phones = sorted(start for kind, start, _ in found.items if kind == "phone")
    if not phones:
        return
    text = norm.text
    for match in _PAID_TO_A_NUMBER.finditer(text):
        after = next((start for start in phones if start > match.end()), None)
        if after is not None and _BEFORE_THE_NUMBER.fullmatch(text, match.end(), after):
            found.add("payment", match.start(), match.end())


#: "to the account" alone says no more than "we give back 10 zł" (the writers label "za opinię
#: oddamy 10 zł na konto" marketing only); a transfer or a service named says how.
_ACCOUNT_ALONE = re.compile(r"(?:na|to|on|into)\s+(?:\w+\s+)?(?:konto|účet|ucet|account)")


#: A review or rating asked to be changed or taken down ("si vous pouviez retirer ou modifier
#: l'avis", "hodnocení upravíte nebo smažete"), or asked not to be left bad (``plea``: "ne
#: mettez pas d'avis négatif").
_REVIEW_CHANGED = re.compile(
    rf"\b(?:{S('marketing.review_changed')}|(?P<plea>{S('marketing.no_bad_review')}))"
)


def detect_review_changed_for_money(norm: Normalised, found: Collector) -> None:
    """A review asked to be changed in a message that pays money outside the platform is a
    review bribe ("I can send you £20 back via PayPal today, and if you'd take the review
    down…"), firm; one asked not to be left bad ("Bitte keine 1-Sterne-Bewertung, ich schick
    Ihnen 15 Euro per PayPal") is a bribe the models weigh. A payment said in a sentence that
    refuses something leaves it to the intent model: the buyer who turns the money down ("no
    quiero que me devuelvas nada por Bizum") and will change the review once the platform's
    return is done.
    Without a payment outside, nothing: a buyer writes "once the 20 € are back I'll update my
    review", and a seller may ask for an update once a return is settled. Run after every
    detector of payment (the keyword rules are the last)."""
    text = norm.text
    payments = [start for kind, start, _ in found.items if kind == "payment"]
    if not payments:
        return
    matches = list(_REVIEW_CHANGED.finditer(text))
    if matches:
        # (the ask's own "not" refuses nothing: "don't leave a bad review, I'll send you a
        # tenner on Revolut")
        asks = [match.span() for match in matches]
        refused = any(
            "negation" in concepts_of(_without(text, *sentence.span(), asks))
            for sentence in SENTENCE.finditer(text)
            if any(sentence.start() <= start < sentence.end() for start in payments)
        )
        for match in matches:
            # "don't leave a bad review" beside money is weighed by the models: a refund
            # outside with a plea for no bad review is labelled payment only by some writers
            # ("pošlu vám 1 890 Kč na účet … prosím nepište negativní hodnocení")
            pleads = match.group("plea") is not None
            found.add("marketing", match.start(), match.end(), soft=refused or pleads)


def _paid_back_for_a_review(text: str, found: Collector) -> None:
    """A reward for a good review paid through a channel outside the platform ("we'll refund
    £5 to you via Revolut", "vrátíme 200 Kč převodem na účet", "iti returnam 20 de lei pe
    Revolut"): the payment word in the review's sentence is firm, whatever the model reads of
    a message that is mostly thanks."""
    reviews = [start for kind, start, _ in found.items if kind == "marketing"]
    payments = [item for item in found.items if item[0] == "payment" and found.is_soft(item)]
    if not reviews or not payments:
        return
    for sentence in SENTENCE.finditer(text):
        low, high = sentence.span()
        said = [
            item
            for item in payments
            if low <= item[1] < high and not _ACCOUNT_ALONE.fullmatch(text[item[1] : item[2]])
        ]
        if (
            said
            and any(low <= start < high for start in reviews)
            and "review" in concepts_of(sentence.group())
        ):
            for item in said:
                found.make_firm(item)


#: Asked to be written to, called or added ("napisz na", "írjon", "drop me a message on"): an
#: app named within ``_ASKED_BEFORE`` characters after it, in the same sentence, is firm.
_WRITE_ME = Family(rf"\b(?:{entry})" for entry in LEXICON.union("social.write_me"))
_ASKED_BEFORE = 25
#: "Follow us" (``marketing.follow_us``): an app named right after it is where the writer
#: asks to be followed, as firm as an app asked to be written to ("sledujte nás na Facebooku a
#: Instagramu"). The writers label 1,431 of the 1,434 development messages that name an app up
#: to 40 characters after it a channel move; the three others quote the phrase.
_FOLLOW_US = Family(rf"\b(?:{entry})\b" for entry in LEXICON.union("marketing.follow_us"))
#: Gaming networks (common ``social_gaming_networks``): a channel only where the writer asks to
#: be added or written to there (``_asked_there``), a product everywhere else.
_GAMING_NETWORKS = Family(rf"\b(?:{entry})(?!\w)" for entry in COMMON["social_gaming_networks"])


#: The writer's own group or channel on an app ("join our Telegram group", "in unserer
#: Telegram-Gruppe", "van egy Facebook-csoportunk"): the app named in it is firm. A YouTube
#: channel is no channel to talk on (the writers label it marketing only).
_APP_NAME = rf"(?!you\s?tube)(?:{'|'.join(SOCIAL_STEMS)})[\w-]*?"
_OUR_GROUP = Family(
    rf"\b(?:{entry.replace('<app>', _APP_NAME)})" for entry in LEXICON.union("social.our_group")
)


#: A channel of the writer's on an app offered to join ("Join our Discord for member-only
#: drops", "Rejoignez-nous sur Telegram", "Dołącz do naszej grupy na Facebooku"): the app is
#: firm, and so is the promotion.
_JOIN_US = Family(
    rf"\b(?:{entry.replace('<app>', _APP_NAME)})" for entry in LEXICON.union("social.join_us")
)


def _own_groups(text: str, groups: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The writer's own groups or channels (``groups``: the ``_OUR_GROUP`` and ``_JOIN_US``
    spans) whose sentence says no "not" ("in unsere WhatsApp-Gruppe schreibe ich nicht"): each
    is marketing, and the app named in it is firm. The writers label a group or a channel to
    join marketing (403 of the 417 development messages that name the writer's own group; the
    few others are a group for help with the order, "para dudas de montaje")."""
    return [
        (low, high)
        for low, high in groups
        if _NOT.search(text, _sentence_start(text, low), _sentence_end(text, high)) is None
    ]


def _sentence_end(text: str, at: int) -> int:
    """Where the sentence holding ``at`` ends: after the first ``_SENTENCE_END`` from it."""
    stop = _SENTENCE_END.search(text, at)
    return stop.end() if stop else len(text)


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts: after the last ``_SENTENCE_END`` before it."""
    stops = list(_SENTENCE_END.finditer(text, 0, at))
    return stops[-1].end() if stops else 0


#: "Not" in every language (common ``negations``): the concepts would read Spanish "nel" (no)
#: in Italian "nel nostro canale".
_NOT = re.compile(rf"\b(?:{literal_alternation(COMMON['negations'])})\b")
#: The same without "ne", which is also the Romanian "us" (``_refused_right_before``).
_NOT_BUT_NE = re.compile(
    rf"\b(?:{literal_alternation([word for word in COMMON['negations'] if word != 'ne'])})\b"
)


def _asks(facts: Facts) -> list[tuple[int, int]]:
    """Where the writer asks to be written to, called, added or followed: the ``_WRITE_ME``
    and ``_FOLLOW_US`` spans, read by ``_asked_there``."""
    return _WRITE_ME.spans(facts) + _FOLLOW_US.spans(facts)


def _asked_there(text: str, asks: list[tuple[int, int]], start: int) -> bool:
    """Whether the app named at ``start`` is where the writer asks to be written to or called
    ("napisz na Messengerze", "írjon Viberen", "escríbeme por Telegram", "drop me a message on
    Signal"; ``asks``: the ``_asks`` spans; or named inside the ask, "envoyez-moi un SMS")
    and its sentence refuses nothing before it ("don't write me on WhatsApp"): nobody asks to
    be written to on an app to mention it.
    The ask's own words are not read for a refusal: the Romanian "ne" of "Contactați-ne pe
    WhatsApp" is "us", not the Czech or French "ne"."""
    for low, high in asks:
        # the other side's words quoted in a reply ask nothing of the reader ("> Haben Sie
        # WhatsApp?" above "Nein, bleiben wir hier")
        if (
            low < start <= high + _ASKED_BEFORE
            and not _SENTENCE_END.search(text, high, start)
            and not _quoted(text, low)
        ):
            around = f"{text[_sentence_start(text, low) : low]} {text[high:start]}"
            return "negation" not in concepts_of(around)
    return False


#: Where the writer can reach the reader, after an app ("Is there a WhatsApp or something I
#: can reach you on?", "Haben Sie Signal, wo ich Sie erreichen kann?"): the app named up to
#: ``_REACHED_AFTER`` characters before it, in the same sentence, is firm.
_REACH_YOU = Family(rf"\b(?:{entry})" for entry in LEXICON.union("social.reach_you"))
_REACHED_AFTER = 40


def _reached_there(text: str, reaches: list[int], end: int) -> bool:
    """Whether the app named up to ``end`` is where the writer wants to reach the reader
    (``reaches``: where the ``_REACH_YOU`` phrases start) and its sentence refuses nothing
    ("I don't have WhatsApp, how else can I reach you?")."""
    for start in reaches:
        if end <= start <= end + _REACHED_AFTER and not _SENTENCE_END.search(text, end, start):
            return "negation" not in concepts_of(text[_sentence_start(text, start) : start])
    return False


#: An app's name used as a verb ("WhatsApp me when it arrives", "can you Snap me the photos"):
#: the app is firm. A video call is not an app ("she wants to video call us from the kitchen":
#: what a device does, read by ``detect_channel_phrases``).
_AS_A_VERB = Family(
    rf"\b(?:{entry.replace('<app>', '(?!video)' + _APP_NAME)})"
    for entry in LEXICON.union("social.app_as_verb")
)


#: What ends a clause inside a sentence: a comma, a semicolon, a colon or a dash between blanks.
_CLAUSE_BREAK = re.compile(r"[,;:]|\s[–—-]\s")


def _used_as_a_verb(text: str, verbs: list[tuple[int, int]], start: int) -> bool:
    """Whether the app named at ``start`` is used as a verb (``verbs``: the ``_AS_A_VERB``
    spans) and its clause refuses nothing before it ("please don't WhatsApp me"; not "casi no
    abro la web, así que wasapéame"): nobody uses an app as a verb to mention it."""
    for low, high in verbs:
        if low <= start < high:
            clause = _CLAUSE_BREAK.split(text[_sentence_start(text, low) : start])[-1]
            return "negation" not in concepts_of(clause)
    return False


#: Whether something is allowed, asked ("Is that even allowed?", "È consentito?", "Je to tu
#: vôbec dovolené?").
_ALLOWED = re.compile(rf"\b{S('payment.allowed')}\b")


def asks_whether_allowed(text: str) -> bool:
    """Whether a question of the normalised ``text`` asks whether something is allowed: a
    message that asks it reports a payment outside or asks about one ("The seller wants me to
    cancel and pay him directly. Is that allowed? I reported it."), it proposes none.  (Every
    message is asked this: one without a "?" is answered without reading its sentences.)"""
    return "?" in text and any(
        sentence.group().rstrip().endswith("?") and _ALLOWED.search(sentence.group())
        for sentence in SENTENCE.finditer(text)
    )


#: The platform as the one who refunds ("… and the platform refunds you directly", "la
#: plataforma te devuelve el dinero directamente"); not its refund as a noun ("rather than
#: waiting for the platform refund, I'll refund you directly").
_PLATFORM_REFUNDS = re.compile(rf"\b{S('payment.platform_refunds')}")
#: The writer refunding, paying or transferring ("I'll refund you", "já vám peníze vrátím",
#: "bez czekania aż platforma przeleje": "mogę zapłacić blikiem"), an account number or an
#: IBAN named, or "outside" said ("o pásame tu IBAN y lo arreglamos fuera").
_OWN_PAYMENT = re.compile(S("payment.own_payment"))


def tells_of_the_platforms_refund(text: str) -> bool:
    """Whether the normalised ``text`` says that the platform refunds the buyer and the writer
    pays nothing (``payment.own_payment``): the message tells of the platform's own refund, so
    a payment read in it that is not firm (no account given, no payment app) is the
    platform's, not one outside.  A writer who refunds too sets it against the platform's
    ("platforma to vracia strašne dlho", "I'll refund you directly") and is read as before."""
    return _PLATFORM_REFUNDS.search(text) is not None and _OWN_PAYMENT.search(text) is None


#: How many words before a word the ``_refused_right_before`` reads.
_REFUSED_WORDS = 4


def _refused_right_before(sentence: str, start: int, *, not_us: bool = False) -> bool:
    """Whether "not", "no" or "never" (common ``negations``; not the ``negation`` concept,
    which holds "rather": "radši přes Revolut") is among the ``_REFUSED_WORDS`` words before
    ``start`` in ``sentence``, no comma or other sign between ("nicht über den Marktplatz",
    "nem várok tovább a platformra", "nessun bonifico"; not "No worries, the platform …").
    With ``not_us``, "ne" is not read: the Romanian "us" ("dacă ne trimiteți IBAN-ul", "dacă
    ne înțelegem în afara platformei") would otherwise refuse what it asks for."""
    words = re.split(r"\s+", sentence[:start].rstrip())[-_REFUSED_WORDS:]
    kept: list[str] = []
    for word in reversed(words):
        if not word or not all(char.isalnum() or char in "'’-" for char in word):
            break
        # a pronoun joined by a hyphen is no negation (the Romanian "trimiteți-ne": "us")
        if "-" not in word:
            kept.insert(0, word)
    said = _ARTICLE_NE.sub("", " ".join(kept))
    return (_NOT_BUT_NE if not_us else _NOT).search(said) is not None


#: "ne" as the spoken German article ("Für ne 5-Sterne-Bewertung überweis ich dir 5 Euro
#: zurück"), after a preposition (common ``articles_ne_after``): no negation.
_ARTICLE_NE = re.compile(rf"\b(?:{literal_alternation(COMMON['articles_ne_after'])})\s+ne\b")


def _on_the_platform(sentence: str, text: str) -> bool:
    """Whether a sentence's weak payment words are paid on the platform: the sentence names the
    platform or its checkout, not its fee, and has no off-platform cue, or it pays the courier
    or the message chose cash on delivery, and no off-platform cue is anywhere in the
    message.  The platform named right after a negation is left ("Nem várok tovább a
    platformra, küldjék vissza … Revolutra", "nicht über den Marktplatz, per Überweisung")."""
    if _OFF_PLATFORM.search(sentence):
        return False
    named = list(_PLATFORM_WORDS.finditer(sentence))
    if named and all(_refused_right_before(sentence, match.start()) for match in named):
        return False
    if named:
        # the platform named as whose fee is saved pays nothing through it ("te paso el IBAN,
        # así no pagamos la comisión de la plataforma")
        return not _platform_fee(sentence)
    # (or the message chose the platform's cash on delivery in another sentence: "Vybral som
    # si dobierku … alebo mám mať pripravenú hotovosť?")
    return (
        _COURIER.search(sentence) is not None or _CASH_ON_DELIVERY.search(text) is not None
    ) and _OFF_PLATFORM.search(text) is None


#: How many words apart a fee and the platform are read as the platform's fee.
_FEE_REACH = 3


def _platform_fee(sentence: str) -> bool:
    """Whether a sentence names the platform's fee ("la comisión de la plataforma", "taxele
    platformei", "the platform's fee"): a word of the ``fees`` concept within ``_FEE_REACH``
    words of one of the ``platform`` concept."""
    matches = concept_matches(folded_words(sentence))
    fees = [start for start, _, concept in matches if concept == "fees"]
    if not fees:
        return False
    return any(
        abs(start - fee) <= _FEE_REACH
        for start, _, concept in matches
        if concept == "platform"
        for fee in fees
    )


def _disguised(norm: Normalised, start: int, end: int) -> bool:
    """Whether ``norm.text[start:end]`` was written with letters folded from another script
    (look-alikes, ``normalise.fold``) or with invisible characters inside (zero-width spaces,
    soft hyphens). A name written wholly in Cyrillic ("Вайбер", "Телеграм") is how a Ukrainian
    or Russian speaker spells it, not a disguise: it may be refused ("Нема у мене Вайбера")."""
    low, high = norm.span(start, end)
    written = norm.original[low:high]
    if all(_CYRILLIC_START <= ord(char) <= _CYRILLIC_END for char in written if char.isalpha()):
        return any(ZERO_WIDTH.match(char) for char in written)
    return any(
        (ord(char) > _LATIN_END and char.isalpha()) or ZERO_WIDTH.match(char) for char in written
    )


#: The last code point of the Latin letters the markets write (ł, č, ő, ș: Latin Extended-B).
_LATIN_END = 0x24F
#: The Cyrillic block.
_CYRILLIC_START, _CYRILLIC_END = 0x400, 0x4FF


_CHEAPER_OUTSIDE = re.compile(f"{_NEXT_TIME_CHEAPER}|{_WRITE_DIRECTLY_CHEAPER}")
#: "Next order", and "here" or the platform named: "see you at your next purchase here".
_NEXT_ORDER = re.compile(_NEXT_ORDER_PATTERN)
_BETTER_PRICE = re.compile(rf"\b{S('marketing.better_price')}")
_HERE = re.compile(rf"\b(?:{S('marketing.here')}|{S('payment.platform_names')})\b")


def _next_order_here(phrase: str, sentence: str) -> bool:
    """Whether a marketing phrase is only a next order on the platform ("Do zobaczenia przy
    kolejnych zakupach tutaj", "¡Nos vemos en la próxima compra por aquí!"): the sentence
    says "here" or names the platform, and has no reduction, no promotional word, no better
    price, no reward, no review, no shop of the sender's own, and no offer but the platform's
    own code."""
    if (
        _NEXT_ORDER.fullmatch(phrase) is None
        or _HERE.search(sentence) is None
        or _DISCOUNT_CUE.search(sentence)
        or _OWN_CHANNEL_CUE.search(sentence)
        or _BETTER_PRICE.search(sentence)
    ):
        return False
    concepts = concepts_of(sentence)
    return concepts.isdisjoint(_NOT_ONLY_AN_ORDER) and (
        "promo" not in concepts or _PLATFORM_CODE.search(sentence) is not None
    )


#: What makes a next order here marketing all the same: a shop of one's own, a reward, a
#: review ("a gift in your next order for five stars"); an offer or a code too, unless the code
#: is the platform's own (common ``platform_codes``: "the platform gave you MKT-8YT3 for your
#: next order here").
_NOT_ONLY_AN_ORDER = frozenset({"own", "reward", "review"})
_PLATFORM_CODE = re.compile(rf"\b(?:{'|'.join(COMMON['platform_codes'])})")


_NUMBER_RE = re.compile(_NUMBER)


def _texts_a_number(text: str, match: re.Match[str]) -> bool:
    """Whether a text message word's number (in the match or up to 60 characters after it)
    may be a phone number: not when every such number is a parcel's, an order's or another
    identifier's, or a date or a price (``masks_a_digit``): a carrier's text message quoted
    ("the SMS from GLS: parcel 51234567890 comes tomorrow") moves no talk."""
    numbers = list(_NUMBER_RE.finditer(text, match.start(), min(len(text), match.end() + 62)))
    return not numbers or any(
        not masks_a_digit(text, number.start(), number.end()) for number in numbers
    )


#: A payment app that pays to a phone number ("BLIK na numer …").
_PHONE_PAYMENT_APP = re.compile(rf"\b(?:{'|'.join(COMMON['phone_payment_apps'])})")


#: How far after a text message word its phone number dictated in words may come.
_SMS_REACH = 100


def _text_to_a_number(text: str, found: Collector) -> None:
    """A text message word with a phone number the phone detectors found in the same
    sentence, up to 60 characters after it (``_SMS_REACH`` for a number dictated in words) or
    40 before: the talk moves to SMS. An app's name so placed is firm: the number is given
    for that app ("whatsapp moi au 06…", "Scrie-mi pe Telegram, +40…"), which no refusal or
    mention explains. A payment app that pays to a phone number, so placed: the money moves
    outside."""
    phones = [(start, end) for kind, start, end in found.items if kind == "phone"]
    # "puść mi smsa albo maila na asia…@o2.pl": a text message word by an address as well
    # (an abbreviation only: "el texto … mándamelo a velas.candela arroba gmail" is none)
    emails = [
        (start, end)
        for kind, start, end in found.items
        if kind == "email" and not found.is_soft((kind, start, end))
    ]
    # a text asked for, then why, then the number dictated in words ("Pošlite mi esemesku s
    # presným časom, musím zariadiť, aby …: nula deväťsto päť …"): it may come further on
    said = [(start, end) for start, end in phones if text[start].isalpha()]
    for match in _SMS_WORD_ALONE.finditer(text):
        if (
            _near_a_number(text, phones, match.start(), match.end())
            or _near_a_number(text, said, match.start(), match.end(), _SMS_REACH)
        ) or (
            _SMS_ABBREVIATION.match(match.group())
            and _near_a_number(text, emails, match.start(), match.end())
        ):
            found.add("social", match.start(), match.end())
    if not phones:
        return
    for item in [item for item in found.items if item[0] == "social" and found.is_soft(item)]:
        if _near_a_number(text, phones, item[1], item[2]):
            found.make_firm(item)
    for match in _PHONE_PAYMENT_APP.finditer(text):
        if _near_a_number(text, phones, match.start(), match.end()):
            found.add("payment", match.start(), match.end(), soft=True)


#: A question's end and the spaces after it, right before a number.
_QUESTION_ENDS = re.compile(r"[?!]+\s*$")


def _near_a_number(
    text: str, phones: list[tuple[int, int]], low: int, high: int, after: int = 60
) -> bool:
    """Whether a phone number (or another contact detail of ``phones``) follows
    ``text[low:high]`` within ``after`` characters or precedes it within 40, with no
    sentence's end between; the question that asks for it may end right before it ("Können
    Sie mir eine SMS schicken? 0151 …", "whatsapp? 0151 …")."""
    for start, end in phones:
        if start >= high:
            between = _QUESTION_ENDS.sub("", text[high:start])
            near = start - high <= after
        elif end <= low:
            between = text[end:low]
            near = low - end <= 40
        else:
            continue
        if near and not _SENTENCE_END.search(between):
            return True
    return False


#: "Link in bio", "lien en bio", "a bióban lévő link": a social profile's link named.
_LINK_IN_BIO = Family(LEXICON.union("social.link_in_bio"))
#: A QR code, and a search engine ("type our name into Google").
_QR_WORD = re.compile(rf"\b(?:{'|'.join(COMMON['qr_words'])})\b")
_SEARCH_ENGINE = re.compile(rf"\b(?:{'|'.join(COMMON['search_engines'])})\b")
#: What each search engine's name starts with: only a message with one of them is read.
_ENGINE_HEADS = tuple(re.split(r"\W", name)[0] for name in COMMON["search_engines"])
#: A search engine named in words, or an address said to be the shop's name ("Zadejte do
#: vyhledávače Dřevo Kovář Zlín", "adresa je rovnaká ako názov obchodu, len s bodka sk"): a
#: search engine's like.
_FOUND_BY_NAME = Family(rf"\b(?:{entry})" for entry in LEXICON.union("address.found_by_name"))
#: A name in quotes: what to type into the search engine ("« Atelier Radu Brașov »").
_QUOTED_NAME = re.compile(r"[«„“\"]\s*[^\W\d_][^«»„“”\"]{2,60}[»“”\"]")


#: A channel moved to without its name: the one used before ("where we chatted last time",
#: "tam, kde jsme si psali minule"), the same name as here ("Ajoutez-moi, même pseudo qu'ici"),
#: somewhere else ("On peut continuer ailleurs ?", "Lass uns das woanders besprechen"), the
#: writer's own group of customers that names no app ("we've a little group where regulars
#: get first dibs", "Máme skupinu pro stálé zákazníky"): the talk goes on there.
_ELSEWHERE = Family(
    rf"\b(?:{entry})"
    for entry in (
        *LEXICON.union("social.elsewhere"),
        *LEXICON.union("social.same_name"),
        *LEXICON.union("social.customer_group"),
    )
)
#: A call asked for ("give us a bell", "rufen Sie mich an"): a move off the platform when the
#: sentence says instead of writing here ("… instead, it's quicker", "direkt").
_CALL_ME = Family(rf"\b(?:{entry})" for entry in LEXICON.union("social.call_me"))
#: The other side's number asked for, none given ("Send me your number", "Dejte mi vaše
#: číslo"): a call or an app to come, soft (the number may be wanted for a BLIK transfer or the
#: courier, which the models weigh) unless a call is announced with it.
_NUMBER_ASKED = Family(rf"\b(?:{entry})" for entry in LEXICON.union("social.number_asked"))
#: The other side's e-mail address asked for, none given ("Leave me your e-mail and I'll send
#: the quote", "Az árajánlatot e-mailben küldöm, írja meg ide a címét"): the talk moves to
#: private e-mail, which the platform's rules forbid as they forbid an address given.
_ADDRESS_ASKED = Family(rf"\b(?:{entry})" for entry in LEXICON.union("address.asked"))
#: A payment whose account is an e-mail address (PayPal): an address asked for beside it is
#: that account ("sending the 30 € to your PayPal now, what's your email?", a review's reward
#: "on PayPal, just give me your email"), not a move to e-mail; but not beside PayPal's
#: friends and family (``_PERSONAL``: "Posso pagarti con PayPal amici e familiari? Dammi la tua
#: mail"), a person-to-person payment whose address the writers label an e-mail as well.
#: A disguised "P4yp@l" is found after the channel phrases (``detect_disguised_channels``),
#: so an address asked for beside it stays an e-mail finding.
_ADDRESS_ACCOUNT = re.compile("paypal", re.IGNORECASE)
_PERSONAL = re.compile("|".join(PAYPAL_PERSONAL), re.IGNORECASE)
#: A video call proposed ("on peut se faire une visio ?", "zróbmy rozmowę wideo") or a voice
#: message asked for or offered ("Schicken Sie mir eine Sprachnachricht", "poslali hlasovú
#: správu?"): the platform has neither, so the talk moves; but a phone that crashes in video
#: calls moves nothing (soft, unless asked for in a question).
_VIDEO_CALL = Family(rf"\b(?:{entry})" for entry in LEXICON.union("social.video_call"))
#: A voice message goes through an app, even sent to a number ("Wyślij mi głosówkę na 512 884
#: 301"); a video call with the number given is the number, as a call is.
_VOICE_MESSAGE = Family(rf"\b(?:{entry})" for entry in LEXICON.union("social.voice_message"))
#: The findings that are the contact detail itself.
_DETAILS = ("email", "phone")
_COURIERS = "|".join(COMMON["delivery_people"])
#: A call asked for counts not when it is the courier's, nor when the number is given (a
#: phone finding).
_DELIVERY = re.compile(rf"\b(?:{_COURIERS}|{'|'.join(COMMON['identifier_keywords'])})\b")
#: The courier alone (``delivery_people``), whose text messages move no talk.
_DELIVERY_PEOPLE = re.compile(rf"\b(?:{_COURIERS})\b")

#: Why a call beats writing here ("typing all this out is a pain", "hier schreiben wir uns
#: noch tagelang hin und her", "než tady psát romány").
_CALL_REASON = re.compile(rf"\b(?:{'|'.join(LEXICON.union('social.call_reasons'))})")


#: "But" after a comma ("Telefonszámot itt nem írhatok ki, de hívjon fel …").
_CONTRAST = re.compile(rf",\s*(?:{literal_alternation(LEXICON.union('social.contrasts'))})\b")


#: Words the concepts read as "not" that say no such thing here: Italian "ne" ("Ne parliamo
#: dove ci siamo scritti"), not the Czech "no"; Romanian "mai" before a comparison ("Mai bine
#: vorbim la telefon": "better"), not the Italian "never".
_NOT_A_NEGATION = re.compile(r"\bne\b|\bmai(?=\s+(?:bine|simplu|u[sș]or|repede|rapid)\b)")


def _refused(text: str) -> bool:
    """Whether ``text`` (a sentence up to a channel move, or a whole one) says no
    ("Preferisco non spostare la conversazione altrove", "No me escribáis por otro sitio"): a
    negation the concepts read, but for the words of ``_NOT_A_NEGATION``."""
    return "negation" in concepts_of(_NOT_A_NEGATION.sub(" ", text))


#: A line quoted from an earlier message, as replies by e-mail quote it ("> Haben Sie
#: WhatsApp?").
QUOTED_LINE = re.compile(r"^[ \t]*>[^\n]*", re.M)


def _clause(text: str, low: int, high: int, start: int, end: int) -> str:
    """The clause (``_CLAUSE_BREAK``) of the sentence ``text[low:high]`` that holds
    ``text[start:end]``, up to the sentence's end if a contrast follows it ("chápu, že by bylo
    pohodlnější si zavolat, ale podmínky … nepovolují": the "but" answers the call)."""
    before = list(_CLAUSE_BREAK.finditer(text, low, start))
    after = None if _CONTRAST.search(text, end, high) else _CLAUSE_BREAK.search(text, end, high)
    return text[before[-1].end() if before else low : after.start() if after else high]


def _quoted(text: str, at: int) -> bool:
    """Whether ``at`` is on a quoted line (``QUOTED_LINE``)."""
    return QUOTED_LINE.match(text, text.rfind("\n", 0, at) + 1) is not None


def _refused_just_before(text: str, low: int, start: int) -> bool:
    """Whether the three words before ``start`` (in the sentence from ``low``) say no ("je ne
    fais pas d'appel vidéo", "please don't send me your e-mail")."""
    return _refused(" ".join(text[low:start].split()[-3:]))


def _called_for_a_reason(before: str, asked: str, after: str, call_at: int) -> bool:
    """Whether a call asked for (in the sentence ``asked``) comes with why talking beats
    writing here, in its sentence, the next (``after``) or the one before (``before``: "Hai
    un numero? Ti chiamo un attimo", "Psát je otrava. Zavolej mi."), and nothing in them
    refuses ("chápu, že by bylo pohodlnější si zavolat, ale … nepovolují"): the talk moves,
    firm.  A negation in a question that asks for the call is politeness, not a refusal
    ("Können Sie mich nicht einfach anrufen?", "Nem tudnánk inkább telefonon
    megbeszélni?"): only the next sentence is read for one then.  The sentence before is read
    for one only when it gives the reason.  The reason's own words are not read for one, nor
    what comes before a "but" ahead of the call (at ``call_at`` in ``asked``): "I can't give my
    number here, but call us" refuses the number, not the call."""
    reason_before = _CALL_REASON.search(before) is not None
    if not reason_before and _CALL_REASON.search(asked + after) is None:
        return False
    contrasts = list(_CONTRAST.finditer(asked, 0, call_at))
    kept = asked[contrasts[-1].end() :] if contrasts else asked
    judged = after if asked.rstrip().endswith("?") else kept + after
    if reason_before:
        judged = before + judged
    # the reason's own words refuse nothing (Romanian "la telefon e mai simplu": "mai" is the
    # Italian "never" to the concepts, which read every language at once), nor does Italian
    # "ne" ("Mi faccia uno squillo e ne parliamo a voce")
    return not _refused(_CALL_REASON.sub(" ", judged))


def detect_channel_phrases(norm: Normalised, found: Collector, facts: Facts) -> None:
    """Channel moves that name no channel: the one used before, the same name as here, going on
    elsewhere (each unless refused), a video call proposed or a voice message asked for, the
    other side's number asked for, and a call asked for instead of writing here (not the
    courier's call, not with the number given anywhere in the message: that is a phone
    number).
    Soft: the intent model judges them; but a video call asked for in a question, a call
    asked for with why talking beats writing here (``_called_for_a_reason``), and a number
    asked for with a call announced in its sentence or the next, are firm.
    The other side's e-mail address asked for (none given in the message, not refused) is an
    e-mail finding, firm: the request moves the talk to private e-mail. Run after the phone
    and e-mail detectors."""
    text = norm.text
    elsewhere = _ELSEWHERE.for_text(facts)
    call_me = _CALL_ME.for_text(facts)
    video = _VIDEO_CALL.for_text(facts)
    voice = _VOICE_MESSAGE.for_text(facts)
    number_asked = _NUMBER_ASKED.for_text(facts)
    address_asked = _ADDRESS_ASKED.for_text(facts)
    if (
        elsewhere is None
        and call_me is None
        and video is None
        and voice is None
        and number_asked is None
        and address_asked is None
    ):
        return
    details = [(kind, start, end) for kind, start, end in found.items if kind in _DETAILS]
    payments = [(start, end) for kind, start, end in found.items if kind == "payment"]
    # a call asked for with the number given anywhere in the message is the number ("Mon
    # numéro commence par 06 58. Ensuite c'est 41 27 93. Appelez-moi ce soir")
    number_given = any(kind == "phone" for kind, _, _ in details)
    # "write to me there" after an address given anywhere in the message is the address ("mon
    # adresse: jm.perrin arobase laposte point net. écrivez moi là bas")
    address_given = any(kind == "email" for kind, _, _ in details)
    spans = [sentence.span() for sentence in SENTENCE.finditer(text)]
    calls_or_messages = (
        call_me is not None or video is not None or voice is not None or number_asked is not None
    )
    for index, (low, high) in enumerate(spans):
        if elsewhere is not None and not address_given:
            for match in elsewhere.finditer(text, low, high):
                if not _refused(text[low : match.start()]):
                    found.add("social", match.start(), match.end(), soft=True)
        # a number asked for to pay or refund by a payment named in the sentence or the one
        # before is the payment's account ("Napíšte mi svoje číslo" after "vrátim 10 € na
        # Revolut"), and so is an address asked for beside PayPal ("what's your email?" after
        # "sending the 30 € to your PayPal"), not by friends and family: the payment is the
        # finding. An address asked for to send the invoice or the bank details for a
        # transfer is a move to e-mail as well ("Pásame tu correo y te mando la factura
        # proforma, haces la transferencia")
        window = spans[index - 1][0] if index else low
        paid = [(start, end) for start, end in payments if window <= start < high]
        paid_by_address = (
            address_asked is not None
            and any(_ADDRESS_ACCOUNT.search(text, start, end) for start, end in paid)
            and _PERSONAL.search(text, window, high) is None
        )
        # an address asked for is an address to come, unless one is given anywhere in the
        # message (that is the finding), the three words before refuse it ("please don't
        # send me your e-mail"; not "the photos don't come through here, leave me your
        # e-mail") or it is the other side's request quoted in a reply ("> ¿Me das tu
        # correo …?" above "Mejor súbelas aquí")
        if address_asked is not None and not address_given and not paid_by_address:
            for match in address_asked.finditer(text, low, high):
                if not _refused_just_before(text, low, match.start()) and not _quoted(
                    text, match.start()
                ):
                    found.add("email", match.start(), match.end())
        # the courier's call, voice message or video call moves nothing ("Hlasová správa od
        # kuriéra Packety hovorila o doručení zajtra"): read once for the sentence
        couriers = calls_or_messages and _DELIVERY.search(text, low, high) is not None
        # proposed in a question, it is firm ("hätten Sie Zeit für einen kurzen
        # Videoanruf?", "Nem tudnánk egy rövid videóhívást csinálni …?")
        asked = text[low:high].rstrip().endswith("?")
        # a video call with the number given anywhere in the message is the number (the
        # writers label "appel vidéo ce soir ? Mon numéro : 07…" a phone number only); one
        # refused in the three words before it is none ("No hace falta videollamada", "je ne
        # fais pas d'appel vidéo"; not "Mai bine facem un apel video", "mai" being Italian
        # "never" to the concepts), unless a question asks for it
        if video is not None and not number_given and not couriers:
            for match in video.finditer(text, low, high):
                if asked or not _refused_just_before(text, low, match.start()):
                    found.add("social", match.start(), match.end(), soft=not asked)
        if voice is not None and not couriers:
            # sent to a number given after it, it goes through an app: firm ("Wyślij mi
            # głosówkę na 5I2 884 3O1"); left after the number, it is a voicemail ("numărul meu
            # e 0723 …, dacă nu răspund lăsați mesaj vocal")
            numbers = [
                start for kind, start, _ in details if kind == "phone" and low <= start < high
            ]
            for match in voice.finditer(text, low, high):
                if not any(start < match.start() for start in numbers):
                    found.add("social", match.start(), match.end(), soft=not asked and not numbers)
        # the number asked for: not the courier's, not with one given, not refused; firm when
        # the asker says in the same sentence or the next that they will call ("Können Sie mir
        # Ihre Nummer geben? Dann ruf ich kurz an", "¿Me puede dar un teléfono de contacto?
        # Prefiero llamarle")
        if number_asked is not None and not number_given and not couriers and not paid:
            following = spans[index + 1][1] if index + 1 < len(spans) else high
            calling = call_me is not None and call_me.search(text, low, following) is not None
            for match in number_asked.finditer(text, low, high):
                if not _refused_just_before(text, low, match.start()):
                    found.add("social", match.start(), match.end(), soft=not calling)
        if call_me is None or number_given or couriers:
            continue
        calls = list(call_me.finditer(text, low, high))
        if not calls:
            continue
        # the cue may come in the next sentence: "Can't we talk on the phone? Quicker than
        # writing here."
        end = spans[index + 1][1] if index + 1 < len(spans) else high
        before = text[spans[index - 1][0] : low] if index else ""
        firm = _called_for_a_reason(before, text[low:high], text[high:end], calls[0].start() - low)
        # without a reason, and unless the sentence says "instead" or "directly", a call asked
        # for is soft; refused in its clause, it is none ("No need to ring me", "Lieber nicht
        # telefonieren"; not "Aș vrea să vă sun pentru terariul, nu știu ce lampă să aleg"),
        # but a negation in a question is politeness ("Nebylo by jednodušší si zavolat?")
        if (
            not firm
            and not _OFF_PLATFORM.search(text, low, end)
            and not asked
            and _refused(_clause(text, low, high, calls[0].start(), calls[0].end()))
        ):
            continue
        for match in calls:
            found.add("social", match.start(), match.end(), soft=not firm)


def detect_described_links(norm: Normalised, found: Collector, facts: Facts) -> None:
    """Links named without an address: "link in bio" (a social profile's link: social and
    url); a QR code in a sentence that names an app or the sender's own shop or page ("the QR
    code on the card takes you to our Instagram"; not a bank's QR code to pay); a search
    engine in a sentence that names the sender's own site or a name in quotes ("Busque en
    Google «Cuero Artesano Ubrique» y entre en nuestra web"), and so a search engine named in
    words or an address said to be the shop's name (``address.found_by_name``), unless it is
    about a review there.  Run after the other social detectors."""
    text = norm.text
    pattern = _LINK_IN_BIO.for_text(facts)
    if pattern is not None:
        for match in pattern.finditer(text):
            found.add("social", match.start(), match.end())
            found.add("url", match.start(), match.end())
    searches = _FOUND_BY_NAME.for_text(facts)
    if searches is None and not facts.has_text("qr", *_ENGINE_HEADS):
        return
    socials = [start for kind, start, _ in found.items if kind == "social"]
    for sentence in SENTENCE.finditer(text):
        low, high = sentence.span()
        codes = list(_QR_WORD.finditer(text, low, high))
        engines = list(_SEARCH_ENGINE.finditer(text, low, high))
        if searches is not None:
            engines += searches.finditer(text, low, high)
        if not codes and not engines:
            continue
        concepts = concepts_of(sentence.group())  # read once for the sentence
        named = any(low <= start < high for start in socials) or "own" in concepts
        if named and "money" not in concepts:
            for match in codes:
                found.add("url", match.start(), match.end())
        if (
            _QUOTED_NAME.search(sentence.group()) or "own" in concepts
        ) and "review" not in concepts:
            for match in engines:
                found.add("url", match.start(), match.end())


#: A promotional word in a sentence that names a link, a handle or an app: the seller's own
#: shop, page or channel promoted ("cheaper on my site: …", "suivez le compte insta @…",
#: "join our WhatsApp group"), or the price compared with the platform's ("réservez sur notre
#: site …, c'est 30 € de moins que via la plateforme").
_OWN_CHANNEL_CUE = re.compile(
    rf"\b(?:{S('marketing.own_channel_cues')}|{S('marketing.cheaper_than_here')}\b)"
)


#: "Cheaper than here" alone: beside a word that books a page, the page is promoted firmly.
_CHEAPER_THAN_HERE = re.compile(rf"\b{S('marketing.cheaper_than_here')}\b")


#: What promotes a web page: booking on it ("book online", "prenez rendez-vous sur …",
#: "…/idopont": a repair, a visit or a lesson booked on the seller's own site instead of
#: here), its catalogue or its trade prices ("Händlerkonditionen, Staffelpreise und den
#: aktuellen Katalog finden Sie in unserem Distributor-Portal …"). Read beside a link to a web
#: page only: a messaging link to make an appointment, or to send the catalogue on, is a
#: channel, not a promotion (the writers label "vă trimit catalogul pe Telegram" a channel).
_WEB_PAGE_CUE = re.compile(rf"\b(?:{S('marketing.web_page_cues')})")
#: What makes a promoted link the sender's own: "our shop", or a fee saved there.
_SELLERS_OWN = frozenset({"own", "fees"})


#: A newsletter or a list to sign up to (``marketing.newsletter``).
_NEWSLETTER = re.compile(rf"\b{S('marketing.newsletter')}\b")


def detect_promoted_channels(norm: Normalised, found: Collector, facts: Facts) -> None:
    """Marketing where a sentence with a link, a handle or an app's name also has a
    promotional word (``marketing.own_channel_cues``), or a link to a web page a word that
    promotes a page (``marketing.web_page_cues``): soft, but firm when the sentence links to
    the sender's own shop (the ``own`` concept outside the links).  A newsletter or a list to
    be signed up to by e-mail, the address in the sentence, is firm too ("Die komplette Liste
    verschicke ich nur über meinen Newsletter, eintragen … mit einer kurzen Mail an
    comics-schmidt@t-online.de").  Run after every link and social detector."""
    text = norm.text
    addresses = [start for kind, start, _ in found.items if kind == "email"]
    if addresses:
        for sentence in SENTENCE.finditer(text):
            low, high = sentence.span()
            if not any(low <= start < high for start in addresses):
                continue
            for match in _NEWSLETTER.finditer(text, low, high):
                found.add("marketing", match.start(), match.end())
    channels = [item for item in found.items if item[0] in ("url", "social")]
    if not channels:
        return
    for sentence in SENTENCE.finditer(text):
        low, high = sentence.span()
        named = [(kind, start, end) for kind, start, end in channels if low <= start < high]
        if not named:
            continue
        links = [(start, end) for kind, start, end in named if kind == "url"]
        cues = list(_OWN_CHANNEL_CUE.finditer(text, low, high))
        # a web page: a link that is no messaging link ("wa.me/…")
        pages = [span for span in links if ("social", *span) not in named]
        booked = list(_WEB_PAGE_CUE.finditer(text, low, high)) if pages else []
        cues += booked
        # a link to the sender's own shop with the cue is the shop promoted ("u nás na e-shopu
        # hracky-zlin cz je to o 150 Kč levnější"), read without the links ("www" is a shop's
        # word); so is the seller's own listing elsewhere, cheaper for the fee it saves there
        # ("na bazos.cz ho mám o 2 000 Kč levněji, protože tam neplatím provizi"); a buyer's
        # "cheaper on alza.cz" stays soft
        # … and a lower price on the sender's own page is one too ("Sul nostro sito www.… la
        # stessa borsa costa 15 euro in meno", "Im eigenen Shop kostet das Set nur 59 € statt
        # 74 €: www.…"); a buyer's lower price seen on another site is none ("su subito punto
        # it costa 20 euro in meno, mi fa lo stesso prezzo?")
        prices = list(_BETTER_PRICE.finditer(text, low, high)) if pages else []
        own = bool(links and (cues or prices)) and not _SELLERS_OWN.isdisjoint(
            concepts_of(_without(text, low, high, links))
        )
        firm = bool(cues) and own
        # so is a page to book on that is cheaper than here: the page is the seller's service
        # offered past the platform ("időpontot közvetlenül a www.fotoszerviz-gyor.hu oldalon
        # tud foglalni, ott olcsóbb, mint itt a platformon")
        firm = firm or bool(booked and _CHEAPER_THAN_HERE.search(text, low, high))
        for match in cues:
            found.add("marketing", match.start(), match.end(), soft=not firm)
        if own:
            for match in prices:
                found.add("marketing", match.start(), match.end())


def detect_bookings_on_offer(norm: Normalised, found: Collector) -> None:
    """Marketing where a sentence that gives a phone number also books something
    (``marketing.web_page_cues``: "prenez rendez-vous", "pida cita", "időpont") and offers a
    reduction (``DISCOUNT_CUES``), and pays nothing outside: the sender's service sold past
    the order at a price of its own ("prenez rendez-vous au 04 78 12 36 90 … : -15 % sur la
    première séance"; not "pour réserver le moteur, acompte de 20 % via PayPal …", where the
    percentage is the deposit's). Soft: the models weigh it. Run after the contact and
    payment detectors."""
    phones = [start for kind, start, _ in found.items if kind == "phone"]
    if not phones:
        return
    payments = [start for kind, start, _ in found.items if kind == "payment"]
    text = norm.text
    for sentence in SENTENCE.finditer(text):
        low, high = sentence.span()
        if not any(low <= start < high for start in phones):
            continue
        if any(low <= start < high for start in payments):
            continue
        if _DISCOUNT_CUE.search(text, low, high) is None:
            continue
        for match in _WEB_PAGE_CUE.finditer(text, low, high):
            found.add("marketing", match.start(), match.end(), soft=True)


def _without(text: str, low: int, high: int, spans: list[tuple[int, int]]) -> str:
    """``text[low:high]`` with the ``spans`` inside it blanked."""
    chars = list(text[low:high])
    for start, end in spans:
        start, end = max(start, low) - low, min(end, high) - low
        chars[start:end] = " " * (end - start)
    return "".join(chars)


#: The sender's own salon, studio or practice ("je tiens aussi un petit institut", "in meinem
#: Studio", "prowadzę mały salon", "tengo un centro de estética").
_OWN_PLACE = Family([rf"\b(?:{S('marketing.own_place')})\b"])
#: A sum of money, "50 de lei" too.
_SUM_RE = re.compile(rf"{_SUM}|\b\d+(?:[.,]\d+)?\s+de\s+(?:lei|euro|euros)\b")


def detect_own_place_offers(norm: Normalised, found: Collector, facts: Facts) -> None:
    """Marketing where a message offers a service at the sender's own salon, studio or
    practice for a sum paid outside the order ("Je tiens aussi un petit institut … le soin
    visage à 45 € au lieu de 70, à régler en espèces sur place"): the place named, a sum, and
    a payment finding. Soft: the models weigh it ("my salon's card terminal broke, so I paid
    cash" offers nothing). Run after every payment detector."""
    if not any(kind == "payment" for kind, _, _ in found.items):
        return
    matcher = _OWN_PLACE.for_text(facts)
    if matcher is None or _SUM_RE.search(norm.text) is None:
        return
    for match in matcher.finditer(norm.text):
        found.add("marketing", match.start(), match.end(), soft=True)


#: What else the sender does or sells ("we also do 12-week coaching plans", "dělám i osobní
#: tréninky", "online edzésterveket is készítek"), and what is sold beside an order: an
#: extended warranty, a service contract, a framework contract ("nabízíme i servisní smlouvu",
#: "un contratto quadro").
_ALSO_OFFER = Family([rf"\b(?:{S('marketing.also_offer')})"])
_SOLD_ASIDE = Family([rf"\b(?:{S('marketing.sold_aside')})\b"])
#: What else is sold is sold through a contact given; a warranty or a contract beside the
#: order by a payment outside (a warranty registered on the maker's page, a buyer asking for
#: a framework contract on WhatsApp sell nothing).
_CONTACTS = frozenset({"email", "phone", "url", "social"})
_PAID = frozenset({"payment"})
#: Characters after the offer within which its contact or its payment is given.
_OFFER_REACH = 250


def detect_also_offered(norm: Normalised, found: Collector, facts: Facts) -> None:
    """Marketing where a message offers something else the sender does or sells and gives a
    contact for it, or a warranty or a contract sold beside the order and a payment outside
    for it, in the same sentence or just after ("Kromě dresů dělám i osobní tréninky online …
    napište mi na trener.ondra@…", "We also do online coaching plans, have a look at www.…",
    "we also do a 3-year care plan … you'd send it over Revolut"). Soft: the models weigh it
    ("we also sell the spare lids, I'll add one to the parcel" names no contact and stays clean
    anyway). Run after every contact and payment detector."""
    text = norm.text
    for family, kinds in ((_ALSO_OFFER, _CONTACTS), (_SOLD_ASIDE, _PAID)):
        starts = sorted(start for kind, start, _ in found.items if kind in kinds)
        matcher = family.for_text(facts) if starts else None
        if matcher is None:
            continue
        for match in matcher.finditer(text):
            low = _sentence_start(text, match.start())
            high = match.end() + _OFFER_REACH
            at = bisect_left(starts, low)
            if at < len(starts) and starts[at] < high:
                found.add("marketing", match.start(), match.end(), soft=True)


#: "Join" said to the reader ("Dołącz do naszej grupy", "Rejoignez notre canal", "únase al
#: grupo"), then a messaging link within ``_JOIN_REACH`` characters: a group or a channel the
#: sender promotes, marketing, firm (the labelling conventions: "a channel or group to join is
#: marketing + social", a Telegram channel link "marketing + social + url"); not "rejoignez-moi",
#: "join me".
_JOIN_WORDS = Family([rf"\b(?:{S('marketing.join_words')})"])
_JOIN_REACH = 120


def detect_groups_to_join(norm: Normalised, found: Collector, facts: Facts) -> None:
    """Marketing where the reader is asked to join and a messaging link (``wa.me``, ``t.me``,
    a group's invitation: a link that is also a channel) follows within ``_JOIN_REACH``
    characters, unless "not" comes before the ask in its sentence. Run after the link
    detectors."""
    # a link that holds a phone number ("wa.me/447…") is a person's chat, not a group
    channels = {(start, end) for kind, start, end in found.items if kind == "social"}
    channels -= {(start, end) for kind, start, end in found.items if kind == "phone"}
    links = sorted(
        start for kind, start, end in found.items if kind == "url" and (start, end) in channels
    )
    matcher = _JOIN_WORDS.for_text(facts) if links else None
    if matcher is None:
        return
    text = norm.text
    for match in matcher.finditer(text):
        at = bisect_left(links, match.end())
        if at == len(links) or links[at] > match.end() + _JOIN_REACH:
            continue
        if _NOT.search(text, _sentence_start(text, match.start()), match.start()) is None:
            found.add("marketing", match.start(), match.end())
