"""E-mail addresses: written, typed with spaces, one character at a time, with "@" and "." as
words of any language ("jean (at) gmail (dot) com", "jan.kowalski małpa wp kropka pl"), and
said rather than written ("gmail: jeandupont75", "paul_r1978 chez yahoo").

The platform's own addresses (support@<PLATFORM_DOMAIN>) are claimed without a finding.
"""

from __future__ import annotations

import re

from helpdesk.scanner.domains import (
    CLOSE,
    DOT_ANY,
    DOT_BARE,
    DOT_SAID,
    DOT_SPACED,
    DOT_WORDS,
    IDN_LABEL,
    JOIN_SAID,
    JOIN_WORDS,
    LABEL,
    MAIL_PROVIDER_SAID_SET,
    MAIL_PROVIDER_SET,
    MAIL_PROVIDERS,
    MAIL_PROVIDERS_SAID,
    OPEN,
    PART_GAP,
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

#: Words used for "@" in obfuscated addresses (bracketed or standalone).
AT_WORDS = frozenset(LEXICON.union("address.at_words") + LEXICON.union("address.at_words_bare"))
#: Of those, the ones distinctive enough to stand without brackets.
BARE_AT_WORDS = frozenset(LEXICON.union("address.at_words_bare"))
#: "us at shop dot com" is a link, "jean at gmail dot com" an address.
AT_STOPWORDS = frozenset(LEXICON.union("address.link_subjects"))
#: The writer's own shop or site named before a bare "at" or a little word ("our own shop at
#: wildwicks dot co dot uk", "in unserem eigenen Shop auf kaffeeroesterei-lindner punkt de"):
#: the phrases of ``intent.own`` of two words or more, ending where the mailbox name would. The
#: shop is at a link; "napište na obchod zavináč …" names a shared mailbox.
_OWN_SITE = re.compile(
    r"\b(?:"
    + "|".join(
        r"\s+".join(
            re.escape(word.rstrip("*")) + (r"\w*" if word.endswith("*") else "")
            for word in phrase.split()
        )
        for phrase in sorted(set(LEXICON.union("intent.own")), key=len, reverse=True)
        if " " in phrase
    )
    + r")$"
)
#: Webmail providers: "gmail: jeandupont75" is an address even without the domain.
#: Providers whose name is no everyday word: named as where to write, they give an address in
#: words even without its mailbox name ("auf meine gmail schicken", "na azete").
MAILBOX_NAMES = tuple(COMMON["mailbox_names"])
_MAILBOX_NAMED = re.compile(rf"\b(?:{literal_alternation(MAILBOX_NAMES)})\w*")
#: "not" and at most one more word right before a mailbox name: refused, not given.
_NEGATED = re.compile(rf"\b(?:{literal_alternation(COMMON['negations'])})\W+(?:\w+\W+)?$")
#: The little words that put a handle at a mail provider when an address is said rather than
#: written: "paul_r1978 chez yahoo", "m.weber bei Gmail", "nuria.bcn84 en yahoo", "ewa_k na
#: gmailu", "luca.b su libero", "ana.pop pe yahoo", "kati88 a freemailen".
PROVIDER_PREPOSITIONS = LEXICON.union("address.provider_prepositions")
#: "gmail is jeandupont75", "gmail ist …", "gmail jest …": between a provider and a handle.
PROVIDER_IS = LEXICON.union("address.provider_is")
#: The little word between a mailbox name and its provider or domain ("bei", "chez", "na").
_LITTLE_WORD = literal_alternation(PROVIDER_PREPOSITIONS)
#: "at" is the one bare at-word that may also introduce a link ("find us at shop.com").
_AT = "at"

_AT_BRACKETED = rf"\s*{OPEN}\s*(?:@|{literal_alternation(AT_WORDS)})\s*{CLOSE}\s*"
_AT_BARE = rf"{PART_GAP}(?:@|{literal_alternation(BARE_AT_WORDS)}){PART_GAP}|\s+@|@\s+"

#: At most this many parts joined in a mailbox name or a domain typed or said apart: a bound
#: keeps the search from each start position short (a message of hundreds of "a unterstrich
#: b" took half a second without it).
_PARTS = 6
_EMAIL_PLAIN = re.compile(
    r"(?<![\w.+-])[a-z0-9][a-z0-9._%+-]*@[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?\.[a-z]{2,24}\b"
)
#: An address typed with spaces around "@" and the dots ("jb_moreau75 @ hotmail . fr",
#: "k . weber @ web . de"): the "@" is kept, the spaces are the disguise.
_EMAIL_SPACED = re.compile(
    rf"(?<![\w.+-])(?=[a-z0-9._%+ -]*[a-z])[a-z0-9][a-z0-9_%+-]*"
    # a number set apart only after a dotted name ("jm.garnier 75 @ free . fr", not "price 5 @")
    rf"(?:(?:\s*\.\s*[a-z0-9_%+-]+){{1,{_PARTS}}}(?:\s+\d{{1,4}})?)?\s*@\s*"
    # a hyphen may be set apart too ("atelier @ durand - deco . fr")
    rf"(?:{LABEL}(?:\s*-\s*{LABEL})*\s*\.\s*)+{TLD}(?![\w-])"
)
#: Characters typed one by one with a space between ("r o b e r t o . n e r i @ g m x . i t"),
#: and the signs written after the last one ("… @ o 2 . p l, a ja …"), which the address leaves.
_ONE_BY_ONE = re.compile(r"(?<!\S)(?:\S ){6,}\S[.,;:!?)\]»\"']*(?!\S)")
#: An address typed one character at a time with hyphens between them, in any of its parts
#: ("a-n-d-r-e-e-a-p-8-8 @ g-m-a-i-l . c-o-m"): read with the hyphens of those runs left out.
_HYPHEN_RUN = r"[a-z0-9](?:-[a-z0-9]){2,}"
_EMAIL_HYPHEN_RUNS = re.compile(
    rf"(?<![\w.+-])(?:{_HYPHEN_RUN}|[a-z0-9][a-z0-9._%+]*)\s*@\s*"
    rf"(?:(?:[a-z0-9](?:-[a-z0-9])+|[a-z0-9]+)\s*\.\s*)+(?:[a-z](?:-[a-z])+|[a-z]{{2,24}})(?![\w-])"
)
_RUN_HYPHEN = re.compile(r"(?<=\b[a-z0-9])-(?=[a-z0-9]\b)")
#: A path after a domain said in words: the domain was a link's ("at … dot co dot uk slash
#: kettle"), not an address's.
_A_PATH_AFTER = re.compile(rf"\s*(?:/|{SLASH_SAID})\w")
#: An "s" before "at" right after an apostrophe is the verb ("my portfolio's at …"), not a mailbox.
_APOSTROPHES = ("'", "’")
#: An app's name ("Instagram", "TikTok"): before " @name" it names where the handle is.
_APP_NAME = re.compile(rf"(?:{'|'.join(COMMON['social_stems'])})\w*")


#: An app's name ending the text before a candidate.
_APP_NAME_BEFORE = re.compile(rf"\b{_APP_NAME.pattern}\s+$")


def _an_app_then_a_handle(text: str, match: re.Match[str]) -> bool:
    """ "Instagram @bellezza.italiana.shop", "TikTok @glow.co.uk": an app's name, a space, and
    its handle (a handle may hold dots), not an address; so too with a little word between
    ("Urmăriți-ne pe Instagram la @casaverde.ro", "on Insta at @glow.co.uk")."""
    local, _, domain = match.group().partition("@")
    if local == local.rstrip() or domain[:1].isspace():
        return False
    name = local.strip()
    return _APP_NAME.fullmatch(name) is not None or (
        name in _PREPOSITION_SET
        and _APP_NAME_BEFORE.search(text, max(0, match.start() - 40), match.start()) is not None
    )


#: Signs and spaces after the last character of an address typed one by one.
_AFTER_AN_ADDRESS = " .,;:!?–—-)]»\"'"
#: Between two parts of a mailbox name said or typed apart: a spaced dot, a dot or a sign said
#: ("alain point roux", "sabine unterstrich wolff"), a plus or a dash set apart ("serwis +
#: kropka + laptopy").
_LOCAL_JOIN = rf"(?:{DOT_SPACED}|{DOT_BARE}|{JOIN_SAID}|\s*[–—]\s*|\s+[+-]\s+)"
#: An address dictated with hyphens between all its parts ("reklamace-zavinac-sportmax-tecka-cz"):
#: no part holds a hyphen itself, so there is one way to read it.
_ONE_WORD_AT = literal_alternation(word for word in AT_WORDS if " " not in word)
_EMAIL_HYPHENATED = re.compile(
    r"(?<![\w.-])[a-z0-9]+(?:[._][a-z0-9]+)*"
    rf"-(?:{_ONE_WORD_AT})-"
    rf"(?P<domain>[a-z0-9]+(?:-(?:{literal_alternation(DOT_WORDS)})-[a-z0-9]+)*)"
    rf"-(?:{literal_alternation(DOT_WORDS)})-(?P<tld>{TLD})(?![\w-])"
)
_EMAIL_OBFUSCATED = re.compile(
    # (a name said with its accents: "jan, tečka, dvořák, zavináč, email, tečka, cz")
    r"(?<![\w.+-])(?P<local>[^\W_][\w.%+-]*"
    rf"(?:{_LOCAL_JOIN}[^\W_][\w.%+-]*){{0,{_PARTS}}})"
    rf"(?P<at>{_AT_BRACKETED}|{_AT_BARE})"
    rf"(?P<domain>{IDN_LABEL}(?:(?:{DOT_ANY}|{JOIN_SAID}){IDN_LABEL}){{0,{_PARTS}}})"
    rf"{DOT_ANY}(?P<tld>{TLD})\b"
)
#: An address dictated back to front, to fool robots ("com point free arobase dupont.jm"):
#: the top-level domain, the domain, an at-word that is no everyday word ("@", "arobase",
#: "małpa", not "at"), the mailbox name.
_EMAIL_REVERSED = re.compile(
    rf"(?<![\w.@-]){TLD}{DOT_ANY}{LABEL}(?:{DOT_ANY}{LABEL})*"
    rf"(?:{_AT_BRACKETED}|{PART_GAP}(?:@|{literal_alternation(BARE_AT_WORDS - {_AT})}){PART_GAP})"
    r"[a-z0-9][a-z0-9._%+-]*[a-z0-9](?![\w@])"
)
_EMAIL_PROVIDER = re.compile(
    rf"\b(?:{literal_alternation(MAIL_PROVIDERS)})(?P<gap>\s*)"
    # (a comma may come before the word: "my hotmail, it's dan.cooper.uk")
    rf"(?::|=|-|→|,?\s*\b(?:{literal_alternation(PROVIDER_IS)})\b)"
    r"\s*(?P<handle>[a-z0-9][a-z0-9._-]{3,40}?)[.-]*(?![a-z0-9._-])"
)
#: A word straight after a handle, with no punctuation between: the clause goes on.
_GOES_ON = re.compile(r"\s+[^\W\d_]")

#: Mail providers as an inflection starts: a long name's last vowel may change ("ruda.pracownia
#: na interii"); and the providers named by an everyday word, after a handle only ("jc.dumas
#: sur free", "marco.bianchi su alice").
_PROVIDER_STEMS = tuple(
    provider[:-1] if len(provider) >= 7 and provider[-1] in "aeiouy" else provider
    for provider in MAIL_PROVIDERS
)
#: A little word and a mail provider (any inflection): "… sur icloud", "… na interii".
_AT_A_PROVIDER = (
    rf"(?:{_LITTLE_WORD})\s+"
    rf"(?:(?:{literal_alternation(_PROVIDER_STEMS)})\w*|"
    rf"(?:{literal_alternation(MAIL_PROVIDERS_SAID)})\w{{0,3}})\b"
)
#: A handle, a little word, a mail provider: "thomas.veyrat sur icloud"; the handle's parts
#: may be joined by a dot or a sign said ("compta point meubles-rivet chez orange point fr").
_EMAIL_SAID = re.compile(
    rf"(?<![\w.@-])(?P<joined>(?:[a-z0-9][a-z0-9._-]*(?:{DOT_SAID}|{JOIN_SAID})){{0,{_PARTS}}})"
    # digits said apart end the name: "kieran underscore murphy 87 on icloud"
    r"(?P<handle>[a-z0-9][a-z0-9._-]{2,40}[a-z0-9](?:\s\d{1,4})?)\s*,?\s+" + _AT_A_PROVIDER
)
#: A dot or a sign said between a mailbox name's parts, and the spaces around it.
_SAID_JOIN = re.compile(rf"(?:{DOT_SAID}|{JOIN_SAID})|\s+")
#: ``_EMAIL_SAID``'s gate: its end alone, found fast (a handle is tried at every word; "op",
#: "web", "tim" are in most texts, so a look for the providers' names alone would not do).
_SAID_AT_A_PROVIDER = re.compile(r"\s" + _AT_A_PROVIDER)

#: A mailbox name dictated in parts with a dot, a hyphen or an underscore said between them, a
#: little word, a mail provider (any inflection): "mia punkt sbg bei gmail", "alex, punct,
#: ionescu, la gmail", "petr tečka dvorak na seznamu", "sophie, tiret, marchal, chez orange".
#: (The first part has three letters or more: "um Punkt acht bei GMX" is a time of day.)
_SAID_PART = r"[^\W_]{2,30}"
#: The parts after a dictated mailbox name's first: "punkt sbg", ", tiret, marchal".
_SAID_PARTS_AFTER = rf"(?:(?:{DOT_BARE}|{JOIN_SAID}){_SAID_PART}){{1,4}}"
_EMAIL_SAID_PARTS = re.compile(
    rf"(?<![\w.@-])[^\W_]{{3,30}}{_SAID_PARTS_AFTER}\s*,?\s+"
    rf"(?:{_LITTLE_WORD})\s+"
    rf"(?:{literal_alternation(MAIL_PROVIDERS)})\w*\b"
)
#: A mailbox name said near a provider's name, in either order, in one sentence ("jsem na
#: gmailu jako petr.cyklo.brno", "a citromailen vagyok, szabo.reka.91", "mine's on seznam,
#: same as here — jirka.vlk"): a dot or an underscore between letters, or digits after three
#: letters or more.
_HANDLE = r"(?<![\w.@/-])(?:[a-z][a-z0-9]*(?:[._][a-z0-9]+)+|[a-z]{3,}[a-z0-9]*\d{2,4})(?![\w@/-])"
#: A mail provider's name, inflected ("gmailu", "seznamu"); a name of two or three letters
#: takes a hyphenated ending only ("GMX-en"): "wp" and "o2" start everyday words ("wpisze").
_PROVIDER_WORD = (
    rf"\b(?:(?:{literal_alternation(p for p in MAIL_PROVIDERS if len(p) > 3)})\w*"
    rf"|(?:{literal_alternation(p for p in MAIL_PROVIDERS if len(p) <= 3)})(?:-\w+)?\b)"
)
_EMAIL_NEAR_PROVIDER = re.compile(
    rf"{_PROVIDER_WORD}[^.!?\n]{{0,60}}?{_HANDLE}|{_HANDLE}[^.!?\n]{{0,60}}?{_PROVIDER_WORD}"
)
_HANDLE_IN_MATCH = re.compile(_HANDLE)
#: A code word right before a handle: the handle is a code ("kód NOVINKY15", "code: ETE24").
_CODE_BEFORE = re.compile(
    rf"\b(?:{literal_alternation(LEXICON.union('marketing.code_words'))})\W{{0,3}}$"
)
#: A mailbox name, a little word, a domain ("julie.vasseur chez free point fr", "petra.lange
#: bei web.de", "ewa_k88 na wp.pl"): the domain's provider needs no name of the list.
#: The mailbox name has a dot or an underscore (a code "JARDIN20 sur shop.fr" is none), the
#: domain no path (a link).
_EMAIL_SAID_DOMAIN = re.compile(
    r"(?<![\w.@/-])[a-z][a-z0-9]*(?:[._][a-z0-9]+)+\s*,?\s+"
    rf"(?:{_LITTLE_WORD})\s+"
    rf"(?P<domain>{LABEL}(?:{DOT_ANY}{LABEL})*{DOT_ANY}{TLD})\b(?![/@-])"
)
_PREPOSITION_SET = frozenset(PROVIDER_PREPOSITIONS)
#: A mailbox name, a little word (bracketed or not), a domain with its dot said or bracketed:
#: "service bei elektro-meier punkt de", "contact chez jardinsdupays point fr", "rechnung (bei)
#: fahrradwerk-kiel (punkt) de", "marc point leroy chez free point fr". The name is a shared
#: mailbox's ("info", "kontakt": ``mailbox_words``) or dictated in parts; the said dot keeps
#: "prices at shop dot com" (one everyday word) a link.
MAILBOX_WORDS = LEXICON.union("address.mailbox_words")
#: "punto de", "point de", "punct de" and a word: "point of" ("pedidos en Correos punto de
#: entrega", "punct de lucru"), not the German top-level domain said.
_POINT_OF = re.compile(r"\b(?:punto|point|punct)\s+de$")
_A_WORD_NEXT = re.compile(r"\s+[^\W\d_]{2,}")
_EMAIL_PREPOSITION_DOMAIN = re.compile(
    rf"(?<![\w.@/-])(?:(?:{literal_alternation(MAILBOX_WORDS)})"
    rf"|{_SAID_PART}{_SAID_PARTS_AFTER})"
    rf"\s*,?\s+(?:{_LITTLE_WORD}|{OPEN}\s*(?:{_LITTLE_WORD})\s*{CLOSE}),?\s+"
    rf"(?P<domain>{LABEL}(?:{DOT_SAID}{LABEL}){{0,3}}{DOT_SAID}{TLD})\b(?![/@-])"
)
#: A shared mailbox's name, a word that only means "at" and a domain written with its dot
#: ("écrivez-nous à contact chez brulerie-dumont.fr", "service bei fahrrad-kiel.de"): with
#: "at", "on" or "sur" the same words name a site ("orders at shop.com").
_MAILBOX_AT = frozenset(LEXICON.union("address.mailbox_at"))
_EMAIL_MAILBOX_AT_DOMAIN = re.compile(
    rf"(?<![\w.@/-])(?:{literal_alternation(MAILBOX_WORDS)})"
    rf"\s+(?:{literal_alternation(_MAILBOX_AT)})\s+"
    rf"(?P<domain>{LABEL}(?:\.{LABEL}){{0,3}}\.{TLD})\b(?![\w/@-]|\.\w)"
)
#: Top-level domains after which a space may stand for the dot, once an "@" or a little word
#: put a mailbox name at a domain ("werkstatt.brandl at web de", "f.hajek na email cz", "tobi
#: punkt hartl bei web de").
_SPACE_TLDS = frozenset(
    {"com", "net", "eu", "fr", "de", "at", "pl", "cz", "sk", "hu", "ro", "es", "it", "uk", "ie"}
)
_EMAIL_SPACE_TLD = re.compile(
    # (not the platform's own discount code: "le code MKT-7Q2F la remise de 40 €")
    rf"(?<![\w.@/-])(?!(?:{'|'.join(COMMON['platform_codes'])})(?![\w-]))"
    r"(?:(?P<local>[a-z0-9][a-z0-9._-]*[a-z0-9])"
    # or dictated in parts: "tobi punkt hartl bei web de"
    rf"|(?P<said>[^\W_]{{3,30}}{_SAID_PARTS_AFTER}))"
    rf"(?:\s*(?P<sign>@)\s*"
    rf"|\s+(?P<word>{literal_alternation(BARE_AT_WORDS | _PREPOSITION_SET)})\s+)"
    rf"(?P<domain>{LABEL})\s+(?:{literal_alternation(_SPACE_TLDS)})(?![\w@/-]|\.\w)"
)
#: The words for "@" that are nothing else: after one, any name is a mailbox's ("service ät
#: fahrradteile-hoffmann de", "reklamace zavinac nabytek-hora cz"); after "at" or a little
#: word, only one written like a mailbox name is ("prices at shop de" is no address).
_ONLY_AT_WORDS = frozenset(BARE_AT_WORDS - _PREPOSITION_SET)
#: A domain of two words dictated after one of those ("preventivi, chiocciola, ceramiche
#: bianchi, punto it"): the space is the writer's, between the words of the shop's name.
_EMAIL_TWO_WORD_DOMAIN = re.compile(
    r"(?<![\w.+-])[^\W_][\w.%+-]*"
    rf"{PART_GAP}(?:{literal_alternation(_ONLY_AT_WORDS - {_AT})}){PART_GAP}"
    rf"(?P<domain>{LABEL}\s+{LABEL}){DOT_ANY}(?P<tld>{TLD})\b(?![\w/@-]|\.\w)"
)
#: What comes between the parts of an address dictated apart: a comma, a dash or a space.
_PART_BREAK = r"(?:\s*,\s*|\s+[-–]\s+|\s+)"
#: A mailbox name, a mail provider and its top-level domain, with spaces, commas or dashes for
#: the "@" and the dot ("servis-novak, seznam, cz", "kasia_b wp pl", "biuro - tech - onet -
#: pl"): a provider's name before its top-level domain is its domain.
_EMAIL_PROVIDER_TLD = re.compile(
    r"(?<![\w.@/-])(?P<handle>[a-z0-9][a-z0-9._-]{2,40}[a-z0-9]"
    # the name's own parts may be dictated apart with dashes ("biuro - textilhome - onet - pl")
    r"(?:\s+[-–]\s+[a-z0-9][a-z0-9._-]{0,40}[a-z0-9]){0,3})"
    rf"{_PART_BREAK}(?:{literal_alternation(MAIL_PROVIDERS)}){_PART_BREAK}"
    rf"(?:{literal_alternation(_SPACE_TLDS)})(?![\w@/-]|\.\w)"
)
#: A dash with spaces around it, between the parts of a name dictated apart.
_DASH_APART = re.compile(r"\s+[-–]\s+")
#: What marks a mailbox name: a dot or an underscore, or a digit after a letter…
_MARKED = re.compile(r"[._]|[a-z]\d")
#: …and, for a name with no "@" said before a provider, a hyphen too, between two characters
#: ("servis-novak").
_MARKED_APART = re.compile(r"[a-z][._-][a-z0-9]|[a-z]\d")


def _like_a_mailbox(handle: str, marked: re.Pattern[str]) -> bool:
    """Whether a word is written like a mailbox name: three letters or more, and a mark."""
    return sum(ch.isalpha() for ch in handle) >= 3 and marked.search(handle) is not None


#: An address written back to front ("moc.liamg@81kenam", with spaces around the signs: "zc .
#: mutnec @ alok.ketiv", or its halves in brackets: "(moc.liamg) @ (anedumla.selitxet)"),
#: read forwards.
_BACKWARDS = re.compile(
    r"(?<![\w.@-])[a-z]{2,6} ?\. ?[a-z0-9.-]*[a-z0-9]\)? ?@ ?\(?[a-z0-9._%+-]*[a-z0-9](?![\w@])"
)
#: An address written back to front with an at-word, itself forwards or backwards
#: ("uh.liamerf kukac roknats.salkim", "ku.oc.nomenom ta strunuoccA"); a short word may follow
#: the domain ("se.ofnielet ed arroba …"). Read forwards, it must be an address.
_ONE_WORD_BARE_ATS = [word for word in BARE_AT_WORDS if " " not in word]
_BACKWARDS_SAID = re.compile(
    r"(?<![\w.@-])(?P<domain>[a-z]{2,6}(?:\.[a-z0-9-]+)+)(?:\s+[a-z]{1,3})?\s+"
    rf"(?:@|{literal_alternation([*_ONE_WORD_BARE_ATS, *(w[::-1] for w in _ONE_WORD_BARE_ATS)])})"
    r"\s+(?P<local>[a-z0-9][a-z0-9._%+-]*[a-z0-9])(?![\w@])"
)
_BACKWARDS_SAID_ATS = frozenset([*_ONE_WORD_BARE_ATS, *(w[::-1] for w in _ONE_WORD_BARE_ATS)])
#: What ends a name that is a file or a site, not a mailbox ("foto.jpg", "seznam.cz").
_NOT_A_MAILBOX_END = frozenset({"jpg", "jpeg", "png", "pdf", "heic", "doc", "docx", "mp4", "zip"})
#: What ends a file's name and no domain ("logo@2x.png" is a picture for sharp screens).
_FILE_ENDS = _NOT_A_MAILBOX_END - {"zip"} | {"gif", "svg", "webp", "psd", "tif", "tiff", "eps"}
#: A pronoun joined to a verb by a hyphen ("envoyez-moi", "scrie-mi"): the pair is no mailbox name.
_PRONOUNS_AFTER_HYPHEN = frozenset(LEXICON.union("address.pronouns_after_hyphen"))

# Cheap look-ups that decide whether a detector can find anything at all (see gates).
_AT_IN_BRACKETS = re.compile(rf"{OPEN}\s*(?:@|{literal_alternation(AT_WORDS)})\s*{CLOSE}")
#: The bare at-words but "at" itself ("coadă de maimuță", "the at sign"), looked for as text.
_BARE_AT_PHRASES = tuple(sorted(BARE_AT_WORDS - {_AT}))
#: An at-word between hyphens, as ``_EMAIL_HYPHENATED`` reads it ("-zavinac-").
_HYPHENATED_ATS = tuple(sorted(f"-{word}-" for word in AT_WORDS if " " not in word))


def detect_email(norm: Normalised, found: Collector, facts: Facts) -> None:
    text = norm.text
    if facts.has_text("@"):
        platform = platform_domain()
        for match in _EMAIL_PLAIN.finditer(text):
            if is_platform_host(host_of(match.group()), platform):
                # support@marketplace.example and the like: the platform's own addresses.
                found.claim(match.start(), match.end())
            elif match.group().rsplit(".", 1)[-1] in _FILE_ENDS:
                address = match.group().rsplit(".", 1)[0]
                if (
                    _EMAIL_PLAIN.fullmatch(address)
                    and address.rsplit(".", 1)[-1] in TLDS
                    and not is_platform_host(host_of(address), platform)
                ):
                    # an address named as a file ("jean.dupont75@gmail.com.png"), found as typed
                    found.add("email", match.start(), match.start() + len(address), claim=True)
                else:
                    # a file's name with its pixel density, "logo@2x.png": no address
                    found.claim(match.start(), match.end())
            else:
                found.add("email", match.start(), match.end(), claim=True)
        for match in _ONE_BY_ONE.finditer(text):
            # a dash or a comma typed after the last letter ends the address ("… . s k –")
            typed = match.group().rstrip(_AFTER_AN_ADDRESS)
            address = typed.replace(" ", "")
            if (
                "@" in address
                and _EMAIL_PLAIN.fullmatch(address)
                and not is_platform_host(host_of(address), platform)
            ):
                found.add("email", match.start(), match.start() + len(typed), claim=True)
        for match in _EMAIL_HYPHEN_RUNS.finditer(text):
            typed = re.sub(r"\s+", "", match.group())
            address = _RUN_HYPHEN.sub("", typed)
            if (
                address != typed
                and _EMAIL_PLAIN.fullmatch(address)
                and not found.overlaps_claim(match.start(), match.end())
                and not is_platform_host(host_of(address), platform)
            ):
                found.add("email", match.start(), match.end(), claim=True)
        for match in _EMAIL_SPACED.finditer(text):
            if not found.overlaps_claim(match.start(), match.end()) and not _an_app_then_a_handle(
                text, match
            ):
                domain = re.sub(r"\s+", "", match.group().split("@")[-1])
                if is_platform_host(domain, platform):
                    found.claim(match.start(), match.end())
                else:
                    found.add("email", match.start(), match.end(), claim=True)
    if _may_hide_an_address(facts):
        for match in _EMAIL_OBFUSCATED.finditer(text):
            if found.overlaps_claim(match.start(), match.end()):
                continue
            if match.group("at").strip() == _AT and _bare_at_is_a_link(match):
                continue
            if _an_app_then_a_handle(text, match) or _A_PATH_AFTER.match(text, match.end()):
                continue  # "the manual at greenleaf-manuals dot co dot uk slash kettle": a link
            if match.group("local") == "s" and text[max(0, match.start() - 1)] in _APOSTROPHES:
                continue  # "my portfolio's at hollyhockprints dot co dot uk": "is at", a link
            if _own_site_before(text, match):
                continue  # "our own shop at wildwicks dot co dot uk": the shop is at a link
            if not any(ch.isalpha() for ch in match.group("domain")) and (
                sum(ch.isalpha() for ch in match.group("local")) < 3
            ):
                continue  # "5 @ 3 . fr each": a price, not an address ("ewa_k małpa 163 …" is)
            found.add("email", match.start(), match.end(), claim=True)
        for match in _EMAIL_TWO_WORD_DOMAIN.finditer(text):
            domain = re.sub(r"\s+", "", match.group("domain")) + "." + match.group("tld")
            if not found.overlaps_claim(match.start(), match.end()) and not is_platform_host(
                domain, platform_domain()
            ):
                found.add("email", match.start(), match.end(), claim=True)
    if facts.has_word(TLDS) and facts.has_text(*_HYPHENATED_ATS):
        for match in _EMAIL_HYPHENATED.finditer(text):
            if not found.overlaps_claim(match.start(), match.end()):
                found.add("email", match.start(), match.end(), claim=True)
    if facts.has_word(TLDS) and _has_an_at_sign_or_word(facts):
        for match in _EMAIL_REVERSED.finditer(text):
            if not found.overlaps_claim(match.start(), match.end()):
                found.add("email", match.start(), match.end(), claim=True)
    if facts.has_word(_SPACE_TLDS) and (
        "@" in text
        or facts.has_word(_PREPOSITION_SET)
        or _AT in facts.words
        or facts.has_text(*_BARE_AT_PHRASES)
    ):
        for match in _EMAIL_SPACE_TLD.finditer(text):
            if (
                not found.overlaps_claim(match.start(), match.end())
                and (
                    match.group("said")
                    or match.group("sign")
                    or match.group("word") in _ONLY_AT_WORDS
                    or _is_a_mailbox_name(match.group("local"))
                )
                and any(ch.isalpha() for ch in match.group("domain"))  # "Puzzle-ul de 1000 de"
            ):
                found.add("email", match.start(), match.end(), claim=True)
    if "@" in text:
        for match in _BACKWARDS.finditer(text):
            forwards = re.sub(r"[ ()]", "", match.group()[::-1])
            if (
                not found.overlaps_claim(match.start(), match.end())
                and _EMAIL_PLAIN.fullmatch(forwards)
                and forwards.rsplit(".", 1)[-1] in TLDS
            ):
                found.add("email", match.start(), match.end(), claim=True)
    if "." in text and ("@" in text or facts.has_word(_BACKWARDS_SAID_ATS)):
        for match in _BACKWARDS_SAID.finditer(text):
            local, domain = match.group("local")[::-1], match.group("domain")[::-1]
            if (
                not found.overlaps_claim(match.start(), match.end())
                and sum(ch.isalpha() for ch in local) >= 3
                and _EMAIL_PLAIN.fullmatch(f"{local}@{domain}")
                and domain.rsplit(".", 1)[-1] in TLDS
                and not is_platform_host(domain, platform_domain())
            ):
                found.add("email", match.start(), match.end(), claim=True)
    if facts.has_word(TLDS) and facts.has_word(_PREPOSITION_SET):
        for match in _EMAIL_SAID_DOMAIN.finditer(text):
            domain = re.sub(DOT_ANY, ".", match.group("domain"))
            if (
                not found.overlaps_claim(match.start(), match.end())
                and sum(ch.isalpha() for ch in match.group().split()[0]) >= 4  # not "v2.1"
                and _names_a_mailbox(match)
                and not is_platform_host(domain, platform_domain())
            ):
                found.add("email", match.start(), match.end(), claim=True)
    if facts.has_word(TLDS) and facts.has_word(_PREPOSITION_SET) and facts.has_word(DOT_WORDS):
        for match in _EMAIL_PREPOSITION_DOMAIN.finditer(text):
            domain = SAID_DOT.sub(".", match.group("domain"))
            if (
                not found.overlaps_claim(match.start(), match.end())
                and not is_platform_host(domain, platform_domain())
                and not _own_site_before(text, match)
                and not (_POINT_OF.search(match.group()) and _A_WORD_NEXT.match(text, match.end()))
            ):
                found.add("email", match.start(), match.end(), claim=True)
    if facts.has_word(TLDS) and facts.has_word(_MAILBOX_AT):
        for match in _EMAIL_MAILBOX_AT_DOMAIN.finditer(text):
            if not found.overlaps_claim(match.start(), match.end()) and not is_platform_host(
                match.group("domain"), platform_domain()
            ):
                found.add("email", match.start(), match.end(), claim=True)
    if facts.has_word(_PREPOSITION_SET) and (
        not facts.shortcuts or _SAID_AT_A_PROVIDER.search(text)
    ):
        for match in _EMAIL_SAID.finditer(text):
            # "paul_r1978", "thomas.veyrat"; not "X-200", "2026-100"
            handle, joined = match.group("handle"), match.group("joined")
            # parts said apart are a mark when each is a name ("compta point meubles-rivet"),
            # not a time ("um Punkt acht bei GMX")
            marked = (
                all(
                    sum(ch.isalpha() for ch in part) >= 3
                    for part in _SAID_JOIN.split(joined)
                    if part
                )
                if joined
                else _MARKED.search(handle)
            )
            if (
                marked
                and sum(ch.isalpha() for ch in handle) >= 3
                and not found.overlaps_claim(match.start(), match.end())
            ):
                found.add("email", match.start(), match.end(), claim=True)
    # Gate: a provider's name, inflected or not ("gmailu", "GMX-en").
    if facts.has_text(*MAIL_PROVIDERS):
        if facts.has_word(_SPACE_TLDS):
            for match in _EMAIL_PROVIDER_TLD.finditer(text):
                if _like_a_mailbox(
                    _DASH_APART.sub("-", match.group("handle")), _MARKED_APART
                ) and not found.overlaps_claim(match.start(), match.end()):
                    found.add("email", match.start(), match.end(), claim=True)
        if facts.has_word(DOT_WORDS) or facts.has_word(JOIN_WORDS):
            for match in _EMAIL_SAID_PARTS.finditer(text):
                if not found.overlaps_claim(match.start(), match.end()):
                    found.add("email", match.start(), match.end(), claim=True)
        for match in _EMAIL_NEAR_PROVIDER.finditer(text):
            if found.overlaps_claim(match.start(), match.end()):
                continue
            if _names_a_mailbox(match):
                found.add("email", match.start(), match.end(), soft=True)
            elif _named_there(text, match):
                found.add("email", match.start(), match.end(), claim=True)
    # A provider named alone, not part of an address found above: a word finding the intent
    # model may explain ("my gmail account was hacked").
    if facts.has_text(*MAILBOX_NAMES):
        for match in _MAILBOX_NAMED.finditer(text):
            if not found.overlaps_claim(match.start(), match.end()) and not _NEGATED.search(
                text, max(0, match.start() - 24), match.start()
            ):
                found.add("email", match.start(), match.end(), soft=True)
    if facts.has_word(MAIL_PROVIDER_SET):  # the provider is a whole word in every match
        for match in _EMAIL_PROVIDER.finditer(text):
            if _handle_after_provider(match):
                found.add("email", match.start(), match.end("handle"), claim=True)


def _handle_after_provider(match: re.Match[str]) -> bool:
    """Whether an ``_EMAIL_PROVIDER`` match names a mailbox: a handle with a digit, a dot or
    an underscore ("gmail: jan.kowalski", "gmail is jeandupont75"), or a long word that ends
    the clause ("my gmail is liamvintagewatches, …"). A word that goes on is the provider
    talked about ("iCloud is switched off"), and one joined to it by a hyphen is a compound
    ("iCloud-Aktivierungssperre", "gmx-Adresse")."""
    handle = match.group("handle")
    if any(ch.isdigit() for ch in handle) or "." in handle or "_" in handle:
        return True
    compound = match.string[match.end("gap") : match.start("handle")] == "-"
    return (
        len(handle) > 6
        and not compound
        and _GOES_ON.match(match.string, match.end("handle")) is None
    )


def _is_a_mailbox_name(local: str) -> bool:
    """A mailbox name rather than a word before "at" or "na": four letters or more, and a dot,
    an underscore or a digit ("werkstatt.brandl", "tim_r", "ola84"), or a hyphen in a long name
    ("reklamace-pneu", not "e-shop", nor a verb and its pronoun: "envoyez-moi")."""
    letters = sum(ch.isalpha() for ch in local)
    if letters < 4 or local.rsplit(".", 1)[-1] in TLDS | _NOT_A_MAILBOX_END:
        return False
    if "." in local or "_" in local or any(ch.isdigit() for ch in local):
        return True
    # "envoyez-moi la photo de …": a verb and its pronoun, not a name at "photo.de"
    return "-" in local and letters >= 8 and local.rsplit("-", 1)[-1] not in _PRONOUNS_AFTER_HYPHEN


def _names_a_mailbox(match: re.Match[str]) -> bool:
    """A handle of ``_EMAIL_NEAR_PROVIDER`` is no site or file name, not the provider, and no
    code said as one ("dostanete zoznam noviniek + kód NOVINKY15": "zoznam" is a list)."""
    for found in _HANDLE_IN_MATCH.finditer(match.string, match.start(), match.end()):
        handle = found.group()
        if _CODE_BEFORE.search(match.string, max(0, found.start() - 16), found.start()):
            continue
        if sum(ch.isalpha() for ch in handle) < 4:
            continue  # a company's legal form: "Kolo Centrum s.r.o.", "a.s."
        last = re.split(r"[._]", handle)[-1]
        if "." in handle and (last in TLDS or last in _NOT_A_MAILBOX_END):
            continue
        if any(provider in handle for provider in MAIL_PROVIDERS):
            continue
        if is_platform_host(handle, platform_domain()):
            continue  # "… na pl.marketplace.example": the platform's own site
        return True
    return False


#: Right before a handle after a mail provider, or right after the handle: the handle is the
#: writer's name there ("on gmail, I'm sarah.jones.uk", "su gmail come arredibianchi.shop",
#: "a gmailen, kovacsbutor.info a nevem").
_NAME_AS_WORDS = literal_alternation(LEXICON.union("address.name_as"))
_NAMED_BEFORE = re.compile(rf"\b(?:{_NAME_AS_WORDS})\W{{0,3}}$")
_NAMED_AFTER = re.compile(rf"\W{{0,3}}(?:\w{{1,3}}\s+)?(?:{_NAME_AS_WORDS})\b")
_PROVIDER_FIRST = re.compile(_PROVIDER_WORD)


def _named_there(text: str, match: re.Match[str]) -> bool:
    """Whether a match of ``_EMAIL_NEAR_PROVIDER`` names the provider first and then a handle
    said to be the writer's name there: a mailbox name even if it ends like a domain."""
    provider = _PROVIDER_FIRST.match(text, match.start())
    handles = list(_HANDLE_IN_MATCH.finditer(text, match.start(), match.end()))
    if provider is None or not handles:
        return False
    handle = handles[-1]
    return (
        _NAMED_BEFORE.search(text[provider.end() : handle.start()]) is not None
        or _NAMED_AFTER.match(text, handle.end()) is not None
    )


def _may_hide_an_address(facts: Facts) -> bool:
    """Whether ``_EMAIL_OBFUSCATED`` can yield an address: it ends with a top-level domain
    word, and its "at" is "@", bracketed, or a bare at-word; a bare "at" only counts with a
    spelled-out dot or a webmail provider (``_bare_at_is_a_link``)."""
    if not facts.shortcuts:
        return True
    if not facts.has_word(TLDS):
        return False
    if _has_an_at_sign_or_word(facts):
        return True
    return _AT in facts.words and (
        facts.has_word(DOT_WORDS)
        or facts.has_word(MAIL_PROVIDER_SET)
        or facts.has_word(MAIL_PROVIDER_SAID_SET)
    )


def _has_an_at_sign_or_word(facts: Facts) -> bool:
    """An "@", an at-word in brackets, or a bare at-word other than "at" ("arobase", "the at
    sign"): what an address needs when a bare "at" does not make it one."""
    return (
        "@" in facts.text
        or _AT_IN_BRACKETS.search(facts.text) is not None
        or facts.has_text(*_BARE_AT_PHRASES)
    )


def _own_site_before(text: str, match: re.Match[str]) -> bool:
    """The "mailbox name" of ``match`` ends the writer's own shop or site ("our own shop at …",
    "unserem eigenen Shop auf …"): the domain after it is where the shop is, a link."""
    local_end = match.start() + len(match.group().split(None, 1)[0])
    return _OWN_SITE.search(text, max(0, match.start() - 40), local_end) is not None


def _bare_at_is_a_link(match: re.Match[str]) -> bool:
    """ "find us at shop.com" is a link; "orders at greyhoundprints dot com" and "m.weber at
    web.de" (a mail provider named by an everyday word, typed as its domain) are addresses."""
    if match.group("local") in AT_STOPWORDS:
        return True
    dot_spelled_out = "." not in match.string[match.start("domain") : match.end()]
    return not dot_spelled_out and not is_mail_provider(match.group("domain"), said=True)
