from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import SellerAbsence, SellerMember, User
from core.admin import ReadOnlyMixin


class UserCreationForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email", "name")


class UserEditForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class MembershipInline(admin.TabularInline):
    model = SellerMember
    extra = 0
    raw_id_fields = ["user", "seller"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    form = UserEditForm
    add_form = UserCreationForm
    ordering = ["email"]
    list_display = ["email", "name", "market", "preferred_language", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_superuser", "is_active", "market", "preferred_language"]
    search_fields = ["email", "name"]
    list_select_related = ["market"]
    readonly_fields = ["last_login", "date_joined", "conversations"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("name", "market", "preferred_language", "conversations")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )

    @admin.display(description=_("conversations"))
    def conversations(self, obj: User) -> str:
        url = reverse("admin:helpdesk_thread_changelist")
        return format_html('<a href="{}?buyer__id__exact={}">{}</a>', url, obj.pk, _("Requests"))

    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "name", "usable_password", "password1", "password2"),
            },
        ),
    )


@admin.register(SellerMember)
class SellerMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "seller", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "seller"]
    search_fields = ["user__email", "user__name", "seller__company_name"]
    raw_id_fields = ["user", "seller"]


@admin.register(SellerAbsence)
class SellerAbsenceAdmin(ReadOnlyMixin, admin.ModelAdmin[SellerAbsence]):
    """Seen here, written by the seller's team on its absences page (accounts.services)."""

    list_display = ["absent", "seller", "first_day", "last_day", "stand_in", "created_by"]
    list_filter = ["first_day"]
    list_select_related = ["absent", "seller", "stand_in", "created_by"]
    search_fields = ["seller__company_name", "absent__email", "absent__name"]
    raw_id_fields = ["seller", "absent", "stand_in", "created_by"]
    date_hierarchy = "first_day"
