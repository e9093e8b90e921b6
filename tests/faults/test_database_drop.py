"""PostgreSQL connection lost: requests during the outage get the Dutch 503 page (not a
500), and the app recovers by itself once the database answers again."""

from __future__ import annotations

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.test import Client

from .conftest import free_port

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _fresh_connection_after():
    yield
    connection.close()


def _get(client: Client, path: str = "/cases/"):
    # The test client skips the request_started handler that checks kept connections
    # (close_old_connections); the WSGI handler runs it before every request.
    close_old_connections()
    return client.get(path)


def _client(demo, username: str = "wijkteam") -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(demo.users[username])
    return client


def _terminate(pid: int) -> None:
    params = connection.get_connection_params()
    dsn = {k: v for k, v in params.items() if k in ("host", "port", "user", "password")}
    with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **dsn) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])


def test_requests_while_the_database_is_unreachable_get_the_503_page(
    postgres_only, demo, monkeypatch
):
    client = _client(demo)
    connection.close()
    # A second address with nothing listening stands in for the stopped server; the
    # machine's shared PostgreSQL keeps running for everyone else.
    monkeypatch.setitem(connection.settings_dict, "PORT", str(free_port()))

    response = _get(client)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Schakel is tijdelijk niet beschikbaar" in body
    assert "Traceback" not in body and "OperationalError" not in body

    monkeypatch.undo()
    connection.close()
    assert _get(client).status_code == 200


def test_a_kept_connection_killed_by_the_server_is_replaced_by_the_next_request(
    postgres_only, demo, monkeypatch
):
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True
    client = _client(demo)
    connection.close()
    assert _get(client).status_code == 200
    killed = connection.connection.info.backend_pid

    _terminate(killed)
    response = _get(client)

    assert response.status_code == 200
    assert connection.connection.info.backend_pid != killed
    assert "DEMO-ZVH" in response.content.decode()


def test_a_connection_killed_mid_request_gives_the_503_page_and_the_next_one_works(
    postgres_only, demo, monkeypatch
):
    monkeypatch.setitem(connection.settings_dict, "CONN_MAX_AGE", 600)
    client = _client(demo)
    connection.close()
    _get(client)
    # Killed after the request's health check passed: this request cannot be saved.
    monkeypatch.setattr(
        "django.db.backends.base.base.BaseDatabaseWrapper.close_if_health_check_failed",
        lambda self: None,
    )
    _terminate(connection.connection.info.backend_pid)

    assert _get(client).status_code == 503

    monkeypatch.undo()
    assert _get(client).status_code == 200
