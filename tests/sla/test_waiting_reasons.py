"""Why the buyer waits longer than the business time left (issue 15): the closed days
between now and the deadline (sla.calendar.closed_days, pure) and the sentences that say
why, in the reader's language and the market's days (sla.explanations.waiting_reasons).

No database: the calendar is pure, the words need only the active language."""

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from sla.calendar import MARKET_CALENDARS, ClosedDay, closed_days, response_deadline
from sla.explanations import due_by, due_parts, waiting_reasons


def local(market: str, *args: int) -> datetime:
    return datetime(*args, tzinfo=ZoneInfo(MARKET_CALENDARS[market][1]))


def assert_sentence(text: str) -> None:
    """One sentence, grammatical as punctuation goes: it ends with exactly one period, no
    space before a mark, no two marks in a row, brackets closed."""
    assert text == text.strip(), repr(text)
    assert text.endswith("."), repr(text)
    assert not re.search(r"[.,:;]\s*\.$", text), repr(text)
    # No space before a mark (French puts a no-break space before a colon: that is right).
    assert not re.search(r"[ \t\n][.,:;)]", text), repr(text)
    assert not re.search(r"[,:;(]\s*[.,:;)]", text), repr(text)
    assert "))" not in text, repr(text)
    assert text.count("(") == text.count(")"), repr(text)
    assert text[0].isupper(), repr(text)


# closed_days ----------------------------------------------------------------------------


def test_friday_evening_in_poland_waits_through_the_weekend():
    received = local("PL", 2026, 11, 27, 18, 0)  # Friday
    due = response_deadline(received, "PL")
    assert due == local("PL", 2026, 11, 30, 18, 0)
    assert closed_days(received, due, "PL") == [
        ClosedDay(date(2026, 11, 28)),
        ClosedDay(date(2026, 11, 29)),
    ]


def test_a_request_before_a_polish_public_holiday_names_it():
    received = local("PL", 2026, 11, 10, 12, 0)  # Tuesday; Wednesday is 11 November
    due = response_deadline(received, "PL")
    assert due == local("PL", 2026, 11, 12, 12, 0)
    assert closed_days(received, due, "PL") == [
        ClosedDay(date(2026, 11, 11), "National Independence Day")
    ]


def test_the_day_now_falls_on_counts_and_a_deadline_at_midnight_brings_no_day():
    # Read on Saturday; received Saturday, due Tuesday 00:00: Monday counts, Tuesday not.
    now = local("FR", 2026, 11, 28, 10, 0)
    due = response_deadline(now, "FR")
    assert due == local("FR", 2026, 12, 1, 0, 0)
    assert [closed.day for closed in closed_days(now, due, "FR")] == [
        date(2026, 11, 28),
        date(2026, 11, 29),
    ]


def test_closed_days_are_the_markets_local_days_whatever_the_offset_given():
    # Friday 23:30 UTC is already Saturday in Warsaw.
    now = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)
    due = local("PL", 2026, 11, 30, 18, 0)
    assert closed_days(now, due, "PL")[0].day == date(2026, 11, 28)


def test_a_holiday_on_a_weekend_is_given_as_the_holiday():
    # 15 August 2026 (Assumption) is a Saturday in Poland.
    days = closed_days(local("PL", 2026, 8, 14, 9, 0), local("PL", 2026, 8, 17, 9, 0), "PL")
    assert days[0].day == date(2026, 8, 15)
    assert days[0].holiday
    assert days[1] == ClosedDay(date(2026, 8, 16))


def test_no_closed_day_on_a_plain_week_or_after_the_deadline():
    tuesday = local("DE", 2026, 12, 1, 9, 0)
    assert closed_days(tuesday, response_deadline(tuesday, "DE"), "DE") == []
    assert closed_days(tuesday, tuesday, "DE") == []
    with pytest.raises(ValueError, match="unknown market"):
        closed_days(tuesday, tuesday, "XX")


# waiting_reasons ------------------------------------------------------------------------


def test_the_weekend_is_said_once():
    received = local("PL", 2026, 11, 27, 18, 0)
    with translation.override("en"):
        reasons = waiting_reasons(received, response_deadline(received, "PL"), "PL")
    assert reasons == ["The weekend does not count."]


def test_a_polish_holiday_is_named_in_the_readers_language_with_the_country():
    received = local("PL", 2026, 11, 10, 12, 0)
    due = response_deadline(received, "PL")
    with translation.override("en"):
        assert waiting_reasons(received, due, "PL") == [
            "Wednesday 11 November is a public holiday in Poland: National Independence Day."
        ]
    with translation.override("pl"):
        [reason] = waiting_reasons(received, due, "PL")
    assert reason.startswith("Środa")  # a weekday starting the sentence gets its capital
    assert "Polska" in reason
    assert "11 listopada" in reason
    assert reason.endswith("Narodowe Święto Niepodległości.")


def test_a_holiday_the_package_has_not_in_the_readers_language_is_named_in_the_markets():
    received = local("PL", 2026, 11, 10, 12, 0)
    with translation.override("ro"):  # the package names Polish holidays in de, en, pl, uk
        [reason] = waiting_reasons(received, response_deadline(received, "PL"), "PL")
    assert reason.endswith("Narodowe Święto Niepodległości.")
    assert "Polonia" in reason  # the country in the reader's language


def test_hungarian_market_holiday_and_weekend():
    received = local("HU", 2026, 10, 22, 15, 0)  # Thursday; Friday 23 October is a holiday
    due = response_deadline(received, "HU")
    assert due == local("HU", 2026, 10, 26, 15, 0)
    with translation.override("en"):
        assert waiting_reasons(received, due, "HU") == [
            "Friday 23 October is a public holiday in Hungary: National Day.",
            "The weekend does not count.",
        ]
    with translation.override("hu"):
        holiday, weekend = waiting_reasons(received, due, "HU")
    assert "Magyarország" in holiday
    assert "október 23." in holiday.lower()
    assert "Nemzeti ünnep" in holiday
    assert_sentence(holiday)
    assert_sentence(weekend)


def test_two_holidays_on_one_day_are_joined_as_a_list():
    received = local("CZ", 2026, 12, 31, 12, 0)  # Thursday; 1 January 2027 is a Friday
    with translation.override("en"):
        reasons = waiting_reasons(received, response_deadline(received, "CZ"), "CZ")
    assert reasons[0] == (
        "Friday 1 January is a public holiday in Czechia: "
        "Independent Czech State Restoration Day and New Year's Day."
    )


@pytest.mark.parametrize("language", ["en", "pl", "hu", "fr", "de", "cs", "sk", "ro", "es", "it"])
@pytest.mark.parametrize(
    ("market", "received"),
    [
        ("PL", (2026, 11, 27, 18, 0)),  # Friday evening: the weekend
        ("PL", (2026, 11, 10, 12, 0)),  # before Independence Day
        ("PL", (2026, 12, 23, 18, 0)),  # Christmas: three holidays and a Sunday
        ("HU", (2026, 10, 22, 15, 0)),  # National Day, then the weekend
        ("HU", (2025, 12, 31, 12, 0)),  # a day off named with brackets and dates
        ("CZ", (2026, 12, 31, 12, 0)),  # two holidays on one day
        ("SK", (2026, 1, 5, 12, 0)),  # a name with brackets
    ],
)
def test_every_reason_is_one_sentence_with_one_final_period(language, market, received):
    received_at = local(market, *received)
    due = response_deadline(received_at, market)
    with translation.override(language):
        reasons = waiting_reasons(received_at, due, market)
    assert reasons
    for reason in reasons:
        assert_sentence(reason)


# The due moment -------------------------------------------------------------------------


def test_the_due_moment_reads_in_the_markets_time():
    due = local("PL", 2026, 12, 1, 14, 0)
    with translation.override("en"), timezone.override(ZoneInfo("Europe/Warsaw")):
        assert due_by(due.astimezone(UTC), "PL") == "Tuesday 1 December, 14:00"
        assert due_parts(due, "PL", due) == {"day": "1 December", "time": "14:00"}
        assert due_parts(due, "PL", local("PL", 2027, 1, 4, 9, 0))["day"] == "1 Dec 2026"
    with translation.override("pl"), timezone.override(ZoneInfo("Europe/Warsaw")):
        assert due_by(due, "PL") == "wtorek, 1 grudnia, 14:00"


def test_a_reader_in_another_time_zone_is_told_whose_time_it_is():
    due = local("HU", 2026, 12, 1, 14, 0)
    with translation.override("en"), timezone.override(ZoneInfo("Europe/Bucharest")):
        assert due_by(due, "HU") == "Tuesday 1 December, 14:00 Budapest time"
    with translation.override("en"), timezone.override(ZoneInfo("Europe/Paris")):
        assert due_by(due, "HU") == "Tuesday 1 December, 14:00"  # the same time there
