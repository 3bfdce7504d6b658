"""Ordinary after-sales messages, without a database: the generator's sentences with their
slots filled, for checks that need plain clean traffic in every market language (the
scanner's training guard, demo/management/commands/train_scanner_model.py)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from demo.loadgen.generate import CARRIERS, money_text, tracking_number
from demo.loadgen.language import TOPICS
from demo.loadgen.texts import LANGUAGES
from orders.markets import MARKETS
from orders.models import Carrier

#: The messages of a conversation, each a list of text keys joined by blank lines.
SHAPES = (
    ("greet_buyer", "open_{topic}", "detail", "sign_buyer"),
    ("greet_seller", "reply_{topic}", "sign_seller"),
    ("greet_seller", "sorry", "answer", "sign_seller"),
    ("follow_up",),
    ("thanks", "sign_buyer"),
    ("status_note",),
    ("note",),
)


def after_sales_messages(per_language: int = 40, seed: int = 1) -> list[dict[str, str]]:
    """``per_language`` messages of each generated language: {"lang", "text"}."""
    rng = random.Random(seed)  # a reproducible sample
    rows = []
    for code, lang in LANGUAGES.items():
        market = next(m.code for m in MARKETS if m.language == code)
        currency = next(m.currency for m in MARKETS if m.code == market)
        for _ in range(per_language):
            topic = rng.choice(TOPICS)
            carrier = rng.choice(CARRIERS[market])
            first, last = rng.choice(lang.first_names), rng.choice(lang.last_names)
            city = rng.choice(lang.cities)[0]
            slots = {
                "product": rng.choice(lang.products),
                "order": f"2026-{rng.randrange(100, 999)}-{rng.randrange(1000, 9999)}",
                "tracking": tracking_number(carrier, rng.randrange(10**6, 10**7), rng),
                "carrier": str(Carrier(carrier).label),
                "days": str(rng.randrange(5, 10)),
                "date": (date(2026, 11, 30) - timedelta(days=rng.randrange(2, 60))).strftime(
                    lang.date_format
                ),
                "amount": money_text(Decimal(rng.randrange(900, 90000)) / 100, currency),
                "defect": rng.choice(lang.defects),
                "part": rng.choice(lang.parts),
                "color": rng.choice(lang.colors),
                "weekday": rng.choice(lang.weekdays[:5]),
                "buyer": f"{first} {last}",
                "buyer_first": first,
                "agent": rng.choice(lang.first_names),
                "seller": f"{rng.choice(lang.company_words)} {rng.choice(lang.company_forms)}",
                "qty": str(rng.randrange(2, 5)),
                "city": city,
                "hours": str(rng.randrange(2, 48)),
            }
            keys = rng.choice(SHAPES)
            parts = [
                rng.choice(lang.texts[key.format(topic=topic)]).format_map(slots) for key in keys
            ]
            rows.append({"lang": code, "text": "\n\n".join(parts)})
    return rows
