from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from helpdesk.models import Attachment, Message, Notification, SavedReply, Thread


class ReadOnlyMixin:
    """History is audited, never edited: no add, change or delete in the console."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class MessageInline(ReadOnlyMixin, admin.TabularInline):
    model = Message
    fields = ["created_at", "author_role", "author", "kind", "body", "data"]
    readonly_fields = fields
    ordering = ["created_at", "id"]
    extra = 0
    show_change_link = True


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


@admin.register(Thread)
class ThreadAdmin(ReadOnlyMixin, admin.ModelAdmin):
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
    list_filter = [EscalatedFilter, "status", "topic", "market", "seller"]
    list_select_related = ["order", "seller", "buyer", "market"]
    search_fields = ["=order__number", "buyer__email", "seller__company_name"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    inlines = [MessageInline]

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_staff


@admin.register(Message)
class MessageAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["id", "thread", "created_at", "author_role", "author", "kind"]
    list_filter = ["kind", "author_role"]
    list_select_related = ["thread__order", "author"]
    search_fields = ["=thread__order__number", "author__email"]
    show_full_result_count = False

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_staff


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["id", "original_name", "content_type", "size", "message", "created_at"]
    list_select_related = ["message"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["id", "recipient", "kind", "thread", "digest", "created_at", "sent_at"]
    list_filter = ["kind", "digest"]
    list_select_related = ["recipient", "thread"]


@admin.register(SavedReply)
class SavedReplyAdmin(admin.ModelAdmin):
    list_display = ["title", "seller", "created_by", "created_at"]
    list_select_related = ["seller", "created_by"]
    raw_id_fields = ["seller", "created_by"]
