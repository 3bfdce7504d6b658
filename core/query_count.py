"""The number of database queries of each request, as an `X-Query-Count` response header,
for `make bench` (settings.BENCH_QUERY_COUNT, off by default: the middleware then removes
itself when the server starts)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connection
from django.http import HttpRequest, HttpResponse


class QueryCountMiddleware:
    """Counts the queries run on the default connection while the request is handled (the
    other middleware's included when it comes first). Streaming responses count only what
    ran before their body."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not settings.BENCH_QUERY_COUNT:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        count = 0

        def counted(execute: Callable[..., Any], *args: Any) -> Any:
            nonlocal count
            count += 1
            return execute(*args)

        with connection.execute_wrapper(counted):
            response = self.get_response(request)
        response.headers["X-Query-Count"] = str(count)
        return response
