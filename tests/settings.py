"""Test settings: the real settings, with test-only speed-ups (STYLE.md: overrides live with
the tests)."""

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Pages are rendered as they are in production.
DEBUG = False
# Serve static files from the app folders (no collectstatic in tests), as in development.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Live-server request threads must not keep connections, or the test database cannot be
# dropped at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
