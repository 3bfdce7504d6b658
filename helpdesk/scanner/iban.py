"""Bank accounts (payment): IBANs, the Polish 26-digit account number (NRB) written without
"PL", which has the same checksum, and national account formats (``account_formats`` of
common.toml).  Found first, so their digits are never read as a phone number.

An IBAN is the right length for its country (any length from 15 to 34 for a country not in
the table) and either checksum-valid or written the way IBANs are printed: in groups of four,
or in one piece, with mostly digits after the country.  A mistyped or invented IBAN asks for a
transfer all the same; the shape keeps ordinary words and codes out.  It ends where its
country's length is reached, whatever word follows ("FR76 3000 … 943 en indiquant …").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from helpdesk.scanner.findings import Collector
from helpdesk.scanner.gates import Facts
from helpdesk.scanner.lexicon import COMMON
from helpdesk.scanner.normalise import Normalised

_IBAN = re.compile(r"\b[a-z]{2}\d{2}(?:[ ]?[a-z0-9]){11,30}")
#: Two letters and two digits starting a word, found from the digits (``re`` skips to digits
#: in C when a pattern starts with one).
_IBAN_START = re.compile(r"\b[a-z]{2}\d{2}")
_IBAN_HEAD = re.compile(r"\d(?<=(?<!\w)[a-z]{2}\d)\d")
#: 26 digits, neither inside a longer number nor after another group of digits ("… 1 12 1140
#: …"): (?<!\d)(?<!\d )\d{2}(?: ?\d{4}){6}(?!\d), written to start with its first digit.
_NRB = re.compile(r"\d(?<!\d\d)(?<!\d \d)\d(?: ?\d{4}){6}(?!\d)")
#: The NRB as banks print it: two digits, then six groups of four.
_NRB_PRINTED = re.compile(r"\d{2}(?: \d{4}){6}")
#: IBAN length per country (common.toml).
IBAN_LENGTHS: dict[str, int] = dict(COMMON["iban_lengths"])
_ACCOUNT_FORMATS = re.compile("|".join(f"(?:{p})" for p in COMMON["account_formats"]))
#: A Czech or Slovak birth number named just before: "rodné číslo mamky 475812/0263" has the
#: shape of an account number and its bank code, but is a person's identifier.
_BIRTH_NUMBER_NAMED = re.compile(
    r"(?:\brodn\w*\s+čísl\w*|\bčísl\w*\s+rodn\w*|\br\.\s?č\.)[^.!?\d]{0,30}$"
)


def _checksum_is_valid(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged.upper())
    return int(digits) % 97 == 1


#: Every country's account number (the BBAN) holds at least this many digits (the fewest: the
#: Netherlands' 10); words that happen to pass the checksum hold none ("UK25 code only works
#: on": one text in 97 passes it).
_BBAN_DIGITS = 8


def _iban_is_valid(candidate: str) -> bool:
    """A checksum-valid IBAN of the right length for its country, with the digits of an
    account number."""
    compact = candidate.replace(" ", "").upper()
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    return (
        15 <= len(compact) <= 34
        and sum(map(str.isdigit, compact[4:])) >= _BBAN_DIGITS
        and _checksum_is_valid(compact)
    )


def _printed_like_an_iban(candidate: str) -> bool:
    """In one piece or in groups of four (the last one shorter), mostly digits after the
    country and check digits."""
    groups = candidate.split(" ")
    if len(groups) > 1 and not (
        all(len(g) == 4 for g in groups[:-1]) and 1 <= len(groups[-1]) <= 4
    ):
        return False
    bban = "".join(groups)[4:]
    return sum(map(str.isdigit, bban)) * 2 >= len(bban)


def _iban_at(text: str, match: re.Match[str]) -> int | None:
    """Where the IBAN that ``match`` starts ends, or None: the longest prefix of the match
    that ends a word, has a length its country allows and is valid or printed like one."""
    country = match.group()[:2].upper()
    expected = IBAN_LENGTHS.get(country)
    ends = []
    compact = 0
    for index in range(match.start(), match.end()):
        if text[index] == " ":
            continue
        compact += 1
        after = index + 1
        if after < len(text) and text[after].isalnum():
            continue
        if (expected is None and 15 <= compact <= 34) or compact == expected:
            ends.append(after)
    for end in reversed(ends):
        candidate = text[match.start() : end]
        if _iban_is_valid(candidate) or (expected and _printed_like_an_iban(candidate)):
            return end
    return None


def detect_iban(norm: Normalised, found: Collector, facts: Facts) -> None:
    text = norm.text
    covered = 0
    for start in _iban_starts(facts):
        if start >= covered and (match := _IBAN.match(text, start)):
            end = _iban_at(text, match)
            if end is not None:
                covered = end
                found.add("payment", start, end, claim=True)
    # Polish customers write the 26-digit NRB without "PL"; it is the same checksum. Printed
    # as banks print it (two digits, then six groups of four), a mistyped or invented one asks
    # for a transfer all the same ("przelać 250 zł na konto 12 1140 2004 0000 3002 0123 4567").
    for match in _nrb_matches(text, facts):
        if _NRB_PRINTED.fullmatch(match.group()) or _iban_is_valid(
            "PL" + match.group().replace(" ", "")
        ):
            found.add("payment", match.start(), match.end(), claim=True)
    # National account numbers: every format has a run of six digits or more.
    if not facts.shortcuts or facts.chains():
        for match in _ACCOUNT_FORMATS.finditer(text):
            if found.overlaps_claim(match.start(), match.end()):
                continue
            if _BIRTH_NUMBER_NAMED.search(text, max(0, match.start() - 60), match.start()):
                continue
            found.add("payment", match.start(), match.end(), claim=True)


def _nrb_matches(text: str, facts: Facts) -> Iterator[re.Match[str]]:
    """``_NRB.finditer(text)``: 26 digits with single spaces make a chain of 26 digits."""
    if not facts.shortcuts:
        yield from _NRB.finditer(text)
        return
    for chain in facts.chains():
        if chain.digits >= 26:
            yield from _NRB.finditer(text, chain.start, chain.end)


def _iban_starts(facts: Facts) -> Iterator[int]:
    """Where an IBAN can start: a word that starts with two letters then two digits."""
    if not facts.shortcuts:
        return (found.start() for found in _IBAN_START.finditer(facts.text))
    return (found.start() - 2 for found in _IBAN_HEAD.finditer(facts.text))
