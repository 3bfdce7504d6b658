"""The shape of a language's texts for generated conversations (demo/loadgen/texts/)."""

from __future__ import annotations

from dataclasses import dataclass

# The steps of a conversation, and the topic-specific openings and first replies.
TOPICS = (
    "delivery",
    "return",
    "withdrawal",
    "complaint",
    "warranty",
    "invoice",
    "cancellation",
    "other",
)
TEXT_KEYS = (
    "greet_buyer",  # "Bonjour,"
    "greet_seller",  # "Bonjour {buyer_first},"
    *(f"open_{topic}" for topic in TOPICS),  # the buyer's request
    "detail",  # an extra sentence a buyer may add
    *(f"reply_{topic}" for topic in TOPICS),  # the seller's first answer
    "sorry",  # a seller's apology
    "follow_up",  # the buyer's second message
    "answer",  # the seller's next answers
    "thanks",  # the buyer's last words
    "sign_buyer",
    "sign_seller",
    "note",  # an internal note of the seller's team
    "status_note",  # the note of a status update
)
# The slots a sentence may use; the generator fills every one for each conversation.
SLOTS = frozenset(
    {
        "product",
        "order",
        "tracking",
        "carrier",
        "days",
        "date",
        "amount",
        "defect",
        "part",
        "color",
        "weekday",
        "buyer",
        "buyer_first",
        "agent",
        "seller",
        "qty",
        "city",
        "hours",
    }
)


@dataclass(frozen=True)
class Language:
    code: str
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    email_domains: tuple[str, ...]
    cities: tuple[tuple[str, str], ...]  # (city, postal code)
    streets: tuple[str, ...]
    street_format: str  # "{number} {street}" or "{street} {number}"
    company_words: tuple[str, ...]
    company_forms: tuple[str, ...]
    products: tuple[str, ...]  # product titles, quoted in sentences
    defects: tuple[str, ...]  # what is wrong, as a noun phrase ("une fissure")
    parts: tuple[str, ...]  # of a product, as a noun phrase ("le couvercle")
    colors: tuple[str, ...]
    weekdays: tuple[str, ...]  # Monday first
    date_format: str  # strftime
    texts: dict[str, tuple[str, ...]]
