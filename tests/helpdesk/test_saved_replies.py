import importlib
import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Seller, SellerMember
from helpdesk.models import SavedReply
from helpdesk.saved_replies import (
    DEFAULTS,
    PLACEHOLDERS,
    default_replies,
    fill_placeholders,
    not_shipped_text,
    placeholder_values,
    saved_reply_options,
)
from helpdesk.services import saved_reply_create, saved_reply_create_defaults, thread_open
from orders.models import Carrier
from orders.services import shipment_add
from tests.factories import SellerFactory, SellerMemberFactory, UserFactory, make_order

pytestmark = pytest.mark.django_db

VALUES = {
    "buyer_name": "Bea Buyer",
    "order_number": "2026-100-0001",
    "tracking_number": "6A12345678901",
    "seller_name": "Maison Test",
    "agent_name": "Alex Agent",
}


def list_url(seller):
    return f"{reverse('helpdesk:saved_replies')}?seller={seller.slug}"


def titles_on(html: str, titles: list[str]) -> list[str]:
    """`titles` in the order the page's cards show them."""
    return sorted(titles, key=lambda title: html.index(f"<h2>{title}</h2>"))


def flashed(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def unshipped_thread(world, buyer=None):
    buyer = buyer or world.buyer
    order = make_order(buyer=buyer, seller=world.order.seller)
    return thread_open(order=order, buyer=buyer, topic="delivery", body="Where is it?")


# Filling placeholders (the pure function) --------------------------------------------------


def test_each_placeholder_is_filled_in():
    text = "{buyer_name}|{order_number}|{tracking_number}|{seller_name}|{agent_name}"
    assert fill_placeholders(text, VALUES) == (
        "Bea Buyer|2026-100-0001|6A12345678901|Maison Test|Alex Agent"
    )


def test_unknown_placeholders_and_other_braces_are_left_as_typed():
    text = "Hi {buyer_name}, use {coupon} or {Buyer_Name} {} { buyer_name } {{order_number}}"
    assert fill_placeholders(text, VALUES) == (
        "Hi Bea Buyer, use {coupon} or {Buyer_Name} {} { buyer_name } {2026-100-0001}"
    )


def test_a_value_that_looks_like_a_placeholder_is_not_filled_again():
    values = {**VALUES, "buyer_name": "{agent_name}"}
    assert fill_placeholders("{buyer_name} / {agent_name}", values) == "{agent_name} / Alex Agent"


def test_the_legend_names_every_placeholder_the_values_fill(world):
    values, _shipped = placeholder_values(thread=world.thread, writer=world.seller_agent)
    assert set(values) == set(PLACEHOLDERS) == set(VALUES)


# The values of a thread ---------------------------------------------------------------------


def test_values_come_from_the_thread_and_the_person_writing(world):
    values, shipped = placeholder_values(thread=world.thread, writer=world.seller_agent)
    assert shipped
    assert values == {
        "buyer_name": "Bea Buyer",
        "order_number": "2026-100-0001",
        "tracking_number": "6A12345678901",
        "seller_name": "Maison Test",
        "agent_name": world.seller_agent.name,
    }


def test_the_tracking_number_is_the_latest_shipments(world):
    shipment_add(
        order=world.order,
        carrier=Carrier.DHL,
        tracking_number="JJD000111",
        shipped_at=timezone.now() + timedelta(hours=1),
    )
    shipment_add(
        order=world.order,
        carrier=Carrier.DHL,
        tracking_number="JJD000000",
        shipped_at=timezone.now() - timedelta(days=1),
    )
    values, _shipped = placeholder_values(thread=world.thread, writer=world.seller_agent)
    assert values["tracking_number"] == "JJD000111"


def test_without_a_shipment_the_tracking_number_says_so_in_the_buyers_language(world):
    world.buyer.preferred_language = "pl"
    world.buyer.save(update_fields=["preferred_language"])
    thread = unshipped_thread(world)  # a French order
    values, shipped = placeholder_values(thread=thread, writer=world.seller_agent)
    assert not shipped
    assert values["tracking_number"] == not_shipped_text("pl")
    with translation.override("pl"):
        assert values["tracking_number"] == gettext(
            "not available yet (the order has not shipped yet)"
        )


def test_a_buyer_without_a_language_reads_the_markets(world):
    buyer = UserFactory(preferred_language="", market=None)
    thread = unshipped_thread(world, buyer=buyer)
    values, _shipped = placeholder_values(thread=thread, writer=world.seller_agent)
    assert values["tracking_number"] == not_shipped_text(thread.market.language)


def test_options_are_filled_in_the_teams_order(world):
    seller = world.order.seller
    saved_reply_create(
        seller_id=seller.pk, author=world.seller_owner, title="Ship", body="{tracking_number}"
    )
    options = saved_reply_options(thread=world.thread, writer=world.seller_agent)
    assert [(r.title, r.body) for r in options.replies] == [
        ("Thanks", "Thank you!"),
        ("Ship", "6A12345678901"),
    ]
    assert options.unshipped == ""
    assert saved_reply_options(thread=unshipped_thread(world), writer=world.seller_agent).unshipped


# The thread page: inserting, with and without JavaScript -------------------------------------


def test_inserting_without_javascript_fills_the_placeholders(world, client):
    saved = saved_reply_create(
        seller_id=world.order.seller_id,
        author=world.seller_owner,
        title="Shipped",
        body="Hello {buyer_name}, order {order_number}: {tracking_number}. "
        "{agent_name}, {seller_name} {coupon}",
    )
    client.force_login(world.seller_agent)
    html = client.get(
        reverse("helpdesk:thread", args=[world.thread.pk]), {"insert": saved.pk}
    ).content.decode()
    filled = (
        f"Hello Bea Buyer, order 2026-100-0001: 6A12345678901. "
        f"{world.seller_agent.name}, Maison Test {{coupon}}"
    )
    assert f"\n{filled}</textarea>" in html
    assert f'data-body="{filled}" selected>' in html  # what the script inserts, chosen
    assert "saved-reply-note" not in html  # shipped: nothing to tell


def test_a_saved_reply_of_another_seller_is_not_inserted(world, client):
    client.force_login(world.seller_agent)
    html = client.get(
        reverse("helpdesk:thread", args=[world.thread.pk]), {"insert": world.other_saved_reply.pk}
    ).content.decode()
    assert "Hi</textarea>" not in html


def test_html_in_a_buyers_name_is_escaped_on_the_thread_page(world, client):
    world.buyer.name = '<b>Bea</b> & "Co"'
    world.buyer.save(update_fields=["name"])
    saved = saved_reply_create(
        seller_id=world.order.seller_id,
        author=world.seller_owner,
        title="Hello",
        body="Hello {buyer_name}",
    )
    client.force_login(world.seller_agent)
    html = client.get(
        reverse("helpdesk:thread", args=[world.thread.pk]), {"insert": saved.pk}
    ).content.decode()
    assert "<b>Bea" not in html
    escaped = "Hello &lt;b&gt;Bea&lt;/b&gt; &amp; &quot;Co&quot;"
    assert f'data-body="{escaped}"' in html
    assert f"\n{escaped}</textarea>" in html


def test_the_writer_is_told_when_the_order_has_not_shipped(world, client):
    saved = saved_reply_create(
        seller_id=world.order.seller_id,
        author=world.seller_owner,
        title="Tracking",
        body="Tracking: {tracking_number}",
    )
    thread = unshipped_thread(world)
    client.force_login(world.seller_agent)
    html = client.get(
        reverse("helpdesk:thread", args=[thread.pk]), {"insert": saved.pk}
    ).content.decode()
    phrase = not_shipped_text("en")
    assert f"\nTracking: {phrase}</textarea>" in html
    assert 'id="saved-reply-note"' in html
    assert 'aria-describedby="saved-reply-note"' in html


def test_the_thread_page_lists_saved_replies_in_the_teams_order(world, client):
    seller = world.order.seller
    for title in ("Zeta", "Alpha"):
        saved_reply_create(seller_id=seller.pk, author=world.seller_owner, title=title, body=title)
    client.force_login(world.seller_agent)
    html = client.get(reverse("helpdesk:thread", args=[world.thread.pk])).content.decode()
    options = re.findall(r'<option value="\d+" data-body="[^"]*">([^<]*)</option>', html)
    assert options == ["Thanks", "Zeta", "Alpha"]


# Editing -----------------------------------------------------------------------------------


def test_an_owner_edits_a_saved_reply(world, client):
    client.force_login(world.seller_owner)
    url = reverse("helpdesk:saved_reply_edit", args=[world.saved_reply.pk])
    page = client.get(url).content.decode()
    assert 'name="edit-title"' in page
    assert "autofocus" in page
    assert 'value="Thanks"' in page
    response = client.post(url, {"edit-title": " Thanks a lot ", "edit-body": "Merci {buyer_name}"})
    seller = world.order.seller
    assert response["Location"] == f"{list_url(seller)}#saved-reply-{world.saved_reply.pk}"
    assert flashed(response) == ["Saved reply updated."]
    world.saved_reply.refresh_from_db()
    assert (world.saved_reply.title, world.saved_reply.body) == (
        "Thanks a lot",
        "Merci {buyer_name}",
    )


def test_an_edit_is_validated_like_a_new_saved_reply(world, client):
    client.force_login(world.seller_owner)
    url = reverse("helpdesk:saved_reply_edit", args=[world.saved_reply.pk])
    for data in ({"edit-title": "", "edit-body": "B"}, {"edit-title": "T" * 81, "edit-body": "B"}):
        response = client.post(url, data)
        assert response.status_code == 200
        assert 'class="errorlist' in response.content.decode()
    world.saved_reply.refresh_from_db()
    assert world.saved_reply.title == "Thanks"


def test_agents_may_not_edit_and_other_sellers_do_not_see_the_reply(world, client):
    url = reverse("helpdesk:saved_reply_edit", args=[world.saved_reply.pk])
    data = {"edit-title": "Hacked", "edit-body": "Hacked"}
    client.force_login(world.seller_agent)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    other_owner = SellerMemberFactory(
        seller=world.other_order.seller, role=SellerMember.Role.OWNER
    ).user
    for person in (world.other_seller_agent, other_owner):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
    world.saved_reply.refresh_from_db()
    assert world.saved_reply.title == "Thanks"


def test_agents_see_no_management_buttons(world, client):
    client.force_login(world.seller_agent)
    page = client.get(reverse("helpdesk:saved_replies")).content.decode()
    assert reverse("helpdesk:saved_reply_edit", args=[world.saved_reply.pk]) not in page
    assert reverse("helpdesk:saved_reply_move", args=[world.saved_reply.pk]) not in page
    assert "{buyer_name}" in page  # the legend is for everyone


# Reordering --------------------------------------------------------------------------------


def test_new_saved_replies_go_last(world, client):
    client.force_login(world.seller_owner)
    for title in ("Zeta", "Alpha", "Mu"):
        client.post(reverse("helpdesk:saved_replies"), {"title": title, "body": title})
    seller = world.order.seller
    expected = ["Thanks", "Zeta", "Alpha", "Mu"]
    assert list(seller.saved_replies.values_list("title", flat=True)) == expected
    assert titles_on(client.get(list_url(seller)).content.decode(), expected) == expected


def test_an_owner_moves_saved_replies_up_and_down(world, client):
    seller = world.order.seller
    for title in ("Zeta", "Alpha"):
        saved_reply_create(seller_id=seller.pk, author=world.seller_owner, title=title, body=title)
    alpha = seller.saved_replies.get(title="Alpha")
    client.force_login(world.seller_owner)
    move = reverse("helpdesk:saved_reply_move", args=[alpha.pk])
    response = client.post(move, {"direction": "up"})
    assert response["Location"] == f"{list_url(seller)}#saved-reply-{alpha.pk}"
    assert flashed(response) == ["“Alpha” moved up."]
    assert list(seller.saved_replies.values_list("title", flat=True)) == ["Thanks", "Alpha", "Zeta"]
    client.post(move, {"direction": "up"})
    client.post(move, {"direction": "up"})  # already first: nothing moves
    assert list(seller.saved_replies.values_list("title", flat=True)) == ["Alpha", "Thanks", "Zeta"]
    response = client.post(
        reverse("helpdesk:saved_reply_move", args=[world.saved_reply.pk]), {"direction": "down"}
    )
    assert flashed(response)[-1] == "“Thanks” moved down."
    assert list(seller.saved_replies.values_list("title", flat=True)) == ["Alpha", "Zeta", "Thanks"]
    page = client.get(list_url(seller)).content.decode()
    assert titles_on(page, ["Thanks", "Zeta", "Alpha"]) == ["Alpha", "Zeta", "Thanks"]
    # The first offers no "up", the last no "down"; each button names its reply.
    assert page.count('value="up"') == 2
    assert page.count('value="down"') == 2
    assert 'Move up<span class="visually-hidden"> (Zeta)</span>' in page


def test_moving_settles_replies_that_share_a_position(world, client):
    seller = world.order.seller
    other = SavedReply.objects.create(seller=seller, title="Same", body="x", position=0)
    client.force_login(world.seller_owner)
    client.post(reverse("helpdesk:saved_reply_move", args=[other.pk]), {"direction": "up"})
    replies = list(seller.saved_replies.values_list("title", "position"))
    assert replies == [("Same", 0), ("Thanks", 1)]


def test_only_owners_move_and_only_up_or_down(world, client):
    url = reverse("helpdesk:saved_reply_move", args=[world.saved_reply.pk])
    client.force_login(world.seller_agent)
    assert client.post(url, {"direction": "down"}).status_code == 403
    client.force_login(world.other_seller_agent)
    assert client.post(url, {"direction": "down"}).status_code == 404
    client.force_login(world.seller_owner)
    assert client.post(url, {"direction": "sideways"}).status_code == 400


# Deleting ----------------------------------------------------------------------------------


def test_deleting_asks_once_before_it_deletes(world, client):
    client.force_login(world.seller_owner)
    url = reverse("helpdesk:saved_reply_delete", args=[world.saved_reply.pk])
    listing = client.get(reverse("helpdesk:saved_replies")).content.decode()
    assert f'href="{url}#saved-reply-{world.saved_reply.pk}"' in listing  # a link, not a form
    question = client.get(url).content.decode()
    assert "Delete this saved reply?" in question
    assert f'<form method="post" action="{url}"' in question
    assert SavedReply.objects.filter(pk=world.saved_reply.pk).exists()
    response = client.post(url)
    assert response["Location"] == list_url(world.order.seller)
    assert flashed(response) == ["Saved reply deleted."]
    assert not SavedReply.objects.filter(pk=world.saved_reply.pk).exists()


# Defaults ----------------------------------------------------------------------------------


def test_a_new_seller_gets_the_defaults_once_in_its_language():
    seller = SellerFactory(country="PL")
    created = saved_reply_create_defaults(seller=seller)
    assert saved_reply_create_defaults(seller=seller) == []
    with translation.override("pl"):
        expected = [(gettext(title), gettext(body)) for title, body in DEFAULTS]
    assert [(r.title, r.body) for r in created] == expected
    assert list(seller.saved_replies.values_list("title", "position")) == [
        (title, i) for i, (title, _body) in enumerate(expected)
    ]
    assert "{tracking_number}" in seller.saved_replies.first().body


def test_a_seller_outside_the_markets_gets_them_in_the_platforms_language():
    seller = SellerFactory(country="GB")
    saved_reply_create_defaults(seller=seller)
    titles = list(seller.saved_replies.values_list("title", flat=True))
    assert titles == [title for title, _body in default_replies(settings.LANGUAGE_CODE)]


def test_a_seller_with_saved_replies_gets_no_defaults(world):
    assert saved_reply_create_defaults(seller=world.order.seller) == []
    assert list(world.order.seller.saved_replies.values_list("title", flat=True)) == ["Thanks"]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_the_defaults_use_only_known_placeholders_in_every_language(language):
    """A translation that mistypes a placeholder would leave it unfilled for every seller
    of its markets."""
    known = {f"{{{name}}}" for name in PLACEHOLDERS}
    for title, body in default_replies(language):
        assert set(re.findall(r"\{[^{}]*\}", title + body)) <= known, (language, title)


def test_a_seller_added_in_the_console_gets_the_defaults(world, client):
    client.force_login(world.platform_admin)
    response = client.post(
        reverse("admin:accounts_seller_add"),
        {
            "company_name": "Nowy Sklep",
            "slug": "nowy-sklep",
            "country": "PL",
            "created_at_0": "2026-12-01",
            "created_at_1": "10:00:00",
            "members-TOTAL_FORMS": "0",
            "members-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    seller = Seller.objects.get(slug="nowy-sklep")
    titles = list(seller.saved_replies.values_list("title", flat=True))
    assert titles == [title for title, _body in default_replies("pl")]


def test_the_migration_numbers_replies_and_fills_sellers_that_have_none(world):
    seller = world.order.seller
    SavedReply.objects.create(seller=seller, title="Apology", body="Sorry", position=7)
    empty = SellerFactory(country="DE")
    migration = importlib.import_module("helpdesk.migrations.0016_savedreply_position")
    migration.number_and_fill(apps, connection.schema_editor())
    assert list(seller.saved_replies.values_list("title", "position")) == [
        ("Apology", 0),
        ("Thanks", 1),
    ]
    assert list(empty.saved_replies.values_list("title", flat=True)) == [
        title for title, _body in default_replies("de")
    ]
    assert list(world.other_order.seller.saved_replies.values_list("title", flat=True)) == ["Hi"]
