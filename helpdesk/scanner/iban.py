"""IBANs (payment): a checksum-valid IBAN of the right length for its country, and the Polish
26-digit account number (NRB) written without "PL", which has the same checksum.  Found
first, so its digits are never read as a phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from helpdesk.scanner.findings import Collector
from helpdesk.scanner.gates import Facts
from helpdesk.scanner.lexicon import COMMON
from helpdesk.scanner.normalise import Normalised

_IBAN = re.compile(r"\b[a-z]{2}\d{2}(?:[ ]?[a-z0-9]){11,30}\b")
#: Two letters and two digits starting a word, found from the digits (``re`` skips to digits
#: in C when a pattern starts with one).
_IBAN_HEAD = re.compile(r"\d(?<=(?<!\w)[a-z]{2}\d)\d")
#: (?<![\d ])\d{2}(?: ?\d{4}){6}(?![\d]), written to start with its first digit (same matches).
_NRB = re.compile(r"\d(?<![\d ]\d)\d(?: ?\d{4}){6}(?!\d)")
#: IBAN length per country (common.toml).
IBAN_LENGTHS: dict[str, int] = dict(COMMON["iban_lengths"])


def _iban_is_valid(candidate: str) -> bool:
    compact = candidate.replace(" ", "").upper()
    expected = IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    if not 15 <= len(compact) <= 34:
        return False
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(digits) % 97 == 1


def detect_iban(norm: Normalised, found: Collector, facts: Facts) -> None:
    for match in _matches(_IBAN, norm.text, _iban_starts(facts)):
        if _iban_is_valid(match.group()):
            found.add("payment", match.start(), match.end(), claim=True)
    # Polish customers write the 26-digit NRB without "PL"; it is the same checksum.
    for match in _nrb_matches(norm.text, facts):
        if _iban_is_valid("PL" + match.group().replace(" ", "")):
            found.add("payment", match.start(), match.end(), claim=True)


def _nrb_matches(text: str, facts: Facts) -> Iterator[re.Match[str]]:
    """``_NRB.finditer(text)``: 26 digits with single spaces make a chain of 26 digits."""
    if not facts.shortcuts:
        yield from _NRB.finditer(text)
        return
    for chain in facts.chains():
        if chain.digits >= 26:
            yield from _NRB.finditer(text, chain.start, chain.end)


def _matches(
    pattern: re.Pattern[str], text: str, starts: Iterable[int] | None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (sorted; None:
    anywhere), without trying the pattern at every other character."""
    if starts is None:
        yield from pattern.finditer(text)
        return
    covered = 0
    for start in starts:
        if start >= covered and (match := pattern.match(text, start)):
            covered = match.end()
            yield match


def _iban_starts(facts: Facts) -> Iterator[int] | None:
    """Where an IBAN can start: a word that starts with two letters then two digits
    (None: anywhere)."""
    if not facts.shortcuts:
        return None
    return (found.start() - 2 for found in _IBAN_HEAD.finditer(facts.text))
