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
  detectors found (``rule:<kind>``), so the model learns when a detector's word is meant.
* **Model**: logistic regression, one weight per feature and kind, trained by
  ``manage.py train_scanner_model`` on the corpus's development split (``training``) and
  committed as ``intent_model.json``.  Reading it is a dictionary look-up per feature.
* **Decision**, per kind: a detector's *soft* finding (a word or phrase of the lexicons: an
  app's name, a payment or marketing phrase, which a refusal or a mention may explain; never
  an address, a number, a link, a handle or a disguised name) is dropped when the model's
  probability is under its ``veto``;
  without a detector's finding of the kind, the model alone reports it at the kind's ``add``
  threshold or above (an address dictated in words the detectors cannot piece together,
  payment outside without a brand, marketing without the obvious words; for payment,
  marketing and channel moves only when nearly sure, see ``training.INTENT_ADD_CHOICES``).
  The span is then the sentence that weighs most for the kind, so the writer still sees what
  was found.

Pure: the model file is read once, on first use.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
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


def _words(text: str) -> list[str]:
    """The folded text's words and numbers, every number written "0"."""
    return ["0" if token[0].isdigit() else token for token in _TOKEN.findall(_fold(text))]


def features(text: str, spans: Iterable[Span] = ()) -> set[str]:
    """The model's features of ``text``; ``spans`` are the detectors' findings in it."""
    words = _words(text)
    unique = set(words)
    found = {"w:" + word for word in unique}
    found.update({f"b:{a} {b}" for a, b in pairwise(words)})
    found.update({"p:" + word[:PREFIX] for word in unique if len(word) > PREFIX})
    found.update({"rule:" + kind for kind, _, _ in spans})
    return found


@dataclass(frozen=True)
class Model:
    kinds: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    veto: float
    add: tuple[float, ...]  # per kind, in the order of ``kinds``

    def __post_init__(self) -> None:
        # The weights split by feature type, keyed without their prefix ("w:", "b:", "p:",
        # "rule:"): ``text_logits`` looks words up without building a string per feature.
        split: dict[str, dict[str, tuple[float, ...]]] = {"w": {}, "b": {}, "p": {}, "rule": {}}
        for feature, w in self.weights.items():
            kind, _, key = feature.partition(":")
            split[kind][key] = w
        object.__setattr__(self, "_split", split)

    def text_logits(self, text: str, rule_kinds: Iterable[str]) -> list[float]:
        """``logits(features(text, spans))`` for spans of ``rule_kinds``, computed faster."""
        split = self._split  # type: ignore[attr-defined]
        words = _words(text)
        unique = set(words)
        vectors = [w for w in map(split["w"].get, unique) if w is not None]
        pairs = {f"{a} {b}" for a, b in pairwise(words)}
        vectors += [w for w in map(split["b"].get, pairs) if w is not None]
        stems = {word[:PREFIX] for word in unique if len(word) > PREFIX}
        vectors += [w for w in map(split["p"].get, stems) if w is not None]
        vectors += [w for w in map(split["rule"].get, set(rule_kinds)) if w is not None]
        return self._add_up(vectors)

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
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        return cls(
            kinds=tuple(data["kinds"]),
            bias=tuple(data["bias"]),
            weights={f: tuple(w) for f, w in data["weights"].items()},
            veto=data["veto"],
            add=tuple(data["add"]),
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
    rule_kinds = {kind for kind, _, _ in spans}
    probability = trained.as_probabilities(trained.text_logits(text, rule_kinds))
    kept = [
        (kind, start, end)
        for kind, start, end in spans
        if (kind, start, end) not in soft or probability.get(kind, 1.0) >= trained.veto
    ]
    for kind, add in zip(trained.kinds, trained.add, strict=True):
        if kind not in rule_kinds and probability[kind] >= add:
            span = _heaviest_sentence(text, kind, trained)
            if span is not None:
                kept.append((kind, *span))
    return kept


def _heaviest_sentence(text: str, kind: str, trained: Model) -> tuple[int, int] | None:
    j = trained.kinds.index(kind)
    best: tuple[float, int, int] | None = None
    for sentence in _SENTENCE.finditer(text):
        body = sentence.group()
        if not body.strip():
            continue
        score = trained.logits(features(body))[j]
        start = sentence.start() + len(body) - len(body.lstrip())
        end = sentence.start() + len(body.rstrip())
        if best is None or score > best[0]:
            best = (score, start, end)
    return None if best is None else (best[1], best[2])
