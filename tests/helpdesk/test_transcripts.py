"""Transcripts (issue 12): a thread, or every thread of an order, as PDF for people and as
JSON for systems; the JSON verifies against the hash chain; every export is logged with the
checksum of the file delivered."""

import hashlib
import json
import shutil
import subprocess
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation

from audit.models import StaffAccess
from helpdesk import services
from helpdesk.history import entry_digest
from helpdesk.models import Message, MessageReview, Role
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
from helpdesk.transcripts import (
    order_transcript,
    printable,
    thread_transcript,
    transcript_data,
    transcript_json,
    transcript_pdf,
    transcript_verify,
    zone_statement,
)
from helpdesk.uploads import Upload
from tests.factories import SellerMemberFactory, UserFactory, make_order, png_bytes

pytestmark = pytest.mark.django_db

WINTER = datetime(2026, 1, 12, 8, 30, tzinfo=UTC)  # a Monday; Warsaw is on CET (UTC+01:00)
LONG_WORD = "Numer_referencyjny_" + "X" * 160
PHOTO = 'zdjęcie <b>łódź</b> & "{nb}".png'


def pdf_text(content: bytes, tmp_path) -> str:
    """The PDF's text as poppler reads it, whitespace collapsed (lines wrap anywhere)."""
    assert shutil.which("pdftotext"), "pdftotext is missing: scripts/test.sh installs it"
    path = tmp_path / "transcript.pdf"
    path.write_bytes(content)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return " ".join(out.stdout.decode().split())


def pages_as_png(content: bytes, tmp_path) -> list:
    """Every page as a PNG image (for a person to look at: the test prints where)."""
    assert shutil.which("pdftoppm"), "pdftoppm is missing: scripts/test.sh installs it"
    path = tmp_path / "transcript.pdf"
    path.write_bytes(content)
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(path), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page-*.png"))


@pytest.fixture
def console(world):
    """The platform's administrator in the console."""
    client = Client()
    client.force_login(world.platform_admin)
    return client


@pytest.fixture
def polish(world):
    """A Polish request with every kind of entry: a photo, a masked message, a rejected
    reply, an internal note, a status update, events (one of a kind the transcripts do not
    know), a word too long for a line."""
    with time_machine.travel(WINTER, tick=True):
        buyer = UserFactory(email="lucja@example.com", name="Łucja Żółkiewska-Őrs")
        seller = world.order.seller
        agent = world.seller_agent
        order = make_order(buyer=buyer, seller=seller, market_code="PL", shipped=True)
        thread = thread_open(
            order=order,
            buyer=buyer,
            topic="return",
            body="Lampa dotarła pęknięta. Zażółć gęślą jaźń; čaj, șir, țară.",
            uploads=[Upload(name=PHOTO, content_type="image/png", content=png_bytes())],
        )
        message_post(thread=thread, author=agent, role=Role.SELLER, body="Proszę o zdjęcie.")
        held = message_post(
            thread=thread, author=agent, role=Role.SELLER, body="Proszę dzwonić: 600 700 800."
        )
        review_decide(
            review=held.review,
            decision=MessageReview.State.REJECTED,
            by=world.platform_admin,
            reason="Numer telefonu poza platformą.",
        )
        message_post(
            thread=thread,
            author=buyer,
            role=Role.BUYER,
            body="Proszę pisać na lucja.zolkiewska@gmail.com " + LONG_WORD + " 👍",
        )
        note_post(thread=thread, author=agent, body="Klientka ma rację, wymienić lampę.")
        status_update_post(
            order=order,
            author=agent,
            thread=thread,
            update={
                "type": "shipped",
                "carrier": "inpost",
                "tracking_number": "PL-TRACK-4711",
                "estimated_delivery": "2026-01-15",
                "note": "Nowa lampa w drodze.",
            },
        )
        thread_assign(thread=thread, by=agent, assignee=agent)
        thread_close(thread=thread, by=buyer, role=Role.BUYER)
        thread_reopen(thread=thread, by=buyer, role=Role.BUYER)
        with transaction.atomic():  # an event of a kind this version does not know
            services._event(
                services._locked(thread),
                by=world.platform_admin,
                role=Role.PLATFORM,
                event="relisted",
                outcome="refund_by_seller",
            )
    thread.refresh_from_db()
    return thread


def test_the_pdf_says_who_where_when_and_every_entry(world, polish, tmp_path):
    transcript = thread_transcript(thread_id=polish.pk, by=world.platform_admin)
    text = pdf_text(transcript_pdf(transcript), tmp_path)
    assert f"Transcript of conversation #{polish.pk}, order {polish.order.number}" in text
    assert "Łucja Żółkiewska-Őrs <lucja@example.com>" in text
    assert "Maison Test; contact:" in text
    assert "owner@example.com" in text
    assert "Poland (PL)" in text
    assert "Times in Europe/Warsaw (CET, UTC+01:00)" in text
    assert "2026-01-12 09:30" in text  # 08:30 UTC, in Warsaw
    for message in Message.objects.filter(thread=polish).exclude(kind="event"):
        if message.body:
            first_words = " ".join(message.body.split()[:3])
            assert first_words in text, first_words
    assert "Page 1 of" in text
    assert "Lampa dotarła pęknięta. Zażółć gęślą jaźń; čaj, șir, țară." in text


def test_the_pdf_shows_what_each_side_saw(world, polish, tmp_path):
    text = pdf_text(
        transcript_pdf(thread_transcript(thread_id=polish.pk, by=world.platform_admin)),
        tmp_path,
    )
    # The buyer's e-mail address was masked for the seller; the original is shown too.
    assert "Seller saw: the text with details masked: Proszę pisać na [•••]" in text
    assert "lucja.zolkiewska@gmail.com" in text
    # The seller's phone number was held, then rejected, with who decided and why.
    assert "Delivery: Not delivered: rejected" in text
    assert "Buyer saw: nothing: not delivered" in text
    assert "Moderation: Held (Phone number) · Rejected by Pat Admin <admin@example.com>" in text
    assert "reason: Numer telefonu poza platformą." in text
    # The internal note.
    assert "INTERNAL NOTE, NOT SHOWN TO THE BUYER" in text
    assert "Buyer saw: nothing: internal note, not shown to the buyer" in text
    # The assignment is the seller team's own business.
    assert "Buyer saw: nothing: shown to the seller's team only" in text


def test_the_pdf_renders_cards_events_files_and_hashes(world, polish, tmp_path):
    text = pdf_text(
        transcript_pdf(thread_transcript(thread_id=polish.pk, by=world.platform_admin)),
        tmp_path,
    )
    assert "Shipped. Your item is on its way." in text
    assert "Tracking number: PL-TRACK-4711" in text
    assert "Note: Nowa lampa w drodze." in text
    assert "Marked the request as solved." in text
    assert "Reopened the conversation." in text
    assert f"Assigned the conversation to {world.seller_agent.name}." in text
    assert "Event “relisted” (outcome: refund_by_seller)." in text
    photo = polish.messages.get(attachments__isnull=False).attachments.get()
    assert f"File: {PHOTO} · image/png" in text  # as typed: no markup, no page alias
    assert f"SHA-256 {photo.sha256}" in text
    for message in polish.messages.all():
        assert message.chain_hash in text
    assert "[U+1F44D]" in text  # the emoji PT Sans cannot draw, said rather than dropped


def test_the_pdf_pages_render(world, polish, tmp_path):
    """pdftoppm draws the pages (look at them: the test prints where they are)."""
    for index in range(25):  # a few pages
        message_post(
            thread=polish,
            author=polish.buyer,
            role=Role.BUYER,
            body=f"Wiadomość {index}: " + "żółta łódź " * 30,
        )
    # One entry longer than a page: it runs on over the next.
    message_post(
        thread=polish, author=polish.buyer, role=Role.BUYER, body="Długi list. " * 700 + "Koniec."
    )
    content = transcript_pdf(thread_transcript(thread_id=polish.pk, by=world.platform_admin))
    assert content.startswith(b"%PDF-")
    text = pdf_text(content, tmp_path)
    pages = pages_as_png(content, tmp_path)
    print("pages:", *pages)
    assert len(pages) >= 3
    assert f"Page 1 of {len(pages)}" in text
    assert f"Page {len(pages)} of {len(pages)}" in text
    assert all(page.stat().st_size > 10_000 for page in pages)
    assert "Długi list. Długi list." in text
    assert "Koniec." in text


def test_the_pdf_reads_in_the_staff_members_language(world, polish, tmp_path):
    with translation.override("fr"):
        content = transcript_pdf(thread_transcript(thread_id=polish.pk, by=world.platform_admin))
    text = pdf_text(content, tmp_path)
    assert "Page 1 sur" in text
    assert "Heures de Europe/Warsaw (CET, UTC+01:00)" in text
    assert "NOTE INTERNE, JAMAIS MONTRÉE À L’ACHETEUR" in text


def test_zone_statement_names_both_offsets_across_summer_time(world, polish):
    transcript = thread_transcript(thread_id=polish.pk, by=world.platform_admin)
    assert zone_statement(transcript) == "Times in Europe/Warsaw (CET, UTC+01:00)"
    with time_machine.travel(datetime(2026, 7, 1, 10, tzinfo=UTC)):
        message_post(thread=polish, author=polish.buyer, role=Role.BUYER, body="Lato.")
    transcript = thread_transcript(thread_id=polish.pk, by=world.platform_admin)
    assert zone_statement(transcript) == (
        "Times in Europe/Warsaw (CET, UTC+01:00; CEST, UTC+02:00)"
    )


def test_characters_the_font_lacks_are_written_as_code_points():
    assert printable("ok 👍\r\nłódź\t!") == "ok [U+1F44D]\nłódź    !"
    assert printable("\ue000\ue001\ue002") == "[U+E000][U+E001][U+E002]"  # the page count


# JSON and its verification ----------------------------------------------------------------


def exported(world, thread):
    return json.loads(
        transcript_json(thread_transcript(thread_id=thread.pk, by=world.platform_admin))
    )


def test_the_json_carries_what_each_link_covers_and_verifies(world, polish):
    data = exported(world, polish)
    assert transcript_verify(data) == []
    entries = data["threads"][0]["entries"]
    assert [e["id"] for e in entries] == list(
        polish.messages.order_by("id").values_list("id", flat=True)
    )
    first = entries[0]
    assert first["message"]["body"].startswith("Lampa dotarła")
    assert first["files"][0]["name"] == PHOTO
    assert first["chain"]["files"] == [first["files"][0]["sha256"]]
    masked = next(e for e in entries if e["delivery"]["seller"]["saw"] == "masked")
    assert masked["delivery"]["seller"]["text"].startswith("Proszę pisać na [•••]")
    assert masked["message"]["body"].startswith("Proszę pisać na lucja.zolkiewska@gmail.com")
    rejected = next(e for e in entries if (e["moderation"] or {}).get("state") == "rejected")
    assert rejected["delivery"]["buyer"] == {
        "saw": "nothing",
        "because": "not_delivered",
        "text": None,
        "withheld_files": [],
    }
    assert rejected["moderation"]["decided_by"]["email"] == "admin@example.com"
    note = next(e for e in entries if e["internal_note"])
    assert note["delivery"]["buyer"]["because"] == "internal_note"
    assert data["threads"][0]["chain_head"] == entries[-1]["chain"]["hash"]
    assert data["time_zone"] == "Europe/Warsaw"


def relink(data):
    """Recompute every link of the JSON after an edit, as a careful forger would."""
    for thread in data["threads"]:
        previous = "0" * 64
        for entry in thread["entries"]:
            message = {**entry["message"]}
            message["created_at"] = datetime.fromisoformat(message["created_at"])
            entry["chain"]["previous"] = previous
            entry["chain"]["hash"] = previous = entry_digest(
                previous, message, entry["chain"]["files"]
            )
        thread["chain_head"] = previous
    return data


@pytest.mark.parametrize(
    "edit",
    [
        "body",
        "body, relinked",
        "author name, relinked",
        "time, relinked",
        "entry removed",
        "last entry removed, relinked",
        "file name",
        "file checksum, relinked",
        "masked text",
        "moderation decision",
        "what the seller saw",
        "other thread",
    ],
)
def test_an_edited_json_fails_verification(world, polish, edit):
    data = exported(world, polish)
    entries = data["threads"][0]["entries"]
    masked = next(e for e in entries if e["delivery"]["seller"]["saw"] == "masked")
    rejected = next(e for e in entries if (e["moderation"] or {}).get("state") == "rejected")
    if edit.startswith("body"):
        entries[0]["message"]["body"] = "Lampa dotarła cała."
    elif edit.startswith("author name"):
        entries[1]["message"]["author_name"] = "Someone Else"
    elif edit.startswith("time"):
        moment = datetime.fromisoformat(entries[1]["message"]["created_at"])
        entries[1]["message"]["created_at"] = (moment + timedelta(days=2)).isoformat()
    elif edit == "entry removed":
        del entries[2]
    elif edit.startswith("last entry removed"):
        del entries[-1]
    elif edit == "file name":
        entries[0]["files"][0]["name"] = "other.png"
    elif edit.startswith("file checksum"):
        entries[0]["files"][0]["sha256"] = entries[0]["chain"]["files"][0] = "ab" * 32
    elif edit == "masked text":
        masked["moderation"]["masked_text"] = "Proszę pisać na tutaj."
    elif edit == "moderation decision":
        rejected["moderation"]["state"] = "approved"
    elif edit == "what the seller saw":
        masked["delivery"]["seller"] = {
            "saw": "as_written",
            "because": None,
            "text": masked["message"]["body"],
            "withheld_files": [],
        }
    elif edit == "other thread":
        data["threads"][0]["id"] = world.other_thread.pk
    if edit.endswith("relinked"):
        relink(data)
    problems = transcript_verify(data)
    assert problems, edit


def test_the_relinked_json_is_caught_by_the_platforms_chain(world, polish):
    """An edit with every link recomputed holds together on its own: only the platform's
    record tells it apart."""
    data = exported(world, polish)
    data["threads"][0]["entries"][0]["message"]["body"] = "Lampa dotarła cała."
    relink(data)
    problems = transcript_verify(data)
    for entry in data["threads"][0]["entries"]:
        prefix = f"Thread {polish.pk}, entry {entry['id']}: "
        assert prefix + "its chain hash differs from the platform's record." in problems
    assert not [problem for problem in problems if "does not match its chain hash" in problem]


def test_a_review_decided_after_the_export_still_verifies(world, polish):
    pending = message_post(
        thread=polish, author=world.seller_agent, role=Role.SELLER, body="Tel. 600 700 800"
    )
    data = exported(world, polish)
    review_decide(review=pending.review, decision="approved", by=world.platform_admin)
    message_post(thread=polish, author=polish.buyer, role=Role.BUYER, body="Later message.")
    assert transcript_verify(data) == []


def test_the_order_transcript_has_every_thread_of_the_order(world, tmp_path):
    second = thread_open(
        order=world.order, buyer=world.buyer, topic="invoice", body="Une facture, svp."
    )
    transcript = order_transcript(order_id=world.order.pk, by=world.platform_admin)
    assert [t.id for t in transcript.threads] == [world.thread.pk, second.pk]
    data = json.loads(json.dumps(transcript_data(transcript)))
    assert transcript_verify(data) == []
    text = pdf_text(transcript_pdf(transcript), tmp_path)
    assert f"Transcript of order {world.order.number} (2 conversations)" in text
    assert "The lamp is broken." in text
    assert "Une facture, svp." in text
    assert "Times in Europe/Paris (" in text
    del data["threads"][1]
    assert transcript_verify(data) == [
        f"The threads are not those of order {world.order.number} when it was exported."
    ]


def test_an_order_without_conversations_has_a_transcript_that_says_so(world, tmp_path):
    order = make_order(buyer=world.buyer, seller=world.order.seller)
    transcript = order_transcript(order_id=order.pk, by=world.platform_admin)
    assert transcript_verify(json.loads(transcript_json(transcript))) == []
    text = pdf_text(transcript_pdf(transcript), tmp_path)
    assert "None: no conversation about this order." in text


# The console ---------------------------------------------------------------------------


def transcript_url(thread, fmt="pdf"):
    return reverse("admin:helpdesk_thread_transcript", args=[thread.pk, fmt])


def order_url(order, fmt="pdf"):
    return reverse("admin:helpdesk_thread_order_transcript", args=[order.pk, fmt])


def staff_in(role):
    user = UserFactory(is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def test_an_export_is_logged_with_the_checksum_of_the_file_delivered(world, polish):
    client = Client()
    auditor = staff_in("Auditor")
    client.force_login(auditor)
    for fmt in ("pdf", "json"):
        response = client.get(transcript_url(polish, fmt))
        assert response.status_code == 200
        digest = hashlib.sha256(response.content).hexdigest()
        assert response["X-Checksum-SHA256"] == digest
        assert response["Content-Disposition"] == (
            f'attachment; filename="transcript-thread-{polish.pk}.{fmt}"'
        )
        access = StaffAccess.objects.filter(user=auditor, action="export").latest("id")
        assert access.object_id == polish.pk
        assert access.detail == (
            f"{fmt.upper()} sha256:{digest} thread:{polish.pk} order:{polish.order.number}"
        )
    # The console shows the checksum after the export.
    page = client.get(reverse("admin:helpdesk_thread_change", args=[polish.pk]))
    assert f"SHA-256 {digest}" in page.content.decode()


def test_the_order_export_is_logged_with_its_threads(world, console):
    response = console.get(order_url(world.order, "json"))
    assert response.status_code == 200
    digest = hashlib.sha256(response.content).hexdigest()
    access = StaffAccess.objects.get(action="export")
    assert access.object_id is None
    assert access.detail == (
        f"JSON sha256:{digest} order:{world.order.number} threads:{world.thread.pk}"
    )


@pytest.mark.parametrize(("role", "status"), [("", 403), ("Auditor", 200), ("Moderator", 200)])
def test_staff_who_may_read_conversations_export_and_others_get_403(world, role, status):
    client = Client()
    client.force_login(staff_in(role))
    assert client.get(transcript_url(world.thread, "json")).status_code == status
    assert client.get(order_url(world.order, "json")).status_code == status
    assert StaffAccess.objects.filter(action="export").count() == (2 if status == 200 else 0)


def test_people_outside_the_staff_are_sent_to_the_console_login(world):
    client = Client()
    client.force_login(world.seller_agent)
    response = client.get(transcript_url(world.thread))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_unknown_formats_and_objects_are_404(console, world):
    assert console.get(transcript_url(world.thread, "docx")).status_code == 404
    missing = reverse("admin:helpdesk_thread_transcript", args=[10**9, "pdf"])
    assert console.get(missing).status_code == 404
    assert StaffAccess.objects.filter(action="export").count() == 0


def test_the_buttons_are_on_the_thread_and_order_pages(world, console):
    thread_page = console.get(reverse("admin:helpdesk_thread_change", args=[world.thread.pk]))
    assert f'href="{transcript_url(world.thread, "pdf")}"' in thread_page.content.decode()
    assert f'href="{transcript_url(world.thread, "json")}"' in thread_page.content.decode()
    order_page = console.get(reverse("admin:orders_order_change", args=[world.order.pk]))
    assert f'href="{order_url(world.order, "pdf")}"' in order_page.content.decode()
    assert "Transcript (JSON)" in order_page.content.decode()


def test_an_export_costs_the_same_queries_however_long_the_thread(
    world, polish, console, django_assert_max_num_queries
):
    console.get(transcript_url(polish, "json"))  # the session, warmed
    with django_assert_max_num_queries(10) as short:
        console.get(transcript_url(polish, "json"))
    for index in range(12):
        message = message_post(
            thread=polish,
            author=polish.buyer,
            role=Role.BUYER,
            body=f"Message {index}: bea.{index}@gmail.com",
            uploads=[Upload(name=f"f{index}.png", content_type="image/png", content=png_bytes())],
        )
        assert message.review  # masked: one review per message, loaded with it
    SellerMemberFactory(seller=polish.seller, role="owner")
    with django_assert_max_num_queries(len(short.captured_queries)):
        response = console.get(transcript_url(polish, "json"))
    assert len(json.loads(response.content)["threads"][0]["entries"]) > 12


def test_verify_transcript_command_passes_a_genuine_file_and_fails_an_edited_one(
    world, polish, tmp_path, capsys
):
    data = exported(world, polish)
    path = tmp_path / "transcript.json"
    path.write_text(json.dumps(data))
    call_command("verify_transcript", str(path))
    assert "every link holds" in capsys.readouterr().out
    data["threads"][0]["entries"][0]["message"]["body"] = "Lampa dotarła cała."
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="does not verify"):
        call_command("verify_transcript", str(path))
    assert "its content does not match its chain hash" in capsys.readouterr().out
