"""Issue 16: the XSS corpus (tests/security/xss_payloads.txt) in every field a person types,
rendered in Chromium on every page that shows those fields, the console's included: no
dialog opens, no payload's script runs (`window.__xss`, the title "XSS"), and the page holds
nothing a payload would bring (a foreign script, a frame, an event handler or an htmx
attribute saying a payload's code, a javascript: URL), also once htmx has swapped fragments
in (the thread's updates, the pre-send check).

Console errors about blocked inline scripts are not the test: the Content-Security-Policy
blocking a script would hide a real injection, so the page's DOM is read instead."""

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.pages import visit
from tests.browser.test_csp import app_server  # noqa: F401 (gunicorn on the test database)
from tests.security.corpus import LOOKALIKES, MARKERS, PAYLOADS, build_xss_world

IN_FLIGHT = 6  # pages loading at once: most of a page's wait is the network going idle

# Run in each page: what a payload would have left or brought.
INSPECT = r"""
([markers]) => {
  const problems = [];
  if (window.__xss !== undefined) problems.push("window.__xss is set");
  // (The inbox's count may come first: "(2) XSS".)
  if (/^(\(\d+\) )?XSS$/.test(document.title)) problems.push("the title is XSS");
  const scheme = /^(javascript|data|vbscript):/i;
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (["iframe", "frame", "object", "embed", "base", "applet"].includes(tag)) {
      problems.push(`<${tag}> element`);
    }
    if (tag === "meta" && el.hasAttribute("http-equiv")) problems.push("<meta http-equiv>");
    if (tag === "style" && /javascript:|expression\(/i.test(el.textContent)) {
      problems.push("a script in a <style>");
    }
    if (tag === "script") {
      const src = el.getAttribute("src") || "";
      if (!(src.startsWith("/static/") || src === "/admin/jsi18n/")) {
        problems.push(`<script src="${src}">: not one of the site's own`);
      }
    }
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.toLowerCase();
      if (/^(on|hx-|data-hx-)/.test(name) && markers.some((m) => value.includes(m))) {
        problems.push(`<${tag} ${name}="${attr.value}">`);
      }
      if (name === "style" && /javascript:|expression\(/.test(value)) {
        problems.push(`<${tag} style="${attr.value}">`);
      }
      const url = value.replace(/[\x00-\x20]/g, "");
      if (["href", "src", "action", "formaction", "xlink:href", "data", "poster"].includes(name)
          && scheme.test(url)) {
        problems.push(`<${tag} ${name}="${attr.value}">`);
      }
    }
  }
  return problems;
}
"""


def _context(browser, base, user, dialogs, pages):
    """A browser context logged in as `user` (a session made by Django's client), with a
    tab for each of `pages` up to IN_FLIGHT."""
    client = Client()
    client.force_login(user)
    context = browser.new_context()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    tabs = []
    for _ in range(min(IN_FLIGHT, pages)):
        tab = context.new_page()
        tab.on(
            "dialog",
            lambda dialog, tab=tab: (
                dialogs.append(f"{tab.url}: {dialog.type} {dialog.message}"),
                dialog.dismiss(),
            ),
        )
        tabs.append(tab)
    return context, tabs


def _inspect(tab, where, problems):
    tab.wait_for_load_state("networkidle")  # htmx's requests (a payload's hx-trigger=load)
    problems.extend(f"{where}: {p}" for p in tab.evaluate(INSPECT, [list(MARKERS)]))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_no_payload_runs_on_any_page_that_shows_what_people_typed(app_server, browser):  # noqa: F811
    world = build_xss_world()
    dialogs: list[str] = []
    problems: list[str] = []
    visited = 0
    for persona, urls in world.pages(everything=False).items():
        context, tabs = _context(browser, app_server, getattr(world, persona), dialogs, len(urls))
        for tab, url, _response in visit(tabs, app_server, urls, persona):
            _inspect(tab, f"{persona} {url}", problems)
            visited += 1
        if persona in ("buyer", "seller_agent"):
            _swapped_in(tabs[0], app_server, world, persona, problems)
        context.close()
    assert visited > 30
    assert dialogs == []
    assert problems == []


def _swapped_in(tab, base, world, persona, problems):
    """What htmx swaps in goes through htmx, which would run a script or process an hx-*
    attribute in it: the thread's whole timeline fetched again by the poll's request; the
    buyer's pre-send check of a draft made of payloads (the seller's would load the
    language model, seconds of work in a fresh server); the seller's saved reply inserted."""
    url = f"/threads/{world.thread.pk}/"
    tab.goto(base + url)
    entries = tab.locator("#timeline > li").count()
    tab.evaluate(
        "(url) => htmx.ajax('GET', url, {target: '#poller', swap: 'outerHTML'})",
        f"{url}updates/?after=0",
    )
    tab.wait_for_function(
        "(n) => document.querySelectorAll('#timeline > li').length > n", arg=entries
    )
    body = tab.locator("#reply textarea[name=body]")
    if persona == "buyer":
        body.fill("\n".join([*PAYLOADS[::2], "Mail me: jean.dupont@gmail.com"]))
        tab.locator("#draft-check .draft-check mark").first.wait_for()
    else:
        tab.locator("#saved-reply").select_option(str(world.saved_reply.pk))
        tab.locator("[data-insert-into]").click()
        assert PAYLOADS[3] in body.input_value()  # inserted as text
    _inspect(tab, f"{persona} {url}, swapped in", problems)


@pytest.mark.browser
def test_the_inspection_sees_each_payload_put_in_a_page_unescaped(browser):
    """The inspection is not blind: each payload but the lookalikes, put into a page
    unescaped (in the text, or in a quoted attribute when it starts with a quote), opens a
    dialog, leaves its trace or is found in the page."""
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    unseen = []
    for payload in PAYLOADS:
        if payload in LOOKALIKES:
            continue
        quote = payload[0] if payload[0] in "\"'" else ""
        html = f"<input value={quote}{payload}{quote}>" if quote else f"<p>{payload}</p>"
        dialogs.clear()
        page.evaluate("delete window.__xss")  # a new document, the same window
        page.set_content(f"<!doctype html><title>t</title><body>{html}</body>")
        if not dialogs and not page.evaluate(INSPECT, [list(MARKERS)]):
            unseen.append(payload)
    page.close()
    assert unseen == []
