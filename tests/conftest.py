"""Personas shared by every test (STYLE.md): buyer, other_buyer, seller_agent,
seller_owner (the agent's shop's owner), other_seller_agent, platform_admin, anonymous; and
the orders between them."""

import importlib
import os
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, connections, transaction
from django.test import Client
from django.test.utils import setup_databases, teardown_databases
from django.utils import translation
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from accounts.models import SellerAbsence, SellerMember, User
from accounts.services import absence_record
from helpdesk.models import Attachment, SavedReply, Thread
from helpdesk.services import thread_open
from orders.models import Order
from tests.factories import (
    SellerFactory,
    SellerMemberFactory,
    UserFactory,
    make_order,
    png_upload,
)

# Property tests draw the same examples on every run, so that the suite is never flaky: a new
# example that fails belongs to whoever explores, not to an unrelated commit's CI run. Explore
# with HYPOTHESIS_PROFILE=explore (fresh random examples each run).
hypothesis_settings.register_profile("repeatable", derandomize=True)
hypothesis_settings.register_profile("explore", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))


@pytest.fixture(autouse=True)
def _english_outside_requests():
    """A request leaves its language active in the thread (LocaleMiddleware activates it at
    each request and never deactivates it); messages built outside a request afterwards, like
    a service's error, would read in the last page's language. Every test starts in
    English."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def _restore_migration_data():
    """The rows data migrations write (markets, staff roles), which a flush empties: written
    again by the same functions, on the application's connection (a migration passes its
    own, the owner's, through the schema editor: all they read of it)."""
    editor = connection.schema_editor()
    importlib.import_module("orders.migrations.0002_markets").create_markets(apps, editor)
    importlib.import_module("helpdesk.migrations.0012_staff_roles").create_roles(apps, editor)
    importlib.import_module("helpdesk.migrations.0013_escalation").grant(apps, editor)
    importlib.import_module("sla.migrations.0010_answer_rating").grant(apps, editor)


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.fixture(autouse=True)
def _markets_in_transactional_tests(request):
    """Transactional tests (browser, races, Celery worker) end with a flush that empties
    every table, the ten markets of the data migration included: put them back first…"""
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        _restore_migration_data()


def pytest_collection_modifyitems(items):
    """The slow files (real processes, the browser) first: spread over the test processes
    at the start, the quick ones fill in around them (pytest-xdist hands files out in this
    order).

    A transactional test also gets the owner's connection: the test database is emptied at
    its end by a flush (TRUNCATE), which Django runs on the primary database of the test
    and never on a mirror, the application's connection (tests/settings.py); the owner may
    truncate, the application may not."""
    items.sort(
        key=lambda item: not (item.get_closest_marker("slow") or item.get_closest_marker("browser"))
    )
    for item in items:
        if _is_transactional(item):
            marker = item.get_closest_marker("django_db")
            kwargs = dict(marker.kwargs) if marker else {}
            assert not (marker and marker.args), "django_db(transaction=…, databases=…) by name"
            if kwargs.get("databases") != "__all__":
                kwargs["databases"] = sorted({*(kwargs.get("databases") or ["default"]), "owner"})
            item.add_marker(pytest.mark.django_db(**{**kwargs, "transaction": True}), append=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """…and after the flush, for the tests that follow in the same process (whatever order
    pytest-xdist gives them)."""
    yield
    # After the last test the test database is already gone.
    if nextitem is not None and _is_transactional(item):
        with item.config.stash[blocking_manager_key].unblock():
            _restore_migration_data()
            connection.close()  # opened outside any test: nothing else would close it


@dataclass
class World:
    buyer: User
    other_buyer: User
    seller_agent: User
    seller_owner: User  # owner of seller_agent's shop
    other_seller_agent: User
    platform_admin: User
    order: Order  # buyer's order from seller_agent's seller, shipped
    other_order: Order  # other_buyer's order from other_seller_agent's seller
    thread: Thread  # buyer's return request about `order`, with a photo
    other_thread: Thread  # other_buyer's request about `other_order`
    attachment: Attachment
    saved_reply: SavedReply  # seller_agent's seller's
    other_saved_reply: SavedReply
    absence: SellerAbsence  # seller_owner's, seller_agent standing in; to come, never running

    def ids(self) -> dict[str, int]:
        return {
            "thread": self.thread.pk,
            "other_thread": self.other_thread.pk,
            "attachment": self.attachment.pk,
            "attachment_message": self.attachment.message_id,
            "saved_reply": self.saved_reply.pk,
            "other_saved_reply": self.other_saved_reply.pk,
            "seller": self.order.seller_id,
            "absence": self.absence.pk,
        }


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """One world for a whole module of read-mostly tests (the URL × persona matrices): built
    once inside a transaction rolled back at the module's end. Each test still runs in its
    own savepoint (it asks for `db`), so what one test writes is undone before the next."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield build_world()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def build_world() -> World:
    seller = SellerFactory(company_name="Maison Test", slug="maison-test")
    other_seller = SellerFactory(company_name="Autre Vendeur", slug="autre-vendeur")
    buyer = UserFactory(email="buyer@example.com", name="Bea Buyer")
    other_buyer = UserFactory(email="other.buyer@example.com", name="Otto Other")
    seller_agent = SellerMemberFactory(seller=seller, user__email="agent@example.com").user
    seller_owner = SellerMemberFactory(
        seller=seller, user__email="owner@example.com", role=SellerMember.Role.OWNER
    ).user
    other_seller_agent = SellerMemberFactory(
        seller=other_seller, user__email="other.agent@example.com"
    ).user
    platform_admin = UserFactory(
        email="admin@example.com", name="Pat Admin", is_staff=True, is_superuser=True
    )
    order = make_order(buyer=buyer, seller=seller, number="2026-100-0001", shipped=True)
    other_order = make_order(buyer=other_buyer, seller=other_seller, number="2026-200-0002")
    thread = thread_open(
        order=order, buyer=buyer, topic="return", body="The lamp is broken.", uploads=[png_upload()]
    )
    other_thread = thread_open(
        order=other_order, buyer=other_buyer, topic="delivery", body="Where is my parcel?"
    )
    return World(
        buyer=buyer,
        other_buyer=other_buyer,
        seller_agent=seller_agent,
        seller_owner=seller_owner,
        other_seller_agent=other_seller_agent,
        platform_admin=platform_admin,
        order=order,
        other_order=other_order,
        thread=thread,
        other_thread=other_thread,
        attachment=Attachment.objects.get(message__thread=thread),
        saved_reply=SavedReply.objects.create(seller=seller, title="Thanks", body="Thank you!"),
        other_saved_reply=SavedReply.objects.create(seller=other_seller, title="Hi", body="Hi"),
        absence=absence_record(
            seller=seller,
            absent=seller_owner,
            first_day=date(2099, 1, 4),
            last_day=date(2099, 1, 8),
            stand_in=seller_agent,
            by=seller_owner,
        ),
    )


PERSONAS = [
    "anonymous",
    "buyer",
    "other_buyer",
    "seller_agent",
    "seller_owner",
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


def database_url(alias: str) -> str:
    """The test database as a postgres:// URL, connected as `alias`'s role: for the processes
    a test starts (gunicorn, a management command)."""
    db = connections[alias].settings_dict
    user = quote(db["USER"], safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    return f"postgres://{user}{password}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _wait_for_the_template() -> None:
    """`make test` migrates the template database (TEST_DATABASE_TEMPLATE) while the lint runs
    and the test processes collect the tests (scripts/test.sh), and says it is done in the
    file TEST_DATABASE_TEMPLATE_DONE names: "ok", or what the migrations printed when they
    failed. A test database is made from the template once it is done."""
    done = os.environ.get("TEST_DATABASE_TEMPLATE_DONE")
    if not done:
        return
    deadline = time.monotonic() + 600
    while not Path(done).exists():
        if time.monotonic() > deadline:
            pytest.exit("the template database's migrations did not end in 10 minutes", 1)
        time.sleep(0.1)
    status = Path(done).read_text(encoding="utf-8").strip()
    if status != "ok":
        pytest.exit(f"the template database's migrations failed:\n{status}", 1)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's, with the roles of production: the tables' owner creates and migrates
    the test database (one per pytest-xdist process) and drops it at the end; the code under
    test, the live server's and the Celery worker's threads included, connects as the
    application's role (tests/settings.py).

    Under pytest-xdist a test process sometimes keeps one idle session on its test database
    (a connection of a thread that ended: a live server's, a worker's), and PostgreSQL
    refuses to drop a database in use: every session on it is ended first."""
    keepdb = django_db_keepdb and not django_db_createdb
    verbosity = request.config.option.verbose
    _wait_for_the_template()
    with django_db_blocker.unblock():
        created = setup_databases(
            verbosity=verbosity,
            interactive=False,
            keepdb=keepdb,
            aliases={"owner"},
            serialized_aliases=set(),
        )
    yield
    with django_db_blocker.unblock():
        # Every client session left on it, whoever's (the application's, the owner's of a
        # transactional test's live server thread): the cluster's superuser may end them all.
        # Autovacuum workers are not client backends.
        connections.close_all()
        with connections["superuser"].cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                " AND backend_type = 'client backend'"
            )
        connections.close_all()
        if not keepdb:
            teardown_databases(created, verbosity=verbosity)
