"""Gates: what a message must contain for a pattern to match in it.

Trying every pattern at every character of a message is what costs: Python's ``re`` tries a
big alternation at each position.  ``scan`` therefore only runs what can match:

* text that is already normalised is only lower-cased (the offset map is the identity);
* the message's words (and their first three letters) are collected once; a detector or a
  keyword rule runs only if the words and literals it needs are there, read off each regex by
  ``gates``; a keyword table is reduced to the entries that can match (``Family``), and an
  entry that is a list of words to the words that can match (``split_alternatives``);
* the phone search only looks at chains of six digits or more (``chains``); the masking of
  dates, prices and identifiers runs only up to those chains and only where a mask can start;
* spelled-out numbers are only read around a number word that has a run item next to it.

Each shortcut skips only work that cannot change the result: ``_scan(text, language,
shortcuts=False)`` (engine) runs everything everywhere, and the tests check that both give
identical findings, offsets included.

Most messages cannot match most patterns, and that is cheap to see once the message's words
are known.  The conditions below are *necessary* conditions derived from the patterns
themselves, so skipping a pattern whose condition fails changes nothing in the result.

For the keyword tables the conditions are read off the regex syntax tree (``re._parser``, the
parser ``re.compile`` itself uses): where a pattern needs a word start (after ``\\b`` or a
mandatory space), the first three letters of that word must be among the first three letters
of the message's words; and every literal that every match contains must occur in the text.
A construct the analysis does not understand yields no condition, which is slow but safe.
"""

from __future__ import annotations

import hashlib
import operator
import os
import pickle
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

_WORD = re.compile(r"\w+")
_LEADING_WORD = re.compile(r"\w*")

# --------------------------------------------------------------------------------------------
# Reading the conditions off a pattern
# --------------------------------------------------------------------------------------------

# Private modules of the standard library, without type information.
_sre: Any
_sre_parser: Any
try:
    from re import _constants as _sre  # type: ignore[attr-defined,no-redef]
    from re import _parser as _sre_parser  # type: ignore[attr-defined,no-redef]
except ImportError:  # pragma: no cover - another Python: no gates, same findings
    _sre = _sre_parser = None

HEAD = 3  # letters of a word start used as the look-up key
head_of = operator.itemgetter(slice(0, HEAD))
_PREFIX_LIMIT = 64  # alternatives followed before a prefix analysis stops growing


def _plain_group(op: Any, av: Any) -> bool:
    """A group without flags: its content matches as if written in its place."""
    return op is _sre.SUBPATTERN and not av[1] and not av[2]


def _literal_chars(op: Any, av: Any) -> tuple[str, ...] | None:
    """The characters one element matches, when it is a literal or a small set of literals."""
    if op is _sre.LITERAL:
        return (chr(av),)
    if op is _sre.IN and len(av) <= 8 and all(kind is _sre.LITERAL for kind, _ in av):
        return tuple(chr(code) for _, code in av)
    return None


def _non_word_member(op: Any, av: Any) -> bool:
    if op is _sre.LITERAL:
        return not chr(av).isalnum() and chr(av) != "_"
    if op is _sre.CATEGORY:
        return av in (_sre.CATEGORY_SPACE, _sre.CATEGORY_NOT_WORD)
    return False


def _is_non_word(op: Any, av: Any, *, last: bool) -> bool:
    """The element consumes at least one character and its first (or last) one is not \\w."""
    if op is _sre.LITERAL:
        return _non_word_member(op, av)
    if op is _sre.IN:
        return bool(av) and all(_non_word_member(kind, value) for kind, value in av)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, _, body = av
        items = list(body.data)
        return low >= 1 and bool(items) and _is_non_word(*items[-1 if last else 0], last=last)
    return False


def _word_ends_before(op: Any, av: Any) -> bool:
    """After a word character, this element guarantees the word has ended."""
    return (op is _sre.AT and av is _sre.AT_BOUNDARY) or _is_non_word(op, av, last=False)


def _word_starts_after(op: Any, av: Any) -> bool:
    """After this element, a word character starts a word."""
    return (op is _sre.AT and av is _sre.AT_BOUNDARY) or _is_non_word(op, av, last=True)


_Prefixes = tuple[set[str], set[tuple[str, bool]]]


def _prefixes(items: list) -> _Prefixes:
    """Literal strings every match of ``items`` starts with.

    Returns ``(whole, partial)``: ``whole`` for the ways through that are literal from end to end,
    ``partial`` as ``(prefix, word_ends)`` for those that stop at a non-literal element, with
    ``word_ends`` true when that element guarantees no word character follows the prefix.
    """
    live = {""}
    done: set[tuple[str, bool]] = set()
    for op, av in items:
        chars = _literal_chars(op, av)
        if len(live) > _PREFIX_LIMIT:
            return set(), done | {(prefix, _word_ends_before(op, av)) for prefix in live}
        if chars is not None:
            live = {prefix + char for prefix in live for char in chars}
        elif _plain_group(op, av) or op is _sre.BRANCH:
            alternatives = [av[-1]] if op is _sre.SUBPATTERN else av[1]
            grown: set[str] = set()
            for alternative in alternatives:
                whole, partial = _prefixes(list(alternative.data))
                grown |= {prefix + rest for prefix in live for rest in whole}
                done |= {(prefix + rest, ends) for prefix in live for rest, ends in partial}
            live = grown
        elif op is _sre.MAX_REPEAT and av[:2] == (0, 1):
            # "x?": both the way past the optional element and the way through it
            whole, partial = _prefixes(list(av[2].data))
            done |= {(prefix + rest, ends) for prefix in live for rest, ends in partial}
            live = live | {prefix + rest for prefix in live for rest in whole}
        else:
            return set(), done | {(prefix, _word_ends_before(op, av)) for prefix in live}
    return live, done


def _word_keys(items: list) -> frozenset[str] | None:
    """Look-up keys for a pattern that starts at a word start: the first ``HEAD`` letters of
    the word, or the whole word when it is shorter and known to end there.  None when some way
    through the pattern starts with too little literal text to give a key."""
    whole, partial = _prefixes(items)
    keys = set()
    for prefix, ends in partial | {(prefix, False) for prefix in whole}:
        word = _LEADING_WORD.match(prefix).group()  # type: ignore[union-attr]  # matches ""
        ends = ends or word != prefix
        if len(word) >= HEAD:
            keys.add(word[:HEAD])
        elif word and ends:
            keys.add(word)
        else:
            return None
    return frozenset(keys)


def _required_literals(items: list) -> set[str]:
    """Literal strings that every match of ``items`` contains."""
    found: set[str] = set()
    run = ""
    for op, av in [*items, (None, None)]:
        if op is _sre.LITERAL:
            run += chr(av)
            continue
        if run:
            found.add(run)
            run = ""
        if _plain_group(op, av):
            found |= _required_literals(list(av[-1].data))
        elif op is _sre.BRANCH:
            found |= set.intersection(*(_required_literals(list(alt.data)) for alt in av[1]))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            found |= _required_literals(list(av[2].data))
    return found


@dataclass(frozen=True)
class Gate:
    """Necessary conditions for one way through a pattern to match in a text."""

    word_keys: tuple[frozenset[str], ...]  # for each: some word of the text starts with a key
    literals: frozenset[str]  # each occurs in the text
    choices: tuple[frozenset[str], ...]  # for each: one of the strings occurs in the text

    def allows(self, facts: Facts) -> bool:
        for keys in self.word_keys:
            if keys.isdisjoint(facts.heads):
                return False
        return self.allows_text(facts.text)

    def allows_text(self, text: str) -> bool:
        """The conditions on the text's characters (the word keys are checked already)."""
        # plain loops: this runs for every candidate way of every message
        for literal in self.literals:
            if literal not in text:
                return False
        for group in self.choices:
            for choice in group:
                if choice in text:
                    break
            else:
                return False
        return True


_OPEN_GATE = Gate((), frozenset(), ())
_MAX_WAYS = 64  # ways through a pattern analysed one by one
_MAX_CHOICES = 12  # strings in one "one of these occurs" condition


def gates(pattern: str) -> tuple[Gate, ...]:
    """Gates for the ways through ``pattern``: it can match only where one of them allows.

    Groups are inlined and alternations taken apart ("\\b(?:code\\s+promo|cupón\\w*)" gives
    one way per alternative) so that each way has its own distinctive words.
    """
    cache = _cache()
    found = cache.get(pattern)
    if found is None:
        found = cache[pattern] = _analysed(pattern)
        _CACHE_STATE["new"] = True
    _CACHE_STATE["used"].add(pattern)
    return found


def _analysed(pattern: str) -> tuple[Gate, ...]:
    if _sre_parser is None:
        return (_OPEN_GATE,)
    try:
        return tuple(_gate(way) for way in _ways(list(_sre_parser.parse(pattern).data)))
    except Exception:  # pragma: no cover - an unexpected tree: no gate, same findings
        return (_OPEN_GATE,)


# Reading the gates off every pattern is half of the scanner's import (a second of a core, in
# each process that scans: web and Celery workers, every test process). They depend on the
# pattern and on this file's analysis alone (and on the parser: the interpreter's tag is in
# the name), so each process keeps those it used beside the bytecode, and the next one reads
# them back: a pattern that changed is not in the file, and a file written by another version
# of this module is ignored. A file that cannot be read or written (a read-only install) only
# costs that second.
_CACHE_PATH = Path(__file__).with_name("__pycache__") / f"gates.{sys.implementation.cache_tag}"
_CACHE_STATE: dict[str, Any] = {"gates": None, "new": False, "used": set()}


@cache
def _analysis_version() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _cache() -> dict[str, tuple[Gate, ...]]:
    cache = _CACHE_STATE["gates"]
    if cache is None:
        cache = {}
        try:
            with _CACHE_PATH.open("rb") as file:
                kept = pickle.load(file)  # noqa: S301 (written by this module, as a .pyc is)
            if kept["analysis"] == _analysis_version():
                cache = dict(kept["gates"])
        except Exception:  # noqa: S110 (absent, unreadable, another layout: analysed again)
            pass
        _CACHE_STATE["gates"] = cache
    return cache


def save_cache() -> None:
    """Keep the gates of the patterns used so far, once a process has analysed a new one (the
    scanner's import calls this after building every table)."""
    if not _CACHE_STATE["new"]:
        return
    used = {pattern: _cache()[pattern] for pattern in _CACHE_STATE["used"]}
    try:
        _CACHE_PATH.parent.mkdir(exist_ok=True)
        partial = _CACHE_PATH.with_name(f"{_CACHE_PATH.name}.{os.getpid()}")
        kept = {"analysis": _analysis_version(), "gates": used}
        partial.write_bytes(pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(_CACHE_PATH)  # atomic: another process reads the old file or this one
    except OSError:
        return
    _CACHE_STATE["new"] = False


def _ways(items: list) -> list[list]:
    """``items`` split at the alternations it starts with (behind ``\\b`` and literals), so that
    each way starts with its own word; later alternations stay (a word key or a choice)."""
    ways = [_inline_groups(items)]
    while True:
        expanded: list[Any] = []
        for way in ways:
            at = 0
            while at < len(way) and way[at][0] in (_sre.AT, _sre.LITERAL):
                at += 1
            if at < len(way) and way[at][0] is _sre.BRANCH:
                expanded.extend(
                    _inline_groups(way[:at] + list(alternative.data) + way[at + 1 :])
                    for alternative in way[at][1][1]
                )
            else:
                expanded.append(way)
        if expanded == ways or len(expanded) > _MAX_WAYS:
            return ways
        ways = expanded


def _inline_groups(items: list) -> list:
    """``items`` with the groups' content in their place (a group changes no match)."""
    flat = []
    for op, av in items:
        if _plain_group(op, av):
            flat.extend(_inline_groups(list(av[-1].data)))
        else:
            flat.append((op, av))
    return flat


def _gate(items: list) -> Gate:
    word_keys = []
    choices = []
    for index in range(len(items)):
        if index and _word_starts_at(items[:index]):
            keys = _word_keys(items[index:])
            if keys is not None:
                word_keys.append(keys)
                continue
        if items[index][0] is _sre.BRANCH:
            whole, partial = _prefixes(items[index:])
            strings = whole | {prefix for prefix, _ in partial}
            # "star" occurs wherever "stars" does: keep the shortest strings only
            # (each string's own prefixes looked up: a pairwise check took seconds at import)
            strings = {s for s in strings if not any(s[:k] in strings for k in range(len(s)))}
            if "" not in strings and len(strings) <= _MAX_CHOICES:
                choices.append(frozenset(strings))
    return Gate(tuple(word_keys), frozenset(_required_literals(items)), tuple(choices))


def _word_starts_at(items: list) -> bool:
    """After any match of ``items``, a word character starts a word: the last element is
    ``\\b`` or ends with a non-word character, possibly behind optional elements that do too
    (``\\s+(?:\\w+\\s+)?``)."""
    for op, av in reversed(items):
        if _word_starts_after(op, av):
            return True
        optional = op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and av[0] == 0
        if not (optional and av[2].data and _word_starts_after(*list(av[2].data)[-1])):
            return False
    return False


class Alternation:
    """A few compiled patterns matched as ``re`` matches their alternation ``A|B|C``: at the
    leftmost position where any of them matches, the first in order that matches there wins,
    and the search goes on after its match.  No new pattern is compiled for the entries one
    message can match (compiling an alternation of large entries took milliseconds, most of a
    slow message's time)."""

    def __init__(self, patterns: list[re.Pattern[str]]) -> None:
        self.patterns = patterns

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        return next(self.finditer(text, pos, endpos), None)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        end = len(text) if endpos is None else endpos
        pending = [pattern.search(text, pos, end) for pattern in self.patterns]
        while True:
            best: re.Match[str] | None = None
            for match in pending:
                if match is not None and (best is None or match.start() < best.start()):
                    best = match
            if best is None:
                return
            yield best
            # (no entry matches the empty string: the gates need a word or a literal)
            pos = max(best.end(), best.start() + 1)
            for number, match in enumerate(pending):
                if match is not None and match.start() < pos:
                    pending[number] = self.patterns[number].search(text, pos, end)


#: An entry that starts with a word boundary and a group of alternatives ("\\b(?:a|b)\\b").
_LEADING_GROUP = re.compile(r"\\b\(\?:")
#: What a split entry may not contain: a named group (a part may lack it) or a back-reference.
_UNSPLITTABLE = re.compile(r"\(\?P|\\[1-9]")


def split_alternatives(entry: str) -> list[str]:
    """``entry`` as the parts that, matched as ``Alternation`` matches them, find what it finds:
    "\\b(?:a|b)\\w*" is "\\b(?:a)\\w*" and "\\b(?:b)\\w*" (at a position, the first alternative
    that matches wins, as the first part that matches does; a word boundary matches one way
    only, so nothing before the group changes the order in which the ways are tried).  An
    entry of another shape, a group with a quantifier, an alternation after the group, a named
    group or a back-reference stays whole."""
    start = _LEADING_GROUP.match(entry)
    if start is None or _UNSPLITTABLE.search(entry):
        return [entry]
    bars, end = _top_level_bars(entry, start.end())
    if not bars or end == len(entry) or entry[end + 1 : end + 2] in ("*", "+", "?", "{"):
        return [entry]
    if _top_level_bars(entry, end + 1)[0]:  # "\\b(?:a|b)c|d": "d" is tried after "bc"
        return [entry]
    edges = [start.end() - 1, *bars, end]
    return [
        entry[: start.end()] + entry[left + 1 : right] + entry[end:]
        for left, right in pairwise(edges)
    ]


def _top_level_bars(pattern: str, at: int) -> tuple[list[int], int]:
    """From ``at`` in a pattern's source: where its "|" outside any group are, and where the
    group it is in ends (the length of the pattern outside any)."""
    depth = 0
    bars: list[int] = []
    while at < len(pattern):
        char = pattern[at]
        if char == "\\":
            at += 2
            continue
        if char == "[":  # a class: its "(", ")" and "|" are characters ("[]…]", "[^]…]" too)
            at += 2 if pattern.startswith("^", at + 1) else 1
            at += 1 if pattern.startswith("]", at) else 0
            while at < len(pattern) and pattern[at] != "]":
                at += 2 if pattern[at] == "\\" else 1
            at += 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if not depth:
                return bars, at
            depth -= 1
        elif char == "|" and not depth:
            bars.append(at)
        at += 1
    return bars, len(pattern)


#: What ``Family.for_text`` gives: a compiled pattern, or the alternation of a few.
Matcher = re.Pattern[str] | Alternation


class Family:
    """A table of patterns matched as one alternation, reduced to the entries a message can
    match: entries that cannot match anywhere in it change nothing in an alternation."""

    def __init__(self, entries: Iterable[str], *, grouped: bool = False) -> None:
        self.entries = tuple(entries)
        # ``grouped``: each entry wrapped in (?:…) in the whole table's alternation (``pattern``)
        self.grouped = grouped
        # The entries taken apart at the alternation they start with (``split_alternatives``):
        # a message that can match one word of a language's list searches for that word alone,
        # not for the whole list of ten languages at every character.
        self.parts = tuple(part for entry in self.entries for part in split_alternatives(entry))
        # each part compiled alone, on the first message that can match it
        self.compiled: list[re.Pattern[str] | None] = [None] * len(self.parts)
        # Every way through every part, indexed by the keys of its most distinctive word.
        self.ways: list[tuple[int, Gate]] = []
        self.index: dict[str, set[int]] = {}
        self.by_literal: dict[str, set[int]] = {}  # ways with no word key but a literal
        unindexed = set()
        # for each way, the word keys its index entry leaves to check (``_worded_ways``)
        self.unchecked: list[tuple[frozenset[str], ...]] = []
        for number, entry in enumerate(self.parts):
            for gate in gates(entry):
                way = len(self.ways)
                self.ways.append((number, gate))
                keys = gate.word_keys
                unchecked: tuple[frozenset[str], ...] = ()
                if keys:
                    # the word with the fewest keys, the last of equals: "… iban", "… directly"
                    chosen = min(reversed(range(len(keys))), key=lambda i: len(keys[i]))
                    for key in keys[chosen]:
                        self.index.setdefault(key, set()).add(way)
                    unchecked = keys[:chosen] + keys[chosen + 1 :]
                elif gate.literals:
                    self.by_literal.setdefault(max(gate.literals, key=len), set()).add(way)
                else:
                    unindexed.add(way)
                self.unchecked.append(unchecked)
        self.keys = frozenset(self.index)
        self.unindexed = frozenset(unindexed)
        # every word key of every way: what a message's word starts are reduced to
        self.all_keys = frozenset().union(
            *(keys for _, gate in self.ways for keys in gate.word_keys)
        )
        self.worded_ways = lru_cache(maxsize=2048)(self._worded_ways)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The whole table as one alternation, compiled on first use: for a message every
        entry may match, and the reference path (compiling every table took a fifth of the
        scanner's import, in every process that imports it)."""
        parts = (f"(?:{entry})" for entry in self.entries) if self.grouped else self.entries
        return re.compile("|".join(parts))

    def entry(self, number: int) -> re.Pattern[str]:
        """Part ``number`` compiled alone."""
        pattern = self.compiled[number]
        if pattern is None:
            pattern = self.compiled[number] = re.compile(self.parts[number])
        return pattern

    def _worded_ways(self, heads: frozenset[str]) -> tuple[tuple[int, Gate], ...]:
        """The ways whose words all start in ``heads`` (word starts reduced to ``all_keys``:
        the same few sets come back message after message, so this is cached)."""
        ways = set(self.unindexed)
        for key in heads & self.keys:
            ways |= self.index[key]
        found = []
        # (a way found by its index entry's key needs only its other words checked)
        for way in sorted(ways):
            for keys in self.unchecked[way]:
                if keys.isdisjoint(heads):
                    break
            else:
                found.append(self.ways[way])
        return tuple(found)

    def for_text(self, facts: Facts) -> Matcher | None:
        """The alternation of the entries that can match in the text, None if none can."""
        if not facts.shortcuts:
            return self.pattern
        text = facts.text
        numbers = set()
        for number, gate in self.worded_ways(facts.heads & self.all_keys):
            if number not in numbers and gate.allows_text(text):
                numbers.add(number)
        for literal, ways in self.by_literal.items():
            if literal in text:
                for way in ways:
                    number, gate = self.ways[way]
                    if number not in numbers and gate.allows(facts):
                        numbers.add(number)
        if not numbers:
            return None
        if len(numbers) == len(self.parts):
            return self.pattern
        if len(numbers) == 1:
            return self.entry(numbers.pop())
        return Alternation([self.entry(number) for number in sorted(numbers)])

    def spans(self, facts: Facts) -> list[tuple[int, int]]:
        """Where the entries match in the text, in order (none when no entry can)."""
        matcher = self.for_text(facts)
        return [] if matcher is None else [m.span() for m in matcher.finditer(facts.text)]


# --------------------------------------------------------------------------------------------
# What a message holds
# --------------------------------------------------------------------------------------------


class Facts:
    """What the gates look up in one normalised message, computed once.

    With ``shortcuts=False`` every gate is open: that is the reference path the tests compare
    the fast path with.
    """

    def __init__(self, text: str, *, shortcuts: bool) -> None:
        self.text = text
        self.shortcuts = shortcuts
        self.words = frozenset(_WORD.findall(text)) if shortcuts else frozenset()
        self.heads = frozenset(map(head_of, self.words))
        self._chains: list[Chain] | None = None

    def chains(self) -> list[Chain]:
        """The text's chains of six digits or more (see ``chains``)."""
        if self._chains is None:
            self._chains = chains(self.text)
        return self._chains

    def has_word(self, vocabulary: frozenset[str]) -> bool:
        return not self.shortcuts or not self.words.isdisjoint(vocabulary)

    def has_text(self, *snippets: str) -> bool:
        return not self.shortcuts or any(snippet in self.text for snippet in snippets)


# --------------------------------------------------------------------------------------------
# Digit chains
# --------------------------------------------------------------------------------------------

#: Digit runs chained the way a phone candidate chains them: look-alike letters, and between
#: them at most one separator of up to three characters (four with empty brackets "()").
_CHAIN = re.compile(
    r"\d+(?:[oOlIi|sSzZbB]*(?:[^\doOlIi|sSzZbB](?:\D{0,2}[^\doOlIi|sSzZbB])?)?[oOlIi|sSzZbB]*\d+)*"
)
#: Letters read as digits inside a phone number (the text is lower-cased by then).
LOOKALIKE_CHARS = "oOlIi|sSzZbB"


class Chain(NamedTuple):
    """Digit runs chained the way a phone candidate chains them (``_CHAIN``)."""

    start: int
    end: int
    digits: int
    window: tuple[int, int]  # widened by what may start or end a candidate around it


#: The fewest real digits of a phone number written partly with look-alike letters.
FEWEST_REAL_DIGITS = 3


def enough_digits(real: int, total: int) -> bool:
    """Digits enough for a phone number: six, or eight with letters written for some of them
    and four real ones ("O77OO 9OO 4l8", "6oo 7o0 8oo"), or nine with three real ones ("6OO
    7OO 8OO")."""
    return real >= 6 or (real >= 4 and total >= 8) or (real >= FEWEST_REAL_DIGITS and total >= 9)


def enough_digits_in(text: str, start: int, end: int) -> bool:
    """``enough_digits`` for ``text[start:end]``, its look-alike letters counted as digits."""
    real = sum(map(str.isdecimal, text[start:end]))
    letters = sum(text.count(char, start, end) for char in LOOKALIKE_CHARS)
    return enough_digits(real, real + letters)


def chains(text: str, start: int = 0, end: int | None = None) -> list[Chain]:
    """The chains of ``text[start:end]`` with digits enough for a phone number
    (``enough_digits``, look-alike letters counted).

    Inside a phone candidate, one digit run follows the next with look-alike letters and at
    most one separator between them.  Chains with six digits, widened by what may start or end
    a candidate (look-alike letters, "+", a space, "("), are the only places
    ``phone._PHONE_CANDIDATE`` can find one with six digits, and no candidate crosses their edges.
    """
    found = []
    for chain in _CHAIN.finditer(text, start, len(text) if end is None else end):
        first, last = chain.span()
        if last - first < 6:
            continue
        digits = sum(map(str.isdecimal, chain.group()))
        if digits < FEWEST_REAL_DIGITS:
            continue
        while first > 0 and text[first - 1] in LOOKALIKE_CHARS:
            first -= 1
        while last < len(text) and text[last] in LOOKALIKE_CHARS:
            last += 1
        if digits < 6 and not enough_digits_in(text, first, last):
            continue
        window = (max(0, first - 3), min(len(text), last + 1))
        found.append(Chain(chain.start(), chain.end(), digits, window))
    return found
