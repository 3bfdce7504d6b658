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
from zoneinfo import ZoneInfo

import holidays
from babel.dates import format_date, format_skeleton, get_timezone_location
from babel.lists import format_list
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.models import country_name
from core.locale import reader_locale
from orders.markets import BY_CODE
from sla.calendar import MARKET_CALENDARS, closed_days
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


# What the buyer is told while waiting (the thread page, "my requests"): the due moment in
# the market's time, and why it is further away than its business time.


def _market_time(instant: datetime, market_code: str) -> datetime:
    return instant.astimezone(ZoneInfo(MARKET_CALENDARS[market_code][1]))


def _clock(moment: datetime) -> str:
    """The time of day in the market's time: "14:00", or "14:00 Budapest time" when the
    reader's pages show another time at that moment (a buyer of another market)."""
    text = f"{moment:%H:%M}"
    if moment.astimezone(timezone.get_current_timezone()).utcoffset() != moment.utcoffset():
        zone = str(moment.tzinfo)
        city = get_timezone_location(zone, locale=reader_locale(), return_city=True)
        # Translators: a time of day in another time zone, "14:00 Budapest time".
        text = _("%(time)s %(zone)s time") % {"time": text, "zone": city}
    return text


def _weekday_date(day: date) -> str:
    # Translators: a weekday and a date, "Tuesday 1 December" (Hungarian: "december 1., kedd").
    return _("%(weekday)s %(date)s") % {
        "weekday": format_date(day, "EEEE", locale=reader_locale()),
        "date": format_skeleton("MMMMd", day, locale=reader_locale()),
    }


def _date(day: date, today: date) -> str:
    """A date without its weekday, "1 December", with the year when not this year's."""
    skeleton = "MMMMd" if day.year == today.year else "yMMMMd"
    return format_skeleton(skeleton, day, locale=reader_locale())


def due_by(due_at: datetime, market_code: str) -> str:
    """A coming deadline in the market's time: "Tuesday 2 December, 14:00"."""
    due = _market_time(due_at, market_code)
    return _("%(day)s, %(time)s") % {"day": _weekday_date(due.date()), "time": _clock(due)}


def due_parts(due_at: datetime, market_code: str, now: datetime) -> dict[str, str]:
    """A past deadline in the market's time, as the parts a sentence places:
    {"day": "1 December", "time": "14:00"} (the year when not this year's)."""
    due = _market_time(due_at, market_code)
    today = _market_time(now, market_code).date()
    return {"day": _date(due.date(), today), "time": _clock(due)}


def _holiday_words(market_code: str, day: date, stored: str) -> str:
    """A holiday's name in the reader's language where the `holidays` package has it, else
    in the market's, else as stored (English); two holidays on one day joined as the
    reader's language joins a list ("A and B")."""
    country = MARKET_CALENDARS[market_code][0]
    for language in (reader_locale().split("_")[0], BY_CODE[market_code].language):
        name = _holiday_names(country, day.year, language).get(day)
        if name:
            break
    else:
        name = stored
    return format_list(str(name).split("; "), locale=reader_locale())


def waiting_reasons(now: datetime, due_at: datetime, market_code: str) -> list[str]:
    """Why an answer due at `due_at` is further away than its business time, one sentence
    each, in the reader's language and the market's days: "Wednesday 11 November is a public
    holiday in Poland: National Independence Day.", "The weekend does not count." (once).
    Empty when no closed day lies between now and the deadline. No database access."""
    reasons = []
    weekend_said = False
    for closed in closed_days(now, due_at, market_code):
        if closed.holiday:
            sentence = _("%(day)s is a public holiday in %(country)s: %(holiday)s.") % {
                "day": _weekday_date(closed.day),
                "country": country_name(MARKET_CALENDARS[market_code][0]),
                "holiday": _holiday_words(market_code, closed.day, closed.holiday),
            }
            reasons.append(capfirst(sentence))
        elif not weekend_said:
            weekend_said = True
            reasons.append(_("The weekend does not count."))
    return reasons
