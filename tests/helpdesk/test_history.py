"""Tamper evidence (helpdesk.history): every message is chained to the previous one of its
thread; `verify_history` names the first broken link."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from helpdesk.history import GENESIS, history_verify
from helpdesk.models import HistoryCheck, Message, Role
from helpdesk.services import message_post, note_post
from tests.factories import png_upload

pytestmark = pytest.mark.django_db


def tamper(sql, *params):
    """What someone who can switch the append-only trigger off (the database's superuser or
    the tables' owner) could do."""
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # no pending checks: ALTER may run
        cursor.execute("ALTER TABLE helpdesk_message DISABLE TRIGGER helpdesk_message_append_only")
        cursor.execute(sql, params)
        cursor.execute("ALTER TABLE helpdesk_message ENABLE TRIGGER helpdesk_message_append_only")


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


def test_a_changed_message_is_named_exactly(world, capsys):
    """Done when (issue 12): the protection disabled as the database superuser, one message
    changed with raw SQL, verify_history reports exactly that thread and message."""
    messages = conversation(world)
    changed = messages[2]  # the buyer's message with the photo
    tamper("UPDATE helpdesk_message SET body = %s WHERE id = %s", "Nothing attached", changed.pk)
    with pytest.raises(CommandError, match="1 broken chain"):
        call_command("verify_history")
    out = capsys.readouterr().out
    assert f"Thread {world.thread.pk}: broken at message {changed.pk}" in out
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
def test_any_part_of_a_message_is_covered(world, change):
    changed = conversation(world)[2]
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE helpdesk_attachment DISABLE TRIGGER USER")
    tamper(change, changed.pk)
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE helpdesk_attachment ENABLE TRIGGER USER")
    assert history_verify().broken == [{"thread": world.thread.pk, "message": changed.pk}]


def test_a_removed_message_breaks_the_link_after_it(world):
    conversation(world)
    note = note_post(thread=world.thread, author=world.seller_agent, body="Check the stock")
    following = message_post(
        thread=world.thread, author=world.buyer, role=Role.BUYER, body="Any news?"
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM outbox_notification WHERE message_id = %s", [note.pk])
    tamper("DELETE FROM helpdesk_message WHERE id = %s", note.pk)
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
