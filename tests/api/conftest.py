from __future__ import annotations

import json

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client

from api.tokens import token_create
from escalation.models import Action

ROLES = ("wijkteam", "wijkteam2", "regisseur", "politie", "ggz", "manager", "privacy", "admin")


@pytest.fixture
def tokens(demo) -> dict[str, str]:
    """A personal API token (the secret) for every demo user."""
    return {
        role: token_create(user=demo.users[role], name="test", days=30, verified=True)[1]
        for role in ROLES
    }


@pytest.fixture
def api(tokens):
    """`api(role)`: a client that sends that role's token."""

    def client(role: str) -> Client:
        return Client(headers={"Authorization": f"Bearer {tokens[role]}"})

    return client


def assert_problem(response, status: int) -> dict:
    """The response is problem+json (RFC 9457) with this status; returns its body."""
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == status
    assert body["detail"]
    return body


def post_json(client, url, body):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def police_action(demo, api) -> Action:
    """An action for the police in DEMO-ZVH's plan, added by the regisseur via the API."""
    case = demo.cases["DEMO-ZVH"]
    client = api("regisseur")
    plan = post_json(
        client, f"/api/v1/cases/{case.pk}/plan/", {"expected_phase": "zvh", "goals": "Rust."}
    )
    assert plan.status_code == 200, plan.content
    body = {
        "expected_phase": "zvh",
        "description": "Huisbezoek met wijkagent",
        "owner_organisation": demo.orgs["Politie"].pk,
        "deadline": "2030-01-31",
    }
    added = post_json(client, f"/api/v1/cases/{case.pk}/action_add/", body)
    assert added.status_code == 200, added.content
    return Action.objects.get(case=case, description="Huisbezoek met wijkagent")


@pytest.fixture
def wsgi_in_test_transaction():
    """The WSGI handler closes "old" connections at every request; inside the test's
    transaction that would close the very connection holding the demo data (PostgreSQL:
    "the connection is closed"). Django's own test client unhooks the same handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
