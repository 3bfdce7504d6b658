import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Seller
from helpdesk.models import Role
from helpdesk.services import message_post, thread_no_reply_needed, thread_open
from sla.calendar import response_deadline
from sla.models import ResponseClock, Sanction
from sla.performance import dashboard, headline, period_stats, seller_stats, sellers_nightly
from sla.sanctions import sanction_apply, sanction_extend, sanction_lift, sanction_reason
from sla.sweep import sla_sweep
from tests.factories import SellerFactory, SellerMemberFactory, UserFactory, make_order

pytestmark = pytest.mark.django_db

MONDAY = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # 09:00 in Paris


def history(seller, agent, *, on_time: int, late: int, start=MONDAY, market="FR"):
    """Answered buyer messages, one per business day from `start`: on time within 2 hours,
    late 2 business hours after the deadline."""
    buyer = UserFactory()
    day = start
    for i in range(on_time + late):
        while day.weekday() >= 5:
            day += timedelta(days=1)
        order = make_order(buyer=buyer, seller=seller, market_code=market)
        thread = thread_open(order=order, buyer=buyer, topic="delivery", body=f"Q{i}", at=day)
        answer = (
            day + timedelta(hours=2) if i < on_time else response_deadline(day, market, hours=26)
        )
        message_post(thread=thread, author=agent, role=Role.SELLER, body="A", at=answer)
        day += timedelta(days=1)


@pytest.fixture
def seller_team():
    seller = SellerFactory()
    return seller, SellerMemberFactory(seller=seller).user


def test_stats_count_on_time_late_and_response_times(seller_team, settings):
    settings.SLA_MIN_SAMPLE = 5
    seller, agent = seller_team
    history(seller, agent, on_time=8, late=2)
    stats = seller_stats(seller, days=90, now=MONDAY + timedelta(days=30))
    total = stats[None]
    assert (total.judged, total.on_time, total.late) == (10, 8, 2)
    assert total.on_time_rate == 0.8
    assert total.median_hours == pytest.approx(2.0)
    assert stats["FR"].judged == 10


def test_open_overdue_clocks_count_as_late_and_exemptions_apart(seller_team, settings):
    settings.SLA_MIN_SAMPLE = 1
    seller, agent = seller_team
    buyer = UserFactory()
    order = make_order(buyer=buyer, seller=seller)
    thread_open(order=order, buyer=buyer, topic="delivery", body="Unanswered", at=MONDAY)
    thanks = thread_open(
        order=make_order(buyer=buyer, seller=seller),
        buyer=buyer,
        topic="other",
        body="Thanks!",
        at=MONDAY,
    )
    thread_no_reply_needed(thread=thanks, by=agent)
    total = seller_stats(seller, days=30, now=MONDAY + timedelta(days=3))[None]
    assert (total.judged, total.late, total.exemptions) == (1, 1, 1)


def test_rates_need_a_minimum_sample(seller_team, settings):
    settings.SLA_MIN_SAMPLE = 20
    seller, agent = seller_team
    history(seller, agent, on_time=5, late=0)
    assert seller_stats(seller, days=90, now=MONDAY + timedelta(days=30))[None].on_time_rate is None


def test_service_score_is_the_on_time_rate_in_whole_points(seller_team, settings):
    settings.SLA_MIN_SAMPLE = 5
    seller, agent = seller_team
    history(seller, agent, on_time=9, late=1)
    figures = headline(seller, MONDAY + timedelta(days=20))
    assert (figures.score, figures.typical_hours) == (90, 2)
    assert figures.stats.days == 30


def test_nightly_scores_and_the_automatic_policy(seller_team, settings):
    settings.SLA_MIN_SAMPLE = 10
    good, good_agent = seller_team
    history(good, good_agent, on_time=20, late=0)
    bad = SellerFactory()
    history(bad, SellerMemberFactory(seller=bad).user, on_time=8, late=4)
    so_so = SellerFactory()
    history(so_so, SellerMemberFactory(seller=so_so).user, on_time=18, late=2)
    now = MONDAY + timedelta(days=29)
    sellers_nightly(now)
    sellers_nightly(now)  # twice on one night: nothing more
    good.refresh_from_db()
    bad.refresh_from_db()
    so_so.refresh_from_db()
    assert good.service_score > so_so.service_score > bad.service_score
    assert good.typical_response_hours == 2
    assert not Sanction.objects.filter(seller=good).exists()
    restriction = Sanction.objects.get(seller=bad)
    assert (restriction.kind, restriction.automatic) == ("restriction", True)
    assert (restriction.cause, restriction.figures["judged"]) == ("late_rate", 12)
    assert "66% of the 12 buyer messages" in sanction_reason(restriction)  # 8 of 12
    assert bad.status == Seller.Status.RESTRICTED
    assert Sanction.objects.get(seller=so_so).kind == "warning"
    assert so_so.status == Seller.Status.ACTIVE
    assert list(Seller.objects.ranked()) == [good, so_so]  # the restricted one is left out
    # The restriction ends by itself.
    sellers_nightly(now + timedelta(days=15))
    bad.refresh_from_db()
    assert (
        bad.status == Seller.Status.ACTIVE
        or Sanction.objects.filter(seller=bad, kind="restriction", starts_at__gt=now).exists()
    )


def test_manual_sanctions_apply_extend_and_lift(seller_team):
    seller, _ = seller_team
    admin = UserFactory(is_staff=True)
    sanction = sanction_apply(
        seller=seller,
        kind="suspension",
        reason="Off-platform deals",
        by=admin,
        ends_at=timezone.now() + timedelta(days=7),
    )
    seller.refresh_from_db()
    assert seller.status == Seller.Status.SUSPENDED
    extended = sanction_extend(
        sanction=sanction, until=sanction.ends_at + timedelta(days=7), by=admin
    )
    assert extended.ends_at == sanction.ends_at + timedelta(days=7)
    sanction_lift(sanction=sanction, by=admin)
    seller.refresh_from_db()
    assert seller.status == Seller.Status.ACTIVE
    sanction.refresh_from_db()
    assert sanction.lifted_by == admin


def test_a_suspended_seller_still_answers_its_open_threads(world):
    sanction_apply(
        seller=world.order.seller, kind="suspension", reason="x", by=world.platform_admin
    )
    message_post(
        thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="We still answer."
    )
    clock = ResponseClock.objects.get(thread=world.thread)
    assert (clock.outcome, clock.closed_by.body) == ("answered", "We still answer.")


def test_the_seller_sees_its_status_and_why(world, client):
    sanction_apply(
        seller=world.order.seller,
        kind="restriction",
        reason="Too many late answers",
        by=world.platform_admin,
        ends_at=datetime(2099, 1, 1, tzinfo=UTC),
    )
    client.force_login(world.seller_agent)
    html = client.get(reverse("helpdesk:inbox")).content.decode()
    assert "Too many late answers" in html
    assert "Restriction of selling rights" in html
    assert "Too many late answers" in client.get(reverse("sla:performance")).content.decode()
    client.force_login(world.buyer)
    assert "Too many late answers" not in client.get(reverse("orders:my_orders")).content.decode()


def test_dashboard_shows_figures_and_charts(world, client, settings):
    settings.SLA_MIN_SAMPLE = 1
    message_post(thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="A")
    client.force_login(world.seller_agent)
    html = client.get(reverse("sla:performance")).content.decode()
    assert html.count("<svg") == 3
    assert "100%" in html


def test_public_profile_says_how_fast_the_seller_answers(seller_team, client, settings):
    settings.SLA_MIN_SAMPLE = 5
    seller, agent = seller_team
    history(seller, agent, on_time=9, late=1)
    with time_machine.travel(MONDAY + timedelta(days=20)):
        html = client.get(reverse("sla:seller_profile", args=[seller.slug])).content.decode()
    assert "Usually answers within 2 hours" in html
    assert "the last 30 days: 90%" in html


def test_daily_summary_goes_to_administrators_once_a_day(world, mailoutbox):
    from helpdesk.summary import daily_summary_send

    with time_machine.travel(world.thread.due_at + timedelta(minutes=1)):
        sla_sweep()
    now = world.thread.due_at + timedelta(hours=2)
    assert daily_summary_send(now) is True
    assert daily_summary_send(now) is False
    summaries = [m for m in mailoutbox if "daily summary" in m.subject]
    assert [m.to for m in summaries] == [[world.platform_admin.email]]
    assert "Maison Test: 1" in summaries[0].body


def test_deadlines_shown_on_pages_are_the_function_s(world, client):
    from django.utils import formats, timezone

    from sla.calendar import response_deadline
    from sla.explanations import due_by

    expected = response_deadline(world.thread.awaiting_reply_since, "FR")
    assert world.thread.due_at == expected
    with timezone.override(world.order.market.tzinfo):
        shown = formats.date_format(timezone.localtime(expected), "DATETIME_FORMAT")
        buyer_shown = due_by(expected, "FR")
    client.force_login(world.seller_agent)
    html = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    assert shown in html
    # The buyer reads it with its weekday, in the market's time ("Tuesday 2 December, 14:00").
    client.force_login(world.buyer)
    html = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    assert buyer_shown in html


def test_admins_can_replay_a_deadline(world, client):
    from sla.models import ResponseClock

    clock = ResponseClock.objects.get(thread=world.thread)
    client.force_login(world.platform_admin)
    html = client.get(reverse("admin:sla_responseclock_change", args=[clock.pk])).content
    assert b"Received" in html
    assert b"Due" in html


def test_charts_stay_valid_svg_in_languages_with_decimal_commas(world, client, settings):
    import re

    settings.SLA_MIN_SAMPLE = 1
    message_post(
        thread=world.thread,
        author=world.seller_agent,
        role=Role.SELLER,
        body="A",
        at=world.thread.awaiting_reply_since + timedelta(hours=1, minutes=30),
    )
    world.seller_agent.preferred_language = "fr"
    world.seller_agent.save()
    client.force_login(world.seller_agent)
    html = client.get(reverse("sla:performance")).content.decode()
    assert "<rect" in html
    assert not re.search(r'\b(x|y|width|height|cx|cy)="[^"]*,', html)


def test_every_page_shows_the_same_figures_in_the_readers_format(seller_team, client, settings):
    """Issue 10 (8). Failed before: the public page said "0.90" (a fraction) and its own
    answer time, the tiles and the banner their own rounding."""
    settings.SLA_MIN_SAMPLE = 5
    seller, agent = seller_team
    agent.preferred_language = "fr"
    agent.save()
    history(seller, agent, on_time=9, late=1)
    now = MONDAY + timedelta(days=20)
    sellers_nightly(now)
    seller.refresh_from_db()
    figures = headline(seller, now)
    assert (
        (seller.service_score, seller.typical_response_hours)
        == (90, 2)
        == (
            figures.score,
            figures.typical_hours,
        )
    )
    with time_machine.travel(now):
        public = client.get(reverse("sla:seller_profile", args=[seller.slug])).content.decode()
        client.force_login(agent)
        performance = client.get(reverse("sla:performance")).content.decode()
    assert "0.90" not in public
    assert "30 days: 90%" in public
    assert "90\xa0%" in performance  # French: a non-breaking space before %
    assert "9 sur 10" in performance or "9 of 10" in performance
    assert "2,0\xa0h" in performance  # the median, in French


def test_a_rate_is_never_rounded_up_to_a_threshold():
    from django.utils import translation

    from sla.formats import format_percent

    with translation.override("en"):
        assert format_percent(0.9499) == "94%"  # under the 95 % warning line, it says so
        assert format_percent(0.999) == "99%"
        assert format_percent(0.29) == "29%"
        assert format_percent(None) == "—"


def chart_figures(html: str, chart_id: str) -> tuple[str, list[tuple[str, str]]]:
    """The value a chart writes on its latest mark, and its hidden table's rows."""
    figure = html[html.index(f'data-chart="{chart_id}"') :]
    figure = figure[: figure.index("</figure>")]
    latest = re.search(r'<g class="mark latest">.*?class="value"[^>]*>([^<]+)</text>', figure, re.S)
    table = re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td></tr>', figure)
    return (latest.group(1) if latest else ""), table


def tiles(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", v) for v in re.findall(r'<div class="kpi-value">(.*?)</div>', html)
    ]


def test_tiles_and_charts_show_the_same_figures(seller_team, client, settings):
    """Issue 15. Failed before: the charts showed ISO weeks (the tiles the last 30 days), the
    rate rounded up (the tiles round down), no value for the latest week, and the open
    messages' bars did not say how many they were."""
    settings.SLA_MIN_SAMPLE = 5
    seller, agent = seller_team
    history(seller, agent, on_time=9, late=1)
    now = MONDAY + timedelta(days=20, hours=3)
    buyer = UserFactory()
    for hours in (1, 50):
        order = make_order(buyer=buyer, seller=seller)
        thread_open(
            order=order, buyer=buyer, topic="delivery", body="?", at=now - timedelta(hours=hours)
        )
    client.force_login(agent)
    with time_machine.travel(now, tick=False):
        html = client.get(reverse("sla:performance")).content.decode()
    figures = headline(seller, now)
    score, on_time, median, _not_answered, waiting = tiles(html)
    assert (score, on_time, median) == ("90/100", "90%", "2.0\xa0h")
    assert figures.stats.days == 30
    rate_written, rates = chart_figures(html, "chart-on-time")
    median_written, medians = chart_figures(html, "chart-answer-times")
    assert rate_written == rates[-1][1] == on_time
    assert median_written == medians[-1][1] == median
    assert len(rates) == len(medians) == 12
    _, due = chart_figures(html, "chart-time-left")
    assert due[0][0] == "overdue"
    assert sum(int(count) for _, count in due) == int(waiting) == 2
    assert "2 messages are waiting for you" in html


def test_the_charts_latest_point_is_the_tiles_figures_and_earlier_ones_the_same_sum(
    seller_team, settings
):
    settings.SLA_MIN_SAMPLE = 5
    seller, agent = seller_team
    history(seller, agent, on_time=12, late=3)
    now = MONDAY + timedelta(days=27)
    board = dashboard(seller, now)
    assert board.trend[-1].stats is board.headline.stats
    assert board.trend[-1].until == now
    assert [p.until for p in board.trend] == [now - timedelta(weeks=k) for k in range(11, -1, -1)]
    for point in board.trend:  # every clock is closed: judged now or then, the same
        assert point.stats == seller_stats(seller, days=30, now=point.until)[None]
    assert period_stats(seller, days=30, ends=[now], now=now) == [
        seller_stats(seller, days=30, now=now)[None]
    ]
    assert board.trend[0].stats.judged == 0
    assert board.trend[-1].stats.judged == 15


def test_a_rate_without_enough_judged_answers_is_a_dash_on_the_tile_and_the_chart(
    seller_team, client, settings
):
    settings.SLA_MIN_SAMPLE = 20
    seller, agent = seller_team
    history(seller, agent, on_time=5, late=0)
    client.force_login(agent)
    with time_machine.travel(MONDAY + timedelta(days=10), tick=False):
        html = client.get(reverse("sla:performance")).content.decode()
    assert tiles(html)[1] == "—"
    written, rates = chart_figures(html, "chart-on-time")
    assert written == ""
    assert {value for _, value in rates} == {"—"}
    assert "Shown once enough answers were judged." in html
