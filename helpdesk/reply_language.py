"""Is a seller's reply in the language of the market of the sale? (platform rule 8)

Lingua (lingua-language-detector) identifies the language offline. It was chosen over
fastText's lid.176 and langid because it is the most accurate on short texts, which replies
are: fastText's lid.176 named 94 % of the scanner's labelled messages right, mostly reading
Slovak as Czech, which would warn Slovak sellers wrongly; Lingua names none wrong. `make
bench` prints the figures. Its cost is memory: ~440 MB per process once loaded, loaded on the
first check (about 2 s), never at import.

The check only warns, before sending; it never blocks a reply. It stays silent when it
cannot be sure: short texts (a greeting, "OK, thanks"), texts that are mostly numbers, links
or addresses, and mixed texts where part is in the expected language (a quoted product name,
a carrier's sentence).
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

from babel import Locale
from django.conf import settings
from django.utils.translation import gettext as _

from core.locale import reader_locale

if TYPE_CHECKING:
    from lingua import LanguageDetector

    from orders.models import Market

# Fewer words or letters than this and no language is claimed.
MIN_WORDS = 4
MIN_LETTERS = 20
# How sure the identification must be, as Lingua's relative confidence (0–1).
MIN_CONFIDENCE = 0.8

_NOISE = re.compile(
    # Addresses, links and domains (any token with a dot, slash or @ inside), numbers and
    # punctuation: they say nothing about the language a reply is written in.
    r"\S*\w[./@]\w\S*|[\d\W_]+"
)
# Sentences, and the parts of a sentence around a quotation or after a colon (a carrier's
# notice quoted inside a reply is the usual mixed text).
_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+|[:;\"“”„«»]")
_WORD = re.compile(r"[^\W\d_]{2,}")
_lock = threading.Lock()
_built: list[LanguageDetector] = []


def _detector() -> LanguageDetector:
    """One detector per process, built on first use (threads wait for the first build)."""
    with _lock:
        if not _built:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            languages = [
                Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                for code, _name in settings.LANGUAGES
            ]
            _built.append(LanguageDetectorBuilder.from_languages(*languages).build())
        return _built[0]


def warm_up() -> None:
    """Build the detector and load its language models now (about 2.5 s on first use): a web
    worker calls this when it starts (config/wsgi.py), so that the first reply it checks
    does not wait for them."""
    _detector().compute_language_confidence_values("paczka została wysłana wczoraj")


def _words(text: str) -> list[str]:
    return _WORD.findall(_NOISE.sub(" ", text))


def identify(text: str) -> str | None:
    """The language code of `text` ("pl"), or None when it is too short or not clear."""
    words = _words(text)
    if len(words) < MIN_WORDS or sum(map(len, words)) < MIN_LETTERS:
        return None
    values = _detector().compute_language_confidence_values(" ".join(words))
    if not values or values[0].value < MIN_CONFIDENCE:
        return None
    return str(values[0].language.iso_code_639_1.name.lower())


def _has_part_in(text: str, language: str) -> bool:
    """Whether a sentence of three words or more reads as `language` (a mixed text)."""
    for sentence in _SENTENCE.split(text):
        words = _words(sentence)
        if len(words) < 3:
            continue
        detected = _detector().detect_language_of(" ".join(words))
        if detected is not None and detected.iso_code_639_1.name.lower() == language:
            return True
    return False


def wrong_language(text: str, expected: str) -> str | None:
    """The language the reply is written in when it is clearly not `expected`, else None."""
    found = identify(text)
    if found is None or found == expected or _has_part_in(text, expected):
        return None
    return found


def language_warning(text: str, *, role: str, market: Market) -> str | None:
    """The pre-send warning for a seller's reply that is not in the market's language."""
    from helpdesk.models import Role

    if role != Role.SELLER:
        return None
    found = wrong_language(text, market.language)
    if found is None:
        return None
    # Labels rather than a sentence: language and country names stay in the nominative,
    # which every language's grammar accepts after a colon.
    return _(
        "This reply does not seem to be in the market's language. Detected: %(found)s; "
        "market: %(country)s, language: %(expected)s."
    ) % {
        "found": language_name(found),
        "country": market.display_name,
        "expected": language_name(market.language),
    }


def language_name(code: str) -> str:
    """A language's name in the reader's language, as written mid-sentence (CLDR):
    "polonais", "Polnisch", "polski"."""
    return str(Locale.parse(reader_locale()).languages.get(code, code))
