"""Who on the platform's staff read what: the access log."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User


class StaffAccess(models.Model):
    """One look by a staff member at a conversation, a file, a search or an export. Written
    once, never changed (a trigger refuses UPDATE, and DELETE before the retention floor)."""

    class Action(models.TextChoices):
        THREAD = "thread", _("Opened a conversation")
        MESSAGE = "message", _("Opened a message")
        FILE = "file", _("Opened a file")
        SEARCH = "search", _("Searched")
        EXPORT = "export", _("Exported")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        User, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(_("what"), max_length=8, choices=Action.choices)
    # The object read: a thread's, a message's or an attachment's id; empty for a search.
    object_id = models.BigIntegerField(_("object"), null=True, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)  # the search terms…
    path = models.CharField(_("page"), max_length=500)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff access")
        verbose_name_plural = _("staff access log")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["action", "object_id", "at"], name="access_object")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.object_id or self.detail} at {self.at}"
