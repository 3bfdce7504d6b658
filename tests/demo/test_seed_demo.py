import pytest
from django.core.management import call_command
from django.db import transaction

from accounts.models import Seller, SellerMember, User
from helpdesk.history import history_verify
from orders.models import Market, Order, Shipment


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo world, seeded once for the module (rolled back at its end): seeding costs
    seconds."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield call_command("seed_demo")
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.mark.django_db
def test_seed_demo_builds_the_demo_world_once(seeded, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "buyer@example.com" in out
    assert "helpdesk-demo" in out
    assert "0 new orders, 0 new conversations" in out
    counts = (User.objects.count(), Order.objects.count(), Shipment.objects.count())
    call_command("seed_demo", quiet=True)
    assert (User.objects.count(), Order.objects.count(), Shipment.objects.count()) == counts

    assert set(Seller.objects.values_list("country", flat=True)) == {"FR", "PL", "DE"}
    for seller in Seller.objects.all():
        roles = sorted(SellerMember.objects.filter(seller=seller).values_list("role", flat=True))
        assert roles == ["agent", "agent", "owner"]
        owner = SellerMember.objects.get(seller=seller, role="owner").user
        assert list(seller.saved_replies.values_list("created_by", flat=True)) == [owner.pk] * 4
    assert set(Order.objects.values_list("market", flat=True)) == set(
        Market.objects.values_list("code", flat=True)
    )
    assert Order.objects.count() == 80
    assert set(Order.objects.values_list("currency", flat=True)) == {
        "EUR",
        "PLN",
        "CZK",
        "HUF",
        "RON",
    }
    assert list(User.objects.filter(is_superuser=True).values_list("email", flat=True)) == [
        "admin@example.com"
    ]
    roles = User.objects.filter(is_staff=True, is_superuser=False).values_list(
        "email", "groups__name"
    )
    assert sorted(roles) == [
        ("auditor@example.com", "Auditor"),
        ("moderator@example.com", "Moderator"),
        ("sanctions@example.com", "Sanctions manager"),
    ]
    assert all(order.lines.exists() for order in Order.objects.all())
    demo_buyer = User.objects.get(email="buyer@example.com")
    assert demo_buyer.check_password("helpdesk-demo")
    assert Shipment.objects.filter(order__buyer=demo_buyer).exists()
    assert history_verify().intact  # every demo message is chained


@pytest.mark.django_db
def test_the_scanner_finds_nothing_in_the_demo_conversations_but_its_two_examples(seeded):
    from demo.management.commands.seed_demo import DEMO_HELD, DEMO_MASKED
    from helpdesk.models import Message, MessageReview
    from helpdesk.scanner import scan

    bodies = list(Message.objects.exclude(body="").values_list("body", flat=True))
    assert len(bodies) > 100
    examples = {DEMO_HELD, DEMO_MASKED}
    assert [(body, scan(body)) for body in bodies if body not in examples and scan(body)] == []
    reviews = MessageReview.objects.select_related("message")
    assert {(r.message.body, r.action) for r in reviews} == {
        (DEMO_HELD, "hold"),
        (DEMO_MASKED, "mask"),
    }
