"""How the performance figures read: the one place a rate or a number of hours is formatted,
in the reader's language (Babel/CLDR: "93%" in English, "93 %" in French or German)."""

from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

from babel.dates import format_skeleton
from babel.numbers import format_decimal
from babel.numbers import format_percent as babel_percent
from django.utils.translation import gettext as _

from core.locale import reader_locale


def format_day(day: date) -> str:
    """A day and month, short, as the reader's language writes it: "14 Sept" (en),
    "14 sept." (fr), "14. Sept." (de), "14 wrz" (pl), "14. 9." (cs), "szept. 14." (hu)."""
    return format_skeleton("MMMd", day, locale=reader_locale())


def percent_points(rate: float) -> int:
    """A rate 0..1 as whole percentage points, rounded down: 99.6 % on time is not 100.
    (The rounding to 6 places first absorbs float noise: 0.29 × 100 = 28.999….)"""
    return math.floor(round(rate * 100, 6))


def format_percent(rate: float | None) -> str:
    """A rate 0..1 as whole percentage points: 0.926 → "92%" (en), "92 %" (fr); "—" for
    None. The same points as the service score (sla.performance)."""
    if rate is None:
        return "—"
    return babel_percent(Decimal(percent_points(rate)) / 100, locale=reader_locale())


def format_hours(hours: float | None) -> str:
    """Business hours with one decimal: 8.14 → "8.1 h" (en), "8,1 h" (fr); "—" for None."""
    if hours is None:
        return "—"
    return f"{format_decimal(round(hours, 1), '#,##0.0', locale=reader_locale())}\u00a0h"


def hours_minutes(seconds: float) -> str:
    """A duration in hours and minutes, at least a minute: "5 h 40 min", "2 h", "1 min"."""
    minutes = int(seconds // 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return _("%(h)d h %(m)d min") % {"h": hours, "m": minutes}
    if hours:
        return _("%(h)d h") % {"h": hours}
    return _("%(m)d min") % {"m": max(minutes, 1)}
