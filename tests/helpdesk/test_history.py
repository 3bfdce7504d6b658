"""Tamper evidence (helpdesk.history): every message is chained to the previous one of its
thread; `verify_history` names the first broken link.

The application's role cannot switch the append-only triggers off (tests/test_database_roles.py);
the database's superuser and the tables' owner can. The tests that tamper do it as them, on
their own connections, so the history they change is committed first (transactional tests)."""

import pytest
from django.core.management import execute_from_command_line
from django.db import connection, connections, transaction
from django.urls import reverse

from helpdesk.history import GENESIS, history_verify
from helpdesk.models import HistoryCheck, Message, Role
from helpdesk.services import message_post, note_post
from tests.factories import png_upload

pytestmark = pytest.mark.django_db
# Committed history, and the connections of those who could change it.
tampered = pytest.mark.django_db(transaction=True, databases=["default", "owner", "superuser"])


def tamper_as_superuser(sql, *params):
    """What the database's superuser could do: switch every trigger off for its own session
    (nothing in the schema changes) and rewrite history with raw SQL."""
    with transaction.atomic(using="superuser"), connections["superuser"].cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def tamper_as_owner(sql, *params):
    """What the tables' owner could do: disable the append-only triggers, rewrite history
    with raw SQL, enable them again."""
    tables = ("helpdesk_message", "helpdesk_attachment")
    with transaction.atomic(using="owner"), connections["owner"].cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks: ALTER may run
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        for table in tables:
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def verify_history_command(capsys) -> tuple[int, str, str]:
    """`manage.py verify_history` as manage.py runs it (its argv, its exit status, its
    output), connected as the application's role: (exit status, stdout, stderr). In this
    process: a process of its own costs seconds for nothing more."""
    capsys.readouterr()
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "verify_history"])
    out, err = capsys.readouterr()
    return exited.value.code, out, err


def conversation(world):
    message_post(thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="Hello")
    message_post(
        thread=world.thread,
        author=world.buyer,
        role=Role.BUYER,
        body="Here is the photo",
        uploads=[png_upload()],
    )
    message_post(thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="Thanks")
    return list(Message.objects.filter(thread=world.thread).order_by("id"))


def test_each_message_is_chained_to_the_previous_one_of_its_thread(world):
    messages = conversation(world)
    hashes = [m.chain_hash for m in messages]
    assert all(len(h) == 64 for h in hashes)
    assert len(set(hashes)) == len(hashes)
    assert GENESIS not in hashes
    check = history_verify()
    assert check.intact
    assert check.messages == Message.objects.count()
    assert check.threads == Message.objects.values("thread").distinct().count()


@tampered
def test_a_message_the_superuser_changed_is_named_exactly(world, capsys):
    """Done when (issue 12): the protection disabled as the database superuser, one message
    changed with raw SQL, verify_history reports exactly that thread and message."""
    messages = conversation(world)
    changed = messages[2]  # the buyer's message with the photo
    tamper_as_superuser(
        "UPDATE helpdesk_message SET body = %s WHERE id = %s", "Nothing attached", changed.pk
    )
    status, out, err = verify_history_command(capsys)
    assert status == 1, err
    checked, *broken = out.splitlines()
    assert checked.startswith(f"2 threads, {Message.objects.count()} messages checked")
    assert broken == [
        f"Thread {world.thread.pk}: broken at message {changed.pk} "
        "(changed, removed or inserted after it was written)."
    ]
    assert err == "CommandError: 1 broken chain(s).\n"
    assert HistoryCheck.objects.get().broken == [{"thread": world.thread.pk, "message": changed.pk}]


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE helpdesk_message SET created_at = created_at + interval '1 hour' WHERE id = %s",
        "UPDATE helpdesk_message SET author_role = 'platform' WHERE id = %s",
        "UPDATE helpdesk_message SET author_name = 'Someone else' WHERE id = %s",
        "UPDATE helpdesk_attachment SET sha256 = repeat('0', 64) WHERE message_id = %s",
    ],
)
@tampered
def test_any_part_of_a_message_is_covered(world, change):
    changed = conversation(world)[2]
    tamper_as_owner(change, changed.pk)
    assert history_verify().broken == [{"thread": world.thread.pk, "message": changed.pk}]


@tampered
def test_a_removed_message_breaks_the_link_after_it(world):
    conversation(world)
    note = note_post(thread=world.thread, author=world.seller_agent, body="Check the stock")
    following = message_post(
        thread=world.thread, author=world.buyer, role=Role.BUYER, body="Any news?"
    )
    with connection.cursor() as cursor:  # notifications are not history
        cursor.execute("DELETE FROM outbox_notification WHERE message_id = %s", [note.pk])
    tamper_as_owner("DELETE FROM helpdesk_message WHERE id = %s", note.pk)
    assert history_verify().broken == [{"thread": world.thread.pk, "message": following.pk}]


def test_the_administrator_sees_the_latest_check(world, admin_client):
    conversation(world)
    history_verify()
    response = admin_client.get(reverse("admin:helpdesk_historycheck_changelist"))
    assert "Every chain holds" in response.content.decode()


def test_renaming_a_user_keeps_the_name_they_wrote_under(world, client):
    message_post(
        thread=world.thread, author=world.seller_agent, role=Role.SELLER, body="I am on it"
    )
    old_name = world.seller_agent.name
    world.seller_agent.name = "Renamed Later"
    world.seller_agent.save()
    client.force_login(world.seller_owner)
    html = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    timeline = html[html.index('<ol class="timeline') : html.index("</ol>")]
    assert old_name in timeline
    assert "Renamed Later" not in timeline
    assert history_verify().intact
