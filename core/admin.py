"""Admin helpers shared by every app's console pages."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class EstimatedCountPaginator(Paginator):
    """The admin's paginator for tables of millions of rows: an unfiltered list reads the
    planner's row estimate (pg_class.reltuples) instead of counting the table, and a
    filtered one counts at most COUNT_CAP + 1 rows (the pages past the cap are reached by
    narrowing the filter or the search, which is how staff work anyway)."""

    COUNT_CAP = 10_000
    # How the count was found, for admin/pagination.html: "", "estimate" or "capped".
    approximate = ""

    @cached_property
    def count(self) -> int:
        queryset = cast(QuerySet[Any], self.object_list)  # the admin paginates querysets
        if not queryset.query.where:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            estimate = int(row[0]) if row else -1
            if estimate > self.COUNT_CAP:
                self.approximate = "estimate"
                return estimate
        counted = queryset.order_by()[: self.COUNT_CAP + 1].count()
        if counted > self.COUNT_CAP:
            self.approximate = "capped"
        return counted


class ReadOnlyMixin:
    """History is audited, never edited: no add, change or delete in the console."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


_View = TypeVar("_View", bound=Callable[..., HttpResponseBase])


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

    def admin_view(self, view: _View, cacheable: bool = False) -> _View:
        """Every console page, refusing (400) what none of its forms or links sends and the
        database cannot read: a NUL in the address, the query or a posted field (PostgreSQL
        cannot compare one: an object whose key is text, a list's filter), or ticked rows
        of a list that are not ids of its model (Django's actions filter on them as they
        come). Both were a 500 before."""
        checked = super().admin_view(view, cacheable)
        model_admin = getattr(view, "__self__", None)
        key = model_admin.model._meta.pk if isinstance(model_admin, admin.ModelAdmin) else None

        @wraps(checked)
        def refusing(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            sent = [*args, *kwargs.values()]
            for data in (request.GET, request.POST):
                sent += [*data, *(value for _name, values in data.lists() for value in values)]
            if any("\x00" in str(value) for value in sent):
                raise BadRequest("A NUL character.")
            for ticked in request.POST.getlist(ACTION_CHECKBOX_NAME):
                try:
                    if key is not None:  # a number in range, a code of its length
                        key.run_validators(key.to_python(ticked))
                except ValidationError as error:
                    raise BadRequest("Ticked rows that are not ids.") from error
            return checked(request, *args, **kwargs)

        return cast(_View, refusing)
