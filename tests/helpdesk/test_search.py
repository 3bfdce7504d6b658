"""Staff search over conversations (issue 12): by order number (a fragment too), tracking
number, people, and what the messages say (phrases, accents folded, each market's stemmer),
ranked, with HTML-safe snippets; for the staff who may read conversations, every search in
the access log."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse

from audit.models import StaffAccess
from helpdesk.models import Message, Role
from helpdesk.search import conversation_search, page_number, safe_snippet
from helpdesk.services import message_post, note_post, status_update_post, thread_open
from orders.markets import MARKETS
from tests.factories import UserFactory, make_order

SEARCH = "admin:helpdesk_thread_search"


@pytest.fixture
def world(shared_world, db):
    return shared_world


@pytest.fixture(scope="module")
def corpus(shared_world, django_db_blocker):
    """Conversations in French, German and Polish markets, built once for the module."""
    with django_db_blocker.unblock():
        return _corpus(shared_world)


def _corpus(world):
    seller = world.order.seller
    fr = thread_open(
        order=make_order(buyer=world.buyer, seller=seller, number="2026-417-5503"),
        buyer=world.buyer,
        topic="complaint",
        body="Bonjour, ma réclamation concerne le colis : les verres sont endommagés.",
    )
    phrase = message_post(
        thread=fr,
        author=world.buyer,
        role=Role.BUYER,
        body="To be clear: the parcel arrived broken, the box was crushed.",
    )
    apart = message_post(
        thread=world.other_thread,
        author=world.other_buyer,
        role=Role.BUYER,
        body="Broken promises: the parcel never arrived on time, then it arrived late.",
    )
    html = message_post(
        thread=fr,
        author=world.buyer,
        role=Role.BUYER,
        body="<script>alert('x')</script> Le carton & le colis <b>mouillés</b>.",
    )
    note = note_post(
        thread=fr, author=world.seller_agent, body="Cliente fidèle : geste commercial possible."
    )
    update = status_update_post(
        order=fr.order,
        author=world.seller_agent,
        update={
            "type": "refund_issued",
            "amount": Decimal("10.00"),
            "currency": "EUR",
            "note": "Remboursement partiel pour la lampe rayée.",
        },
        thread=fr,
    )
    held = message_post(
        thread=fr,
        author=world.seller_agent,
        role=Role.SELLER,
        body="Appelez-moi au 06 12 34 56 78 pour le remboursement du vase fêlé.",
    )
    german_buyer = UserFactory(email="klara.weiss@example.de", name="Klara Weiß")
    de = thread_open(
        order=make_order(buyer=german_buyer, seller=seller, market_code="DE", shipped=True),
        buyer=german_buyer,
        topic="return",
        body="Die Lieferungen kamen beschädigt an, die Rücksendung ist unterwegs.",
    )
    polish_buyer = UserFactory(email="zofia.lis@example.pl", name="Zofia Lis")
    pl = thread_open(
        order=make_order(buyer=polish_buyer, seller=seller, market_code="PL"),
        buyer=polish_buyer,
        topic="delivery",
        body="Paczka dotarła uszkodzona, proszę o zwrot pieniędzy.",
    )
    return {
        "fr": fr,
        "de": de,
        "pl": pl,
        "phrase": phrase,
        "apart": apart,
        "html": html,
        "note": note,
        "update": update,
        "held": held,
    }


def message_ids(query, **kwargs):
    return [hit.message.pk for hit in conversation_search(query, **kwargs).messages]


def thread_ids(query, **kwargs):
    return {thread.pk for thread in conversation_search(query, **kwargs).threads}


# Threads by order, tracking number, people ------------------------------------------------


def test_a_fragment_of_an_order_number_finds_its_thread(world, corpus):
    assert thread_ids("417-55") == {corpus["fr"].pk}
    assert thread_ids("100-0001") == {world.thread.pk}  # the middle and end digits
    assert thread_ids("2026-417-5503") == {corpus["fr"].pk}


def test_a_fragment_shorter_than_three_characters_matches_whole_numbers_only(world, corpus):
    assert thread_ids("41") == set()


def test_a_tracking_number_finds_the_thread_of_its_order(world, corpus):
    # world.order and the German order were shipped with the same (test) tracking number.
    assert thread_ids("6A12345678901") == {world.thread.pk, corpus["de"].pk}
    assert thread_ids("2345678") == {world.thread.pk, corpus["de"].pk}
    assert thread_ids("2345678", market="DE") == {corpus["de"].pk}


def test_buyers_are_found_by_email_or_name_accents_folded(world, corpus):
    assert thread_ids("other.buyer@example") == {world.other_thread.pk}
    assert thread_ids("otto oth") == {world.other_thread.pk}
    assert thread_ids("klara weiss") == {corpus["de"].pk}  # Klara Weiß
    assert thread_ids("klara weis") == {corpus["de"].pk}
    assert thread_ids("ZOFIA.LIS@") == {corpus["pl"].pk}


def test_sellers_are_found_by_company_or_a_team_members_email(world, corpus):
    mine = {world.thread.pk, corpus["fr"].pk, corpus["de"].pk, corpus["pl"].pk}
    assert thread_ids("maison tes") == mine
    assert thread_ids("owner@example.com") == mine  # the seller's owner
    assert thread_ids("autre vendeur") == {world.other_thread.pk}
    assert thread_ids("other.agent@") == {world.other_thread.pk}


def test_like_wildcards_typed_are_taken_literally(world, corpus):
    assert thread_ids("2026%5503") == set()
    assert thread_ids("____-417") == set()


# What messages say --------------------------------------------------------------------------


def test_a_phrase_in_quotes_finds_only_messages_with_that_phrase(corpus):
    assert message_ids('"parcel arrived broken"') == [corpus["phrase"].pk]


def test_words_without_quotes_find_every_message_with_them_the_closest_first(corpus):
    assert message_ids("parcel arrived broken") == [corpus["phrase"].pk, corpus["apart"].pk]


def test_accents_do_not_matter_either_way(corpus):
    assert message_ids("reclamation") == [corpus["fr"].messages.earliest("id").pk]
    assert message_ids("RÉCLAMATION") == message_ids("reclamation")
    assert message_ids("dotarla") == [corpus["pl"].messages.get().pk]


def test_french_and_german_words_are_found_in_other_forms(corpus):
    opening = corpus["fr"].messages.earliest("id").pk
    assert message_ids("verre endommagé", market="FR") == [opening]
    assert message_ids("Lieferung beschädigt") == [corpus["de"].messages.get().pk]
    assert message_ids("rucksendungen") == [corpus["de"].messages.get().pk]


def test_polish_is_matched_word_for_word(corpus):
    """PostgreSQL has no Polish stemmer: another form of a word is another word."""
    assert message_ids("uszkodzona") == [corpus["pl"].messages.get().pk]
    assert message_ids("uszkodzony") == []


def test_notes_status_update_notes_and_held_messages_are_searched(corpus):
    assert message_ids("geste commercial") == [corpus["note"].pk]
    assert message_ids("lampe rayee") == [corpus["update"].pk]
    assert message_ids("vase fêlé") == [corpus["held"].pk]
    hit = conversation_search("vase fêlé").messages[0]
    assert hit.withheld


def test_a_market_filter_keeps_its_markets_messages(corpus):
    assert message_ids("colis", market="DE") == []
    assert set(message_ids("colis", market="FR")) == {
        corpus["fr"].messages.earliest("id").pk,
        corpus["html"].pk,
    }


def test_stop_words_are_words_of_a_phrase_like_any_other(corpus):
    opening = corpus["fr"].messages.earliest("id").pk
    assert message_ids('"concerne le colis"') == [opening]
    assert message_ids('"concerne colis"') == []
    assert message_ids('"sont endommagés"') == [opening]


def test_a_search_with_nothing_to_look_for_searches_no_message(corpus):
    for query in ("-colis", "-colis -carton", '" , "'):
        results = conversation_search(query)
        assert not results.has_words, query
        assert results.messages == []


def test_each_message_is_indexed_in_its_markets_language(corpus):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, search_language FROM helpdesk_message WHERE id = ANY(%s)",
            [[corpus["phrase"].pk, corpus["de"].messages.get().pk, corpus["pl"].messages.get().pk]],
        )
        languages = dict(cursor.fetchall())
    assert languages == {
        corpus["phrase"].pk: "fr",
        corpus["de"].messages.get().pk: "de",
        corpus["pl"].messages.get().pk: "pl",
    }


def test_every_market_language_has_its_configuration(db):
    stemmed = {"fr": "french", "de": "german", "es": "spanish", "it": "italian"}
    stemmed |= {"hu": "hungarian", "ro": "romanian"}
    with connection.cursor() as cursor:
        for market in MARKETS:
            cursor.execute("SELECT public.helpdesk_search_config(%s)::text", [market.language])
            expected = stemmed.get(market.language, "simple")
            assert cursor.fetchone()[0] == f"helpdesk_{expected}", market.code


# Snippets and the page ----------------------------------------------------------------------


def test_snippets_mark_the_words_found_in_the_text_as_written(corpus):
    hit = conversation_search("reclamation").messages[0]
    assert "ma <mark>réclamation</mark> concerne" in hit.snippet


def test_snippets_are_escaped_before_words_are_marked(corpus, admin_client):
    hit = conversation_search("carton").messages[0]
    assert hit.message.pk == corpus["html"].pk
    assert "script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in hit.snippet
    assert "<mark>carton</mark> &amp; le colis &lt;b&gt;mouillés" in hit.snippet
    html = admin_client.get(reverse(SEARCH), {"q": "carton"}).content.decode()
    assert "script&gt;alert(&#x27;x&#x27;)" in html
    assert "<script>alert" not in html


def test_a_snippet_with_markup_other_than_marks_is_escaped_whole():
    assert safe_snippet("a <mark>b</mark> c") == "a <mark>b</mark> c"
    assert safe_snippet("<mark>b</mark><img src=x>") == (
        "&lt;mark&gt;b&lt;/mark&gt;&lt;img src=x&gt;"
    )


def test_each_result_opens_the_thread_at_its_message(corpus, admin_client):
    html = admin_client.get(reverse(SEARCH), {"q": '"parcel arrived broken"'}).content.decode()
    thread_page = reverse("admin:helpdesk_thread_change", args=[corpus["fr"].pk])
    assert f'href="{thread_page}#message-{corpus["phrase"].pk}"' in html
    assert "2026-417-5503" in html


def test_results_come_a_page_at_a_time(corpus, settings, monkeypatch):
    monkeypatch.setattr("helpdesk.search.PAGE_SIZE", 1)
    first = conversation_search("parcel arrived broken")
    second = conversation_search("parcel arrived broken", page=2)
    beyond = conversation_search("parcel arrived broken", page=3)
    assert [first.message_count, second.message_count, beyond.message_count] == [2, 2, 2]
    assert [h.message.pk for h in first.messages + second.messages] == [
        corpus["phrase"].pk,
        corpus["apart"].pk,
    ]
    assert beyond.messages == []
    assert (first.next_page, second.previous_page, second.next_page) == (2, 1, None)


def test_more_matches_than_can_be_ranked_are_listed_newest_first(corpus, monkeypatch, admin_client):
    monkeypatch.setattr("helpdesk.search.RANKED", 1)
    results = conversation_search("colis")
    assert results.more_than_ranked
    assert [hit.message.pk for hit in results.messages] == [
        corpus["html"].pk,
        corpus["fr"].messages.earliest("id").pk,
    ]
    html = admin_client.get(reverse(SEARCH), {"q": "colis"}).content.decode()
    assert "More than 1 messages found" in html
    assert "the newest are listed first" in html


@pytest.mark.parametrize(
    ("value", "page"),
    [(None, 1), ("", 1), ("3", 3), ("0", 1), ("-2", 1), ("x", 1), ("²", 1), ("999", 50)],
)
def test_a_page_parameter_that_names_no_page_gives_the_first_or_the_last(value, page):
    assert page_number(value) == page


def test_the_page_costs_the_same_queries_whatever_it_finds(
    corpus, admin_client, django_assert_num_queries
):
    admin_client.get(reverse(SEARCH), {"q": "x"})  # the session, once
    with django_assert_num_queries(13):
        one = admin_client.get(reverse(SEARCH), {"q": "reclamation"}).context["results"]
    for n in range(25):
        message_post(
            thread=corpus["fr"], author=corpus["fr"].buyer, role=Role.BUYER, body=f"colis {n}"
        )
    with django_assert_num_queries(13):
        many = admin_client.get(reverse(SEARCH), {"q": "colis"}).context["results"]
    assert (one.message_count, many.message_count) == (1, 27)
    assert len(many.messages) == 20


# Who may search, and the record of it ----------------------------------------------------


@pytest.mark.parametrize(("role", "status"), [("", 403), ("Auditor", 200), ("Moderator", 200)])
def test_staff_search_if_their_role_lets_them_read_conversations(world, client, role, status):
    staff = UserFactory(is_staff=True)
    if role:
        staff.groups.add(Group.objects.get(name=role))
    client.force_login(staff)
    assert client.get(reverse(SEARCH), {"q": "colis"}).status_code == status


def test_people_who_are_not_staff_are_sent_to_the_consoles_log_in(world, client):
    client.force_login(world.seller_agent)
    response = client.get(reverse(SEARCH), {"q": "colis"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_every_search_is_in_the_access_log(world, corpus, admin_client):
    admin_client.get(reverse(SEARCH))  # the empty form: nothing searched
    admin_client.get(reverse(SEARCH), {"q": "  417-55 "})
    admin_client.get(reverse(SEARCH), {"q": "colis", "market": "FR", "page": "2"})
    rows = StaffAccess.objects.order_by("id").values_list("user_id", "action", "detail")
    assert list(rows) == [
        (world.platform_admin.pk, "search", "417-55"),
        (world.platform_admin.pk, "search", "colis"),
    ]


# The lists' own search boxes --------------------------------------------------------------


def test_the_thread_lists_search_box_uses_the_same_lookups(world, corpus, admin_client):
    url = reverse("admin:helpdesk_thread_changelist")
    found = admin_client.get(url, {"q": "417-55"}).context["cl"].result_list
    assert [t.pk for t in found] == [corpus["fr"].pk]
    found = admin_client.get(url, {"q": "Rücksendung"}).context["cl"].result_list
    assert [t.pk for t in found] == [corpus["de"].pk]
    assert StaffAccess.objects.filter(action="search", detail="Rücksendung").exists()


def test_the_message_lists_search_box_finds_words_and_threads(world, corpus, admin_client):
    url = reverse("admin:helpdesk_message_changelist")
    found = admin_client.get(url, {"q": '"parcel arrived broken"'}).context["cl"].result_list
    assert [m.pk for m in found] == [corpus["phrase"].pk]
    found = admin_client.get(url, {"q": "zofia.lis"}).context["cl"].result_list
    assert [m.pk for m in found] == list(
        Message.objects.filter(thread=corpus["pl"]).values_list("pk", flat=True)
    )


def test_a_list_says_when_too_many_messages_say_the_words(world, corpus, admin_client, monkeypatch):
    monkeypatch.setattr("helpdesk.search.RANKED", 1)
    response = admin_client.get(reverse("admin:helpdesk_thread_changelist"), {"q": "colis"})
    assert list(response.context["cl"].result_list) == []
    warning = [str(m) for m in response.context["messages"]]
    assert len(warning) == 1
    assert "More than 1 messages say this" in warning[0]
    assert f'href="{reverse(SEARCH)}?q=colis"' in warning[0]


def test_the_console_links_to_the_search_from_its_front_page_and_the_thread_list(
    world, admin_client
):
    url = reverse(SEARCH)
    assert f'action="{url}"' in admin_client.get(reverse("admin:index")).content.decode()
    threads = admin_client.get(reverse("admin:helpdesk_thread_changelist")).content.decode()
    assert f'href="{url}"' in threads
