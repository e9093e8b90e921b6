"""`/healthz`: database and broker status as JSON; 200 when healthy, 503 otherwise."""

from __future__ import annotations

import os

from django.db import OperationalError
from django.test import Client

import config.health


def test_healthz_is_200_with_database_and_broker_ok(db):
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == "ok"


def test_healthz_reports_the_broker_in_use(db):
    transport = Client().get("/healthz").json()["broker_transport"]

    # Tests run on the in-process memory broker unless a real Redis is configured.
    assert transport == ("redis" if os.environ.get("REDIS_URL") else "memory")


def test_healthz_checks_a_real_redis_broker(db, redis_url, settings):
    from config.celery import app

    assert app.conf.broker_url.startswith("redis")
    assert Client().get("/healthz").json()["broker"] == "ok"


def test_healthz_needs_no_login_and_is_never_cached(db):
    response = Client().get("/healthz")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


class _BrokenConnection:
    def cursor(self):
        raise OperationalError("connection refused")


def test_healthz_is_503_when_the_database_is_down(db, monkeypatch):
    monkeypatch.setattr(config.health, "connection", _BrokenConnection())

    response = Client().get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["database"] == "error"
    assert body["broker"] == "ok"


def test_healthz_is_503_when_the_broker_is_down(db, monkeypatch):
    from config.celery import app

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(app, "connection_for_write", refuse)

    response = Client().get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"] == "error"
    assert response.json()["database"] == "ok"


def test_healthz_answers_plain_http_when_https_is_enforced(db, settings):
    # Load balancers and the compose health check probe over plain HTTP inside the
    # network; a redirect to https would mark a healthy container as down.
    settings.SECURE_SSL_REDIRECT = True

    response = Client().get("/healthz")

    assert response.status_code == 200
    assert Client().get("/cases/").status_code == 301
