"""The record's invariants, checked set-wise (`manage.py check_invariants`; `make loadtest`
runs it after its load and its faults).

What the services keep true, stated once more from the rows they leave, so that a lost or
doubled write, a half-done transaction or a crashed worker shows:

- every acknowledged post (a list kept by whoever posted: the load test's client) exists
  exactly once, as it was sent;
- each thread's inbox fields agree with its messages (last activity overall and per side,
  status and closing, escalation, the platform's hold: helpdesk.services._advance_thread and
  the services that close, reopen, escalate and take over) and with its clocks (since when
  the buyer waits, the deadline, where the wait stands: helpdesk.services._sync_clock_fields);
- each clock agrees with its thread and the messages it names (opened by a buyer entry of
  the thread at its delivery, answered by a seller entry at its send time, pending on a
  held seller answer), and its sweep stamps with the outbox: a notice per warning and per
  breach, never two for one person (sla.sweep);
- every hash chain verifies (helpdesk.history).

Each check is one SQL statement over whole tables (plus the chain, streamed): a row per
checked object with what is wrong with it, counted; examples are fetched only when
something is wrong. A delivery time is when the other side got the message: when it was
sent, or when an administrator approved it if it was held (never, while held).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import connection, transaction

from helpdesk.history import find_breaks
from helpdesk.models import SELLER_ONLY_EVENTS, Message, ReplyState
from helpdesk.services import REPLY_STATES as REPLY_STATE_OF_OUTCOME
from outbox.models import Notification

EXAMPLES = 20  # violations named per check

# When the other side got a message `m` (joined with its review `r`): NULL while held.
_DELIVERED_AT = """
    CASE WHEN {r}.action = 'hold' AND {r}.state <> 'approved' THEN NULL
         WHEN {r}.action = 'hold' THEN {r}.decided_at
         ELSE {m}.created_at END
"""


@dataclass(frozen=True)
class Acknowledged:
    """A post its writer saw accepted (the redirect after a successful send): a new request
    (`open`: the thread's opening key), a reply or a status update (the message's key)."""

    kind: str  # "open" | "reply" | "status_update"
    author: str  # the writer's e-mail address
    key: uuid.UUID
    thread_id: int
    text: str  # the message's text; for a status update, its type

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> Acknowledged:
        return cls(
            kind=row["kind"],
            author=row["author"],
            key=uuid.UUID(row["key"]),
            thread_id=int(row["thread"]),
            text=row["text"],
        )


@dataclass
class Check:
    """One invariant: how many rows it read, how many broke it, and the first few."""

    name: str
    checked: int
    unit: str
    violations: int = 0
    examples: list[str] = field(default_factory=list)
    figures: dict[str, int] = field(default_factory=dict)

    @property
    def holds(self) -> bool:
        return self.violations == 0


def _run(name: str, unit: str, sql: str, params: dict[str, Any] | None = None) -> Check:
    """`sql` yields (id, label, problems) per checked row, `problems` empty when all is
    well."""
    params = params or {}
    # Whole tables against whole tables: hash joins, whatever the statistics say (fresh
    # rows not analyzed yet look like a handful, and a nested loop over them is quadratic).
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute(
            f"WITH checked AS ({sql}) SELECT count(*), count(*) FILTER (WHERE problems <> '') "  # noqa: S608 (our own constant SQL)
            "FROM checked",
            params,
        )
        checked, violations = cursor.fetchone()
        examples: list[str] = []
        if violations:
            cursor.execute(
                f"WITH checked AS ({sql}) SELECT label, problems FROM checked "  # noqa: S608
                f"WHERE problems <> '' ORDER BY id LIMIT {EXAMPLES}",
                params,
            )
            examples = [f"{label}: {problems}" for label, problems in cursor.fetchall()]
    return Check(name=name, checked=checked, unit=unit, violations=violations, examples=examples)


# Acknowledged posts ------------------------------------------------------------------------

_OPENED_SQL = """
    SELECT a.n AS id, 'new request ' || a.key || ' by ' || a.author AS label, concat_ws('; ',
        CASE WHEN u.id IS NULL THEN 'no user ' || a.author END,
        CASE WHEN count(t.id) <> 1 THEN 'found ' || count(t.id) || ' threads with its key' END,
        CASE WHEN count(t.id) = 1 AND min(t.id) <> a.thread_id
             THEN 'opened thread ' || min(t.id) || ', acknowledged ' || a.thread_id END,
        CASE WHEN count(t.id) = 1 AND min(first.body) IS DISTINCT FROM a.text
             THEN 'its first message is not the text sent' END
    ) AS problems
    FROM unnest(%(n)s::int[], %(authors)s::text[], %(keys)s::uuid[], %(threads)s::bigint[],
                %(texts)s::text[]) AS a(n, author, key, thread_id, text)
    LEFT JOIN accounts_user u ON u.email = a.author
    LEFT JOIN helpdesk_thread t ON t.buyer_id = u.id AND t.open_key = a.key
    LEFT JOIN LATERAL (
        SELECT body FROM helpdesk_message WHERE thread_id = t.id ORDER BY id LIMIT 1
    ) AS first ON true
    GROUP BY a.n, a.author, a.key, a.thread_id, a.text, u.id
"""

_POSTED_SQL = """
    SELECT a.n AS id, a.posted || ' ' || a.key || ' by ' || a.author AS label, concat_ws('; ',
        CASE WHEN u.id IS NULL THEN 'no user ' || a.author END,
        CASE WHEN count(m.id) <> 1
             THEN 'found ' || count(m.id) || ' messages with its key in thread ' || a.thread_id
        END,
        CASE WHEN count(m.id) = 1 AND min(m.kind) <> a.kind THEN 'stored as ' || min(m.kind) END,
        CASE WHEN count(m.id) = 1 AND a.kind = 'text' AND min(m.body) <> a.text
             THEN 'its text is not the text sent' END,
        CASE WHEN count(m.id) = 1 AND a.kind = 'status_update'
                  AND min(m.data ->> 'type') IS DISTINCT FROM a.text
             THEN 'its update is not the update sent' END
    ) AS problems
    FROM unnest(%(n)s::int[], %(posted)s::text[], %(kinds)s::text[], %(authors)s::text[],
                %(keys)s::uuid[], %(threads)s::bigint[], %(texts)s::text[])
         AS a(n, posted, kind, author, key, thread_id, text)
    LEFT JOIN accounts_user u ON u.email = a.author
    LEFT JOIN helpdesk_message m
        ON m.thread_id = a.thread_id AND m.author_id = u.id AND m.idempotency_key = a.key
    GROUP BY a.n, a.posted, a.kind, a.author, a.key, a.thread_id, a.text, u.id
"""


def acknowledged_check(posts: Sequence[Acknowledged]) -> Check:
    """Every acknowledged post exists exactly once, with the text (or update) sent: a new
    request by its opening key, a reply or a status update by its sending key."""
    opened = [(n, p) for n, p in enumerate(posts) if p.kind == "open"]
    posted = [(n, p) for n, p in enumerate(posts) if p.kind != "open"]
    kinds = {"reply": Message.Kind.TEXT, "status_update": Message.Kind.STATUS_UPDATE}
    first = _run(
        "acknowledged new requests",
        "posts",
        _OPENED_SQL,
        {
            "n": [n for n, _p in opened],
            "authors": [p.author for _n, p in opened],
            "keys": [p.key for _n, p in opened],
            "threads": [p.thread_id for _n, p in opened],
            "texts": [p.text.strip() for _n, p in opened],
        },
    )
    second = _run(
        "acknowledged replies and status updates",
        "posts",
        _POSTED_SQL,
        {
            "n": [n for n, _p in posted],
            "posted": [p.kind for _n, p in posted],
            "kinds": [str(kinds[p.kind]) for _n, p in posted],
            "authors": [p.author for _n, p in posted],
            "keys": [p.key for _n, p in posted],
            "threads": [p.thread_id for _n, p in posted],
            "texts": [p.text.strip() for _n, p in posted],
        },
    )
    names = {"open": "new requests", "reply": "replies", "status_update": "status updates"}
    figures = {name: sum(1 for p in posts if p.kind == kind) for kind, name in names.items()}
    return Check(
        name="acknowledged posts exist exactly once, as sent",
        checked=first.checked + second.checked,
        unit="posts",
        violations=first.violations + second.violations,
        examples=(first.examples + second.examples)[:EXAMPLES],
        figures=figures,
    )


# Threads -----------------------------------------------------------------------------------

# helpdesk.services._advance_thread: every entry but an internal note moves the last
# activity to its delivery; a buyer's entry the buyer's, a seller's the seller's (but the
# team's own events: assignment, "no reply needed"). A thread whose every entry is held keeps
# the activity of its creation.
_ACTIVITY_SQL = f"""
    WITH delivered AS (
        SELECT m.thread_id, m.author_role,
               coalesce(m.data ->> 'event', '') = ANY(%(seller_only)s) AS seller_only,
               {_DELIVERED_AT.format(m="m", r="r")} AS at
        FROM helpdesk_message m LEFT JOIN helpdesk_messagereview r ON r.message_id = m.id
        WHERE m.kind <> 'internal_note'
    ), expected AS (
        SELECT thread_id, max(at) AS last,
               max(at) FILTER (WHERE author_role = 'buyer') AS buyer,
               max(at) FILTER (WHERE author_role = 'seller' AND NOT seller_only) AS seller
        FROM delivered GROUP BY thread_id
    )
    SELECT t.id, 'thread ' || t.id AS label, concat_ws('; ',
        CASE WHEN t.last_activity_at IS DISTINCT FROM coalesce(e.last, t.created_at)
             THEN 'last activity ' || t.last_activity_at || ', its messages say '
                  || coalesce(e.last, t.created_at) END,
        CASE WHEN t.buyer_activity_at IS DISTINCT FROM e.buyer
             THEN 'buyer activity ' || coalesce(t.buyer_activity_at::text, 'none')
                  || ', its messages say ' || coalesce(e.buyer::text, 'none') END,
        CASE WHEN t.seller_activity_at IS DISTINCT FROM e.seller
             THEN 'seller activity ' || coalesce(t.seller_activity_at::text, 'none')
                  || ', its messages say ' || coalesce(e.seller::text, 'none') END
    ) AS problems
    FROM helpdesk_thread t LEFT JOIN expected e ON e.thread_id = t.id
"""  # noqa: S608 (constant SQL)

# The events that open and close a thread (helpdesk.services: thread_close, _reopen,
# escalation_take_over, escalation_resolve), the buyer's escalation, the platform's hold.
_STATUS_SQL = """
    WITH events AS MATERIALIZED (
        SELECT id, thread_id, data ->> 'event' AS event, author_role, created_at
        FROM helpdesk_message WHERE kind = 'event'
    ), opening AS (
        SELECT DISTINCT ON (thread_id) thread_id, event, author_role, created_at FROM events
        WHERE event IN ('closed', 'decided', 'reopened', 'taken_over')
        ORDER BY thread_id, id DESC
    ), platform AS (
        SELECT DISTINCT ON (thread_id) thread_id, event, created_at FROM events
        WHERE event IN ('taken_over', 'decided') ORDER BY thread_id, id DESC
    ), escalated AS (
        SELECT thread_id, min(created_at) AS at, count(*) AS n FROM events
        WHERE event = 'escalated' GROUP BY thread_id
    ), expected AS (
        SELECT t.id,
               CASE WHEN o.event IN ('closed', 'decided') THEN 'closed' ELSE 'open' END AS status,
               CASE WHEN o.event IN ('closed', 'decided') THEN o.created_at END AS closed_at,
               CASE WHEN o.event IN ('closed', 'decided') THEN o.author_role ELSE '' END AS by,
               CASE WHEN p.event = 'taken_over' THEN p.created_at END AS platform_since,
               e.at AS escalated_at, coalesce(e.n, 0) AS escalations
        FROM helpdesk_thread t
        LEFT JOIN opening o ON o.thread_id = t.id
        LEFT JOIN platform p ON p.thread_id = t.id
        LEFT JOIN escalated e ON e.thread_id = t.id
    )
    SELECT t.id, 'thread ' || t.id AS label, concat_ws('; ',
        CASE WHEN t.status <> x.status
             THEN 'status ' || t.status || ', its events say ' || x.status END,
        CASE WHEN t.closed_at IS DISTINCT FROM x.closed_at
             THEN 'closed at ' || coalesce(t.closed_at::text, 'none') || ', its events say '
                  || coalesce(x.closed_at::text, 'none') END,
        CASE WHEN t.closed_by_role <> x.by
             THEN 'closed by ' || t.closed_by_role || ', its events say ' || x.by END,
        CASE WHEN t.escalated_at IS DISTINCT FROM x.escalated_at OR x.escalations > 1
             THEN 'escalated at ' || coalesce(t.escalated_at::text, 'none') || ', its events say '
                  || coalesce(x.escalated_at::text, 'none') || ' (' || x.escalations || ')' END,
        CASE WHEN t.platform_since IS DISTINCT FROM x.platform_since
             THEN 'held by the platform since ' || coalesce(t.platform_since::text, 'none')
                  || ', its events say ' || coalesce(x.platform_since::text, 'none') END
    ) AS problems
    FROM helpdesk_thread t JOIN expected x ON x.id = t.id
"""

# helpdesk.services._sync_clock_fields over sla.clocks.clock_state: the open clock (at most
# one, a unique index), else how the latest closed one ended.
_THREAD_CLOCK_SQL = """
    WITH latest AS (
        SELECT DISTINCT ON (thread_id) thread_id, closed_at, opened_at, due_at,
               pending_answer_id, outcome
        FROM sla_responseclock ORDER BY thread_id, closed_at DESC NULLS FIRST, id DESC
    ), expected AS (
        SELECT t.id,
               CASE WHEN c.thread_id IS NOT NULL AND c.closed_at IS NULL THEN c.opened_at END
                   AS awaiting,
               CASE WHEN c.thread_id IS NOT NULL AND c.closed_at IS NULL THEN c.due_at END AS due,
               CASE WHEN c.thread_id IS NULL THEN %(none)s
                    WHEN c.closed_at IS NULL AND c.pending_answer_id IS NOT NULL
                        THEN %(in_review)s
                    WHEN c.closed_at IS NULL THEN %(awaiting)s
                    ELSE coalesce((%(outcomes)s::jsonb) ->> c.outcome, '?' || c.outcome) END
                   AS state
        FROM helpdesk_thread t LEFT JOIN latest c ON c.thread_id = t.id
    )
    SELECT t.id, 'thread ' || t.id AS label, concat_ws('; ',
        CASE WHEN t.awaiting_reply_since IS DISTINCT FROM x.awaiting
             THEN 'awaiting a reply since ' || coalesce(t.awaiting_reply_since::text, 'never')
                  || ', its clock says ' || coalesce(x.awaiting::text, 'never') END,
        CASE WHEN t.due_at IS DISTINCT FROM x.due
             THEN 'due at ' || coalesce(t.due_at::text, 'none') || ', its clock says '
                  || coalesce(x.due::text, 'none') END,
        CASE WHEN t.reply_state <> x.state
             THEN 'reply state ' || t.reply_state || ', its clocks say ' || x.state END
    ) AS problems
    FROM helpdesk_thread t JOIN expected x ON x.id = t.id
"""


def thread_activity_check() -> Check:
    """Each thread's activity fields (overall, buyer's, seller's) are its messages'."""
    return _run(
        "threads' activity fields agree with their messages",
        "threads",
        _ACTIVITY_SQL,
        {"seller_only": list(SELLER_ONLY_EVENTS)},
    )


def thread_status_check() -> Check:
    """Each thread's status, closing, escalation and platform hold are its events'."""
    return _run("threads' status agrees with their events", "threads", _STATUS_SQL)


def thread_clock_check() -> Check:
    """Each thread's waiting fields are its clocks' (helpdesk.services._sync_clock_fields)."""
    outcomes = {outcome: str(state) for outcome, state in REPLY_STATE_OF_OUTCOME.items() if outcome}
    return _run(
        "threads' waiting fields agree with their clocks",
        "threads",
        _THREAD_CLOCK_SQL,
        {
            "none": ReplyState.NONE.value,
            "in_review": ReplyState.IN_REVIEW.value,
            "awaiting": ReplyState.AWAITING.value,
            "outcomes": json.dumps(outcomes, sort_keys=True),
        },
    )


# Clocks ------------------------------------------------------------------------------------

_CLOCK_SQL = f"""
    SELECT c.id, 'clock ' || c.id AS label, concat_ws('; ',
        CASE WHEN c.seller_id <> t.seller_id THEN 'seller differs from its thread''s' END,
        CASE WHEN c.market_id <> t.market_id THEN 'market differs from its thread''s' END,
        CASE WHEN o.thread_id <> c.thread_id OR o.author_role <> 'buyer'
             THEN 'opened by message ' || o.id || ', not a buyer entry of its thread' END,
        CASE WHEN c.opened_at IS DISTINCT FROM {_DELIVERED_AT.format(m="o", r="orv")}
             THEN 'opened at ' || c.opened_at || ', its buyer entry was delivered at '
                  || coalesce(({_DELIVERED_AT.format(m="o", r="orv")})::text, 'no time') END,
        CASE WHEN c.outcome = 'answered' AND (
                 a.id IS NULL OR a.thread_id <> c.thread_id OR a.author_role <> 'seller'
                 OR a.kind NOT IN ('text', 'status_update'))
             THEN 'answered, but not by a seller''s reply of its thread' END,
        CASE WHEN c.outcome = 'answered' AND c.closed_at IS DISTINCT FROM a.created_at
             THEN 'answered at ' || c.closed_at || ', its answer was sent at ' || a.created_at
        END,
        CASE WHEN c.outcome = 'answered' AND (c.closed_at < c.opened_at
                                            OR c.response_seconds IS NULL)
             THEN 'answered before it opened, or with no response time' END,
        CASE WHEN c.outcome <> 'answered' AND c.closed_by_id IS NOT NULL
             THEN 'closed as ' || coalesce(nullif(c.outcome, ''), 'open')
                  || ' by an answer' END,
        CASE WHEN c.pending_answer_id IS NOT NULL AND (
                 p.thread_id <> c.thread_id OR p.author_role <> 'seller'
                 OR pr.action IS DISTINCT FROM 'hold')
             THEN 'waits for message ' || p.id || ', not a held seller reply of its thread' END,
        CASE WHEN c.closed_at IS NULL AND c.pending_answer_id IS NOT NULL
                  AND pr.state IS DISTINCT FROM 'pending'
             THEN 'waits for message ' || p.id || ', already ' || coalesce(pr.state, 'delivered')
        END,
        CASE WHEN c.closed_at IS NOT NULL AND c.outcome <> 'platform'
                  AND c.pending_answer_id IS NOT NULL
             THEN 'closed, still waiting for a held reply' END,
        CASE WHEN c.breached_at < c.due_at THEN 'breached before its deadline' END,
        CASE WHEN c.warned_at < c.warn_at OR c.warned_at >= c.due_at
             THEN 'warned outside its warning window' END
    ) AS problems
    FROM sla_responseclock c
    JOIN helpdesk_thread t ON t.id = c.thread_id
    JOIN helpdesk_message o ON o.id = c.opened_by_id
    LEFT JOIN helpdesk_messagereview orv ON orv.message_id = o.id
    LEFT JOIN helpdesk_message a ON a.id = c.closed_by_id
    LEFT JOIN helpdesk_message p ON p.id = c.pending_answer_id
    LEFT JOIN helpdesk_messagereview pr ON pr.message_id = p.id
"""  # noqa: S608 (constant SQL)

# sla.sweep: a clock is stamped and its notices written in one transaction, at most one per
# person, clock and kind (a unique index). A team with nobody active to tell gets none.
_NOTICE_SQL = """
    WITH notices AS (
        SELECT clock_id,
               count(*) FILTER (WHERE kind = %(breach)s) AS breach,
               count(*) FILTER (WHERE kind = %(due_soon)s) AS due_soon,
               count(*) - count(DISTINCT (recipient_id, kind)) AS doubled
        FROM outbox_notification WHERE clock_id IS NOT NULL GROUP BY clock_id
    )
    SELECT c.id, 'clock ' || c.id AS label, concat_ws('; ',
        CASE WHEN c.breached_at IS NOT NULL AND coalesce(n.breach, 0) = 0 AND EXISTS (
                 SELECT 1 FROM accounts_sellermember m
                 JOIN accounts_user u ON u.id = m.user_id AND u.is_active
                 WHERE m.seller_id = c.seller_id)
             THEN 'breached at ' || c.breached_at || ', nobody told' END,
        CASE WHEN c.breached_at IS NULL AND n.breach > 0
             THEN n.breach || ' breach notices, never breached' END,
        CASE WHEN c.warned_at IS NOT NULL AND coalesce(n.due_soon, 0) = 0 AND EXISTS (
                 SELECT 1 FROM accounts_sellermember m
                 JOIN accounts_user u ON u.id = m.user_id AND u.is_active
                 WHERE m.seller_id = c.seller_id)
             THEN 'warned at ' || c.warned_at || ', nobody told' END,
        CASE WHEN c.warned_at IS NULL AND n.due_soon > 0
             THEN n.due_soon || ' "due soon" notices, never warned' END,
        CASE WHEN n.doubled > 0 THEN n.doubled || ' notices written twice for one person' END,
        CASE WHEN %(swept_at)s::timestamptz IS NOT NULL AND c.closed_at IS NULL
                  AND c.pending_answer_id IS NULL AND c.breached_at IS NULL
                  AND c.due_at <= %(swept_at)s
             THEN 'due at ' || c.due_at || ', not breached by the sweep' END
    ) AS problems
    FROM sla_responseclock c LEFT JOIN notices n ON n.clock_id = c.id
"""


def clock_check() -> Check:
    """Each clock agrees with its thread and the messages it names."""
    return _run("clocks agree with their threads and messages", "clocks", _CLOCK_SQL)


def notice_check(*, swept_at: datetime | None = None) -> Check:
    """Each warning and breach was told, once per person; with `swept_at`, a sweep started
    then has finished: every clock it could breach is breached."""
    check = _run(
        "clocks' warnings and breaches are told exactly once",
        "clocks",
        _NOTICE_SQL,
        {
            "breach": Notification.Kind.BREACH.value,
            "due_soon": Notification.Kind.DUE_SOON.value,
            "swept_at": swept_at,
        },
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT (SELECT count(*) FROM sla_responseclock WHERE breached_at IS NOT NULL),
                   (SELECT count(*) FROM outbox_notification WHERE kind = %(breach)s),
                   (SELECT count(*) FROM sla_responseclock WHERE warned_at IS NOT NULL),
                   (SELECT count(*) FROM outbox_notification WHERE kind = %(due_soon)s)
            """,
            {"breach": Notification.Kind.BREACH.value, "due_soon": Notification.Kind.DUE_SOON},
        )
        breached, breach_notices, warned, warnings = cursor.fetchone()
    check.figures = {
        "breached": breached,
        "breach notices": breach_notices,
        "warned": warned,
        "due-soon notices": warnings,
    }
    return check


# Hash chains ------------------------------------------------------------------------------


def chain_check() -> Check:
    """Every thread's hash chain verifies (helpdesk.history; nothing is recorded)."""
    breaks, threads, messages = find_breaks()
    return Check(
        name="hash chains verify",
        checked=threads,
        unit="threads",
        violations=len(breaks),
        examples=[
            f"thread {b.thread_id}: broken at message {b.message_id}" for b in breaks[:EXAMPLES]
        ],
        figures={"messages": messages},
    )


def invariants_check(
    *, acknowledged: Iterable[Acknowledged] | None = None, swept_at: datetime | None = None
) -> list[Check]:
    """Every check, in order; `acknowledged`: the posts to find; `swept_at`: when a sweep
    that has finished started."""
    checks = []
    if acknowledged is not None:
        checks.append(acknowledged_check(list(acknowledged)))
    checks += [
        thread_activity_check(),
        thread_status_check(),
        thread_clock_check(),
        clock_check(),
        notice_check(swept_at=swept_at),
        chain_check(),
    ]
    return checks
