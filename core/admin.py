"""Admin helpers shared by every app's console pages."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class ReadOnlyMixin:
    """History is audited, never edited: no add, change or delete in the console."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ConsoleSite(admin.AdminSite):
    """The platform's console. A staff member whose roles give nothing to see is refused
    (403), the index included, rather than shown an empty page."""

    site_header = _("Marketplace Helpdesk · administration")
    site_title = _("Helpdesk admin")
    index_title = _("Support console")

    def index(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        if not self.get_app_list(request):
            raise PermissionDenied
        return super().index(request, extra_context)
