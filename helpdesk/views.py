"""Buyer requests, the seller inbox, thread pages. Each view reads access → form → service
→ response; a normal POST redirects, an htmx request gets the fragment it replaces."""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import access_seller_workspace, is_owner, request_user, require_owner
from accounts.models import Seller, SellerMember
from helpdesk.absences import absence_covering, note_assignee_absences
from helpdesk.access import ThreadAccess, access_attachment, access_thread
from helpdesk.forms import (
    BODY_MAX,
    AnswerRatingForm,
    AssignForm,
    ContactSellerForm,
    EscalateForm,
    InboxBulkForm,
    InboxFilterForm,
    NoteForm,
    NotificationSettingsForm,
    ReplyForm,
    SavedReplyForm,
    StatusUpdateForm,
)
from helpdesk.models import Escalation, Role, SavedReply, Thread, Topic
from helpdesk.moderation import check_context, screen
from helpdesk.reply_language import language_warning
from helpdesk.rules import answer_to_rate, thread_actions
from helpdesk.saved_replies import PLACEHOLDERS, saved_reply_options
from helpdesk.selectors import buyer_threads, inbox_page, timeline, unread_ids
from helpdesk.services import (
    HelpdeskError,
    TooFast,
    answer_rate,
    message_post,
    note_post,
    saved_reply_create,
    saved_reply_delete,
    saved_reply_move,
    saved_reply_update,
    status_update_post,
    thread_assign,
    thread_close,
    thread_escalate,
    thread_mark_read,
    thread_no_reply_needed,
    thread_open,
    thread_reopen,
    threads_bulk,
)
from helpdesk.uploads import attachment_response
from orders.access import access_order
from orders.http import ViewerRequest
from orders.models import Market
from sla.calendar import business_time_between

INBOX_PAGE = 25
POLL_SECONDS = 10
RECENT_ENTRIES = 3
# A long thread shows its latest SHOWN_ENTRIES; the older ones load when asked for (as long
# issues do on GitHub): the page's work stays the same however long the thread grows.
LONG_THREAD_ENTRIES = 30
SHOWN_ENTRIES = 20


# Buyer: opening a request ------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def contact_seller(request: ViewerRequest, number: str) -> HttpResponse:
    order = access_order(request.user, number, as_role=Role.BUYER).order
    form = ContactSellerForm(
        request.POST or None,
        request.FILES or None,
        order=order,
        initial={"topic": request.GET.get("topic", "")},
        check_url=reverse("helpdesk:contact_check", args=[order.number]),
    )
    check: dict[str, Any] = {}
    status = 200
    draft_key = f"order:{order.number}"
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        check = _submit_check(form, role=Role.BUYER, market=order.market)
        if check:
            _keep_draft(request, draft_key, check)
            return redirect(
                reverse("helpdesk:contact_seller", args=[order.number]) + "#draft-check"
            )
    elif request.method == "GET":
        kept, check = _kept_draft(
            request,
            draft_key,
            ContactSellerForm,
            order=order,
            check_url=reverse("helpdesk:contact_check", args=[order.number]),
        )
        form = kept or form
    if request.method == "POST" and form.is_valid() and not check:
        try:
            thread = thread_open(
                order=order,
                buyer=request.user,
                topic=data["topic"],
                body=data["body"],
                lines=data["lines"],
                uploads=data["attachments"],
                open_key=data["idempotency_key"],
            )
        except HelpdeskError as error:
            form.add_error(None, str(error))
            status = _status_of(error)
        else:
            _drop_draft(request, draft_key)
            messages.success(request, _("Your request was sent to the seller."))
            return redirect("helpdesk:thread", thread.pk)
    open_threads = order.threads.filter(status=Thread.Status.OPEN).exclude(
        topic=Topic.ORDER_UPDATES
    )
    return render(
        request,
        "helpdesk/contact.html",
        {"order": order, "form": form, "open_threads": list(open_threads), **check},
        status=status,
    )


def _status_of(error: HelpdeskError) -> int:
    """429 for writing too fast (the text is kept on the page), 400 for any other refusal."""
    return 429 if isinstance(error, TooFast) else 400


@login_required
@require_POST
def contact_check(request: ViewerRequest, number: str) -> HttpResponse:
    """htmx: the pre-send check of a new request's text."""
    order = access_order(request.user, number, as_role=Role.BUYER).order
    return _draft_check(request, role=Role.BUYER, market=order.market)


def _draft_check(request: HttpRequest, *, role: str, market: Market) -> HttpResponse:
    text = request.POST.get("body", "")[:BODY_MAX].strip()
    screening = screen(role=role, text=text, language=market.language)
    context = {
        **check_context(screening, text, role),
        "language_warning": language_warning(text, role=role, market=market),
    }
    return render(request, "helpdesk/_draft_check.html", context)


def _submit_check(form: Any, *, role: str, market: Market) -> dict[str, Any]:
    """On submit, a draft with findings, or a seller's reply in another language than the
    market's, is shown back with the explanation, unless the writer chose "send anyway".
    Returns the check's template context, or {} to send."""
    data = form.cleaned_data
    if data.get("send_anyway"):
        return {}
    text = data["body"].strip()
    screening = screen(role=role, text=text, files=data["attachments"], language=market.language)
    warning = language_warning(text, role=role, market=market)
    if not screening and not warning:
        return {}
    return {
        **check_context(screening, text, role),
        "language_warning": warning,
        "checked_on_submit": True,
        "files_dropped": bool(data["attachments"]),
    }


# A send the pre-send check stopped redirects to the page that shows it (post/redirect/get,
# so reloading never sends again): the draft waits in the session until it is sent or the
# hour is over; the files are not kept (the page asks for them again).
DRAFT_HOURS = 1


def _keep_draft(request: HttpRequest, key: str, check: dict[str, Any]) -> None:
    """Keep the stopped draft and its check as shown (a file's finding cannot be found
    again without the file)."""
    request.session[f"checked-draft:{key}"] = {
        "data": {
            name: values
            for name, values in request.POST.lists()
            if name not in ("csrfmiddlewaretoken", "send_anyway")
        },
        "check": render_to_string("helpdesk/_draft_check.html", check, request=request),
        "at": timezone.now().timestamp(),
    }


def _kept_draft(
    request: HttpRequest, key: str, form_class: Any, **kwargs: Any
) -> tuple[Any, dict[str, Any]]:
    """The draft the check stopped, bound to its form, and its check (rendered by us when
    it was stopped, kept server-side); (None, {}) without one."""
    kept = request.session.get(f"checked-draft:{key}")
    if not kept or timezone.now().timestamp() - kept["at"] > DRAFT_HOURS * 3600:
        return None, {}
    data = QueryDict(mutable=True)
    for name, values in kept["data"].items():
        data.setlist(name, values)
    form = form_class(data, **kwargs)
    form.is_valid()
    return form, {"kept_check": mark_safe(kept["check"])}  # noqa: S308 (our own rendering)


def _drop_draft(request: HttpRequest, key: str) -> None:
    request.session.pop(f"checked-draft:{key}", None)


@login_required
@require_GET
def my_requests(request: ViewerRequest) -> HttpResponse:
    page = Paginator(buyer_threads(request.user), 20).get_page(request.GET.get("page"))
    unread = unread_ids(page.object_list, request.user, side_field="seller_activity_at")
    return render(
        request,
        "helpdesk/my_requests.html",
        {"page": page, "unread": unread, "now": timezone.now()},
    )


# Thread page -------------------------------------------------------------------------------


def _thread_context(request: HttpRequest, access: ThreadAccess, **forms: Any) -> dict[str, Any]:
    thread = access.thread
    entries = timeline(thread, access.role)
    actions = thread_actions(thread, access.role)
    # A long thread's older entries are not rendered: they load on request (thread_older).
    whole = request.GET.get("all") == "1"  # every entry (the page without JavaScript)
    long = len(entries) > LONG_THREAD_ENTRIES and not whole
    older = len(entries) - SHOWN_ENTRIES if long else 0
    shown = entries[older:]
    context: dict[str, Any] = {
        "thread": thread,
        "order": thread.order,
        "role": access.role,
        "older_count": older,
        "first_shown": shown[0].pk if older else 0,
        # The latest entries are shown; the earlier ones fold away (open on a wide screen),
        # so that on a phone the reply box and the actions are near.
        "earlier_entries": shown[:-RECENT_ENTRIES],
        "recent_entries": shown[-RECENT_ENTRIES:],
        "last_id": entries[-1].pk if entries else 0,
        "poll_seconds": POLL_SECONDS,
        "now": timezone.now(),
        "concerned_lines": list(thread.lines.all()),
        "actions": actions,
        "answer_to_rate": answer_to_rate(thread, access.role, entries),
        "overdue": thread.is_overdue(),
        "reopen_window_days": settings.REOPEN_WINDOW_DAYS,
        "escalation": Escalation.objects.filter(thread=thread).first()
        if thread.escalated_at
        else None,
        # A team member's absence: who answers (both sides see it).
        "absence_cover": absence_covering(thread),
    }
    context["deadline_key"] = _deadline_key(thread, access.role, context["now"])
    if actions.can_write:
        initial = {}
        if access.role == Role.SELLER:
            # Filled in for this thread; `?insert=` is the insert without JavaScript.
            saved = saved_reply_options(thread=thread, writer=request_user(request))
            context["saved_replies"] = saved.replies
            context["saved_reply_unshipped"] = saved.unshipped
            insert = request.GET.get("insert", "")
            chosen = next((r for r in saved.replies if str(r.pk) == insert), None)
            if chosen:
                initial["body"] = chosen.body
            context["saved_reply_inserted"] = chosen.pk if chosen else None
        context["reply_form"] = forms.get("reply_form") or ReplyForm(
            initial=initial, check_url=reverse("helpdesk:draft_check", args=[thread.pk])
        )
    if access.role == Role.SELLER:
        context["note_form"] = forms.get("note_form") or NoteForm()
        context["status_form"] = forms.get("status_form") or StatusUpdateForm(order=thread.order)
        context["assign_form"] = AssignForm(
            seller_id=thread.seller_id, initial={"assignee": thread.assignee_id}
        )
    else:
        context["escalate_form"] = forms.get("escalate_form") or EscalateForm()
    # Anything else given (the pre-send check of a submitted reply) goes to the template.
    context.update({key: value for key, value in forms.items() if not key.endswith("_form")})
    return context


@login_required
@require_GET
def thread_detail(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    thread_mark_read(thread=access.thread, user=request.user)
    # A draft the pre-send check stopped (shown only where the reader may write: the
    # context decides, with the thread's actions).
    form, check = _kept_draft(
        request,
        f"thread:{access.thread.pk}",
        ReplyForm,
        check_url=reverse("helpdesk:draft_check", args=[access.thread.pk]),
    )
    forms: dict[str, Any] = {"reply_form": form, **check} if form is not None else {}
    return render(request, "helpdesk/thread.html", _thread_context(request, access, **forms))


def _sent_text(message: Any, role: str) -> str:
    """The confirmation of a sent reply: delivered, or held for the platform's check."""
    review = getattr(message, "review", None)  # none: RelatedObjectDoesNotExist is one
    if review is not None and review.withholds:
        return _("Sent for review: the platform checks it before it is delivered.")
    if role == Role.SELLER:
        return _("Reply sent to the buyer.")
    return _("Message sent to the seller.")


def _deadline_key(thread: Thread, role: str, now: datetime) -> str:
    """What the deadline banner says to `role`, in a few characters. The poller sends it
    back, and the poll swaps the banner in only when it changed (an answer, the deadline
    passing, the countdown's next minute, the next day's reasons): replacing it every few
    seconds would take the reader's focus and screen reader out of it."""
    if thread.awaiting_reply_since is None or thread.due_at is None:
        return "none"
    overdue = thread.is_overdue(now)
    minutes = 0
    # The buyer's overdue banner says when it was due, not by how much: it stays put.
    if not thread.answer_in_review and (role == Role.SELLER or not overdue):
        start, end = sorted([now, thread.due_at])
        minutes = int(business_time_between(start, end, thread.market_id).total_seconds() // 60)
    state = (
        role,
        thread.reply_state,
        thread.awaiting_reply_since.isoformat(),
        thread.due_at.isoformat(),
        thread.status,
        thread.escalated_at is not None,
        overdue,
        minutes,
        now.astimezone(thread.market.tzinfo).date().isoformat(),
    )
    return hashlib.blake2s(repr(state).encode(), digest_size=6).hexdigest()


@login_required
@require_GET
def thread_updates(request: ViewerRequest, thread_id: int) -> HttpResponse:
    """htmx polling: the entries after `after`, appended out of band, the deadline banner
    out of band when what it says changed since `deadline` (a poller that sends no key is a
    page without the live banner: it gets none), and a new poller."""
    access = access_thread(request.user, thread_id)
    thread = access.thread
    after = request.GET.get("after", "")
    after_id = int(after) if after.isascii() and after.isdigit() else 0
    entries = timeline(thread, access.role, after=after_id)
    if entries:
        thread_mark_read(thread=thread, user=request.user)
    now = timezone.now()
    shown_key = request.GET.get("deadline", "")
    deadline_key = _deadline_key(thread, access.role, now)
    return render(
        request,
        "helpdesk/thread.html#updates",
        {
            "thread": thread,
            "role": access.role,
            "entries": entries,
            "last_id": entries[-1].pk if entries else after_id,
            "poll_seconds": POLL_SECONDS,
            "now": now,
            "overdue": thread.is_overdue(now),
            "actions": thread_actions(thread, access.role, now),
            "deadline_key": deadline_key if shown_key else "",
            "deadline_oob": bool(shown_key) and shown_key != deadline_key,
        },
    )


@login_required
@require_GET
def thread_older(request: ViewerRequest, thread_id: int) -> HttpResponse:
    """A long thread's entries before `before` (the first one its page shows), oldest
    first, for the page's "Show N older entries"; with `?all=1` on the page itself, the
    page shows them without JavaScript."""
    access = access_thread(request.user, thread_id)
    before = request.GET.get("before", "")
    entries = timeline(access.thread, access.role)
    position = next((n for n, e in enumerate(entries) if str(e.pk) == before), None)
    if position is None:
        raise Http404
    return render(
        request,
        "helpdesk/thread.html#older",
        {"thread": access.thread, "role": access.role, "entries": entries[:position]},
    )


def _back_to_thread(thread: Thread) -> HttpResponse:
    return redirect(reverse("helpdesk:thread", args=[thread.pk]) + "#latest")


def _rerender(
    request: HttpRequest, access: ThreadAccess, *, status: int = 400, **forms: Any
) -> HttpResponse:
    """The thread page again with the invalid form filled in (the text is never lost)."""
    return render(
        request, "helpdesk/thread.html", _thread_context(request, access, **forms), status=status
    )


@login_required
@require_POST
def draft_check(request: ViewerRequest, thread_id: int) -> HttpResponse:
    """htmx: the pre-send check of a reply's text, as the writer pauses."""
    access = access_thread(request.user, thread_id)
    return _draft_check(request, role=access.role, market=access.thread.market)


@login_required
@require_POST
def thread_reply(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    form = ReplyForm(
        request.POST,
        request.FILES,
        check_url=reverse("helpdesk:draft_check", args=[access.thread.pk]),
    )
    if form.is_valid():
        check = _submit_check(form, role=access.role, market=access.thread.market)
        if check:
            _keep_draft(request, f"thread:{access.thread.pk}", check)
            return redirect(reverse("helpdesk:thread", args=[access.thread.pk]) + "#reply")
        try:
            message = message_post(
                thread=access.thread,
                author=request.user,
                role=access.role,
                body=form.cleaned_data["body"],
                uploads=form.cleaned_data["attachments"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except HelpdeskError as error:
            form.add_error(None, str(error))
            return _rerender(request, access, status=_status_of(error), reply_form=form)
        else:
            _drop_draft(request, f"thread:{access.thread.pk}")
            messages.success(request, _sent_text(message, access.role))
            return _back_to_thread(access.thread)
    return _rerender(request, access, reply_form=form)


@login_required
@require_POST
def thread_note(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id, as_role=Role.SELLER)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            note_post(
                thread=access.thread,
                author=request.user,
                body=form.cleaned_data["body"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except HelpdeskError as error:
            form.add_error(None, str(error))
            return _rerender(request, access, status=_status_of(error), note_form=form)
        messages.success(request, _("Internal note added (your team only)."))
        return _back_to_thread(access.thread)
    return _rerender(request, access, note_form=form)


@login_required
@require_POST
def thread_status_update(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id, as_role=Role.SELLER)
    form = StatusUpdateForm(request.POST, order=access.thread.order)
    if form.is_valid():
        try:
            status_update_post(
                order=access.thread.order,
                author=request.user,
                update=form.update(),
                thread=access.thread,
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except HelpdeskError as error:
            form.add_error(None, str(error))
            return _rerender(request, access, status=_status_of(error), status_form=form)
        else:
            messages.success(request, _("Status update sent to the buyer."))
            return _back_to_thread(access.thread)
    return _rerender(request, access, status_form=form)


@login_required
@require_POST
def thread_assign_view(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id, as_role=Role.SELLER)
    form = AssignForm(request.POST, seller_id=access.thread.seller_id)
    if form.is_valid():
        assignee = form.cleaned_data["assignee"]
        thread_assign(thread=access.thread, by=request.user, assignee=assignee)
        if assignee:
            messages.success(request, _("Assigned to %(name)s.") % {"name": assignee.name})
        else:
            messages.success(request, _("Nobody is assigned any more."))
    return _back_to_thread(access.thread)


@login_required
@require_POST
def thread_no_reply_view(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id, as_role=Role.SELLER)
    try:
        thread_no_reply_needed(thread=access.thread, by=request.user)
    except HelpdeskError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Marked “no reply needed”. Platform administrators can review this.")
        )
    return _back_to_thread(access.thread)


@login_required
@require_POST
def thread_close_view(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    try:
        thread_close(thread=access.thread, by=request.user, role=access.role)
    except HelpdeskError as error:
        messages.error(request, str(error))
    else:
        if access.role == Role.BUYER:
            messages.success(
                request,
                _("Marked as solved. You can reopen it within %(days)d days.")
                % {"days": settings.REOPEN_WINDOW_DAYS},
            )
        else:
            messages.success(request, _("Conversation closed."))
    return _back_to_thread(access.thread)


@login_required
@require_POST
def thread_reopen_view(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    try:
        thread_reopen(thread=access.thread, by=request.user, role=access.role)
    except HelpdeskError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Conversation reopened."))
    return _back_to_thread(access.thread)


@login_required
@require_POST
def thread_rate_view(request: ViewerRequest, thread_id: int) -> HttpResponse:
    """The buyer's "did this answer your question?"."""
    access = access_thread(request.user, thread_id, as_role=Role.BUYER)
    form = AnswerRatingForm(request.POST)
    if form.is_valid():
        try:
            rating = answer_rate(
                thread=access.thread,
                buyer=request.user,
                reply_id=form.cleaned_data["reply"],
                answered=form.cleaned_data["answered"],
            )
        except HelpdeskError as error:
            messages.error(request, str(error))
        else:
            if rating.answered:
                messages.success(request, _("Thank you for your feedback."))
            else:
                messages.success(
                    request,
                    _("The seller has been asked again and owes you an answer."),
                )
    return _back_to_thread(access.thread)


@login_required
@require_POST
def thread_escalate_view(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id, as_role=Role.BUYER)
    form = EscalateForm(request.POST)
    if form.is_valid():
        try:
            thread_escalate(
                thread=access.thread, buyer=request.user, reason=form.cleaned_data["reason"]
            )
        except HelpdeskError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The platform's support team will look into it."))
            return _back_to_thread(access.thread)
    return _rerender(request, access, escalate_form=form)


@login_required
@require_GET
def attachment_download(request: ViewerRequest, attachment_id: int) -> FileResponse:
    response = attachment_response(access_attachment(request.user, attachment_id))
    response["Cache-Control"] = "private, max-age=3600"
    return response


# Seller: proactive status updates ----------------------------------------------------------


@login_required
@require_POST
def order_status_update(request: ViewerRequest, number: str) -> HttpResponse:
    access = access_order(request.user, number, as_role=Role.SELLER)
    form = StatusUpdateForm(request.POST, order=access.order)
    if form.is_valid():
        try:
            message = status_update_post(
                order=access.order,
                author=request.user,
                update=form.update(),
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except HelpdeskError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Status update sent to the buyer."))
            return _back_to_thread(message.thread)
    else:
        for field_errors in form.errors.values():
            for field_error in field_errors:
                messages.error(request, str(field_error))
    return redirect("orders:detail", access.order.number)


# Seller: inbox -----------------------------------------------------------------------------


@login_required
@require_GET
def seller_inbox(request: ViewerRequest) -> HttpResponse:
    sellers = access_seller_workspace(request.user)
    form = InboxFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    page = inbox_page(request.user, sellers, data, size=INBOX_PAGE)
    note_assignee_absences(page.threads)
    query = request.GET.copy()
    for key in ("cursor", "start"):
        query.pop(key, None)
    views_query = query.copy()
    views_query.pop("view", None)
    template = "helpdesk/inbox.html"
    if request.htmx and not request.htmx.boosted:
        template += "#thread-list"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "threads": page.threads,
            "view": page.view,
            "sellers": sellers,
            "unread": page.unread,
            "next_cursor": page.next_cursor,
            "next_start": page.first + len(page.threads),
            "last": page.first + len(page.threads) - 1,
            "total": page.counts[page.view],
            "views": [(value, label, page.counts[value]) for value, label in InboxFilterForm.VIEWS],
            "query": query.urlencode(),
            "views_query": views_query.urlencode(),
            "is_first_page": not data.get("cursor"),
            "bulk_form": InboxBulkForm(
                seller_ids=[s.pk for s in sellers], initial={"back": query.urlencode()}
            ),
            "now": timezone.now(),
        },
    )


@login_required
@require_POST
def inbox_bulk(request: ViewerRequest) -> HttpResponse:
    """The inbox's bulk actions on the ticked conversations. Closing asks once: the first
    POST shows what would be closed, the confirmed one closes."""
    sellers = access_seller_workspace(request.user)
    form = InboxBulkForm(request.POST, seller_ids=[s.pk for s in sellers])
    back = reverse("helpdesk:inbox")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(back + _inbox_query(request.POST.get("back", "")))
    data = form.cleaned_data
    back += _inbox_query(data["back"])
    threads = list(
        Thread.objects.filter(pk__in=data["threads"], seller__in=sellers).select_related(
            "order", "buyer"
        )
    )
    if len(threads) != len(data["threads"]):
        raise Http404
    if data["action"] == "close" and not data["confirmed"]:
        return render(
            request,
            "helpdesk/inbox_close.html",
            {"threads": threads, "form": form, "back": back},
        )
    done, refused = threads_bulk(
        threads=threads, by=request.user, action=data["action"], assignee=data["assignee"]
    )
    name = data["assignee"].name if data["assignee"] else ""
    if data["action"] == "read":
        text = ngettext(
            "%(count)d conversation marked as read.",
            "%(count)d conversations marked as read.",
            done,
        )
    elif data["action"] == "assign" and name:
        text = ngettext(
            "%(count)d conversation assigned to %(name)s.",
            "%(count)d conversations assigned to %(name)s.",
            done,
        )
    elif data["action"] == "assign":
        text = ngettext(
            "%(count)d conversation no longer assigned to anyone.",
            "%(count)d conversations no longer assigned to anyone.",
            done,
        )
    else:
        text = ngettext("%(count)d conversation closed.", "%(count)d conversations closed.", done)
    messages.success(request, text % {"count": done, "name": name})
    for reason in sorted(set(refused)):
        messages.error(request, reason)
    return redirect(back)


def _inbox_query(query: str) -> str:
    """The inbox's filters from a bulk form, as a query string (only the filters' own
    fields, so nothing else can ride along)."""
    form = InboxFilterForm(QueryDict(query))
    if not form.is_valid():
        return ""
    kept = {
        key: value
        for key, value in form.cleaned_data.items()
        if value and key not in ("cursor", "start")
    }
    if kept.get("market"):
        kept["market"] = kept["market"].code
    return "?" + urlencode(kept) if kept else ""


@login_required
@require_GET
def inbox_counts(request: ViewerRequest) -> HttpResponse:
    """The navigation's badge (awaiting our reply; unread for the tab's title), refreshed by
    htmx."""
    sellers = access_seller_workspace(request.user)
    return render(
        request,
        "helpdesk/_inbox_badge.html",
        {"badge": Thread.objects.badge_counts(sellers, request.user)},
    )


# Seller: saved replies and notification settings ----------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def saved_replies(request: ViewerRequest) -> HttpResponse:
    """The team's saved replies: every member uses them, the owners manage them."""
    sellers = access_seller_workspace(request.user)
    seller = next((s for s in sellers if s.slug == request.GET.get("seller")), sellers[0])
    if request.method == "POST":
        require_owner(request.user, seller)
    form = SavedReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved_reply_create(seller_id=seller.pk, author=request.user, **form.cleaned_data)
        messages.success(request, _("Saved reply added."))
        return redirect(_saved_replies_url(seller))
    return _saved_replies_page(request, sellers, seller, form=form)


def _saved_replies_url(seller: Seller, reply: SavedReply | None = None) -> str:
    url = f"{reverse('helpdesk:saved_replies')}?seller={seller.slug}"
    return f"{url}#saved-reply-{reply.pk}" if reply is not None else url


def _saved_replies_page(
    request: ViewerRequest, sellers: list[Seller], seller: Seller, **context: Any
) -> HttpResponse:
    """The list; editing or deleting one reply shows that reply's form in its place."""
    return render(
        request,
        "helpdesk/saved_replies.html",
        {
            "form": SavedReplyForm(),
            "seller": seller,
            "sellers": sellers,
            "replies": list(SavedReply.objects.filter(seller=seller)),
            "can_manage": is_owner(request.user, seller),
            "placeholders": [(f"{{{name}}}", meaning) for name, meaning in PLACEHOLDERS.items()],
            **context,
        },
    )


def _owned_saved_reply(request: ViewerRequest, reply_id: int) -> tuple[list[Seller], SavedReply]:
    """A saved reply of a team `request.user` works for (404 otherwise), which they own
    (403 for its agents)."""
    sellers = access_seller_workspace(request.user)
    reply = get_object_or_404(
        SavedReply.objects.select_related("seller"), pk=reply_id, seller__in=sellers
    )
    require_owner(request.user, reply.seller)
    return sellers, reply


@login_required
@require_http_methods(["GET", "POST"])
def saved_reply_edit(request: ViewerRequest, reply_id: int) -> HttpResponse:
    sellers, reply = _owned_saved_reply(request, reply_id)
    form = SavedReplyForm(request.POST or None, instance=reply, prefix="edit")
    form.fields["title"].widget.attrs["autofocus"] = True  # the page opens on it
    if request.method == "POST" and form.is_valid():
        saved_reply_update(reply=reply, **form.cleaned_data)
        messages.success(request, _("Saved reply updated."))
        return redirect(_saved_replies_url(reply.seller, reply))
    return _saved_replies_page(request, sellers, reply.seller, editing=reply, edit_form=form)


@login_required
@require_POST
def saved_reply_move_view(request: ViewerRequest, reply_id: int) -> HttpResponse:
    """One place up or down, by a button that works without JavaScript."""
    _sellers, reply = _owned_saved_reply(request, reply_id)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        return HttpResponse(_("Move a saved reply up or down."), status=400)
    saved_reply_move(reply=reply, up=direction == "up")
    if direction == "up":
        messages.success(request, _("“%(title)s” moved up.") % {"title": reply.title})
    else:
        messages.success(request, _("“%(title)s” moved down.") % {"title": reply.title})
    return redirect(_saved_replies_url(reply.seller, reply))


@login_required
@require_http_methods(["GET", "POST"])
def saved_reply_delete_view(request: ViewerRequest, reply_id: int) -> HttpResponse:
    """GET asks once (the list, with the question in the reply's place); POST deletes."""
    sellers, reply = _owned_saved_reply(request, reply_id)
    if request.method == "GET":
        return _saved_replies_page(request, sellers, reply.seller, deleting=reply)
    saved_reply_delete(reply=reply)
    messages.success(request, _("Saved reply deleted."))
    return redirect(_saved_replies_url(reply.seller))


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request: ViewerRequest) -> HttpResponse:
    access_seller_workspace(request.user)
    memberships = list(SellerMember.objects.filter(user=request.user).select_related("seller"))
    forms = [
        NotificationSettingsForm(request.POST or None, instance=m, prefix=f"m{m.pk}")
        for m in memberships
    ]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        for form in forms:
            form.save()
        messages.success(request, _("Notification settings saved."))
        return redirect("helpdesk:notification_settings")
    return render(
        request,
        "helpdesk/notification_settings.html",
        {"forms": list(zip(memberships, forms, strict=True))},
    )
