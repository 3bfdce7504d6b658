from datetime import UTC, datetime

import pytest
from django.urls import reverse

from accounts.models import SellerMember
from orders.models import Market
from tests.factories import SellerFactory, SellerMemberFactory, UserFactory, make_order

pytestmark = pytest.mark.django_db


def test_my_orders_lists_only_my_orders_newest_first(world, as_persona, django_assert_num_queries):
    older = make_order(
        buyer=world.buyer,
        seller=world.order.seller,
        number="2026-100-0000",
        placed_at=datetime(2026, 1, 5, tzinfo=UTC),
    )
    client = as_persona("buyer")
    response = client.get(reverse("orders:my_orders"))
    numbers = [order.number for order in response.context["page"].object_list]
    assert numbers == [world.order.number, older.number]
    assert world.other_order.number not in response.content.decode()


def test_my_orders_page_costs_the_same_queries_for_3_or_30_orders(
    world, client, django_assert_num_queries
):
    client.force_login(world.buyer)
    client.get(reverse("orders:my_orders"))  # warm the session
    for _ in range(2):
        make_order(buyer=world.buyer, seller=world.order.seller)
    # session, user, market, seller workspace check, count, page of orders (sellers and
    # markets joined)
    with django_assert_num_queries(6):
        client.get(reverse("orders:my_orders"))
    for _ in range(27):
        make_order(buyer=world.buyer, seller=world.order.seller)
    with django_assert_num_queries(6):
        response = client.get(reverse("orders:my_orders"))
    assert len(response.context["page"].object_list) == 20
    assert response.context["page"].paginator.num_pages == 2


def test_order_page_shows_lines_totals_and_tracking(world, as_persona):
    response = as_persona("buyer").get(reverse("orders:detail", args=[world.order.number]))
    html = response.content.decode()
    assert "Product 1" in html
    assert "SKU-1" in html
    assert "24,89\xa0€" in html  # 19.99 + 4.90, as the euro is written in France
    assert "6A12345678901" in html
    assert "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901" in html


def test_order_page_amounts_are_in_the_market_currency(world, as_persona):
    order = make_order(
        buyer=world.buyer,
        seller=world.order.seller,
        market_code="HU",
        prices=("12000",),
        shipping="1500",
    )
    html = as_persona("buyer").get(reverse("orders:detail", args=[order.number])).content.decode()
    assert "13\xa0500\xa0Ft" in html  # as forints are written in Hungary, whoever reads


def test_dates_are_shown_in_the_viewer_market_time_zone(world, client):
    # 23:30 UTC on 31 Jan is 00:30 on 1 Feb in Paris and 01:30 in Bucharest.
    order = make_order(
        buyer=world.buyer,
        seller=world.order.seller,
        placed_at=datetime(2026, 1, 31, 23, 30, tzinfo=UTC),
    )
    url = reverse("orders:detail", args=[order.number])
    client.force_login(world.buyer)  # FR market
    # English, in the day-first form (config/formats/en), never "02/01/2026".
    assert "1 February 2026, 00:30" in client.get(url).content.decode()
    world.seller_agent.market = Market.objects.get(code="RO")
    world.seller_agent.save()
    client.force_login(world.seller_agent)
    assert "1 February 2026, 01:30" in client.get(url).content.decode()


def test_seller_sees_buyer_and_buyer_sees_seller(world, as_persona):
    url = reverse("orders:detail", args=[world.order.number])
    assert "Buyer: Bea Buyer" in as_persona("seller_agent").get(url).content.decode()
    assert "Sold by Maison Test" in as_persona("buyer").get(url).content.decode()


def test_seller_orders_lists_only_the_team_orders(world, as_persona):
    html = as_persona("seller_agent").get(reverse("orders:seller_orders")).content.decode()
    assert world.order.number in html
    assert world.other_order.number not in html


def test_seller_orders_filter_by_market_and_status(world, as_persona):
    seller = world.order.seller
    pl = make_order(buyer=world.buyer, seller=seller, market_code="PL", number="PL-1")
    de_shipped = make_order(
        buyer=world.buyer, seller=seller, market_code="DE", number="DE-1", shipped=True
    )
    client = as_persona("seller_agent")

    def numbers(**params):
        response = client.get(reverse("orders:seller_orders"), params)
        return {o.number for o in response.context["page"].object_list}

    assert numbers() == {world.order.number, pl.number, de_shipped.number}
    assert numbers(market="PL") == {pl.number}
    assert numbers(status="shipped") == {world.order.number, de_shipped.number}
    assert numbers(market="DE", status="placed") == set()
    assert numbers(q="de-") == {de_shipped.number}


def test_seller_orders_htmx_request_gets_only_the_list(world, as_persona):
    response = as_persona("seller_agent").get(
        reverse("orders:seller_orders"), {"market": "FR"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="order-list"')
    assert "<html" not in html
    assert world.order.number in html


def test_seller_orders_page_query_count_does_not_grow(world, client, django_assert_num_queries):
    client.force_login(world.seller_agent)
    client.get(reverse("orders:seller_orders"))
    for _ in range(25):
        make_order(buyer=UserFactory(), seller=world.order.seller)
    # session, user, market, workspace sellers, header sellers, inbox badge, sanctions
    # banner, markets (filter choices), count, page
    with django_assert_num_queries(10):
        response = client.get(reverse("orders:seller_orders"))
    assert len(response.context["page"].object_list) == 20


def test_member_of_two_sellers_can_filter_by_seller(world, as_persona):
    second = SellerFactory(company_name="Second Shop", slug="second-shop")
    SellerMemberFactory(user=world.seller_agent, seller=second, role=SellerMember.Role.OWNER)
    theirs = make_order(buyer=world.buyer, seller=second, number="SEC-1")
    client = as_persona("seller_agent")
    response = client.get(reverse("orders:seller_orders"))
    assert {o.number for o in response.context["page"].object_list} == {
        world.order.number,
        theirs.number,
    }
    response = client.get(reverse("orders:seller_orders"), {"seller": "second-shop"})
    assert [o.number for o in response.context["page"].object_list] == [theirs.number]
    # Someone else's seller is not a valid choice: the filter is ignored, nothing leaks.
    response = client.get(reverse("orders:seller_orders"), {"seller": "autre-vendeur"})
    assert world.other_order.number not in response.content.decode()


def test_home_sends_people_where_they_work(world, as_persona):
    assert as_persona("buyer").get("/")["Location"] == reverse("orders:my_orders")
    assert as_persona("seller_agent").get("/")["Location"] == reverse("helpdesk:inbox")
    assert as_persona("platform_admin").get("/")["Location"] == reverse("admin:index")
    assert b"Log in" in as_persona("anonymous").get("/").content


def test_market_filter_names_markets_in_the_reader_language(world, client):
    world.seller_agent.preferred_language = "fr"
    world.seller_agent.save()
    client.force_login(world.seller_agent)
    html = client.get(reverse("orders:seller_orders")).content.decode()
    assert "DE · Allemagne" in html
