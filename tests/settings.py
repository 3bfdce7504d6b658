"""Test settings: the real settings, with test-only speed-ups (STYLE.md: overrides live with
the tests)."""

import os
import re

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

# The tables' owner (the alias "owner") creates, migrates, flushes and drops each test
# database; the application's connection is its mirror: the same database, reached as the
# role that owns nothing, as in production (tests/conftest.py, django_db_setup).
DATABASES["default"]["TEST"] = {"MIRROR": "owner"}  # noqa: F405
DATABASES["owner"]["CONN_MAX_AGE"] = 0  # noqa: F405
# `make test` migrates one database before the tests (scripts/test.sh); each test database is
# created as a copy of it, so its own migrations have nothing left to do. Without it (pytest
# run by hand), each test process migrates its own.
if "TEST_DATABASE_TEMPLATE" in os.environ:
    DATABASES["owner"]["TEST"] = {"TEMPLATE": os.environ["TEST_DATABASE_TEMPLATE"]}  # noqa: F405
# The cluster's superuser, for the tests that do what only it or the owner could (switch
# the append-only triggers off): "postgres", trusted on loopback in the clusters of
# `make test` and `make run`.
DATABASES["superuser"] = (  # noqa: F405
    env.db_url("SUPERUSER_DATABASE_URL")  # noqa: F405
    if "SUPERUSER_DATABASE_URL" in env  # noqa: F405
    else {**DATABASES["owner"], "USER": "postgres", "PASSWORD": ""}  # noqa: F405
)
DATABASES["superuser"]["TEST"] = {"MIRROR": "owner"}  # noqa: F405

# Fixtures post many messages in a row; the posting limits get their own tests, with the
# limits of production (tests/helpdesk/test_pace.py).
POSTING_LIMITS = {"per_user": [(10, 10_000)], "per_thread": [(10, 10_000)]}

# Under pytest-xdist each test process ("gw0", "gw1"…) has its own test database; give it its
# own broker queue too, so a worker started by one process never runs the tasks another
# process queued (against the wrong database).
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _xdist_worker.startswith("gw") and CELERY_BROKER_URL.startswith("redis://"):  # noqa: F405
    CELERY_BROKER_URL = re.sub(
        r"/\d*$",
        f"/{2 + int(_xdist_worker[2:])}",
        CELERY_BROKER_URL,  # noqa: F405
    )
