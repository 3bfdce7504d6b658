"""The markets the platform runs: the one table every part of the code reads.

Pure data, no Django: the business calendar (sla.calendar), the message scanner
(helpdesk.scanner) and the data migration that creates the `Market` rows all read it.
Adding a market is one line here plus a migration that calls `create_markets` again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MarketSpec:
    code: str  # ISO 3166-1 alpha-2, the market's primary key
    name: str  # English name (pages show the country's name in the reader's language)
    country: str  # whose national public holidays apply (the `holidays` package)
    time_zone: str
    currency: str  # ISO 4217
    language: str  # the language the seller answers in


MARKETS: tuple[MarketSpec, ...] = (
    MarketSpec("FR", "France", "FR", "Europe/Paris", "EUR", "fr"),
    MarketSpec("DE", "Germany", "DE", "Europe/Berlin", "EUR", "de"),
    MarketSpec("AT", "Austria", "AT", "Europe/Vienna", "EUR", "de"),
    MarketSpec("PL", "Poland", "PL", "Europe/Warsaw", "PLN", "pl"),
    MarketSpec("CZ", "Czechia", "CZ", "Europe/Prague", "CZK", "cs"),
    MarketSpec("SK", "Slovakia", "SK", "Europe/Bratislava", "EUR", "sk"),
    MarketSpec("HU", "Hungary", "HU", "Europe/Budapest", "HUF", "hu"),
    MarketSpec("RO", "Romania", "RO", "Europe/Bucharest", "RON", "ro"),
    MarketSpec("ES", "Spain", "ES", "Europe/Madrid", "EUR", "es"),
    MarketSpec("IT", "Italy", "IT", "Europe/Rome", "EUR", "it"),
)

BY_CODE: dict[str, MarketSpec] = {market.code: market for market in MARKETS}


def markets_speaking(language: str) -> tuple[MarketSpec, ...]:
    """The markets whose sellers answer in `language` ("de" → Germany and Austria)."""
    return tuple(market for market in MARKETS if market.language == language)
