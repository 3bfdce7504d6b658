"""Personas shared by every test (STYLE.md): buyer, other_buyer, seller_agent,
other_seller_agent, platform_admin, anonymous; and the orders between them."""

import importlib
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.utils import translation

from accounts.models import User
from helpdesk.models import Attachment, SavedReply, Thread
from helpdesk.services import thread_open
from orders.models import Order
from tests.factories import (
    SellerFactory,
    SellerMemberFactory,
    UserFactory,
    make_order,
    png_upload,
)


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """A request leaves its language active in the thread (LocaleMiddleware activates it at
    each request and never deactivates it); messages built outside a request afterwards, like
    a service's error, would read in the last page's language. Every test starts in
    English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _markets_in_transactional_tests(request):
    """Transactional tests (browser, races, Celery worker) end with a flush that empties
    every table, the ten markets of the data migration included: put them back first."""
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        migration = importlib.import_module("orders.migrations.0002_markets")
        migration.create_markets(apps, None)


@dataclass
class World:
    buyer: User
    other_buyer: User
    seller_agent: User
    other_seller_agent: User
    platform_admin: User
    order: Order  # buyer's order from seller_agent's seller, shipped
    other_order: Order  # other_buyer's order from other_seller_agent's seller
    thread: Thread  # buyer's return request about `order`, with a photo
    other_thread: Thread  # other_buyer's request about `other_order`
    attachment: Attachment
    saved_reply: SavedReply  # seller_agent's seller's
    other_saved_reply: SavedReply

    def ids(self) -> dict[str, int]:
        return {
            "thread": self.thread.pk,
            "other_thread": self.other_thread.pk,
            "attachment": self.attachment.pk,
            "saved_reply": self.saved_reply.pk,
            "other_saved_reply": self.other_saved_reply.pk,
            "seller": self.order.seller_id,
        }


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One world for a whole module of read-mostly tests (the URL × persona matrices): built
    once inside a transaction rolled back at the module's end. Each test still runs in its
    own savepoint (it asks for `db`), so what one test writes is undone before the next."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def build_world() -> World:
    seller = SellerFactory(company_name="Maison Test", slug="maison-test")
    other_seller = SellerFactory(company_name="Autre Vendeur", slug="autre-vendeur")
    buyer = UserFactory(email="buyer@example.com", name="Bea Buyer")
    other_buyer = UserFactory(email="other.buyer@example.com", name="Otto Other")
    seller_agent = SellerMemberFactory(seller=seller, user__email="agent@example.com").user
    other_seller_agent = SellerMemberFactory(
        seller=other_seller, user__email="other.agent@example.com"
    ).user
    platform_admin = UserFactory(
        email="admin@example.com", name="Pat Admin", is_staff=True, is_superuser=True
    )
    order = make_order(buyer=buyer, seller=seller, number="2026-100-0001", shipped=True)
    other_order = make_order(buyer=other_buyer, seller=other_seller, number="2026-200-0002")
    thread = thread_open(
        order=order, buyer=buyer, topic="return", body="The lamp is broken.", uploads=[png_upload()]
    )
    other_thread = thread_open(
        order=other_order, buyer=other_buyer, topic="delivery", body="Where is my parcel?"
    )
    return World(
        buyer=buyer,
        other_buyer=other_buyer,
        seller_agent=seller_agent,
        other_seller_agent=other_seller_agent,
        platform_admin=platform_admin,
        order=order,
        other_order=other_order,
        thread=thread,
        other_thread=other_thread,
        attachment=Attachment.objects.get(message__thread=thread),
        saved_reply=SavedReply.objects.create(seller=seller, title="Thanks", body="Thank you!"),
        other_saved_reply=SavedReply.objects.create(seller=other_seller, title="Hi", body="Hi"),
    )


PERSONAS = [
    "anonymous",
    "buyer",
    "other_buyer",
    "seller_agent",
    "other_seller_agent",
    "platform_admin",
]


def client_for(world: World, persona: str) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    return client


@pytest.fixture
def as_persona(world):
    return lambda persona: client_for(world, persona)
