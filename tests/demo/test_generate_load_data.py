"""generate_load_data (issue 12): realistic conversations in bulk that keep every rule the
services keep (constraints, the hash chain, clocks and the inbox fields), searchable."""

import string

import pytest
from django.db import connection, transaction
from django.db.models import Count

from accounts.models import Seller, User
from demo.loadgen.generate import LONG_THREAD, LoadDataExists, big_share, load_data_generate
from demo.loadgen.language import SLOTS, TEXT_KEYS
from demo.loadgen.texts import LANGUAGES
from demo.management.commands.bench_search import PUNCTUATION
from helpdesk.history import history_verify
from helpdesk.models import Message, Thread
from helpdesk.search import conversation_search
from helpdesk.services import REPLY_STATES
from orders.markets import MARKETS
from orders.models import Order, Shipment
from sla import clocks
from sla.models import ResponseClock

THREADS = 80


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """THREADS generated conversations, once for the module (rolled back at its end)."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            report = load_data_generate(
                threads=THREADS, seed=7, batch=30, background=False, vacuum=False
            )
            # Foreign keys are checked at commit (deferred): check them now.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            yield report
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_every_market_language_has_every_text_with_known_slots():
    assert {market.language for market in MARKETS} <= set(LANGUAGES)
    values = dict.fromkeys(SLOTS, "x")
    for code, language in LANGUAGES.items():
        assert set(language.texts) == set(TEXT_KEYS), code
        for key, variants in language.texts.items():
            assert variants, (code, key)
            for text in variants:
                used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
                assert used <= SLOTS, (code, key, text)
                text.format_map(values)


@pytest.mark.django_db
def test_the_generated_history_holds_and_every_foreign_key_resolves(loaded):
    check = history_verify()
    assert check.intact
    assert check.threads == THREADS
    assert check.messages == loaded.messages


@pytest.mark.django_db
def test_conversations_have_about_five_messages_opened_by_the_buyer(loaded):
    counts = (
        Thread.objects.exclude(pk=loaded.long_thread)
        .annotate(n=Count("messages"))
        .values_list("n", flat=True)
    )
    assert 4.2 <= sum(counts) / (THREADS - 1) <= 5.8
    for thread in Thread.objects.prefetch_related("messages"):
        first = thread.messages.all()[0]
        assert (first.author_role, first.kind) == ("buyer", "text")
        assert first.created_at == thread.created_at
        assert first.author_id == thread.buyer_id


@pytest.mark.django_db
def test_one_big_seller_has_its_share_and_a_thread_of_a_hundred_messages(loaded):
    big = Seller.objects.get(pk=loaded.big_seller)
    assert big.slug == "load-r1-big"
    assert Thread.objects.filter(seller=big).count() == loaded.big_threads == big_share(THREADS)
    assert big_share(20_000) == 4_000
    assert big_share(1_000_000) == 20_000
    long = Thread.objects.get(pk=loaded.long_thread)
    assert long.seller_id == big.pk
    assert long.messages.count() == LONG_THREAD == 100
    agent = User.objects.filter(memberships__seller=big, memberships__role="agent").first()
    assert Thread.objects.visible_to(agent).filter(pk=long.pk).exists()


@pytest.mark.django_db
def test_each_threads_inbox_fields_are_what_its_clocks_say(loaded):
    """As helpdesk.services._sync_clock_fields would have left them."""
    assert ResponseClock.objects.count() == loaded.clocks
    for thread in Thread.objects.all():
        state = clocks.clock_state(thread.pk)
        if state.running:
            waiting = "in_review" if state.pending else "awaiting"
            expected = (waiting, state.awaiting_since, state.due_at)
        else:
            expected = (REPLY_STATES[state.last_outcome], None, None)
        assert (thread.reply_state, thread.awaiting_reply_since, thread.due_at) == expected


@pytest.mark.django_db
def test_answered_clocks_close_at_the_sellers_answer(loaded):
    answered = ResponseClock.objects.filter(outcome="answered").select_related("closed_by")
    assert answered.exists()
    for clock in answered:
        assert clock.closed_by.author_role == "seller"
        assert clock.closed_at == clock.closed_by.created_at >= clock.opened_at
        assert clock.response_seconds is not None
        assert clock.warn_at <= clock.due_at


@pytest.mark.django_db
def test_orders_are_in_their_markets_currency_and_the_closed_threads_say_so(loaded):
    for order in Order.objects.select_related("market"):
        assert order.currency == order.market.currency
        assert order.total == order.subtotal + order.shipping_cost
    for thread in Thread.objects.filter(status="closed"):
        last = thread.messages.order_by("-id").first()
        assert last.data == {"event": "closed"}
        assert thread.closed_at == last.created_at
        assert thread.closed_by_role == last.author_role
    assert Shipment.objects.exists()


@pytest.mark.django_db
def test_messages_are_written_in_their_markets_language_and_found_by_phrase(loaded):
    third = (
        Message.objects.filter(kind="text")
        .select_related("thread__market")
        .order_by("thread_id", "id")
    )
    by_thread: dict[int, list[Message]] = {}
    for message in third:
        by_thread.setdefault(message.thread_id, []).append(message)
    targets = [messages[2] for messages in by_thread.values() if len(messages) >= 3][:10]
    assert len(targets) == 10
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, search_language FROM helpdesk_message WHERE id = ANY(%s)",
            [[m.pk for m in targets]],
        )
        languages = dict(cursor.fetchall())
    for message in targets:
        assert languages[message.pk] == message.thread.market.language
        # Copied as a person copies words (bench_search): "J'ai" whole, not "J ai".
        words = [word.strip(PUNCTUATION) for word in message.body.split()[:4]]
        found = conversation_search(f'"{" ".join(words)}"').message_count
        assert found >= 1, words


@pytest.mark.django_db
def test_a_second_run_is_refused_unless_asked_for_more(loaded):
    with pytest.raises(LoadDataExists):
        load_data_generate(threads=1, background=False, vacuum=False)
    report = load_data_generate(threads=2, again=True, background=False, vacuum=False)
    assert report.run == 2
    assert Seller.objects.filter(slug__startswith="load-r2-").exists()
