"""Buyer requests, the seller inbox, thread pages. Each view reads access → form → service
→ response; a normal POST redirects, an htmx request gets the fragment it replaces."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.access import access_seller_workspace, is_owner, require_owner
from accounts.models import SellerMember
from helpdesk.access import ThreadAccess, access_attachment, access_thread
from helpdesk.forms import (
    BODY_MAX,
    AssignForm,
    ContactSellerForm,
    EscalateForm,
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
from helpdesk.rules import thread_actions
from helpdesk.selectors import buyer_threads, inbox_page, timeline, unread_ids
from helpdesk.services import (
    HelpdeskError,
    TooFast,
    message_post,
    note_post,
    saved_reply_create,
    saved_reply_delete,
    status_update_post,
    thread_assign,
    thread_close,
    thread_escalate,
    thread_mark_read,
    thread_no_reply_needed,
    thread_open,
    thread_reopen,
)
from helpdesk.uploads import attachment_response
from orders.access import access_order
from orders.http import ViewerRequest
from orders.models import Market

INBOX_PAGE = 25
POLL_SECONDS = 10


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
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        check = _submit_check(form, role=Role.BUYER, market=order.market)
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


@login_required
@require_GET
def my_requests(request: ViewerRequest) -> HttpResponse:
    page = Paginator(buyer_threads(request.user), 20).get_page(request.GET.get("page"))
    unread = unread_ids(page.object_list, request.user, side_field="seller_activity_at")
    return render(request, "helpdesk/my_requests.html", {"page": page, "unread": unread})


# Thread page -------------------------------------------------------------------------------


def _thread_context(request: HttpRequest, access: ThreadAccess, **forms: Any) -> dict[str, Any]:
    thread = access.thread
    entries = timeline(thread, access.role)
    actions = thread_actions(thread, access.role)
    context: dict[str, Any] = {
        "thread": thread,
        "order": thread.order,
        "role": access.role,
        "entries": entries,
        "last_id": entries[-1].pk if entries else 0,
        "poll_seconds": POLL_SECONDS,
        "now": timezone.now(),
        "concerned_lines": list(thread.lines.all()),
        "actions": actions,
        "overdue": thread.is_overdue(),
        "reopen_window_days": settings.REOPEN_WINDOW_DAYS,
        "escalation": Escalation.objects.filter(thread=thread).first()
        if thread.escalated_at
        else None,
    }
    if actions.can_write:
        initial = {}
        insert = request.GET.get("insert", "")
        if access.role == Role.SELLER and insert.isascii() and insert.isdigit():
            saved = SavedReply.objects.filter(pk=int(insert), seller_id=thread.seller_id).first()
            if saved:
                initial["body"] = saved.body
        context["reply_form"] = forms.get("reply_form") or ReplyForm(
            initial=initial, check_url=reverse("helpdesk:draft_check", args=[thread.pk])
        )
    if access.role == Role.SELLER:
        context["note_form"] = forms.get("note_form") or NoteForm()
        context["status_form"] = forms.get("status_form") or StatusUpdateForm(order=thread.order)
        context["assign_form"] = AssignForm(
            seller_id=thread.seller_id, initial={"assignee": thread.assignee_id}
        )
        context["saved_replies"] = list(SavedReply.objects.filter(seller_id=thread.seller_id))
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
    return render(request, "helpdesk/thread.html", _thread_context(request, access))


@login_required
@require_GET
def thread_updates(request: ViewerRequest, thread_id: int) -> HttpResponse:
    """htmx polling: the entries after `after`, appended out of band, and a new poller."""
    access = access_thread(request.user, thread_id)
    after = request.GET.get("after", "")
    after_id = int(after) if after.isascii() and after.isdigit() else 0
    entries = timeline(access.thread, access.role, after=after_id)
    if entries:
        thread_mark_read(thread=access.thread, user=request.user)
    return render(
        request,
        "helpdesk/thread.html#updates",
        {
            "thread": access.thread,
            "role": access.role,
            "entries": entries,
            "last_id": entries[-1].pk if entries else after_id,
            "poll_seconds": POLL_SECONDS,
        },
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
            return _rerender(request, access, status=200, reply_form=form, **check)
        try:
            message_post(
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
            return _back_to_thread(access.thread)
    return _rerender(request, access, status_form=form)


@login_required
@require_POST
def thread_assign_view(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id, as_role=Role.SELLER)
    form = AssignForm(request.POST, seller_id=access.thread.seller_id)
    if form.is_valid():
        thread_assign(thread=access.thread, by=request.user, assignee=form.cleaned_data["assignee"])
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
    thread_close(thread=access.thread, by=request.user, role=access.role)
    if access.role == Role.BUYER:
        messages.success(
            request,
            _("Marked as solved. You can reopen it within %(days)d days.")
            % {"days": settings.REOPEN_WINDOW_DAYS},
        )
    return _back_to_thread(access.thread)


@login_required
@require_POST
def thread_reopen_view(request: ViewerRequest, thread_id: int) -> HttpResponse:
    access = access_thread(request.user, thread_id)
    try:
        thread_reopen(thread=access.thread, by=request.user, role=access.role)
    except HelpdeskError as error:
        messages.error(request, str(error))
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
    query = request.GET.copy()
    query.pop("cursor", None)
    template = "helpdesk/inbox.html"
    if request.htmx and not request.htmx.boosted:
        template += "#thread-list"
    return render(
        request,
        template,
        {
            "form": form,
            "threads": page.threads,
            "view": page.view,
            "sellers": sellers,
            "unread": unread_ids(page.threads, request.user, side_field="buyer_activity_at"),
            "next_cursor": page.next_cursor,
            "query": query.urlencode(),
            "is_first_page": not data.get("cursor"),
            "now": timezone.now(),
        },
    )


@login_required
@require_GET
def inbox_counts(request: ViewerRequest) -> HttpResponse:
    """The navigation's "awaiting our reply" badge, refreshed by htmx."""
    sellers = access_seller_workspace(request.user)
    return render(
        request,
        "helpdesk/_inbox_badge.html",
        {"awaiting_count": Thread.objects.awaiting_count(sellers)},
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
        return redirect(f"{reverse('helpdesk:saved_replies')}?seller={seller.slug}")
    return render(
        request,
        "helpdesk/saved_replies.html",
        {
            "form": form,
            "seller": seller,
            "sellers": sellers,
            "replies": SavedReply.objects.filter(seller=seller),
            "can_manage": is_owner(request.user, seller),
        },
    )


@login_required
@require_POST
def saved_reply_delete_view(request: ViewerRequest, reply_id: int) -> HttpResponse:
    sellers = access_seller_workspace(request.user)
    reply = get_object_or_404(
        SavedReply.objects.select_related("seller"), pk=reply_id, seller__in=sellers
    )
    require_owner(request.user, reply.seller)
    saved_reply_delete(reply=reply)
    messages.success(request, _("Saved reply deleted."))
    return redirect(f"{reverse('helpdesk:saved_replies')}?seller={reply.seller.slug}")


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
