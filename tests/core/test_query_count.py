"""The X-Query-Count header of make bench (core.query_count): only when asked for."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse


@pytest.mark.django_db
def test_responses_carry_no_query_count_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert "X-Query-Count" not in response.headers


@pytest.mark.django_db
@override_settings(BENCH_QUERY_COUNT=True)
def test_with_the_setting_each_response_says_how_many_queries_it_ran(world):
    client = Client()  # a new handler: the middleware is set up when it first serves
    client.force_login(world.buyer)
    anonymous = Client().get(reverse("accounts:login"))
    assert anonymous.headers["X-Query-Count"].isdigit()
    page = client.get(reverse("helpdesk:my_requests"))
    assert page.status_code == 200
    # The session and the user at least, more than the login page asks for.
    assert int(page.headers["X-Query-Count"]) > int(anonymous.headers["X-Query-Count"])
