"""An unknown path under /api/ answers like the API, not like the site."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/cases/true/triage/", "/api/v1/bestaat-niet/", "/api/x"])
def test_unknown_api_paths_are_problem_json_404(api, path):
    response = api("politie").get(path)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["status"] == 404


def test_without_a_token_an_unknown_api_path_is_401(client):
    response = client.get("/api/v1/bestaat-niet/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
