"""The beheer start page: functioneel beheer only."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

OTHERS = ("wijkteam", "regisseur", "politie", "manager", "privacy", "ggz")


def test_beheer_sees_the_start_page_with_counts(demo, client):
    client.login(username="admin", password="demo")
    response = client.get("/functioneel-beheer/")
    assert response.status_code == 200
    assert "Functioneel beheer" in response.text
    assert "Organisaties" in response.text


@pytest.mark.parametrize("username", OTHERS)
def test_other_roles_get_403(demo, client, username):
    client.login(username=username, password="demo")
    assert client.get("/functioneel-beheer/").status_code == 403
