"""The console pages of response clocks, sanctions and appeals. Applying, extending and
lifting a sanction and deciding an appeal all go through sla.sanctions."""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from accounts.access import request_user
from core.admin import EstimatedCountPaginator, ReadOnlyMixin
from sla.calendar import deadline_steps
from sla.explanations import explanation_lines
from sla.formats import format_percent
from sla.models import AnswerRating, Heartbeat, ResponseClock, Sanction, SanctionAppeal
from sla.sanctions import (
    SanctionError,
    appeal_decide,
    extension_refusal,
    sanction_apply,
    sanction_extend,
    sanction_lift,
    sanction_reason,
)


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyMixin, admin.ModelAdmin[Heartbeat]):
    list_display = ["name", "last_run_at", "runs"]


@admin.register(ResponseClock)
class ResponseClockAdmin(ReadOnlyMixin, admin.ModelAdmin[ResponseClock]):
    list_display = [
        "id",
        "thread",
        "seller",
        "market",
        "opened_at",
        "due_at",
        "breached_at",
        "closed_at",
        "outcome",
        "response_seconds",
    ]
    list_filter = ["outcome", "market", "seller"]
    list_select_related = ["thread__order", "seller", "market"]
    search_fields = ["=thread__order__number", "seller__company_name"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-id"]
    readonly_fields = ["explanation"]

    @admin.display(description=_("how the deadline was computed"))
    def explanation(self, obj: ResponseClock) -> str:
        return clock_explanation(obj)


@admin.register(AnswerRating)
class AnswerRatingAdmin(ReadOnlyMixin, admin.ModelAdmin[AnswerRating]):
    """Buyers' verdicts on sellers' replies ("did this answer your question?"), with the
    rate of "no" of what the filters select (a seller, a market, a period)."""

    list_display = ["rated_at", "seller", "market", "answered", "thread"]
    list_filter = ["answered", "market", "seller"]
    list_select_related = ["seller", "market", "thread__order"]
    search_fields = ["=thread__order__number", "seller__company_name"]
    date_hierarchy = "rated_at"
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    change_list_template = "admin/sla/answerrating/change_list.html"

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if not isinstance(response, TemplateResponse) or not response.context_data:
            return response  # a redirect (an action), or an error page
        changelist = response.context_data.get("cl")
        if changelist is not None:
            counts = changelist.queryset.aggregate(
                rated=Count("id"), not_answered=Count("id", filter=Q(answered=False))
            )
            rate = counts["not_answered"] / counts["rated"] if counts["rated"] else None
            response.context_data["not_answered"] = {**counts, "rate": format_percent(rate)}
        return response


def clock_explanation(clock: ResponseClock) -> str:
    """The steps from reception to deadline as stored when the clock opened, in the reader's
    language; for a clock from before they were stored, the rule replayed now, and said so."""
    steps = clock.explanation
    note = ""
    if not steps:
        steps = deadline_steps(clock.opened_at, clock.market_id)
        note = format_html(
            "<div><em>{}</em></div>", _("Not stored with this clock: recomputed now.")
        )
    lines = explanation_lines(steps, clock.market_id)
    return format_html(
        "{}{}", format_html_join("", "<div>{}</div>", ((line,) for line in lines)), note
    )


class SanctionInline(ReadOnlyMixin, admin.TabularInline[Sanction, Sanction]):
    """The seller's sanction history (apply, extend and lift on the Sanctions page)."""

    model = Sanction
    fields = ("kind", "starts_at", "ends_at", "automatic", "decided_by", "lifted_at", "why")
    readonly_fields = fields
    extra = 0
    show_change_link = True

    @admin.display(description=_("why"))
    def why(self, obj: Sanction) -> str:
        return sanction_reason(obj)


class SanctionForm(forms.ModelForm[Sanction]):
    """Adding a sanction applies it; changing one extends it; both through sla.sanctions,
    whose refusals show on the form."""

    class Meta:
        model = Sanction
        fields = ["seller", "kind", "reason", "starts_at", "ends_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and "ends_at" in self.fields:
            self.fields["ends_at"].help_text = _(
                "Only later, or empty for “until lifted”. To end it early, lift it from the "
                "list (the lifting is recorded)."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.instance.pk is None and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Say why: the seller is shown the reason."))
        if self.instance.pk is not None and "ends_at" in data:
            stored = Sanction.objects.get(pk=self.instance.pk)
            refusal = extension_refusal(stored, data["ends_at"])
            if refusal:
                self.add_error("ends_at", refusal)
        return data


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin[Sanction]):
    """Apply a sanction by adding one; extend it by moving its end later; lift it with the
    action. A sanction is never shortened or deleted: lifting it is recorded."""

    form = SanctionForm
    list_display = [
        "seller",
        "kind",
        "cause",
        "starts_at",
        "ends_at",
        "automatic",
        "decided_by",
        "lifted_at",
    ]
    list_filter = ["kind", "cause", "automatic", "lifted_at"]
    list_select_related = ["seller", "decided_by"]
    search_fields = ["seller__company_name"]
    raw_id_fields = ["seller"]
    actions = ["lift"]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_fields(  # type: ignore[override]  # plain field names are enough here
        self, request: HttpRequest, obj: Sanction | None = None
    ) -> list[str]:
        if obj is None:
            return ["seller", "kind", "reason", "starts_at", "ends_at"]
        return [
            "seller",
            "kind",
            "why",
            "starts_at",
            "ends_at",
            "automatic",
            "decided_by",
            "lifted_at",
            "lifted_by",
        ]

    def get_readonly_fields(self, request: HttpRequest, obj: Sanction | None = None) -> list[str]:
        if obj is None:
            return []
        return [
            "seller",
            "kind",
            "why",
            "starts_at",
            "automatic",
            "decided_by",
            "lifted_at",
            "lifted_by",
        ]

    @admin.display(description=_("why (as the seller reads it)"))
    def why(self, obj: Sanction) -> str:
        return sanction_reason(obj)

    def save_model(self, request: HttpRequest, obj: Sanction, form: Any, change: bool) -> None:
        try:
            if change:
                saved = sanction_extend(sanction=obj, until=obj.ends_at, by=request_user(request))
            else:
                saved = sanction_apply(
                    seller=obj.seller,
                    kind=obj.kind,
                    reason=obj.reason,
                    by=request_user(request),
                    starts_at=obj.starts_at,
                    ends_at=obj.ends_at,
                )
        except SanctionError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        obj.pk = saved.pk

    @admin.action(description=_("Lift the selected sanctions"), permissions=["change"])
    def lift(self, request: HttpRequest, queryset: Any) -> None:
        for sanction in queryset.filter(lifted_at__isnull=True):
            sanction_lift(sanction=sanction, by=request_user(request))
        self.message_user(request, _("Sanctions lifted."), messages.SUCCESS)


class AppealDecisionForm(forms.ModelForm[SanctionAppeal]):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            ("granted", _("Grant: lift the sanction")),
            ("denied", _("Do not grant: the sanction stays")),
        ],
    )

    class Meta:
        model = SanctionAppeal
        fields = ["decision_reason"]
        widgets = {"decision_reason": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "decision_reason" in self.fields and not (data.get("decision_reason") or "").strip():
            self.add_error("decision_reason", _("Say why: the seller is shown the reason."))
        return data


@admin.register(SanctionAppeal)
class SanctionAppealAdmin(admin.ModelAdmin[SanctionAppeal]):
    """Sellers' appeals, oldest first; each is decided once, with a reason the seller reads."""

    form = AppealDecisionForm
    list_display = ["submitted_at", "seller", "sanction_kind", "state", "decided_by", "decided_at"]
    list_filter = ["state"]
    list_select_related = ["sanction__seller", "decided_by"]
    details = ["seller", "sanction_kind", "sanction_why", "text", "submitted_by", "submitted_at"]

    def get_fields(  # type: ignore[override]  # plain field names are enough here
        self, request: HttpRequest, obj: SanctionAppeal | None = None
    ) -> list[str]:
        if obj is not None and obj.is_pending:
            return [*self.details, "decision", "decision_reason"]
        return [*self.details, "state", "decision_reason", "decided_by", "decided_at"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: SanctionAppeal | None = None
    ) -> list[str]:
        if obj is not None and obj.is_pending:
            return self.details
        return [*self.details, "state", "decision_reason", "decided_by", "decided_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("seller"))
    def seller(self, obj: SanctionAppeal) -> str:
        return str(obj.sanction.seller)

    @admin.display(description=_("sanction"))
    def sanction_kind(self, obj: SanctionAppeal) -> str:
        return str(obj.sanction.get_kind_display())

    @admin.display(description=_("why it was applied"))
    def sanction_why(self, obj: SanctionAppeal) -> str:
        return sanction_reason(obj.sanction)

    def save_model(
        self, request: HttpRequest, obj: SanctionAppeal, form: Any, change: bool
    ) -> None:
        try:
            appeal_decide(
                appeal=obj,
                granted=form.cleaned_data["decision"] == "granted",
                by=request_user(request),
                reason=form.cleaned_data["decision_reason"],
            )
        except SanctionError as error:
            self.message_user(request, str(error), messages.ERROR)
