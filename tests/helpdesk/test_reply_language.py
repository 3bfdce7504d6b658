"""The reply-language check: a seller's reply not in the market's language is warned about
before sending, never blocked; short and mixed texts never warn (helpdesk.reply_language)."""

import uuid

import pytest
from django.urls import reverse
from django.utils import translation

from helpdesk.models import Message, Role
from helpdesk.reply_language import identify, language_warning, wrong_language
from helpdesk.services import thread_open
from orders.models import Market
from tests.factories import make_order

POLISH = "Dzień dobry, paczka została wysłana wczoraj kurierem i powinna dotrzeć w czwartek."
ENGLISH = "Hello, your parcel was shipped yesterday and should arrive on Thursday morning."
CZECH = "Dobrý den, zásilka byla odeslána včera a měla by dorazit ve čtvrtek dopoledne."
SLOVAK = "Dobrý deň, zásielka bola odoslaná včera a mala by doraziť vo štvrtok dopoludnia."


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (POLISH, "pl"),
        (ENGLISH, "en"),
        (CZECH, "cs"),
        (SLOVAK, "sk"),
        ("Bonjour, votre colis est parti ce matin, il arrivera jeudi.", "fr"),
        ("Guten Tag, Ihr Paket wurde heute verschickt und kommt am Donnerstag.", "de"),
        ("Jó napot, a csomagot ma feladtuk, csütörtökön érkezik meg.", "hu"),
        ("Bună ziua, coletul a fost expediat azi și ajunge joi.", "ro"),
        ("Hola, tu paquete salió esta mañana y llegará el jueves.", "es"),
        ("Ciao, il tuo pacco è partito stamattina e arriverà giovedì.", "it"),
    ],
)
def test_identifies_each_market_language(text, language):
    assert identify(text) == language


@pytest.mark.parametrize(
    "text",
    [
        "OK, thanks!",
        "Merci !",
        "DHL 00340434161234567890, https://marketplace.example/orders/2026-100-0001/",
        "",
    ],
)
def test_short_or_non_verbal_texts_are_not_identified(text):
    assert identify(text) is None


def test_mixed_text_with_a_sentence_in_the_expected_language_does_not_warn():
    mixed = f"{ENGLISH} {POLISH}"
    assert wrong_language(mixed, "pl") is None
    assert wrong_language(ENGLISH, "pl") == "en"
    assert wrong_language(POLISH, "pl") is None


def test_a_quoted_notice_in_another_language_does_not_warn():
    quoted = (
        'Dzień dobry, przewoźnik pisze: "Your parcel could not be delivered because nobody '
        'was at home, we will try again tomorrow morning".'
    )
    assert wrong_language(quoted, "pl") is None


def test_only_sellers_are_warned_and_the_warning_names_both_languages(db):
    poland = Market.objects.get(code="PL")
    with translation.override("en"):
        warning = language_warning(ENGLISH, role=Role.SELLER, market=poland)
        assert "Detected: English" in warning
        assert "market: Poland, language: Polish" in warning
        assert language_warning(ENGLISH, role=Role.BUYER, market=poland) is None
    with translation.override("pl"):
        warning = language_warning(ENGLISH, role=Role.SELLER, market=poland)
        assert "angielski" in warning
        assert "Polska" in warning


@pytest.fixture
def polish_thread(world):
    order = make_order(buyer=world.buyer, seller=world.order.seller, market_code="PL")
    return thread_open(order=order, buyer=world.buyer, topic="delivery", body=POLISH)


def test_the_draft_check_warns_a_seller_writing_in_another_language(polish_thread, as_persona):
    url = reverse("helpdesk:draft_check", args=[polish_thread.pk])
    seller = as_persona("seller_agent")
    html = seller.post(url, {"body": ENGLISH}, headers={"HX-Request": "true"}).content.decode()
    assert "language-warning" in html
    assert "Send anyway" in html
    quiet = seller.post(url, {"body": POLISH}, headers={"HX-Request": "true"}).content.decode()
    assert "language-warning" not in quiet


def test_a_reply_in_another_language_is_shown_back_once_then_sent_anyway(polish_thread, as_persona):
    url = reverse("helpdesk:reply", args=[polish_thread.pk])
    seller = as_persona("seller_agent")
    data = {"body": ENGLISH, "idempotency_key": str(uuid.uuid4())}
    response = seller.post(url, data, follow=True)
    assert response.redirect_chain[0][1] == 302
    assert "language-warning" in response.content.decode()
    assert not Message.objects.filter(thread=polish_thread, body=ENGLISH).exists()
    response = seller.post(url, {**data, "send_anyway": "1"})
    assert response.status_code == 302
    assert Message.objects.filter(thread=polish_thread, body=ENGLISH).count() == 1


def test_a_reply_in_the_market_language_is_sent_at_once(polish_thread, as_persona):
    url = reverse("helpdesk:reply", args=[polish_thread.pk])
    response = as_persona("seller_agent").post(
        url,
        {
            "body": "Dziękujemy, paczka jest już w drodze do Ciebie.",
            "idempotency_key": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 302
