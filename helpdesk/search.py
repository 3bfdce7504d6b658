"""Staff search over conversations: the console's "Search conversations" page and the search
boxes of its thread and message lists. Reads only, and every lookup stays on an index at
millions of messages (migration 0014):

- **order and tracking numbers**, whole or a fragment of three characters or more (the
  middle digits of an order number): trigram indexes, `ILIKE '%…%'`; a shorter query matches
  a whole number only;
- **people**: a buyer, a seller team member (their e-mail address or name, accents folded)
  or a seller's company name, each finding the threads of that buyer or seller;
- **what messages say** (texts, internal notes, a status update's note, a buyer's
  escalation reason, messages held by moderation included: they are evidence): PostgreSQL
  full-text search, each message indexed in its market's language (stemmed where PostgreSQL
  has a stemmer; word for word for Polish, Czech and Slovak), accents folded. The query is
  read as in a web search engine: `"parcel arrived broken"` is a phrase, `or` an
  alternative, `-word` an exclusion (`websearch_to_tsquery`); it is built in every market
  language's configuration and or'ed, so a staff member need not say which language they
  search in. Results are ranked (`ts_rank_cd`: the closer the words, the higher) with
  highlighted snippets.

Snippets are HTML-safe by construction: the text is HTML-escaped in SQL before `ts_headline`
marks the matches with `<mark>` (the parser reads an escaped `&lt;` as one token, so a mark
never splits one); what comes back is checked to hold no other markup before it is marked
safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, QuerySet, Window
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from helpdesk.models import Message, Thread
from orders.markets import BY_CODE, MARKETS

PAGE_SIZE = 20
MAX_PAGE = 50  # beyond 1,000 ranked results, a narrower search serves better
THREADS_SHOWN = 20
MIN_FRAGMENT = 3  # trigrams: a shorter fragment cannot use the index


def page_number(value: str | None) -> int:
    """The page asked for, or the first for anything that names no page we show."""
    if value is None or not (value.isascii() and value.isdigit()):
        return 1
    return min(max(int(value), 1), MAX_PAGE)


def search_languages(market: str | None = None) -> list[str]:
    """The languages a query is built in: the market's, or every market's."""
    if market:
        return [BY_CODE[market].language]
    return sorted({spec.language for spec in MARKETS})


def _like(fragment: str) -> str:
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _identifier(query: str) -> str:
    """The query as a number, address or name (quotes of a phrase search dropped)."""
    return " ".join(query.replace('"', " ").split())


# {op} is ILIKE (a fragment) or = (a whole number); every value is a parameter.
PEOPLE_SQL = """
SELECT id FROM accounts_user
WHERE email {op} %s OR public.helpdesk_unaccent(name) {op} public.helpdesk_unaccent(%s)
"""
THREADS_SQL = """
SELECT id FROM helpdesk_thread WHERE order_id IN (
    SELECT id FROM orders_order WHERE number {op} %s
    UNION SELECT order_id FROM orders_shipment WHERE tracking_number {op} %s
)
UNION SELECT id FROM helpdesk_thread WHERE buyer_id IN ({people})
UNION SELECT id FROM helpdesk_thread WHERE seller_id IN (
    SELECT id FROM accounts_seller
    WHERE public.helpdesk_unaccent(company_name) {op} public.helpdesk_unaccent(%s)
    UNION SELECT seller_id FROM accounts_sellermember WHERE user_id IN ({people})
)
""".replace("{people}", PEOPLE_SQL)
THREADS_SAYING_SQL = """
UNION SELECT thread_id FROM helpdesk_message
WHERE search_vector @@ public.helpdesk_search_query(%s, %s)
"""


def thread_ids_sql(query: str, *, with_messages: bool = False) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the threads whose order or tracking number, buyer or seller
    matches `query` (and, `with_messages`, one of whose messages says it), with its
    parameters: for `pk__in=RawSQL(…)`."""
    term = _identifier(query)
    if len(term) >= MIN_FRAGMENT:
        op, value, lower = "ILIKE", _like(term), _like(term.lower())
    else:
        op, value, lower = "=", term, term.lower()
    sql = THREADS_SQL.replace("{op}", op)
    params: list[Any] = [value, value, lower, value, value, lower, value]
    if with_messages:
        sql += THREADS_SAYING_SQL
        params += [search_languages(), query]
    return sql, params


MESSAGES_SQL = """
SELECT id FROM helpdesk_message WHERE search_vector @@ public.helpdesk_search_query(%s, %s)
UNION SELECT id FROM helpdesk_message WHERE thread_id IN ({threads})
"""


def message_ids_sql(query: str) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the messages that say `query`, or that belong to a thread
    whose order, tracking number or people match it (the Messages list's search box)."""
    threads, params = thread_ids_sql(query)
    return MESSAGES_SQL.replace("{threads}", threads), [search_languages(), query, *params]


# The text a message is searched by (migration 0014's generated column reads the same), as
# HTML: escaped before ts_headline marks anything.
ESCAPED_TEXT = """
replace(replace(replace(replace(replace(
    "helpdesk_message"."body" || ' ' || coalesce("helpdesk_message"."data" ->> 'note', ''),
    '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#x27;')
"""
HEADLINE = f"""
ts_headline(
    public.helpdesk_search_config("helpdesk_message"."search_language"),
    {ESCAPED_TEXT},
    %s::tsquery,
    'StartSel=<mark>, StopSel=</mark>, MaxFragments=2, MaxWords=24, MinWords=10,
     FragmentDelimiter=" … "'
)
"""


def safe_snippet(highlighted: str) -> SafeString:
    """ts_headline's output, which may hold `<mark>` tags around escaped text and nothing
    else; anything else is escaped (marks included) rather than trusted."""
    bare = highlighted.replace("<mark>", "").replace("</mark>", "")
    if any(character in bare for character in "<>\"'"):
        return escape(highlighted)
    return mark_safe(highlighted.strip())  # noqa: S308 (escaped in SQL, our tags only)


@dataclass(frozen=True)
class MessageHit:
    message: Message
    snippet: SafeString

    @property
    def withheld(self) -> bool:
        """Held by moderation (or rejected): the other side never got it."""
        review = getattr(self.message, "review", None)
        return bool(review and review.withholds)

    @property
    def url(self) -> str:
        """The thread's page, opened at this message."""
        page = reverse("admin:helpdesk_thread_change", args=[self.message.thread_id])
        return f"{page}#message-{self.message.pk}"


@dataclass(frozen=True)
class SearchResults:
    query: str
    threads: list[Thread]
    thread_count: int
    messages: list[MessageHit]
    message_count: int
    page: int
    has_words: bool  # the query had words to look for in messages (not only stop words)

    @property
    def pages(self) -> int:
        return min(MAX_PAGE, (self.message_count + PAGE_SIZE - 1) // PAGE_SIZE)

    @property
    def previous_page(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1


def matching_threads(query: str, market: str | None = None) -> tuple[list[Thread], int]:
    """The threads whose order, tracking number or people match `query`, most recent
    activity first (the first THREADS_SHOWN), and how many match. One query."""
    sql, params = thread_ids_sql(query)
    threads: QuerySet[Thread] = Thread.objects.filter(pk__in=RawSQL(sql, params))  # noqa: S611
    if market:
        threads = threads.filter(market_id=market)
    found: list[Thread] = list(
        threads.select_related("order", "buyer", "seller", "market")
        .annotate(matches=Window(Count("id")))
        .order_by("-last_activity_at", "-id")[:THREADS_SHOWN]
    )
    return found, (getattr(found[0], "matches", 0) if found else 0)


def search_query(query: str, market: str | None = None) -> str:
    """The full-text query of what was typed, in every language searched (text; empty when
    it has no word to look for)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT public.helpdesk_search_query(%s, %s)::text",
            [search_languages(market), query],
        )
        return str(cursor.fetchone()[0])


MATCHES = """
FROM helpdesk_message AS message {market_join}
WHERE message.search_vector @@ %s::tsquery
"""
MARKET_JOIN = """
JOIN helpdesk_thread AS thread ON thread.id = message.thread_id AND thread.market_id = %s
"""
# The count comes with the page: ranking reads every match anyway.
PAGE_SQL = """
SELECT message.id, count(*) OVER () AS total {matches}
ORDER BY ts_rank_cd(message.search_vector, %s::tsquery) DESC, message.id DESC
LIMIT %s OFFSET %s
"""


def ranked_message_ids(
    tsquery: str, *, market: str | None = None, page: int = 1
) -> tuple[list[int], int]:
    """One page of the ids of the messages matching `tsquery`, best first, and how many
    match in all."""
    matches = MATCHES.format(market_join=MARKET_JOIN if market else "")
    params: list[Any] = [market, tsquery] if market else [tsquery]
    with connection.cursor() as cursor:
        cursor.execute(
            PAGE_SQL.format(matches=matches),
            [*params, tsquery, PAGE_SIZE, (page - 1) * PAGE_SIZE],
        )
        rows = cursor.fetchall()
        if rows or page == 1:
            return [row[0] for row in rows], (rows[0][1] if rows else 0)
        # Past the last page: nothing to show, but say how many there are.
        cursor.execute(f"SELECT count(*) {matches}", params)
        return [], cursor.fetchone()[0]


def message_hits(ids: Sequence[int], tsquery: str) -> list[MessageHit]:
    """The messages `ids`, in that order, with their thread, order and people and a
    highlighted snippet each. One query."""
    messages = (
        Message.objects.filter(pk__in=ids)
        .select_related(
            "thread__order", "thread__buyer", "thread__seller", "thread__market", "review"
        )
        .annotate(highlighted=RawSQL(HEADLINE, [tsquery]))  # noqa: S611 (a constant)
    )
    by_id = {message.pk: message for message in messages}
    return [
        MessageHit(message=by_id[pk], snippet=safe_snippet(by_id[pk].highlighted))  # type: ignore[attr-defined]
        for pk in ids
        if pk in by_id
    ]


def conversation_search(query: str, *, market: str | None = None, page: int = 1) -> SearchResults:
    """Everything the console's search page shows for `query`: the matching threads (by
    order, tracking number or people) and one page of the matching messages, ranked, with
    snippets. Four queries whatever the number of matches."""
    threads, thread_count = matching_threads(query, market)
    tsquery = search_query(query, market)
    ids: list[int] = []
    message_count = 0
    if tsquery:
        ids, message_count = ranked_message_ids(tsquery, market=market, page=page)
    return SearchResults(
        query=query,
        threads=threads,
        thread_count=thread_count,
        messages=message_hits(ids, tsquery) if ids else [],
        message_count=message_count,
        page=page,
        has_words=bool(tsquery),
    )
