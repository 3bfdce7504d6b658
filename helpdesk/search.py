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
  alternative, `-word` an exclusion (`websearch_to_tsquery`). It is built in each market
  language and each message is matched by its own language's query, so staff need not say
  which language they search in. A query with nothing to look for (only stop words, or only
  exclusions, which would match nearly everything) searches no message.

**Ranked, in bounded time.** Ranking reads every match, and a common phrase is in tens of
thousands of messages. So the search reads at most RANKED + 1 matches (a scan that stops
there). Up to RANKED, it ranks them all (`ts_rank_cd`, cover density, with each message's
own language's query: the closer the words, the higher). Beyond, it says "more than RANKED"
and lists the newest first (walking the messages back from the newest, which stops after a
page when so many match); a narrower search ranks again.

Snippets are HTML-safe by construction: the text is HTML-escaped in SQL before `ts_headline`
marks the matches with `<mark>` (the parser reads an escaped `&lt;` as one token, so a mark
never splits one); what comes back is checked to hold no other markup before it is marked
safe.
"""

# ruff: noqa: S608 (SQL assembled from this module's constants; every value is a parameter)

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from helpdesk.models import Message, Thread
from orders.markets import BY_CODE, MARKETS

PAGE_SIZE = 20
RANKED = 1000  # matches ranked at most (beyond, the newest first)
MAX_PAGE = RANKED // PAGE_SIZE
NEWEST_PAGES = 10  # pages listed newest first, when more than RANKED match
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


# Threads by order, tracking number, people --------------------------------------------------


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


# The Messages list: the messages of the threads of an order found by its number or a
# tracking number, and those written by the people found.
MESSAGES_SQL = """
SELECT id FROM helpdesk_message WHERE thread_id IN (
    SELECT id FROM helpdesk_thread WHERE order_id IN (
        SELECT id FROM orders_order WHERE number {op} %s
        UNION SELECT order_id FROM orders_shipment WHERE tracking_number {op} %s
    )
)
UNION SELECT message.id FROM ({people}) AS person
CROSS JOIN LATERAL (
    -- One index lookup per person (OFFSET 0 keeps the planner from turning this into a
    -- scan of every message, which it reckons cheaper for a few hundred people).
    SELECT id FROM helpdesk_message WHERE author_id = person.id OFFSET 0
) AS message
""".replace("{people}", PEOPLE_SQL)


def _terms(query: str) -> tuple[str, str, str]:
    """(operator, the term as typed, the term in lower case) for the lookups above."""
    term = _identifier(query)
    if len(term) >= MIN_FRAGMENT:
        return "ILIKE", _like(term), _like(term.lower())
    return "=", term, term.lower()


def thread_ids_sql(query: str) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the threads whose order or tracking number, buyer or seller
    matches `query`, with its parameters."""
    op, value, lower = _terms(query)
    return THREADS_SQL.replace("{op}", op), [value, value, lower, value, value, lower, value]


def message_ids_sql(query: str) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the messages about an order whose order or tracking number
    matches `query`, or written by a person it matches, with its parameters."""
    op, value, lower = _terms(query)
    return MESSAGES_SQL.replace("{op}", op), [value, value, lower, value]


def matching_threads(query: str, market: str | None = None) -> tuple[list[Thread], int]:
    """The threads whose order, tracking number or people match `query`, most recent
    activity first (the first THREADS_SHOWN), and how many match. Two queries: the ids (and
    the count), then the threads with their order and people (a query a planner reads in no
    time; joined to the first, planning alone took longer than running both)."""
    sql, params = thread_ids_sql(query)
    market_only = "AND market_id = %s" if market else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT id, count(*) OVER () FROM helpdesk_thread
            WHERE id IN ({sql}) {market_only}
            ORDER BY last_activity_at DESC, id DESC LIMIT %s
            """,
            [*params, *([market] if market else []), THREADS_SHOWN],
        )
        rows = cursor.fetchall()
    if not rows:
        return [], 0
    by_id = Thread.objects.select_related("order", "buyer", "seller", "market").in_bulk(
        [row[0] for row in rows]
    )
    return [by_id[row[0]] for row in rows], int(rows[0][1])


# The seller inbox's search box: the same lookups, within the sellers' own threads, over what
# the seller's side may read (a buyer message held by moderation is not theirs to read; a
# masked one is searched only as the seller reads it, so a hidden detail cannot be probed).
SELLER_THREADS_SQL = """
SELECT thread.id FROM helpdesk_thread AS thread
JOIN orders_order AS o ON o.id = thread.order_id
WHERE thread.seller_id = ANY(%s) AND o.number {op} %s
UNION SELECT thread.id FROM helpdesk_thread AS thread
JOIN orders_shipment AS shipment ON shipment.order_id = thread.order_id
WHERE thread.seller_id = ANY(%s) AND shipment.tracking_number {op} %s
UNION SELECT thread.id FROM helpdesk_thread AS thread
JOIN accounts_user AS buyer ON buyer.id = thread.buyer_id
WHERE thread.seller_id = ANY(%s)
AND public.helpdesk_unaccent(buyer.name) {op} public.helpdesk_unaccent(%s)
"""
SELLER_MESSAGES_SQL = """
UNION SELECT message.thread_id FROM helpdesk_message AS message
JOIN helpdesk_thread AS thread ON thread.id = message.thread_id AND thread.seller_id = ANY(%s)
LEFT JOIN helpdesk_messagereview AS review ON review.message_id = message.id
WHERE {match} AND (
    message.author_role = 'seller' OR review.id IS NULL
    OR review.state = 'approved' OR review.action = 'flag'
)
"""


def seller_search_sql(query: str, seller_ids: list[int]) -> tuple[str, list[Any]]:
    """SQL selecting the ids of the sellers' threads whose order or tracking number or
    buyer's name matches `query`, or whose messages say it (as the seller reads them), with
    its parameters. Building the words' query is one query."""
    op, value, _ = _terms(query)
    sql = SELLER_THREADS_SQL.replace("{op}", op)
    params: list[Any] = [seller_ids, value, seller_ids, value, seller_ids, value]
    words = text_query(query)
    if words:
        match, match_params = words.match()
        sql += SELLER_MESSAGES_SQL.replace("{match}", match)
        params += [seller_ids, *match_params]
    return sql, params


# What messages say --------------------------------------------------------------------------


@dataclass(frozen=True)
class TextQuery:
    """What was typed, as full-text queries: one per group of languages that read it the
    same way (French; German; Polish, Czech and Slovak word for word…). Empty when there is
    nothing to look for."""

    groups: tuple[tuple[tuple[str, ...], str], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.groups)

    def match(self, alias: str = "message") -> tuple[str, list[Any]]:
        """SQL matching a message by its own language's query, with its parameters: every
        language's query at once for the index (one scan), then the message's own."""
        own, params = self.own(alias)
        sql = f"({alias}.search_vector @@ %s::tsquery AND {alias}.search_vector @@ {own})"
        return sql, [self.combined, *params]

    def own(self, alias: str = "message") -> tuple[str, list[Any]]:
        """SQL giving a message its own language's query, with its parameters."""
        cases, params = [], []
        for languages, tsquery in self.groups:
            cases.append(f"WHEN {alias}.search_language = ANY(%s) THEN %s::tsquery")
            params += [list(languages), tsquery]
        return f"(CASE {' '.join(cases)} END)", params

    @property
    def combined(self) -> str:
        """Every language's query in one, for the index."""
        return " | ".join(f"( {tsquery} )" for _, tsquery in self.groups)


def text_query(query: str, market: str | None = None) -> TextQuery:
    """The full-text queries of what was typed, in the languages searched. One query."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT language, query::text FROM (
                SELECT language,
                       websearch_to_tsquery(public.helpdesk_search_config(language), %s) AS query
                FROM unnest(%s::text[]) AS language
            ) AS queries
            -- Nothing to look for: no word (stop words only), or only exclusions ("-word",
            -- which would match nearly every message: querytree() says 'T').
            WHERE numnode(query) > 0 AND querytree(query) <> 'T'
            """,
            [query, search_languages(market)],
        )
        by_query: dict[str, list[str]] = {}
        for language, tsquery in cursor.fetchall():
            by_query.setdefault(tsquery, []).append(language)
    return TextQuery(tuple((tuple(langs), tsquery) for tsquery, langs in by_query.items()))


def short_queries() -> None:
    """The search's queries read a bounded number of rows: compiling them (JIT) or starting
    parallel workers costs more than running them, and the planner, seeing a large table,
    would do both. For the current transaction only (call it inside one)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('jit', 'off', true), "
            "set_config('max_parallel_workers_per_gather', '0', true)"
        )


def messages_saying(words: TextQuery) -> list[tuple[int, int]] | None:
    """(message id, thread id) of every message that says `words`, or None when more than
    RANKED do (too many to list: the search page ranks them). One bounded query."""
    if not words:
        return []
    match, params = words.match()
    with transaction.atomic(), connection.cursor() as cursor:
        short_queries()
        cursor.execute(
            f"SELECT message.id, message.thread_id FROM helpdesk_message AS message "
            f"WHERE {match} LIMIT %s",
            [*params, RANKED + 1],
        )
        found = [(row[0], row[1]) for row in cursor.fetchall()]
    return None if len(found) > RANKED else found


def among(table: str, sql: str, params: list[Any], ids: Sequence[int] = ()) -> RawSQL:
    """A condition for `queryset.filter()`: the row's id is one `sql` selects, or one of
    `ids`. Written `id = ANY(ARRAY(…))` so the ids are found first (once) and the rows then
    fetched by primary key; `id IN (…)` lets the planner join the whole table to them."""
    return RawSQL(  # noqa: S611 (parameters)
        f'"{table}"."id" = ANY(ARRAY({sql} UNION SELECT unnest(%s::bigint[])))',
        [*params, list(ids)],
        output_field=BooleanField(),
    )


def _matches_sql(words: TextQuery, market: str | None) -> tuple[str, list[Any]]:
    match, params = words.match()
    if not market:
        return f"FROM helpdesk_message AS message WHERE {match}", params
    sql = f"""
        FROM helpdesk_message AS message
        JOIN helpdesk_thread AS thread ON thread.id = message.thread_id AND thread.market_id = %s
        WHERE {match}
    """
    return sql, [market, *params]


def _newest(cursor: Any, matches: str, params: list[Any]) -> list[int]:
    """A page of matches, newest first, walking the messages back from the newest: with more
    than RANKED matches (so at least one in every 1,000 messages of a million), a page is a
    few thousand rows away. The planner cannot know that (it reckons a phrase rarer than it
    is, and would read and sort every match), so the walk is imposed, for this query only
    (call it inside a transaction)."""
    cursor.execute(
        "SELECT set_config('enable_bitmapscan', 'off', true), "
        "set_config('enable_seqscan', 'off', true)"
    )
    cursor.execute(
        f"SELECT message.id {matches} ORDER BY message.id DESC LIMIT %s OFFSET %s", params
    )
    found = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT set_config('enable_bitmapscan', 'on', true), "
        "set_config('enable_seqscan', 'on', true)"
    )
    return found


def ranked_message_ids(
    words: TextQuery, *, market: str | None = None, page: int = 1
) -> tuple[list[int], int]:
    """One page of the ids of the messages matching `words`, best first (or, when more than
    RANKED match, newest first), and how many match (RANKED + 1: "more than RANKED"). Two
    queries, each reading a bounded number of rows (see the module's docstring)."""
    matches, params = _matches_sql(words, market)
    offset = (page - 1) * PAGE_SIZE
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT message.id {matches} LIMIT %s", [*params, RANKED + 1])
        found = [row[0] for row in cursor.fetchall()]
        if len(found) > RANKED:
            if page > NEWEST_PAGES:
                return [], len(found)
            return _newest(cursor, matches, [*params, PAGE_SIZE, offset]), len(found)
        own, own_params = words.own()
        cursor.execute(
            f"""
            SELECT message.id FROM helpdesk_message AS message WHERE message.id = ANY(%s)
            ORDER BY ts_rank_cd(message.search_vector, {own}) DESC, message.id DESC
            LIMIT %s OFFSET %s
            """,
            [found, *own_params, PAGE_SIZE, offset],
        )
        return [row[0] for row in cursor.fetchall()], len(found)


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
    {{own}},
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


def message_hits(ids: Sequence[int], words: TextQuery) -> list[MessageHit]:
    """The messages `ids`, in that order, with their thread, order and people and a
    highlighted snippet each. One query."""
    own, own_params = words.own('"helpdesk_message"')
    messages = (
        Message.objects.filter(pk__in=ids)
        .select_related(
            "thread__order", "thread__buyer", "thread__seller", "thread__market", "review"
        )
        .annotate(highlighted=RawSQL(HEADLINE.replace("{own}", own), own_params))  # noqa: S611
    )
    by_id = {message.pk: message for message in messages}
    return [
        MessageHit(message=by_id[pk], snippet=safe_snippet(by_id[pk].highlighted))  # type: ignore[attr-defined]
        for pk in ids
        if pk in by_id
    ]


# The page -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResults:
    query: str
    threads: list[Thread]
    thread_count: int
    messages: list[MessageHit]
    message_count: int  # RANKED + 1: more than RANKED
    page: int
    has_words: bool  # the query had words to look for in messages

    @property
    def more_than_ranked(self) -> bool:
        return self.message_count > RANKED

    @property
    def ranked(self) -> int:
        return RANKED

    @property
    def pages(self) -> int:
        if self.more_than_ranked:
            return NEWEST_PAGES
        return (self.message_count + PAGE_SIZE - 1) // PAGE_SIZE

    @property
    def previous_page(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next_page(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * PAGE_SIZE + 1


def conversation_search(query: str, *, market: str | None = None, page: int = 1) -> SearchResults:
    """Everything the console's search page shows for `query`: the matching threads (by
    order, tracking number or people) and one page of the matching messages, ranked, with
    snippets, in one read-only transaction. A bounded number of queries, whatever the
    number of matches."""
    with transaction.atomic():
        short_queries()
        threads, thread_count = matching_threads(query, market)
        words = text_query(query, market)
        ids: list[int] = []
        message_count = 0
        if words:
            ids, message_count = ranked_message_ids(words, market=market, page=page)
        hits = message_hits(ids, words) if ids else []
    return SearchResults(
        query=query,
        threads=threads,
        thread_count=thread_count,
        messages=hits,
        message_count=message_count,
        page=page,
        has_words=bool(words),
    )
