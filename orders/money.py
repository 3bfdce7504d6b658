"""Money: a Decimal amount with its currency, and the one place amounts are formatted."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.core import get_global
from babel.numbers import format_currency, get_currency_precision, get_currency_symbol
from django.utils.translation import get_language

from orders.markets import MARKETS


class CurrencyMismatch(ValueError):
    """Raised when amounts in two different currencies are combined."""


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor unit (2 decimals for EUR, PLN, CZK, HUF…)."""
    exponent = Decimal(1).scaleb(-get_currency_precision(currency))
    return amount.quantize(exponent, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError("Money amounts are Decimal, never float.")
        if len(self.currency) != 3 or not self.currency.isupper():
            raise ValueError(f"Not an ISO 4217 currency code: {self.currency!r}")

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(Decimal(0), currency)

    def _check(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"Cannot combine Money with {type(other).__name__}.")
        if other.currency != self.currency:
            raise CurrencyMismatch(f"{self.currency} and {other.currency} do not add up.")

    def __add__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> Money:
        if isinstance(factor, float | Money):
            raise TypeError("Multiply Money by an int or a Decimal.")
        return Money(quantize(self.amount * factor, self.currency), self.currency)

    __rmul__ = __mul__

    def __str__(self) -> str:
        return format_money(self.amount, self.currency)


# Where CLDR's symbol is not what shoppers read: Romanian prices say "249,00 lei", not "RON".
LOCAL_SYMBOLS: dict[tuple[str, str], str] = {("ro", "RON"): "lei"}


def money_locale(currency: str, language: str) -> str:
    """The locale an amount is written in: the currency's own market's ("1 299 Kč" whoever
    reads it), in the reader's language where the reader's market uses that currency ("49,99 €"
    for a German, Slovak or French reader alike)."""
    markets = [market for market in MARKETS if market.currency == currency]
    for market in markets:
        if market.language == language:
            return f"{market.language}_{market.country}"
    if markets:
        return f"{markets[0].language}_{markets[0].country}"
    return language  # a currency no market uses: the reader's own conventions


def format_money(amount: Decimal, currency: str, language: str | None = None) -> str:
    """An amount in the currency's local format: "1 299 Kč", "129,00 zł", "49,99 €",
    "12 990 Ft", "249,00 lei" (no-break spaces). Currencies whose cash has no minor unit (CZK,
    HUF, per CLDR) drop ",00" on whole amounts."""
    locale = Locale.parse(money_locale(currency, language or get_language() or "en"))
    pattern = locale.currency_formats["standard"].pattern
    cash_digits = get_global("currency_fractions").get(currency, (2, 0, 2, 0))[2]
    units_only = cash_digits == 0 and amount == amount.to_integral_value()
    if units_only:
        pattern = pattern.replace(".00", "")
    # currency_digits=False lets the pattern's own (zero) fraction digits apply.
    text = format_currency(
        amount, currency, format=pattern, locale=locale, currency_digits=not units_only
    )
    symbol = LOCAL_SYMBOLS.get((locale.language, currency))
    if symbol:
        text = text.replace(get_currency_symbol(currency, locale), symbol)
    return text
