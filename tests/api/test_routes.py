"""URL × role: every API route, for every demo role and anonymous callers.

A case the role may not open answers 404 on every route; anonymous calls answer 401.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver

from api.steps import STEP_VIEWS
from privacy.access import visible_cases

from .conftest import ROLES, post_json

pytestmark = pytest.mark.django_db

CASE = "DEMO-ZVH"
TRIAGE_ROLES = {"wijkteam", "wijkteam2", "regisseur"}
ACTION_OWNERS = {"politie", "regisseur"}


def _api_route_names() -> set[str]:
    resolver = get_resolver().namespace_dict["api"][1]
    return {name for name in resolver.reverse_dict if isinstance(name, str)}


def _expected(route: str, role: str, visible: bool) -> set[int]:
    if route in {"tokens", "token_revoke", "schema", "docs"}:
        return set()  # pages and documentation: tested elsewhere
    if route == "not_found":
        return {404}
    if route in {"cases", "notifications"}:
        return {200}
    if route == "notification_read":
        return {404}
    if route == "triage_evaluate":
        return {200} if role in TRIAGE_ROLES else {403}
    if not visible:
        return {404}
    if route == "action_status":
        return {200} if role in ACTION_OWNERS else {409}
    if route == "notes_post":
        return {201} if role in {"wijkteam", "regisseur", "politie", "ggz"} else {403}
    if route.startswith("step_"):
        # Nothing valid is sent: the guard refuses (409) or the form does (400).
        return {400, 409}
    return {200}


def _calls(demo, action) -> dict[str, tuple[str, str, dict | None]]:
    pk = demo.cases[CASE].pk
    calls = {
        "cases": ("get", "/api/v1/cases/", None),
        "case": ("get", f"/api/v1/cases/{pk}/", None),
        "persons": ("get", f"/api/v1/cases/{pk}/persons/", None),
        "notes": ("get", f"/api/v1/cases/{pk}/notes/", None),
        "notes_post": ("post", f"/api/v1/cases/{pk}/notes/", {"category": "basis", "text": "x"}),
        "triage": ("get", f"/api/v1/cases/{pk}/triage/", None),
        "actions": ("get", f"/api/v1/cases/{pk}/actions/", None),
        "action_status": ("post", f"/api/v1/actions/{action.pk}/status/", {"status": "open"}),
        "notifications": ("get", "/api/v1/notifications/", None),
        "notification_read": ("post", "/api/v1/notifications/999999/read/", None),
        "triage_evaluate": ("post", "/api/v1/triage/evaluate/", {"domains": {}}),
        "not_found": ("get", "/api/v1/bestaat-niet/", None),
    }
    for name in STEP_VIEWS:
        calls[f"step_{name}"] = ("post", f"/api/v1/cases/{pk}/{name}/", {"expected_phase": "zvh"})
    return calls


def test_every_api_route_is_in_the_matrix(demo, police_action):
    covered = set(_calls(demo, police_action)) | {"tokens", "token_revoke", "schema", "docs"}
    assert _api_route_names() <= covered | {"notes"}


@pytest.mark.parametrize("role", ROLES)
def test_route_access_per_role(demo, api, police_action, role):
    visible = visible_cases(demo.users[role]).filter(reference=CASE).exists()
    client = api(role)
    for route, (method, url, body) in _calls(demo, police_action).items():
        response = client.get(url) if method == "get" else post_json(client, url, body or {})
        expected = _expected(route, role, visible)
        assert response.status_code in expected, (role, route, response.status_code)
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/problem+json")


def test_anonymous_gets_401_everywhere_but_the_docs(demo, police_action):
    client = Client()
    for route, (method, url, body) in _calls(demo, police_action).items():
        response = client.get(url) if method == "get" else post_json(client, url, body or {})
        assert response.status_code == 401, route
    assert client.get("/api/v1/schema/").status_code == 200
    assert client.get("/api/v1/docs/").status_code == 200


def test_docs_page_loads_no_cdn_and_no_inline_script(db):
    html = Client().get("/api/v1/docs/").content.decode()
    assert "cdn" not in html.lower() and "<style" not in html
    assert "<script>" not in html
    script = Client().get("/api/v1/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
