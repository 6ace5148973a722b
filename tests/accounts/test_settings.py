"""Password rules, security headers and the production settings' deployment check."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.test import Client
from django.utils import translation

from jobbro.accounts.conf import env_flag
from jobbro.organisations.models import User

ROOT = Path(__file__).resolve().parents[2]


def messages_for(password: str, user: User | None = None, language: str = "da") -> str:
    with translation.override(language):
        try:
            validate_password(password, user)
        except ValidationError as error:
            return " ".join(error.messages)
    return ""


class TestPasswordRules:
    def test_at_least_twelve_characters(self) -> None:
        assert "mindst 12 tegn" in messages_for("kort-Ord-9x")
        assert "at least 12 characters" in messages_for("kort-Ord-9x", language="en")
        assert messages_for("lang-og-sikker-7Q") == ""

    def test_common_and_numeric_passwords_are_refused(self) -> None:
        assert "for almindelig" in messages_for("password12345")
        assert "udelukkende numerisk" in messages_for("394857203948")

    def test_a_password_like_the_username_is_refused(self) -> None:
        user = User(username="karen.hansen", first_name="Karen", email="karen@herlev.dk")
        assert "minder for meget om" in messages_for("karen.hansen1", user)


def test_env_flag() -> None:
    assert env_flag({}, "X", default=True) is True
    assert env_flag({"X": "0"}, "X", default=True) is False
    assert env_flag({"X": "yes"}, "X", default=False) is True
    with pytest.raises(ImproperlyConfigured):
        env_flag({"X": "maybe"}, "X", default=False)


@pytest.mark.django_db
def test_security_headers_on_the_login_page() -> None:
    response = Client().get("/login/")
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def _production_env(**extra: str) -> dict[str, str]:
    prefixes = ("DJANGO_", "OIDC_", "JOBBRO_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(prefixes)}
    env.pop("SECRET_KEY", None)
    env.update(
        DJANGO_SETTINGS_MODULE="jobbro.settings.production",
        DATABASE_URL="postgres://jobbro:x@127.0.0.1:5432/jobbro",
        REDIS_URL="redis://127.0.0.1:6379/15",
        PYTHONPATH=str(ROOT / "src"),
        # The CPR encryption keys production also requires (jobbro.privacy).
        JOBBRO_CPR_KEY=Fernet.generate_key().decode(),
        JOBBRO_CPR_HASH_KEY=Fernet.generate_key().decode(),
    )
    env.update(extra)
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_passes_the_deployment_check() -> None:
    env = _production_env(
        SECRET_KEY=secrets.token_urlsafe(60), DJANGO_ALLOWED_HOSTS="jobbro.example.dk"
    )
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_are_strict() -> None:
    env = _production_env(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(60), DJANGO_ALLOWED_HOSTS="jobbro.example.dk"
    )
    code = (
        "from django.conf import settings as s; "
        "print(s.JOBBRO_REQUIRE_2FA, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.X_FRAME_OPTIONS, s.DEBUG)"
    )
    result = _manage("shell", "-v", "0", "-c", code, env=env)
    assert result.stdout.split() == ["True", "True", "True", "True", "31536000", "DENY", "False"]


@pytest.mark.parametrize(
    ("missing", "message"),
    [("SECRET_KEY", "DJANGO_SECRET_KEY"), ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS")],
)
def test_production_fails_clearly_without_a_secret_or_hosts(missing: str, message: str) -> None:
    values = {"SECRET_KEY": secrets.token_urlsafe(60), "DJANGO_ALLOWED_HOSTS": "jobbro.example.dk"}
    del values[missing]
    result = _manage("check", env=_production_env(**values))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(
    ("database_url", "message"),
    [("", "DATABASE_URL"), ("sqlite:////tmp/jobbro.sqlite3", "PostgreSQL only")],
)
def test_production_refuses_to_run_without_postgresql(database_url: str, message: str) -> None:
    env = _production_env(
        SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="jobbro.example.dk",
        DATABASE_URL=database_url,
    )
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and message in result.stderr


@pytest.mark.parametrize("redis_url", ["", "localhost:6379"])
def test_production_refuses_to_run_without_the_shared_cache(redis_url: str) -> None:
    env = _production_env(
        SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="jobbro.example.dk",
        REDIS_URL=redis_url,
    )
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "REDIS_URL" in result.stderr


def test_production_refuses_one_key_for_both_cpr_uses() -> None:
    key = Fernet.generate_key().decode()
    env = _production_env(
        SECRET_KEY=secrets.token_urlsafe(60),
        DJANGO_ALLOWED_HOSTS="jobbro.example.dk",
        JOBBRO_CPR_KEY=key,
        JOBBRO_CPR_HASH_KEY=key,
    )
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "JOBBRO_CPR_KEY and JOBBRO_CPR_HASH_KEY are the same" in result.stderr


def test_production_checks_connections_before_using_them() -> None:
    env = _production_env(
        SECRET_KEY=secrets.token_urlsafe(60), DJANGO_ALLOWED_HOSTS="jobbro.example.dk"
    )
    code = (
        "from django.conf import settings as s; print(s.DATABASES['default']['CONN_HEALTH_CHECKS'])"
    )
    assert _manage("shell", "-v", "0", "-c", code, env=env).stdout.split() == ["True"]


def test_the_demo_and_test_settings_do_not_require_two_factor() -> None:
    assert settings.JOBBRO_REQUIRE_2FA is False
