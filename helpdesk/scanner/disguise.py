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
#: A name spelled out letter by letter with a separator between every two letters.
_SPELLED_OUT = re.compile(r"(?<![^\W_])(?:[^\W_][ .\-_*·•|/]){3,}[^\W_](?![^\W_])")
#: Digits and signs written for letters (common.toml).
_LEET = str.maketrans(dict(COMMON["leet"]))
#: The same, with the second reading of the signs that stand for two letters ("1": i or l).
_LEET_ALSO = str.maketrans({**dict(COMMON["leet"]), **dict(COMMON["leet_also"])})
_CHANNEL_START = re.compile(rf"(?:{'|'.join(COMMON['social_stems'])})")


#: A word cut by one to three dots, hyphens, underscores or stars ("Vi.ber", "What.sApp",
#: "Tele-gram"): an app's name once joined.
_CUT_WORD = re.compile(r"(?<![\w.@/-])[^\W\d_]+(?:[.\-_*·][^\W\d_]+){1,3}(?![\w@/-]|\.\w)")
#: Letters an inflection may add to a name cut apart ("na Vi.beru").
_CUT_ENDING = 3

_CHANNEL_LETTERS = tuple(frozenset(name) for name in DISGUISED_CHANNELS)
_LETTER_NEXT_TO_DIGIT = re.compile(r"[a-z][0-9@$]|[0-9@$][a-z]")


def detect_disguised_channels(norm: Normalised, found: Collector, facts: Facts) -> None:
    """App names written to slip past a word list: spaced or dotted letters, digits for
    letters. (Look-alike letters of other scripts are folded by the normalisation.)"""
    text = norm.text
    # Gate: a name spelled out leaves at least four of its letters as one-letter words.
    single = {word for word in facts.words if len(word) == 1}
    if not facts.shortcuts or any(len(single & letters) >= 4 for letters in _CHANNEL_LETTERS):
        for match in _SPELLED_OUT.finditer(text):
            letters = "".join(ch for ch in match.group() if ch.isalnum())
            if any(name in letters for name in DISGUISED_CHANNELS):
                found.add("social", match.start(), match.end())
    # A name cut apart by a sign inside it (the first cut falls inside the name).
    for match in _CUT_WORD.finditer(text):
        if _cut_channel(match.group()) and not found.overlaps_claim(*match.span()):
            found.add("social", *match.span())
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
        word = text[start:end]
        if not found.overlaps_claim(start, end) and _reads_as_channel(word):
            found.add("social", start, end)


def _reads_as_channel(word: str) -> bool:
    """Whether a word with digits or signs for letters is an app's name ("W4tsapp",
    "Te1egram", "S1gnal": a name that is also a word is a channel once disguised)."""
    for table in (_LEET, _LEET_ALSO):
        plain = word.translate(table)
        if _CHANNEL_START.match(plain) or plain.startswith(DISGUISED_CHANNELS):
            return True
    return False


def _in_leet_word(char: str) -> bool:
    return char.isalnum() or char in "@$"


def _cut_channel(word: str) -> bool:
    """Whether a word cut by signs is an app's name joined ("vi.ber", "what.sapp", "tele-gramu"),
    the first cut inside the name (not "whatsapp.com", a link, or "viber-számon")."""
    first = re.split(r"[.\-_*·]", word, maxsplit=1)[0]
    joined = re.sub(r"[.\-_*·]", "", word)
    return any(
        len(first) < len(name) <= len(joined) <= len(name) + _CUT_ENDING and joined.startswith(name)
        for name in DISGUISED_CHANNELS
    )
