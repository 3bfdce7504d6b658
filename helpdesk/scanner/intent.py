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
  finding (``c:<kind>:<word>``), so the model learns when a detector's word is meant.
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
* **Decision**, per kind: a soft finding is dropped when the message model's probability of
  its kind is under ``veto`` or the span model's is under ``span_veto``;
  without a detector's finding of the kind, the model alone reports it at the kind's ``add``
  threshold or above (an address dictated in words the detectors cannot piece together,
  payment outside without a brand, marketing without the obvious words; payment, marketing
  and channel moves have a threshold of their own, see ``training.INTENT_ADD_CHOICES``).
  The span is then the sentence that weighs most for the kind, so the writer still sees what
  was found.

Pure: the model file is read once, on first use.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path

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
#: Characters on each side of a finding in which those words are looked for.
_CONTEXT_CHARS = 60

Span = tuple[str, int, int]  # kind, start, end in the original text

_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_MARKS = re.compile("[\u0300-\u036f]")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?\n]*")


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


def _words(text: str) -> list[str]:
    """The text's words and numbers, folded, every number written "0"."""
    return list(map(_word, _TOKEN.findall(text)))


class Reading:
    """The words of one text with where each starts and ends, read once for every feature of
    the text, its findings and its sentences."""

    __slots__ = ("ends", "starts", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in _TOKEN.finditer(text):
            self.words.append(_word(match.group()))
            self.starts.append(match.start())
            self.ends.append(match.end())

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

    def context(self, spans: Iterable[Span]) -> set[str]:
        """The ``MESSAGE_CONTEXT`` words on each side of each finding, keyed by its kind
        ("social:nemam")."""
        found: set[str] = set()
        for kind, start, end in spans:
            before, after = self.around(start, end, MESSAGE_CONTEXT)
            found.update(f"{kind}:{word}" for word in (*before, *after))
        return found


def _word_keys(words: list[str]) -> tuple[set[str], set[str], set[str]]:
    """What the message model reads of a run of words, keyed without the features' prefixes:
    the words ("w:"), the pairs of neighbouring words ("b:"), the stems of longer words ("p:")."""
    unique = set(words)
    pairs = {f"{a} {b}" for a, b in pairwise(words)}
    stems = {word[:PREFIX] for word in unique if len(word) > PREFIX}
    return unique, pairs, stems


def _text_features(words: list[str]) -> set[str]:
    unique, pairs, stems = _word_keys(words)
    return {
        *("w:" + word for word in unique),
        *("b:" + pair for pair in pairs),
        *("p:" + stem for stem in stems),
    }


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
    found.update(f"s:{kind}:{word}" for word in _words(text[start:end]))
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


@dataclass(frozen=True)
class Model:
    kinds: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    veto: float  # a word finding is dropped under this probability of its kind (message)
    add: tuple[float, ...]  # per kind, in the order of ``kinds``
    spans: SpanModel | None = None
    span_veto: float = 0.0  # … or under this probability of the span model

    def __post_init__(self) -> None:
        # The weights split by feature type, keyed without their prefix ("w:", "b:", "p:",
        # "rule:"): ``text_logits`` looks words up without building a string per feature.
        split: dict[str, dict[str, tuple[float, ...]]] = {
            "w": {},
            "b": {},
            "p": {},
            "rule": {},
            "c": {},
        }
        for feature, w in self.weights.items():
            kind, _, key = feature.partition(":")
            split[kind][key] = w
        object.__setattr__(self, "_split", split)

    def text_logits(
        self, text: str, spans: Sequence[Span], reading: Reading | None = None
    ) -> list[float]:
        """``logits(features(text, spans))``, computed faster."""
        split = self._split  # type: ignore[attr-defined]
        reading = reading or Reading(text)
        vectors = self._word_vectors(reading.words)
        if spans:
            rule_kinds = {kind for kind, _, _ in spans}
            vectors += [w for w in map(split["rule"].get, rule_kinds) if w is not None]
            vectors += [w for w in map(split["c"].get, reading.context(spans)) if w is not None]
        return self._add_up(vectors)

    def sentence_score(self, reading: Reading, start: int, end: int, j: int) -> float:
        """The logit of kind ``j`` for the sentence ``text[start:end]`` alone
        (``logits(features(sentence))[j]``)."""
        score = self.bias[j]
        for vector in self._word_vectors(reading.between(start, end)):
            score += vector[j]  # added from the bias on, in order: ties fall as they always did
        return score

    def _word_vectors(self, words: list[str]) -> list[tuple[float, ...]]:
        """The weights of the words' ``_word_keys`` the model knows, looked up without building
        a feature string each."""
        split = self._split  # type: ignore[attr-defined]
        unique, pairs, stems = _word_keys(words)
        return [
            weight
            for table, keys in ((split["w"], unique), (split["b"], pairs), (split["p"], stems))
            for weight in map(table.get, keys)
            if weight is not None
        ]

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
            "bias": [round(b, 2) for b in self.bias],
            "veto": self.veto,
            "add": list(self.add),
            "weights": {f: [round(v, 2) for v in w] for f, w in sorted(self.weights.items())},
            **({"spans": self.spans.to_json(), "span_veto": self.span_veto} if self.spans else {}),
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
        )


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model | None:
    """The committed model, or None when the file is absent (the detectors alone decide)."""
    if not MODEL_PATH.exists():
        return None
    return Model.from_json(json.loads(MODEL_PATH.read_text(encoding="utf-8"))["model"])


def judge(
    text: str,
    spans: Sequence[Span],
    soft: Collection[Span] = (),
    trained: Model | None = None,
) -> list[Span]:
    """The detectors' spans, minus the ``soft`` ones the model explains away, plus the kinds
    the model alone finds (each with the sentence that weighs most for it)."""
    trained = trained or model()
    if trained is None:
        return list(spans)
    reading = Reading(text)
    rule_kinds = {kind for kind, _, _ in spans}
    probability = trained.as_probabilities(trained.text_logits(text, spans, reading))
    kept = [
        span
        for span in spans
        if span not in soft or _meant(text, span, trained, probability, reading)
    ]
    for kind, add in zip(trained.kinds, trained.add, strict=True):
        if kind not in rule_kinds and probability[kind] >= add:
            span = _heaviest_sentence(reading, kind, trained)
            if span is not None:
                kept.append((kind, *span))
    return kept


def _meant(
    text: str, span: Span, trained: Model, probability: dict[str, float], reading: Reading
) -> bool:
    """A word finding stays when both models read it as meant: the message model (the kind
    in the whole message) and the span model (the words next to it)."""
    if probability.get(span[0], 1.0) < trained.veto:
        return False
    return (
        trained.spans is None or trained.spans.probability(text, span, reading) >= trained.span_veto
    )


def _heaviest_sentence(reading: Reading, kind: str, trained: Model) -> tuple[int, int] | None:
    j = trained.kinds.index(kind)
    best: tuple[float, int, int] | None = None
    for sentence in _SENTENCE.finditer(reading.text):
        body = sentence.group()
        if not body.strip():
            continue
        start = sentence.start() + len(body) - len(body.lstrip())
        end = sentence.start() + len(body.rstrip())
        score = trained.sentence_score(reading, start, end, j)
        if best is None or score > best[0]:
            best = (score, start, end)
    return None if best is None else (best[1], best[2])
