"""Business-time calendar of the markets: the 24-business-hour answer deadline.

Pure Python (no Django, no database). The rule: the clock runs in real elapsed time, but
only while the market's local time is inside a business day (Monday–Friday and not a
national public holiday of the market's country, as listed by the `holidays` package). A
deadline is the earliest instant at which the requested amount of such time has elapsed.

How it is fast: per market, a table built once holds, for every local day, the UTC instant
of its local midnight and the business time accumulated since the table's first midnight
(all in integer microseconds, so results are exact). Business time up to an instant is then
one bisection, and a deadline is a second bisection: no walking over hours or days per call.

The table covers the years 2019–2032 (every instant of 2020–2031 in any UTC offset, plus
room for deadlines that land in the following weeks). An instant outside that span is not
an error: the market's table is rebuilt once to cover the wider span (a one-off cost of tens
of milliseconds), for years 1970–2199; beyond those, ValueError. Building the first table of
a market costs about 40 ms, mostly in the `holidays` package, and happens on first use.
"""

import bisect
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays

from orders.markets import MARKETS

# (holiday country, time zone) per market code, from the one market table.
MARKET_CALENDARS: dict[str, tuple[str, str]] = {
    market.code: (market.country, market.time_zone) for market in MARKETS
}

DEFAULT_HOURS = 24

# 2019 because 2020-01-01 in a far-east offset is still 31 December 2019 in Europe.
_TABLE_FIRST_YEAR = 2019
_TABLE_LAST_YEAR = 2032
_MIN_YEAR = 1970
_MAX_YEAR = 2199

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US = timedelta(microseconds=1)
_US_PER_HOUR = 3_600_000_000
_DEFAULT_HOURS_US = DEFAULT_HOURS * _US_PER_HOUR

# English names, fixed so that output does not depend on the process locale.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HOLIDAY_NAMES_LANGUAGE = "en_US"


@dataclass(frozen=True, slots=True)
class _MarketTable:
    """Precomputed calendar of one market for the local days first_year-01-01..last_year-12-31.

    Day i is the local date with ordinal `first_ordinal + i`. `midnights[i]` is the UTC
    instant (µs since the Unix epoch) at which day i starts; `elapsed[i]` is the business time
    (µs) between midnights[0] and midnights[i]. Both lists have one entry more than there are
    days, so day i always ends at index i + 1.
    """

    market_code: str
    zone: ZoneInfo
    first_year: int
    last_year: int
    first_ordinal: int
    midnights: list[int]
    elapsed: list[int]
    business: bytes
    holiday_names: dict[date, str]

    @property
    def days(self) -> int:
        return len(self.business)

    def covers_instant(self, instant_us: int) -> bool:
        return self.midnights[0] <= instant_us < self.midnights[-1]

    def covers_day(self, day: date) -> bool:
        return 0 <= day.toordinal() - self.first_ordinal < self.days

    def business_elapsed(self, instant_us: int) -> int:
        """Business time (µs) from the table start to a covered instant."""
        index = bisect.bisect_right(self.midnights, instant_us) - 1
        if self.business[index]:
            return self.elapsed[index] + instant_us - self.midnights[index]
        return self.elapsed[index]

    def instant_at_elapsed(self, target_us: int) -> int | None:
        """Earliest instant (µs) at which `target_us` of business time has elapsed.

        None when the target lies beyond the table. The first index whose accumulated time
        reaches the target ends the day in which it is reached; that day is necessarily a
        business day, since the accumulated time grew across it.
        """
        end_index = bisect.bisect_left(self.elapsed, target_us)
        # Requiring a spare day keeps the result strictly inside the table.
        if end_index == 0 or end_index >= self.days:
            return None
        day = end_index - 1
        return self.midnights[day] + target_us - self.elapsed[day]


_TABLES: dict[str, _MarketTable] = {}


def _to_us(instant: datetime, name: str) -> int:
    """Microseconds since the Unix epoch of an aware datetime (exact integer arithmetic)."""
    if not isinstance(instant, datetime) or instant.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime, got {instant!r}")
    return (instant - _EPOCH) // _ONE_US


def _from_us(instant_us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=instant_us)


def _hours_to_us(hours: float | timedelta) -> int:
    if isinstance(hours, timedelta):
        amount = hours // _ONE_US
    elif hours == DEFAULT_HOURS:
        # The common call: skip building a timedelta.
        amount = _DEFAULT_HOURS_US
    else:
        amount = timedelta(hours=hours) // _ONE_US
    if amount < 0:
        raise ValueError(f"hours must not be negative, got {hours!r}")
    return amount


def _build_table(market_code: str, first_year: int, last_year: int) -> _MarketTable:
    if first_year < _MIN_YEAR or last_year > _MAX_YEAR:
        raise ValueError(
            f"business calendar supports the years {_MIN_YEAR}–{_MAX_YEAR}, "
            f"not {first_year}–{last_year}"
        )
    country, zone_name = MARKET_CALENDARS[market_code]
    zone = ZoneInfo(zone_name)
    public_holidays = holidays.country_holidays(
        country,
        years=range(first_year, last_year + 1),
        language=_HOLIDAY_NAMES_LANGUAGE,
    )
    holiday_names = dict(public_holidays.items())
    first_ordinal = date(first_year, 1, 1).toordinal()
    end_ordinal = date(last_year + 1, 1, 1).toordinal()

    midnights = []
    for ordinal in range(first_ordinal, end_ordinal + 1):
        day = date.fromordinal(ordinal)
        # Local midnight is never in a DST gap in these zones, so fold does not matter.
        local_midnight = datetime(day.year, day.month, day.day, tzinfo=zone)
        midnights.append((local_midnight - _EPOCH) // _ONE_US)

    business = bytearray()
    elapsed = [0]
    for index, ordinal in enumerate(range(first_ordinal, end_ordinal)):
        day = date.fromordinal(ordinal)
        is_open = day.weekday() < 5 and day not in holiday_names
        business.append(is_open)
        # Real elapsed time of the day, so DST days count 23 h or 25 h.
        length = midnights[index + 1] - midnights[index] if is_open else 0
        elapsed.append(elapsed[-1] + length)

    return _MarketTable(
        market_code=market_code,
        zone=zone,
        first_year=first_year,
        last_year=last_year,
        first_ordinal=first_ordinal,
        midnights=midnights,
        elapsed=elapsed,
        business=bytes(business),
        holiday_names=holiday_names,
    )


def _table(market_code: str) -> _MarketTable:
    table = _TABLES.get(market_code)
    if table is None:
        if market_code not in MARKET_CALENDARS:
            raise ValueError(f"unknown market {market_code!r}")
        table = _build_table(market_code, _TABLE_FIRST_YEAR, _TABLE_LAST_YEAR)
        _TABLES[market_code] = table
    return table


def _widen(table: _MarketTable, first_year: int, last_year: int) -> _MarketTable:
    """Rebuild a market's table to also cover first_year..last_year (rare, cached)."""
    wider = _build_table(
        table.market_code,
        min(table.first_year, first_year),
        max(table.last_year, last_year),
    )
    _TABLES[table.market_code] = wider
    return wider


def _table_covering(market_code: str, *instants_us: int) -> _MarketTable:
    table = _table(market_code)
    for instant_us in instants_us:
        if not table.covers_instant(instant_us):
            # One year of margin either side: the local date may differ from the UTC one.
            try:
                year = _from_us(instant_us).year
            except OverflowError:
                raise ValueError("instant outside the supported years") from None
            table = _widen(table, year - 1, year + 1)
    return table


def _deadline_us(market_code: str, received_us: int, amount_us: int) -> tuple[_MarketTable, int]:
    table = _table_covering(market_code, received_us)
    if amount_us == 0:
        # Nothing to wait for, even on a closed day.
        return table, received_us
    target = table.business_elapsed(received_us) + amount_us
    deadline = table.instant_at_elapsed(target)
    while deadline is None:
        # The target lies past the table's end: grow it by at least the missing span.
        missing_years = (target - table.elapsed[-1]) // (200 * DEFAULT_HOURS * _US_PER_HOUR)
        table = _widen(table, table.first_year, table.last_year + 2 + missing_years)
        target = table.business_elapsed(received_us) + amount_us
        deadline = table.instant_at_elapsed(target)
    return table, deadline


def response_deadline(
    received_at: datetime, market_code: str, *, hours: float | timedelta = DEFAULT_HOURS
) -> datetime:
    """When the answer to a buyer message received at `received_at` is due, in UTC.

    The earliest instant at which `hours` of business time of the market have elapsed since
    reception (a message received on a closed day starts the clock at the next business
    day's local midnight). `received_at` may be in any UTC offset; exact to the microsecond.
    Raises ValueError for a naive datetime, an unknown market or a negative `hours`.
    """
    received_us = _to_us(received_at, "received_at")
    _, deadline = _deadline_us(market_code, received_us, _hours_to_us(hours))
    return _from_us(deadline)


def business_time_between(start: datetime, end: datetime, market_code: str) -> timedelta:
    """Business time of the market elapsed between two aware instants (zero if end <= start)."""
    start_us = _to_us(start, "start")
    end_us = _to_us(end, "end")
    if end_us <= start_us:
        if market_code not in MARKET_CALENDARS:
            raise ValueError(f"unknown market {market_code!r}")
        return timedelta(0)
    table = _table_covering(market_code, start_us, end_us)
    return timedelta(microseconds=table.business_elapsed(end_us) - table.business_elapsed(start_us))


def is_business_day(day: date, market_code: str) -> bool:
    """Whether a local calendar day of the market is Monday–Friday and not a public holiday."""
    table = _table(market_code)
    if not table.covers_day(day):
        table = _widen(table, day.year, day.year)
    return bool(table.business[day.toordinal() - table.first_ordinal])


@dataclass(frozen=True, slots=True)
class ClosedDay:
    """A local day of a market on which the clock stops, and why: a public holiday (its
    English name, as the `holidays` package has it) or, when `holiday` is "", the weekend."""

    day: date
    holiday: str = ""


def closed_days(start: datetime, end: datetime, market_code: str) -> list[ClosedDay]:
    """The market's local days that are not business days and overlap [start, end), in
    order: why a wait from `start` to `end` (a deadline) is longer than its business time.
    The day `start` falls on counts (a request read on a Saturday waits through it); a
    deadline at local midnight does not bring in the day it opens. A holiday on a weekend
    day is given as the holiday. Empty when end <= start."""
    start_us = _to_us(start, "start")
    end_us = _to_us(end, "end")
    if end_us <= start_us:
        if market_code not in MARKET_CALENDARS:
            raise ValueError(f"unknown market {market_code!r}")
        return []
    table = _table_covering(market_code, start_us, end_us)
    index = bisect.bisect_right(table.midnights, start_us) - 1
    days = []
    while table.midnights[index] < end_us:
        if not table.business[index]:
            day = date.fromordinal(table.first_ordinal + index)
            days.append(ClosedDay(day, table.holiday_names.get(day, "")))
        index += 1
    return days


def _format_day(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]}"


def _format_moment(moment: datetime) -> str:
    clock = f"{moment:%H:%M:%S}" if moment.second else f"{moment:%H:%M}"
    return f"{_format_day(moment.date())} {clock}"


def _format_duration(amount_us: int) -> str:
    seconds = amount_us // 1_000_000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [f"{hours} h"]
    if minutes:
        parts.append(f"{minutes} min")
    if seconds:
        parts.append(f"{seconds} s")
    return " ".join(parts)


def _explain_days(table: _MarketTable, received_us: int, deadline_us: int) -> list[dict[str, Any]]:
    """One step per business day that counts, per holiday and per run of weekend days."""
    first = table.business_elapsed(received_us)
    last = table.business_elapsed(deadline_us)
    steps: list[dict[str, Any]] = []
    weekend: list[str] = []

    def close_weekend() -> None:
        if weekend:
            steps.append({"step": "weekend", "days": list(weekend)})
            weekend.clear()

    index = bisect.bisect_right(table.midnights, received_us) - 1
    while table.midnights[index] < deadline_us:
        day = date.fromordinal(table.first_ordinal + index)
        name = table.holiday_names.get(day)
        if table.business[index]:
            close_weekend()
            start = max(table.elapsed[index], first)
            counted = min(table.elapsed[index + 1], last) - start
            steps.append({"step": "counted", "day": day.isoformat(), "seconds": counted // 10**6})
        elif name is None:
            weekend.append(day.isoformat())
        else:
            close_weekend()
            steps.append({"step": "holiday", "day": day.isoformat(), "name": name})
        index += 1
    close_weekend()
    return steps


def deadline_steps(
    received_at: datetime, market_code: str, *, hours: float | timedelta = DEFAULT_HOURS
) -> list[dict[str, Any]]:
    """The steps from reception to deadline, as data: stored with each clock and put into
    words when read, in the reader's language (sla.explanations). Times are the market's
    local time (ISO 8601 with offset); a holiday keeps its English name from the `holidays`
    package, for the record.

    [{"step": "received", "at": "2026-11-27T18:00:00+01:00", "zone": "Europe/Paris"},
     {"step": "counted", "day": "2026-11-27", "seconds": 21600},
     {"step": "weekend", "days": ["2026-11-28", "2026-11-29"]},
     {"step": "holiday", "day": "2026-12-25", "name": "Christmas Day"},
     {"step": "due", "at": "2026-11-30T18:00:00+01:00"}]
    """
    received_us = _to_us(received_at, "received_at")
    table, deadline_us = _deadline_us(market_code, received_us, _hours_to_us(hours))
    received_local = _from_us(received_us).astimezone(table.zone)
    due_local = _from_us(deadline_us).astimezone(table.zone)
    return [
        {"step": "received", "at": received_local.isoformat(), "zone": table.zone.key},
        *_explain_days(table, received_us, deadline_us),
        {"step": "due", "at": due_local.isoformat()},
    ]


def explain_deadline(
    received_at: datetime,
    market_code: str,
    *,
    hours: float | timedelta = DEFAULT_HOURS,
) -> list[str]:
    """`deadline_steps` in English words, for logs and tests (pages use sla.explanations).

    For example ["Received Fri 27 Nov 18:00 (Europe/Paris)", "Fri 27 Nov: 6 h counted",
    "Sat 28 Nov, Sun 29 Nov: weekend, clock stopped", "Mon 30 Nov: 18 h counted",
    "Due Mon 30 Nov 18:00"]. Holiday names come from the `holidays` package.
    """
    return [english_step(step) for step in deadline_steps(received_at, market_code, hours=hours)]


def english_step(step: dict[str, Any]) -> str:
    """One step of `deadline_steps` in English."""
    kind = step["step"]
    if kind == "received":
        return f"Received {_format_moment(datetime.fromisoformat(step['at']))} ({step['zone']})"
    if kind == "due":
        return f"Due {_format_moment(datetime.fromisoformat(step['at']))}"
    if kind == "counted":
        day = date.fromisoformat(step["day"])
        return f"{_format_day(day)}: {_format_duration(step['seconds'] * 10**6)} counted"
    if kind == "weekend":
        days = ", ".join(_format_day(date.fromisoformat(day)) for day in step["days"])
        return f"{days}: weekend, clock stopped"
    return f"{_format_day(date.fromisoformat(step['day']))}: {step['name']} (public holiday)"
