"""How a deadline was computed, in the reader's words.

Each clock stores the steps from reception to deadline as data when it opens
(`sla.calendar.deadline_steps`); they are put into words here, when read, in the reader's
language: "pt., 27 lis, 18:00 (Warszawa)", "sob., 28 lis, niedz., 29 lis: weekend, termin
wstrzymany", a public holiday by its name in the reader's language where the `holidays`
package has it (else its English name, as stored). Clocks stored before the steps were data
hold English sentences, shown as they are.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

import holidays
from babel.dates import format_skeleton, get_timezone_location
from django.utils.translation import gettext as _

from core.locale import reader_locale
from sla.calendar import MARKET_CALENDARS
from sla.formats import hours_minutes


def _day(day: date) -> str:
    return format_skeleton("MMMEd", day, locale=reader_locale())


def _moment(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    return _("%(day)s, %(time)s") % {"day": _day(moment.date()), "time": f"{moment:%H:%M}"}


@lru_cache(maxsize=64)
def _holiday_names(country: str, year: int, language: str) -> dict[date, str]:
    """A country's public holidays of a year named in `language` when the package has that
    language, else {} (built once per process: an evidence page names many)."""
    calendar = holidays.country_holidays(country).__class__
    wanted = next(
        (code for code in calendar.supported_languages if code.split("_")[0] == language),
        None,
    )
    if wanted is None:
        return {}
    return dict(holidays.country_holidays(country, years=year, language=wanted).items())


def _holiday_name(market_code: str, iso: str, stored: str) -> str:
    """The holiday's name in the reader's language when the package has it."""
    day = date.fromisoformat(iso)
    country = MARKET_CALENDARS[market_code][0]
    names = _holiday_names(country, day.year, reader_locale().split("_")[0])
    return str(names.get(day, stored))


def step_text(step: dict[str, Any] | str, market_code: str) -> str:
    """One step in the reader's language (a sentence stored before steps were data: as is)."""
    if isinstance(step, str):
        return step
    kind = step["step"]
    if kind == "received":
        zone = get_timezone_location(step["zone"], locale=reader_locale(), return_city=True)
        return _("Received %(at)s (%(zone)s time)") % {"at": _moment(step["at"]), "zone": zone}
    if kind == "due":
        return _("Due %(at)s") % {"at": _moment(step["at"])}
    if kind == "counted":
        return _("%(day)s: %(duration)s counted") % {
            "day": _day(date.fromisoformat(step["day"])),
            "duration": hours_minutes(step["seconds"]),
        }
    if kind == "weekend":
        return _("%(days)s: weekend, the clock stops") % {
            "days": ", ".join(_day(date.fromisoformat(day)) for day in step["days"])
        }
    return _("%(day)s: %(holiday)s, a public holiday: the clock stops") % {
        "day": _day(date.fromisoformat(step["day"])),
        "holiday": _holiday_name(market_code, step["day"], step["name"]),
    }


def explanation_lines(steps: list[Any], market_code: str) -> list[str]:
    return [step_text(step, market_code) for step in steps]
