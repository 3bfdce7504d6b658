"""Issue 12's journey: a buyer escalates an overdue request; a moderator finds it in the
escalation queue, takes it over, writes as the platform and decides "refund by the seller";
the buyer reads the decision in French, the seller's agent in English."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from helpdesk.models import Escalation, Thread
from helpdesk.services import thread_open
from orders.models import Order
from sla.models import ResponseClock
from tests.browser.test_helpdesk_journey import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_an_overdue_request_is_taken_over_and_decided_by_the_platform(
    live_server, browser, tmp_path
):
    call_command("seed_demo", quiet=True, no_history=True)
    base = live_server.url
    User.objects.filter(email="buyer@example.com").update(preferred_language="fr")
    User.objects.filter(email="hugo@maison-lumiere.example").update(preferred_language="en")
    order = Order.objects.filter(
        buyer__email="buyer@example.com", seller__slug="maison-lumiere"
    ).first()
    thread = thread_open(
        order=order, buyer=order.buyer, topic="complaint", body="La lampe ne s'allume pas."
    )
    # The seller lets the deadline pass.
    passed = timezone.now() - timedelta(hours=2)
    ResponseClock.objects.filter(thread=thread).update(
        due_at=passed, warn_at=passed - timedelta(hours=4)
    )
    Thread.objects.filter(pk=thread.pk).update(due_at=passed)
    thread_url = f"{base}/threads/{thread.pk}/"

    # The buyer (French) asks the platform to step in.
    buyer = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(buyer, base, "buyer@example.com")
    buyer.goto(thread_url)
    escalate = buyer.locator("form.escalate")
    escalate.locator("textarea").fill("Aucune réponse depuis trois jours.")
    escalate.locator("button[type=submit]").click()
    expect(buyer.locator("#escalation")).to_contain_text("intervention de la plateforme")
    buyer.screenshot(path=tmp_path / "buyer-escalated.png", full_page=True)

    # A moderator finds it in the queue, oldest first, and opens the evidence page.
    admin = browser.new_page(viewport={"width": 1366, "height": 900})
    admin.goto(f"{base}/admin/login/")
    admin.locator("input[name=username]").fill("moderator@example.com")
    admin.locator("input[name=password]").fill("helpdesk-demo")
    admin.locator("input[type=submit]").click()
    admin.goto(f"{base}/admin/helpdesk/escalation/")
    row = admin.locator("#result_list tbody tr").filter(has_text=order.number)
    expect(row).to_contain_text("Waiting for the platform")
    expect(row).to_contain_text("France")
    admin.screenshot(path=tmp_path / "admin-escalation-queue.png", full_page=True)
    row.locator("a").first.click()
    expect(admin.locator("#escalation")).to_contain_text("asked the platform to step in")

    # Takes it over, writes as the platform, decides.
    admin.get_by_role("button", name="Take the case over").click()
    expect(admin.locator(".messagelist")).to_contain_text("You have taken the case over")
    admin.get_by_label("Write to both sides as the platform").fill(
        "Nous avons examiné la commande : le vendeur vous remboursera."
    )
    admin.get_by_role("button", name="Send as the platform").click()
    expect(admin.locator(".messagelist")).to_contain_text("sent to both sides")
    admin.get_by_label("Outcome").select_option("refund_by_seller")
    admin.get_by_label("Note to both sides (optional)").fill("Remboursement sous 5 jours.")
    admin.screenshot(path=tmp_path / "admin-evidence-before-decision.png", full_page=True)
    admin.get_by_role("button", name="Record the decision").click()
    expect(admin.locator(".messagelist")).to_contain_text("both sides have been told")
    expect(admin.locator("#escalation")).to_contain_text("Decided: Refund by the seller")
    expect(admin.locator(".evidence-timeline")).to_contain_text("Platform")
    admin.screenshot(path=tmp_path / "admin-evidence-decided.png", full_page=True)

    escalation = Escalation.objects.get(thread=thread)
    assert escalation.outcome == "refund_by_seller"
    assert escalation.first_response_at == escalation.taken_at
    clock = ResponseClock.objects.get(thread=thread)
    assert (clock.outcome, clock.verdict(timezone.now()).value) == ("platform", "late")

    # The buyer reads the decision and the platform's message, in French.
    buyer.goto(thread_url)
    expect(buyer.locator("#escalation")).to_contain_text(
        "La plateforme a décidé que le vendeur vous rembourse"
    )
    platform = buyer.locator(".entry-text.from-platform")
    expect(platform.first).to_contain_text("Assistance de la plateforme")
    expect(platform.first).to_contain_text("le vendeur vous remboursera")
    expect(buyer.locator("#timeline")).to_contain_text("Remboursement sous 5 jours.")
    buyer.screenshot(path=tmp_path / "buyer-decision-fr.png", full_page=True)
    buyer.set_viewport_size({"width": 390, "height": 844})
    buyer.goto(thread_url)
    buyer.screenshot(path=tmp_path / "buyer-decision-fr-phone.png", full_page=True)

    # The seller's agent reads it in English, and cannot reopen it.
    seller = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(seller, base, "hugo@maison-lumiere.example")
    seller.goto(thread_url)
    expect(seller.locator("#escalation")).to_contain_text(
        "The platform decided that you refund the buyer"
    )
    expect(seller.get_by_role("button", name=re.compile("Reopen"))).to_have_count(0)
    seller.screenshot(path=tmp_path / "seller-decision-en.png", full_page=True)
    print(f"screenshots: {tmp_path}")
