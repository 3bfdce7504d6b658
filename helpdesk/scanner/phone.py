"""Phone numbers written with digits (look-alike letters ``O``/``l``/``I``/``|`` accepted
inside digit groups).

Phone candidates are confirmed with ``phonenumbers``: international numbers as such, national
numbers against the regions of the message's market (all markets without a language hint);
a national number must carry the region's trunk prefix when the region has one, which keeps
parcel, order and invoice numbers from passing as German landlines.  Dates, times, prices,
percentages, tracking numbers and identifiers after words such as "order" or "SN" are masked
before the phone search.  The regions of a language come from the market table
(``orders.markets``); the words (phone cues, identifier keywords, time words) from the
lexicons.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

import phonenumbers

from helpdesk.scanner.findings import Collector
from helpdesk.scanner.gates import (
    HEAD,
    LOOKALIKE_CHARS,
    Facts,
    chains,
    enough_digits,
    enough_digits_in,
    gates,
)
from helpdesk.scanner.lexicon import COMMON, LEXICON, group, literal_alternation
from helpdesk.scanner.normalise import Normalised
from orders.markets import MARKETS, markets_speaking


def _neighbours(language: str) -> tuple[str, ...]:
    """Languages read across a border (a Czech message may carry a Slovak number)."""
    if language not in LEXICON.entries:
        return ()
    return tuple(LEXICON.entries[language]["phone.neighbour_languages"])


#: Phone regions to try for each message language, from the market table (orders.markets),
#: the markets of its neighbour languages included.
#: English (and no hint) tries every market, and British numbers.
MARKET_REGIONS: dict[str, tuple[str, ...]] = {
    language: tuple(
        market.country
        for lang in (language, *_neighbours(language))
        for market in markets_speaking(lang)
    )
    for language in sorted({market.language for market in MARKETS})
}
ALL_REGIONS: tuple[str, ...] = (*(market.country for market in MARKETS), "GB")

#: Words that make a nearby digit string a phone number even if only "possible".
#: The languages' own spellings of the apps are cues too ("vócapon írjon: 30/422-1187").
PHONE_CUES = (
    rf"\b{group([*LEXICON.union('phone.cues'), *COMMON['phone_cues']])}\b"
    rf"|\b{group(LEXICON.union('social.app_names'))}"
)

#: "is" between an identifier's words and its number.
ID_IS = literal_alternation(LEXICON.union("phone.identifier_is"))
#: Identifiers that must never be taken for phone numbers: the token after these words is masked.
ID_KEYWORDS = (
    "|".join(
        dict.fromkeys([*LEXICON.union("phone.identifier_keywords"), *COMMON["identifier_keywords"]])
    )
    or "(?!)"
)
#: After a number, "numbered" and an identifier's keyword: the number names the parcel or the
#: order ("a 6812 0034 5578 számú csomag"), as a keyword before it would.
_NUMBERED_IDENTIFIER = re.compile(
    rf"\s+(?:{literal_alternation(LEXICON.union('phone.numbered_after'))})\s+(?:{ID_KEYWORDS})\b"
)
#: The word "number" in the markets' languages, between an identifier and its digits.
_NUMBER_WORD = (
    r"(?:numbers?|nummer|numéro|numero|número|numer|numărul|numarul|číslo|cislo|szám|szam)"
)
#: "My" before the word "number": the writer's own number follows ("meine Nummer: 0151…").
_MY = r"(?:my|mein\w*|mon|ma|mi|mio|mia|mój|moj\w*|môj|én|meu)"
#: A word between an identifier's keyword and its number: no phone word, not even inside it
#: ("Handynummer"), and no word for "number" ("for the order my number is …"); an elided
#: article belongs to its word ("le numéro de lot est imprimé sur l'étiquette : L2611-0457").
PHONE_CUE_INSIDE = group(
    [*LEXICON.union("phone.cues"), *COMMON["phone_cues"], "num", "čísl", "cisl", "szám", "szam"]
)


def _id_word(fewest: int) -> str:
    """Such a word, of ``fewest`` letters or more."""
    return rf"(?:\s+(?:[^\W\d_]{{1,4}}')?(?![^\W\d_]*{PHONE_CUE_INSIDE})[^\W\d_]{{{fewest},14}})"


_ID_WORD = _id_word(2)
#: The same, or a word of one letter ("SEUR y con el número …").
_ID_OR_LITTLE_WORD = _id_word(1)
#: After a time of day ("11:15 Uhr", "7.30 hod"), and after an amount (a price, a percentage).
_TIME_WORD = group(LEXICON.union("phone.time_words"))
_CURRENCY = group(COMMON["currencies"])
#: A currency or a unit of measure after a number: a price, a percentage or a measure.
_AMOUNT = rf"(?:{_CURRENCY}|{group(COMMON['units'])}(?!\w))"
#: What follows an amount's first digit: digits and the separators inside a number.
_AMOUNT_DIGITS = r"(?:[\d\s.']|[,/](?!\s))*"

_PHONE_CUE = re.compile(PHONE_CUES)
# A digit group contains at least one real digit; O/o/l/I/| and S/Z/B are accepted as
# look-alikes inside (the text is lower-cased by then: a capital I is an "i" here).
_LOOKALIKE = "0-9" + LOOKALIKE_CHARS
_DIGIT_GROUP = rf"[{_LOOKALIKE}]*[0-9][{_LOOKALIKE}]*"
#: An emoji or another symbol between two digit groups, spaces around it or not.
_SYMBOL_GAP = "\\s?[\u2190-\u21ff\u2500-\u27bf\u2b00-\u2bff\U0001f300-\U0001faff]\ufe0f?\\s?"
#: A bracket closing one digit group, and one opening the next or not: "] [", ")-(", "(0176)
#: 3345 8812".
_BRACKET_GAP = r"[)\]][ \-–.]{0,2}[(\[]?"
#: The same with the next group's opening bracket: every group is in brackets.
_GROUP_OPENED = re.compile(_BRACKET_GAP.removesuffix("?"))
_PHONE_CANDIDATE = re.compile(
    # (an area code or a country code may open in brackets: "(0176) 3345 8812", "(+36)-(20)")
    rf"(?<![\w+\-/.,])(?:[(\[](?=\+|\d))?(?P<plus>\+|00)?\s?(?:\(0\)\s?)?{_DIGIT_GROUP}"
    # (bullets and middle dots between the digits disguise a number: "0 • 6 • 12…")
    # (so do emoji and other symbols, "06🔹71🔹44", and brackets around each group, "[0176]
    # [3345] [8812]", "(+36)-(20)-(987)")
    rf"(?:(?:[ \t\r\n\u00a0.\-–—/•·∙⋅‧]{{1,4}}|\s,\s?|\s?\(0?\d*\)\s?|{_SYMBOL_GAP}|{_BRACKET_GAP})"
    rf"{_DIGIT_GROUP})*"
    # A Hungarian case ending may follow ("+36 30 123 4567-es számon").
    r"(?![\w/]|-[\d/])"
)
_LOOKALIKE_TABLE = str.maketrans(
    {"o": "0", "O": "0", "l": "1", "I": "1", "i": "1", "|": "1"}
    | {"s": "5", "S": "5", "z": "2", "Z": "2", "b": "8", "B": "8"}
)

#: A dash and one letter after a number: a code's suffix when it is a capital ("0170/2345-B"),
#: not a Hungarian case ending ("Hívj a 20/334-5512-n", "-es", "-on").
_CODE_SUFFIX = re.compile(r"-[^\W\d_](?![^\W\d_])")

#: A day or a month in a date: under 32.
_DAY = r"(?:[0-2]?\d|3[01])"

#: Spans masked before the phone search: they look like digits but are not phone numbers.  The
#: first field says what a match starts with ("digit", a letter of a "word", a currency
#: "symbol"), so the masking only tries each pattern where it can start.  Order matters: at one
#: position the first pattern that matches wins, as in one alternation.
NOT_PHONE_PATTERNS: tuple[tuple[str, str], ...] = (
    # dates and times
    # (a lookaround keeps "06.12.34.56.78" from being cut into a date)
    # (day and month under 32: "44.20.63" is none)
    ("digit", rf"(?<![\d./-]){_DAY}[./-]{_DAY}[./-](?:\d{{4}}|\d{{2}})(?![./-]?\d)"),
    # year first ("2026-01-14"), also the Hungarian way with a dot and a space after each part
    # ("2026. 01. 14."); day first that way, as Czech and Slovak write it ("Dňa 9. 3. 2026
    # ste napísali": no phone number with "stě", a hundred, said after it)
    (
        "digit",
        r"(?<![\d./-])(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}"
        rf"|(?:19|20)\d{{2}}\.\s(?:0?[1-9]|1[0-2])\.\s{_DAY}"
        rf"|{_DAY}\.\s(?:0?[1-9]|1[0-2])\.\s(?:19|20)\d{{2}})(?![./-]?\d)",
    ),
    # (hours under 24, minutes under 60: "07.81. 44.20.63" holds none; not after a letter
    # that stands for a digit: "07.8i.45.o2.19")
    (
        "digit",
        rf"(?<![\doOlIi|./-])(?:[01]?\d|2[0-3])[.:h][0-5]\d(?:\s?{_TIME_WORD})?"
        r"(?![./-]?[\doOlIi|])",
    ),
    # prices, percentages and measures ("1 234,50 €", "800/900/1800 MHz"); a comma or a slash
    # followed by a space ends a number ("06 12 34 56 78, 25 €": a phone, then a price)
    ("digit", rf"\d{_AMOUNT_DIGITS}\s?{_AMOUNT}"),
    ("symbol", r"(?:€|£|\$)\s?\d[\d\s.,']*"),
    # carrier tracking numbers
    ("digit", r"\b1z[0-9a-z]{16}\b"),
    ("word", r"\bjjd\d{10,20}\b"),
    ("digit word", r"\b[0-9a-z]{2}\d{9}[a-z]{2}\b"),
    ("digit", r"\b\d{2}[a-z]\d{11}\b|\b6a\d{11}\b"),
    ("digit", r"\b\d{12,30}\b"),
    # Packeta: "Z 123 456 7890", "Z 2212 4490 81", "Z 2184 5531 907"
    ("word", r"\bz\s?\d(?:\s?\d){9,10}\b"),
    # order-like numbers: year-first groups (2026-204-7719)
    ("digit", r"\b20\d{2}-\d{2,6}(?:-\d{2,6})+\b"),
    # a private network's or a link's own address ("l'indirizzo fisso 192.168.1.10",
    # "10.0.0.138", "bekommt die Adresse 169.254.12.7, also kein DHCP")
    (
        "digit",
        r"(?<![\d.])(?:192\.168|169\.254|10\.\d{1,3}|172\.(?:1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}"
        r"(?![\d.])",
    ),
    # a document's number with its year between slashes ("zezwolenie ma numer 04/2026/1187",
    # "povolenka má číslo 12/2026/0457"): no market's phone number puts a year between two
    # slashes
    ("digit", r"(?<![\d./-])\d{1,4}/(?:19|20)\d{2}/\d{1,6}(?![\d/-])"),
    # a range of years ("z rokov 1975–1977", "1998-2004")
    # (not after a group of digits: "0171 1998-2004" is a number)
    ("digit", r"(?<![\d./-])(?<!\d\s)(?:19|20)\d{2}\s?[–—-]\s?(?:19|20)\d{2}(?![\d./-])"),
    # a Czech or Slovak birth number, six digits, a slash and three or four ("rodné číslo
    # mamky 475812/0263"): no market's phone number puts six digits before a slash (a German
    # area code has five at most)
    ("digit", r"(?<![\d/.-])\d{6}/\d{3,4}(?![\d/-]|\.\d)"),
    # part numbers with a lone leading digit ("Bosch 0 986 494 035", "0 281 002 683"): no
    # market writes its trunk "0" apart from three groups of three, but for a free number
    # ("0 800 123 456")
    ("digit", r"(?<![\w+./-])0 (?!80)\d{3} \d{3} \d{3}(?!\s?\d)"),
    # a parcel's number of 8 to 12 digits written in one piece, a few words after its carrier
    # and with the word "number" before it ("GLS con número 51234098765", "předán PPL dnes ve
    # 14:30, číslo 40512345678", "a GLS-csomag száma: 51234567890"): a phone number given to
    # be called is grouped or follows "my" ("DPD hat meine Nummer: 0151 2345 6789"). (Before
    # the next pattern, which would mask "PPL v 9" and stop there.)
    (
        "word",
        rf"\b(?:{ID_KEYWORDS})\b[\w-]*(?:,?(?!\s+{_MY}\b){_ID_OR_LITTLE_WORD}|,?\s+\d{{1,2}}[:.]\d{{2}})"
        rf"{{0,5}}\s*,?\s*{_NUMBER_WORD}\w{{0,3}}(?:\s+d'\w+)?\s*:?\s*"
        r"(?!00)\d{8,12}(?!\w|[\s./-]\d)",
    ),
    # identifiers introduced by a keyword
    (
        "word",
        # "zásilky Packeta je Z 2044…", "VAT number is GB 123…": words (little ones too) and
        # "is" may come between ("sériové číslo vaší myčky je 911…", "poukazu z ambulancie je
        # 04/…"), or words and a colon ("Seriennummer des Akkus: 0 275 007 532", "serial
        # number for the washing machine: 0791…", the first of them a little word: "Numer
        # seryjny z tabliczki: 2207…", but not "paczka wyjedzie z magazynu: 6O1…"); no phone
        # word among them ("order, my mobile: 07700…")
        rf"\b(?:{ID_KEYWORDS})\b\.?(?:{_ID_OR_LITTLE_WORD}{{0,5}}\s+(?:{ID_IS})\b|{_ID_OR_LITTLE_WORD}{_ID_WORD}{{0,4}}\s*:"
        # or up to four words and then a number's sign ("Certyfikat IGI nr 598…", "Zertifikat
        # HRD Nr. 2141…")
        rf"|{_ID_OR_LITTLE_WORD}{{1,4}}(?=\s*,?\s*(?:-?n[°o]\.|-?nr\.?|[čc]\.|#)\s*\d))?"
        # a comma, and a number's sign or word: "GLS, číslo 912…", "BRT n. 0 512…",
        # "Ersatzteil-Nr. 0171…"
        rf"\s*(?:,?\s*(?:-?n[°o]\.?|-?nr\.?|[čc]\.|n\.|#|:|-|{_NUMBER_WORD}\s*:?))?\s*"
        # (not a trunk "0" and an area code before a slash and five digits or more: "… wenn das
        # Paket rausgeht: 0171 / 44 39 210" is a German number written the German way, which no
        # identifier is; "factura nr. 0412/2026" is one)
        r"(?!\s*0[1-9]\d{2,3}\s?/\s?\d{2}[\s-]?\d{2}[\s-]?\d)"
        r"[a-z]{0,4}[\s-]?\d[\d\s./-]*[a-z0-9]*",
    ),
    # a parcel's or an order's long number a few words after its keyword, with the word
    # "number" before it ("remis à DPD ce matin, numéro 05212 3456 7890 12", "el envío SEUR
    # con número 0123 4567 8901 2"): thirteen digits or more, which no market's phone number
    # written from home has ("DPD hat meine Nummer: 0151 2345 6789" is one, and so is one
    # dialled from abroad: "numéro 0033 6 12 34 56 78")
    (
        "word",
        rf"\b(?:{ID_KEYWORDS})\b{_ID_OR_LITTLE_WORD}{{1,4}}\s*,?\s+{_NUMBER_WORD}\s*:?\s*"
        r"(?!00)\d(?:[\s./-]?\d){12,}(?!\d)",
    ),
)
_NOT_PHONE = re.compile("|".join(pattern for _, pattern in NOT_PHONE_PATTERNS))
#: The same alternation cut by what a match starts with, the order kept.
_NOT_PHONE_AT_WORD, _NOT_PHONE_AT_SIGN = (
    re.compile("|".join(p for leads, p in NOT_PHONE_PATTERNS if lead in leads.split()))
    for lead in ("word", "symbol")
)
#: The digit-led patterns of NOT_PHONE_PATTERNS, in order, rewritten to start by consuming the
#: first digit of a run: then ``re`` skips to the next digit in C instead of trying the
#: alternation at every character.  What each original checks before its first digit is
#: checked by a look-behind over that digit.  ``test_scanner`` compares it with the original.
_NOT_PHONE_AT_DIGIT = re.compile(
    r"\d(?<!\d\d)(?:"
    r"(?<=(?<![\d./-])\d)(?:(?<=[0-2])\d?|(?<=3)[01]?|(?<=[4-9]))"
    rf"[./-]{_DAY}[./-](?:\d{{4}}|\d{{2}})(?![./-]?\d)"
    r"|(?<=(?<![\d./-])\d)(?:\d{3}[./-]\d{1,2}[./-]\d{1,2}"
    rf"|(?:(?<=1)9|(?<=2)0)\d{{2}}\.\s(?:0?[1-9]|1[0-2])\.\s{_DAY})(?![./-]?\d)"
    r"|(?<=(?<![\doOlIi|./-])\d)(?:(?<=[01])\d?|(?<=2)[0-3]?|(?<=[3-9]))"
    rf"[.:h][0-5]\d(?:\s?{_TIME_WORD})?(?![./-]?[\doOlIi|])"
    rf"|{_AMOUNT_DIGITS}\s?{_AMOUNT}"
    r"|(?<=(?<!\w)1)z[0-9a-z]{16}\b"
    r"|(?<=(?<!\w)[0-9])[0-9a-z]\d{9}[a-z]{2}\b"
    r"|(?<=(?<!\w)\d)\d[a-z]\d{11}\b|(?<=(?<!\w)6)a\d{11}\b"
    r"|(?<=(?<!\w)\d)\d{11,29}\b"
    r"|(?<=(?<!\w)2)0\d{2}-\d{2,6}(?:-\d{2,6})+\b"
    r"|(?<=(?<![\d.])1)(?:92\.168|69\.254|0\.\d{1,3}|72\.(?:1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}"
    r"(?![\d.])"
    r"|(?<=(?<![\d./-])\d)\d{0,3}/(?:19|20)\d{2}/\d{1,6}(?![\d/-])"
    r"|(?<=(?<![\d./-])(?<!\d\s)\d)(?:(?<=1)9|(?<=2)0)\d{2}\s?[–—-]\s?(?:19|20)\d{2}(?![\d./-])"
    r"|(?<=(?<![\d/.-])\d)\d{5}/\d{3,4}(?![\d/-]|\.\d)"
    r"|(?<=(?<![\w+./-])0) (?!80)\d{3} \d{3} \d{3}(?!\s?\d)"
    r")"
)
#: The one digit-led pattern that can match inside a run of digits (see _mask_not_phone).
_NOT_PHONE_PRICE = re.compile(NOT_PHONE_PATTERNS[3][1])
_CURRENCY_SIGNS = "€£$"
#: Starts of the word-led masks other than keywords: "JJD0146…", "lx123456789de", "Z 204…".
_JJD = re.compile(r"jjd\d")
_NINE_DIGITS = re.compile(r"\d{9}")
_Z_DIGITS = re.compile(r"z\s?\d")
#: Characters that no pattern of NOT_PHONE_PATTERNS can match.
_MASK_BREAK = re.compile(r"[()\[\]{}<>;!?\"«»@&*+=…]")
#: What an identifier match has between its keyword's start and its first digit.
_ID_LEAD = re.compile(r"[\w\s./°#:,'-]*")
#: Word keys of the identifier keywords ("order", "colis", "SN" …) that start a masked span,
#: each with a pattern that finds the words starting with it.
_ID_KEYS: frozenset[str] | None = next(iter(gates(NOT_PHONE_PATTERNS[-1][1])[0].word_keys), None)
_ID_KEY_STARTS = {
    # the key first, so that ``re`` looks for it with a fast string search
    key: re.compile(
        rf"{re.escape(key)}(?<!\w{re.escape(key)})" + ("" if len(key) >= HEAD else r"(?!\w)")
    )
    for key in _ID_KEYS or ()
}
_ID_KEY_SET = frozenset(_ID_KEY_STARTS)
_DIGIT_RUN = re.compile(r"\d+")


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


def regions_for(language: str | None) -> tuple[str, ...]:
    if language is None:
        return ALL_REGIONS
    return MARKET_REGIONS.get(language.lower().split("-")[0], ALL_REGIONS)


@lru_cache(maxsize=4096)
def is_phone_number(
    digits: str,
    international: bool,
    regions: tuple[str, ...],
    cued: bool,
    *,
    trunk_said: bool = False,
) -> bool:
    """Confirm a digit string with phonenumbers.

    Valid numbers pass; with a phone word nearby ("call me", "numéro") a possible number is
    enough.  A national number must start with the region's trunk prefix when it has one, so a
    10-digit parcel number does not pass as a German landline; with ``trunk_said`` (a number
    spelled in words after a phone word: nobody spells out a parcel number) a valid number
    without it passes too ("six, quatre-vingt-un, …", "seis, cero, nueve, doce, …"), and so
    does one whose area code is written apart, as Hungarians leave out their "06" ("20/345-…").
    """
    if not 8 <= len(digits) <= 15:
        return False
    if international:
        try:
            return _check(phonenumbers.parse("+" + digits, None), cued)
        except phonenumbers.NumberParseException:  # "+01 …": no such country code
            return False
    for region in regions:
        metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
        trunk = metadata.national_prefix if metadata else None
        national = digits
        if trunk and not digits.startswith(trunk):
            if not (trunk_said and cued):
                continue
            national = trunk + digits
        try:
            number = phonenumbers.parse(national, region)
        except phonenumbers.NumberParseException:
            continue
        if _check(number, cued and national == digits):
            return True
    return False


def _check(number: phonenumbers.PhoneNumber, cued: bool) -> bool:
    if phonenumbers.is_valid_number(number):
        return True
    return cued and phonenumbers.is_possible_number(number)


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _mask_not_phone(text: str, facts: Facts, windows: list[tuple[int, int]]) -> str:
    """``_mask(text, _NOT_PHONE)``, exact inside ``windows``, without trying the alternation
    at every character.

    No match contains a character such as "(", ";" or "!", so the matches inside a window only
    depend on the text since the last such character before it: only that stretch is scanned,
    the way ``finditer`` scans.  A match starts at the first digit of a run of digits
    (``_NOT_PHONE_AT_DIGIT`` finds those in C), at a currency sign, or at a word: a keyword
    followed by a digit, or a word start just before a long run of digits ("JJD0146…",
    "lx123456789de") or a "Z" ("Z 204 7751 903").
    """
    if _ID_KEYS is None:  # pragma: no cover - the keyword analysis failed: mask the slow way
        return _mask(text, _NOT_PHONE)
    breaks = _mask_breaks(text)
    stretches: list[list[int]] = []
    for start, end in windows:
        before = bisect.bisect_left(breaks, start)
        start = breaks[before - 1] + 1 if before else 0
        if stretches and start <= stretches[-1][1]:
            stretches[-1][1] = end
        else:
            stretches.append([start, end])
    spans: list[tuple[int, int]] = []
    digit_match: re.Match[str] | None = None
    others = _mask_starts_not_at_digits(text, facts)
    for start, end in stretches:
        covered, next_other = start, bisect.bisect_left(others, start)
        while covered < end:
            if digit_match is None or digit_match.start() < covered:
                digit_match = _NOT_PHONE_AT_DIGIT.search(text, covered)
            limit = min(end, digit_match.start() if digit_match else end)
            match = None
            # a word or sign before the next digit match is tried first, as finditer would
            while match is None and next_other < len(others) and others[next_other] < limit:
                at = others[next_other]
                next_other += 1
                if at >= covered:
                    sign = text[at] in _CURRENCY_SIGNS
                    match = (_NOT_PHONE_AT_SIGN if sign else _NOT_PHONE_AT_WORD).match(text, at)
            if match is None:
                if digit_match is None or digit_match.start() >= end:
                    break
                match = digit_match
            spans.append(match.span())
            covered = match.end()
            # Only an odd mix of digit scripts ends a match inside a run of digits; there
            # finditer would try the price pattern (the others need a run to start).
            mid_run = covered < len(text) and text[covered - 1 : covered + 1].isdecimal()
            if mid_run and (price := _NOT_PHONE_PRICE.match(text, covered)):
                spans.append(price.span())
                covered = price.end()
    pieces = []
    done = 0
    for start, end in spans:
        pieces.append(text[done:start])
        pieces.append(" " * (end - start))
        done = end
    pieces.append(text[done:])
    return "".join(pieces)


def _mask_starts_not_at_digits(text: str, facts: Facts) -> list[int]:
    """Where a NOT_PHONE match may start other than at a digit, in order."""
    found = [at for sign in _CURRENCY_SIGNS for at in _find_all(text, sign)]
    # an identifier keyword, then punctuation, a few letters and spaces, then a digit
    for key in facts.heads & _ID_KEY_SET:
        for match in _ID_KEY_STARTS[key].finditer(text):
            digit = _DIGIT_RUN.search(text, match.end())
            if digit and _ID_LEAD.fullmatch(text, match.end(), digit.start()):
                found.append(match.start())
    words = [match.start() for pattern in (_JJD, _Z_DIGITS) for match in pattern.finditer(text)]
    # a letter or two then nine digits: inside a chain of nine digits
    for chain in facts.chains():
        if chain.digits >= 9:
            for match in _NINE_DIGITS.finditer(text, chain.start, chain.end):
                words += (match.start() - 1, match.start() - 2)
    found += (at for at in words if at >= 0 and (at == 0 or not _is_word_char(text[at - 1])))
    return sorted(found)


def _find_all(text: str, needle: str) -> Iterator[int]:
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def _mask_breaks(text: str) -> list[int]:
    """Offsets of the characters no ``_NOT_PHONE`` match contains, in order."""
    return [found.start() for found in _MASK_BREAK.finditer(text)]


def masks_a_digit(text: str, start: int, end: int) -> bool:
    """Whether a date, a price or an identifier (``_NOT_PHONE``) covers a digit of
    ``text[start:end]``, as the masking before the digit search would."""
    if not any(ch.isdecimal() for ch in text[start:end]):
        return False
    for match in _NOT_PHONE.finditer(text, max(0, start - _PIECE_CONTEXT), end):
        low, high = max(match.start(), start), min(match.end(), end)
        if low < high and any(ch.isdecimal() for ch in text[low:high]):
            return True
    return False


def has_cue(text: str, start: int, end: int) -> bool:
    return _PHONE_CUE.search(text, max(0, start - 40), min(len(text), end + 15)) is not None


def detect_phone_digits(
    norm: Normalised, found: Collector, regions: tuple[str, ...], facts: Facts
) -> None:
    text = norm.text
    if facts.shortcuts:
        # Masking only removes digits, so six chained digits must be there before it too.
        windows = [chain.window for chain in facts.chains()]
        if not windows:
            return
        masked = _mask_not_phone(text, facts, windows)
        # What is left of the chains once dates, prices and identifiers are masked (the text
        # is masked exactly inside the windows, and outside them no chain has six digits).
        windows = [
            inner.window
            for chain in facts.chains()
            if enough_digits_in(masked, *chain.window)
            for inner in chains(masked, *chain.window)
        ]
    elif any(ch.isdigit() for ch in text):
        masked = _mask(text, _NOT_PHONE)
        windows = [(0, len(masked))]
    else:
        return
    for window_start, window_end in windows:
        for match in _PHONE_CANDIDATE.finditer(masked, window_start, window_end):
            if not _confirm_phone(match, norm, found, regions):
                _confirm_listed(masked, match, norm, found, regions)


#: A slash with a space on one side or both between two numbers: a list of numbers ("tel. 0264
#: 123 456 / 0722 334 556"), not one number written with a slash ("0721/234 567").
_LIST_SLASH = re.compile(r"\s/\s?|/\s")


def _confirm_listed(
    masked: str,
    match: re.Match[str],
    norm: Normalised,
    found: Collector,
    regions: tuple[str, ...],
) -> None:
    """A candidate that is no number as a whole may be numbers listed with slashes between
    them: each is confirmed on its own."""
    start = match.start()
    cuts = list(_LIST_SLASH.finditer(masked, match.start(), match.end()))
    if not cuts:
        return
    for cut in [*cuts, None]:
        end = cut.start() if cut else match.end()
        part = _PHONE_CANDIDATE.match(masked, start, end)
        if part and part.end() == end:
            _confirm_phone(part, norm, found, regions)
        if cut:
            start = cut.end()


#: Of the look-alike letters, the ones that start identifiers too: only inside a number are
#: they digits ("6l2-34-S6-78", "O7Z3 l45 9O8").
_LETTER_CODES = frozenset("sSzZbB")


def _letters_in_one_group(written: str) -> bool:
    """Whether the number's letters are all in one group between two others, two of them or
    more, in capitals, with a letter that starts codes among them ("17211-ZL8-023", a part
    number's middle group): who disguises a number starts with its first group ("O7Z3 441
    209") or disguises more than one."""
    groups = [group for group in re.split(r"[^\w]+", written) if group]
    lettered = [index for index, group in enumerate(groups) if not group.isdigit()]
    if len(lettered) != 1 or not 0 < lettered[0] < len(groups) - 1:
        return False
    letters = [ch for ch in groups[lettered[0]] if ch.isalpha()]
    return (
        len(letters) >= 2
        and all(ch.isupper() for ch in letters)
        and any(ch in _LETTER_CODES for ch in letters)
    )


#: A number that starts with a one- or two-digit area code and a slash, or in brackets.
_AREA_CODE_FIRST = re.compile(r"[1-9]\d?\s?/\s?\d|\([1-9]\d?\)\s?\d")


def _confirm_phone(
    match: re.Match[str], norm: Normalised, found: Collector, regions: tuple[str, ...]
) -> bool:
    """Adds the candidate as a phone number if it is one; False when it is no number at all
    (rather than one already claimed)."""
    start, end = match.start(), match.end()
    if found.overlaps_claim(start, end):
        return True
    raw = match.group()
    stripped = raw.strip()
    low = start + (len(raw) - len(raw.lstrip()))  # where the number's first sign is
    # the number without the bracket its area or country code may open with ("(0176) …")
    bare = stripped.lstrip("([")
    digits = re.sub(r"\D", "", raw.translate(_LOOKALIKE_TABLE))
    international = match.group("plus") is not None
    if international and bare.startswith("00"):
        digits = digits[2:]
    if "(0)" in raw and international:
        digits = _drop_bracket_zero(raw)
    real = sum(ch.isdigit() for ch in raw)
    if not enough_digits(real, len(digits)):
        return False
    if stripped[0] in _LETTER_CODES:
        return False  # a code's letter, not a digit: "B87654321" (a CIF), "SI12345678" (VAT)
    if (
        raw.rstrip()[-1] in _LETTER_CODES
        and raw.rstrip()[-2:-1].isdigit()
        and sum(ch.isalpha() for ch in raw) == 1
    ):
        return False  # a part number's suffix ("Garrett 753420-5005S"), not "6I2 B45 67B"
    if _CODE_SUFFIX.match(norm.text, end):
        letter = norm.span(end + 1, end + 2)[0]  # where the letter was written
        if norm.original[letter].isupper():
            return False  # a type plate's code with its capital after a dash ("0170/2345-B")
    if not international and (_after_a_code(norm, low) or _IDENTIFIER_SHAPE.fullmatch(bare)):
        return False
    if not international and _NUMBERED_IDENTIFIER.match(norm.text, end):
        return False
    # A written "+" and country code are as strong a cue as "call me", and so are letters
    # written for digits ("O7 I2 45 89 3O"): nobody disguises a number that is none.
    phone_word = has_cue(norm.text, start, end)
    if not phone_word and _letters_in_one_group(norm.original[slice(*norm.span(start, end))]):
        return False  # a part number's letter group ("17211-ZL8-023"), not "O7Z3 l45 9O8"
    cued = bare.startswith("+") or (real >= 6 and any(ch.isalpha() for ch in raw)) or phone_word
    # An area code set apart by a slash or brackets, the trunk prefix left out as Hungarians
    # write their numbers ("hívjon a 20/345-12-34-en", "(30) 421 8719"): with a phone word
    # nearby, the number is read with the trunk prefix.
    trunk_left_out = not international and _AREA_CODE_FIRST.match(stripped) is not None
    if not is_phone_number(digits, international, regions, cued, trunk_said=trunk_left_out):
        return False
    if not international and bare.isdigit() and _numbered_in_brackets(norm.text, low, end):
        return False
    if not international and not phone_word and _echoes_an_identifier(norm.text, bare):
        return True  # a number, but the sibling of an identifier the message names
    # each group in brackets: the last group's closing bracket belongs to the number
    # ("(+36)-(20)-(987)", "[0176] [3345] [8812]"), as the writer shows it
    if _GROUP_OPENED.search(raw) and norm.text[end : end + 1] in (")", "]"):
        end += 1
    found.add("phone", low, end, claim=True)
    return True


#: A number of digits and the separators inside a number, nothing else.
_PLAIN_NUMBER = re.compile(r"(?<![\w.-])\d+(?:[ ./-]\d+)*(?![\w-])")


def _echoes_an_identifier(text: str, raw: str) -> bool:
    """Whether ``raw`` is shaped as a number the message names as an identifier (one a
    date, price or identifier covers), the same groups with only the last one different:
    "Ersatzteil-Nr. 0171-223-45 …, nicht mit 0171-223-46 verwechseln", "the part number is
    07700-900-123, not 07700-900-124": a sibling part, not a phone number."""
    if not _PLAIN_NUMBER.fullmatch(raw):
        return False
    groups = re.findall(r"\d+", raw)
    if len(groups) < 2:
        return False
    shape = re.sub(r"\d", "0", raw)
    for other in _PLAIN_NUMBER.finditer(text):
        number = other.group()
        if (
            number != raw
            and re.sub(r"\d", "0", number) == shape
            and re.findall(r"\d+", number)[:-1] == groups[:-1]
            and masks_a_digit(text, other.start(), other.end())
        ):
            return True
    return False


#: A code in capitals right before a number makes it an identifier: a VAT number ("GB 123 4567
#: 89", "ATU 63448219"), a frame number ("WSBC 905 123 456"), a tracking number ("6A 123 456 789
#: 01", "1Z 999 AA1 01 2345 6784"). Written as the text has it (capitals), two to five letters
#: and digits with a letter among them, then at most a space or a hyphen.
_CODE_BEFORE = re.compile(r"(?<![\w.])(?=[A-Z0-9]*[A-Z])[A-Z0-9]{2,5}[ -]?$")
#: Numbers shaped like a document's or a tax number, not a phone: a year and a slash first or
#: last ("2026/00418", "412/04/2026": invoices, delivery notes), a Hungarian tax number
#: ("12345678-2-42").
_IDENTIFIER_SHAPE = re.compile(
    r"(?:19|20)\d{2}\s?/\s?[\d/]+|[\d/]+/\s?(?:19|20)\d{2}|\d{8}-\d-\d{2}"
)
#: Capitals that say "phone" rather than name an identifier ("TEL 0612…", "WA 0612…").
_PHONE_CODES = frozenset(
    {"TEL", "TELNR", "MOB", "MOBIL", "SMS", "WA", "GSM", "FAX", "CALL", "PH", "CELL", "HANDY"}
)


#: An identifier's keyword, and its number in brackets with the word "number" first ("štítku
#: zásielky (číslo 91234567890)", "a GLS csomag (szam: 51234567890)"): a parcel's number in
#: one piece, as the parcel pattern of NOT_PHONE_PATTERNS reads it without the bracket (which
#: no masked match may hold).
_NUMBERED_IN_BRACKETS = re.compile(
    rf"\b(?:{ID_KEYWORDS})\b[\w-]*{_ID_OR_LITTLE_WORD}{{0,3}}\s*\(\s*{_NUMBER_WORD}\w{{0,3}}\s*:?\s*$"
)


def _numbered_in_brackets(text: str, start: int, end: int) -> bool:
    """Whether the number at ``text[start:end]`` is an identifier's, in brackets after the
    word "number" (``_NUMBERED_IN_BRACKETS``), with no phone word before the identifier's
    keyword or after the number ("Proszę dzwonić w sprawie zamówienia (numer 512345678)" is a
    phone number)."""
    reach = max(0, start - 80)
    # (most numbers have no bracket before them: the keyword search is not tried then)
    lead = _NUMBERED_IN_BRACKETS.search(text, reach, start) if "(" in text[reach:start] else None
    return (
        lead is not None
        and _PHONE_CUE.search(text, max(0, lead.start() - 40), lead.start()) is None
        and _PHONE_CUE.search(text, end, min(len(text), end + 15)) is None
    )


def _after_a_code(norm: Normalised, start: int) -> bool:
    o_start, _ = norm.span(start, start + 1)
    before = norm.original[max(0, o_start - 7) : o_start]
    code = _CODE_BEFORE.search(before)
    return code is not None and code.group().strip(" -") not in _PHONE_CODES


def _drop_bracket_zero(raw: str) -> str:
    """ "+49 (0) 1520 …" dials without the bracketed trunk zero."""
    body = re.sub(r"\(0\)", "", raw.translate(_LOOKALIKE_TABLE))
    digits = re.sub(r"\D", "", body)
    return digits[2:] if body.lstrip().startswith("00") else digits


# --------------------------------------------------------------------------------------------
# Numbers dictated in pieces
# --------------------------------------------------------------------------------------------

#: A digit group of a number dictated in pieces, single spaces inside ("98 76 54 3").
PIECE = re.compile(r"(?<![\w+./-])(?P<plus>\+|00)?\d+(?: \d+)*(?![\w/]|[.,-]\d)")
#: Between two pieces: no digit, at most this many characters and words ("then", "and at the
#: end", "a zvyšok je", "danach kommt"), in any language: the number must be a valid one of the
#: message's regions and a phone word must stand next to it.
_PIECE_GAP_CHARS = 40
_PIECE_GAP_WORDS = 4
_LETTERS = re.compile(r"[^\W\d_]+")
#: A measure next to a piece makes it no piece of a number ("182 x 64 x 12 cm", "9,8 kg").
_MEASURE_AFTER = re.compile(r"\s?(?:[x×]|cm|mm|m|kg|g|km|l|ml|h|min|°|%|\")(?![^\W\d_])")
_MEASURE_BEFORE = re.compile(r"[x×]\s?$")
#: An hour after a piece is no piece of a number ("… dann 56789, ab 17 Uhr").
_HOUR_AFTER = re.compile(rf"\s?{_TIME_WORD}(?![^\W\d_])")
#: Characters before a dictated number that the masking of dates, prices and identifiers reads.
_PIECE_CONTEXT = 60


def detect_phone_pieces(norm: Normalised, found: Collector, regions: tuple[str, ...]) -> None:
    """Phone numbers dictated in pieces with words between them: "the number starts 07700,
    then 900, then 4, then 61", "číslo začína 0911, potom 45, potom 20, a na konci 31", "Die
    Vorwahl ist 030. Danach kommt 4 48 29 17". The pieces' digits, joined, must make a valid
    number of the message's regions (not merely a possible one), after a phone word; dates,
    prices and identifiers are masked first, as for a number written in one piece.  It runs
    the same way on the fast path and the reference path."""
    text = norm.text
    for start, end in _piece_chains(text, norm):
        low = max(0, start - _PIECE_CONTEXT)
        masked = " " * low + _mask(text[low:end], _NOT_PHONE)
        for chain_start, chain_end in _piece_chains(masked, norm, low):
            pieces = [
                (m.start(), m.end(), m.group("plus"))
                for m in PIECE.finditer(masked, chain_start, chain_end)
            ]
            _confirm_pieces(text, pieces, found, regions)


def _piece_chains(text: str, norm: Normalised, start: int = 0) -> Iterator[tuple[int, int]]:
    """Where, from ``start`` on, two pieces or more follow one another with short gaps of
    lower-case words (a capital starts a sentence, or names a street, a town or a model: "calle
    Alcalá 245, 28028 Madrid", "WBK 330718 A"), eight digits or more in all; a year is no
    piece ("année 2020")."""
    chain: list[re.Match[str]] = []
    worded = False  # words between two of the pieces: what a number in one piece never has

    def done() -> Iterator[tuple[int, int]]:
        if len(chain) >= 2 and worded and sum(len(m.group()) for m in chain) >= 8:
            yield chain[0].start(), chain[-1].end()

    for piece in PIECE.finditer(text, start):
        measure = is_a_measure(text, piece.start(), piece.end()) or _YEAR.fullmatch(piece.group())
        if chain:
            gap = text[chain[-1].end() : piece.start()]
            words = len(_LETTERS.findall(gap))
            if (
                measure
                or len(gap) > _PIECE_GAP_CHARS
                or words > _PIECE_GAP_WORDS
                or (words and _names_something(norm, chain[-1].end(), piece.start()))
            ):
                yield from done()
                chain, worded = [], False
            else:
                worded = worded or words > 0
        if not measure:
            chain.append(piece)
    yield from done()


def is_a_measure(text: str, start: int, end: int) -> bool:
    """Whether the digits ``text[start:end]`` are a measure or an hour, by what stands next to
    them ("182 x 64", "9,8 kg", "ab 18 Uhr")."""
    return bool(
        _MEASURE_AFTER.match(text, end)
        or _HOUR_AFTER.match(text, end)
        or _MEASURE_BEFORE.search(text, max(0, start - 2), start)
    )


_YEAR = re.compile(r"(?:19[5-9]|20[0-4])\d")
#: Where a sentence ends and the next starts.
SENTENCE_ENDS = re.compile(r"[.!?]\s+")
_BRACKETED = re.compile(r"\([^()]*\)")


def _names_something(norm: Normalised, start: int, end: int) -> bool:
    """A capitalised word in the original text between two pieces, other than the first word
    of a sentence ("Die Nummer fängt mit +43 664 an. Danach kommt 381 22 07")."""
    o_start, o_end = norm.span(start, end)
    # a gloss in brackets names the number's country, not a place the digits belong to ("0 6
    # 6 4 (Österreich) dann 1 2 3")
    gap = _BRACKETED.sub(" ", norm.original[o_start:o_end])
    for number, part in enumerate(SENTENCE_ENDS.split(gap)):
        words = _LETTERS.findall(part)
        if any(word[0].isupper() for word in words[1 if number else 0 :]):
            return True
    return False


def _confirm_pieces(
    text: str,
    pieces: list[tuple[int, int, str | None]],
    found: Collector,
    regions: tuple[str, ...],
) -> None:
    """The longest run of pieces from each piece on that is a valid number; the first found
    claims its span."""
    i = 0
    while i < len(pieces) - 1:
        start, _, plus = pieces[i]
        digits = ""
        valid = []
        for j in range(i, len(pieces)):
            digits += re.sub(r"\D", "", text[pieces[j][0] : pieces[j][1]])
            if len(digits) > 15:
                break
            if j > i and len(digits) >= 8:
                number = digits[2:] if plus == "00" else digits
                if is_phone_number(number, plus is not None, regions, False):
                    valid.append(j)
        # the longest valid run with a phone word before it ("the number starts …"), or right
        # after its end ("Începe cu 0745. Urmează 88. Apoi 12 și 34. Sunați după ora 17": not
        # the hour)
        cue_before = _PHONE_CUE.search(text, max(0, start - 40), start) is not None
        best = next(
            (
                j
                for j in reversed(valid)
                if cue_before or _PHONE_CUE.search(text, pieces[j][1], pieces[j][1] + 40)
            ),
            None,
        )
        end = pieces[best][1] if best is not None else 0
        if best is None or found.overlaps_claim(start, end):
            i += 1
            continue
        found.add("phone", start, end, claim=True)
        i = best + 1
