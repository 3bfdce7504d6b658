"""What a domain looks like, written or spelled out, and which host is the platform's own.

The building blocks of the e-mail and link patterns (``emails``, ``links``): a label, a
top-level domain of the closed list (common.toml), a dot written as "." or as a word of any
language ("dot", "punkt", "(kropka)").  The platform's own host (``settings.PLATFORM_DOMAIN``,
read lazily, the one setting the scanner reads) is never a finding.
"""

from __future__ import annotations

import re

from helpdesk.scanner.lexicon import COMMON, LEXICON, literal_alternation

DEFAULT_PLATFORM_DOMAIN = "marketplace.example"

#: Top-level domains accepted for bare and obfuscated domains (common.toml).
TLDS = frozenset(COMMON["tlds"])
#: Words used for "." in obfuscated addresses and domains.
DOT_WORDS = frozenset(LEXICON.union("address.dot_words"))
#: Mail providers by name ("gmail", "seznam"), and the domains of those whose name is an
#: everyday word ("web.de", "free.fr").
MAIL_PROVIDERS = tuple(COMMON["mail_providers"])
MAIL_PROVIDER_SET = frozenset(MAIL_PROVIDERS)
MAIL_DOMAINS = frozenset(COMMON["mail_domains"])
#: Mail providers named by an everyday word ("web", "free", "tim"): an address's provider only
#: after a handle or a bare "at".
MAIL_PROVIDERS_SAID = tuple(COMMON["mail_providers_said"])
MAIL_PROVIDER_SAID_SET = frozenset(MAIL_PROVIDERS_SAID)


def is_mail_provider(domain: str, *, said: bool = False) -> bool:
    """Whether a domain, written or said ("gmail.com", "gmx punkt net"), is a mail
    provider's by its first name; with ``said``, also one named by an everyday word
    ("m.weber at web.de")."""
    name = re.split(r"\W", domain)[0]
    return name in MAIL_PROVIDER_SET or (said and name in MAIL_PROVIDER_SAID_SET)


TLD = rf"(?:{literal_alternation(TLDS)})"
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
#: A label of an internationalised domain, with the letters of its language ("möbel-müller.de",
#: "árukereső pont hu", "… coadă de maimuță semințe-dinu punct ro"): links and addresses said
#: or typed apart read it; a plain address's domain stays ASCII, as mail providers' are.
IDN_LABEL = r"[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?"
OPEN = r"[\(\[\{<]"
CLOSE = r"[\)\]\}>]"
#: Between the parts of a dictated address: spaces, or a comma, a dash or a plus with spaces,
#: and perhaps a "then" of any language ("camille, tiret, commercial, arobase, maisonbleue,
#: point, fr", "gravur – at – …", "biuro, potem małpa, potem meble-kowalczyk, kropka, pl",
#: "serwis + kropka + laptopy + małpa + wp"). A hyphen or a plus without spaces belongs to the
#: name or the label next to it: a gap that could also be read as part of them makes the
#: patterns try every split of "a-b-c-…" (exponential; a message of 24 such parts took a
#: minute). Parts joined by bare hyphens have a pattern of their own (``emails``).
_GAP = r"(?:\s*[,–—]\s*|\s+[+-]\s+|\s+)"
PART_GAP = rf"{_GAP}(?:(?:{literal_alternation(LEXICON.union('address.then_words'))}){_GAP})?"
DOT_BRACKETED = rf"\s*{OPEN}\s*(?:\.|{literal_alternation(DOT_WORDS)})\s*{CLOSE}\s*"
DOT_BARE = rf"{PART_GAP}(?:{literal_alternation(DOT_WORDS)}){PART_GAP}"
#: A dot typed with a space on each side ("post . sk", "m . hudec").
DOT_SPACED = r"\s+\.\s+"
DOT_ANY = rf"(?:\.|{DOT_SPACED}|{DOT_BRACKETED}|{DOT_BARE})"
#: A dot said as a word or put in brackets ("punkt", "(dot)"), and what turns it back into
#: ".": a spelled-out domain read as a host.
DOT_SAID = rf"(?:{DOT_BRACKETED}|{DOT_BARE})"
SAID_DOT = re.compile(DOT_SAID)
#: A "/" said as a word between the parts of a spelled-out link ("shop dot com slash sale").
SLASH_SAID = rf"\s+(?:{literal_alternation(LEXICON.union('address.slash_words'))})\s+"
#: A "-" or "_" said as a word between two parts of a dictated address ("t minus online punkt
#: de", "sabine unterstrich wolff", "marta guion bajo soler").
JOIN_WORDS = frozenset(
    LEXICON.union("address.hyphen_words") + LEXICON.union("address.underscore_words")
)
JOIN_SAID = rf"{PART_GAP}(?:{literal_alternation(JOIN_WORDS)}){PART_GAP}"


def platform_domain() -> str:
    """The platform's own host (lower case, no port); read lazily so tests can override it."""
    try:
        from django.conf import settings

        domain = str(getattr(settings, "PLATFORM_DOMAIN", "") or DEFAULT_PLATFORM_DOMAIN)
    except Exception:  # settings not configured: the scanner is also a plain library call
        domain = DEFAULT_PLATFORM_DOMAIN
    return domain.lower().split("//")[-1].split("/")[0].split(":")[0]


def host_of(link: str) -> str:
    host = re.sub(r"^(?:https?://)", "", link).split("/")[0].split("?")[0].split("#")[0]
    return host.split("@")[-1].split(":")[0].rstrip(".")


def is_platform_host(host: str, platform: str) -> bool:
    return host == platform or host.endswith("." + platform)
