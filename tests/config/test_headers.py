"""Headers every response carries (core.middleware)."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

POLICY = "default-src 'self'; script-src 'self'; style-src 'self'"


@pytest.mark.parametrize(
    ("persona", "url", "headers"),
    [
        ("anonymous", "/accounts/login/", {}),
        ("buyer", "/requests/", {}),
        ("seller_agent", "/seller/inbox/", {}),
        ("seller_agent", "/seller/inbox/counts/", {"HTTP_HX_REQUEST": "true"}),
        ("platform_admin", "/admin/", {}),
        ("platform_admin", "/admin/helpdesk/thread/", {}),
        ("anonymous", "/no-such-page/", {}),
    ],
)
def test_every_page_has_the_strict_policy(world, client, persona, url, headers):
    """Issue 11 (4). Failed before: only attachments had a Content-Security-Policy."""
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    response = client.get(url, **headers)
    policy = response["Content-Security-Policy"]
    assert policy.startswith(POLICY)
    assert "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy


def test_a_file_keeps_its_own_stricter_policy(world, client):
    client.force_login(world.buyer)
    response = client.get(reverse("helpdesk:attachment", args=[world.attachment.pk]))
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "sandbox" in response["Content-Security-Policy"]


def test_no_script_can_read_the_csrf_cookie(client):
    response = client.get("/accounts/login/")
    assert settings.CSRF_COOKIE_HTTPONLY
    assert response.cookies[settings.CSRF_COOKIE_NAME]["httponly"]
