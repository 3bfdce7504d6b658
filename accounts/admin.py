from datetime import timedelta

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Seller, SellerMember, User


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
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("name", "market", "preferred_language")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "name", "usable_password", "password1", "password2"),
            },
        ),
    )


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
    readonly_fields = ["status", "service_score", "typical_response_hours", "score_updated_at"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        from helpdesk.models import MessageReview

        since = timezone.now() - timedelta(days=settings.MODERATION_STRIKES["window_days"])
        confirmed = (
            MessageReview.objects.strikes(since)
            .filter(seller=OuterRef("pk"))
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
        return obj.violations

    def get_inlines(self, request, obj):
        from sla.admin import SanctionInline

        return [MembershipInline, SanctionInline] if obj else [MembershipInline]


@admin.register(SellerMember)
class SellerMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "seller", "role", "created_at"]
    list_filter = ["role"]
    list_select_related = ["user", "seller"]
    search_fields = ["user__email", "user__name", "seller__company_name"]
    raw_id_fields = ["user", "seller"]
