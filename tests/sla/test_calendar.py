"""The business-time calendar behind the 24-business-hour answer deadline (sla.calendar).

Pure functions: no database. Expected instants are written in the market's local time where
that reads best; aware datetimes compare as instants, and a separate test checks the output
is in UTC.
"""

import json
from datetime import UTC, date, datetime, time, timedelta, timezone
from functools import cache
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sla.calendar import (
    MARKET_CALENDARS,
    business_time_between,
    explain_deadline,
    is_business_day,
    response_deadline,
)

PARIS = ZoneInfo("Europe/Paris")
DAY = timedelta(hours=24)
FIXTURE = Path(__file__).parent / "fixtures" / "sla_sample.jsonl"

SPEC_MARKETS = MARKET_CALENDARS


def local(market: str, *args: int) -> datetime:
    """An aware datetime in the market's time zone."""
    return datetime(*args, tzinfo=ZoneInfo(SPEC_MARKETS[market][1]))


# -- Reference implementation: slow and obvious, walks local days with zoneinfo and holidays.


@cache
def public_holidays(country: str) -> holidays.HolidayBase:
    return holidays.country_holidays(country, years=range(2019, 2033))


def reference_deadline(received: datetime, market: str, amount: timedelta = DAY) -> datetime:
    country, zone_name = SPEC_MARKETS[market]
    zone = ZoneInfo(zone_name)
    moment = received.astimezone(UTC)
    day = moment.astimezone(zone).date()
    while True:
        day_start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        day_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
        if day.weekday() < 5 and day not in public_holidays(country):
            start = max(moment, day_start)
            if amount <= day_end - start:
                return start + amount
            amount -= day_end - start
        day += timedelta(days=1)


# -- The shared vectors.


def load_vectors() -> list:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [
        pytest.param(json.loads(line), id=f"line{number}-{json.loads(line)['why']}")
        for number, line in enumerate(lines, start=1)
        if line.strip()
    ]


@pytest.mark.parametrize("vector", load_vectors())
def test_every_shared_vector_gets_its_deadline(vector):
    received = datetime.fromisoformat(vector["received_at"])
    assert response_deadline(received, vector["market"]) == datetime.fromisoformat(
        vector["deadline"]
    )


# -- The spec's worked examples (FR).


def test_a_message_received_on_friday_evening_is_due_on_monday_evening():
    assert response_deadline(local("FR", 2026, 11, 27, 18), "FR") == local("FR", 2026, 11, 30, 18)


def test_a_message_received_on_saturday_is_due_at_the_end_of_monday():
    assert response_deadline(local("FR", 2026, 11, 28, 10), "FR") == local("FR", 2026, 12, 1)


def test_christmas_day_stops_the_clock_between_thursday_and_monday():
    received = local("FR", 2026, 12, 24, 9, 30)
    assert response_deadline(received, "FR") == local("FR", 2026, 12, 28, 9, 30)


# -- Each market's own holidays.

HOLIDAY_CASES = [
    # market, received (local), the holiday, due (local)
    ("FR", (2026, 7, 13, 12), date(2026, 7, 14), (2026, 7, 15, 12)),  # National Day
    ("DE", (2025, 10, 2, 12), date(2025, 10, 3), (2025, 10, 6, 12)),  # German Unity Day
    ("AT", (2026, 10, 23, 12), date(2026, 10, 26), (2026, 10, 27, 12)),  # National Day
    ("PL", (2026, 11, 10, 12), date(2026, 11, 11), (2026, 11, 12, 12)),  # Independence Day
    ("CZ", (2026, 9, 25, 12), date(2026, 9, 28), (2026, 9, 29, 12)),  # Statehood Day
    ("SK", (2027, 1, 5, 12), date(2027, 1, 6), (2027, 1, 7, 12)),  # Epiphany
    ("HU", (2026, 10, 22, 12), date(2026, 10, 23), (2026, 10, 26, 12)),  # National Day
    ("RO", (2025, 1, 23, 12), date(2025, 1, 24), (2025, 1, 27, 12)),  # Unification Day
    ("ES", (2026, 10, 9, 12), date(2026, 10, 12), (2026, 10, 13, 12)),  # National Day
    ("IT", (2026, 6, 1, 12), date(2026, 6, 2), (2026, 6, 3, 12)),  # Republic Day
]


@pytest.mark.parametrize(
    ("market", "received", "holiday", "due"),
    HOLIDAY_CASES,
    ids=[case[0] for case in HOLIDAY_CASES],
)
def test_a_national_holiday_of_each_market_pushes_the_deadline(market, received, holiday, due):
    assert holiday.weekday() < 5
    assert holiday in public_holidays(market)
    assert not is_business_day(holiday, market)
    assert response_deadline(local(market, *received), market) == local(market, *due)


@pytest.mark.parametrize("market", list(SPEC_MARKETS))
def test_the_same_weekday_is_a_business_day_in_a_market_without_that_holiday(market):
    # 14 July 2026 is a holiday in France only; a plain Tuesday elsewhere.
    assert is_business_day(date(2026, 7, 14), market) == (market != "FR")


def test_poland_keeps_christmas_eve_as_a_holiday_from_2025_only():
    assert response_deadline(local("PL", 2024, 12, 23, 12), "PL") == local("PL", 2024, 12, 24, 12)
    # 24, 25 and 26 December 2025 (Wednesday to Friday) are all holidays.
    assert response_deadline(local("PL", 2025, 12, 23, 12), "PL") == local("PL", 2025, 12, 29, 12)


def test_weekends_and_holidays_are_not_business_days():
    assert is_business_day(date(2026, 11, 27), "FR")  # Friday
    assert not is_business_day(date(2026, 11, 28), "FR")  # Saturday
    assert not is_business_day(date(2026, 11, 29), "FR")  # Sunday
    assert not is_business_day(date(2026, 12, 25), "FR")  # Christmas Day, a Friday


# -- Daylight saving time: real elapsed time, checked in UTC.


def test_a_friday_message_before_clocks_go_forward_counts_real_time_in_utc():
    received = local("FR", 2026, 3, 27, 18)  # 17:00 UTC, CET
    due = response_deadline(received, "FR")
    assert due == datetime(2026, 3, 30, 16, tzinfo=UTC)  # Monday 18:00 CEST
    assert due - received == timedelta(hours=71)  # the weekend lost an hour


def test_a_friday_message_before_clocks_go_back_counts_real_time_in_utc():
    received = local("FR", 2026, 10, 23, 18)  # 16:00 UTC, CEST
    due = response_deadline(received, "FR")
    assert due == datetime(2026, 10, 26, 17, tzinfo=UTC)  # Monday 18:00 CET
    assert due - received == timedelta(hours=73)  # the weekend gained an hour


def test_a_message_on_the_short_sunday_waits_for_monday_midnight():
    received = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST, just after the jump
    assert response_deadline(received, "FR") == datetime(2026, 3, 30, 22, tzinfo=UTC)


@pytest.mark.parametrize("fold_offset", [2, 1], ids=["first-0230-CEST", "second-0230-CET"])
def test_both_repeated_hours_of_the_long_sunday_wait_for_monday_midnight(fold_offset):
    received = datetime(2026, 10, 25, 2, 30, tzinfo=timezone(timedelta(hours=fold_offset)))
    assert response_deadline(received, "FR") == datetime(2026, 10, 26, 23, tzinfo=UTC)


def test_a_business_day_after_a_change_lasts_24_real_hours_from_local_midnight():
    monday = local("FR", 2026, 3, 30)
    assert business_time_between(monday, local("FR", 2026, 3, 31), "FR") == DAY
    assert business_time_between(local("FR", 2026, 3, 28), monday, "FR") == timedelta(0)


# -- Input and output forms.


def test_the_same_instant_in_different_offsets_gives_the_same_deadline():
    instant = datetime(2026, 2, 3, 14, 15, 16, 123456, tzinfo=UTC)
    offsets = [timedelta(hours=h, minutes=m) for h, m in [(0, 0), (1, 0), (5, 30), (-9, -30)]]
    deadlines = {
        response_deadline(instant.astimezone(timezone(offset)), "DE") for offset in offsets
    }
    deadlines.add(response_deadline(instant.astimezone(ZoneInfo("America/New_York")), "DE"))
    assert deadlines == {datetime(2026, 2, 4, 14, 15, 16, 123456, tzinfo=UTC)}


def test_the_deadline_is_given_in_utc():
    due = response_deadline(local("FR", 2026, 11, 27, 18), "FR")
    assert due.tzinfo is UTC


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        response_deadline(datetime(2026, 1, 5, 12), "FR")  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="timezone-aware"):
        business_time_between(
            datetime(2026, 1, 5, 12),  # noqa: DTZ001 - the point of the test
            local("FR", 2026, 1, 6),
            "FR",
        )


def test_an_unknown_market_is_refused():
    with pytest.raises(ValueError, match="unknown market"):
        response_deadline(local("FR", 2026, 1, 5, 12), "GB")
    with pytest.raises(ValueError, match="unknown market"):
        is_business_day(date(2026, 1, 5), "fr")
    with pytest.raises(ValueError, match="unknown market"):
        business_time_between(local("FR", 2026, 1, 5), local("FR", 2026, 1, 6), "XX")


@pytest.mark.django_db
def test_the_calendar_markets_are_the_markets_of_the_database():
    # The pure module's table and the markets of the data migration must agree.
    from orders.models import Market

    assert {m.code: (m.country, m.time_zone) for m in Market.objects.all()} == MARKET_CALENDARS


def test_hours_may_be_a_timedelta_or_a_fraction():
    received = local("IT", 2026, 2, 3, 9)
    assert response_deadline(received, "IT", hours=timedelta(hours=20)) == local(
        "IT", 2026, 2, 4, 5
    )
    assert response_deadline(received, "IT", hours=0.5) == local("IT", 2026, 2, 3, 9, 30)


def test_zero_hours_is_due_at_reception_and_negative_hours_are_refused():
    received = local("FR", 2026, 11, 28, 10)  # a Saturday
    assert response_deadline(received, "FR", hours=0) == received
    with pytest.raises(ValueError, match="negative"):
        response_deadline(received, "FR", hours=-1)


def test_end_before_start_counts_no_business_time():
    assert business_time_between(
        local("FR", 2026, 1, 6), local("FR", 2026, 1, 5), "FR"
    ) == timedelta(0)


def test_instants_outside_2020_to_2031_are_computed_too():
    for received in (local("FR", 2035, 12, 24, 9, 30), local("FR", 2019, 12, 24, 9, 30)):
        assert response_deadline(received, "FR") == reference_deadline(received, "FR")


def test_instants_beyond_the_supported_years_are_refused():
    with pytest.raises(ValueError, match="supports the years"):
        response_deadline(datetime(2300, 1, 1, tzinfo=UTC), "FR")


# -- Explanations.


def test_explanation_of_a_friday_message_mentions_the_weekend():
    steps = explain_deadline(local("FR", 2026, 11, 27, 18), "FR")
    assert steps[0] == "Received Fri 27 Nov 18:00 (Europe/Paris)"
    assert "Sat 28 Nov, Sun 29 Nov: weekend, clock stopped" in steps
    assert steps[-1] == "Due Mon 30 Nov 18:00"


def test_explanation_of_the_christmas_message_names_the_holiday():
    steps = explain_deadline(local("FR", 2026, 12, 24, 9, 30), "FR")
    assert steps == [
        "Received Thu 24 Dec 09:30 (Europe/Paris)",
        "Thu 24 Dec: 14 h 30 min counted",
        "Fri 25 Dec: Christmas Day (public holiday)",
        "Sat 26 Dec, Sun 27 Dec: weekend, clock stopped",
        "Mon 28 Dec: 9 h 30 min counted",
        "Due Mon 28 Dec 09:30",
    ]


def test_explanation_uses_the_market_time_zone_whatever_the_input_offset():
    received = local("FR", 2026, 11, 27, 18).astimezone(timezone(timedelta(hours=-5)))
    assert explain_deadline(received, "FR")[0] == "Received Fri 27 Nov 18:00 (Europe/Paris)"


# -- Properties over random instants and markets.

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
FIRST_US = (datetime(2020, 1, 1, tzinfo=UTC) - EPOCH) // timedelta(microseconds=1)
LAST_US = (datetime(2031, 6, 30, tzinfo=UTC) - EPOCH) // timedelta(microseconds=1)
PROPERTY_SETTINGS = settings(max_examples=300, deadline=None, database=None)

markets = st.sampled_from(sorted(SPEC_MARKETS))
zones = st.sampled_from(
    [UTC, PARIS, ZoneInfo("Asia/Kolkata"), ZoneInfo("America/New_York")]
    + [timezone(timedelta(minutes=minutes)) for minutes in (-720, -300, 60, 120, 345, 840)]
)
uniform_instants = st.builds(
    lambda us, zone: (EPOCH + timedelta(microseconds=us)).astimezone(zone),
    st.integers(FIRST_US, LAST_US),
    zones,
)
# Local midnights are where off-by-one-day mistakes live.
local_midnights = st.builds(
    lambda day, market: datetime.combine(day, time(0), tzinfo=ZoneInfo(SPEC_MARKETS[market][1])),
    st.dates(date(2020, 1, 2), date(2031, 6, 29)),
    markets,
)
instants = st.one_of(uniform_instants, local_midnights)


@PROPERTY_SETTINGS
@given(received=instants, market=markets)
def test_a_deadline_is_at_least_24_real_hours_after_reception(received, market):
    assert response_deadline(received, market) >= received + DAY


@PROPERTY_SETTINGS
@given(first=instants, second=instants, market=markets)
def test_a_later_message_never_gets_an_earlier_deadline(first, second, market):
    earlier, later = sorted([first, second])
    assert response_deadline(earlier, market) <= response_deadline(later, market)


@PROPERTY_SETTINGS
@given(received=instants, market=markets)
def test_exactly_24_business_hours_run_between_reception_and_deadline(received, market):
    assert business_time_between(received, response_deadline(received, market), market) == DAY


@PROPERTY_SETTINGS
@given(
    received=instants,
    market=markets,
    amount=st.integers(1, 200 * 3_600_000_000).map(lambda us: timedelta(microseconds=us)),
)
def test_any_amount_of_business_time_is_reached_exactly(received, market, amount):
    due = response_deadline(received, market, hours=amount)
    assert business_time_between(received, due, market) == amount
    assert due == reference_deadline(received, market, amount)


@PROPERTY_SETTINGS
@given(received=instants, market=markets)
def test_the_20_hour_warning_comes_no_later_than_the_deadline(received, market):
    warning = response_deadline(received, market, hours=20)
    assert business_time_between(received, warning, market) == timedelta(hours=20)
    assert warning <= response_deadline(received, market)


@PROPERTY_SETTINGS
@given(received=instants, market=markets)
def test_the_deadline_matches_a_day_by_day_reference_walk(received, market):
    assert response_deadline(received, market) == reference_deadline(received, market)
