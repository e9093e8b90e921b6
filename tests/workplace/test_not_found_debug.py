"""A calm 404 page of our own, also with DEBUG on (the `make run` demo)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

CALM = "Deze casus bestaat niet of u heeft er geen toegang toe."


@pytest.mark.parametrize("debug", [True, False])
def test_hidden_case_shows_our_page(demo, settings, debug):
    settings.DEBUG = debug
    response = demo.client_for("wijkteam2").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")

    body = response.content.decode()
    assert response.status_code == 404
    assert CALM in body
    assert "DEBUG = True" not in body and "URLconf" not in body


def test_unknown_case_and_unknown_url_show_our_page_with_debug_on(demo, settings):
    settings.DEBUG = True
    client = demo.client_for("wijkteam")

    unknown_case = client.get("/cases/999999/")
    unknown_url = client.get("/bestaat/niet/")

    assert unknown_case.status_code == 404 and CALM in unknown_case.content.decode()
    assert unknown_url.status_code == 404
    assert "Pagina niet gevonden" in unknown_url.content.decode()
    assert "URLconf" not in unknown_url.content.decode()


def test_the_api_keeps_its_own_404_with_debug_on(demo, settings):
    settings.DEBUG = True

    response = demo.client_for("wijkteam").get("/api/v1/bestaat-niet/")

    assert response.status_code == 404
    assert "Pagina niet gevonden" not in response.content.decode()


def test_pages_link_a_favicon(demo):
    body = demo.client_for("wijkteam").get("/cases/").content.decode()

    assert 'rel="icon"' in body and "favicon.svg" in body
