"""The console's transcript downloads (helpdesk.transcripts): one thread, or every thread of
an order, as PDF or JSON, for any staff member who may read conversations.

A mixin for the thread admin, so that its change page (whatever template draws it) keeps
one place for these URLs. The order's downloads live here too, not in orders.admin: the
orders app sits below the helpdesk and never imports it. The buttons are
`templates/admin/helpdesk/thread/_transcript_links.html`, which Django's object tools of the
thread and order change pages include (`change_form_object_tools.html` beside it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import request_user
from audit.models import StaffAccess
from audit.services import staff_access_record
from helpdesk.transcripts import (
    Transcript,
    TranscriptNotFound,
    checksum,
    digest_header,
    order_transcript,
    thread_transcript,
    transcript_json,
    transcript_pdf,
)

# format → (renderer, content type)
RENDERERS: dict[str, tuple[Callable[[Transcript], bytes], str]] = {
    "pdf": (transcript_pdf, "application/pdf"),
    "json": (transcript_json, "application/json; charset=utf-8"),
}


class TranscriptExports:
    """Adds `<thread id>/transcript/<pdf|json>/` and `order/<order id>/transcript/<pdf|json>/`
    to a ModelAdmin of threads. Staff who may view threads (auditors included) export;
    other staff get 403. Each export is written to the access log with the SHA-256 of the
    file delivered, which the console then shows (a message) and the response carries
    (`Repr-Digest`, `X-Checksum-SHA256`)."""

    admin_site: Any

    def get_urls(self) -> list[URLPattern]:
        urls = [
            path(
                "<int:thread_id>/transcript/<str:fmt>/",
                self.admin_site.admin_view(self.thread_transcript_view),
                name="helpdesk_thread_transcript",
            ),
            path(
                "order/<int:order_id>/transcript/<str:fmt>/",
                self.admin_site.admin_view(self.order_transcript_view),
                name="helpdesk_thread_order_transcript",
            ),
        ]
        return urls + cast(list[URLPattern], super().get_urls())  # type: ignore[misc]

    def _check(self, request: HttpRequest, fmt: str) -> None:
        if not self.has_view_permission(request):  # type: ignore[attr-defined]
            raise PermissionDenied
        if fmt not in RENDERERS:
            raise Http404

    def thread_transcript_view(
        self, request: HttpRequest, thread_id: int, fmt: str
    ) -> HttpResponse:
        """One thread's transcript."""
        self._check(request, fmt)
        try:
            transcript = thread_transcript(
                thread_id=thread_id, by=request_user(request), now=timezone.now()
            )
        except TranscriptNotFound:
            raise Http404 from None
        return self._deliver(request, transcript, fmt)

    def order_transcript_view(self, request: HttpRequest, order_id: int, fmt: str) -> HttpResponse:
        """The transcript of every thread of an order."""
        self._check(request, fmt)
        try:
            transcript = order_transcript(
                order_id=order_id, by=request_user(request), now=timezone.now()
            )
        except TranscriptNotFound:
            raise Http404 from None
        return self._deliver(request, transcript, fmt)

    def _deliver(self, request: HttpRequest, transcript: Transcript, fmt: str) -> HttpResponse:
        render, content_type = RENDERERS[fmt]
        content = render(transcript)
        sha256 = checksum(content)
        # The checksum first: the detail is cut at 300 characters.
        detail = f"{fmt.upper()} sha256:{sha256} "
        if transcript.scope == "thread":
            thread_id = transcript.threads[0].id
            subject = _("conversation #%(thread)s") % {"thread": thread_id}
            object_id: int | None = thread_id
            detail += f"thread:{thread_id} order:{transcript.order_number}"
        else:
            subject = _("order %(order)s") % {"order": transcript.order_number}
            object_id = None  # the log's objects are threads: theirs are in the detail
            threads = ",".join(str(thread.id) for thread in transcript.threads) or "-"
            detail += f"order:{transcript.order_number} threads:{threads}"
        staff_access_record(request, StaffAccess.Action.EXPORT, object_id=object_id, detail=detail)
        messages.success(
            request,
            _("Transcript of %(subject)s exported (%(format)s): SHA-256 %(checksum)s")
            % {"subject": subject, "format": fmt.upper(), "checksum": sha256},
        )
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{transcript.filename(fmt)}"'
        response["Repr-Digest"] = digest_header(content)
        response["X-Checksum-SHA256"] = sha256
        response["Cache-Control"] = "no-store"
        return response
