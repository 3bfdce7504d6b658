"""Every page each role can open, loaded in Chromium with the Content-Security-Policy on:
not one violation (an inline script or style, a foreign source) anywhere, the admin's pages
included. The pages are those the URL × persona matrices give a 200, for each persona but
the second buyer and seller (the same roles and templates about another party); the shop's
owner loads only the pages its agents cannot open."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import resolve, reverse

from tests.browser.pages import visit
from tests.conftest import PERSONAS, build_world, database_url
from tests.test_admin_matrix import ADMIN_PAGES, _console, _page_url
from tests.test_make_run import free_port
from tests.test_matrix import MATRIX

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

IN_FLIGHT = 4  # pages loading at once
CONSOLE_PAGES = [
    "helpdesk.messagereview",
    "helpdesk.thread",
    "helpdesk.message",
    "sla.sanction",
    "sla.sanctionappeal",
    "sla.responseclock",
    "sla.clockexemption",
    "accounts.seller",
    "accounts.user",
    "orders.order",
]

# Collects what the browser reports; added before any page script runs.
LISTEN = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`
    + ` at ${e.sourceFile || location.pathname}:${e.lineNumber}`);
});
"""


def _pages_for(persona, ids, console):
    """Each page the persona can open once: one URL per route (a second thread's page is the
    same page); for the shop's owner, only the pages its agents cannot open (the rest are the
    agent's pages through the same templates); for an administrator, the console's pages."""
    urls, routes = [], set()
    for _name, method, url, headers, expected in MATRIX:
        # Files (attachments) are not pages: they carry their own, stricter policy.
        if method != "get" or expected[persona] != 200 or headers or "/attachments/" in url:
            continue
        if persona == "seller_owner" and expected["seller_agent"] == 200:
            continue
        route = resolve(url.split("?")[0].format(**ids)).route
        if route not in routes:
            routes.add(route)
            urls.append(url.format(**ids))
    if persona == "platform_admin":
        # The console's own pages (moderation, threads, sanctions, appeals, sellers,
        # exemptions), and Django's change list, change and add forms once each more.
        for label in CONSOLE_PAGES:
            for page in ("changelist", "change", "add"):
                if ADMIN_PAGES[label][page] == 200:
                    urls.append(_page_url(label, page, console[label]))
        urls.append(_page_url("helpdesk.thread", "history", console["helpdesk.thread"]))
        urls.append(reverse("admin:helpdesk_thread_search") + "?q=lamp")
    return urls


@pytest.fixture
def app_server(transactional_db):
    """gunicorn on the test database, as production serves pages (WhiteNoise for static
    files, with caching headers). Four times faster for 130 pages than the live server,
    which shares this process, and its interpreter lock, with the browser's driver."""
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url("default"),  # the application's role, as in production
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            # Django's application without config/wsgi.py's warm-up: the reply-language
            # models (seconds and ~440 MB) are read when a seller posts or checks a draft,
            # which no page these tests load does.
            "django.core.wsgi:get_wsgi_application()",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--preload",  # as `make run`: the application is loaded once, before the fork
            "--no-control-socket",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its workers with it, for the kill below
    )
    url = f"http://127.0.0.1:{port}"
    try:
        # Loading the application takes seconds, more on a machine busy with the other tests.
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, "gunicorn exited"
            try:
                urllib.request.urlopen(f"{url}/healthz", timeout=2)  # noqa: S310 (loopback)
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.2)
        yield url
    finally:
        # SIGINT: gunicorn's quick stop. A graceful one (SIGTERM) waits for the connections the
        # browser opened ahead and never used: seconds of nothing at the end of each test.
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            # A server that is slow to stop on a busy machine is not what these tests check.
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=60)


def test_no_page_of_any_persona_violates_the_content_security_policy(app_server, browser):
    world = build_world()
    console = _console(world)
    ids = world.ids()
    violations = []
    loaded = 0
    for persona in PERSONAS:
        if persona.startswith("other_"):
            # A second buyer or seller is the same role reading the same templates about
            # another party (what each may open is the URL matrices' business): 22 pages
            # more of what the buyer and the seller's agent already load.
            continue
        context = browser.new_context()
        if persona != "anonymous":
            client = Client()
            client.force_login(getattr(world, persona))
            context.add_cookies(
                [
                    {
                        "name": settings.SESSION_COOKIE_NAME,
                        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                        "url": app_server,
                    }
                ]
            )
        context.add_init_script(LISTEN)
        context.on(
            "console",
            lambda message, persona=persona: (
                "Content Security Policy" in message.text
                and violations.append(f"{persona}: console: {message.text}")
            ),
        )
        # A few pages in flight at once: each navigation is started, then all are read.
        tabs = [context.new_page() for _ in range(IN_FLIGHT)]
        urls = _pages_for(persona, ids, console)
        for tab, url, response in visit(tabs, app_server, urls, persona):
            assert "script-src 'self'" in response.headers["content-security-policy"], url
            tab.wait_for_load_state("load")
            loaded += 1
            for violation in tab.evaluate("window.__violations"):
                violations.append(f"{persona} {url}: {violation}")
        context.close()
    assert loaded > 50
    assert violations == []
