"""Issue 15: a seller's team records absences with a stand-in. While one runs, new requests go
to the stand-in, the team's pages name the stand-in beside the absent assignee, the buyer
reads who answers; the deadline does not move."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.forms import AbsenceForm
from accounts.models import SellerAbsence, SellerMember
from accounts.services import AbsenceError, absence_record
from helpdesk.absences import (
    current_and_upcoming,
    new_request_assignee,
    running_absences,
    seller_today,
)
from helpdesk.services import thread_assign, thread_open
from helpdesk.transcripts import event_text
from sla.calendar import response_deadline
from tests.factories import SellerFactory, SellerMemberFactory, UserFactory, make_order

pytestmark = pytest.mark.django_db

# Wednesday 2 December 2026, 11:00 in Paris.
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)
TODAY = date(2026, 12, 2)


@pytest.fixture
def seller(world):
    return world.order.seller


@pytest.fixture
def anna(seller):
    return SellerMemberFactory(seller=seller, user__name="Anna Nowak").user


def record(seller, absent, stand_in, first_day=TODAY, last_day=date(2026, 12, 12), by=None):
    return absence_record(
        seller=seller,
        absent=absent,
        first_day=first_day,
        last_day=last_day,
        stand_in=stand_in,
        by=by or absent,
    )


def open_request(world, seller, *, at=NOW, buyer=None):
    buyer = buyer or UserFactory()
    order = make_order(buyer=buyer, seller=seller)
    return thread_open(order=order, buyer=buyer, topic="delivery", body="Where is it?", at=at)


def form_for(seller, user, data, *, owner=True, today=TODAY):
    return AbsenceForm(data, seller=seller, user=user, for_anyone=owner, today=today)


# The rule: running on the seller's market days -------------------------------------------


def test_an_absence_runs_from_its_first_to_its_last_day_included(world, seller, anna):
    absence = record(seller, world.seller_agent, anna)
    days = {
        datetime(2026, 12, 1, 22, 59, tzinfo=UTC): False,  # 23:59 on 1 December in Paris
        datetime(2026, 12, 1, 23, 0, tzinfo=UTC): True,  # midnight in Paris
        datetime(2026, 12, 12, 22, 59, tzinfo=UTC): True,
        datetime(2026, 12, 12, 23, 0, tzinfo=UTC): False,
    }
    for now, running in days.items():
        assert list(running_absences([seller], now=now)) == ([absence] if running else []), now


def test_days_are_the_sellers_market_days_not_the_servers(world, anna):
    """A Romanian seller's day starts an hour before a French one's."""
    romanian = SellerFactory(country="RO")
    french = SellerFactory(country="FR")
    for shop in (romanian, french):
        SellerMember.objects.create(seller=shop, user=world.seller_agent)
        SellerMember.objects.create(seller=shop, user=anna)
        record(shop, world.seller_agent, anna, first_day=TODAY, last_day=TODAY)
    # 22:30 UTC on 1 December: already 2 December in Bucharest, still 1 December in Paris.
    now = datetime(2026, 12, 1, 22, 30, tzinfo=UTC)
    assert seller_today(romanian, now) == TODAY
    running = running_absences([romanian, french], now=now)
    assert {absence.seller for absence in running} == {romanian}


def test_ended_absences_are_neither_running_nor_listed(world, seller, anna):
    record(
        seller, world.seller_agent, anna, first_day=date(2026, 11, 20), last_day=date(2026, 12, 1)
    )
    coming = record(
        seller, anna, world.seller_agent, first_day=date(2026, 12, 20), last_day=date(2026, 12, 24)
    )
    assert not running_absences([seller], now=NOW).exists()
    assert list(current_and_upcoming([seller], now=NOW)) == [coming, world.absence]


# Recording: the form, the service, the database ---------------------------------------------


def test_the_form_accepts_an_absence_to_come(world, seller, anna):
    form = form_for(
        seller,
        world.seller_owner,
        {
            "absent": world.seller_agent.pk,
            "first_day": "2026-12-02",
            "last_day": "2026-12-04",
            "stand_in": anna.pk,
        },
    )
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("change", "field", "error"),
    [
        ({"first_day": "2026-12-01"}, "first_day", "The first day is in the past."),
        ({"last_day": "2026-12-01"}, "last_day", "The last day cannot come before the first day."),
        ({"stand_in": "agent"}, "stand_in", "Someone else must stand in."),
        ({"stand_in": "stranger"}, "stand_in", "Select a valid choice."),
        ({"absent": "stranger"}, "absent", "Select a valid choice."),
    ],
)
def test_the_form_refuses_what_a_team_would_not_mean(world, seller, anna, change, field, error):
    people = {"agent": world.seller_agent.pk, "stranger": world.other_seller_agent.pk}
    data = {
        "absent": world.seller_agent.pk,
        "first_day": "2026-12-02",
        "last_day": "2026-12-04",
        "stand_in": anna.pk,
    }
    data.update({key: people.get(value, value) for key, value in change.items()})
    form = form_for(seller, world.seller_owner, data)
    assert not form.is_valid()
    assert any(message.startswith(error) for message in form.errors[field])


def test_the_form_refuses_an_overlap_and_a_stand_in_who_is_away_too(world, seller, anna):
    record(
        seller, world.seller_agent, anna, first_day=date(2026, 12, 10), last_day=date(2026, 12, 12)
    )
    data = {
        "absent": world.seller_agent.pk,
        "first_day": "2026-12-12",
        "last_day": "2026-12-14",
        "stand_in": anna.pk,
    }
    form = form_for(seller, world.seller_owner, data)
    assert not form.is_valid()
    assert form.errors["first_day"] == [
        f"{world.seller_agent.name} is already away on some of these days."
    ]
    # Anna's own absence, with the agent away as her stand-in on 12 December: refused too.
    data = {
        "absent": anna.pk,
        "first_day": "2026-12-12",
        "last_day": "2026-12-14",
        "stand_in": world.seller_agent.pk,
    }
    form = form_for(seller, world.seller_owner, data)
    assert not form.is_valid()
    assert form.errors["stand_in"] == [
        f"{world.seller_agent.name} is away on some of these days too."
    ]


def test_an_agent_records_only_his_own_absence(world, seller, anna):
    data = {
        "absent": world.seller_owner.pk,
        "first_day": "2026-12-02",
        "last_day": "2026-12-04",
        "stand_in": anna.pk,
    }
    form = form_for(seller, world.seller_agent, data, owner=False)
    assert not form.is_valid()
    assert "absent" in form.errors
    form = form_for(
        seller, world.seller_agent, {**data, "absent": world.seller_agent.pk}, owner=False
    )
    assert form.is_valid(), form.errors


def test_the_service_refuses_an_outsider_and_an_overlap(world, seller, anna):
    with pytest.raises(AbsenceError):
        record(seller, world.seller_agent, world.other_seller_agent)
    record(
        seller, world.seller_agent, anna, first_day=date(2026, 12, 10), last_day=date(2026, 12, 12)
    )
    with pytest.raises(AbsenceError, match="already away"):
        record(
            seller,
            world.seller_agent,
            anna,
            first_day=date(2026, 12, 1),
            last_day=date(2026, 12, 10),
        )


@pytest.mark.parametrize("broken", ["last_before_first", "standing_in_for_oneself"])
def test_the_database_refuses_a_reversed_absence_and_a_self_stand_in(world, seller, anna, broken):
    fields = {
        "seller": seller,
        "absent": world.seller_agent,
        "first_day": TODAY,
        "last_day": TODAY,
        "stand_in": anna,
    }
    if broken == "last_before_first":
        fields["last_day"] = TODAY - timedelta(days=1)
    else:
        fields["stand_in"] = world.seller_agent
    with pytest.raises(IntegrityError), transaction.atomic():
        SellerAbsence.objects.create(**fields)


# New requests ------------------------------------------------------------------------------


def test_new_requests_go_to_the_stand_in_while_the_absence_runs(world, seller, anna):
    record(
        seller, world.seller_agent, anna, first_day=date(2026, 12, 3), last_day=date(2026, 12, 4)
    )
    before = open_request(world, seller, at=NOW)
    during = open_request(world, seller, at=NOW + timedelta(days=1))
    after = open_request(world, seller, at=NOW + timedelta(days=3))
    assert (before.assignee, during.assignee, after.assignee) == (None, anna, None)


def test_with_several_absences_the_earliest_recorded_stand_in_gets_new_requests(
    world, seller, anna
):
    """…unless that stand-in is away too, or has left the team."""
    bea = SellerMemberFactory(seller=seller, user__name="Bea Brun").user
    record(seller, world.seller_owner, anna)
    record(seller, world.seller_agent, bea)
    assert new_request_assignee(seller, now=NOW) == anna
    record(seller, anna, world.seller_owner)  # Anna is away too: Bea
    assert new_request_assignee(seller, now=NOW) == bea
    SellerMember.objects.filter(user=bea).delete()  # Bea left the team: nobody
    assert new_request_assignee(seller, now=NOW) is None


def test_another_sellers_absence_changes_nothing(world, seller, anna):
    record(seller, world.seller_agent, anna)
    other_seller = world.other_order.seller
    assert open_request(world, other_seller).assignee is None


def test_a_request_opened_during_an_absence_is_due_exactly_when_it_would_be_without(
    world, seller, anna
):
    """The rule does not pause for holidays of the seller's staff (PRODUCT.md, rule 4)."""
    at = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)  # a Friday afternoon: the weekend stops the clock
    without = open_request(world, seller, at=at)
    absence = record(
        seller, world.seller_agent, anna, first_day=date(2026, 12, 3), last_day=date(2026, 12, 11)
    )
    during = open_request(world, seller, at=at)
    assert during.assignee == anna
    assert without.assignee is None
    assert during.due_at == without.due_at == response_deadline(at, "FR")
    assert absence.last_day > during.due_at.date()  # the absence spans the whole wait


# Pages -------------------------------------------------------------------------------------


def test_the_inbox_links_to_the_absences_page(world, client):
    client.force_login(world.seller_agent)
    html = client.get(reverse("helpdesk:inbox")).content.decode()
    assert f'href="{reverse("helpdesk:absences")}"' in html


def test_the_owner_records_an_absence_and_the_whole_team_sees_it(world, seller, anna, client):
    client.force_login(world.seller_owner)
    first = seller_today(seller) + timedelta(days=7)
    response = client.post(
        reverse("helpdesk:absences"),
        {
            "absent": world.seller_agent.pk,
            "first_day": first.isoformat(),
            "last_day": (first + timedelta(days=2)).isoformat(),
            "stand_in": anna.pk,
        },
        follow=True,
    )
    absence = SellerAbsence.objects.get(absent=world.seller_agent)
    assert (absence.absent, absence.stand_in, absence.created_by) == (
        world.seller_agent,
        anna,
        world.seller_owner,
    )
    assert "Absence recorded:" in response.content.decode()
    client.force_login(world.seller_agent)
    html = client.get(reverse("helpdesk:absences")).content.decode()
    assert f'id="absence-{absence.pk}"' in html
    assert "Anna Nowak" in html
    assert "Away now" not in html


def test_an_agent_cancels_his_own_absence_but_not_a_colleagues(world, seller, anna, client):
    today = seller_today(seller)
    own = record(seller, world.seller_agent, anna, first_day=today, last_day=today)
    owners = record(seller, world.seller_owner, anna, first_day=today, last_day=today)
    client.force_login(world.seller_agent)
    html = client.get(reverse("helpdesk:absences")).content.decode()
    assert reverse("helpdesk:absence_cancel", args=[own.pk]) in html
    assert reverse("helpdesk:absence_cancel", args=[owners.pk]) not in html
    assert "Away now" in html
    url = reverse("helpdesk:absence_cancel", args=[owners.pk])
    assert client.post(url, {"confirmed": "on"}).status_code == 403
    client.post(reverse("helpdesk:absence_cancel", args=[own.pk]), {"confirmed": "on"})
    assert not SellerAbsence.objects.filter(pk=own.pk).exists()
    assert SellerAbsence.objects.filter(pk=owners.pk).exists()


def test_cancelling_asks_once_then_cancels(world, seller, anna, client):
    absence = record(seller, world.seller_agent, anna, first_day=seller_today(seller))
    url = reverse("helpdesk:absence_cancel", args=[absence.pk])
    client.force_login(world.seller_owner)
    asked = client.post(url)
    assert asked.status_code == 200
    assert 'id="confirm-cancel"' in asked.content.decode()
    assert SellerAbsence.objects.filter(pk=absence.pk).exists()
    done = client.post(url, {"confirmed": "on"}, follow=True)
    assert not SellerAbsence.objects.filter(pk=absence.pk).exists()
    assert "Absence cancelled:" in done.content.decode()


def test_an_ended_absence_cannot_be_cancelled(world, seller, anna, client):
    yesterday = seller_today(seller) - timedelta(days=1)
    ended = record(seller, world.seller_agent, anna, first_day=yesterday, last_day=yesterday)
    client.force_login(world.seller_owner)
    url = reverse("helpdesk:absence_cancel", args=[ended.pk])
    assert client.post(url, {"confirmed": "on"}).status_code == 404


def test_pages_name_the_stand_in_beside_the_absent_assignee(world, seller, anna, client):
    thread_assign(thread=world.thread, by=world.seller_owner, assignee=world.seller_agent)
    today = seller_today(seller)
    record(seller, world.seller_agent, anna, first_day=today, last_day=date(2099, 12, 12))
    client.force_login(world.seller_owner)
    inbox = client.get(reverse("helpdesk:inbox"), {"view": "all"}).content.decode()
    thread_page = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    for html in (inbox, thread_page):
        assert "stand-in: Anna Nowak" in html


def test_the_buyer_reads_who_answers_by_first_name_only(world, seller, anna, client):
    thread_assign(thread=world.thread, by=world.seller_owner, assignee=world.seller_agent)
    today = seller_today(seller)
    client.force_login(world.buyer)
    url = reverse("helpdesk:thread", args=[world.thread.pk])
    assert "answers for" not in client.get(url).content.decode()
    record(seller, world.seller_agent, anna, first_day=today, last_day=date(2099, 12, 12))
    html = client.get(url).content.decode()
    assert "Anna answers for Maison Test until 12 December 2099" in html
    assert "Nowak" not in html
    assert anna.email not in html


def test_the_buyer_of_a_request_given_to_the_stand_in_reads_who_answers(
    world, seller, anna, client
):
    today = seller_today(seller)
    record(seller, world.seller_agent, anna, first_day=today, last_day=date(2099, 12, 12))
    thread = open_request(world, seller, at=None, buyer=world.buyer)
    assert thread.assignee == anna
    client.force_login(world.buyer)
    html = client.get(reverse("helpdesk:thread", args=[thread.pk])).content.decode()
    assert "Anna answers for Maison Test until 12 December 2099" in html


def test_the_team_reads_why_a_new_request_went_to_the_stand_in(world, seller, anna, client):
    """The automatic assignment is on the record for the team and the platform; the buyer
    reads who answers, not the team's arrangements."""
    today = seller_today(seller)
    record(seller, world.seller_agent, anna, first_day=today, last_day=date(2099, 12, 12))
    thread = open_request(world, seller, at=None, buyer=world.buyer)
    event = thread.messages.get(kind="event")
    assert (event.author_id, event.author_role) == (None, "system")
    assert event.data["absent_name"] == world.seller_agent.name
    assert event_text(event.data, event.author_role) == (
        f"Gave the new request to Anna Nowak, who stands in for {world.seller_agent.name}."
    )
    said = f"New request given to Anna Nowak, who stands in for {world.seller_agent.name}."
    url = reverse("helpdesk:thread", args=[thread.pk])
    client.force_login(world.seller_owner)
    assert said in client.get(url).content.decode()
    client.force_login(world.buyer)
    assert world.seller_agent.name not in client.get(url).content.decode()
    # the seller's answer is still owed: the event is no reply
    thread.refresh_from_db()
    assert thread.seller_activity_at is None


def test_a_request_nobody_stands_in_for_has_no_assignment_event(world, seller):
    assert not open_request(world, seller).messages.filter(kind="event").exists()


def test_the_inbox_looks_absences_up_once_whatever_the_number_of_threads(
    world, seller, anna, client
):
    record(
        seller, world.seller_agent, anna, first_day=seller_today(seller), last_day=date(2099, 1, 1)
    )
    client.force_login(world.seller_owner)

    def count_queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("helpdesk:inbox"), {"view": "all"})
        assert "stand-in: Anna Nowak" in response.content.decode()
        return len(captured.captured_queries)

    thread_assign(thread=world.thread, by=world.seller_owner, assignee=world.seller_agent)
    before = count_queries()
    for _ in range(5):
        thread = open_request(world, seller, at=None)
        thread_assign(thread=thread, by=world.seller_owner, assignee=world.seller_agent)
    assert count_queries() == before
