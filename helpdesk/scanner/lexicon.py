"""The scanner's vocabularies, read from data files: words are data, patterns are code.

``lexicons/common.toml`` holds what belongs to no language (top-level domains, brand and app
names, social and payment domains, mail providers, currencies, tables); ``lexicons/<code>.toml``
holds every word and phrase of one language, under the same keys in every file (their meaning
is at the top of each file).  The languages are the files present: adding a language is a new
file (plus its market in ``orders.markets`` for its phone numbers), no code.

The detectors build their patterns from the merged tables: ``Lexicon.union(key)`` joins one
key's entries of every language, in ``language_order`` (common.toml), so a word of any
language counts in any message and words of two languages combine in one pattern as they did
when each table mixed the languages.  ``load`` checks every file against the keys below and
names the file and the key of whatever it refuses.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: Where the data files live, inside the package.
LEXICON_DIR = Path(__file__).with_name("lexicons")
COMMON_FILE = "common.toml"

#: What the entries of a key are.
WORDS = "words"  # plain lower-case words, matched whole (escaped by the code)
REGEX = "regex"  # regular expressions, or alternatives of one word class of a pattern
CODES = "codes"  # language codes (files of this folder)
NUMBERS = "numbers"  # number value ("0"-"999" or "hundred") → its forms
LETTERS = "letters"  # one character → the letter it stands for
LENGTHS = "lengths"  # country code → a length
STEMS = "stems"  # lower-case words or phrases of up to three words; a final "*" takes any ending

#: The value of "hundred" in a number-words table: a hundred that multiplies the unit before it.
HUNDRED = -100

#: The keys of every language file (the meaning of each is at the top of every such file).
LANGUAGE_KEYS: dict[str, str] = {
    "address.at_words": WORDS,
    "address.at_words_bare": WORDS,
    "address.dot_words": WORDS,
    "address.slash_words": WORDS,
    "address.link_subjects": WORDS,
    "address.provider_prepositions": WORDS,
    "address.provider_is": WORDS,
    "address.then_words": WORDS,
    "address.hyphen_words": WORDS,
    "address.underscore_words": WORDS,
    "address.site_words": WORDS,
    "address.found_by_name": REGEX,
    "address.domain_words": REGEX,
    "address.mailbox_words": WORDS,
    "address.mailbox_at": WORDS,
    "address.name_as": WORDS,
    "address.pronouns_after_hyphen": WORDS,
    "address.asked": REGEX,
    "social.app_names": REGEX,
    "social.signal_prepositions": WORDS,
    "social.colour_apps": REGEX,
    "social.link_in_bio": REGEX,
    "social.elsewhere": REGEX,
    "social.same_name": REGEX,
    "social.customer_group": REGEX,
    "social.call_me": REGEX,
    "social.number_asked": REGEX,
    "social.video_call": REGEX,
    "social.voice_message": REGEX,
    "social.call_reasons": REGEX,
    "social.our_group": REGEX,
    "social.join_us": REGEX,
    "social.write_me": REGEX,
    "social.reach_you": REGEX,
    "social.app_as_verb": REGEX,
    "social.contrasts": WORDS,
    "text.abbreviations": WORDS,
    "phone.cues": REGEX,
    "phone.identifier_keywords": REGEX,
    "phone.identifier_is": WORDS,
    "phone.numbered_after": WORDS,
    "phone.time_words": REGEX,
    "phone.neighbour_languages": CODES,
    "phone.rest_words": REGEX,
    "numbers.connectors": WORDS,
    "numbers.connectors_in_compounds": WORDS,
    "numbers.only_in_compounds": WORDS,
    "numbers.double_words": WORDS,
    "numbers.triple_words": WORDS,
    "numbers.plus_words": WORDS,
    "numbers.words": NUMBERS,
    "payment.strong": REGEX,
    "payment.weak": REGEX,
    "payment.platform_names": REGEX,
    "payment.platform_checkout": REGEX,
    "payment.courier": REGEX,
    "payment.cash_on_delivery": REGEX,
    "payment.no_new_order": REGEX,
    "payment.off_platform_cues": REGEX,
    "payment.paypal_personal": REGEX,
    "payment.allowed": REGEX,
    "payment.platform_refunds": REGEX,
    "payment.own_payment": REGEX,
    "payment.your": REGEX,
    "payment.please": REGEX,
    "payment.send": REGEX,
    "payment.iban_names": REGEX,
    "payment.without_fee.without": REGEX,
    "payment.without_fee.articles": REGEX,
    "payment.without_fee.fee": REGEX,
    "payment.without_fee.of_the": REGEX,
    "payment.without_fee.platform": REGEX,
    "payment.pay_directly.pay": REGEX,
    "payment.pay_directly.directly": REGEX,
    "payment.pay_directly.to": REGEX,
    "payment.pay_directly.my": REGEX,
    "payment.pay_directly.account": REGEX,
    "marketing.better_price": REGEX,
    "marketing.here": REGEX,
    "marketing.discount_codes": REGEX,
    "marketing.newsletter": REGEX,
    "marketing.seasonal": REGEX,
    "marketing.follow_us": REGEX,
    "marketing.giveaways": REGEX,
    "marketing.events": REGEX,
    "marketing.sales": REGEX,
    "marketing.cheaper_than_here": REGEX,
    "marketing.visit_our_shop": REGEX,
    "marketing.own_place": REGEX,
    "marketing.also_offer": REGEX,
    "marketing.sold_aside": REGEX,
    "marketing.write_directly": REGEX,
    "marketing.join_words": REGEX,
    "marketing.not_listed_here": REGEX,
    "marketing.other_account": REGEX,
    "marketing.referral": REGEX,
    "marketing.review_changed": REGEX,
    "marketing.no_bad_review": REGEX,
    "marketing.own_channel_cues": REGEX,
    "marketing.web_page_cues": REGEX,
    "marketing.code_words": WORDS,
    "marketing.discount_cues": REGEX,
    "marketing.next_order.next": REGEX,
    "marketing.next_order.order": REGEX,
    "marketing.new_collection.new": REGEX,
    "marketing.new_collection.collection": REGEX,
    "marketing.season_collection.collection": REGEX,
    "marketing.season_collection.of": REGEX,
    "marketing.season_collection.season": REGEX,
    "marketing.stars_for_reward.five": REGEX,
    "marketing.stars_for_reward.stars": REGEX,
    "marketing.stars_for_reward.good": REGEX,
    "marketing.stars_for_reward.review": REGEX,
    "marketing.stars_for_reward.reward": REGEX,
    "marketing.reward_if_stars.if": REGEX,
    "marketing.reward_if_stars.five": REGEX,
    "marketing.reward_if_stars.stars": REGEX,
    "marketing.reward_if_stars.give": REGEX,
    "marketing.reward_for_review.reward": REGEX,
    "marketing.reward_for_review.for": REGEX,
    "marketing.reward_for_review.article": REGEX,
    "marketing.reward_for_review.five": REGEX,
    "marketing.reward_for_review.stars": REGEX,
    "marketing.reward_for_review.good": REGEX,
    "marketing.reward_for_review.review": REGEX,
    "marketing.loyalty.for": REGEX,
    "marketing.loyalty.our": REGEX,
    "marketing.loyalty.customers": REGEX,
    "marketing.percent_off.off": REGEX,
    "marketing.percent_off.on": REGEX,
    "marketing.percent_off.everything": REGEX,
    "marketing.on_offer.on_offer": REGEX,
    "marketing.on_offer.this_week": REGEX,
}

#: The concepts the intent model reads (``intent``): every word of a message is mapped to the
#: concepts whose ``[intent]`` list of some language holds it, and concepts that occur near each
#: other ("money" near "outside") are features the model learns across writers and languages.
INTENT_CONCEPTS = (
    "money",
    "outside",
    "platform",
    "fees",
    "cancel",
    "negation",
    "promo",
    "join",
    "later",
    "own",
    "review",
    "reward",
    "contact",
    "channel",
    "collect",
    "thanks",
    "report",
    "agree",
)
LANGUAGE_KEYS.update({f"intent.{concept}": STEMS for concept in INTENT_CONCEPTS})

#: The keys of common.toml (their meaning is at the top of the file).
COMMON_KEYS: dict[str, str] = {
    "language_order": CODES,
    "tlds": WORDS,
    "tlds_that_are_words": WORDS,
    "marketplaces": WORDS,
    "mail_providers": WORDS,
    "mailbox_names": WORDS,
    "mail_providers_said": WORDS,
    "negations": WORDS,
    "articles_ne_after": WORDS,
    "social_stems": REGEX,
    "social_short_names": WORDS,
    "social_names_after_preposition": REGEX,
    "social_names_asked": REGEX,
    "social_gaming_networks": REGEX,
    "remote_session": REGEX,
    "sms_words": REGEX,
    "social_domains": WORDS,
    "group_links": WORDS,
    "payment_domains": WORDS,
    "mail_domains": WORDS,
    "disguised_channels": WORDS,
    "disguised_payments": WORDS,
    "currencies": REGEX,
    "units": REGEX,
    "qr_words": REGEX,
    "platform_codes": REGEX,
    "search_engines": REGEX,
    "phone_cues": REGEX,
    "identifier_keywords": REGEX,
    "delivery_people": REGEX,
    "payment_strong": REGEX,
    "payment_weak": REGEX,
    "account_formats": REGEX,
    "leet": LETTERS,
    "leet_also": LETTERS,
    "marketing_events": REGEX,
    "phone_payment_apps": REGEX,
    "iban_lengths": LENGTHS,
}

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
_NUMBER_VALUE = re.compile(r"[0-9]{1,3}|hundred")
#: A concept entry: one to three words of letters, the last one a stem of at least four
#: letters when it ends with "*".
_STEM_ENTRY = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,2}(?:(?<=[^\W\d_]{4})\*)?")


class LexiconError(ValueError):
    """A data file the scanner cannot use; the message names the file and the key."""


@dataclass(frozen=True)
class Lexicon:
    """The data files of one folder, checked."""

    common: Mapping[str, Any]  # key of common.toml → value
    languages: tuple[str, ...]  # the language files' codes, in reading order
    entries: Mapping[str, Mapping[str, Any]]  # language → dotted key → value

    def union(self, key: str) -> tuple[str, ...]:
        """One key's entries of every language, in language order, each once."""
        return tuple(
            dict.fromkeys(
                entry for language in self.languages for entry in self.entries[language][key]
            )
        )

    def slot(self, key: str) -> str:
        """The union of a word class as one regex group (see ``group``)."""
        return group(self.union(key))

    def letters(self) -> frozenset[str]:
        """The letters beyond ASCII that the language files' words are written with ("ł",
        "ő", "ș"): letters of a market's alphabet, which keep their meaning."""
        found: set[str] = set()

        def walk(value: Any) -> None:
            if isinstance(value, str):
                found.update(ch for ch in value.lower() if ch.isalpha() and not ch.isascii())
            elif isinstance(value, Mapping):
                for item in value.values():
                    walk(item)
            elif isinstance(value, Iterable):
                for item in value:
                    walk(item)

        for language in self.languages:
            walk(self.entries[language])
        return frozenset(found)

    def numbers(self, language: str) -> dict[int, tuple[str, ...]]:
        """A language's number words: value (``HUNDRED`` for "hundred") → forms."""
        table: dict[str, list[str]] = self.entries[language]["numbers.words"]
        return {
            HUNDRED if value == "hundred" else int(value): tuple(forms)
            for value, forms in table.items()
        }


def group(alternatives: Iterable[str]) -> str:
    """``(?:a|b|…)`` of regex alternatives, each once and in order; ``(?!)``, which matches
    nothing, when there are none, so a pattern with an empty word class finds nothing."""
    unique = list(dict.fromkeys(alternatives))
    return f"(?:{'|'.join(unique)})" if unique else "(?!)"


def literal_alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal words, longest first so "klammeraffe" beats "affe"
    (then alphabetical, so the pattern is the same from run to run); ``(?!)`` (matches
    nothing) when there are none."""
    unique = sorted(set(words), key=lambda word: (-len(word), word))
    return "|".join(re.escape(word) for word in unique) if unique else "(?!)"


#: The digest of the package's own files when a process last found every regular expression
#: in them valid: a process that finds the same digest does not compile each one again to
#: check it (~0.7 s of every start; what uses them compiles them anyway).
_CHECKED_PATH = Path(__file__).with_name("__pycache__") / "lexicon.checked"


def load(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read and check ``common.toml`` and every ``<code>.toml`` of ``directory``.

    Raises ``LexiconError`` naming the file and the key: an unknown or missing key, an entry of
    the wrong type, a regular expression that does not compile, a language code without a file.
    """
    common_path = directory / COMMON_FILE
    if not common_path.is_file():
        raise LexiconError(f"{common_path}: missing (the scanner's language-independent data)")
    paths = sorted(path for path in directory.glob("*.toml") if path.name != COMMON_FILE)
    digest = _digest([common_path, *paths]) if directory == LEXICON_DIR else None
    compiled = digest is None or not _checked_before(digest)
    common = _flatten(_read(common_path), COMMON_KEYS, common_path.name, compiled)
    if not paths:
        raise LexiconError(f"{directory}: no language file (<code>.toml, such as en.toml)")
    entries: dict[str, dict[str, Any]] = {}
    for path in paths:
        if not _LANGUAGE_CODE.fullmatch(path.stem):
            raise LexiconError(
                f"{path.name}: a language file is named after the language's ISO 639-1 code "
                "(en.toml, fr.toml)"
            )
        entries[path.stem] = _typed_bare(_flatten(_read(path), LANGUAGE_KEYS, path.name, compiled))
    for name, table, schema in (
        (COMMON_FILE, common, COMMON_KEYS),
        *((f"{code}.toml", values, LANGUAGE_KEYS) for code, values in entries.items()),
    ):
        for key, kind in schema.items():
            if kind == CODES:
                for code in table[key]:
                    if code not in entries:
                        raise LexiconError(
                            f"{name}: '{key}' names the language {code!r}, which has no file "
                            f"{code}.toml"
                        )
    listed = list(dict.fromkeys(common["language_order"]))
    languages = (*listed, *sorted(code for code in entries if code not in listed))
    if digest is not None and compiled:
        _remember_checked(digest)
    return Lexicon(common, languages, {code: entries[code] for code in languages})


def _digest(paths: list[Path]) -> str:
    """The digest of the data files, of this module (which says what a valid file is) and of
    the Python that compiled their regular expressions."""
    digest = hashlib.sha256(Path(__file__).read_bytes() + sys.version.encode())
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _checked_before(digest: str) -> bool:
    try:
        return _CHECKED_PATH.read_text(encoding="ascii") == digest
    except (OSError, UnicodeDecodeError):
        return False


def _remember_checked(digest: str) -> None:
    try:
        _CHECKED_PATH.parent.mkdir(exist_ok=True)
        partial = _CHECKED_PATH.with_name(f"{_CHECKED_PATH.name}.{os.getpid()}")
        partial.write_text(digest, encoding="ascii")
        partial.replace(_CHECKED_PATH)  # atomic, as gates.save_cache
    except OSError:
        return  # a read-only install checks again at the next start


#: Letters that people typing fast write without their accent, whose accent Unicode does not
#: decompose ("zadzwoń" typed "zadzwon", "przelał" typed "przelal").
_BARE_BY_HAND = {"ł": "l", "ø": "o", "đ": "d"}


def bare_letter(char: str) -> str | None:
    """The letter ``char`` is typed as without its accent ("ń" → "n", "ő" → "o", "ș" → "s"),
    or None for a letter that has none."""
    if char in _BARE_BY_HAND:
        return _BARE_BY_HAND[char]
    base = unicodedata.normalize("NFD", char)[0]
    return base if base != char and base.isascii() and base.isalpha() else None


def typed_bare(pattern: str) -> str:
    """``pattern`` (a regular expression written with the language's accents) matching the
    same words typed without them, as on a phone in a hurry: "zdzwońmy się" also matches
    "zdzwonmy sie", "sunați-mă" "sunati-ma". Each accented letter outside a character class
    becomes a class of itself and its bare letter; inside one (not a negated one) the bare
    letter is added."""
    out: list[str] = []
    in_class = negated = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "]" and not (out and out[-1] in ("[", "[^")):
                in_class = False
            elif (bare := bare_letter(char)) and not negated:
                out.append(char + bare)
                i += 1
                continue
        elif char == "[":
            in_class = True
            negated = pattern.startswith("^", i + 1)
            out.append("[^" if negated else "[")
            i += 2 if negated else 1
            continue
        elif bare := bare_letter(char):
            out.append(f"[{char}{bare}]")
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _typed_bare(values: dict[str, Any]) -> dict[str, Any]:
    """A language file's regular expressions, each also matching its words typed without
    accents (``typed_bare``)."""
    return {
        key: [typed_bare(entry) for entry in value] if LANGUAGE_KEYS[key] == REGEX else value
        for key, value in values.items()
    }


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise LexiconError(f"{path.name}: not valid TOML ({error})") from error


def _flatten(
    data: dict[str, Any], schema: Mapping[str, str], name: str, compiled: bool = True
) -> dict[str, Any]:
    """The file's values by dotted key ("payment.without_fee.fee"), each checked against
    ``schema``: every key of the schema, and no other; regular expressions compiled to check
    them unless ``compiled`` is false (``_checked_before``)."""
    found: dict[str, Any] = {}

    def walk(table: dict[str, Any], prefix: str) -> None:
        for key, value in table.items():
            dotted = f"{prefix}{key}"
            if dotted in schema:
                found[dotted] = _checked(value, schema[dotted], name, dotted, compiled)
            elif isinstance(value, dict) and any(
                known.startswith(f"{dotted}.") for known in schema
            ):
                walk(value, f"{dotted}.")
            else:
                raise LexiconError(
                    f"{name}: unknown key '{dotted}' (the keys are listed at the top of "
                    f"{'common.toml' if schema is COMMON_KEYS else 'every language file'})"
                )

    walk(data, "")
    missing = [key for key in schema if key not in found]
    if missing:
        raise LexiconError(
            f"{name}: missing key '{missing[0]}'"
            + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else "")
            + (
                "; every language file has the keys of en.toml, an empty list is allowed"
                if schema is LANGUAGE_KEYS
                else ""
            )
        )
    return found


def _checked(value: Any, kind: str, name: str, key: str, compiled: bool = True) -> Any:
    where = f"{name}: '{key}'"
    if kind == STEMS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise LexiconError(f"{where} must be a list of strings")
        for entry in value:
            if entry != entry.lower() or not _STEM_ENTRY.fullmatch(entry):
                raise LexiconError(
                    f"{where}: {entry!r} must be one to three lower-case words of letters, "
                    'the last one ending with "*" (any ending) after at least four letters '
                    "or not at all"
                )
        return value
    if kind in (WORDS, REGEX, CODES):
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise LexiconError(f"{where} must be a list of non-empty strings")
        for entry in value:
            if kind == WORDS and entry != entry.lower():
                raise LexiconError(f"{where}: {entry!r} must be in lower case, as the text read")
            if kind == REGEX and compiled:
                try:
                    re.compile(entry)
                except re.error as error:
                    raise LexiconError(
                        f"{where}: {entry!r} is not a valid regular expression ({error})"
                    ) from error
        return value
    if not isinstance(value, dict):
        raise LexiconError(f"{where} must be a table")
    for item, content in value.items():
        if kind == NUMBERS:
            if not _NUMBER_VALUE.fullmatch(item):
                raise LexiconError(f"{where}: {item!r} is no number (0-999, or hundred)")
            if not isinstance(content, list) or not all(
                isinstance(form, str) and form and form == form.lower() for form in content
            ):
                raise LexiconError(f"{where}.{item} must be a list of lower-case words")
        elif kind == LETTERS:
            if len(item) != 1 or not isinstance(content, str) or len(content) != 1:
                raise LexiconError(f"{where}: {item!r} must map one character to one letter")
        elif kind == LENGTHS and not isinstance(content, int):
            raise LexiconError(f"{where}.{item} must be a number")
    return value


#: The lexicon of the package's own data files, read once at import.
LEXICON = load()
#: common.toml's values, by key.
COMMON = LEXICON.common
