"""App names in disguise: spelled out letter by letter ("W h a t s A p p", "T.e.l.e.g.r.a.m")
or with digits and signs for letters ("W4tsapp", "1nst4gr4m").  Look-alike letters of other
scripts are folded by the normalisation already.
"""

from __future__ import annotations

import re

from helpdesk.scanner.findings import Collector
from helpdesk.scanner.gates import Facts
from helpdesk.scanner.lexicon import COMMON
from helpdesk.scanner.normalise import Normalised

#: Messaging apps and networks whose name, once its disguise is taken off, moves the talk
#: off the platform: "W h a t s A p p", "T.e.l.e.g.r.a.m", "W4tsapp", "1nst4gr4m".
DISGUISED_CHANNELS = tuple(COMMON["disguised_channels"])
#: Payment services whose name, disguised, asks for a payment outside: "P4yp@l", "Rev0lut".
DISGUISED_PAYMENTS = tuple(COMMON["disguised_payments"])
#: Each disguised name with the kind its disguise gives away.
_NAMES = (
    *((name, "social") for name in DISGUISED_CHANNELS),
    *((name, "payment") for name in DISGUISED_PAYMENTS),
)
#: A name spelled out letter by letter with a separator between every two letters.
_SPELLED_OUT = re.compile(r"(?<![^\W_])(?:[^\W_][ .\-_*·•|/]){3,}[^\W_](?![^\W_])")
#: Digits and signs written for letters (common.toml).
_LEET = str.maketrans(dict(COMMON["leet"]))
#: The same, with the second reading of the signs that stand for two letters ("1": i or l).
_LEET_ALSO = str.maketrans({**dict(COMMON["leet"]), **dict(COMMON["leet_also"])})
_CHANNEL_START = re.compile(rf"(?:{'|'.join(COMMON['social_stems'])})")


#: A word cut by one to four dots, hyphens, underscores or stars ("Vi.ber", "What.sApp",
#: "Tele-gram", "Te.le.gr.am-on" with a Hungarian ending): an app's name once joined.
_CUT_WORD = re.compile(r"(?<![\w.@/-])[^\W\d_]+(?:[.\-_*·][^\W\d_]+){1,4}(?![\w@/-]|\.\w)")
#: Letters an inflection may add to a name cut apart ("na Vi.beru").
_CUT_ENDING = 3

_NAME_LETTERS = tuple(frozenset(name) for name, _ in _NAMES)


#: Latin letters written for a name's letter because they look like it: a capital I for an l
#: ("TeIegram", "PayPaI"), q for g ("Teleqram"), rn for m ("Instagrarn"), vv for w
#: ("VVhatsApp").
_LOOK_ALIKES = {"l": "i", "g": "q", "m": "rn", "w": "vv"}


def _look_alike_variants(name: str) -> set[str]:
    """The name with one or more of its letters written as a Latin look-alike, lower-cased:
    "teiegram", "paypai", "teleqram", "instagrarn", "vvhatsapp"."""
    variants = {""}
    for char in name:
        variants = {v + char for v in variants} | (
            {v + _LOOK_ALIKES[char] for v in variants} if char in _LOOK_ALIKES else set()
        )
    return variants - {name}


#: A name written with look-alike letters, as the lower-cased text has it, with the kind it
#: gives away.
_LOOK_ALIKE_VARIANTS = {
    variant: kind
    for name, kind in _NAMES
    for variant in _look_alike_variants(name)
    if variant != "signai"  # French: "je signai", "ils signaient"
}
_LETTER_NEXT_TO_DIGIT = re.compile(r"[a-z][0-9@$]|[0-9@$][a-z]")
#: Letters, then a number of two digits or more: a product's model ("insta360").
_MODEL_NAME = re.compile(r"[^\W\d_]+\d{2,}")


def detect_disguised_channels(norm: Normalised, found: Collector, facts: Facts) -> None:
    """App names written to slip past a word list: spaced or dotted letters, digits for
    letters. (Look-alike letters of other scripts are folded by the normalisation.)"""
    text = norm.text
    # Gate: a name spelled out leaves at least four of its letters as one-letter words.
    single = {word for word in facts.words if len(word) == 1}
    if not facts.shortcuts or any(len(single & letters) >= 4 for letters in _NAME_LETTERS):
        for match in _SPELLED_OUT.finditer(text):
            letters = "".join(ch for ch in match.group() if ch.isalnum())
            kind = next((kind for name, kind in _NAMES if name in letters), None)
            if kind:
                found.add(kind, match.start(), match.end())
    # A name cut apart by a sign inside it (the first cut falls inside the name).
    for match in _CUT_WORD.finditer(text):
        kind = _cut_name(match.group())
        if kind and not found.overlaps_claim(*match.span()):
            found.add(kind, *match.span())
    # Look-alike letters ("teIegram", "Teleqram"): no word of any market reads as a name
    # that way.
    for variant, kind in _LOOK_ALIKE_VARIANTS.items():
        if variant in text:
            for match in re.finditer(rf"(?<!\w){re.escape(variant)}\w*", text):
                if not found.overlaps_claim(*match.span()):
                    found.add(kind, *match.span())
    # A digit or sign for a letter: only words where a letter touches one are read.
    seen: set[int] = set()
    for hit in _LETTER_NEXT_TO_DIGIT.finditer(text):
        start, end = hit.start(), hit.end()
        while start > 0 and _in_leet_word(text[start - 1]):
            start -= 1
        while end < len(text) and _in_leet_word(text[end]):
            end += 1
        if start in seen or end - start < 5:
            continue
        seen.add(start)
        # (a digit folded from a look-alike letter is no digit written: "Вайбер" → "baй6ep")
        low, high = norm.span(start, end)
        if not any(char.isdigit() or char in "@$" for char in norm.original[low:high]):
            continue
        word = text[start:end]
        if not found.overlaps_claim(start, end) and (kind := _leet_kind(word)):
            found.add(kind, start, end)


def _name_kind(plain: str) -> str | None:
    """The kind of the disguised name a plain word starts with."""
    return next((kind for name, kind in _NAMES if plain.startswith(name)), None)


def _leet_kind(word: str) -> str | None:
    """The kind of the name a word with digits or signs for letters is ("W4tsapp",
    "Te1egram", "S1gnal": a name that is also a word is a channel once disguised; "P4yp@l":
    a payment service). Letters with a number after them name a model, not a disguise
    ("Insta360", "Signal5"): a disguise puts its digits among the name's letters."""
    if _MODEL_NAME.fullmatch(word):
        return None
    for table in (_LEET, _LEET_ALSO):
        plain = word.translate(table)
        if _CHANNEL_START.match(plain):
            return "social"
        if kind := _name_kind(plain):
            return kind
    return None


def _in_leet_word(char: str) -> bool:
    return char.isalnum() or char in "@$"


def cut_name_at(text: str, start: int) -> str | None:
    """The kind of the app's name cut apart by signs that starts at ``start`` ("Wh.ats.app",
    "Te.le.gr.am-on"), if one does: ``links`` leaves such a word to this module, no host."""
    word = _CUT_WORD.match(text, start)
    return _cut_name(word.group()) if word else None


def _cut_name(word: str) -> str | None:
    """The kind of the name a word cut by signs is, joined ("vi.ber", "what.sapp",
    "tele-gramu", "pay.pal"), the first cut inside the name (not "whatsapp.com", a link, or
    "viber-számon")."""
    first = re.split(r"[.\-_*·]", word, maxsplit=1)[0]
    joined = re.sub(r"[.\-_*·]", "", word)
    return next(
        (
            kind
            for name, kind in _NAMES
            if len(first) < len(name) <= len(joined) <= len(name) + _CUT_ENDING
            and joined.startswith(name)
        ),
        None,
    )
