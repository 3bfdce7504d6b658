"""Production settings refuse to start unsafe and pass Django's deployment checklist."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="helpdesk.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


@pytest.mark.parametrize(
    "secret",
    [None, "", "short", "insecure-local-development-key-never-use-in-production", "a" * 60],
)
def test_production_refuses_to_start_without_a_real_secret(secret, monkeypatch):
    # The settings module read afresh in this process (a `manage.py` process per case costs
    # a second each; the process-level start-up is covered by the check --deploy test).
    monkeypatch.setenv("DEBUG", "false")
    monkeypatch.setenv("ALLOWED_HOSTS", "helpdesk.example.com")
    monkeypatch.setenv("SECRET_KEY", secret or "")
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY must be set"):
        runpy.run_path(str(ROOT / "config" / "settings.py"))


def test_a_wrong_sanction_policy_fails_at_start_up(monkeypatch):
    monkeypatch.setenv("SLA_WARNING_BELOW", "0.80")  # below the restriction threshold
    with pytest.raises(ImproperlyConfigured, match="SLA_RESTRICTION_BELOW"):
        runpy.run_path(str(ROOT / "config" / "settings.py"))


def test_only_postgresql_is_accepted():
    result = manage("check", DATABASE_URL="sqlite:///tmp/x.db")
    assert result.returncode != 0
    assert "DATABASE_URL must point to PostgreSQL" in result.stderr


def test_local_defaults_need_no_configuration():
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "MIGRATION_DATABASE_URL",
            "CELERY_BROKER_URL",
            "REDIS_URL",
            "SECRET_KEY",
        }
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']="
            "'config.settings'; django.setup(); from django.conf import settings as s; "
            "d = s.DATABASES; print(s.DEBUG, d['default']['NAME'], d['default']['USER'],"
            " d['owner']['NAME'], d['owner']['USER'], s.CELERY_BROKER_URL)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.split() == [
        "True",
        "helpdesk",
        "helpdesk_app",
        "helpdesk",
        "helpdesk_owner",
        "filesystem://",
    ]


def test_migrations_connect_as_the_owner_of_the_applications_database(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://app:secret@db.example.com:6432/shop")
    monkeypatch.delenv("MIGRATION_DATABASE_URL", raising=False)
    databases = runpy.run_path(str(ROOT / "config" / "settings.py"))["DATABASES"]
    owner = {key: databases["owner"][key] for key in ("HOST", "PORT", "NAME", "USER", "PASSWORD")}
    assert owner == {
        "HOST": "db.example.com",
        "PORT": 6432,
        "NAME": "shop",
        "USER": "helpdesk_owner",
        "PASSWORD": "",  # never the application's
    }
    monkeypatch.setenv("MIGRATION_DATABASE_URL", "postgres://own:other@db.example.com/shop")
    databases = runpy.run_path(str(ROOT / "config" / "settings.py"))["DATABASES"]
    assert (databases["owner"]["USER"], databases["owner"]["PASSWORD"]) == ("own", "other")


def test_database_passwords_can_come_from_files(monkeypatch, tmp_path):
    """docker compose's secrets: each role's password in a file of its own."""
    (tmp_path / "app").write_text("app-password\n")
    (tmp_path / "owner").write_text("owner password")
    monkeypatch.setenv("DATABASE_URL", "postgres://helpdesk_app@postgres/helpdesk")
    monkeypatch.setenv("DATABASE_PASSWORD_FILE", str(tmp_path / "app"))
    monkeypatch.setenv("MIGRATION_DATABASE_URL", "postgres://helpdesk_owner@postgres/helpdesk")
    monkeypatch.setenv("MIGRATION_DATABASE_PASSWORD_FILE", str(tmp_path / "owner"))
    databases = runpy.run_path(str(ROOT / "config" / "settings.py"))["DATABASES"]
    assert databases["default"]["PASSWORD"] == "app-password"
    assert databases["owner"]["PASSWORD"] == "owner password"
    monkeypatch.setenv("MIGRATION_DATABASE_PASSWORD_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="MIGRATION_DATABASE_PASSWORD_FILE"):
        runpy.run_path(str(ROOT / "config" / "settings.py"))


def test_migrations_need_postgresql_too(monkeypatch):
    monkeypatch.setenv("MIGRATION_DATABASE_URL", "sqlite:////tmp/x.db")
    with pytest.raises(ImproperlyConfigured, match="MIGRATION_DATABASE_URL must point"):
        runpy.run_path(str(ROOT / "config" / "settings.py"))
