"""Phone numbers spelled with number words, in any language of the lexicons ("zéro six, 38,
soixante et onze", "siedemset trzydzieści trzy", "einundzwanzig"), digits and words mixed.

A run of number words, digit groups and connectors is turned into digits (hundreds, then
tens, then units, compounds split) and confirmed as a phone number like one written with
digits (``phone``).  The message's language narrows the languages read; without it every
language is read, in ``language_order`` (common.toml).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from helpdesk.scanner.findings import Collector
from helpdesk.scanner.gates import Facts
from helpdesk.scanner.lexicon import HUNDRED, LEXICON
from helpdesk.scanner.normalise import Normalised
from helpdesk.scanner.phone import (
    ID_IS,
    ID_KEYWORDS,
    PHONE_CUE_INSIDE,
    PIECE,
    SENTENCE_ENDS,
    has_cue,
    is_a_measure,
    is_phone_number,
    masks_a_digit,
)

# Number words per language, value → forms.  HUNDRED marks a hundred that multiplies a preceding
# unit ("sept cent", "sedm set", "hét száz"); 0 is a zero that always stands alone.
NUMBER_WORDS: dict[str, dict[int, tuple[str, ...]]] = {
    language: LEXICON.numbers(language) for language in LEXICON.languages
}
#: Words that join number words inside one number ("soixante et onze", "treinta y dos").
NUMBER_CONNECTORS: dict[str, frozenset[str]] = {
    language: frozenset(LEXICON.entries[language]["numbers.connectors"])
    for language in LEXICON.languages
}
#: Words that say the next digit two or three times ("double two" is 22, "triple oh" 000).
REPEATS: dict[str, dict[str, int]] = {
    language: {
        **dict.fromkeys(LEXICON.entries[language]["numbers.double_words"], 2),
        **dict.fromkeys(LEXICON.entries[language]["numbers.triple_words"], 3),
    }
    for language in LEXICON.languages
}
_ALL_REPEATS = frozenset().union(*REPEATS.values())
#: Words that say "+" before a spelled number ("plus trente-trois, six, …", "plusz harminchat").
PLUS_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(LEXICON.entries[language]["numbers.plus_words"])
    for language in LEXICON.languages
}
#: In a run's values, a repeat word is the negative of its count (-1 is a connector).
_REPEAT_MARKS = {2: -2, 3: -3}
#: "Then" between the groups of a number said in parts ("null eins sieben drei, dann vier fünf
#: acht, dann …"): after a comma and before a number word, it ends a group as a comma does.
#: One word of three letters or more that joins no number ("and" does: "forty and two").
THEN_WORDS: dict[str, frozenset[str]] = {
    language: frozenset(
        word
        for word in LEXICON.entries[language]["address.then_words"]
        if len(word) >= 3 and " " not in word and word not in NUMBER_CONNECTORS[language]
    )
    for language in LEXICON.languages
}
_ALL_THEN_WORDS = frozenset().union(*THEN_WORDS.values())
#: Connectors that may also appear inside a compound word ("einundsiebzig").
COMPOUND_CONNECTORS = frozenset(LEXICON.union("numbers.connectors_in_compounds"))

_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
_RUN_GAP = re.compile(r"[\s,;:\-–./()]*")
_RUN_GAP_CHARS = frozenset(",;:-–./()")
_PAUSE = ","
_PAUSE_OR_STOP = re.compile(r"[,.]")
_INTRODUCED = ":"
_SENTENCE_END = re.compile(r"\.\s")


def _is_letter(char: str) -> bool:
    """A character of ``[^\\W\\d_]``, the letters of ``_TOKEN``."""
    return char.isalnum() and not char.isdecimal()


def _build_lexicon() -> dict[str, dict[str, int]]:
    lexicon: dict[str, dict[str, int]] = {}
    for language, table in NUMBER_WORDS.items():
        words: dict[str, int] = {}
        for value, forms in table.items():
            for form in forms:
                words[form] = value
                words.setdefault(_strip_accents(form), value)
        lexicon[language] = words
    return lexicon


def _strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ł", "l")


NUMBER_LEXICON = _build_lexicon()
#: Forms that are only morphemes, never whole words: elided Italian tens ("ventuno" = vent +
#: uno), Hungarian tens before a unit ("tizenegy").
_ONLY_IN_COMPOUNDS = frozenset(LEXICON.union("numbers.only_in_compounds"))
#: Every number word and compound part of every language, for a first cheap test.
_ANY_NUMBER_PART = frozenset().union(*NUMBER_LEXICON.values()) | COMPOUND_CONNECTORS
_ALL_CONNECTORS = frozenset().union(*NUMBER_CONNECTORS.values())
_LONGEST_PART = max(len(part) for part in _ANY_NUMBER_PART)


@lru_cache(maxsize=8192)
def _word_values(word: str, language: str) -> tuple[int, ...] | None:
    """Values of a number word, splitting compounds ("einundsiebzig", "hétszázhuszonegy")."""
    lexicon = NUMBER_LEXICON[language]
    if word in lexicon and word not in _ONLY_IN_COMPOUNDS:
        return (lexicon[word],)
    if len(word) < 5:
        return None
    return _segment(word, language)


@lru_cache(maxsize=8192)
def _segment(word: str, language: str) -> tuple[int, ...] | None:
    if not word:
        return ()
    lexicon = NUMBER_LEXICON[language]
    for size in range(min(len(word), 16), 1, -1):
        head = word[:size]
        if head in lexicon or head in COMPOUND_CONNECTORS:
            rest = _segment(word[size:], language)
            if rest is not None:
                value = -1 if head in COMPOUND_CONNECTORS else lexicon[head]
                return (value, *rest)
    return None


@lru_cache(maxsize=16384)
def _number_word_size(word: str, languages: tuple[str, ...]) -> int:
    """How many values the word stands for in the most generous of the languages, 0 if it is
    no number word in any of them."""
    if word not in _ANY_NUMBER_PART and not _may_be_compound(word):
        return 0
    return max(len(_word_values(word, language) or ()) for language in languages)


def _may_be_compound(word: str) -> bool:
    """A compound starts and ends with a number word of some language (``_segment``)."""
    if len(word) < 5:
        return False
    sizes = range(2, min(len(word), _LONGEST_PART) + 1)
    return any(word[:size] in _ANY_NUMBER_PART for size in sizes) and any(
        word[-size:] in _ANY_NUMBER_PART for size in sizes
    )


class _Phrase:
    """Combines number words into one number: hundreds, then tens, then units."""

    def __init__(self) -> None:
        self.hundreds = 0
        self.tens = 0
        self.units = 0
        self.locked = False  # a teen fills the units too
        self.joined = False  # "und" seen: German unit-before-tens order
        self.used = False

    def take(self, value: int) -> bool:
        """Add a value if it extends this number; False means it starts a new one."""
        if value == -1:
            self.joined = True
            return self.used
        accepted = self._accept(value)
        if accepted:
            self.used = True
        self.joined = False
        return accepted

    def _accept(self, value: int) -> bool:
        has_low = self.tens or self.units
        if value == HUNDRED:
            if not self.hundreds and not self.tens and self.units:
                self.hundreds, self.units = self.units * 100, 0
                return True
            if not self.used:
                self.hundreds = 100
                return True
            return False
        if value >= 100:
            if self.used:
                return False
            self.hundreds = value
            return True
        if value % 10 == 0:
            return self._accept_tens(value)
        if 10 < value < 20:
            if not has_low:
                self.tens, self.locked = value, True
                return True
            if self.tens in (60, 80) and not self.units and not self.locked:
                self.tens, self.locked = self.tens + value, True
                return True
            return False
        if self.units or self.locked:
            return False
        if self.tens and self.tens % 10 and not self.locked:
            return False
        self.units = value
        return True

    def _accept_tens(self, value: int) -> bool:
        if self.locked:
            return False
        if not self.tens and not self.units:
            self.tens = value
            return True
        if self.tens in (60, 80) and value == 10 and not self.units:
            self.tens += 10
            return True
        if not self.tens and self.units == 4 and value == 20:  # quatre-vingt
            self.tens, self.units = 80, 0
            return True
        if not self.tens and self.units and self.joined:  # einundsiebzig
            self.tens = value
            return True
        return False

    def digits(self) -> str:
        return str(self.hundreds + self.tens + self.units)


def _spelled_digits(values: list[int]) -> tuple[str, int]:
    """Digit string and count of number words for a run of word values (-2 marks a digit run)."""
    out: list[str] = []
    phrase: _Phrase | None = None
    repeat = 1
    for value in values:
        if value in (-2, -3):  # "double", "triple": the next digit is said again
            if phrase and phrase.used:
                out.append(phrase.digits())
            phrase = None
            repeat = -value
            continue
        if repeat > 1:
            if 0 <= value <= 9:
                out.append(str(value) * repeat)
                repeat = 1
                continue
            repeat = 1
        if value == 0:
            if phrase and phrase.used:
                out.append(phrase.digits())
            phrase = None
            out.append("0")
            continue
        if phrase is None:
            phrase = _Phrase()
        if not phrase.take(value):
            if phrase.used:
                out.append(phrase.digits())
            phrase = _Phrase()
            phrase.take(value)
    if phrase and phrase.used:
        out.append(phrase.digits())
    return "".join(out), len(values)


#: An identifier's keyword right before a run of number words, with no sign between: the run
#: is the identifier ("partita iva zero tre quattro cinque …"; not "pour les commandes en lot :
#: zéro six, quarante-deux …", a line given for bulk orders).
_AFTER_AN_IDENTIFIER = re.compile(rf"\b(?:{ID_KEYWORDS})(?:\s+(?:{ID_IS}))?\s+$")


def detect_phone_words(
    norm: Normalised,
    found: Collector,
    regions: tuple[str, ...],
    languages: tuple[str, ...],
    facts: Facts,
) -> None:
    text = norm.text
    # without shortcuts: the whole text as one stretch
    stretches = _number_stretches(text, facts, languages) if facts.shortcuts else [(0, len(text))]
    token_lists = [list(_TOKEN.finditer(text, start, end)) for start, end in stretches]
    for language in languages:
        for tokens in token_lists:
            # a run needs a number word of this language (without shortcuts: look anyway)
            if facts.shortcuts and not any(
                _word_values(token.group(), language) for token in tokens
            ):
                continue
            for start, end, digits in _spelled_runs(text, tokens, language):
                if found.overlaps_claim(start, end) or _CLOCK.search(text, start, end):
                    continue  # claimed, or a time of day in it ("dnia 14.04 o 18:22")
                if masks_a_digit(text, start, end):
                    continue  # an order number, a date or a price ("ordine 2026-100-9921 e un")
                if _AFTER_AN_IDENTIFIER.search(text, max(0, start - 40), start) and not has_cue(
                    text, start, end
                ):
                    continue  # an identifier said ("partita iva zero tre quattro …"), not
                    # a number asked to be called or texted ("Dați-mi un SMS … coletul: zero …")
                plus = _plus_before(text, start, language)
                if plus is not None and is_phone_number(digits, True, regions, True):
                    found.add("phone", plus, end, claim=True)
                elif is_phone_number(
                    digits, False, regions, has_cue(text, start, end), trunk_said=True
                ):
                    found.add("phone", start, end, claim=True)


#: "The rest" of a number given in two parts ("… La suite du numéro c'est 22 90 14").
_REST = re.compile(rf"\b(?:{'|'.join(LEXICON.union('phone.rest_words'))})")
#: A phone word, inside a longer word too ("Handynummer", "mobilszámom").
_PHONE_WORD_INSIDE = re.compile(PHONE_CUE_INSIDE)


def detect_phone_in_two_parts(
    norm: Normalised, found: Collector, regions: tuple[str, ...], languages: tuple[str, ...]
) -> None:
    """A phone number given in two parts with other sentences between them, the second after
    a word for the rest: "ça commence par 07 81, je suis joignable après 17h … La suite du
    numéro c'est 22 90 14", "pierwsza część to 512, resztę dopiszę na końcu … Reszta numeru:
    044 819", "Il cellulare comincia con 347, il resto lo scrivo dopo … Ecco: sette sette
    otto, nove zero uno due".  The first part is the last number of two digits or more before
    a rest word, in a sentence with a phone word (inside a longer word too: "Handynummer");
    the second the first number after a rest word (digits or number words); joined, they must
    make a valid number of the message's regions.  Dates, prices, identifiers, measures and
    hours are no part ("ab 18 Uhr").  Both parts are phone findings."""
    text = norm.text
    rests = list(_REST.finditer(text))
    if not rests:
        return
    parts = sorted(
        part
        for part in _parts(text, languages)
        if not masks_a_digit(text, part[0], part[1])
        and not is_a_measure(text, part[0], part[1])
        and not found.overlaps_claim(*part[:2])
    )
    if len(parts) < 2:
        return
    for rest in rests:
        before = [part for part in parts if part[1] <= rest.start() and len(part[2]) >= 2]
        after = [part for part in parts if part[0] >= rest.end()]
        if not before or not after:
            continue
        first, second = before[-1], after[0]
        sentence = max((m.end() for m in SENTENCE_ENDS.finditer(text, 0, first[0])), default=0)
        if _PHONE_WORD_INSIDE.search(text, sentence, first[0]) is None:
            continue
        if is_phone_number(first[2] + second[2], False, regions, False):
            found.add("phone", first[0], first[1], claim=True)
            found.add("phone", second[0], second[1], claim=True)
            return


#: Roman numerals and digit groups in a row, two numerals or more ("0 VI XII XL LVI LXXVIII",
#: "DCI CCXXII CCCXXII"); the text is lower-cased by then.
_ROMAN_RUN = re.compile(
    r"(?<![\w+])(?:[ivxlcdm]+|\d{1,4})(?:[ .\-/]{1,3}(?:[ivxlcdm]+|\d{1,4})){2,}(?![\w])"
)
_ROMAN_ITEM = re.compile(r"[ivxlcdm]+|\d+")
_ROMAN = re.compile(r"(?=[ivxlcdm])(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})")
_ROMAN_VALUES = {"m": 1000, "d": 500, "c": 100, "l": 50, "x": 10, "v": 5, "i": 1}


def detect_roman_phone(norm: Normalised, found: Collector, regions: tuple[str, ...]) -> None:
    """A phone number written in Roman numerals, in capitals, with a phone word before it:
    "Appelez moi plutôt : 0 VI XII XL LVI LXXVIII", "moj nr DCI CCXXII CCCXXII" (601 222
    322).  The numerals' values and the digit groups among them, joined, must make a valid
    number of the message's regions."""
    text = norm.text
    for run in _ROMAN_RUN.finditer(text):
        digits = ""
        numerals = 0
        for item in _ROMAN_ITEM.finditer(run.group()):
            word = item.group()
            if word.isdigit():
                digits += word
                continue
            low, high = norm.span(run.start() + item.start(), run.start() + item.end())
            if not _ROMAN.fullmatch(word) or not norm.original[low:high].isupper():
                break
            digits += str(_roman_value(word))
            numerals += 1
        else:
            if (
                numerals >= 2
                and has_cue(text, run.start(), run.start())
                and not found.overlaps_claim(*run.span())
                and is_phone_number(digits, False, regions, False)
            ):
                found.add("phone", run.start(), run.end(), claim=True)


def _roman_value(numeral: str) -> int:
    values = [_ROMAN_VALUES[letter] for letter in numeral]
    return sum(
        -value if value < following else value
        for value, following in zip(values, [*values[1:], 0], strict=True)
    )


def _parts(text: str, languages: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    """Digit groups with single spaces inside, and runs of number words (with the digit groups
    among them) in any of ``languages``, with their digits; a group inside a run is not
    given again."""
    tokens = list(_TOKEN.finditer(text))
    runs = {
        (start, end): digits
        for language in languages
        for start, end, digits in _spelled_runs(text, tokens, language, fewest=1)
    }
    yield from ((start, end, digits) for (start, end), digits in runs.items())
    for piece in PIECE.finditer(text):
        if piece.group("plus") is None and not any(
            start <= piece.start() < end for start, end in runs
        ):
            yield piece.start(), piece.end(), re.sub(r"\D", "", piece.group())


def _plus_before(text: str, start: int, language: str) -> int | None:
    """Where a "+" said as a word starts right before a spelled run ("plus trente-trois, six,
    quatre-vingt-un, …"): the run is then an international number."""
    before = _token_before(text, start)
    if before is not None and text[before[0] : before[1]] in PLUS_WORDS[language]:
        return before[0]
    return None


def _end_before_connectors(run: list[tuple[re.Match[str], Any]]) -> int:
    """Where the run's last item that is no connector ends."""
    for token, item in reversed(run):
        if item != "connector":
            return token.end()
    return run[0][0].start()


def _digit_groups_follow(
    text: str, tokens: list[re.Match[str]], index: int, run: list[tuple[re.Match[str], Any]]
) -> bool:
    """After a then-word (``tokens[index]``), two digit groups go on a run that has number
    words ("my mobile's 087 one two three, and then 45 67"); one group alone may be a time
    of day ("…, après 18h")."""
    if not any(isinstance(item, tuple) for _, item in run) or index + 2 >= len(tokens):
        return False
    first, second = tokens[index + 1], tokens[index + 2]
    return (
        first.group().isdigit()
        and second.group().isdigit()
        and len(first.group()) <= 4
        and len(second.group()) <= 4
        and _RUN_GAP.fullmatch(text, first.end(), second.start()) is not None
        and _PAUSE not in text[first.end() : second.start()]
    )


def _spelled_runs(
    text: str, tokens: list[re.Match[str]], language: str, fewest: int = 8
) -> Iterator[tuple[int, int, str]]:
    """Maximal runs of digit groups and number words (at least one word) and their digits,
    ``fewest`` digits or more."""
    connectors = NUMBER_CONNECTORS[language]
    repeats = REPEATS[language]
    then_words = THEN_WORDS[language]
    run: list[tuple[re.Match[str], tuple[int, ...] | str]] = []
    previous_end = -1

    def flush() -> Iterator[tuple[int, int, str]]:
        while run and isinstance(run[-1][1], str) and run[-1][1] in _NOT_DIGITS:
            run.pop()
        # one number word after a sentence's end starts the next sentence ("…, setenta y
        # ocho, doce. Un saludo."); digits after one are a group ("zero six. 12. 34. 56")
        if (
            len(run) > 1
            and isinstance(run[-1][1], tuple)
            and _SENTENCE_END.search(text, run[-2][0].end(), run[-1][0].start())
        ):
            run.pop()
        if any(isinstance(item, tuple) or item in _REPEAT_ITEMS for _, item in run):
            digits = "".join(_run_digits(run))
            if len(digits) >= fewest:
                yield run[0][0].start(), run[-1][0].end(), digits

    for index, token in enumerate(tokens):
        word = token.group()
        item: tuple[int, ...] | str | None
        if word.isdigit():
            item = word if len(word) <= 4 else None
        elif word in connectors:
            # a connector joins number words ("soixante et onze"), not a group of digits to a
            # word: "tři jsou 3318 a dvě 3342" counts balls of yarn of two dye lots
            following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
            after_digits = bool(run) and isinstance(run[-1][1], str) and run[-1][1].isdigit()
            item = "connector" if run and (not after_digits or following.isdigit()) else None
        elif word in repeats:
            item = f"x{repeats[word]}"
        elif word in then_words:
            # a number word must follow ("…, après 18h" is a time of day); after a comma or a
            # sentence's end ("Začátek je šest set dva. Pak osm set osmdesát jedna …")
            following = tokens[index + 1].group() if index + 1 < len(tokens) else ""
            item = (
                "pause"
                if run
                # the comma may come before "and" ("…, and then 45 67")
                and _PAUSE_OR_STOP.search(text, _end_before_connectors(run), token.start())
                and (
                    (
                        not following.isdigit()
                        and (following in repeats or _word_values(following, language))
                    )
                    or _digit_groups_follow(text, tokens, index, run)
                )
                else None
            )
        else:
            item = _word_values(word, language)
        gap_ok = previous_end >= 0 and _RUN_GAP.fullmatch(text, previous_end, token.start())
        # a colon introduces the number: "dzwoń po 16: sześćset trzydzieści dwa, …"
        if item is None or (
            run and (not gap_ok or _INTRODUCED in text[previous_end : token.start()])
        ):
            yield from flush()
            run = []
        if item is not None:
            if run and _PAUSE in text[previous_end : token.start()] and isinstance(item, tuple):
                # a comma between two number words ends a group: "šest nula dva, sto dvacet
                # tři" is 602 123, not 6 0 200 23
                run.append((token, "pause"))
            run.append((token, item))
        previous_end = token.end()
    yield from flush()


#: Run items that are no digits: a connector, a repeat word ("x2", "x3").
_REPEAT_ITEMS = frozenset({"x2", "x3"})
_NOT_DIGITS = _REPEAT_ITEMS | {"connector", "pause"}


def _run_digits(run: list[tuple[re.Match[str], tuple[int, ...] | str]]) -> Iterator[str]:
    pending: list[int] = []
    for _, item in run:
        if isinstance(item, tuple):
            pending.extend(item)
        elif item == "connector":
            pending.append(-1)
        elif item == "pause":
            if pending:
                yield _spelled_digits(pending)[0]
                pending = []
        elif item in _REPEAT_ITEMS:
            pending.append(-int(item[1]))
        else:
            repeat = -pending.pop() if pending and pending[-1] in (-2, -3) else 1
            if pending:
                yield _spelled_digits(pending)[0]
                pending = []
            yield item[0] * repeat + item[1:]
    if pending:
        yield _spelled_digits(pending)[0]


# How the gate for spelled numbers works: a run that can be a phone number has eight digits and
# at least one number word.  A word stands for at most three digits per value, so unless it is
# a compound of three values or more, the run also holds the token next to it.  Only around
# such a word can a run be found; the run cannot reach beyond the stretch of tokens that are a
# run item in some language, so each language's runs are looked for in those stretches only.


def _number_stretches(text: str, facts: Facts, languages: tuple[str, ...]) -> list[tuple[int, int]]:
    """Spans of the stretches of run items (in any of the languages) that hold a number word
    with a run item next to it, or a compound of three values or more."""
    stretches: set[tuple[int, int]] = set()
    for word in _number_words(facts.words, languages):
        for found in _whole_letter_word(word).finditer(text):
            start, end = found.span()
            before = _token_before(text, start)
            after = _token_after(text, end)
            if (
                _number_word_size(word, languages) >= 3
                or (before is not None and _is_run_item(text[before[0] : before[1]], languages))
                or (after is not None and _is_run_item(text[after[0] : after[1]], languages))
            ):
                stretches.add(_stretch_around(text, start, end, languages))
    return sorted(stretches)


#: Per tuple of languages, the words seen so far with the number words they hold ("drei",
#: "12drei" → "drei") and those without: a message's number words are then a few set
#: operations away.  Cleared when large.
_NUMBER_WORD_MEMO: dict[tuple[str, ...], tuple[dict[str, tuple[str, ...]], set[str]]] = {}
_NUMBER_WORD_MEMO_LIMIT = 100_000


def _number_words(words: frozenset[str], languages: tuple[str, ...]) -> set[str]:
    """The number words (forms of the lexicon and compounds of them) among the ``_TOKEN``
    letter runs of ``words``."""
    known = _NUMBER_WORD_MEMO.get(languages)
    if known is None or len(known[0]) + len(known[1]) > _NUMBER_WORD_MEMO_LIMIT:
        known = _NUMBER_WORD_MEMO[languages] = ({}, set())
    holding, others = known
    for word in words - holding.keys() - others:
        parts = (word,) if word.isalpha() else _TOKEN.findall(word)  # "12drei": "12", "drei"
        found = tuple(
            part for part in parts if not part.isdecimal() and _number_word_size(part, languages)
        )
        if found:
            holding[word] = found
        else:
            others.add(word)
    return {part for word in words & holding.keys() for part in holding[word]}


@lru_cache(maxsize=4096)
def _whole_letter_word(word: str) -> re.Pattern[str]:
    """Finds ``word`` as a whole ``_TOKEN`` of letters (the word first: a fast string search)."""
    escaped = re.escape(word)
    return re.compile(rf"{escaped}(?<![^\W\d_]{escaped})(?![^\W\d_])")


def _token_after(text: str, end: int) -> tuple[int, int] | None:
    """The ``_TOKEN`` after offset ``end`` when only run gap characters are in between."""
    token = _TOKEN.match(text, _RUN_GAP.match(text, end).end())  # type: ignore[union-attr]
    return token.span() if token else None


def _token_before(text: str, start: int) -> tuple[int, int] | None:
    """The ``_TOKEN`` before offset ``start`` when only run gap characters are in between."""
    end = start
    while end > 0 and (text[end - 1].isspace() or text[end - 1] in _RUN_GAP_CHARS):
        end -= 1
    if end == 0:
        return None
    same_kind = str.isdecimal if text[end - 1].isdecimal() else _is_letter
    if not same_kind(text[end - 1]):
        return None
    begin = end - 1
    while begin > 0 and same_kind(text[begin - 1]):
        begin -= 1
    return begin, end


def _is_run_item(token: str, languages: tuple[str, ...]) -> bool:
    """A token ``_spelled_runs`` may take into a run in one of the languages."""
    if token.isdigit():
        return len(token) <= 4
    return (
        token in _ALL_CONNECTORS
        or token in _ALL_REPEATS
        or token in _ALL_THEN_WORDS
        or _number_word_size(token, languages) > 0
    )


def _stretch_around(text: str, start: int, end: int, languages: tuple[str, ...]) -> tuple[int, int]:
    while (before := _token_before(text, start)) and _is_run_item(
        text[before[0] : before[1]], languages
    ):
        start = before[0]
    while (after := _token_after(text, end)) and _is_run_item(text[after[0] : after[1]], languages):
        end = after[1]
    return start, end


def languages_for(language: str | None) -> tuple[str, ...]:
    if language is None:
        return tuple(NUMBER_WORDS)
    base = language.lower().split("-")[0]
    return (base,) if base in NUMBER_WORDS else tuple(NUMBER_WORDS)
