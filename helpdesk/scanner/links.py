"""Links: URLs with a scheme or "www.", bare domains of the closed top-level-domain list,
domains spelled out ("meubles-dubois punkt de", "shop (dot) com slash sale") or typed with
spaces ("www. meubles-dubois .fr"), and @handles.

A link to a messaging or payment domain (common.toml: wa.me, t.me, paypal.me…) is a social or
payment finding as well as a link; a WhatsApp link with a number is a phone number too.  The
platform's own host is never a finding.
"""

from __future__ import annotations

import re

from helpdesk.scanner.disguise import cut_name_at
from helpdesk.scanner.domains import (
    CLOSE,
    DOT_ANY,
    DOT_SAID,
    DOT_WORDS,
    IDN_LABEL,
    JOIN_SAID,
    LABEL,
    MAIL_DOMAINS,
    OPEN,
    SAID_DOT,
    SLASH_SAID,
    TLD,
    TLDS,
    host_of,
    is_mail_provider,
    is_platform_host,
    platform_domain,
)
from helpdesk.scanner.findings import Collector
from helpdesk.scanner.gates import Facts
from helpdesk.scanner.lexicon import COMMON, LEXICON, literal_alternation
from helpdesk.scanner.normalise import Normalised

#: Domains that are a social or messaging contact rather than a web site.
SOCIAL_DOMAINS = tuple(COMMON["social_domains"])
#: A group's or a channel's invitation ("chat.whatsapp.com/…", "facebook.com/groups/…"): the
#: writer's community offered to join is marketing too.
GROUP_LINKS = tuple(COMMON["group_links"])
#: Domains that are an off-platform payment link.
PAYMENT_DOMAINS = tuple(COMMON["payment_domains"])

_URL_SCHEME = re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]{}]+")
#: A messaging app's own link ("viber://chat?number=…", "tg://resolve?domain=…"): a channel.
_APP_SCHEME = re.compile(r"\b(?:viber|whatsapp|tg|skype|facetime|sms)://[^\s<>\"'()\[\]{}]+")
#: After a top-level domain: the end of the word, or a Hungarian case ending joined by a
#: hyphen ("bringamuhely-szeged.hu-n", "example.com-ról"), which is not part of the link.
_AFTER_TLD = r"(?:(?![\w-])|(?=-[^\W\d_]{1,4}(?![\w-])))"
_URL_BARE = re.compile(
    rf"(?<![\w@.-])(?:{IDN_LABEL}\.)+{TLD}{_AFTER_TLD}(?:/[^\s<>\"'()\[\]{{}}]*)?",
)
_URL_OBFUSCATED = re.compile(
    rf"(?<![\w@.-])(?P<label>{IDN_LABEL}(?:(?:{DOT_ANY}|{JOIN_SAID}){IDN_LABEL})*)"
    rf"(?P<dot>{DOT_SAID})(?P<tld>{TLD})\b"
    rf"(?P<path>(?:{SLASH_SAID}[\w-]+)+)?"
)
#: A domain typed with spaces around its dots ("www. meubles-dubois .fr", "bit . ly / x"):
#: at least one dot with a space before it, which prose does not write. Its path may name a
#: channel by its handle ("youtube . com/@prazirnahora").
_URL_SPACED = re.compile(
    rf"(?<![\w@.-])(?P<www>www\s*\.\s*)?(?P<label>{LABEL}(?:\s*\.\s*{LABEL})*)"
    rf"\s*\.\s*(?P<tld>{TLD}){_AFTER_TLD}(?P<path>(?:\s*/\s*@?[\w.-]+)+)?"
)
#: A site's name with a space for its dot, before a top-level domain that is no word of the
#: markets' languages ("na naszej stronie sklepdrewnianka pl", "bosch-home cz",
#: "northernthrows co uk"); ``_names_a_site`` says whether the name is like a site's.
_SPACE_DOT_TLDS = ("co uk", "com", "org", "pl", "cz", "sk", "hu", "ro", "fr")
_URL_SPACE_DOT = re.compile(
    r"(?<![\w.@/-])(?P<label>[a-z0-9][a-z0-9-]{3,40}[a-z0-9])"
    rf" (?P<tld>{literal_alternation(_SPACE_DOT_TLDS)})"
    r"(?:(?P<path>\s?/[\w-]+(?:/[\w-]+)*)|(?![\w@/-]|\.\w))"
)
#: "www" spelled out or typed with spaces, commas or said dots between every part: "w w w .
#: atelier-lin . f r", "w-w-w-punkt-gartenfreude-punkt-at", "www,cajovna-lotos,cz"; the
#: spelled "www" says it is a web address.
_SPELLED_SEP = rf"(?:\s*[.,·]\s*|[\s-]*\b(?:{literal_alternation(DOT_WORDS)})\b[\s-]*|\s*-\s*)"
_WWW_START = re.compile(r"\bw[\s.-]*w[\s.-]*w")
_WWW_SPELLED = re.compile(
    rf"(?<![\w.])w[\s.-]*w[\s.-]*w{_SPELLED_SEP}(?P<label>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)"
    rf"{_SPELLED_SEP}(?P<tld>[a-z](?:\s?[a-z]){{1,2}}(?:{_SPELLED_SEP}[a-z]\s?[a-z])?)(?!\w)"
)
#: "www", a name and a top-level domain with spaces for the dots, a path maybe after ("www
#: manualesonline es / lavadora-wf80"): the "www" says it is a web address.
_WWW_SPACES = re.compile(
    r"(?<![\w.])www\s+(?P<label>[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\s+(?P<tld>[a-z]{2,3})(?![\w@.-])"
    r"(?P<path>(?:\s?/\s?[\w-]+)+)?"
)
#: A domain typed with a space after its dot only ("Na heureka. cz to mají"): a name of four
#: letters or more before a top-level domain that is no everyday word, in lower case.
_URL_DOT_SPACE = re.compile(
    rf"(?<![\w@.-])(?P<label>[a-z][a-z0-9-]{{2,40}}[a-z0-9])\. (?P<tld>{TLD})(?![\w@-]|\.\w)"
)
#: A link typed one character at a time ("y o u t u . b e / k8Hf2pQ"), its path maybe whole.
_LINK_ONE_BY_ONE = re.compile(r"(?<!\S)(?:\S ){5,}\S[\w-]*(?:\s?/\s?[\w-]+)*")
_TRAILING_PUNCT = ".,;:!?…»\"')]}"

_HANDLE = re.compile(r"(?<![\w@.])@(?P<name>[a-z_][a-z0-9_.]{1,29}[a-z0-9_])")
#: A payment app just before a handle, in the same sentence or after a question that names it:
#: the handle is where the money goes ("na Revoluta, mój tag @kuba.meble", "Revolutra küldd,
#: @retrocuccbp", "Geht auch Revolut? Dann spar ich mir die Gebühren hier, @lenahub"), a
#: payment the app's name already is, not an account to talk on; so too with what is paid for
#: between ("just Revolut the £40 engraving extra to my wife, @sarahhartley").
_PAID_TO_A_HANDLE = re.compile(
    rf"\b(?:{'|'.join(COMMON['phone_payment_apps'])}|revtag|wise)\b"
    r"[^.!?\n@]{0,50}(?:\?+[^.!?\n@]{0,45})?$"
)

# Cheap look-ups that decide whether a detector can find anything at all (see gates).
_DOT_IN_BRACKETS = re.compile(rf"{OPEN}\s*(?:\.|{literal_alternation(DOT_WORDS)})\s*{CLOSE}")
_DOT_WORD_THEN_TLD = re.compile(rf"(?:{literal_alternation(DOT_WORDS)})\s+{TLD}\b")


def _strip_trailing(text: str, start: int, end: int) -> int:
    """End offset without trailing sentence punctuation ("…/videos." → "…/videos")."""
    while end > start and text[end - 1] in _TRAILING_PUNCT:
        end -= 1
    return end


def _domain_kind(host: str, path: str) -> str:
    """url, or social/payment for messaging and payment link domains."""
    full = host + path
    for domain in SOCIAL_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return "social"
    for domain in PAYMENT_DOMAINS:
        if full.startswith(domain) or host.endswith("." + domain.split("/")[0]):
            return "payment"
    return "url"


#: An abbreviation with the form of a short domain, its own dot after it and the sentence going
#: on: "p.es. per una cucina" (per esempio), not the domain p.es.
_ABBREVIATION = re.compile(r"[^\W\d_]\.[^\W\d_]{2,3}")
_ABBREVIATION_END = re.compile(r"\.,?\s+[^\W\d_]")


def detect_links(norm: Normalised, found: Collector, facts: Facts) -> None:
    text = norm.text
    candidates: list[tuple[int, int, str, str]] = []
    patterns = []
    if facts.has_text("http", "www."):
        patterns.append(_URL_SCHEME)
    # A bare domain ends with ".<tld>" where the top-level domain is a whole word.
    if not facts.shortcuts or any("." + tld in text for tld in facts.words.intersection(TLDS)):
        patterns.append(_URL_BARE)
    for pattern in patterns:
        for match in pattern.finditer(text):
            end = _strip_trailing(text, match.start(), match.end())
            link = text[match.start() : end]
            host = host_of(link)
            if pattern is _URL_BARE and (
                not _tld_written_in_lower_case(norm, match.start(), host)
                or (_ABBREVIATION.fullmatch(link) and _ABBREVIATION_END.match(text, end))
            ):
                continue
            path = link[link.find(host) + len(host) :] if host in link else ""
            # an app's name cut by dots is the app in disguise, not a host ("Te.le.gr.am-on",
            # "Wh.ats.app"): ``disguise`` reads it
            if pattern is _URL_BARE and not path and cut_name_at(text, match.start()):
                continue
            candidates.append((match.start(), end, host, path))
    if _may_hide_a_domain(facts):
        for match in _URL_OBFUSCATED.finditer(text):
            if not _obfuscated_domain_is_plausible(match):
                continue
            label = re.sub(JOIN_SAID, "-", match.group("label"))  # "gartenwerk minus shop"
            host = SAID_DOT.sub(".", label) + "." + match.group("tld")
            candidates.append((match.start(), match.end(), host, ""))
    if not facts.shortcuts or facts.has_word(_SPACE_DOT_TLD_WORDS):
        for match in _URL_SPACE_DOT.finditer(text):
            if _names_a_site(norm, match):
                host = match.group("label") + "." + match.group("tld").replace(" ", ".")
                candidates.append((match.start(), match.end(), host, match.group("path") or ""))
    if " ." in text:
        for match in _URL_SPACED.finditer(text):
            if " ." not in match.group() or not _spaced_domain_is_plausible(match):
                continue
            o_start, o_end = norm.span(match.start("tld"), match.end("tld"))
            if not norm.original[o_start:o_end].islower():  # "demain . De toute façon"
                continue
            host = re.sub(r"\s+", "", match.group("label")) + "." + match.group("tld")
            path = re.sub(r"\s+", "", match.group("path") or "")
            candidates.append((match.start(), match.end(), host, path))
    if ". " in text and (not facts.shortcuts or facts.has_word(_DOT_SPACE_TLDS)):
        for match in _URL_DOT_SPACE.finditer(text):
            o_start, o_end = norm.span(match.start(), match.end())
            if match.group("tld") in _DOT_SPACE_TLDS and norm.original[o_start:o_end].islower():
                host = match.group("label") + "." + match.group("tld")
                candidates.append((match.start(), match.end(), host, ""))
    for match in _LINK_ONE_BY_ONE.finditer(text):
        end = _strip_trailing(text, match.start(), match.end())
        joined = re.sub(r"\s+", "", text[match.start() : end])
        if "." in joined and _URL_BARE.fullmatch(joined):
            host = host_of(joined)
            candidates.append((match.start(), end, host, joined[len(host) :]))
    if _WWW_START.search(text):
        for match in _WWW_SPELLED.finditer(text):
            tld = re.sub(r"\s+", "", re.sub(_SPELLED_SEP, ".", match.group("tld")))
            if tld.rsplit(".", 1)[-1] in TLDS:
                candidates.append((match.start(), match.end(), f"{match['label']}.{tld}", ""))
        for match in _WWW_SPACES.finditer(text):
            if match.group("tld") in TLDS:
                path = re.sub(r"\s+", "", match.group("path") or "")
                host = f"{match['label']}.{match['tld']}"  # as for _WWW_SPELLED
                candidates.append((match.start(), match.end(), host, path))
    if "://" in text:
        for match in _APP_SCHEME.finditer(text):
            end = _strip_trailing(text, match.start(), match.end())
            found.add("social", match.start(), end, claim=True)
            found.add("url", match.start(), end)
            if _LINKED_NUMBER.search(text, match.start(), end):
                found.add("phone", match.start(), end)
    if not candidates:
        return
    platform = platform_domain()
    for start, end, host, path in candidates:
        handle = None
        if found.overlaps_claim(start, end) or is_platform_host(host, platform):
            continue
        provider = host.removeprefix("www.")
        if (
            not path
            and (provider in MAIL_DOMAINS or is_mail_provider(provider))
            and (
                found.has_near("email", start, end, _PROVIDER_REACH)
                or _AT_SAID.search(text, max(0, start - _PROVIDER_REACH), end + _PROVIDER_REACH)
                or (handle := _HANDLE_AT.search(text, max(0, start - _PROVIDER_REACH), start))
                or _DOMAIN_WORD_BEFORE.search(text, max(0, start - 20), start)
            )
        ):
            # The provider of an address the message gives ("tobi punkt k bei gmx punkt net",
            # "maila mam na wp.pl, a przed małpą: ewa.zielinska77"): part of the address,
            # which it confirms, not a site; with the mailbox name right before it, the whole
            # address.
            found.add("email", handle.start() if handle else start, end, claim=True)
            continue
        kind = _domain_kind(host, path)
        found.add(kind, start, end, claim=True)
        if kind != "url":  # a messaging or payment link is an external link too
            found.add("url", start, end)
        if kind == "social" and (host.removeprefix("www.") + path).startswith(GROUP_LINKS):
            found.add("marketing", start, end)
        if kind == "social" and _LINKED_NUMBER.search(path):  # wa.me/33612345678
            found.add("phone", start, end)
        elif kind == "social" and (
            number := _NUMBER_AFTER_LINK.match(text, _path_start(text, start, end))
        ):
            found.add("phone", start, number.end())  # "wa(.)me/421905123456"


#: "Domain" said right before a mail provider's domain: an address's ("mi scriva a marco punto
#: rossi punto 78, dominio libero punto it").
_DOMAIN_WORD_BEFORE = re.compile(rf"\b{LEXICON.slot('address.domain_words')}\s*:?\s*$")
#: How near an address, or the at sign said, makes a mail provider's domain the address's.
_PROVIDER_REACH = 60
#: The at sign, or its name in any inflection ("przed małpą", "před zavináčem"; not "at",
#: an everyday English word).
_AT_SAID = re.compile(
    r"@|\b(?:"
    + literal_alternation(
        sorted(
            {
                word[:-1] if len(word) >= 5 and word[-1] in "aeiouy" else word
                for word in LEXICON.union("address.at_words_bare")
                if word != "at"
            }
        )
    )
    + r")\w{0,3}\b"
)

#: A mailbox name and a little word right before a mail provider's domain: "service-pflegeshop
#: bei web.de", "ewa88 na wp.pl" (the name joined by a sign or with digits: "Konto bei web.de"
#: is an account there).
_HANDLE_AT = re.compile(
    r"(?<![\w.@/-])[a-z][a-z0-9]*(?:[._-][a-z0-9]+|\d{2,})+\s+(?:"
    + literal_alternation(LEXICON.union("address.provider_prepositions"))
    + r")\s+$"
)


#: A number in a messaging link: its path ("wa.me/33612345678"), a "phone" or "number" field
#: ("api.whatsapp.com/send?phone=34612…", "viber://chat?number=%2B3630…"), Signal's "#p/+44…".
_LINKED_NUMBER = re.compile(r"(?:^/|[?&](?:phone|number)=|#p/)(?:\+|%2b)?\d{8,15}\b")
#: The number right after a messaging link written in disguise, so that its path was not read
#: with it ("wa(.)me/421905123456", "wa . me / 49151 1234 5678").
_NUMBER_AFTER_LINK = re.compile(r"\s?/\s?\+?\d(?:\s?\d){7,14}(?!\d)")


def _path_start(text: str, start: int, end: int) -> int:
    """Where a link's path starts (its first "/"), or its end when it has none."""
    slash = text.find("/", start, end)
    return end if slash == -1 else slash


#: A word for a web site a few words before a name ("na naszej stronie …", "on our own site,
#: …"), in the same sentence.
_SITE_BEFORE = re.compile(
    rf"(?<![\w-])(?:{literal_alternation(LEXICON.union('address.site_words'))})(?![\w-])"
    r"[^.!?\n]{0,40}$"
)
_SPACE_DOT_TLD_WORDS = frozenset(tld.split()[-1] for tld in _SPACE_DOT_TLDS)
#: The top-level domains a domain typed with a space after its dot may end with: no word of
#: the markets' languages nor short word of any ("pagado. es que …", "mismo. si …",
#: "return. email …" are prose).
_DOT_SPACE_TLDS = frozenset({"com", "org", "net", "pl", "cz", "sk", "hu", "ro", "fr", "uk"})


def _names_a_site(norm: Normalised, match: re.Match[str]) -> bool:
    """A name before a space and a top-level domain reads as a site when it is written as
    one (all in lower case, the domain too: "Warszawa PL", "Kovács Hu" are a place and a
    name) and is like a site's name: words joined by a hyphen ("bosch-home cz"), or one word
    of eight letters or more that a word for a web site introduces ("na naszej stronie
    sklepdrewnianka pl"; not "je vous remercie beaucoup fr", "paczka pl")."""
    o_start, o_end = norm.span(match.start(), match.end("tld"))
    if not norm.original[o_start:o_end].islower():
        return False
    label = match.group("label")
    if match.group("path"):
        return True  # "imgur com/a/Xk29Lpq": a path makes it a link
    if "-" in label:
        return all(len(part) >= 2 for part in label.split("-")) and not label[0].isdigit()
    text = match.string
    return (
        len(label) >= 8
        and label.isalpha()
        and _SITE_BEFORE.search(text, max(0, match.start() - 50), match.start()) is not None
    )


def _may_hide_a_domain(facts: Facts) -> bool:
    """``_URL_OBFUSCATED`` needs a bracketed dot, or a dot word followed by a domain word."""
    if not facts.shortcuts:
        return True
    return facts.has_word(TLDS) and bool(
        _DOT_IN_BRACKETS.search(facts.text)
        or (facts.has_word(DOT_WORDS) and _DOT_WORD_THEN_TLD.search(facts.text))
    )


#: Top-level domains that are also everyday words of the markets' languages ("demain . de
#: toute façon", "claro . es", "fine . it").
_WORD_TLDS = frozenset(COMMON["tlds_that_are_words"])
_MARKETPLACES = frozenset(COMMON["marketplaces"])
_DOT_WORDS_IN_PROSE = frozenset({"point", "dot"})
_PHRASES_OF_PROSE = frozenset({("punto", "es"), ("punto", "de"), ("punto", "si")})
#: The markets' country domains that are no English word, after "dot".
_COUNTRY_DOMAINS_AFTER_DOT = frozenset({"de", "fr", "pl", "cz", "sk", "hu", "ro", "es", "ie", "ch"})
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov"})
#: An at-word right before a name: the name is a mailbox's domain ("… zavináč vse tečka cz").
_AFTER_AN_AT_WORD = re.compile(
    rf"(?:@|\b(?:{literal_alternation(LEXICON.union('address.at_words_bare'))}))\s*$"
)


def _spaced_domain_is_plausible(match: re.Match[str]) -> bool:
    """A spaced domain reads as a site: "www", a path, a hyphen or digit in its name, a name
    of five letters or more before a top-level domain that is no everyday word
    ("tallasbebe . info"; not "demain . de"), a name of three letters or more between spaces
    around the dot ("mtbr . com": prose puts no space before a full stop), or such a name of
    eight letters or more before an everyday-word domain ("tennisitalia . it")."""
    label = re.sub(r"\s+", "", match.group("label"))
    if not any(ch.isalpha() for ch in label):  # "5 @ 3 . fr", "12 . 50"
        return False
    parts = label.split(".")
    # "pricespy . co . uk": the name is before the second-level label
    name = parts[-2] if len(parts) > 1 and parts[-1] in _SECOND_LEVEL else parts[-1]
    word_tld = match.group("tld") in _WORD_TLDS
    spaced_both = bool(re.search(r"\s\.\s+\S+$", match.group()[: match.end("tld") - match.start()]))
    return bool(
        match.group("www")
        or match.group("path")
        or "-" in label
        or any(ch.isdigit() for ch in label)
        or (len(name) >= 5 and not word_tld)
        or (spaced_both and len(name) >= (8 if word_tld else 3))
    )


def _tld_written_in_lower_case(norm: Normalised, start: int, host: str) -> bool:
    """ "done.It works" is a missing space after a full stop, not a link to a .it site."""
    o_start, o_end = norm.span(start, start + len(host))
    written = norm.original[o_start:o_end]
    tld = written.rsplit(".", 1)[-1]
    return tld == tld.lower()


def _obfuscated_domain_is_plausible(match: re.Match[str]) -> bool:
    """Brackets always obfuscate; a bare "punto es" needs a site-like label, a name before a
    top-level domain that is no everyday word ("heureka tečka cz", "forocoches punto com",
    "gyakorikerdesek pont hu-n"), another marketplace's name (common ``marketplaces``: "amazon
    punto es"), a word for a web site before it ("sul nostro sito
    arredibianchi dot it"), or an ending ("… punto it.")."""
    if match.group("dot").strip().startswith(("(", "[", "{", "<")):
        return True
    label = re.sub(JOIN_SAID, "-", match.group("label"))
    said = set(_LETTER_RUN.findall(match.group("dot"))) & DOT_WORDS
    if said and label in _MARKETPLACES:
        return True  # another marketplace's site: "en amazon punto es", "az árgép pont hu"
    if not label.isascii() and sum(ch.isalpha() for ch in label) < 7:
        return False  # a short word of the language: "a végén pont hu", "gé-mail, point com"
    if not any(ch.isalpha() for ch in label):
        return False  # an hour or a number: "de 10:00 a 13:00, punto de encuentro"
    if "-" in label or any(ch.isdigit() for ch in label) or match.group("path"):
        return True
    tld = match.group("tld")
    if tld not in _WORD_TLDS and (
        len(label) >= 4
        # a short name before a dot no prose says: "na olx kropka pl", "pe olx punct ro"
        or (
            len(label) == 3
            and label.isalpha()
            and said
            and not said & _DOT_WORDS_IN_PROSE
            and not _AFTER_AN_AT_WORD.search(match.string, 0, match.start())
        )
    ):
        return True
    # A long name, then "dot" and a market's country domain, which no English prose says
    # ("Auf fahrradforum dot de sagen alle"; "point" is French prose: "point de vente").
    if len(label) >= 6 and said == {"dot"} and tld in _COUNTRY_DOMAINS_AFTER_DOT:
        return True
    # A long name, then a dot said in a market's own word and the country's domain: "su
    # trovaprezzi punto it", "auf schnaeppchenwelt punkt de" (not "point"/"dot", which
    # English and French say in other senses: "meeting point at", "point de vente"; not
    # Spanish "punto es", "punto de": "mi principal punto es que", "nuestro punto de recogida").
    if (
        len(label) >= 6
        and said
        and not said & _DOT_WORDS_IN_PROSE
        and not any((word, tld) in _PHRASES_OF_PROSE for word in said)
    ):
        return True
    # A name a word for a web site introduces: "sul nostro sito arredibianchi dot it".
    if len(label) >= 5 and _SITE_BEFORE.search(
        match.string, max(0, match.start() - 50), match.start()
    ):
        return True
    after = match.string[match.end() : match.end() + 2]
    return len(label) >= 5 and (after == "" or after[0] in ".,;!?)\n")


#: A Skype name as Skype prints it ("live:bench.ltd", "live:.cid.3f2a…").
_SKYPE_ID = re.compile(r"(?<![\w.:])live:\.?(?=[\w.-]*[a-z])[a-z0-9][\w.-]{2,}")


def detect_handles(norm: Normalised, found: Collector, facts: Facts) -> None:
    """@handles, and Skype names ("live:bench.ltd"): accounts, social."""
    if facts.has_text("live:"):
        for match in _SKYPE_ID.finditer(norm.text):
            end = _strip_trailing(norm.text, match.start(), match.end())
            if not found.overlaps_claim(match.start(), end):
                found.add("social", match.start(), end, claim=True)
    if not facts.has_text("@"):
        return
    platform = platform_domain()
    for match in _HANDLE.finditer(norm.text):
        end = _strip_trailing(norm.text, match.start(), match.end())
        # the platform's domain after an "@" is its addresses' ending ("nu se termină în
        # @marketplace.example"), no account
        if is_platform_host(norm.text[match.start() + 1 : end], platform):
            continue
        if _PAID_TO_A_HANDLE.search(norm.text, max(0, match.start() - 90), match.start()):
            continue
        if not found.overlaps_claim(match.start(), end):
            found.add("social", match.start(), end, claim=True)
