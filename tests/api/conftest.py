from __future__ import annotations

import pytest
from django.test import Client

from api.tokens import token_create

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
