"""Transcripts: one thread, or every thread of an order, as evidence for a consumer
authority, a court or another system (issue 12).

The transcript is built once, from a constant number of queries, into plain data
(`Transcript`), which two renderers write out: `transcript_pdf` for people (paginated, in the
reader's language, times in the market's zone) and `transcript_json` for systems (the same
content, with every field a message's chain hash covers, so that a verifier can recompute
the chain). `transcript_verify` does exactly that for a JSON export: it recomputes every
link and compares it with the platform's record.

What each rule is, is asked where it lives: what a message's hash covers
(helpdesk.history), which side may see which entry (`Message.objects.for_role`), the text
each side reads (helpdesk.moderation.text_for), what the other side got
(helpdesk.moderation.delivery_label), a status update's card (helpdesk.status_updates).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cache
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from accounts.models import Seller, SellerMember, User
from helpdesk.decisions import outcome_label
from helpdesk.history import CHAINED_FIELDS, GENESIS, entry_digest
from helpdesk.models import Attachment, Message, MessageReview, Role, Thread
from helpdesk.moderation import KIND_LABELS, delivery_label, text_for
from helpdesk.status_updates import StatusCard, status_card
from orders.models import Market, Order

FORMAT = "helpdesk-transcript/1"
SIDES: tuple[str, ...] = (Role.BUYER, Role.SELLER)

# How an event reads in a transcript, after its author's name and role. An event this table
# does not know (a newer kind) is written with its name and details, never dropped.
EVENT_TEXTS: dict[str, Promise] = {
    "reopened": gettext_lazy("Reopened the conversation."),
    "exempted": gettext_lazy("Marked the buyer's message “no reply needed”."),
    "escalated": gettext_lazy("Asked the platform to step in."),
    "taken_over": gettext_lazy("Took the case over for the platform."),
}


# The transcript as data -----------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: int | None
    name: str
    email: str


@dataclass(frozen=True)
class FileInfo:
    id: int
    name: str
    size: int
    content_type: str
    sha256: str


@dataclass(frozen=True)
class SideView:
    """What one side (buyer or seller) got of an entry."""

    role: str
    # "as_written", "masked" or "nothing"
    saw: str
    # Why it saw nothing: "not_delivered", "internal_note", "seller_team_only" (else "").
    because: str = ""
    text: str | None = None  # the text (a status update's note) as this side read it
    withheld_files: tuple[int, ...] = ()


@dataclass(frozen=True)
class Moderation:
    action: str
    action_label: str
    state: str
    state_label: str
    kinds: tuple[str, ...]
    masked_text: str
    reason: str
    decided_by: Person | None
    decided_at: datetime | None


@dataclass(frozen=True)
class Entry:
    id: int
    position: int  # 1, 2… within its thread
    kind: str
    kind_label: str
    author_role: str
    role_label: str
    author_name: str
    created_at: datetime
    text: str  # as written: the text, a status update's note, an event's text
    event: str  # the event's name ("" unless an event)
    event_text: str
    card: StatusCard | None
    files: tuple[FileInfo, ...]
    delivery: str
    moderation: Moderation | None
    sides: tuple[SideView, ...]
    chained: dict[str, Any]  # CHAINED_FIELDS, JSON-ready (created_at: UTC ISO, microseconds)
    previous_hash: str
    chain_hash: str

    @property
    def is_internal_note(self) -> bool:
        return self.kind == Message.Kind.INTERNAL_NOTE


@dataclass(frozen=True)
class ThreadTranscript:
    id: int
    topic: str
    topic_label: str
    status: str
    status_label: str
    opened_at: datetime
    closed_at: datetime | None
    escalated_at: datetime | None
    entries: tuple[Entry, ...]

    @property
    def chain_head(self) -> str:
        return self.entries[-1].chain_hash if self.entries else GENESIS


@dataclass(frozen=True)
class Transcript:
    scope: str  # "thread" or "order"
    order_id: int
    order_number: str
    order_placed_at: datetime
    market_code: str
    market_name: str
    time_zone: str
    buyer: Person
    seller_id: int
    seller_name: str
    seller_contacts: tuple[Person, ...]
    threads: tuple[ThreadTranscript, ...]
    exported_at: datetime
    exported_by: Person
    language: str
    platform_domain: str = field(default_factory=lambda: settings.PLATFORM_DOMAIN)

    @property
    def zone(self) -> tzinfo:
        return ZoneInfo(self.time_zone)

    def filename(self, extension: str) -> str:
        """A download name made of ids only (no user text in a header)."""
        if self.scope == "thread":
            return f"transcript-thread-{self.threads[0].id}.{extension}"
        return f"transcript-order-{self.order_id}.{extension}"


# Building it (reads only) -----------------------------------------------------------------


class TranscriptNotFound(LookupError):
    """No such thread or order."""


def _person(user: User) -> Person:
    return Person(user.pk, user.name, user.email)


def thread_transcript(*, thread_id: int, by: User, now: datetime | None = None) -> Transcript:
    """The transcript of one thread."""
    thread = (
        Thread.objects.select_related("order", "market", "buyer", "seller")
        .filter(pk=thread_id)
        .first()
    )
    if thread is None:
        raise TranscriptNotFound(thread_id)
    # The thread's buyer, seller and market are the order's (copied for the inbox).
    return _transcript(
        "thread",
        thread.order,
        [thread],
        market=thread.market,
        buyer=thread.buyer,
        seller=thread.seller,
        by=by,
        now=now,
    )


def order_transcript(*, order_id: int, by: User, now: datetime | None = None) -> Transcript:
    """The transcript of every thread of an order, oldest first."""
    order = Order.objects.select_related("market", "buyer", "seller").filter(pk=order_id).first()
    if order is None:
        raise TranscriptNotFound(order_id)
    threads = list(order.threads.order_by("created_at", "id"))
    return _transcript(
        "order",
        order,
        threads,
        market=order.market,
        buyer=order.buyer,
        seller=order.seller,
        by=by,
        now=now,
    )


def _transcript(
    scope: str,
    order: Order,
    threads: Sequence[Thread],
    *,
    market: Market,
    buyer: User,
    seller: Seller,
    by: User,
    now: datetime | None,
) -> Transcript:
    # The moment of the export is taken before reading: every message it lists is older.
    exported_at = now or timezone.now()
    timelines = _timelines([thread.pk for thread in threads])
    contacts = SellerMember.objects.filter(
        seller_id=seller.pk, role=SellerMember.Role.OWNER
    ).select_related("user")
    return Transcript(
        scope=scope,
        order_id=order.pk,
        order_number=order.number,
        order_placed_at=order.placed_at,
        market_code=market.code,
        market_name=market.display_name,
        time_zone=market.time_zone,
        buyer=_person(buyer),
        seller_id=seller.pk,
        seller_name=seller.company_name,
        seller_contacts=tuple(
            Person(member.user.pk, member.user.name, member.user.email)
            for member in sorted(contacts, key=lambda member: member.user.email)
        ),
        threads=tuple(
            ThreadTranscript(
                id=thread.pk,
                topic=thread.topic,
                topic_label=str(thread.get_topic_display()),
                status=thread.status,
                status_label=str(thread.get_status_display()),
                opened_at=thread.created_at,
                closed_at=thread.closed_at,
                escalated_at=thread.escalated_at,
                entries=tuple(timelines[thread.pk]),
            )
            for thread in threads
        ),
        exported_at=exported_at,
        exported_by=_person(by),
        language=get_language() or settings.LANGUAGE_CODE,
    )


def _timelines(thread_ids: Sequence[int]) -> dict[int, list[Entry]]:
    """Each thread's entries, in the chain's order, from four queries whatever their
    number (messages with their reviews, files, and what each side may see)."""
    messages = (
        Message.objects.filter(thread_id__in=thread_ids)
        .select_related("review__decided_by")
        .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.order_by("id")))
        .order_by("thread_id", "id")  # the chain's order
    )
    # Who may see what: the one rule the site's pages use, asked once per side.
    visible = {
        role: set(
            Message.objects.filter(thread_id__in=thread_ids)
            .for_role(role)
            .values_list("id", flat=True)
        )
        for role in SIDES
    }
    by_thread: dict[int, list[Message]] = {thread_id: [] for thread_id in thread_ids}
    for message in messages:
        by_thread[message.thread_id].append(message)
    return {
        thread_id: list(_entries(thread_messages, visible))
        for thread_id, thread_messages in by_thread.items()
    }


def _entries(messages: Sequence[Message], visible: Mapping[str, set[int]]) -> Iterable[Entry]:
    previous = GENESIS
    for position, message in enumerate(messages, start=1):
        files = tuple(
            FileInfo(a.pk, a.original_name, a.size, a.content_type, a.sha256)
            for a in message.attachments.all()
        )
        review: MessageReview | None = getattr(message, "review", None)
        event = message.data.get("event", "") if message.kind == Message.Kind.EVENT else ""
        yield Entry(
            id=message.pk,
            position=position,
            kind=message.kind,
            kind_label=str(message.get_kind_display()),
            author_role=message.author_role,
            role_label=str(message.get_author_role_display()),
            author_name=message.author_name,
            created_at=message.created_at,
            text=text_for(message, message.author_role),  # administrators read the original
            event=str(event),
            event_text=event_text(message.data, message.author_role) if event else "",
            card=(
                status_card(message.data) if message.kind == Message.Kind.STATUS_UPDATE else None
            ),
            files=files,
            delivery=delivery_label(message),
            moderation=_moderation(review),
            sides=tuple(_side(message, role, review, visible[role]) for role in SIDES),
            chained=chained_fields(message),
            previous_hash=previous,
            chain_hash=message.chain_hash,
        )
        previous = message.chain_hash


def chained_fields(message: Message) -> dict[str, Any]:
    """What a message's chain hash covers (helpdesk.history.CHAINED_FIELDS), as JSON."""
    fields = {name: getattr(message, name) for name in CHAINED_FIELDS}
    fields["created_at"] = _utc_iso(message.created_at)
    return fields


def _utc_iso(moment: datetime) -> str:
    # The form entry_digest hashes: UTC, to the microsecond.
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _side(message: Message, role: str, review: MessageReview | None, seen: set[int]) -> SideView:
    if message.pk not in seen:
        if message.kind == Message.Kind.INTERNAL_NOTE:
            because = "internal_note"
        elif review is not None and review.withholds:
            because = "not_delivered"
        else:
            because = "seller_team_only"
        return SideView(role=role, saw="nothing", because=because)
    masked = review is not None and review.masks and message.author_role != role
    return SideView(
        role=role,
        saw="masked" if masked else "as_written",
        text=text_for(message, role),
        withheld_files=tuple(sorted(review.masked_attachment_ids())) if masked and review else (),
    )


def _moderation(review: MessageReview | None) -> Moderation | None:
    if review is None:
        return None
    return Moderation(
        action=review.action,
        action_label=str(review.get_action_display()),
        state=review.state,
        state_label=str(review.get_state_display()),
        kinds=tuple(review.kinds),
        masked_text=review.masked_text,
        reason=review.reason,
        decided_by=_person(review.decided_by) if review.decided_by else None,
        decided_at=review.decided_at,
    )


def event_text(data: Mapping[str, Any], author_role: str) -> str:
    """An event in words, in the active language (the author's name and role are said
    beside it). An event of a kind not known here reads as its name and details."""
    name = str(data.get("event", ""))
    if name == "closed":
        if author_role == Role.BUYER:
            return _("Marked the request as solved.")
        return _("Closed the conversation.")
    if name == "assigned":
        if data.get("absent_name"):
            return _("Gave the new request to %(who)s, who stands in for %(absent)s.") % {
                "who": data.get("assignee_name", ""),
                "absent": data["absent_name"],
            }
        if data.get("assignee_name"):
            return _("Assigned the conversation to %(who)s.") % {"who": data["assignee_name"]}
        return _("Removed the conversation's assignment.")
    if name == "decided":
        return _("Decided the case: %(outcome)s.") % {
            "outcome": outcome_label(str(data.get("outcome", "")))
        }
    if name in EVENT_TEXTS:
        return str(EVENT_TEXTS[name])
    details = ", ".join(f"{key}: {value}" for key, value in sorted(data.items()) if key != "event")
    text = _("Event “%(name)s”") % {"name": name}
    return f"{text} ({details})." if details else f"{text}."


# Times -----------------------------------------------------------------------------------


def _offset(delta: timedelta | None) -> str:
    minutes = int((delta or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def local_time(moment: datetime, zone: tzinfo) -> str:
    """An instant in the market's zone, to the second, with the zone's abbreviation:
    "2026-11-30 14:05:09 CET"."""
    local = moment.astimezone(zone)
    return f"{local:%Y-%m-%d %H:%M:%S} {local.tzname()}"


def zone_statement(transcript: Transcript) -> str:
    """ "Times in Europe/Warsaw (CET, UTC+01:00)", with each offset the transcript's times
    fall in (CET and CEST when they cross a change of summer time)."""
    zone = transcript.zone
    moments = [e.created_at for t in transcript.threads for e in t.entries] or [
        transcript.exported_at
    ]
    offsets = sorted(
        {
            (local.utcoffset() or timedelta(), local.tzname() or "")
            for local in (moment.astimezone(zone) for moment in moments)
        }
    )
    names = "; ".join(f"{name}, {_offset(delta)}" for delta, name in offsets)
    return _("Times in %(zone)s (%(offsets)s)") % {"zone": transcript.time_zone, "offsets": names}


# JSON ------------------------------------------------------------------------------------


def _person_json(person: Person | None) -> dict[str, Any] | None:
    if person is None:
        return None
    return {"id": person.id, "name": person.name, "email": person.email}


def _moment(moment: datetime | None) -> str | None:
    return _utc_iso(moment) if moment is not None else None


def transcript_data(transcript: Transcript) -> dict[str, Any]:
    """The JSON export's content. Per entry, `message` holds exactly what its chain hash
    covers (with `chain.files`): entry_digest(chain.previous, message, chain.files) ==
    chain.hash. Codes, not labels: a system reads it in any language."""
    zone = transcript.zone
    return {
        "format": FORMAT,
        "platform": transcript.platform_domain,
        "scope": transcript.scope,
        "exported_at": _utc_iso(transcript.exported_at),
        "exported_by": _person_json(transcript.exported_by),
        "time_zone": transcript.time_zone,
        "order": {
            "id": transcript.order_id,
            "number": transcript.order_number,
            "placed_at": _utc_iso(transcript.order_placed_at),
            "market": transcript.market_code,
        },
        "buyer": _person_json(transcript.buyer),
        "seller": {
            "id": transcript.seller_id,
            "name": transcript.seller_name,
            "contacts": [_person_json(person) for person in transcript.seller_contacts],
        },
        "chain": {
            "algorithm": "sha256",
            "genesis": GENESIS,
            "fields": list(CHAINED_FIELDS),
            "link": (
                "sha256(previous + '\\n' + canonical JSON of {thread: thread_id, author: "
                "author_id, author_name, role: author_role, kind, body, data, at: created_at, "
                "files}, sorted keys, separators ',' and ':', UTF-8 unescaped)"
            ),
        },
        "threads": [
            {
                "id": thread.id,
                "topic": thread.topic,
                "status": thread.status,
                "opened_at": _utc_iso(thread.opened_at),
                "closed_at": _moment(thread.closed_at),
                "escalated_at": _moment(thread.escalated_at),
                "chain_head": thread.chain_head,
                "entries": [_entry_json(entry, zone) for entry in thread.entries],
            }
            for thread in transcript.threads
        ],
    }


def _entry_json(entry: Entry, zone: tzinfo) -> dict[str, Any]:
    moderation = entry.moderation
    return {
        "id": entry.id,
        "position": entry.position,
        "message": dict(entry.chained),
        "local_time": entry.created_at.astimezone(zone).isoformat(timespec="microseconds"),
        "event": entry.event or None,
        "internal_note": entry.is_internal_note,
        "files": [
            {
                "id": f.id,
                "name": f.name,
                "size": f.size,
                "content_type": f.content_type,
                "sha256": f.sha256,
            }
            for f in entry.files
        ],
        "delivery": {
            side.role: {
                "saw": side.saw,
                "because": side.because or None,
                "text": side.text,
                "withheld_files": list(side.withheld_files),
            }
            for side in entry.sides
        },
        "moderation": None
        if moderation is None
        else {
            "action": moderation.action,
            "state": moderation.state,
            "kinds": list(moderation.kinds),
            "masked_text": moderation.masked_text,
            "reason": moderation.reason,
            "decided_by": _person_json(moderation.decided_by),
            "decided_at": _moment(moderation.decided_at),
        },
        "chain": {
            "previous": entry.previous_hash,
            "files": [f.sha256 for f in entry.files],
            "hash": entry.chain_hash,
        },
    }


def transcript_json(transcript: Transcript) -> bytes:
    """The JSON export, UTF-8, keys sorted (the same content gives the same bytes)."""
    text = json.dumps(transcript_data(transcript), ensure_ascii=False, indent=2, sort_keys=True)
    return (text + "\n").encode()


# Checksums -------------------------------------------------------------------------------


def checksum(content: bytes) -> str:
    """The SHA-256 of a delivered file, in hex: what the access log and the admin show."""
    return hashlib.sha256(content).hexdigest()


def digest_header(content: bytes) -> str:
    """The same checksum as an HTTP `Repr-Digest` field (RFC 9530)."""
    return f"sha-256=:{base64.b64encode(hashlib.sha256(content).digest()).decode()}:"


# Verifying a JSON export -----------------------------------------------------------------


def transcript_verify(data: Mapping[str, Any]) -> list[str]:
    """What is wrong with a JSON export (an empty list: nothing).

    Every link is recomputed from the JSON alone (helpdesk.history.entry_digest) and
    compared with the hash the JSON states; then each entry is compared with the platform's
    record now: its stored chain hash, and everything else the JSON says of it (files, what
    each side saw, the moderation). The threads must be those of the export (every thread of
    the order for an order's transcript) with every message they had when it was made. A
    review still pending at the export may have been decided since: only its decision and
    what each side saw may then differ. A JSON edited after its export fails; a genuine one
    passes."""
    if data.get("format") != FORMAT:
        return [
            _("Not a transcript of this platform (format %(format)r).")
            % {"format": data.get("format")}
        ]
    try:
        threads = list(data["threads"])
        thread_ids = [int(thread["id"]) for thread in threads]
        exported_at = datetime.fromisoformat(data["exported_at"])
        order_number = str(data["order"]["number"])
        scope = data["scope"]
    except (KeyError, TypeError, ValueError):
        return [_("The transcript is incomplete: it has no threads or no export time.")]
    problems: list[str] = []
    known = {
        thread.pk: thread
        for thread in Thread.objects.filter(pk__in=thread_ids).select_related("order", "market")
    }
    for thread_id in thread_ids:
        if thread_id not in known:
            problems.append(
                _("Thread %(thread)s is not in the platform's record.") % {"thread": thread_id}
            )
        elif known[thread_id].order.number != order_number:
            problems.append(
                _("Thread %(thread)s belongs to another order than the transcript says.")
                % {"thread": thread_id}
            )
    if scope == "order":
        expected_threads = list(
            Thread.objects.filter(order__number=order_number, created_at__lte=exported_at)
            .order_by("created_at", "id")
            .values_list("pk", flat=True)
        )
        if thread_ids != expected_threads:
            problems.append(
                _("The threads are not those of order %(order)s when it was exported.")
                % {"order": order_number}
            )
    elif len(thread_ids) != 1:
        problems.append(_("A conversation's transcript holds exactly one conversation."))
    timelines = _timelines([thread_id for thread_id in thread_ids if thread_id in known])
    for thread in threads:
        thread_id = int(thread["id"])
        if thread_id in known:
            zone = ZoneInfo(known[thread_id].market.time_zone)
            problems += _verify_thread(thread, timelines[thread_id], exported_at, zone)
    return problems


def _verify_thread(
    thread: Mapping[str, Any], record: Sequence[Entry], exported_at: datetime, zone: tzinfo
) -> list[str]:
    thread_id = int(thread["id"])
    problems: list[str] = []
    entries = list(thread.get("entries", []))
    stored = {entry.id: entry for entry in record}
    previous = GENESIS

    def problem(entry: Mapping[str, Any], text: str) -> None:
        problems.append(
            _("Thread %(thread)s, entry %(entry)s: %(problem)s")
            % {"thread": thread_id, "entry": entry.get("id"), "problem": text}
        )

    for entry in entries:
        try:
            message = dict(entry["message"])
            chain = entry["chain"]
            message["created_at"] = datetime.fromisoformat(message["created_at"])
            recomputed = entry_digest(previous, message, list(chain["files"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            problem(entry, _("it lacks the fields its chain hash covers."))
            previous = ""
            continue
        if chain.get("previous") != previous:
            problem(entry, _("it does not follow the previous entry of the chain."))
        if recomputed != chain.get("hash"):
            problem(entry, _("its content does not match its chain hash."))
        if message.get("thread_id") != thread_id:
            problem(entry, _("it belongs to another thread."))
        previous = str(chain.get("hash", ""))
        known = stored.get(entry.get("id"))
        if known is None:
            problem(entry, _("the platform has no such message."))
            continue
        if known.chain_hash != chain.get("hash"):
            problem(entry, _("its chain hash differs from the platform's record."))
        differing = _differences(entry, _entry_json(known, zone))
        if differing:
            problem(
                entry,
                _("it differs from the platform's record (%(fields)s).")
                % {"fields": ", ".join(differing)},
            )
    if thread.get("chain_head") != (previous if entries else GENESIS):
        problems.append(
            _("Thread %(thread)s: its chain head is not the hash of its last entry.")
            % {"thread": thread_id}
        )
    # Every message the thread had when the transcript was made is in it, in order.
    expected = [entry.id for entry in record if entry.created_at <= exported_at]
    if [entry.get("id") for entry in entries] != expected:
        problems.append(
            _("Thread %(thread)s: the entries are not the thread's messages up to the export.")
            % {"thread": thread_id}
        )
    return problems


# A review pending at the export and decided since: these may differ (with what each side
# saw); while it is still pending, nothing may.
DECISION_FIELDS = ("state", "reason", "decided_by", "decided_at")


def _differences(stated: Mapping[str, Any], recorded: dict[str, Any]) -> list[str]:
    """The keys of an exported entry that differ from the entry as recorded now."""
    stated_review = stated.get("moderation")
    if (
        isinstance(stated_review, dict)
        and recorded["moderation"] is not None
        and stated_review.get("state") == MessageReview.State.PENDING
        and recorded["moderation"]["state"] != MessageReview.State.PENDING
    ):
        recorded["delivery"] = stated.get("delivery")
        recorded["moderation"].update({key: stated_review.get(key) for key in DECISION_FIELDS})
    return sorted(
        key for key in recorded.keys() | stated.keys() if stated.get(key) != recorded.get(key)
    )


# PDF -------------------------------------------------------------------------------------

FONT = "PT Sans"
FONT_FILES = {
    "": "PT_Sans-Web-Regular.ttf",
    "B": "PT_Sans-Web-Bold.ttf",
    "I": "PT_Sans-Web-Italic.ttf",
}
ROLE_TINTS: dict[str, tuple[int, int, int]] = {
    Role.BUYER: (226, 236, 252),
    Role.SELLER: (224, 243, 230),
    Role.PLATFORM: (238, 230, 250),
    Role.SYSTEM: (236, 236, 236),
}
NOTE_TINT = (255, 238, 196)
PAGES_ALIAS = "\ue000\ue001\ue002"  # private use; `printable` never lets them through
GREY = (90, 90, 90)
BLACK = (0, 0, 0)
NOTE_INK = (140, 70, 0)
WARN_INK = (160, 20, 20)


def _font_path(style: str) -> str:
    return str(resources.files("fontpkg_pt_sans") / "files" / FONT_FILES[style])


@cache
def _drawable() -> frozenset[int]:
    """The characters every style of the font can draw."""
    maps = []
    for style in FONT_FILES:
        with TTFont(_font_path(style), lazy=True) as font:
            maps.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*maps))


def printable(text: str) -> str:
    """`text` as the PDF can draw it: a character the font lacks (an emoji, a rare script)
    is written as its code point, "[U+1F44D]", so nothing silently disappears (the JSON
    keeps the text exactly)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    drawable = _drawable()
    return "".join(
        char
        if char == "\n" or (ord(char) in drawable and char not in PAGES_ALIAS)
        else f"[U+{ord(char):04X}]"
        for char in text
    )


def _size(size: int) -> str:
    if size < 1024:
        return ngettext("%(n)s byte", "%(n)s bytes", size) % {"n": number_format(size)}
    return _("%(kb)s KB (%(n)s bytes)") % {
        "kb": number_format(size / 1024, decimal_pos=1),
        "n": number_format(size, force_grouping=True),
    }


class _Document(FPDF):
    """A4, PT Sans, a running head and "Page x of y" at the foot of every page."""

    def __init__(self, head: str, foot: str) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.head, self.foot = head, foot
        self.measuring: float | None = None  # the height drawn so far, while measuring
        # The page-count placeholder is made of characters the font cannot draw, which
        # `printable` rewrites in every text a person wrote: none can contain it. Three
        # characters hold the room of three digits.
        self.alias_nb_pages(PAGES_ALIAS, align="L")
        for style in FONT_FILES:
            self.add_font(FONT, style, _font_path(style))
        self.set_margins(18, 20, 18)
        self.set_auto_page_break(True, margin=18)

    def fit(self, text: str, width: float) -> str:
        """`text` cut to `width` (in the current font), with "…" when cut."""
        text = printable(text)
        if self.get_string_width(text) <= width:
            return text
        while text and self.get_string_width(text + "…") > width:
            text = text[:-1]
        return text + "…"

    def header(self) -> None:
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.set_y(9)
        self.cell(0, 4, self.fit(self.head, self.epw), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(180, 180, 180)
        self.line(self.l_margin, 14, self.w - self.r_margin, 14)
        self.set_y(20)
        self.set_text_color(*BLACK)

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(FONT, "", 8)
        self.set_text_color(*GREY)
        self.cell(self.epw * 0.75, 4, self.fit(self.foot, self.epw * 0.74))
        pages = _("Page %(page)s of %(pages)s") % {
            "page": self.page_no(),
            "pages": PAGES_ALIAS,
        }
        self.cell(0, 4, pages, align="R")
        self.set_text_color(*BLACK)

    # Writing helpers: every text a person wrote goes through `printable`, and fpdf2's
    # markup is off (markdown=False is fpdf2's default; said here so it stays so).

    def para(
        self,
        text: str,
        *,
        size: float = 10,
        style: str = "",
        indent: float = 0,
        color: tuple[int, int, int] = BLACK,
        fill: tuple[int, int, int] | None = None,
        height: float | None = None,
    ) -> None:
        self.set_font(FONT, style, size)
        if self.measuring is not None:
            drawn = self.multi_cell(
                self.epw - indent,
                height or size * 0.5,
                printable(text),
                markdown=False,
                dry_run=True,
                output="HEIGHT",
            )
            self.measuring += float(drawn)  # type: ignore[arg-type]  # HEIGHT: a float
            return
        self.set_text_color(*color)
        if fill:
            self.set_fill_color(*fill)
        self.set_x(self.l_margin + indent)
        self.multi_cell(
            self.epw - indent,
            height or size * 0.5,
            printable(text),
            fill=fill is not None,
            align="L",
            markdown=False,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )
        self.set_text_color(*BLACK)

    def field(self, label: str, value: str, *, width: float = 40) -> None:
        self.set_font(FONT, "B", 9.5)
        self.set_text_color(*GREY)
        self.set_x(self.l_margin)
        self.cell(width, 5, printable(label))
        self.set_text_color(*BLACK)
        self.set_font(FONT, "", 9.5)
        self.multi_cell(
            0, 5, printable(value), align="L", markdown=False, new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )

    def gap(self, height: float) -> None:
        if self.measuring is not None:
            self.measuring += height
        else:
            self.ln(height)

    def measure(self, draw: Callable[[], None]) -> float:
        """How tall `draw` would write, without writing."""
        self.measuring = 0.0
        try:
            draw()
            return self.measuring
        finally:
            self.measuring = None

    def rule(self) -> None:
        if self.measuring is not None:
            return
        self.set_draw_color(210, 210, 210)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())


def _title(transcript: Transcript) -> str:
    if transcript.scope == "thread":
        return _("Transcript of conversation #%(thread)s, order %(order)s") % {
            "thread": transcript.threads[0].id,
            "order": transcript.order_number,
        }
    return ngettext(
        "Transcript of order %(order)s (%(count)s conversation)",
        "Transcript of order %(order)s (%(count)s conversations)",
        len(transcript.threads),
    ) % {"order": transcript.order_number, "count": len(transcript.threads)}


def _who(person: Person) -> str:
    return f"{person.name} <{person.email}>" if person.name else person.email


SAW_LABELS: dict[str, Promise] = {
    "as_written": gettext_lazy("as written"),
    "masked": gettext_lazy("the text with details masked:"),
}
NOTHING_LABELS: dict[str, Promise] = {
    "not_delivered": gettext_lazy("nothing: not delivered"),
    "internal_note": gettext_lazy("nothing: internal note, not shown to the buyer"),
    "seller_team_only": gettext_lazy("nothing: shown to the seller's team only"),
}
SIDE_LABELS: dict[str, Promise] = {
    Role.BUYER: gettext_lazy("Buyer saw"),
    Role.SELLER: gettext_lazy("Seller saw"),
}


def transcript_pdf(transcript: Transcript) -> bytes:
    """The PDF for people: in the active language, times in the market's zone."""
    zone = transcript.zone
    title = _title(transcript)
    platform = _("Marketplace Helpdesk")
    pdf = _Document(
        head=f"{platform} · {transcript.platform_domain} · {title}",
        foot=_("Exported %(when)s by %(who)s")
        % {"when": local_time(transcript.exported_at, zone), "who": _who(transcript.exported_by)},
    )
    pdf.set_title(title)
    pdf.set_author(platform)
    pdf.set_creator(platform)
    pdf.set_lang(transcript.language)
    pdf.set_creation_date(transcript.exported_at)
    pdf.add_page()
    _front(pdf, transcript, title, platform)
    for thread in transcript.threads:
        _thread(pdf, thread, zone)
    return bytes(pdf.output())


def _front(pdf: _Document, transcript: Transcript, title: str, platform: str) -> None:
    zone = transcript.zone
    pdf.para(title, size=16, style="B", height=8)
    pdf.ln(2)
    pdf.field(_("Platform"), f"{platform} ({transcript.platform_domain})")
    pdf.field(
        _("Order"),
        _("%(number)s, placed %(when)s")
        % {"number": transcript.order_number, "when": local_time(transcript.order_placed_at, zone)},
    )
    pdf.field(_("Market"), f"{transcript.market_name} ({transcript.market_code})")
    pdf.field(_("Buyer"), _who(transcript.buyer))
    contacts = ", ".join(_who(person) for person in transcript.seller_contacts)
    pdf.field(
        _("Seller"),
        _("%(seller)s; contact: %(contacts)s")
        % {"seller": transcript.seller_name, "contacts": contacts}
        if contacts
        else transcript.seller_name,
    )
    pdf.field(_("Time zone"), zone_statement(transcript))
    pdf.field(
        _("Exported"),
        _("%(when)s by %(who)s")
        % {"when": local_time(transcript.exported_at, zone), "who": _who(transcript.exported_by)},
    )
    for thread in transcript.threads:
        pdf.field(
            _("Conversation #%(thread)s") % {"thread": thread.id},
            ngettext(
                "%(topic)s, %(status)s, %(count)s entry; chain head %(head)s",
                "%(topic)s, %(status)s, %(count)s entries; chain head %(head)s",
                len(thread.entries),
            )
            % {
                "topic": thread.topic_label,
                "status": thread.status_label,
                "count": len(thread.entries),
                "head": thread.chain_head,
            },
        )
    if not transcript.threads:
        pdf.field(_("Conversations"), _("None: no conversation about this order."))
    pdf.ln(3)
    pdf.para(
        _(
            "Integrity. Each entry below ends with its chain hash: the SHA-256 of what it "
            "says (author, name as of writing, role, kind, text, data, time, the SHA-256 of "
            "each file) chained to the entry before it, as the platform stored it when it was "
            "written. A conversation's chain head is the hash of its last entry. The JSON "
            "export of the same conversation carries the same hashes and chain heads, and a "
            "program can recompute every link from it and compare it with the platform's "
            "record. A file cannot contain its own checksum: the SHA-256 of this PDF was shown "
            "to the person who exported it and is kept in the platform's access log."
        ),
        size=8.5,
        color=GREY,
    )
    pdf.para(
        _(
            "Internal notes were written by the seller's team for itself and were never shown "
            "to the buyer. Characters the font cannot draw are written as their code point, "
            "for example [U+1F44D]."
        ),
        size=8.5,
        color=GREY,
    )


def _thread(pdf: _Document, thread: ThreadTranscript, zone: tzinfo) -> None:
    if pdf.will_page_break(40):
        pdf.add_page()
    pdf.ln(5)
    pdf.para(
        _("Conversation #%(thread)s · %(topic)s · %(status)s")
        % {"thread": thread.id, "topic": thread.topic_label, "status": thread.status_label},
        size=12.5,
        style="B",
        fill=(232, 232, 232),
        height=7,
    )
    facts = [_("opened %(when)s") % {"when": local_time(thread.opened_at, zone)}]
    if thread.escalated_at:
        facts.append(_("escalated %(when)s") % {"when": local_time(thread.escalated_at, zone)})
    if thread.closed_at:
        facts.append(_("closed %(when)s") % {"when": local_time(thread.closed_at, zone)})
    pdf.para(" · ".join(facts), size=9, color=GREY)
    pdf.ln(2)
    if not thread.entries:
        pdf.para(_("No entry."), size=10, style="I")
    for entry in thread.entries:
        _entry(pdf, entry, zone)


def _entry(pdf: _Document, entry: Entry, zone: tzinfo) -> None:
    """An entry kept on one page when it fits on one, else started on a page with room
    for its heading and a few lines."""
    height = pdf.measure(lambda: _entry_body(pdf, entry, zone))
    if pdf.will_page_break(height if height < pdf.eph else 25):
        pdf.add_page()
    _entry_body(pdf, entry, zone)


def _entry_body(pdf: _Document, entry: Entry, zone: tzinfo) -> None:
    pdf.gap(1.5)
    who = entry.author_name or entry.role_label
    pdf.para(
        f"{entry.position}. {local_time(entry.created_at, zone)} · {who} · "
        f"{entry.role_label.lower()} · {entry.kind_label}",
        size=9.5,
        style="B",
        fill=NOTE_TINT if entry.is_internal_note else ROLE_TINTS.get(entry.author_role),
        height=5.5,
    )
    if entry.is_internal_note:
        pdf.para(
            _("Internal note, not shown to the buyer").upper(),
            size=8.5,
            style="B",
            color=NOTE_INK,
            indent=3,
        )
    if entry.event:
        pdf.para(entry.event_text, size=10, style="I", indent=3)
    if entry.card is not None:
        card = entry.card
        pdf.para(
            f"{card.title}. {card.text}" if card.text else card.title,
            size=10,
            style="B",
            indent=3,
        )
        for fact in card.facts:
            pdf.para(f"{fact.label}: {fact.value}", size=10, indent=6)
        if entry.text:
            pdf.para(_("Note: %(note)s") % {"note": entry.text}, size=10, indent=3)
    elif entry.text:
        pdf.para(entry.text, size=10, indent=3)
    for f in entry.files:
        pdf.para(
            _("File: %(name)s · %(type)s · %(size)s · SHA-256 %(sha256)s")
            % {
                "name": f.name,
                "type": f.content_type,
                "size": _size(f.size),
                "sha256": f.sha256,
            },
            size=8.5,
            indent=3,
        )
    _delivery(pdf, entry, zone)
    pdf.para(_("Chain hash: %(hash)s") % {"hash": entry.chain_hash}, size=7.5, color=GREY, indent=3)
    pdf.gap(1)
    pdf.rule()


def _delivery(pdf: _Document, entry: Entry, zone: tzinfo) -> None:
    """What the other side got, and each side's view of it; an event that carries no text
    says only who did not see it."""
    moderation = entry.moderation
    bare_event = entry.kind == Message.Kind.EVENT and not entry.text
    if not bare_event or moderation is not None:
        withheld = any(side.because == "not_delivered" for side in entry.sides)
        pdf.para(
            _("Delivery: %(delivery)s") % {"delivery": entry.delivery},
            size=8.5,
            style="B" if withheld else "",
            color=WARN_INK if withheld else BLACK,
            indent=3,
        )
    for side in entry.sides:
        if side.saw == "as_written" and (bare_event or side.role == entry.author_role):
            continue  # nothing to say: the writer's own side read what it wrote
        label = str(SIDE_LABELS[side.role])
        if side.saw == "nothing":
            pdf.para(f"{label}: {NOTHING_LABELS[side.because]}", size=8.5, indent=3)
            continue
        pdf.para(f"{label}: {SAW_LABELS[side.saw]}", size=8.5, indent=3)
        if side.saw == "masked" and side.text is not None:
            pdf.para(side.text, size=9, indent=8, color=GREY)
        if side.withheld_files:
            pdf.para(
                ngettext(
                    "%(count)s file withheld from this side.",
                    "%(count)s files withheld from this side.",
                    len(side.withheld_files),
                )
                % {"count": len(side.withheld_files)},
                size=8.5,
                indent=8,
            )
    if moderation is not None:
        kinds = ", ".join(str(KIND_LABELS.get(kind, kind)) for kind in moderation.kinds)
        line = _("Moderation: %(action)s (%(kinds)s) · %(state)s") % {
            "action": moderation.action_label,
            "kinds": kinds,
            "state": moderation.state_label,
        }
        if moderation.decided_at is not None:
            line += " " + _("by %(who)s, %(when)s") % {
                "who": _who(moderation.decided_by) if moderation.decided_by else "—",
                "when": local_time(moderation.decided_at, zone),
            }
        if moderation.reason:
            line += " · " + _("reason: %(reason)s") % {"reason": moderation.reason}
        pdf.para(line, size=8.5, indent=3)
