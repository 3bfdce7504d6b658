"""Normalisation with an offset map: what every detector reads.

The text is NFKC-normalised and lower-cased cluster by cluster (a base character plus its
combining marks), zero-width characters and emojis' keycaps are dropped ("0️⃣" is "0"),
letters of other scripts that look like Latin ones are folded to them (Unicode's
confusables, one character for one), a middle dot before a top-level domain is a dot, the
snail emoji is the at sign, and for every character of the normalised text we keep the span
of the original text it came from.  Every detector works on the normalised text; offsets are
mapped back so ``text[f.start:f.end]`` is what was found.

Text that is already normalised is only lower-cased (the offset map is the identity).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from helpdesk.scanner.domains import TLDS
from helpdesk.scanner.lexicon import LEXICON

ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
#: What makes a character an emoji's keycap or its emoji form ("0️⃣" is "0", U+FE0F, U+20E3):
#: dropped from the cluster, so "0️⃣6️⃣ 1️⃣2️⃣" reads "06 12" and each digit keeps its keycap's
#: span.
_EMOJI_FORM = "\ufe0f\u20e3"
_DROP_EMOJI_FORM = str.maketrans("", "", _EMOJI_FORM)
_ZERO_WIDTH_OR_MARK = re.compile(
    f"[\u200b\u200c\u200d\u2060\ufeff\u00ad\u0300-\u036f{_EMOJI_FORM}]"
)
_CLUSTER = re.compile(f".[\u0300-\u036f{_EMOJI_FORM}]*", re.DOTALL)
_MARKS_ONLY = re.compile("[\u0300-\u036f]*")


@lru_cache(maxsize=1)
def look_alike_table() -> dict[int, str]:
    """Letters of other scripts that look like a Latin letter or digit, folded to it (Greek
    rho → p, Cyrillic "е" → e, Lisu "ꓪ" → w), from Unicode's confusables (TR39) as the
    `confusable_homoglyphs` package ships them; and Latin letters of no market's alphabet that
    look like an ASCII one, with or without a stroke ("Ð" → d, "ø" → o, "ı" → i). The letters
    the language files are written with (ł, č, ő: ``Lexicon.letters``) keep their meaning.
    One character for one, so offsets do not move. Built on the first text beyond ASCII
    (about a tenth of a second), not at import; the web process builds it before it forks its
    workers (``config/wsgi.py``)."""
    import importlib.resources
    import json

    path = importlib.resources.files("confusable_homoglyphs") / "confusables.json"
    table: dict[int, str] = {}
    own = LEXICON.letters()
    for char, entries in json.loads(path.read_text(encoding="utf-8")).items():
        if len(char) != 1 or char.isascii():
            continue
        if "LATIN" in unicodedata.name(char, "LATIN"):
            # A Latin letter of no market's alphabet that is an ASCII letter with a stroke, a
            # bar or a hook ("Ð", "đ", "ø", "ƒ") or looks like one ("ı", "ɑ"): "Ðiscord".
            if char.lower() in own:
                continue
            for entry in entries:
                base, marks = entry["c"][:1], entry["c"][1:]
                if base.isascii() and base.isalnum() and _MARKS_ONLY.fullmatch(marks):
                    table[ord(char)] = base.lower()
                    break
            continue
        for entry in entries:
            target = entry["c"].lower()
            if len(target) == 1 and target.isascii() and target.isalnum():
                table[ord(char)] = target
                break
    # A Latin letter of no market's alphabet that is an ASCII letter with accents ("å", "ā",
    # "õ"): "Whåtsapp".
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        char = chr(code)
        if code in table or char.lower() in own:
            continue
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[:1], decomposed[1:]
        if marks and base.isascii() and base.isalpha() and _MARKS_ONLY.fullmatch(marks):
            table[code] = base.lower()
    # The small letter of a capital that looks Latin reads as that letter too (Cyrillic
    # "Т" is "T", so "т" in "теlеgrаm" is "t"), when it is not a look-alike of its own.
    for code, target in list(table.items()):
        small = chr(code).lower()
        if len(small) == 1 and small != chr(code) and ord(small) not in table:
            table[ord(small)] = target
    return table


#: Characters outside the Latin letters, punctuation, symbols and emoji the markets write: only
#: a text with one of them can hold a look-alike letter to fold.
_UNUSUAL = re.compile(
    "[^\x00-\u024f\u1e00-\u1eff\u2000-\u2bff\u3000-\u303f\ufe00-\ufe0f\U0001f000-\U0001faff]"
)


@lru_cache(maxsize=1)
def _latin_look_alikes() -> re.Pattern[str]:
    """The Latin letters ``look_alike_table`` folds (``_UNUSUAL`` lets them through)."""
    latin = sorted(
        chr(code)
        for code in look_alike_table()
        if not _UNUSUAL.match(chr(code)) and "LATIN" in unicodedata.name(chr(code), "")
    )
    return re.compile(f"[{re.escape(''.join(latin))}]")


def fold(text: str) -> str:
    """``text`` with look-alike letters folded (the same length)."""
    if text.isascii() or not (_UNUSUAL.search(text) or _latin_look_alikes().search(text)):
        return text
    return text.translate(look_alike_table())


#: A middle dot or a bullet written for the dot before a top-level domain
#: ("mueblesdelsur·es"): a dot.  Not between two words ("col·lecció" in Catalan).
_DOT_MARKS = "·•∙⋅‧"
_DOT_LOOK_ALIKE = re.compile(
    rf"(?<=[a-z0-9])[{_DOT_MARKS}]"
    rf"(?=(?:{'|'.join(map(re.escape, sorted(TLDS, key=lambda tld: (-len(tld), tld))))})"
    r"(?![\w·]))"
)


def _dots(text: str) -> str:
    """``text`` with the dots written as a middle dot or a bullet in a domain made dots (the
    same length)."""
    if not any(mark in text for mark in _DOT_MARKS):
        return text
    return _DOT_LOOK_ALIKE.sub(".", text)


#: The snail, which Italian calls the at sign ("chiocciola"), written for it: "ceramichefiore 🐌
#: alice . it" is an address.
_AT_EMOJI = "\U0001f40c"


def _signs(text: str) -> str:
    """``text`` with a sign written as an emoji made the sign (the same length)."""
    return text.replace(_AT_EMOJI, "@") if _AT_EMOJI in text else text


@dataclass(frozen=True)
class Normalised:
    """Normalised lower-case text plus, per character, the original span it came from."""

    original: str
    text: str
    starts: tuple[int, ...] | None  # None: the identity map (already normalised text)
    ends: tuple[int, ...] | None

    def span(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def normalise(text: str, *, shortcuts: bool = True) -> Normalised:
    lowered = text.lower()
    # Already NFKC, no zero-width characters, no combining mark left (it would share its base
    # letter's span), lower() kept the length (it does not for "İ") and lowered no capital
    # sigma (the whole text's lower() writes a word-final "Σ" as "ς", a cluster alone as "σ"):
    # normalising cluster by cluster would give the same text with the same offsets.
    if shortcuts and (
        text.isascii()
        or (
            len(lowered) == len(text)
            and "Σ" not in text
            and unicodedata.is_normalized("NFKC", text)
            and not _ZERO_WIDTH_OR_MARK.search(text)
        )
    ):
        return Normalised(text, _signs(_dots(fold(lowered))), None, None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for match in _CLUSTER.finditer(text):
        cluster = match.group()
        if ZERO_WIDTH.fullmatch(cluster):
            continue
        piece = fold(unicodedata.normalize("NFKC", cluster.translate(_DROP_EMOJI_FORM)).lower())
        if not piece:
            continue
        out.append(piece)
        starts.extend([match.start()] * len(piece))
        ends.extend([match.end()] * len(piece))
    return Normalised(text, _signs(_dots("".join(out))), tuple(starts), tuple(ends))
