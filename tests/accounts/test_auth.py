import pytest
from django.contrib.auth.hashers import identify_hasher
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts.models import User
from orders.models import Market
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login(client, email, password=PASSWORD):
    return client.post(reverse("accounts:login"), {"username": email, "password": password})


def test_people_log_in_with_their_email_in_any_case(client):
    UserFactory(email="claire@example.com")
    response = login(client, "Claire@Example.COM")
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_wrong_password_says_so_without_revealing_which_part(client):
    UserFactory(email="claire@example.com")
    response = login(client, "claire@example.com", "not the password")
    assert response.status_code == 200
    assert "do not match an account" in response.content.decode()


def test_login_is_throttled_after_five_failures_even_with_the_right_password(client, settings):
    UserFactory(email="claire@example.com")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "claire@example.com", "guess")
    response = login(client, "claire@example.com")
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "variant", ["CLAIRE@example.com", "  claire@EXAMPLE.com ", "Claire@Example.Com"]
)
def test_the_lockout_counts_an_address_in_any_case_as_one(client, settings, variant):
    """Issue 11 (1). Failed before: axes counted "CLAIRE@example.com" apart from
    "claire@example.com" and kept checking its password, while log-in ignores case."""
    UserFactory(email="claire@example.com")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, variant if attempt % 2 else "claire@example.com", "guess")
    response = login(client, variant)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_throttling_one_account_does_not_lock_out_another(client, settings):
    UserFactory(email="claire@example.com")
    UserFactory(email="other@example.com")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "claire@example.com", "guess")
    assert login(client, "other@example.com").status_code == 302


def test_emails_are_stored_lower_case_and_unique():
    user = User.objects.create_user("Mixed@Example.com", "x", name="M")
    assert user.email == "mixed@example.com"
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user("MIXED@example.com", "x", name="M2")


def test_production_hashes_passwords_with_argon2():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    user = User(email="a@example.com")
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        user.set_password("a long passphrase")
        assert identify_hasher(user.password).algorithm == "argon2"


def test_password_change_keeps_the_user_logged_in(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a new long passphrase",
            "new_password2": "a new long passphrase",
        },
    )
    assert response["Location"] == reverse("accounts:password_change_done")
    user.refresh_from_db()
    assert user.check_password("a new long passphrase")
    assert client.get(reverse("orders:my_orders")).status_code == 200


def test_logout_needs_a_post_and_ends_the_session(client):
    client.force_login(UserFactory())
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("orders:my_orders")).status_code == 302


def test_choosing_a_language_is_remembered_for_the_user(client):
    user = UserFactory(preferred_language="en")
    client.force_login(user)
    response = client.post(
        reverse("accounts:language"), {"language": "fr", "next": reverse("orders:my_orders")}
    )
    assert response["Location"] == reverse("orders:my_orders")
    user.refresh_from_db()
    assert user.preferred_language == "fr"
    html = client.get(reverse("orders:my_orders")).content.decode()
    assert '<html lang="fr">' in html
    assert "Mes commandes" in html


def test_the_user_preference_wins_over_the_browser(client):
    client.force_login(UserFactory(preferred_language="fr"))
    response = client.get(reverse("orders:my_orders"), headers={"accept-language": "en"})
    assert response["Content-Language"] == "fr"


@pytest.mark.parametrize(
    ("preference", "market", "browser", "expected"),
    [
        ("", "PL", "fr", "pl"),  # no choice made: the market's language, not the browser's
        ("", "HU", "en", "hu"),
        ("de", "PL", "fr", "de"),  # the person's own choice wins
        ("", None, "cs-CZ,cs;q=0.9", "cs"),  # neither: the browser's
    ],
)
def test_language_is_the_preference_else_the_market_s_else_the_browser_s(
    client, preference, market, browser, expected
):
    user = UserFactory(preferred_language=preference)
    user.market = Market.objects.get(code=market) if market else None
    user.save()
    client.force_login(user)
    response = client.get(reverse("orders:my_orders"), headers={"accept-language": browser})
    assert response["Content-Language"] == expected
    assert f'<html lang="{expected}">' in response.content.decode()


def test_the_switch_offers_the_ten_languages_each_in_its_own_name(client):
    client.force_login(UserFactory(preferred_language=""))
    html = client.get(reverse("orders:my_orders")).content.decode()
    for code, name in [
        ("en", "English"),
        ("fr", "Français"),
        ("de", "Deutsch"),
        ("pl", "Polski"),
        ("cs", "Čeština"),
        ("sk", "Slovenčina"),
        ("hu", "Magyar"),
        ("ro", "Română"),
        ("es", "Español"),
        ("it", "Italiano"),
    ]:
        assert f'value="{code}" lang="{code}"' in html
        assert name in html


def test_e_mails_follow_the_same_rule(world):
    world.buyer.preferred_language = ""
    world.buyer.market = Market.objects.get(code="RO")
    world.buyer.save()
    assert world.buyer.reading_language() == "ro"
    world.buyer.market = None
    assert world.buyer.reading_language() is None


def test_visitors_get_the_browser_language(client):
    response = client.get("/", headers={"accept-language": "fr-FR,fr;q=0.9"})
    assert response["Content-Language"] == "fr"
    assert "Se connecter" in response.content.decode()


def test_language_switch_refuses_foreign_redirects(client):
    response = client.post(
        reverse("accounts:language"), {"language": "fr", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


@pytest.mark.parametrize(
    ("persona", "landing"),
    [
        ("seller_agent", "/seller/inbox/"),
        ("seller_owner", "/seller/inbox/"),
        ("platform_admin", "/admin/"),
        ("buyer", "/orders/"),
    ],
)
def test_after_logging_in_each_persona_lands_where_its_work_is(world, client, persona, landing):
    response = client.post(
        reverse("accounts:login"),
        {"username": getattr(world, persona).email, "password": PASSWORD},
        follow=True,
    )
    assert [url for url, _ in response.redirect_chain] == ["/", landing]
