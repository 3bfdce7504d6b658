"""Message scanner: finds attempts to leave the platform in buyer and seller messages.

Approach
--------
1. Normalise (``normalise``): NFKC, lower case, zero-width characters dropped, other scripts'
   look-alike letters folded, with an offset map back to the original text.
2. Detect, kind by kind, in an order where the more specific detector claims its span first:
   IBAN (payment, ``iban``) → e-mail (``emails``) → links (url / social) and @handles
   (``links``) → phone numbers written with digits (look-alike letters ``O``/``l``/``I``/``|``
   accepted inside digit groups, ``phone``) → phone numbers spelled with number words
   (``phone_words``) → phone numbers dictated in pieces with words between them
   (``phone.detect_phone_pieces``), given in two parts with other sentences between ("… the
   rest: 22 90 14", ``phone_words.detect_phone_in_two_parts``) or in Roman numerals
   (``phone_words.detect_roman_phone``) → keyword rules for social, payment and marketing
   (``keywords``) → app names in disguise (spelled out letter by letter, digits for letters,
   ``disguise``).
3. Phone candidates are confirmed with ``phonenumbers`` against the regions of the message's
   market (``orders.markets``; all markets without a language hint).
4. Findings are sorted by start; overlapping findings of the same kind are merged
   (``findings``).

All vocabularies are data (``lexicon``): ``lexicons/common.toml`` for what belongs to no
language, one ``lexicons/<code>.toml`` per language, so a new market's language is a data file
and a line in ``orders.markets``.  Regexes are compiled at import time.  The scanner is pure:
nothing but ``settings.PLATFORM_DOMAIN`` is read, lazily.

5. The intent model (``intent``, trained by ``manage.py train_scanner_model``) weighs the whole
   message and each sentence, words and the concepts of the lexicons' ``[intent]`` tables: it
   drops a detector's word finding it explains away (a refusal, a brand named as a product)
   and adds a kind the detectors cannot point at, with the sentence that carries it.
6. A message that asks whether something is allowed ("Is that even allowed? I reported it")
   reports a payment outside, a channel move or an offer, or asks about one: its payment,
   channel and marketing findings that are not firm (a word, a phrase, the models' reading)
   are dropped; an IBAN, an account given or an app asked to be written on stays.
7. A reply that declines what it quotes ("> Haben Sie WhatsApp?" above "Nein, lassen Sie uns
   hier schreiben") drops the channel moves, payments and marketing found in the quoted lines.

Speed: ``scan`` only runs what can match (``gates``); ``_scan(text, language,
shortcuts=False)`` runs everything everywhere, and the tests check that both give identical
findings, offsets included.
"""

from __future__ import annotations

import re

from helpdesk.scanner.disguise import detect_disguised_channels
from helpdesk.scanner.emails import detect_email
from helpdesk.scanner.findings import KINDS, Collector, Finding, excerpt
from helpdesk.scanner.gates import Facts
from helpdesk.scanner.iban import detect_iban
from helpdesk.scanner.intent import Match, Span, folded_words, judge, meant_concepts
from helpdesk.scanner.keywords import (
    QUOTED_LINE,
    asks_whether_allowed,
    detect_also_offered,
    detect_bookings_on_offer,
    detect_channel_phrases,
    detect_described_links,
    detect_groups_to_join,
    detect_keywords,
    detect_own_place_offers,
    detect_payment_on_a_channel,
    detect_payment_to_a_number,
    detect_promoted_channels,
    detect_review_changed_for_money,
    tells_of_the_platforms_refund,
)
from helpdesk.scanner.lexicon import LEXICON, literal_alternation
from helpdesk.scanner.links import detect_handles, detect_links
from helpdesk.scanner.normalise import Normalised, normalise
from helpdesk.scanner.phone import detect_phone_digits, detect_phone_pieces, regions_for
from helpdesk.scanner.phone_words import (
    detect_phone_in_two_parts,
    detect_phone_words,
    detect_roman_phone,
    languages_for,
)

__all__ = ["KINDS", "Finding", "detect", "detect_spans", "scan"]


def scan(text: str, *, language: str | None = None) -> list[Finding]:
    """Find e-mail addresses, phone numbers, links, social accounts, off-platform payment and
    marketing in a message.  ``language`` narrows number words and phone regions; without it
    every market language is tried.  The detectors' findings are then weighed by the intent
    model (``intent``): word findings it explains away are dropped, kinds it alone reads are
    added with the sentence that carries them.  A message that asks whether something is
    allowed (``keywords.asks_whether_allowed``) keeps only its firm payment, channel and
    marketing findings, and one that tells of the platform's own refund
    (``keywords.tells_of_the_platforms_refund``) only its firm payment findings; what a reply
    quotes and declines is dropped (``_declined_quotes``)."""
    findings, soft, norm = _detect(text, language, shortcuts=True)
    judged = _judged(text, findings, soft, language)
    firm = {(f.kind, f.start, f.end) for f in findings} - soft
    if asks_whether_allowed(norm.text):
        # a question whether it is allowed: the payment, the channel or the offer is reported
        # or asked about, not proposed; only what is firm (an IBAN, an account given, an app
        # asked to be written on) stays
        judged = [f for f in judged if f.kind not in _REPORTED or (f.kind, f.start, f.end) in firm]
    if tells_of_the_platforms_refund(norm.text):
        # the platform's own refund ("… y la plataforma te devuelve el dinero directamente"):
        # only a firm payment stays
        judged = [f for f in judged if f.kind != "payment" or (f.kind, f.start, f.end) in firm]
    return _declined_quotes(text, judged)


#: The kinds a question whether it is allowed reports rather than proposes: in development,
#: every message that asks it and has only soft findings of one of these kinds is labelled
#: without that kind (23 payment, 3 channel moves, 2 marketing).
_REPORTED = frozenset({"payment", "social", "marketing"})


def _declined_quotes(text: str, findings: list[Finding]) -> list[Finding]:
    """A channel, a payment or an offer the other party proposed, quoted under a reply that
    declines it, is no proposal of this message ("> Haben Sie WhatsApp? … Nein, hab ich
    nicht, lassen Sie uns bitte hier schreiben"): the channel moves, payments and marketing
    found inside quoted lines are dropped when the reply (the lines that are not quoted) says
    no or asks to stay (the ``negation`` concept of the ``[intent]`` lists), and so is a
    quoted channel named again in the reply.  A quote that gives an address, a number, a link
    or an account (an IBAN) repeats it, and everything quoted with it stands (the labelling
    conventions: "buyer refuses, but the quoted seller text holds a number and 'text me'"); a
    reply that gives one agrees, whatever "no" it says ("No problem, send it to anna@…")."""
    if ">" not in text:
        return findings
    quoted = [match.span() for match in QUOTED_LINE.finditer(text)]
    if not quoted:
        return findings

    def in_a_quote(finding: Finding) -> bool:
        return any(low <= finding.start and finding.end <= high for low, high in quoted)

    inside = [f for f in findings if in_a_quote(f)]
    # (a contact given in the quote, or in the reply: "No problem, send it to anna@…" agrees)
    if not inside or any(_gives_a_contact(text, f) for f in findings):
        return findings
    reply = QUOTED_LINE.sub("", text)
    concepts = meant_concepts(folded_words(reply))
    if all(concept != "negation" for _, _, concept in concepts) or _agrees(reply, concepts):
        return findings
    # the declined channel named again in the reply is declined with it ("> Napíšte mi radšej
    # na Viber …" above "Viber nepoužívam, vybavme to tu"; not "Nein, aber Signal geht")
    declined = {text[f.start : f.end].casefold() for f in inside if f.kind == "social"}
    return [
        f
        for f in findings
        if not in_a_quote(f)
        and not (f.kind == "social" and text[f.start : f.end].casefold() in declined)
    ]


def _agrees(reply: str, matches: list[Match]) -> bool:
    """Whether a reply (its ``meant_concepts``: ``matches``) opens by agreeing ("Ok pas de
    souci, je vous écris sur Telegram", "Persze, küldje barátként, úgy nincs díj") and refuses
    nothing after: no "but", no "no" but one inside an ``agree`` phrase or before a fee ("no
    fee" argues for it)."""
    if not matches or matches[0][0] != 0 or matches[0][2] != "agree" or _BUT.search(reply):
        return False
    fees = {low for low, _, concept in matches if concept == "fees"}
    return not any(
        concept == "negation" and high not in fees and high + 1 not in fees
        for _, high, concept in matches
    )


#: "But" in every language (``social.contrasts``).
_BUT = re.compile(rf"\b(?:{literal_alternation(LEXICON.union('social.contrasts'))})\b")


def _gives_a_contact(text: str, finding: Finding) -> bool:
    """Whether a finding is an address, a number or a link, or a payment with an account's
    number in it (``_ACCOUNT_DIGITS`` digits or more: not an amount, "50 € by PayPal")."""
    if finding.kind in {"email", "phone", "url"}:
        return True
    digits = sum(ch.isdigit() for ch in text[finding.start : finding.end])
    return finding.kind == "payment" and digits >= _ACCOUNT_DIGITS


#: The fewest digits of an account's number (a national account's: "123456/0800").
_ACCOUNT_DIGITS = 6


def detect(text: str, *, language: str | None = None) -> list[Finding]:
    """The detectors' findings alone, before the intent model."""
    return _scan(text, language, shortcuts=True)


def detect_spans(text: str, *, language: str | None = None) -> tuple[list[Span], frozenset[Span]]:
    """The detectors' findings as (kind, start, end), and those of them that are soft (a
    word that may be meant otherwise, which the intent model may explain away): what the
    model is trained on."""
    findings, soft, _ = _detect(text, language, shortcuts=True)
    return [(f.kind, f.start, f.end) for f in findings], soft


def _judged(
    text: str, findings: list[Finding], soft: frozenset[Span], language: str | None
) -> list[Finding]:
    if not text or text.isspace():
        return findings
    spans = [(f.kind, f.start, f.end) for f in findings]
    kept = judge(text, spans, soft, language=language)
    if kept == spans:
        return findings
    by_span = {(f.kind, f.start, f.end): f for f in findings}
    result = [
        by_span.get(span) or Finding(*span, excerpt(text[span[1] : span[2]])) for span in kept
    ]
    return sorted(result, key=lambda f: (f.start, f.end, KINDS.index(f.kind)))


def _scan(text: str, language: str | None, *, shortcuts: bool) -> list[Finding]:
    """``detect``; with ``shortcuts=False`` every pattern runs over the whole text (the
    reference the fast path is tested against)."""
    return _detect(text, language, shortcuts=shortcuts)[0]


def _detect(
    text: str, language: str | None, *, shortcuts: bool
) -> tuple[list[Finding], frozenset[Span], Normalised]:
    """The detectors' findings, those of them that are soft, and the normalised text."""
    norm = normalise(text, shortcuts=shortcuts)
    if not text or text.isspace():
        return [], frozenset(), norm
    facts = Facts(norm.text, shortcuts=shortcuts)
    found = Collector(norm)
    detect_iban(norm, found, facts)
    detect_email(norm, found, facts)
    detect_links(norm, found, facts)
    detect_handles(norm, found, facts)
    regions = regions_for(language)
    languages = languages_for(language)
    detect_phone_digits(norm, found, regions, facts)
    detect_phone_words(norm, found, regions, languages, facts)
    detect_phone_pieces(norm, found, regions)
    detect_phone_in_two_parts(norm, found, regions, languages)
    detect_roman_phone(norm, found, regions)
    detect_keywords(norm, found, facts)
    detect_review_changed_for_money(norm, found)
    detect_channel_phrases(norm, found, facts)
    detect_disguised_channels(norm, found, facts)
    detect_described_links(norm, found, facts)
    detect_promoted_channels(norm, found, facts)
    detect_bookings_on_offer(norm, found)
    detect_payment_on_a_channel(norm, found)
    detect_payment_to_a_number(norm, found)
    detect_own_place_offers(norm, found, facts)
    detect_also_offered(norm, found, facts)
    detect_groups_to_join(norm, found, facts)
    findings = found.findings()
    return findings, frozenset(found.soft_findings), norm
