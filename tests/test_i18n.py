"""Every market in its language: the catalogs are complete, and nothing is left in English.

The catalogs (locale/*/LC_MESSAGES/django.po) must hold exactly the strings of the English
source, each translated, none fuzzy, with the same placeholders. Then every page, partial
and e-mail a person can get is rendered in each language and compared with its English
rendering: a piece of text that reads the same in both and is not data (a name, a message,
an order number…) was left untranslated.

Every page is rendered in French, whose spacing before colons is checked on each. The other
languages share the rest out (`in_share`): each renders the pages every page is built around
(the base template's header and footer, the console's list and form) and an eighth of the
others, so that every page is read in French and in one more language. What a page can leave
in English is either text outside the catalogs, the same in every language, or a catalog
entry that is missing, which the catalog tests find in each language.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator, Set
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.db import models, transaction
from django.test import Client, override_settings
from django.urls import reverse

from accounts.models import User
from accounts.templatetags.languages import own_name
from helpdesk.summary import daily_summary_send
from orders.models import Carrier
from outbox.models import Notification
from outbox.sending import _email, notification_digests_send
from tests.conftest import client_for
from tests.test_matrix import MATRIX

LANGUAGES = [code for code, _name in settings.LANGUAGES]
# English is the source; its catalog (the msgids themselves) is checked like the others.
TRANSLATED = [code for code in LANGUAGES if code != settings.LANGUAGE_CODE]
LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[^{}]*\}|</?[a-zA-Z][^>]*>")


# Read in full: the other languages' pages are shared out among them (the module's docstring).
FULL = "fr"
SHARED = [code for code in TRANSLATED if code != FULL]


def in_share(language: str, index: int, name: str, always: Set[str]) -> bool:
    """Whether `language` renders the `index`-th page, `name`: French (and English, the
    reference) every page, the others the pages in `always` and one in len(SHARED) of the
    rest."""
    if language not in SHARED or name in always:
        return True
    return index % len(SHARED) == SHARED.index(language)


@functools.cache
def catalog(language: str) -> polib.POFile:
    """A catalog, read once per test process (nothing changes it)."""
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


# The catalogs --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def source_msgids() -> Iterator[set[tuple[str | None, str]]]:
    """The (context, msgid) pairs the English source marks today, extracted afresh.

    makemessages writes each file's strings to the first locale folder whose parent holds
    the file, so the scratch folder must sit at the project's top (a dot folder, which
    makemessages does not read), else they would land in the project's own catalogs."""
    root = Path(settings.BASE_DIR) / f".locale-check-{os.getpid()}"
    try:
        with override_settings(LOCALE_PATHS=[root]):
            call_command(
                "makemessages",
                locale=["en"],
                ignore_patterns=[".venv", ".run", "tests", "staticfiles", "media", "locale"],
                no_obsolete=True,
                verbosity=0,
            )
        po = polib.pofile(str(root / "en" / "LC_MESSAGES" / "django.po"))
        yield {(entry.msgctxt, entry.msgid) for entry in po}
    finally:
        shutil.rmtree(root, ignore_errors=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_matches_the_source(language, source_msgids):
    po = catalog(language)
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    assert [e.msgid for e in po.obsolete_entries()] == []
    held = {(entry.msgctxt, entry.msgid) for entry in po if not entry.obsolete}
    assert sorted(source_msgids - held, key=str) == [], "strings missing from the catalog"
    assert sorted(held - source_msgids, key=str) == [], "strings the English source lacks"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder_and_tag(language):
    wrong = []
    for entry in catalog(language):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            # A singular may say "one" where the msgid has %(count)d; every form keeps the
            # named placeholders of the plural.
            expected = sorted(PLACEHOLDER.findall(entry.msgid_plural))
            forms = entry.msgstr_plural.values()
            for text in forms:
                found = sorted(PLACEHOLDER.findall(text))
                if set(found) - set(expected):
                    wrong.append((entry.msgid, text))
            if not any(sorted(PLACEHOLDER.findall(t)) == expected for t in forms):
                wrong.append((entry.msgid_plural, list(forms)))
        elif sorted(PLACEHOLDER.findall(entry.msgstr)) != expected:
            wrong.append((entry.msgid, entry.msgstr))
    assert wrong == []


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="gettext's msgfmt is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_compiles_cleanly_and_is_compiled(language):
    po_path = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr
    # The install step compiled it: the .mo holds what the .po says.
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))

    def texts(entries):
        return {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in entries if e.msgid}

    assert texts(compiled) == texts(catalog(language))


NBSP_BEFORE = re.compile(r"(?<![\u00a0\u202f\d\s])[:;?!](?=\s|$|<|»|\)|\"|”|’|\.|,)")
NOT_PROSE = re.compile(r"<[^>]*>|%\([^)]*\)[sd]|\{[^}]*\}|https?://\S+|\S+\?\S+=")


def test_french_puts_a_no_break_space_before_colons_and_question_marks():
    wrong = [
        text
        for entry in catalog("fr")
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        if NBSP_BEFORE.search(NOT_PROSE.sub("", text)) or " :" in text or " ?" in text
    ]
    assert wrong == []


# Rendering every page in every language -----------------------------------------------------


class _Text(HTMLParser):
    """The visible text of a page, as pieces (text nodes and the attributes people read)."""

    READ = ("title", "placeholder", "aria-label", "alt", "data-label")

    def __init__(self) -> None:
        super().__init__()
        self.pieces: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        values = dict(attrs)
        for name in self.READ:
            if values.get(name):
                self.pieces.append(values[name] or "")
        if tag == "input" and values.get("type") in ("submit", "button") and values.get("value"):
            self.pieces.append(values["value"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.pieces.append(data)


SEPARATORS = re.compile(r"\s*(?:[·|•()\[\]«»„“”\"]|—|–|:\s|,\s)\s*")
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def segments(text: str) -> set[str]:
    found = set()
    for piece in re.split(r"\n", text):
        for part in SEPARATORS.split(" ".join(piece.split())):
            part = part.strip(" .,;:!?")
            if ENGLISH_WORD.search(part):
                found.add(part)
    return found


def page_segments(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    return set().union(*(segments(piece) for piece in parser.pieces))


@functools.cache
def english_segments(html: str) -> frozenset[str]:
    """``page_segments`` of an English page: read once per test process, compared with
    each language's."""
    return frozenset(page_segments(html))


def data_values() -> list[str]:
    """Every string the database holds (names, messages, titles, numbers…): data shows as
    it was written, in any language."""
    values: list[str] = []
    for model in apps.get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if fields:
            for row in model.objects.values_list(*fields):
                values.extend(
                    v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in row if v
                )
    # Brand names read the same in every language: the carriers ("Poste Italiane").
    values.extend(str(label) for value, label in Carrier.choices if value != Carrier.OTHER)
    return values


# English words no other market language uses: text around them was left in English, even
# inside a translated sentence.
MARKERS = {
    "the",
    "your",
    "you",
    "and",
    "with",
    "from",
    "this",
    "that",
    "has",
    "have",
    "was",
    "were",
    "are",
    "will",
    "been",
    "which",
    "when",
    "what",
    "there",
    "their",
    "should",
    "would",
    "could",
    "please",
    "here",
    "not",
    "yet",
    "for",
    "about",
    "after",
    "before",
    "waiting",
    "seller",
    "buyer",
    "request",
    "order",
    "reply",
    "answer",
    "message",
    "deadline",
    "sent",
}

# Words that are the same in every language: names of languages in their own language (the
# switch), product and format names.
SAME_EVERYWHERE = {"Marketplace Helpdesk", "PDF", "JSON", "SHA-256", "OK", "Helpdesk"}


@functools.cache
def catalog_words(language: str) -> set[str]:
    """Every word the language's translations use ("message" is French too)."""
    return {
        word.lower()
        for entry in catalog(language)
        for text in [entry.msgstr, *entry.msgstr_plural.values()]
        for word in re.findall(r"\w+", text)
    }


def untranslated(
    english: Set[str], translated: Set[str], data: list[str], language: str
) -> set[str]:
    own_names = {own_name(code) for code in LANGUAGES}
    blob = "\n".join(data)
    words = catalog_words(language)

    def local_words(text: str) -> bool:
        # Words this language's translations use too ("bytes" in Spanish, "Status" in German).
        return all(word.lower() in words for word in ENGLISH_WORD.findall(text))

    def is_data(text: str) -> bool:
        # A value as stored, or pieces of values put together ("75001 Paris", "1 × Lamp").
        return text in blob or all(word in blob for word in ENGLISH_WORD.findall(text))

    markers = MARKERS - words
    leftovers = {
        text
        for text in translated
        if not is_data(text) and {w.lower() for w in ENGLISH_WORD.findall(text)} & markers
    }
    return leftovers | {
        text
        for text in english & translated
        if text not in SAME_EVERYWHERE
        and text not in own_names
        and not local_words(text)
        and not is_data(text)
        and not re.fullmatch(r"[\w.+-]+@[\w.-]+|[\w/.:-]+|UTC[+-]\d{4}", text)
        # A date with Django's short month, the same letters in some languages ("1 Dec
        # 2026 11:01 CET" in Romanian or Slovak too).
        and not re.fullmatch(r"\d{1,2} \w{3}\.? \d{4}( \d\d:\d\d(:\d\d)?)?( [A-Z]{3,5})?", text)
    }


PERSONA_ORDER = ("buyer", "seller_owner", "seller_agent", "platform_admin", "anonymous")


Page = tuple[str, str, str, dict[str, str], str, dict[str, str], int]

# What the matrix does not show: the pre-send explanations (a phone number, an e-mail
# address, a reply in another language than the market's), validation errors, a 404.
EXTRA_PAGES: list[Page] = [
    (
        "reply check with findings",
        "post",
        "/threads/{thread}/check/",
        {"HX-Request": "true"},
        "seller_agent",
        {"body": "Hello, please call me on +33 6 12 34 56 78 about the parcel you ordered."},
        200,
    ),
    (
        "contact check with findings",
        "post",
        "/orders/2026-100-0001/contact/check/",
        {"HX-Request": "true"},
        "buyer",
        {"body": "Écrivez-moi plutôt à jean.dupont@gmail.com, merci."},
        200,
    ),
    ("missing order", "get", "/orders/2026-999-9999/", {}, "buyer", {}, 404),
    ("missing thread", "get", "/threads/999999/", {}, "seller_agent", {}, 404),
]


def _pages() -> list[Page]:
    """Each page and partial of the site once, with a persona who may see it (a form posted
    empty shows its errors), and EXTRA_PAGES."""
    pages = []
    for name, method, url, headers, expected in MATRIX:
        if url.startswith("/admin"):
            continue
        persona = next((p for p in PERSONA_ORDER if expected.get(p) == 200), None)
        if persona is not None:
            pages.append((name, method, url, headers, persona, {}, 200))
    return pages + EXTRA_PAGES


@pytest.fixture(scope="module")
def world(shared_world, django_db_blocker):
    return shared_world


# The site's pages read in every language: the header, menus and footer each page shares,
# as the buyer, the seller and a visitor see them, and the pages with the most words.
EVERY_LANGUAGE_PAGES = {"home", "my orders", "thread", "inbox", "performance"}


def _render_all(world, language: str) -> dict[str, str]:
    User.objects.update(preferred_language=language)
    ids = world.ids()
    rendered = {}
    clients: dict[str, Client] = {}  # one login per persona (a page's writes are undone)
    for index, (name, method, url, headers, persona, data, status) in enumerate(_pages()):
        if not in_share(language, index, name, EVERY_LANGUAGE_PAGES):
            continue
        # Visitors who are not logged in: the browser's language.
        browser = {"Accept-Language": language}
        if persona not in clients:
            clients[persona] = client_for(world, persona)
        client = clients[persona]
        sid = transaction.savepoint()  # what a POST writes is undone before the next page
        try:
            response = getattr(client, method)(
                url.format(**ids), data=data, headers=headers | browser
            )
        finally:
            transaction.savepoint_rollback(sid)
        assert response.status_code == status, (name, response.status_code)
        if response["Content-Type"].startswith("text/html"):  # not the files
            rendered[name] = response.content.decode()
    return rendered


INVALID = "⟦invalid:%s⟧"

# Our own models' console pages (Django's auth and django-axes translate their own).
OWN_APPS = ("accounts.", "orders.", "helpdesk.", "audit.", "sla.", "outbox.")


@pytest.fixture(scope="module")
def console(world, django_db_blocker):
    """One object of every model the console lists (as the admin matrix builds them)."""
    from tests.test_admin_matrix import _console

    with django_db_blocker.unblock():
        return _console(world)


def _admin_pages(console) -> list[tuple[str, str]]:
    from tests.test_admin_matrix import ADMIN_PAGES, _page_url

    pages = [("console index", reverse("admin:index"))]
    pages.append(("conversation search", reverse("admin:helpdesk_thread_search") + "?q=lamp"))
    for label, statuses in ADMIN_PAGES.items():
        if label.startswith(OWN_APPS):
            for page in ("changelist", "change"):
                if statuses[page] == 200:
                    pages.append((f"{label} {page}", _page_url(label, page, console[label])))
    return pages


# The console's pages read in every language: its index and Django's list and form, as the
# threads show them (search, filters, actions, inlines, history).
EVERY_LANGUAGE_CONSOLE = {
    "console index",
    "conversation search",
    "helpdesk.thread changelist",
    "helpdesk.thread change",
}


def _render_admin(world, console, language: str) -> dict[str, str]:
    User.objects.update(preferred_language=language)
    client = client_for(world, "platform_admin")
    rendered = {}
    for index, (name, url) in enumerate(_admin_pages(console)):
        if not in_share(language, index, name, EVERY_LANGUAGE_CONSOLE):
            continue
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        rendered[name] = response.content.decode()
    return rendered


def test_every_page_is_read_in_french_and_one_more_language(world, console):
    """The pages named to be read in every language exist, and each page is in a share."""
    for pages, always in [
        ([page[0] for page in _pages()], EVERY_LANGUAGE_PAGES),
        ([name for name, _url in _admin_pages(console)], EVERY_LANGUAGE_CONSOLE),
    ]:
        assert always <= set(pages)
        for index, name in enumerate(pages):
            readers = [code for code in TRANSLATED if in_share(code, index, name, always)]
            assert FULL in readers, name
            assert len(readers) >= 2, name


_english_console: dict[str, str] = {}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_console_page_is_fully_translated(world, console, db, language):
    """The admin console's pages of our models, as platform staff read them."""
    sid = transaction.savepoint()
    try:
        if not _english_console:  # one English rendering per test process
            _english_console.update(_render_admin(world, console, settings.LANGUAGE_CODE))
        local = _render_admin(world, console, language)
        data = data_values()
    finally:
        transaction.savepoint_rollback(sid)
    left = {}
    for name, html in local.items():
        assert f'<html lang="{language}"' in html, name
        english = english_segments(_english_console[name])
        found = untranslated(english, page_segments(html), data, language)
        if found:
            left[name] = found
    assert left == {}


_english_pages: dict[str, str] = {}


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_page_and_partial_is_fully_translated(world, db, language):
    templates = [{**settings.TEMPLATES[0]}]
    templates[0]["OPTIONS"] = {**templates[0]["OPTIONS"], "string_if_invalid": INVALID}
    with override_settings(TEMPLATES=templates):
        sid = transaction.savepoint()
        try:
            if not _english_pages:  # one English rendering per test process
                _english_pages.update(_render_all(world, settings.LANGUAGE_CODE))
            english = _english_pages
            local = _render_all(world, language)
            # What the pages show back as typed (the drafts being checked) is data too.
            data = data_values() + [v for page in EXTRA_PAGES for v in page[5].values()]
        finally:
            transaction.savepoint_rollback(sid)
    invalid = {
        name: re.findall(r"⟦invalid:[^⟧]*⟧", html) for name, html in local.items() if "⟦" in html
    }
    assert invalid == {}, "template variables that do not exist"
    left: dict[str, set[str]] = {}
    for name, html in local.items():
        assert f'<html lang="{language}"' in html or "<html" not in html, name
        found = untranslated(english_segments(english[name]), page_segments(html), data, language)
        if found:
            left[name] = found
    assert left == {}
    if language == "fr":
        assert french_spacing(local, data) == {}


def french_spacing(pages: dict[str, str], data: list[str]) -> dict[str, set[str]]:
    """Text on French pages with a colon, semicolon, question or exclamation mark not
    preceded by a no-break space (a colon put by a template outside the translated string,
    say). What people typed is theirs."""
    blob = "\n".join(data)
    wrong: dict[str, set[str]] = {}
    for name, html in pages.items():
        parser = _Text()
        parser.feed(html)
        for piece in parser.pieces:
            text = " ".join(piece.split(" "))
            for match in re.finditer(r"(?<![\u00a0\u202f\d])[ ]?[:;?!](?=\s|$)", text):
                around = text[max(0, match.start() - 25) : match.end() + 5]
                if not around.strip() or around.strip() in blob or text.strip() in blob:
                    continue
                wrong.setdefault(name, set()).add(around)
    return wrong


def _notifications(world) -> list[Notification]:
    """One notification of every kind a person can receive, about the world's thread."""
    from sla.sanctions import sanction_apply

    message = world.thread.messages.first()
    sanction = sanction_apply(
        seller=world.order.seller, kind="warning", reason="Late answers", by=world.platform_admin
    )
    rows = []
    for kind in Notification.Kind.values:
        rows.append(
            Notification(
                recipient=world.seller_owner,
                kind=kind,
                thread=world.thread,
                message=message,
                clock=world.thread.clocks.first(),
                sanction=sanction,
                payload={"text": "The lamp is broken."},
            )
        )
    return rows


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_email_is_fully_translated(world, db, language):
    sid = transaction.savepoint()
    try:
        notifications = _notifications(world)
        data = data_values()
        left = {}
        emails = {}
        for notification in notifications:
            recipient = notification.recipient
            recipient.preferred_language = settings.LANGUAGE_CODE
            english = "\n".join(_email(notification))
            recipient.preferred_language = language
            local = emails[notification.kind] = "\n".join(_email(notification))
            found = untranslated(segments(english), segments(local), data, language)
            if found:
                left[notification.kind] = found
        for name, send in [("digest", _digest), ("daily summary", _daily_summary)]:
            english, local = (
                _sent(world, send, code) for code in (settings.LANGUAGE_CODE, language)
            )
            assert local, name
            emails[name] = local
            found = untranslated(segments(english), segments(local), data, language)
            if found:
                left[name] = found
    finally:
        transaction.savepoint_rollback(sid)
    assert left == {}
    if language == "fr":
        as_pages = {name: f"<pre>{escape(text)}</pre>" for name, text in emails.items()}
        assert french_spacing(as_pages, data) == {}


def _digest(world) -> None:
    notices = Notification.objects.filter(recipient=world.seller_owner, thread__isnull=False)
    notices.update(digest=True, sent_at=None)
    notification_digests_send()


def _daily_summary(world) -> None:
    daily_summary_send()


def _sent(world, send, language: str) -> str:
    """What `send` e-mails, with everyone reading `language`, then undone."""
    sid = transaction.savepoint()
    try:
        User.objects.update(preferred_language=language)
        mail.outbox = []
        send(world)
        return "\n".join(f"{m.subject}\n{m.body}" for m in mail.outbox)
    finally:
        transaction.savepoint_rollback(sid)
