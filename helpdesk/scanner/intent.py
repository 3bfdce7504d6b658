"""Intent: what a message asks for, read by a learned model where word lists stop generalising.

The detectors find what can be pointed at: an address, a number, a link, an app's name, a
payment or marketing phrase of the lexicons.  People also ask to be paid outside, advertise or
move the talk elsewhere without any of those words ("cancel the order and I refund you
myself", "samples for our subscribers"), and they name an app to refuse it ("I'd rather not
use WhatsApp, let's stay here") or as where they saw an advert; and they dictate addresses
and numbers in ways no pattern pieces together.  A linear model weighs the whole message, for
every kind:

* **Features**: the message's words and pairs of neighbouring words, the first
  ``PREFIX`` letters of longer words (a stem that survives inflection: "zapłacić", "zapłać"),
  all case-folded with accents removed and every number written ``0``; and which kinds the
  detectors found (``rule:<kind>``) with the ``MESSAGE_CONTEXT`` words on each side of each
  finding (``c:<kind>:<word>``), so the model learns when a detector's word is meant; and
  the concepts the words express (``concept_keys``, from the ``[intent]`` lists of the
  language files) alone and in pairs that occur near each other (``i:money&outside``): what
  one writer says with words no other writer used, the concepts still say, in any language.
* **Model**: logistic regression, one weight per feature and kind, trained by
  ``manage.py train_scanner_model`` on the corpus's development split (``training``) and
  committed as ``intent_model.json``.  Reading it is a dictionary look-up per feature.
* **Span model**: a second logistic regression reads each of the detectors' *soft* findings
  (a word or phrase of the lexicons: an app's name, a payment or marketing phrase, which a
  refusal or a mention may explain; never an address, a number, a link, a handle or a
  disguised name) with the ``CONTEXT`` words around it (``span_features``): "nemám Viber",
  "j'ai vu votre pub sur Instagram" and "l'application Instagram plante" are not meant as
  "napište mi na Viber" is.  Reading the words next to the finding rather than the whole
  message keeps a payment request from explaining away the app named beside it.
* **Sentence model**: a third logistic regression reads each sentence alone (its words and
  concepts, and the kinds the detectors found in the message) for the intents
  (``SENTENCE_KINDS``); a message scores as its highest-scoring sentence.  It is trained as a
  multiple-instance model (messages are labelled, sentences are not: each step learns from
  the sentence that scores highest), so one sentence of payment or marketing buried in a
  long, friendly message weighs as it would alone, where the message model adds the whole
  message's everyday words against it.
* **Decision**, per kind: a soft finding is dropped when the message model's probability of
  its kind is under ``veto`` or the span model's is under ``span_veto``;
  without a detector's finding of the kind, the model alone reports it at the kind's ``add``
  threshold or above (an address dictated in words the detectors cannot piece together,
  payment outside without a brand, marketing without the obvious words; payment, marketing
  and channel moves have a threshold of their own, see ``training.INTENT_ADD_CHOICES``).
  The span is then the sentence that weighs most for the kind, so the writer still sees what
  was found.  The sentence model reports an intent from its own threshold, with the sentence
  that carries it; and a soft finding stands when its message or its strongest sentence reads
  the kind as meant.

Pure: the model file is read once, on first use.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

import orjson

from helpdesk.scanner.lexicon import LEXICON

#: The kinds the model reads: all of them.
MODELLED = ("email", "phone", "url", "social", "payment", "marketing")
#: Contact details (an address or number dictated in words, a link described) and intents
#: (payment outside, marketing, a channel move) get their own threshold for the model alone.
CONTACT_KINDS = frozenset({"email", "phone", "url"})
MODEL_PATH = Path(__file__).with_name("intent_model.json")
#: Letters of a word kept as its stem feature (words longer than this only).
PREFIX = 5
#: Words on each side of a detector's word finding that the span model reads ("nemám Viber",
#: "I'd rather not use WhatsApp", "saw your ad on Instagram").
CONTEXT = 5
#: Words on each side of every finding that the message model reads.
MESSAGE_CONTEXT = 3
#: Words apart within which two concepts of the ``[intent]`` lists make a pair feature.
CONCEPT_WINDOW = 6
#: Characters on each side of a finding in which those words are looked for.
_CONTEXT_CHARS = 60

Span = tuple[str, int, int]  # kind, start, end in the original text

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_MARKS = re.compile("[\u0300-\u036f]")
#: Words that a dot ends without ending the sentence ("np.", "z.B.", "dvs."; the languages'
#: ``text.abbreviations``).
ABBREVIATIONS = tuple(LEXICON.union("text.abbreviations"))
#: A sentence: up to a ".", "!", "?" or a line's end; a dot with no space after it is inside a
#: domain or a number ("med-liptov.sk", "2.5 kg") and ends nothing, nor does one between a
#: number and the next, in a date or an ordinal ("platí do 31. 5., zľava …", "3. 3. 2026"),
#: nor one after an abbreviation ("Lăsați-mi adresa dvs. de e-mail"; the look-behinds run at
#: dots only).
SENTENCE = re.compile(
    r"(?:[^.!?\n]+|\.(?=[^\s.!?])|(?<=\d)\.(?=\s\d)|(?:"
    + "|".join(rf"(?<=\b{re.escape(word)})" for word in ABBREVIATIONS)
    + r")\.(?=\s))+[.!?\n]*",
    re.IGNORECASE,
)


def _fold(text: str) -> str:
    """Case-folded, accents removed (ł and ø stay: they are letters of their own)."""
    text = text.casefold()
    if text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


@lru_cache(maxsize=65536)
def _word(token: str) -> str:
    """A token as a feature: folded, every number written "0" (the vocabulary repeats from
    message to message, so the folding is cached)."""
    return "0" if token[0].isdigit() else _fold(token)


def folded_words(text: str) -> list[str]:
    """The text's words and numbers, folded, every number written "0"."""
    return list(map(_word, _TOKEN.findall(text)))


_GROUP, _START, _END = re.Match.group, re.Match.start, re.Match.end


class Reading:
    """The words of one text with where each starts and ends, read once for every feature of
    the text, its findings and its sentences."""

    __slots__ = ("__dict__", "ends", "starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        matches = list(_TOKEN.finditer(text))
        # (maps over C functions: no Python step per word)
        self.words: list[str] = list(map(_word, map(_GROUP, matches)))
        self.starts: list[int] = list(map(_START, matches))
        self.ends: list[int] = list(map(_END, matches))

    def around(self, start: int, end: int, n: int) -> tuple[list[str], list[str]]:
        """The ``n`` words before ``start`` and after ``end``, within ``_CONTEXT_CHARS``."""
        first = bisect_right(self.ends, start)  # words[:first] end at or before start
        before = [
            word
            for word, stop in zip(
                self.words[max(0, first - n) : first],
                self.ends[max(0, first - n) : first],
                strict=True,
            )
            if stop > start - _CONTEXT_CHARS
        ]
        after_at = bisect_left(self.starts, end)
        after = [
            word
            for word, begin in zip(
                self.words[after_at : after_at + n],
                self.starts[after_at : after_at + n],
                strict=True,
            )
            if begin < end + _CONTEXT_CHARS
        ]
        return before, after

    def between(self, start: int, end: int) -> list[str]:
        """The words that lie within ``text[start:end]``."""
        return self.words[bisect_left(self.starts, start) : bisect_right(self.ends, end)]

    def keys(self, start: int = 0, end: int | None = None) -> WordKeys:
        """``_word_keys(self.between(start, end))`` (the whole text by default), from what is
        read once per text: the pairs of neighbouring words and the concepts' matches are
        found once for the message and its sentences, and each run's keys once."""
        first = 0 if start == 0 else bisect_left(self.starts, start)
        last = len(self.words) if end is None else bisect_right(self.ends, end)
        cache: dict[tuple[int, int], WordKeys] = self.__dict__.setdefault("_runs", {})
        found = cache.get((first, last))
        if found is None:
            found = cache[first, last] = self._keys(first, last)
        return found

    def _keys(self, first: int, last: int) -> WordKeys:
        words = self.words
        shared = self.__dict__.get("_shared")
        if shared is None:
            shared = self.__dict__["_shared"] = (
                [f"{a} {b}" for a, b in pairwise(words)],
                concept_matches(words),
            )
        bigrams, matches = shared
        unique = set(words[first:last])
        pairs = set(bigrams[first : max(first, last - 1)])
        stems = {word[:PREFIX] for word in unique if len(word) > PREFIX}
        if first == 0 and last == len(words):
            inside = matches
        else:
            inside = [match for match in matches if first <= match[0] and match[1] <= last]
        return unique, pairs, stems, _concept_pairs(inside)

    def context(self, spans: Iterable[Span]) -> set[str]:
        """The ``MESSAGE_CONTEXT`` words on each side of each finding, keyed by its kind
        ("social:nemam")."""
        found: set[str] = set()
        for kind, start, end in spans:
            before, after = self.around(start, end, MESSAGE_CONTEXT)
            found.update(f"{kind}:{word}" for word in (*before, *after))
        return found


#: What the models read of a run of words, keyed without the features' prefixes: the words
#: ("w:"), the pairs of neighbouring words ("b:"), the stems of longer words ("p:"), the
#: concepts and pairs of nearby concepts ("i:", ``concept_keys``).
WordKeys = tuple[set[str], set[str], set[str], set[str]]


def _word_keys(words: list[str]) -> WordKeys:
    """The ``WordKeys`` of a run of words (``Reading.keys`` reads them faster for a text and
    its sentences)."""
    unique = set(words)
    pairs = {f"{a} {b}" for a, b in pairwise(words)}
    stems = {word[:PREFIX] for word in unique if len(word) > PREFIX}
    return unique, pairs, stems, concept_keys(words)


def _text_features(words: list[str]) -> set[str]:
    unique, pairs, stems, concepts = _word_keys(words)
    return {
        *("w:" + word for word in unique),
        *("b:" + pair for pair in pairs),
        *("p:" + stem for stem in stems),
        *("i:" + concept for concept in concepts),
    }


#: Phrases of the concept lists by their first word, then by their second: the words after the
#: second, whether the last word is a stem, and the concept.
_Phrases = dict[str, dict[str, list[tuple[tuple[str, ...], bool, str]]]]
#: Two-word phrases whose second word is a stem, by their first word: the stem, the concept.
_StemPairs = dict[str, list[tuple[str, str]]]


@cache
def _concept_tables() -> tuple[
    dict[str, frozenset[str]], dict[int, dict[str, frozenset[str]]], _Phrases, _StemPairs
]:
    """The ``[intent]`` lists of every language, folded as the words are: whole words →
    concepts, stems by length → concepts, and the phrases (see ``_Phrases``, ``_StemPairs``)."""
    from helpdesk.scanner.lexicon import INTENT_CONCEPTS, LEXICON

    whole: dict[str, set[str]] = {}
    stems: dict[int, dict[str, set[str]]] = {}
    phrases: _Phrases = {}
    stem_pairs: _StemPairs = {}
    for concept in INTENT_CONCEPTS:
        for entry in LEXICON.union(f"intent.{concept}"):
            is_stem = entry.endswith("*")
            parts = [_fold(part) for part in entry.rstrip("*").split()]
            if len(parts) == 2 and is_stem:
                stem_pairs.setdefault(parts[0], []).append((parts[1], concept))
            elif len(parts) > 1:
                by_second = phrases.setdefault(parts[0], {})
                by_second.setdefault(parts[1], []).append((tuple(parts[2:]), is_stem, concept))
            elif is_stem:
                stems.setdefault(len(parts[0]), {}).setdefault(parts[0], set()).add(concept)
            else:
                whole.setdefault(parts[0], set()).add(concept)
    return (
        {word: frozenset(found) for word, found in whole.items()},
        {
            length: {stem: frozenset(found) for stem, found in table.items()}
            for length, table in sorted(stems.items())
        },
        phrases,
        stem_pairs,
    )


@lru_cache(maxsize=1 << 18)
def _word_concepts(word: str) -> frozenset[str]:
    """The concepts one folded word expresses on its own (whole word or stem)."""
    whole, stems, _, _ = _concept_tables()
    found = set(whole.get(word, ()))
    for length, table in stems.items():
        if length > len(word):
            break
        found.update(table.get(word[:length], ()))
    return frozenset(found)


@cache
def _pair_key(first: str, second: str) -> str:
    return f"{min(first, second)}&{max(first, second)}"


def concept_keys(words: list[str]) -> set[str]:
    """The concepts of a run of folded words ("money"), and each pair of different concepts
    that occur within ``CONCEPT_WINDOW`` words of each other ("money&outside"): "zapłać mi
    bezpośrednio" and "pay me direct" give the same feature, which the model learns from every
    language at once."""
    return _concept_pairs(concept_matches(words))


#: A concept found in a run of words: the index of its first word, the index after its last
#: word, the concept.
Match = tuple[int, int, str]


def concept_matches(words: list[str]) -> list[Match]:
    """Where the concepts of the ``[intent]`` lists occur in a run of folded words: words,
    stems and phrases, in the order of their first word."""
    _, _, phrases, stem_pairs = _concept_tables()
    at: list[Match] = []
    count = len(words)
    for i, word in enumerate(words):
        found = _word_concepts(word)
        if found:
            for concept in found:
                at.append((i, i + 1, concept))
        if i + 1 == count or (word not in phrases and word not in stem_pairs):
            continue
        second = words[i + 1]
        by_second = phrases.get(word)
        if by_second is not None:
            for rest, is_stem, concept in by_second.get(second, ()):
                if not rest:
                    at.append((i, i + 2, concept))
                    continue
                following = words[i + 2 : i + 2 + len(rest)]
                if len(following) == len(rest) and following[:-1] == list(rest[:-1]):
                    last, wanted = following[-1], rest[-1]
                    if last == wanted or (is_stem and last.startswith(wanted)):
                        at.append((i, i + 2 + len(rest), concept))
        for stem, concept in stem_pairs.get(word, ()):
            if second.startswith(stem):
                at.append((i, i + 2, concept))
    return at


def concepts_of(text: str) -> frozenset[str]:
    """The concepts of the ``[intent]`` lists whose words or phrases occur in ``text`` (in any
    language): "notre site", "honlapunkon", "link in bio" are ``own``.  A "no" inside an
    ``agree`` phrase refuses nothing ("pas de souci", "kein Problem", "nincs gond")."""
    return frozenset(concept for _, _, concept in meant_concepts(folded_words(text)))


def meant_concepts(words: list[str]) -> list[Match]:
    """``concept_matches``, without the negations inside an ``agree`` phrase."""
    matches = concept_matches(words)
    agreed = [(low, high) for low, high, concept in matches if concept == "agree"]
    if not agreed:
        return matches
    return [
        (low, high, concept)
        for low, high, concept in matches
        if concept != "negation" or not any(a <= low and high <= b for a, b in agreed)
    ]


def _concept_pairs(at: list[Match]) -> set[str]:
    """The concepts of ``concept_matches`` and their pairs within ``CONCEPT_WINDOW`` words."""
    keys = {concept for _, _, concept in at}
    if len(keys) < 2:
        return keys
    for n, (i, _, concept) in enumerate(at):
        m = n + 1
        while m < len(at) and at[m][0] - i <= CONCEPT_WINDOW:
            other = at[m][2]
            if other != concept:
                keys.add(_pair_key(concept, other))
            m += 1
    return keys


def features(text: str, spans: Iterable[Span] = ()) -> set[str]:
    """The model's features of ``text``; ``spans`` are the detectors' findings in it."""
    spans = list(spans)
    reading = Reading(text)
    found = _text_features(reading.words)
    found.update({"rule:" + kind for kind, _, _ in spans})
    found.update({"c:" + key for key in reading.context(spans)})
    return found


def span_features(text: str, span: Span, reading: Reading | None = None) -> set[str]:
    """What the span model reads of one word finding: its kind, its own words ("viber",
    "przelew"), and the ``CONTEXT`` words on each side with their stems, each keyed by the
    finding's kind."""
    kind, start, end = span
    reading = reading or Reading(text)
    found = {"k:" + kind}
    found.update(f"s:{kind}:{word}" for word in folded_words(text[start:end]))
    before, after = reading.around(start, end, CONTEXT)
    for word in (*before, *after):
        found.add(f"c:{kind}:{word}")
        if len(word) > PREFIX:
            found.add(f"c:{kind}:{word[:PREFIX]}~")
    return found


@dataclass(frozen=True)
class SpanModel:
    """Whether a detector's word finding is meant: logistic regression on ``span_features``
    (a refusal, a mention of where an advert was seen, an app on a phone that crashes)."""

    bias: float
    weights: dict[str, float]

    def probability(self, text: str, span: Span, reading: Reading | None = None) -> float:
        """The probability that the finding is meant; 1.0 when the model has not learned every
        one of its own words (a language it was not trained on: it does not judge what it
        cannot read)."""
        return self.probability_of(span_features(text, span, reading))

    def probability_of(self, feats: Iterable[str]) -> float:
        weights = self.weights
        own = [f for f in feats if f.startswith("s:")]
        if not own or not all(f in weights for f in own):
            return 1.0
        return _sigmoid(self.bias + sum(weights[f] for f in feats if f in weights))

    def to_json(self) -> dict:
        return {
            "bias": round(self.bias, 2),
            "weights": {f: round(w, 2) for f, w in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict) -> SpanModel:
        return cls(bias=data["bias"], weights=dict(data["weights"]))


#: The kinds the sentence model reads: the intents, which one sentence of a long message can
#: carry alone ("… and the rest in cash when you collect it, then we skip the fees. …").
SENTENCE_KINDS = ("social", "payment", "marketing")


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """Where each sentence of ``text`` starts and ends, surrounding blanks left out."""
    for sentence in SENTENCE.finditer(text):
        body = sentence.group()
        if body.strip():
            start = sentence.start() + len(body) - len(body.lstrip())
            yield start, sentence.start() + len(body.rstrip())


def sentence_features(words: list[str], rule_kinds: Iterable[str]) -> set[str]:
    """What the sentence model reads of one sentence: its words, pairs, stems and concepts
    (as the message model does) and which kinds the detectors found in the message."""
    return _text_features(words) | {"rule:" + kind for kind in rule_kinds}


@dataclass(frozen=True)
class SentenceModel:
    """Whether a message carries an intent in one of its sentences: logistic regression on
    ``sentence_features``, a message scoring as its highest-scoring sentence (trained as a
    multiple-instance model, ``training.fit_sentences``), so that one sentence of payment or
    marketing buried in a long, friendly message weighs as much as it would alone.  ``add``:
    per kind of ``SENTENCE_KINDS``, the probability from which the kind is reported."""

    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    add: tuple[float, ...] = (1.01, 1.01, 1.01)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_split", _split_weights(self.weights))

    def best(self, reading: Reading, rule_kinds: Collection[str]) -> list[tuple[float, int, int]]:
        """Per kind of ``SENTENCE_KINDS``: the highest probability of a sentence, and where
        that sentence starts and ends."""
        split = self._split  # type: ignore[attr-defined]
        rules = [w for w in map(split["rule"].get, rule_kinds) if w is not None]
        best: list[tuple[float, int, int]] = [(-math.inf, 0, 0)] * len(self.bias)
        for start, end in sentences(reading.text):
            vectors = _vectors(split, reading.keys(start, end)) + rules
            columns = zip(*vectors, strict=True) if vectors else ((),) * len(self.bias)
            for j, (b, column) in enumerate(zip(self.bias, columns, strict=True)):
                z = math.fsum((b, *column))  # exact: sentences that tie, tie in any order
                if z > best[j][0]:
                    best[j] = (z, start, end)
        return [(_sigmoid(z), start, end) for z, start, end in best]

    def may_add_any(self, rule_kinds: Collection[str]) -> bool:
        """Whether a sentence can reach the ``add`` probability of a kind that may be added
        (``may_add``): none can reach one above the highest probability ``_sigmoid`` gives."""
        return any(
            add <= _HIGHEST_PROBABILITY and may_add(kind, rule_kinds)
            for kind, add in zip(SENTENCE_KINDS, self.add, strict=True)
        )

    def probabilities_of(self, bags: Iterable[Iterable[str]]) -> list[float]:
        """Per kind, the highest probability of the sentences' feature sets (``bags``)."""
        best = [-math.inf] * len(self.bias)
        for feats in bags:
            vectors = [w for w in map(self.weights.get, feats) if w is not None]
            for j, b in enumerate(self.bias):
                best[j] = max(best[j], b + sum(vector[j] for vector in vectors))
        return [_sigmoid(z) for z in best]

    def to_json(self) -> dict:
        return {
            "kinds": list(SENTENCE_KINDS),
            "bias": [round(b, 2) for b in self.bias],
            "add": list(self.add),
            "weights": {f: [round(v, 2) for v in w] for f, w in sorted(self.weights.items())},
        }

    @classmethod
    def from_json(cls, data: dict) -> SentenceModel:
        return cls(
            bias=tuple(data["bias"]),
            weights={f: tuple(w) for f, w in data["weights"].items()},
            add=tuple(data["add"]),
        )


def _split_weights(
    weights: dict[str, tuple[float, ...]],
) -> dict[str, dict[str, tuple[float, ...]]]:
    """The weights split by feature type, keyed without their prefix ("w:", "b:", "p:", "i:",
    "rule:", "c:"): words are looked up without building a string per feature."""
    split: dict[str, dict[str, tuple[float, ...]]] = {
        "w": {},
        "b": {},
        "p": {},
        "i": {},
        "rule": {},
        "c": {},
    }
    for feature, w in weights.items():
        kind, _, key = feature.partition(":")
        split[kind][key] = w
    return split


def _vectors(
    split: dict[str, dict[str, tuple[float, ...]]], keys: WordKeys
) -> list[tuple[float, ...]]:
    """The weights of a run of words' keys (``Reading.keys``) that ``split`` knows (a weight
    vector is a non-empty tuple, so ``filter(None, …)`` keeps exactly the known ones, in C)."""
    unique, pairs, stems, concepts = keys
    return [
        *filter(None, map(split["w"].get, unique)),
        *filter(None, map(split["b"].get, pairs)),
        *filter(None, map(split["p"].get, stems)),
        *filter(None, map(split["i"].get, concepts)),
    ]


@dataclass(frozen=True)
class Model:
    kinds: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    veto: float  # a word finding is dropped under this probability of its kind (message)
    add: tuple[float, ...]  # per kind, in the order of ``kinds``
    spans: SpanModel | None = None
    span_veto: float = 0.0  # … or under this probability of the span model
    sentences: SentenceModel | None = None  # intents carried by one sentence
    #: The languages of the messages it learned from: it does not judge a message in another
    #: (a market's language added as a data file is read by the detectors alone until the
    #: model is trained on it).
    languages: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "_split", _split_weights(self.weights))

    def text_logits(
        self, text: str, spans: Sequence[Span], reading: Reading | None = None
    ) -> list[float]:
        """``logits(features(text, spans))``, computed faster."""
        split = self._split  # type: ignore[attr-defined]
        reading = reading or Reading(text)
        vectors = self._word_vectors(reading.keys())
        if spans:
            rule_kinds = {kind for kind, _, _ in spans}
            vectors += [w for w in map(split["rule"].get, rule_kinds) if w is not None]
            vectors += [w for w in map(split["c"].get, reading.context(spans)) if w is not None]
        return self._add_up(vectors)

    def sentence_score(self, reading: Reading, start: int, end: int, j: int) -> float:
        """The logit of kind ``j`` for the sentence ``text[start:end]`` alone
        (``logits(features(sentence))[j]``)."""
        vectors = self._word_vectors(reading.keys(start, end))
        return math.fsum((self.bias[j], *(vector[j] for vector in vectors)))  # exact, as ``best``

    def _word_vectors(self, keys: WordKeys) -> list[tuple[float, ...]]:
        """The weights of a run of words' keys (``Reading.keys``) the model knows."""
        return _vectors(self._split, keys)  # type: ignore[attr-defined]

    def logits(self, feats: Iterable[str]) -> list[float]:
        return self._add_up([w for w in map(self.weights.get, feats) if w is not None])

    def _add_up(self, vectors: list[tuple[float, ...]]) -> list[float]:
        """The bias plus the weight vectors, kind by kind (column sums in C: a message has a
        few hundred features)."""
        if not vectors:
            return list(self.bias)
        columns = zip(*vectors, strict=True)
        return [b + sum(column) for b, column in zip(self.bias, columns, strict=True)]

    def probabilities(self, feats: Iterable[str]) -> dict[str, float]:
        return self.as_probabilities(self.logits(feats))

    def as_probabilities(self, logits: list[float]) -> dict[str, float]:
        return {kind: _sigmoid(z) for kind, z in zip(self.kinds, logits, strict=True)}

    def to_json(self) -> dict:
        return {
            "kinds": list(self.kinds),
            **({"languages": list(self.languages)} if self.languages else {}),
            "bias": [round(b, 2) for b in self.bias],
            "veto": self.veto,
            "add": list(self.add),
            "weights": {f: [round(v, 2) for v in w] for f, w in sorted(self.weights.items())},
            **({"spans": self.spans.to_json(), "span_veto": self.span_veto} if self.spans else {}),
            **({"sentences": self.sentences.to_json()} if self.sentences else {}),
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(
            kinds=tuple(data["kinds"]),
            bias=tuple(data["bias"]),
            weights={f: tuple(w) for f, w in data["weights"].items()},
            veto=data["veto"],
            add=tuple(data["add"]),
            spans=SpanModel.from_json(data["spans"]) if "spans" in data else None,
            span_veto=data.get("span_veto", 0.0),
            sentences=SentenceModel.from_json(data["sentences"]) if "sentences" in data else None,
            languages=tuple(data.get("languages", ())),
        )


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


#: The highest probability ``_sigmoid`` gives (its logit is capped at 30): just under 1.
_HIGHEST_PROBABILITY = _sigmoid(30.0)


@cache
def model() -> Model | None:
    """The committed model, or None when the file is absent (the detectors alone decide)."""
    if not MODEL_PATH.exists():
        return None
    # orjson: the same numbers as json's, in a third of its time (0.3 s here, not 0.8 s)
    return Model.from_json(orjson.loads(MODEL_PATH.read_bytes())["model"])


def judge(
    text: str,
    spans: Sequence[Span],
    soft: Collection[Span] = (),
    trained: Model | None = None,
    language: str | None = None,
) -> list[Span]:
    """The detectors' spans, minus the ``soft`` ones the model explains away, plus the kinds
    the message model alone finds (each with the sentence that weighs most for it) and the
    intents the sentence model finds in one sentence (with that sentence).  A message in a
    language the model never learned (``language``, the market's) keeps the detectors'
    spans as they are."""
    trained = trained or model()
    if trained is None or (
        language is not None and trained.languages and language not in trained.languages
    ):
        return list(spans)
    reading = Reading(text)
    rule_kinds = {kind for kind, _, _ in spans}
    probability = trained.as_probabilities(trained.text_logits(text, spans, reading))
    # A word finding is read as meant by the message or by its strongest sentence. The
    # sentences are read only when they can change what is kept or added: a soft finding the
    # message alone would drop, or a kind the sentence model may add.
    meant = dict(probability)
    best: list[tuple[float, int, int]] = []
    sentence_model = trained.sentences
    if sentence_model is not None and _sentences_matter(
        sentence_model, trained.veto, spans, soft, probability, rule_kinds
    ):
        best = sentence_model.best(reading, rule_kinds)
        for kind, (p, _, _) in zip(SENTENCE_KINDS, best, strict=True):
            meant[kind] = max(meant[kind], p)
    kept = [
        span for span in spans if span not in soft or _meant(text, span, trained, meant, reading)
    ]
    added = set()
    for kind, add in zip(trained.kinds, trained.add, strict=True):
        if may_add(kind, rule_kinds) and probability[kind] >= add:
            span = _heaviest_sentence(reading, kind, trained)
            if span is not None:
                kept.append((kind, *span))
                added.add(kind)
    if best and sentence_model is not None:
        for kind, add, (p, start, end) in zip(
            SENTENCE_KINDS, sentence_model.add, best, strict=True
        ):
            if may_add(kind, rule_kinds) and kind not in added and p >= add:
                kept.append((kind, start, end))
    return kept


def _sentences_matter(
    sentence_model: SentenceModel,
    veto: float,
    spans: Sequence[Span],
    soft: Collection[Span],
    probability: dict[str, float],
    rule_kinds: Collection[str],
) -> bool:
    """Whether the sentence model's reading can change what ``judge`` keeps or adds: a soft
    finding the message model alone drops (under its ``veto``), or a kind the sentence model
    may add at a probability a sentence can reach (reading every sentence is most of
    ``judge``'s time; with a sentence threshold out of reach, 1.01, most messages need none)."""
    return sentence_model.may_add_any(rule_kinds) or any(
        span in soft and probability.get(span[0], 1.0) < veto for span in spans
    )


def may_add(kind: str, rule_kinds: Collection[str]) -> bool:
    """Whether the models may add ``kind`` to the detectors' ``rule_kinds``: not a kind the
    detectors found, and no channel move where the detectors found the channel, an e-mail
    address and no app ("Meine gmail ist tobi.kraus88, schick mir ne Mail, dann antworte ich
    dort": the address is the finding, as the labelling conventions say; the models read
    "write to me there, it's quicker than here" as a move to any channel)."""
    if kind in rule_kinds:
        return False
    return not (kind == "social" and "email" in rule_kinds)


def _meant(
    text: str, span: Span, trained: Model, probability: dict[str, float], reading: Reading
) -> bool:
    """A word finding stays when both models read it as meant: the message model (the kind
    in the whole message, or the sentence model in its strongest sentence) and the span model
    (the words next to it)."""
    if probability.get(span[0], 1.0) < trained.veto:
        return False
    return (
        trained.spans is None or trained.spans.probability(text, span, reading) >= trained.span_veto
    )


def _heaviest_sentence(reading: Reading, kind: str, trained: Model) -> tuple[int, int] | None:
    j = trained.kinds.index(kind)
    best: tuple[float, int, int] | None = None
    for start, end in sentences(reading.text):
        score = trained.sentence_score(reading, start, end, j)
        if best is None or score > best[0]:
            best = (score, start, end)
    return None if best is None else (best[1], best[2])
