"""Moderation of messages between the scanner and the database: which policy applies to a
draft, how the findings read to the writer, and what each side is shown.

Nothing here writes: `screen` turns a draft into a `Screening` (findings + the action the
policy takes), which `helpdesk.services` stores as a `MessageReview` with the message.
`present` prepares a timeline for one reader.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

if TYPE_CHECKING:
    from helpdesk.scanner import Finding

# The strongest action wins when a message has findings of several kinds.
ACTION_RANK = {"flag": 1, "mask": 2, "hold": 3}
MASK = "[•••]"

# Shown to the writer, in their language, next to each finding.
KIND_LABELS = {
    "email": pgettext_lazy("finding", "E-mail address"),
    "phone": pgettext_lazy("finding", "Phone number"),
    "url": pgettext_lazy("finding", "Link to another website"),
    "social": pgettext_lazy("finding", "Messaging app or social network"),
    "payment": pgettext_lazy("finding", "Payment outside the platform"),
    "marketing": pgettext_lazy("finding", "Advertising"),
}
KIND_REASONS = {
    "email": _(
        "Buyers and sellers write to each other here, so that every agreement stays on the "
        "record and the platform can help if something goes wrong."
    ),
    "phone": _(
        "Phone calls leave no record the platform could use to protect buyer and seller. "
        "Ask your question here instead; if a carrier needs a number, it is in the order."
    ),
    "url": _(
        "Links to other websites are not allowed: they can lead buyers away from the "
        "platform's protection. Links to this platform are fine."
    ),
    "social": _(
        "Moving the conversation to WhatsApp, Telegram, Instagram or similar takes it out of "
        "the platform's protection."
    ),
    "payment": _(
        "All payments and refunds go through the platform. Paying by bank transfer, PayPal, "
        "Revolut, BLIK or cash outside it removes the buyer's protection."
    ),
    "marketing": _(
        "Messages are about this order only: no discount codes for other purchases, "
        "newsletters, promotions or requests for reviews in exchange for something."
    ),
}
SOURCE_LABELS = {
    "body": _("in the text"),
    "note": _("in the note"),
    "file_name": _("in a file name"),
    "file_text": _("in a PDF document"),
}


def policy_action(role: str, kind: str) -> str:
    """What settings.MODERATION_POLICY does with a finding of `kind` written by `role`:
    "hold", "mask", "flag", or "" (nothing)."""
    return settings.MODERATION_POLICY.get(role, {}).get(kind, "")


@dataclass(frozen=True)
class Screening:
    """The scanner's findings on a draft and the action the policy takes."""

    findings: list[dict[str, Any]] = field(default_factory=list)
    action: str = ""
    masked_text: str = ""

    @property
    def kinds(self) -> list[str]:
        return sorted({f["kind"] for f in self.findings})

    def __bool__(self) -> bool:
        return bool(self.findings)


def _as_dicts(findings: Iterable[Finding], source: str, **extra: Any) -> list[dict[str, Any]]:
    return [
        {
            "kind": f.kind,
            "start": f.start,
            "end": f.end,
            "excerpt": f.excerpt,
            "source": source,
            **extra,
        }
        for f in findings
    ]


def mask(text: str, findings: Iterable[dict[str, Any]], *, role: str) -> str:
    """`text` with every finding the policy hides (mask or hold) replaced by a marker."""
    spans = sorted(
        (f["start"], f["end"])
        for f in findings
        if policy_action(role, f["kind"]) in ("mask", "hold")
    )
    out, position = [], 0
    for start, end in spans:
        if start < position:  # overlaps the previous span, already masked
            start = position
        if start >= end:
            continue
        out.append(text[position:start])
        out.append(MASK)
        position = end
    out.append(text[position:])
    return "".join(out)


def screen(
    *,
    role: str,
    text: str,
    source: str = "body",
    files: Sequence[Any] = (),
    language: str | None = None,
) -> Screening:
    """Scan a draft (its text, and each file's name and PDF text; files have `name` and
    `text`, like helpdesk.uploads.Upload) and decide the policy's action for `role`. The
    findings of file number i carry "attachment": i, replaced by the attachment's id once
    stored."""
    # Imported here, not with the module: importing the scanner compiles its patterns (about
    # 1.5 s), which the processes that never scan (migrate, beat, most commands) need not
    # pay; the web process loads it before forking its workers (config/wsgi.py).
    from helpdesk.scanner import scan

    if role not in settings.MODERATION_POLICY:
        return Screening()
    findings = _as_dicts(scan(text, language=language), source)
    for index, upload in enumerate(files):
        # The name as typed, before cleaning (which would hide "@" and "/").
        findings += _as_dicts(
            scan(upload.screened_name, language=language), "file_name", attachment=index
        )
        if upload.text:
            findings += _as_dicts(
                scan(upload.text, language=language), "file_text", attachment=index
            )
    findings = [f for f in findings if policy_action(role, f["kind"])]
    if not findings:
        return Screening()
    action = max((policy_action(role, f["kind"]) for f in findings), key=ACTION_RANK.__getitem__)
    return Screening(
        findings=findings,
        action=action,
        masked_text=mask(text, [f for f in findings if f["source"] == source], role=role),
    )


def highlight(text: str, findings: Iterable[dict[str, Any]]) -> SafeString:
    """`text`, escaped, with each finding wrapped in <mark> (for the writer and the
    moderation queue)."""
    spans = sorted((f["start"], f["end"], f["kind"]) for f in findings)
    out: list[str] = []
    position = 0
    for start, end, kind in spans:
        start = max(start, position)
        if start >= end:
            continue
        out.append(escape(text[position:start]))
        out.append(
            f'<mark class="finding finding-{escape(kind)}" title="{escape(KIND_LABELS[kind])}">'
            f"{escape(text[start:end])}</mark>"
        )
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 (every piece is escaped above)


@dataclass(frozen=True)
class Explanation:
    kind: str
    label: str
    reason: str
    excerpts: list[tuple[str, str]]  # (where, what)


def explain(findings: Iterable[dict[str, Any]]) -> list[Explanation]:
    """One explanation per kind found, in the active language, with what was found where."""
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for f in findings:
        by_kind.setdefault(f["kind"], []).append((str(SOURCE_LABELS[f["source"]]), f["excerpt"]))
    return [
        Explanation(kind, str(KIND_LABELS[kind]), str(KIND_REASONS[kind]), excerpts)
        for kind, excerpts in sorted(by_kind.items())
    ]


def _review_of(message: Any) -> Any:
    # RelatedObjectDoesNotExist is an AttributeError: nothing was found in this message.
    return getattr(message, "review", None)


def present(entries: Sequence[Any], role: str) -> Sequence[Any]:
    """Prepare each entry for a reader in `role`: `shown_body` (masked for the other side
    while masked), `shown_note` (the status update's note, likewise), `shown_files` (without
    withheld files), `withheld_files` (their number), `masked_for_reader`, and `own_review`
    (to the writer's side only: held for review, rejected with a reason…). Entries must come with
    select_related("review") and prefetched attachments."""
    for entry in entries:
        review = _review_of(entry)
        files = list(entry.attachments.all())
        text = text_for(entry, role)
        is_update = entry.kind == entry.Kind.STATUS_UPDATE
        entry.shown_body = entry.body if is_update else text
        entry.shown_note = text if is_update else ""
        entry.shown_files = files
        entry.withheld_files = 0
        entry.own_review = None
        entry.masked_for_reader = False
        if review is None:
            continue
        if entry.author_role == role:
            entry.own_review = review
        elif review.masks:
            hidden = review.masked_attachment_ids()
            entry.shown_files = [f for f in files if f.pk not in hidden]
            entry.withheld_files = len(files) - len(entry.shown_files)
            entry.masked_for_reader = True
    return entries


def text_for(message: Any, reader_role: str) -> str:
    """The message's text (a status update's note) as `reader_role` may read it: the
    writer's side and administrators (reading as the writer) get the original."""
    review = _review_of(message)
    if review is not None and review.masks and message.author_role != reader_role:
        return review.masked_text
    if message.kind == message.Kind.STATUS_UPDATE:
        return message.data.get("note", "")
    return message.body


def delivery_label(message: Any) -> str:
    """What the other side got, in words: delivered, delivered masked, not delivered (held
    for review, or rejected), the seller's team only (an internal note). The admin's
    "delivery" column and the transcripts say it with these words."""
    review = _review_of(message)
    if review is None:
        if message.kind == message.Kind.INTERNAL_NOTE:
            return str(_("Seller's team only (internal note)"))
        return str(_("Delivered"))
    if review.withholds:
        if review.state == review.State.REJECTED:
            return str(_("Not delivered: rejected"))
        return str(_("Not delivered: held for review"))
    if review.masks:
        return str(_("Delivered masked: the other side reads the text with [•••]"))
    if review.action == review.Action.FLAG:
        return str(_("Delivered (flagged for review)"))
    return str(_("Delivered after approval"))


def consequence(role: str, action: str) -> tuple[str, str]:
    """What happens to a draft with findings if it is sent anyway, for its writer."""
    if action == "hold":
        if role == "seller":
            return (
                str(_("Your reply would be held for review")),
                str(
                    _(
                        "If you send it anyway, a platform administrator checks it before the "
                        "buyer sees it. If it is approved, your answer time counts from the "
                        "moment you sent it."
                    )
                ),
            )
        return (
            str(_("Your message would be held for review")),
            str(_("If you send it anyway, a platform administrator checks it first.")),
        )
    if action == "mask":
        return (
            str(_("These details would be hidden from the other side")),
            str(
                _(
                    "If you send it anyway, the message is delivered with them hidden and a "
                    "platform administrator reviews it."
                )
            ),
        )
    return (
        str(_("A platform administrator would review this message")),
        str(_("If you send it anyway, it is delivered and reviewed afterwards.")),
    )


def check_context(screening: Screening, text: str, role: str) -> dict[str, Any]:
    """The template context of the writer's pre-send check (helpdesk/_draft_check.html)."""
    if not screening:
        return {"check": None}
    title, text_after = consequence(role, screening.action)
    in_text = [f for f in screening.findings if f["source"] in ("body", "note")]
    return {
        "check": screening,
        "check_title": title,
        "check_consequence": text_after,
        "explanations": explain(screening.findings),
        "highlighted": highlight(text, in_text) if in_text else "",
    }


def highlight_window(text: str, findings: Sequence[dict[str, Any]], width: int = 50) -> SafeString:
    """The part of `text` around its first finding, highlighted (for the queue's list)."""
    if not findings:
        return highlight(text[: width * 2], [])
    first = min(findings, key=lambda f: f["start"])
    start = max(0, first["start"] - width)
    end = min(len(text), first["end"] + width)
    # Whole words at both ends.
    if start > 0:
        space = text.find(" ", start, first["start"])
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", first["end"], end)
        end = space if space != -1 else end
    inside = [
        {**f, "start": f["start"] - start, "end": min(f["end"], end) - start}
        for f in findings
        if f["start"] >= start and f["start"] < end
    ]
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{highlight(text[start:end], inside)}{suffix}")  # noqa: S308
