"""Personas shared by every test (STYLE.md): buyer, other_buyer, seller_agent,
other_seller_agent, platform_admin, anonymous; and the orders between them."""

from dataclasses import dataclass

import pytest
from django.test import Client

from accounts.models import User
from orders.models import Order
from tests.factories import SellerFactory, SellerMemberFactory, UserFactory, make_order


@dataclass
class World:
    buyer: User
    other_buyer: User
    seller_agent: User
    other_seller_agent: User
    platform_admin: User
    order: Order  # buyer's order from seller_agent's seller, shipped
    other_order: Order  # other_buyer's order from other_seller_agent's seller


@pytest.fixture
def world(db) -> World:
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
    return World(
        buyer=buyer,
        other_buyer=other_buyer,
        seller_agent=seller_agent,
        other_seller_agent=other_seller_agent,
        platform_admin=platform_admin,
        order=make_order(buyer=buyer, seller=seller, number="2026-100-0001", shipped=True),
        other_order=make_order(buyer=other_buyer, seller=other_seller, number="2026-200-0002"),
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
