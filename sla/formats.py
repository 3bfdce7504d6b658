"""How the performance figures read: the one place a rate or a number of hours is formatted,
in the reader's language (Babel/CLDR: "93%" in English, "93 %" in French or German)."""

from __future__ import annotations

import math
from decimal import Decimal

from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent
from django.utils.translation import get_language, to_locale


def _locale() -> str:
    return to_locale(get_language() or "en")


def percent_points(rate: float) -> int:
    """A rate 0..1 as whole percentage points, rounded down: 99.6 % on time is not 100.
    (The rounding to 6 places first absorbs float noise: 0.29 × 100 = 28.999….)"""
    return math.floor(round(rate * 100, 6))


def format_percent(rate: float | None) -> str:
    """A rate 0..1 as whole percentage points: 0.926 → "92%" (en), "92 %" (fr); "—" for
    None. The same points as the service score (sla.performance)."""
    if rate is None:
        return "—"
    return babel_percent(Decimal(percent_points(rate)) / 100, locale=_locale())


def format_hours(hours: float | None) -> str:
    """Business hours with one decimal: 8.14 → "8.1 h" (en), "8,1 h" (fr); "—" for None."""
    if hours is None:
        return "—"
    return f"{format_decimal(round(hours, 1), '#,##0.0', locale=_locale())}\u00a0h"
