"""The console pages of conversations, moderation, and those that join conversations with
the rest: sellers (with their strikes and sanctions) and "no reply needed" exemptions (whose
revocation puts the thread back in the seller's queue)."""

import uuid
from datetime import timedelta
from typing import Any, ClassVar, cast

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_stubs_ext import StrOrPromise

from accounts.admin import MembershipInline
from accounts.models import Seller
from audit.models import StaffAccess
from audit.services import staff_access_record
from core.admin import EstimatedCountPaginator, ReadOnlyMixin
from helpdesk import search
from helpdesk.admin_transcripts import TranscriptExports
from helpdesk.forms import ConversationSearchForm
from helpdesk.models import (
    SELLER_ONLY_EVENTS,
    Attachment,
    Escalation,
    HistoryCheck,
    Message,
    MessageReview,
    Role,
    SavedReply,
    Thread,
)
from helpdesk.moderation import (
    KIND_LABELS,
    delivery_label,
    explain,
    highlight,
    highlight_window,
    text_for,
)
from helpdesk.search import (
    among,
    conversation_search,
    message_ids_sql,
    messages_saying,
    page_number,
    short_queries,
    text_query,
    thread_ids_sql,
)
from helpdesk.services import (
    DECISIONS,
    HelpdeskError,
    escalation_resolve,
    escalation_take_over,
    platform_message_post,
    review_decide,
    saved_reply_create_defaults,
    thread_exemption_revoke,
)
from helpdesk.status_updates import status_card
from helpdesk.transcripts import event_text
from helpdesk.uploads import attachment_response
from sla.admin import SanctionInline, clock_explanation
from sla.judgement import VERDICT_LABELS
from sla.models import ClockExemption, ResponseClock


def _file_links(message: Message) -> str:
    """Each file of a message, opened through the console's access check (images as
    thumbnails)."""
    attachments = list(message.attachments.all())
    if not attachments:
        return "—"
    return format_html_join(" ", "{}", ((file_link(attachment),) for attachment in attachments))


def file_link(attachment: Attachment) -> str:
    """A file opened through the console's file view (an image with its thumbnail)."""
    url = reverse("admin:helpdesk_attachment_file", args=[attachment.pk])
    thumbnail = (
        format_html('<img src="{}" alt="" class="evidence-thumb"> ', url)
        if attachment.is_image
        else ""
    )
    return format_html(
        '<a class="evidence-file" href="{}">{}{}</a>', url, thumbnail, attachment.original_name
    )


def delivery(message: Message) -> str:
    """What the other side got: the message, a masked copy, nothing yet (held), nothing
    (rejected), with the moderation decision and who made it."""
    review = getattr(message, "review", None)
    label = delivery_label(message)
    if review is None:
        return label
    decided = (
        format_html(
            " · {} {}",
            review.get_state_display(),
            _("by %(who)s") % {"who": review.decided_by.email} if review.decided_by else "",
        )
        if review.state != MessageReview.State.PENDING
        else ""
    )
    return format_html(
        '<a href="{}">{}</a>{}',
        reverse("admin:helpdesk_messagereview_change", args=[review.pk]),
        label,
        decided,
    )


def content(message: Message) -> str:
    """The message as its readers see it: the text, or a status update's card, or what an
    event says (no raw JSON)."""
    if message.kind == Message.Kind.STATUS_UPDATE:
        card = status_card(message.data)
        facts = format_html_join("", "<br>{}: {}", ((f.label, f.value) for f in card.facts))
        return format_html(
            "<strong>{}</strong> {}{}{}",
            card.title,
            card.text,
            facts,
            format_html("<br>{}", card.note) if card.note else "",
        )
    if message.kind == Message.Kind.EVENT:
        return format_html(
            "<em>{}</em>{}",
            event_text(message.data, message.author_role),
            format_html('<div class="review-text">{}</div>', message.body) if message.body else "",
        )
    return format_html('<div class="review-text">{}</div>', message.body)


class AccessLogged:
    """Every staff read of a conversation is written to the access log (audit): each change
    page opened (and each decision posted from it), each search of the list."""

    access_action = StaffAccess.Action.THREAD

    def logged_object(self, object_id: str) -> int | None:
        return int(object_id) if str(object_id).isdigit() else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        if response.status_code < 400:
            staff_access_record(
                request, self.access_action, object_id=self.logged_object(object_id)
            )
        return response

    def changelist_view(self, request, extra_context=None):
        # As the list reads it (a NUL, which PostgreSQL cannot store, makes it no search).
        terms = request.GET.get("q", "").strip()
        if not terms or "\x00" in terms:
            return super().changelist_view(request, extra_context)  # type: ignore[misc]
        with transaction.atomic():
            short_queries()  # a search's list: helpdesk.search's bounded queries
            response = super().changelist_view(request, extra_context)  # type: ignore[misc]
        if response.status_code < 400:
            staff_access_record(request, StaffAccess.Action.SEARCH, detail=terms)
        return response


class MessageColumns:
    """A message as evidence, for the thread's inline and the Messages pages."""

    @admin.display(description=_("content"))
    def shown(self, obj: Message) -> str:
        return content(obj)

    @admin.display(description=_("files"))
    def files(self, obj: Message) -> str:
        return _file_links(obj)

    @admin.display(description=_("delivery"))
    def delivered(self, obj: Message) -> str:
        return delivery(obj)


class EscalatedFilter(admin.SimpleListFilter):
    title = _("escalated")
    parameter_name = "escalated"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(escalated_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(escalated_at__isnull=True)
        return queryset


class SellerFilter(admin.SimpleListFilter):
    """The seller, typed (its name, slug or number): a marketplace has thousands, too many
    for a list of links in the sidebar (listing 2,000 of them cost the change list more than
    its query). A link with `seller__id__exact` still filters too."""

    title = _("seller")
    parameter_name = "seller_q"
    template = "admin/helpdesk/seller_filter.html"

    def lookups(self, request, model_admin):
        return ()

    def has_output(self) -> bool:
        return True

    def queryset(self, request, queryset):
        value = (self.value() or "").strip()
        if not value:
            return queryset
        named = Q(slug=value) | Q(company_name__icontains=value)
        if value.isascii() and value.isdigit() and len(value) < 19:
            named |= Q(pk=int(value))
        return queryset.filter(seller__in=Seller.objects.filter(named))

    def choices(self, changelist):
        """One "choice": the typed value and the other filters, kept as hidden fields."""
        others = [
            (name, value)
            for name, values in changelist.params.items()
            if name not in (self.parameter_name, "p")
            for value in (values if isinstance(values, list) else [values])
        ]
        yield {"parameter": self.parameter_name, "value": self.value() or "", "others": others}


class EscalationStateFilter(admin.SimpleListFilter):
    """Undecided cases unless asked otherwise: the queue is what is left to do."""

    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("waiting", _("Waiting for the platform")),
            ("taken", _("Taken over")),
            ("decided", _("Decided")),
            ("all", _("All")),
        ]

    def value(self):
        return super().value() or "open"

    def queryset(self, request, queryset):
        value = self.value()
        if value == "waiting":
            return queryset.filter(taken_at__isnull=True, resolved_at__isnull=True)
        if value == "taken":
            return queryset.filter(taken_at__isnull=False, resolved_at__isnull=True)
        if value == "decided":
            return queryset.filter(resolved_at__isnull=False)
        if value == "all":
            return queryset
        return queryset.filter(resolved_at__isnull=True)

    def choices(self, changelist):
        current = self.value()
        yield {
            "selected": current == "open",
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": _("Undecided"),
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": current == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }


def seen_by(message: Message, reader: str) -> str:
    """What `reader` ("buyer" or "seller") was shown of the message: as written, masked
    (with the masked text), not delivered (held or rejected) or nothing (a note, a
    seller-only event)."""
    if message.author_role == reader:
        return str(_("Wrote it"))
    if message.kind == Message.Kind.INTERNAL_NOTE or (
        reader == Role.BUYER and message.data.get("event") in SELLER_ONLY_EVENTS
    ):
        return str(_("Not shown"))
    review = getattr(message, "review", None)
    if review is not None and review.withholds:
        if review.state == MessageReview.State.PENDING:
            return str(_("Nothing yet: held for review"))
        return str(_("Nothing: not delivered"))
    if review is not None and review.masks:
        return format_html(
            '{}<div class="review-text">{}</div>', _("The masked text:"), text_for(message, reader)
        )
    return str(_("As written"))


class EvidenceActions:
    """The escalation actions on a thread's evidence page: take over, write as the
    platform, decide. Each a POST (CSRF-checked by the admin), for the holders of
    helpdesk.handle_escalation, through the helpdesk's services."""

    def get_urls(self):
        view = self.admin_site.admin_view  # type: ignore[attr-defined]
        return [
            path(
                "<int:thread_id>/escalation/<str:step>/",
                view(self.escalation_step),
                name="helpdesk_thread_escalation",
            ),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def escalation_step(self, request, thread_id: int, step: str):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("helpdesk.handle_escalation"):
            raise PermissionDenied
        thread = get_object_or_404(Thread, pk=thread_id)
        done = {
            "take_over": _(
                "You have taken the case over. The seller's deadline no longer applies."
            ),
            "message": _("Your message was sent to both sides as the platform."),
            "resolve": _("The decision is recorded and both sides have been told."),
        }
        if step not in done:
            raise Http404
        try:
            if step == "take_over":
                escalation_take_over(thread=thread, by=request.user)
            elif step == "message":
                form: forms.Form = PlatformMessageForm(request.POST)
                if not form.is_valid():
                    raise HelpdeskError(_("A message cannot be empty."))
                platform_message_post(
                    thread=thread,
                    author=request.user,
                    body=form.cleaned_data["body"],
                    idempotency_key=form.cleaned_data["key"],
                )
            else:
                form = DecisionForm(request.POST)
                if not form.is_valid():
                    raise HelpdeskError(_("Choose the outcome of the case."))
                escalation_resolve(
                    thread=thread,
                    by=request.user,
                    outcome=form.cleaned_data["outcome"],
                    note=form.cleaned_data["note"],
                )
        except HelpdeskError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, done[step])
        return HttpResponseRedirect(reverse("admin:helpdesk_thread_change", args=[thread.pk]))


class PlatformMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Write to both sides as the platform"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
    )
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Escalation.Outcome.choices)
    note = forms.CharField(
        label=_("Note to both sides (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )


def messages_for_the_list(request, model_admin, query: str) -> list[tuple[int, int]]:
    """(message, thread) ids of the messages that say `query`, for a list's search box; when
    more than RANKED do, none, and the page says where to find them ranked."""
    saying = messages_saying(text_query(query))
    if saying is not None:
        return saying
    model_admin.message_user(
        request,
        format_html(
            '{} <a href="{}?{}">{}</a>',
            _(
                "More than %(count)s messages say this: too many for this list, which shows "
                "what the order, tracking number and people found."
            )
            % {"count": search.RANKED},
            reverse("admin:helpdesk_thread_search"),
            urlencode({"q": query}),
            _("Search conversations ranks them."),
        ),
        messages.WARNING,
    )
    return []


class ConversationSearch:
    """The console's "Search conversations" page (admin/helpdesk/thread/search/), and the
    thread list's search box on the same indexes (helpdesk.search): no unindexed `icontains`
    over joins of millions of rows."""

    # Shows the box; get_search_results does the search.
    search_fields: ClassVar[list[str] | tuple[str, ...]] = ["order__number"]
    search_help_text: ClassVar[StrOrPromise | None] = _(
        "An order or tracking number (or part of one), a buyer's or seller's e-mail address "
        'or name, or words of the messages ("a phrase" in quotes).'
    )

    def get_search_results(self, request, queryset, search_term):
        """Threads by order, tracking number or people, and the threads of the messages that
        say the words (when at most RANKED do; more are for the search page)."""
        query = search_term.strip()
        if not query:
            return queryset, False
        saying = messages_for_the_list(request, self, query)
        threads = sorted({pair[1] for pair in saying})
        return queryset.filter(among("helpdesk_thread", *thread_ids_sql(query), threads)), False

    def get_urls(self):
        page = path(
            "search/",
            self.admin_site.admin_view(self.search_view),  # type: ignore[attr-defined]
            name="helpdesk_thread_search",
        )
        return [page, *super().get_urls()]  # type: ignore[misc]

    def search_view(self, request: HttpRequest) -> TemplateResponse:
        """Search by order, tracking number, people or words of the messages, for the staff
        who may read conversations (403 for the others); every search is written to the
        access log."""
        if not self.has_view_permission(request):  # type: ignore[attr-defined]
            raise PermissionDenied
        form = ConversationSearchForm(request.GET)
        results = None
        if form.is_valid() and form.cleaned_data["q"]:
            query, market = form.cleaned_data["q"], form.cleaned_data["market"]
            results = conversation_search(
                query,
                market=market.code if market else None,
                page=page_number(request.GET.get("page")),
            )
            staff_access_record(request, StaffAccess.Action.SEARCH, detail=query)
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "title": _("Search conversations"),
            "opts": Thread._meta,
            "form": form,
            "results": results,
        }
        return TemplateResponse(request, "admin/helpdesk/thread/search.html", context)


@admin.register(Thread)
class ThreadAdmin(
    ConversationSearch,
    EvidenceActions,
    TranscriptExports,
    AccessLogged,
    ReadOnlyMixin,
    admin.ModelAdmin,
):
    """A thread as evidence: one page that reads like the conversation, with what each side
    saw of every entry, the files, the clocks with their stored explanations, and the
    escalation's handling; transcripts to export."""

    change_form_template = "admin/helpdesk/thread/evidence.html"
    list_display = [
        "id",
        "order",
        "topic",
        "seller",
        "buyer",
        "market",
        "status",
        "awaiting_reply_since",
        "due_at",
        "escalated_at",
        "last_activity_at",
    ]
    list_filter = [EscalatedFilter, "status", "topic", "market", SellerFilter]
    list_select_related = ["order", "seller", "buyer", "market"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-id"]  # newest first, on the primary key's index

    def lookup_allowed(self, lookup, value, request=None):
        # The buyer's and the order's pages link to their threads.
        if lookup in ("buyer__id__exact", "order__id__exact"):
            return True
        return super().lookup_allowed(lookup, value, request)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The thread the change view already fetched: no second query for it.
        if obj is not None:
            context.update(self.evidence(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def evidence(self, request, thread: Thread) -> dict[str, Any]:
        entries = list(
            thread.messages.select_related("review__decided_by")
            .prefetch_related("attachments")
            .order_by("created_at", "id")
        )
        rows = [
            {
                "message": message,
                "content": content(message),
                "files": _file_links(message) if message.attachments.all() else "",
                "delivery": delivery(message),
                "buyer_saw": seen_by(message, Role.BUYER),
                "seller_saw": seen_by(message, Role.SELLER),
            }
            for message in entries
        ]
        clocks = list(ResponseClock.objects.filter(thread=thread).order_by("opened_at", "id"))
        now = timezone.now()
        escalation = (
            Escalation.objects.select_related("taken_by", "resolved_by")
            .filter(thread=thread)
            .first()
        )
        return {
            "thread": thread,
            "rows": rows,
            "clocks": [
                (clock, VERDICT_LABELS[clock.verdict(now)], clock_explanation(clock))
                for clock in clocks
            ],
            "escalation": escalation,
            "can_handle": request.user.has_perm("helpdesk.handle_escalation"),
            "message_form": PlatformMessageForm(initial={"key": uuid.uuid4()}),
            "decision_form": DecisionForm(),
            "zone": timezone.get_current_timezone_name(),
        }

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("order", "seller", "buyer", "market")


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The platform's escalation queue: undecided first, oldest first, with age and market;
    each opens the thread's evidence page, where the case is taken over and decided."""

    list_display = ["case", "market", "seller", "raised_at", "age", "state", "first_response"]
    list_display_links = None  # each row opens the thread's evidence page, where it is handled
    list_filter = [EscalationStateFilter, "market", "outcome"]
    list_select_related = ["thread__order", "market", "seller", "taken_by"]
    ordering = ["raised_at", "id"]
    show_full_result_count = False

    @admin.display(description=_("request"))
    def case(self, obj: Escalation) -> str:
        url = reverse("admin:helpdesk_thread_change", args=[obj.thread_id])
        return format_html('<a href="{}">{}</a>', url, obj.thread)

    @admin.display(description=_("waiting for"))
    def age(self, obj: Escalation) -> str:
        end = obj.resolved_at or timezone.now()
        return timesince(obj.raised_at, end)

    @admin.display(description=_("state"))
    def state(self, obj: Escalation) -> str:
        if obj.resolved_at:
            return format_html("{}: {}", _("Decided"), obj.get_outcome_display())
        if obj.taken_at:
            return str(
                _("Taken over by %(name)s") % {"name": obj.taken_by.name if obj.taken_by else ""}
            )
        return str(_("Waiting for the platform"))

    @admin.display(description=_("first platform response"))
    def first_response(self, obj: Escalation) -> str:
        if obj.first_response_at is None:
            return "—"
        return timesince(obj.raised_at, obj.first_response_at)


@admin.register(Message)
class MessageAdmin(MessageColumns, AccessLogged, ReadOnlyMixin, admin.ModelAdmin):
    access_action = StaffAccess.Action.MESSAGE

    list_display = ["id", "thread", "created_at", "author_role", "author_name", "kind", "delivered"]
    list_filter = ["kind", "author_role"]
    list_select_related = ["thread__order", "review__decided_by"]
    search_fields = ["thread__order__number"]  # shows the box; get_search_results searches
    search_help_text = ConversationSearch.search_help_text
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-id"]  # not the model's (thread, time): no sort of millions of rows
    fields = readonly_fields = (
        "thread",
        "created_at",
        "author",
        "author_name",
        "author_role",
        "kind",
        "shown",
        "files",
        "delivered",
        "chain_hash",
    )

    def get_search_results(self, request, queryset, search_term):
        """The messages that say the words (when at most RANKED do), those about an order
        found by its number or tracking number, and those written by the people found
        (helpdesk.search)."""
        query = search_term.strip()
        if not query:
            return queryset, False
        saying = messages_for_the_list(request, self, query)
        found = sorted(pair[0] for pair in saying)
        return queryset.filter(among("helpdesk_message", *message_ids_sql(query), found)), False


@admin.register(HistoryCheck)
class HistoryCheckAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The results of `verify_history` (nightly): the newest first, broken links named with
    a link to their thread."""

    list_display = ["started_at", "result", "threads", "messages", "duration"]
    fields = readonly_fields = (
        "started_at",
        "finished_at",
        "threads",
        "messages",
        "result",
        "links",
    )
    date_hierarchy = "started_at"

    @admin.display(description=_("result"))
    def result(self, obj: HistoryCheck) -> str:
        if obj.intact:
            return str(_("Every chain holds"))
        return ngettext(
            "%(count)d thread with a broken chain",
            "%(count)d threads with a broken chain",
            len(obj.broken),
        ) % {"count": len(obj.broken)}

    @admin.display(description=_("duration"))
    def duration(self, obj: HistoryCheck) -> str:
        return f"{obj.seconds:.1f} s"

    @admin.display(description=_("broken links"))
    def links(self, obj: HistoryCheck) -> str:
        return (
            format_html_join(
                ", ",
                '<a href="{}">{}</a>',
                (
                    (
                        reverse("admin:helpdesk_thread_change", args=[link["thread"]]),
                        _("thread %(thread)s, message %(message)s") % link,
                    )
                    for link in obj.broken
                ),
            )
            or "—"
        )


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Files, opened through the console's own view (the storage has no public URL)."""

    list_display = ["id", "opened", "content_type", "size", "message", "created_at"]
    list_select_related = ["message"]
    fields = readonly_fields = (
        "opened",
        "content_type",
        "size",
        "sha256",
        "message",
        "created_at",
    )

    @admin.display(description=_("file"))
    def opened(self, obj: Attachment) -> str:
        return file_link(obj)

    def get_urls(self):
        urls = [
            path(
                "<int:attachment_id>/file/",
                self.admin_site.admin_view(self.file_view),
                name="helpdesk_attachment_file",
            )
        ]
        return urls + super().get_urls()

    def file_view(self, request, attachment_id: int) -> FileResponse:
        """A stored file, for the staff who may read conversations."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = attachment_response(get_object_or_404(Attachment, pk=attachment_id))
        staff_access_record(request, StaffAccess.Action.FILE, object_id=attachment_id)
        return response


@admin.register(SavedReply)
class SavedReplyAdmin(admin.ModelAdmin):
    list_display = ["title", "seller", "created_by", "created_at"]
    list_select_related = ["seller", "created_by"]
    raw_id_fields = ["seller", "created_by"]


# Moderation queue ------------------------------------------------------------------------


class ReviewStateFilter(admin.SimpleListFilter):
    """What needs a decision first: the queue opens on the pending reviews."""

    title = _("decision")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*MessageReview.State.choices, ("all", _("All"))]

    def _current(self) -> str:
        return self.value() or MessageReview.State.PENDING

    def queryset(self, request, queryset):
        if self._current() == "all":
            return queryset
        return queryset.filter(state=self._current())

    def choices(self, changelist):
        for value, label in self.lookup_choices:
            yield {
                "selected": self._current() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }


class ReviewKindFilter(admin.SimpleListFilter):
    title = _("found")
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [(kind, label) for kind, label in KIND_LABELS.items()]

    def queryset(self, request, queryset):
        if self.value() in KIND_LABELS:
            return queryset.filter(kinds__contains=[self.value()])
        return queryset


class ReviewDecisionForm(forms.ModelForm):
    """Approve, reject (held messages; the reason is shown to the writer) or confirm a
    violation (a strike when the seller wrote it). Saved through review_decide."""

    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)

    class Meta:
        model = MessageReview
        fields = ["reason"]
        widgets = {"reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        labels: dict[str, StrOrPromise] = {
            MessageReview.State.APPROVED: _("Approve: deliver it as written")
            if self.instance.action == MessageReview.Action.HOLD
            else _("Approve: nothing wrong, show it as written"),
            MessageReview.State.REJECTED: _("Reject: do not deliver it (say why below)"),
            MessageReview.State.VIOLATION: _(
                "Confirm a violation: not delivered or kept hidden, and a strike against the "
                "seller when the seller wrote it"
            ),
        }
        if "decision" in self.fields:  # a decided review is read only
            cast(forms.ChoiceField, self.fields["decision"]).choices = [
                (state, labels[state]) for state in DECISIONS.get(self.instance.action, ())
            ]
        if "reason" in self.fields:
            self.fields["reason"].help_text = _(
                "Shown to the writer of the message. Required to reject."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision") == MessageReview.State.REJECTED
            and not data.get("reason", "").strip()
        ):
            self.add_error("reason", _("Say why: the writer is shown the reason."))
        return data


@admin.register(MessageReview)
class MessageReviewAdmin(AccessLogged, admin.ModelAdmin):
    """The moderation queue: held, masked and flagged messages, the longest waiting first,
    with how long each has waited and whether it is past its target
    (MODERATION_REVIEW_HOURS business hours)."""

    access_action = StaffAccess.Action.MESSAGE

    def logged_object(self, object_id: str) -> int | None:
        """The message reviewed (what was read), not the review's own id."""
        review_id = super().logged_object(object_id)
        if review_id is None:
            return None
        reviews = MessageReview.objects.filter(pk=review_id)
        return reviews.values_list("message_id", flat=True).first()

    form = ReviewDecisionForm

    list_display = ["created_at", "waiting", "excerpt", "found", "status", "seller", "market_id"]
    list_filter = [ReviewStateFilter, ReviewKindFilter, "action", "author_role", "market", "seller"]
    list_select_related = ["message", "seller", "market"]
    search_fields = ["=message__thread__order__number", "seller__company_name"]
    ordering = ["created_at", "id"]
    show_full_result_count = False
    actions = ["approve"]
    # What the review page shows, above the decision.
    details = [
        "conversation",
        "written",
        "found",
        "original",
        "other_side_sees",
        "explanations",
        "files",
        "seller_strikes",
    ]
    readonly_fields = [*details, "state", "decided_by", "decided_at"]

    def get_fields(self, request, obj=None):
        if obj is not None and obj.is_pending:
            return [*self.details, "decision", "reason"]
        return [*self.details, "state", "reason", "decided_by", "decided_at"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not obj.is_pending:
            return [*self.readonly_fields, "reason"]
        return self.readonly_fields

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        """Deciding is the moderators' (a role's permission); a decided review stays as it
        was."""
        return super().has_change_permission(request, obj) and (obj is None or obj.is_pending)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(
            request, {"title": _("Moderation queue"), **(extra_context or {})}
        )

    @admin.display(description=_("waiting"), ordering="created_at")
    def waiting(self, obj: MessageReview) -> str:
        """How long a pending review has waited, flagged once past its target."""
        if not obj.is_pending:
            return "—"
        age = timesince(obj.created_at, depth=1)
        if obj.is_past_target():
            return format_html(
                '<strong class="errornote">{}</strong>', _("%(age)s, past target") % {"age": age}
            )
        return age

    @admin.display(description=_("found"))
    def found(self, obj: MessageReview) -> str:
        return ", ".join(str(KIND_LABELS[kind]) for kind in obj.kinds)

    def _text(self, obj: MessageReview) -> str:
        return text_for(obj.message, obj.author_role)  # the original, as its writer wrote it

    def _text_findings(self, obj: MessageReview) -> list[dict[str, Any]]:
        return [f for f in obj.findings if f["source"] in ("body", "note")]

    @admin.display(description=_("status"))
    def status(self, obj: MessageReview) -> str:
        return f"{obj.get_author_role_display()} · {obj.get_action_display()} · " + (
            f"{obj.get_state_display()}"
        )

    @admin.display(description=_("text"))
    def excerpt(self, obj: MessageReview) -> str:
        findings = self._text_findings(obj)
        if not findings:
            return ", ".join(f["excerpt"] for f in obj.findings)
        return highlight_window(self._text(obj), findings)

    @admin.display(description=_("conversation"))
    def conversation(self, obj: MessageReview) -> str:
        thread = obj.message.thread
        url = reverse("admin:helpdesk_thread_change", args=[thread.pk])
        return format_html('<a href="{}#message-{}">{}</a>', url, obj.message_id, thread)

    @admin.display(description=_("author and time"))
    def written(self, obj: MessageReview) -> str:
        message = obj.message
        return format_html(
            "{} · {} · {}",
            message.get_author_role_display(),
            message.author.email if message.author else "—",
            localize(timezone.localtime(message.created_at)),
        )

    @admin.display(description=_("files"))
    def files(self, obj: MessageReview) -> str:
        flagged = {f.get("attachment") for f in obj.findings}
        rows = [
            (
                reverse("admin:helpdesk_messagereview_attachment", args=[obj.pk, attachment.pk]),
                attachment.original_name,
                _("something was found in it") if attachment.pk in flagged else "",
            )
            for attachment in obj.message.attachments.all()
        ]
        if not rows:
            return "—"
        return format_html_join("", '<p><a href="{}">{}</a> <strong>{}</strong></p>', rows)

    def get_urls(self):
        urls = [
            path(
                "<int:review_id>/attachment/<int:attachment_id>/",
                self.admin_site.admin_view(self.attachment_view),
                name="helpdesk_messagereview_attachment",
            )
        ]
        return urls + super().get_urls()

    def attachment_view(self, request, review_id: int, attachment_id: int) -> FileResponse:
        """A file of a reviewed message, for the administrator deciding."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        response = attachment_response(
            get_object_or_404(Attachment, pk=attachment_id, message__review__pk=review_id)
        )
        staff_access_record(request, StaffAccess.Action.FILE, object_id=attachment_id)
        return response

    @admin.display(description=_("original text"))
    def original(self, obj: MessageReview) -> str:
        return format_html(
            '<div class="review-text">{}</div>',
            highlight(self._text(obj), self._text_findings(obj)),
        )

    @admin.display(description=_("what the other side sees"))
    def other_side_sees(self, obj: MessageReview) -> str:
        if obj.withholds:
            return str(_("Nothing: the message is not delivered."))
        if obj.masks:
            return format_html('<div class="review-text">{}</div>', obj.masked_text)
        return str(_("The text as written."))

    @admin.display(description=_("explanation"))
    def explanations(self, obj: MessageReview) -> str:
        return format_html_join(
            "",
            "<p><strong>{}</strong>: {}<br><small>{}</small></p>",
            (
                (
                    item.label,
                    "; ".join(f"“{what}” {where}" for where, what in item.excerpts),
                    item.reason,
                )
                for item in explain(obj.findings)
            ),
        )

    @admin.display(description=_("seller's confirmed violations"))
    def seller_strikes(self, obj: MessageReview) -> str:
        window = settings.MODERATION_STRIKES["window_days"]
        count = MessageReview.objects.strikes(obj.seller_id, timezone.now())
        return ngettext(
            "%(count)d in the last %(days)d days",
            "%(count)d in the last %(days)d days",
            count,
        ) % {"count": count, "days": window}

    def save_model(self, request, obj, form, change):
        try:
            review_decide(
                review=obj,
                decision=form.cleaned_data["decision"],
                by=request.user,
                reason=form.cleaned_data.get("reason", ""),
            )
        except HelpdeskError as error:
            self.message_user(request, str(error), messages.ERROR)

    @admin.action(description=_("Approve the selected messages"), permissions=["change"])
    def approve(self, request, queryset):
        done = 0
        for review in queryset.filter(state=MessageReview.State.PENDING):
            review_decide(review=review, decision=MessageReview.State.APPROVED, by=request.user)
            done += 1
        self.message_user(
            request,
            ngettext("%(count)d message approved.", "%(count)d messages approved.", done)
            % {"count": done},
            messages.SUCCESS,
        )


# Sellers and exemptions ----------------------------------------------------------------


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = [
        "company_name",
        "slug",
        "country",
        "status",
        "service_score",
        "typical_response_hours",
        "violations",
        "created_at",
    ]
    list_filter = ["status", "country"]
    search_fields = ["company_name", "slug"]
    prepopulated_fields = {"slug": ["company_name"]}
    # The status follows the sanctions in force (sla.sanctions); the score is nightly.
    readonly_fields = [
        "status",
        "service_score",
        "typical_response_hours",
        "score_updated_at",
        "conversations",
    ]

    @admin.display(description=_("conversations"))
    def conversations(self, obj: Seller) -> str:
        url = reverse("admin:helpdesk_thread_changelist")
        return format_html(
            '<a href="{}?seller__id__exact={}">{}</a>', url, obj.pk, _("All its conversations")
        )

    def get_queryset(self, request):
        since = timezone.now() - timedelta(days=settings.MODERATION_STRIKES["window_days"])
        confirmed = (
            MessageReview.objects.filter(
                seller=OuterRef("pk"),
                author_role="seller",
                state=MessageReview.State.VIOLATION,
                decided_at__gt=since,
            )
            .order_by()
            .values("seller")
            .annotate(n=Count("id"))
            .values("n")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(violations=Coalesce(Subquery(confirmed, output_field=IntegerField()), 0))
        )

    @admin.display(description=_("confirmed messaging violations (strikes)"), ordering="violations")
    def violations(self, obj: Seller) -> int:
        return int(getattr(obj, "violations", 0))  # annotated by get_queryset

    def get_inlines(self, request, obj):
        return [MembershipInline, SanctionInline] if obj else [MembershipInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:  # a new seller starts with saved replies in its market's language
            saved_reply_create_defaults(seller=obj)


@admin.register(ClockExemption)
class ClockExemptionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Sellers' "no reply needed": an administrator who disagrees revokes it, and the
    buyer's message is owed an answer again from its original deadline."""

    list_display = ["id", "clock", "exempted_by", "exempted_at", "revoked_by", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["clock", "exempted_by", "revoked_by"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None) -> bool:
        # The revoke action needs it (a role's permission); every field stays read-only.
        return admin.ModelAdmin.has_change_permission(self, request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    @admin.action(
        description=_("Revoke: the buyer message needed a reply after all"), permissions=["change"]
    )
    def revoke(self, request, queryset):
        for exemption in queryset.filter(revoked_at__isnull=True).select_related("clock"):
            thread_exemption_revoke(exemption=exemption, by=request.user)
        self.message_user(request, _("Exemptions revoked; the clocks run again."), messages.SUCCESS)
