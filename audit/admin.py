from django.contrib import admin
from django.http import HttpRequest

from audit.models import StaffAccess
from core.admin import EstimatedCountPaginator, ReadOnlyMixin


@admin.register(StaffAccess)
class StaffAccessAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The access log: for superusers only (who audits the auditors)."""

    list_display = ["at", "user", "action", "object_id", "detail", "ip_address"]
    list_filter = ["action"]
    list_select_related = ["user"]
    search_fields = ["user__email", "=object_id", "detail"]
    date_hierarchy = "at"  # indexed; the log is read by period
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-id"]

    def has_view_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.has_view_permission(request)
