"""Issue 12's journey: a buyer escalates an overdue request; a moderator finds it in the
escalation queue, takes it over, writes as the platform and decides "refund by the seller";
the buyer reads the decision in French, the seller's agent in English. And the console's
date fields name their zone."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import User
from helpdesk.models import Escalation, Thread
from helpdesk.services import thread_open
from sla.models import ResponseClock
from tests.browser.pages import log_in
from tests.factories import (
    PASSWORD,
    SellerFactory,
    SellerMemberFactory,
    UserFactory,
    make_order,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_an_overdue_request_is_taken_over_and_decided_by_the_platform(
    live_server, browser, tmp_path
):
    base = live_server.url
    claire = UserFactory(email="claire@example.com", name="Claire Martin", preferred_language="fr")
    shop = SellerFactory(company_name="Maison Lumière", slug="maison-lumiere")
    SellerMemberFactory(seller=shop, user__email="hugo@example.com", user__name="Hugo")
    User.objects.filter(email="hugo@example.com").update(preferred_language="en")
    for email, role in [("mo@example.com", "Moderator"), ("sam@example.com", "Sanctions manager")]:
        UserFactory(email=email, is_staff=True).groups.add(Group.objects.get(name=role))
    order = make_order(buyer=claire, seller=shop, number="2026-100-1501", shipped=True)
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
    log_in(buyer, base, "claire@example.com")
    buyer.goto(thread_url)
    escalate = buyer.locator("form.escalate")
    escalate.locator("textarea").fill("Aucune réponse depuis trois jours.")
    escalate.locator("button[type=submit]").click()
    expect(buyer.locator("#escalation")).to_contain_text("intervention de la plateforme")
    buyer.screenshot(path=tmp_path / "buyer-escalated.png", full_page=True)

    # A moderator finds it in the queue, oldest first, and opens the evidence page.
    admin = browser.new_page(viewport={"width": 1366, "height": 900})
    admin.goto(f"{base}/admin/login/")
    admin.locator("input[name=username]").fill("mo@example.com")
    admin.locator("input[name=password]").fill(PASSWORD)
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
    log_in(seller, base, "hugo@example.com")
    seller.goto(thread_url)
    expect(seller.locator("#escalation")).to_contain_text(
        "The platform decided that you refund the buyer"
    )
    expect(seller.get_by_role("button", name=re.compile("Reopen"))).to_have_count(0)
    seller.screenshot(path=tmp_path / "seller-decision-en.png", full_page=True)

    # The console's date and time fields say which zone they are in, instead of Django's
    # "You are 1 hour behind server time" (this browser runs in UTC, the console in Paris).
    context = browser.new_context(timezone_id="UTC", viewport={"width": 1280, "height": 900})
    manager = context.new_page()
    manager.goto(f"{base}/admin/login/")
    manager.locator("input[name=username]").fill("sam@example.com")
    manager.locator("input[name=password]").fill(PASSWORD)
    manager.locator("input[type=submit]").click()
    manager.goto(f"{base}/admin/sla/sanction/add/")
    expect(manager.locator(".timezonewarning").first).to_contain_text(
        "Enter times in Europe/Paris time"
    )
    expect(manager.locator("body")).not_to_contain_text("behind server time")
    manager.screenshot(path=tmp_path / "sanction-form-zone.png", full_page=True)
    context.close()
    print(f"screenshots: {tmp_path}")
