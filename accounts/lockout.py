"""The identifier the log-in throttle (django-axes) counts failures against."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from accounts.models import UserManager


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The e-mail address as log-in compares it (stripped, lower case): "CLAIRE@example.com"
    and " claire@example.com" are one address, counted once, locked out together. Axes asks
    here wherever it looks at a username (AXES_USERNAME_CALLABLE)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    if credentials:
        username = credentials.get(field)
    else:
        username = getattr(request, "data", request.POST).get(field)
    if username is None:
        return None
    return UserManager.normalize_email(str(username))
