"""The login page with and without single sign-on, and with local login switched off.

These need no identity provider: they check what Schakel shows and refuses by itself.
"""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sso_configured(settings):
    settings.OIDC_RP_CLIENT_ID = "schakel"
    settings.OIDC_OP_ISSUER = "http://127.0.0.1:9"
    settings.OIDC_PROVIDER_NAME = "Testgemeente"


def test_login_page_has_no_sso_button_without_configuration():
    page = Client().get("/accounts/login/").content.decode()
    assert "Inloggen met" not in page
    assert 'name="password"' in page


def test_sso_start_is_not_found_without_configuration():
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert Client().get("/oidc/callback/?code=x&state=y").status_code == 404


def test_login_page_offers_sso_when_configured(sso_configured):
    page = Client().get("/accounts/login/?next=/privacy/").content.decode()
    assert "Inloggen met Testgemeente" in page
    assert "/oidc/authenticate/?next=/privacy/" in page
    assert 'name="password"' in page


def test_local_login_works_while_enabled():
    UserFactory(username="anna")
    response = Client().post("/accounts/login/", {"username": "anna", "password": "demo"})
    assert response.status_code == 302


def test_local_login_disabled_refuses_the_form_in_dutch(settings, sso_configured, caplog):
    settings.LOCAL_LOGIN_ENABLED = False
    UserFactory(username="anna")
    client = Client()
    page = client.get("/accounts/login/").content.decode()
    assert 'name="password"' not in page
    assert "uitgeschakeld" in page
    assert "Inloggen met Testgemeente" in page
    with caplog.at_level(logging.WARNING, logger="schakel.sso"):
        response = client.post("/accounts/login/", {"username": "anna", "password": "demo"})
    assert response.status_code == 403
    assert "uitgeschakeld" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert any("LOCAL_LOGIN_ENABLED" in r.getMessage() for r in caplog.records)


def test_local_login_disabled_also_closes_the_admin_login(settings):
    settings.LOCAL_LOGIN_ENABLED = False
    UserFactory(username="beheer", is_staff=True, is_superuser=True)
    client = Client()
    client.post("/beheer/login/", {"username": "beheer", "password": "demo"})
    assert "_auth_user_id" not in client.session


def test_callback_without_a_started_login_is_refused_in_dutch(sso_configured, caplog):
    with caplog.at_level(logging.WARNING, logger="schakel.sso"):
        response = Client().get("/oidc/callback/?code=abc&state=onbekend")
    assert response.status_code == 400
    assert "verlopen of al gebruikt" in response.content.decode()
    assert any("(state)" in r.getMessage() for r in caplog.records)


def test_unreachable_provider_gives_a_dutch_page(sso_configured, caplog):
    with caplog.at_level(logging.WARNING, logger="schakel.sso"):
        response = Client().get("/oidc/authenticate/")
    assert response.status_code == 503
    assert "niet bereikbaar" in response.content.decode()
