from django.contrib import admin

from core.admin import EstimatedCountPaginator, ReadOnlyMixin
from outbox.models import Notification


@admin.register(Notification)
class NotificationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = [
        "id",
        "recipient",
        "kind",
        "thread",
        "sanction",
        "digest",
        "created_at",
        "sent_at",
    ]
    list_filter = ["kind", "digest"]
    list_select_related = ["recipient", "thread__order", "sanction__seller"]
    raw_id_fields = ["recipient", "thread", "message", "clock", "sanction"]
    show_full_result_count = False
    paginator = EstimatedCountPaginator
    ordering = ["-id"]
