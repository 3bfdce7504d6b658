from django.contrib import admin, messages
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from helpdesk.admin import ReadOnlyMixin
from sla.calendar import explain_deadline
from sla.models import ClockExemption, Heartbeat, ResponseClock, Sanction
from sla.sanctions import sanction_apply, sanction_extend, sanction_lift
from sla.services import clock_exemption_revoke


@admin.register(Heartbeat)
class HeartbeatAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["name", "last_run_at", "runs"]


@admin.register(ResponseClock)
class ResponseClockAdmin(ReadOnlyMixin, admin.ModelAdmin):
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
    date_hierarchy = "opened_at"
    show_full_result_count = False
    readonly_fields = ["explanation"]

    @admin.display(description=_("how the deadline was computed"))
    def explanation(self, obj: ResponseClock) -> str:
        # Replays the rule from the received time: an auditor can check every deadline.
        return format_html_join(
            "",
            "<div>{}</div>",
            ((line,) for line in explain_deadline(obj.opened_at, obj.market_id)),
        )


@admin.register(ClockExemption)
class ClockExemptionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["id", "clock", "exempted_by", "exempted_at", "revoked_by", "revoked_at"]
    list_filter = ["revoked_at"]
    list_select_related = ["clock", "exempted_by", "revoked_by"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_staff  # actions need it; every field stays read-only

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    @admin.action(description=_("Revoke: the buyer message needed a reply after all"))
    def revoke(self, request, queryset):
        for exemption in queryset.filter(revoked_at__isnull=True):
            clock_exemption_revoke(exemption=exemption, by=request.user)
        self.message_user(request, _("Exemptions revoked; the clocks run again."), messages.SUCCESS)


class SanctionInline(ReadOnlyMixin, admin.TabularInline):
    """The seller's sanction history (apply, extend and lift on the Sanctions page)."""

    model = Sanction
    fields = ["kind", "starts_at", "ends_at", "automatic", "decided_by", "lifted_at", "reason"]
    readonly_fields = fields
    extra = 0
    show_change_link = True


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    """Apply a sanction by adding one; extend it by changing its end; lift it with the
    action. Every change goes through sla.sanctions, which keeps the seller's status."""

    list_display = [
        "seller",
        "kind",
        "starts_at",
        "ends_at",
        "automatic",
        "decided_by",
        "lifted_at",
    ]
    list_filter = ["kind", "automatic", "lifted_at"]
    list_select_related = ["seller", "decided_by"]
    search_fields = ["seller__company_name"]
    raw_id_fields = ["seller"]
    actions = ["lift"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["seller", "kind", "reason", "starts_at", "ends_at"]
        return [
            "seller",
            "kind",
            "reason",
            "starts_at",
            "ends_at",
            "automatic",
            "decided_by",
            "lifted_at",
            "lifted_by",
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            "seller",
            "kind",
            "reason",
            "starts_at",
            "automatic",
            "decided_by",
            "lifted_at",
            "lifted_by",
        ]

    def save_model(self, request, obj, form, change):
        if change:
            saved = sanction_extend(sanction=obj, until=obj.ends_at, by=request.user)
        else:
            saved = sanction_apply(
                seller=obj.seller,
                kind=obj.kind,
                reason=obj.reason,
                by=request.user,
                starts_at=obj.starts_at,
                ends_at=obj.ends_at,
            )
        obj.pk = saved.pk

    @admin.action(description=_("Lift the selected sanctions"))
    def lift(self, request, queryset):
        for sanction in queryset.filter(lifted_at__isnull=True):
            sanction_lift(sanction=sanction, by=request.user)
        self.message_user(request, _("Sanctions lifted."), messages.SUCCESS)
