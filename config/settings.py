"""Settings for the marketplace helpdesk.

Everything that differs between a laptop and production comes from the environment
(12-factor, through django-environ). The defaults run locally with no configuration;
production (DEBUG=false) refuses to start without a real SECRET_KEY.
"""

from datetime import timedelta
from pathlib import Path

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# Generic Django classes (ModelAdmin[Sanction], QuerySet[Thread]) at run time, for mypy.
django_stubs_ext.monkeypatch()

env = environ.Env()
# An optional .env file next to manage.py; the real environment wins.
env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

# Where `make run` keeps its PostgreSQL cluster, broker folders and beat schedule.
RUN_DIR = Path(env.str("RUN_DIR", default=str(BASE_DIR / ".run")))

_DEV_SECRET_KEY = "insecure-local-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (
    not SECRET_KEY
    or SECRET_KEY == _DEV_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG is off "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# The public host name of the marketplace (links in e-mails, the platform's own links
# that the message scanner allows).
PLATFORM_DOMAIN = env.str("PLATFORM_DOMAIN", default="localhost:8000")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "core.apps.ConsoleAdminConfig",
    "core.apps.CoreConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "axes",
    "accounts",
    "orders",
    "sla",
    "outbox",
    "audit",
    "helpdesk",
    "demo",
]

# make bench: each response says how many queries it ran (X-Query-Count; core.query_count).
BENCH_QUERY_COUNT = env.bool("BENCH_QUERY_COUNT", default=False)

MIDDLEWARE = [
    "core.query_count.QueryCountMiddleware",  # removes itself unless BENCH_QUERY_COUNT
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "orders.middleware.ViewerContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so it sees the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "accounts.context_processors.viewer",
                "helpdesk.context_processors.inbox",
                "sla.context_processors.sanctions",
            ],
        },
    },
]

# PostgreSQL only: the append-only triggers, full-text search and set-wise sweeps rely on it.
# Two roles (README, "Database roles"). The application connects as DATABASE_URL's, a role
# that owns nothing: it cannot switch the append-only triggers off, replace their functions
# or truncate a table. `manage.py migrate` connects as MIGRATION_DATABASE_URL's, the owner of
# every table (the alias "owner"); by default helpdesk_owner on the application's database.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default="postgres://helpdesk_app@127.0.0.1:54329/helpdesk"
    ),
}
DATABASES["owner"] = (
    env.db_url("MIGRATION_DATABASE_URL")
    if "MIGRATION_DATABASE_URL" in env
    else {**DATABASES["default"], "USER": "helpdesk_owner", "PASSWORD": ""}
)
for _alias, _variable in (("default", "DATABASE"), ("owner", "MIGRATION_DATABASE")):
    if DATABASES[_alias]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured(f"{_variable}_URL must point to PostgreSQL (postgres://…).")
    # A password kept out of the environment (docker compose's secrets): the file's content,
    # without its final line break.
    _password_file = env.str(f"{_variable}_PASSWORD_FILE", default="")
    if _password_file:
        try:
            DATABASES[_alias]["PASSWORD"] = Path(_password_file).read_text().rstrip("\n")
        except OSError as error:
            raise ImproperlyConfigured(f"{_variable}_PASSWORD_FILE: {error}") from error
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# No JIT compilation: the pages' queries are short, and JIT cost more than it saved on the
# seller's counts at full size (9 ms of compiling per query; README, "make bench").
DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Sessions in the database; one out of reach is the error page, not a 400 (core/sessions.py).
SESSION_ENGINE = "core.sessions"

REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): after AXES_FAILURE_LIMIT failures for one e-mail address
# from one IP address, that pair is locked out for AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
# Counted as log-in compares it (stripped, lower case), so letter case cannot dodge the lock.
AXES_USERNAME_CALLABLE = "accounts.lockout.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = env.int("AXES_PROXY_COUNT", default=0)
AXES_VERBOSE = False

# Languages: one per market (orders.markets); English is the fallback and the source.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("pl", _("Polish")),
    ("cs", _("Czech")),
    ("sk", _("Slovak")),
    ("hu", _("Hungarian")),
    ("ro", _("Romanian")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Date formats where Django's defaults do not suit these markets (English day-first).
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True

# Stored in UTC; shown in the viewer's market time zone (orders.middleware).
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
# The market used for visitors who have none (anonymous pages, staff).
DEFAULT_MARKET = env.str("DEFAULT_MARKET", default="FR")

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="helpdesk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. Production (DEBUG off) gets the strict defaults that `check --deploy` expects;
# each can still be turned off by the environment (e.g. TLS terminated elsewhere).
SESSION_COOKIE_HTTPONLY = True
# htmx sends the token it reads from the page (hx-headers on <body>); no script reads the
# cookie, so scripts may not.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Every page (core.middleware): our own scripts, styles and images only, none inline.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Celery. The beat schedule lives in config/celery.py. Redis in production and tests;
# the local default is kombu's filesystem transport (no server to run), see README.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="filesystem://")
CELERY_BROKER_FOLDER = RUN_DIR / "broker"
if CELERY_BROKER_URL.startswith("filesystem://"):
    # kombu's transport with atomic writes (config/kombu_filesystem.py says why)
    CELERY_BROKER_TRANSPORT = "config.kombu_filesystem:Transport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_FOLDER / "queue"),
        "data_folder_out": str(CELERY_BROKER_FOLDER / "queue"),
        "processed_folder": str(CELERY_BROKER_FOLDER / "processed"),
        "control_folder": str(CELERY_BROKER_FOLDER / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "UTC"
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE_FILENAME = str(RUN_DIR / "celerybeat-schedule")
# How often beat's heartbeat runs (seconds); `make run`'s test sets it low.
HEARTBEAT_SECONDS = env.int("HEARTBEAT_SECONDS", default=30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # fontTools (PDF transcripts) logs every table it subsets at INFO.
    "loggers": {"axes": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# Response deadlines, statistics and the automatic sanction policy (README, "Seller
# performance"). Rates are judged only on at least SLA_MIN_SAMPLE answered-or-late clocks.
SLA_SWEEP_BATCH = env.int("SLA_SWEEP_BATCH", default=5000)
SLA_MIN_SAMPLE = env.int("SLA_MIN_SAMPLE", default=20)
# The answer-time ladder (sla.sanctions.policy_apply), on the last window_days: with at least
# SLA_MIN_SAMPLE judged answers, a rate below restriction_below restricts, below warning_below
# warns; with fewer, late_restriction_at late answers restrict and late_warning_at warn.
SLA_POLICY = {
    "window_days": env.int("SLA_POLICY_WINDOW_DAYS", default=30),
    "warning_below": env.float("SLA_WARNING_BELOW", default=0.95),
    "restriction_below": env.float("SLA_RESTRICTION_BELOW", default=0.85),
    "restriction_days": env.int("SLA_RESTRICTION_DAYS", default=14),
    "late_warning_at": env.int("SLA_LATE_WARNING_AT", default=5),
    "late_restriction_at": env.int("SLA_LATE_RESTRICTION_AT", default=10),
}
if not 0 < SLA_POLICY["restriction_below"] <= SLA_POLICY["warning_below"] <= 1:
    raise ImproperlyConfigured("Need 0 < SLA_RESTRICTION_BELOW <= SLA_WARNING_BELOW <= 1.")
if not 0 < SLA_POLICY["late_warning_at"] <= SLA_POLICY["late_restriction_at"]:
    raise ImproperlyConfigured("Need 0 < SLA_LATE_WARNING_AT <= SLA_LATE_RESTRICTION_AT.")

# Conversations (helpdesk.rules). A buyer reopens a closed request, and a seller a
# conversation it closed itself, within REOPEN_WINDOW_DAYS. Sellers write unprompted only
# status updates about an order, in its "Order updates" thread: at most per_day a day and
# per_order in all, until days_after_order days after the order was placed.
REOPEN_WINDOW_DAYS = env.int("REOPEN_WINDOW_DAYS", default=30)
# How long the staff access log keeps a row (audit.services.staff_access_purge, nightly). The
# database refuses to delete a row younger than 30 days, whatever this says.
ACCESS_LOG_RETENTION_DAYS = env.int("ACCESS_LOG_RETENTION_DAYS", default=365)
if ACCESS_LOG_RETENTION_DAYS < 30:
    raise ImproperlyConfigured("ACCESS_LOG_RETENTION_DAYS must be at least 30.")
# How fast one person may write (helpdesk.rules.posting_refusal): (seconds, messages) windows,
# over everything the person writes and within one conversation. A seller answering buyer
# after buyer at a person's pace (a saved reply every 15 seconds, for hours) stays below
# them; a script does not.
POSTING_LIMITS = {
    "per_user": [(10, 5), (60, 12), (3600, 300), (86400, 2000)],
    "per_thread": [(60, 5), (3600, 40)],
}
SELLER_UPDATES = {
    "per_day": env.int("SELLER_UPDATES_PER_DAY", default=2),
    "per_order": env.int("SELLER_UPDATES_PER_ORDER", default=6),
    "days_after_order": env.int("SELLER_UPDATES_DAYS", default=60),
}

# Message moderation (README, "Moderation"). What the scanner's findings do, per kind and
# per writer: "hold" (not delivered until an administrator approves it; a held seller reply
# pauses the SLA clock and closes it at its send time on approval), "mask" (delivered with the
# findings hidden from the other side; the original is kept for administrators), "flag"
# (delivered as written, queued for review). A kind left out is ignored.
MODERATION_POLICY = {
    "seller": {
        "email": "hold",
        "phone": "hold",
        "url": "hold",
        "social": "hold",
        "payment": "hold",
        "marketing": "hold",
    },
    "buyer": {
        "email": "mask",
        "phone": "mask",
        "url": "mask",
        "social": "mask",
        "payment": "mask",
        "marketing": "flag",
    },
    # The platform's own messages are delivered, and flagged for a second look when they
    # seem to carry contact or payment details.
    "platform": {
        "email": "flag",
        "phone": "flag",
        "url": "flag",
        "social": "flag",
        "payment": "flag",
        "marketing": "flag",
    },
}
# A held or masked message waits at most this many business hours (of the message's market)
# for a platform administrator's decision: the queue and the daily summary show what is late.
MODERATION_REVIEW_HOURS = env.int("MODERATION_REVIEW_HOURS", default=4)
# Confirmed violations by a seller in the last window_days: each one below the restriction
# threshold is a warning; restriction_at of them restrict selling for restriction_days,
# suspension_at suspend the seller for suspension_days.
MODERATION_STRIKES = {
    "window_days": env.int("MODERATION_STRIKE_WINDOW_DAYS", default=90),
    "restriction_at": env.int("MODERATION_RESTRICTION_AT", default=3),
    "restriction_days": env.int("MODERATION_RESTRICTION_DAYS", default=14),
    "suspension_at": env.int("MODERATION_SUSPENSION_AT", default=5),
    "suspension_days": env.int("MODERATION_SUSPENSION_DAYS", default=30),
}
# Text extracted from an attached PDF for the scanner: at most this many pages and characters.
MODERATION_PDF_PAGES = 20
MODERATION_PDF_CHARS = 50_000
