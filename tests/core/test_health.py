"""The probes: liveness touches nothing; readiness checks the database and the shared cache,
and both answer a load balancer's plain-HTTP request to the host's own address."""

from __future__ import annotations

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

from jobbro.core import health

pytestmark = pytest.mark.django_db


def test_live_answers_without_the_database(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    with django_assert_num_queries(0):
        response = Client().get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_checks_the_database_and_the_cache() -> None:
    response = Client().get("/health/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


@override_settings(
    CACHES={
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            # Nothing listens on port 1: the cache is down.
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
)
def test_a_cache_that_is_down_makes_the_process_unready() -> None:
    response = Client().get("/health/ready")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "ok", "cache": "failing"}


def test_a_database_that_is_down_makes_the_process_unready(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def refused() -> bool:
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", refused)
    response = Client().get("/health/ready")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "failing", "cache": "ok"},
    }
    # Liveness does not depend on it: the process is not restarted for the database's sake.
    assert Client().get("/health/live").status_code == 200


@override_settings(
    ALLOWED_HOSTS=["jobbro.example.dk"], SECURE_SSL_REDIRECT=True, JOBBRO_REQUIRE_2FA=True
)
def test_probes_come_by_plain_http_to_the_hosts_address() -> None:
    client = Client(HTTP_HOST="10.0.0.5:8000")
    assert client.get("/health/live").status_code == 200
    assert client.get("/health/ready").status_code == 200
    # Everything else still refuses the unknown host.
    assert client.get("/login/").status_code == 400
