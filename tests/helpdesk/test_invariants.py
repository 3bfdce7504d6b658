"""The record's invariants (helpdesk.invariants, `manage.py check_invariants`): they hold on
a conversation that went through every service, and each breaks, naming what broke, when a
row is changed behind the services' back."""

import json
import uuid
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction
from django.utils import timezone

from helpdesk.invariants import (
    Acknowledged,
    acknowledged_check,
    chain_check,
    clock_check,
    invariants_check,
    notice_check,
    thread_activity_check,
    thread_clock_check,
    thread_status_check,
)
from helpdesk.models import Message, MessageReview, ReplyState, Role, Thread
from helpdesk.services import (
    message_post,
    note_post,
    review_decide,
    status_update_post,
    thread_assign,
    thread_close,
    thread_open,
    thread_reopen,
)
from outbox.models import Notification
from sla.models import ResponseClock
from sla.sweep import sla_sweep

pytestmark = pytest.mark.django_db

PHONE = "Call me on +33 6 12 34 56 78."
LATER = timedelta(days=30)  # when the sweep runs: every open clock is past its deadline


def conversation(world) -> list[Acknowledged]:
    """world.thread through every kind of entry: a held seller reply approved later, a
    buyer's masked reply, a status update, a note, an assignment, the buyer's closing and
    reopening; a new request; then a sweep a month later. Returns what was acknowledged."""
    buyer, agent, thread = world.buyer, world.seller_agent, world.thread
    posts = []

    def post(kind, author, body, **kwargs):
        key = uuid.uuid4()
        if kind == "status_update":
            message = status_update_post(
                order=thread.order, author=author, update=body, thread=thread, idempotency_key=key
            )
            text = body["type"]
        else:
            role = Role.BUYER if author == buyer else Role.SELLER
            message = message_post(
                thread=thread, author=author, role=role, body=body, idempotency_key=key
            )
            text = body
        posts.append(Acknowledged(kind, author.email, key, thread.pk, text))
        return message

    held = post("reply", agent, f"Hello. {PHONE}")
    review_decide(
        review=held.review, decision=MessageReview.State.APPROVED, by=world.platform_admin
    )
    post("reply", buyer, f"Thanks. {PHONE}")  # masked for the seller
    post("status_update", agent, {"type": "return_received"})
    note_post(thread=thread, author=agent, body="Check the stock")
    thread_assign(thread=thread, by=agent, assignee=agent)
    thread_close(thread=thread, by=buyer, role=Role.BUYER)
    thread_reopen(thread=thread, by=buyer, role=Role.BUYER)
    key = uuid.uuid4()
    opened = thread_open(
        order=world.order, buyer=buyer, topic="invoice", body="Invoice, please", open_key=key
    )
    posts.append(Acknowledged("open", buyer.email, key, opened.pk, "Invoice, please"))
    sla_sweep(now=timezone.now() + LATER)
    return posts


def violations(check) -> list[str]:
    assert not check.holds
    return check.examples


def test_every_invariant_holds_on_a_conversation_through_every_service(world):
    posts = conversation(world)
    checks = invariants_check(acknowledged=posts, swept_at=timezone.now() + LATER)
    assert [(c.name, c.violations) for c in checks if not c.holds] == []
    by_name = {c.name: c for c in checks}
    assert by_name["acknowledged posts exist exactly once, as sent"].checked == 4
    assert by_name["threads' activity fields agree with their messages"].checked == 3
    assert by_name["clocks agree with their threads and messages"].checked >= 4
    assert by_name["clocks' warnings and breaches are told exactly once"].figures["breached"] >= 2
    assert by_name["hash chains verify"].figures["messages"] == Message.objects.count()


def test_a_post_acknowledged_but_missing_or_different_is_named(world):
    posts = conversation(world)
    missing = Acknowledged("reply", world.buyer.email, uuid.uuid4(), world.thread.pk, "Lost?")
    different = Acknowledged(
        "reply", posts[1].author, posts[1].key, posts[1].thread_id, "Not what was stored"
    )
    assert violations(acknowledged_check([*posts, missing, different])) == [
        f"reply {missing.key} by {world.buyer.email}: found 0 messages with its key in thread "
        f"{world.thread.pk}",
        f"reply {posts[1].key} by {posts[1].author}: its text is not the text sent",
    ]


def test_a_thread_whose_activity_went_astray_is_named(world):
    conversation(world)
    Thread.objects.filter(pk=world.thread.pk).update(
        last_activity_at=timezone.now() - timedelta(days=1), seller_activity_at=None
    )
    (named,) = violations(thread_activity_check())
    assert named.startswith(f"thread {world.thread.pk}: last activity ")
    assert "; seller activity none, its messages say " in named


def test_a_thread_closed_or_waiting_without_its_events_and_clocks_is_named(world):
    conversation(world)
    Thread.objects.filter(pk=world.other_thread.pk).update(
        status=Thread.Status.CLOSED,
        closed_at=timezone.now(),
        reply_state=ReplyState.ANSWERED,
        awaiting_reply_since=None,
        due_at=None,
    )
    (status,) = violations(thread_status_check())
    assert status.startswith(f"thread {world.other_thread.pk}: status closed, its events say open")
    (waiting,) = violations(thread_clock_check())
    assert waiting.startswith(f"thread {world.other_thread.pk}: awaiting a reply since never")
    assert waiting.endswith("reply state answered, its clocks say awaiting")


def test_a_clock_closed_behind_its_threads_back_is_named(world):
    conversation(world)
    clock = ResponseClock.objects.get(thread=world.other_thread)
    ResponseClock.objects.filter(pk=clock.pk).update(
        closed_at=timezone.now(), outcome=ResponseClock.Outcome.ANSWERED
    )
    assert violations(thread_clock_check()) == [
        f"thread {world.other_thread.pk}: awaiting a reply since "
        f"{_sql_time(clock.opened_at)}, its clock says never; due at {_sql_time(clock.due_at)}, "
        "its clock says none; reply state awaiting, its clocks say answered"
    ]
    assert violations(clock_check()) == [
        f"clock {clock.pk}: answered, but not by a seller's reply of its thread; "
        "answered before it opened, or with no response time"
    ]


def test_a_breach_nobody_was_told_of_and_a_sweep_left_unfinished_are_named(world):
    conversation(world)
    clock = ResponseClock.objects.get(thread=world.other_thread)
    Notification.objects.filter(clock=clock).delete()
    opened = ResponseClock.objects.filter(thread=world.thread, closed_at__isnull=True)
    opened.update(breached_at=None)
    reopened = opened.get()
    assert violations(notice_check(swept_at=timezone.now() + LATER)) == [
        f"clock {clock.pk}: breached at {_sql_time(clock.breached_at)}, nobody told",
        f"clock {reopened.pk}: 1 breach notices, never breached; due at "
        f"{_sql_time(reopened.due_at)}, not breached by the sweep",
    ]


def test_the_command_prints_what_it_checked_and_fails_on_a_violation(world, tmp_path, capsys):
    posts = conversation(world)
    acknowledged = tmp_path / "load.json"
    acknowledged.write_text(
        json.dumps(
            {
                "posts": [
                    {
                        "kind": p.kind,
                        "author": p.author,
                        "key": str(p.key),
                        "thread": p.thread_id,
                        "text": p.text,
                    }
                    for p in posts
                ]
            }
        )
    )
    swept_at = (timezone.now() + LATER).isoformat()
    call_command("check_invariants", f"--acknowledged={acknowledged}", f"--swept-at={swept_at}")
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        "acknowledged posts exist exactly once, as sent: 4 posts, 1 new requests, 2 replies, "
        "1 status updates: holds"
    )
    assert out[-1] == "All 7 invariants hold."
    Thread.objects.filter(pk=world.thread.pk).update(reply_state=ReplyState.IN_REVIEW)
    with pytest.raises(CommandError, match="1 of 7 invariants violated"):
        call_command("check_invariants", f"--acknowledged={acknowledged}")
    assert f"  thread {world.thread.pk}: reply state in_review, its clocks say awaiting" in (
        capsys.readouterr().out.splitlines()
    )


def _sql_time(moment) -> str:
    """A time as PostgreSQL writes it in text (UTC, the connection's zone)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::timestamptz::text", [moment])
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True, databases=["default", "owner", "superuser"])
def test_messages_changed_or_removed_by_the_superuser_are_named(world):
    """History is append-only for the application; the cluster's superuser can switch that
    off. A changed message breaks its chain and its acknowledgment; the thread's last one
    removed leaves the chain intact, but its acknowledgment and the thread's activity name
    it."""
    buyer, agent, thread = world.buyer, world.seller_agent, world.thread
    posts = []
    for author, role, body in (
        (agent, Role.SELLER, "We are on it."),
        (buyer, Role.BUYER, "Thank you."),
        (buyer, Role.BUYER, "One more thing."),  # the clock runs already: nothing refers to it
    ):
        key = uuid.uuid4()
        message_post(thread=thread, author=author, role=role, body=body, idempotency_key=key)
        posts.append(Acknowledged("reply", author.email, key, thread.pk, body))
    changed = Message.objects.get(idempotency_key=posts[0].key)
    removed = Message.objects.get(idempotency_key=posts[2].key)
    Notification.objects.filter(message=removed).delete()  # notifications are not history
    with transaction.atomic(using="superuser"), connections["superuser"].cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("UPDATE helpdesk_message SET body = 'Later' WHERE id = %s", [changed.pk])
        cursor.execute("DELETE FROM helpdesk_message WHERE id = %s", [removed.pk])
    assert violations(acknowledged_check(posts)) == [
        f"reply {posts[0].key} by {agent.email}: its text is not the text sent",
        f"reply {posts[2].key} by {buyer.email}: found 0 messages with its key in thread "
        f"{thread.pk}",
    ]
    assert violations(chain_check()) == [f"thread {thread.pk}: broken at message {changed.pk}"]
    (activity,) = violations(thread_activity_check())
    assert activity.startswith(f"thread {thread.pk}: last activity ")
