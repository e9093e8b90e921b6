"""Single sign-on end to end against a real OpenID Connect provider on loopback."""

from __future__ import annotations

import logging
import time

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client

from tests.factories import member, organisation

from .conftest import REQUIRED_GROUP, sso_login

User = get_user_model()

pytestmark = pytest.mark.django_db


@pytest.fixture
def wijkteam():
    return organisation("Wijkteam Noord")


@pytest.fixture
def anna(wijkteam):
    return member(wijkteam, username="anna", email="anna@gemeente.test")


@pytest.fixture
def bram(wijkteam):
    return member(wijkteam, username="bram", email="bram@gemeente.test")


def _logged_in_as(client: Client):
    return client.session.get("_auth_user_id")


def test_known_user_logs_in_and_lands_on_the_start_page(sso, anna):
    client = Client()
    flow = sso_login(client, "anna")
    assert flow.response.status_code == 302
    assert flow.response["Location"] == "/"
    assert _logged_in_as(client) == str(anna.pk)
    assert client.get("/accounts/security/").status_code == 200


def test_user_is_matched_on_username_when_configured(sso, settings, wijkteam):
    settings.OIDC_USERNAME_CLAIM = "preferred_username"
    settings.OIDC_USERNAME_FIELD = "username"
    user = member(wijkteam, username="anna", email="")
    client = Client()
    assert sso_login(client, "anna").response.status_code == 302
    assert _logged_in_as(client) == str(user.pk)


def test_mfa_asserted_by_the_provider_skips_schakels_totp(sso, settings, bram):
    settings.REQUIRE_2FA = True
    client = Client()
    assert sso_login(client, "mfa").response.status_code == 302
    assert client.get("/accounts/security/").status_code == 200


def test_without_mfa_at_the_provider_schakels_totp_applies(sso, settings, anna):
    settings.REQUIRE_2FA = True
    client = Client()
    assert sso_login(client, "anna").response.status_code == 302
    response = client.get("/accounts/security/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/2fa/")


def test_unknown_user_is_refused_and_nothing_is_created(sso, anna, caplog):
    users_before = User.objects.count()
    client = Client()
    with caplog.at_level(logging.WARNING, logger="schakel.sso"):
        response = sso_login(client, "onbekend").response
    assert response.status_code == 403
    assert "geen account" in response.content.decode()
    assert User.objects.count() == users_before
    assert _logged_in_as(client) is None
    assert any("unknown_user" in r.getMessage() for r in caplog.records)


def test_inactive_user_is_refused(sso, wijkteam, caplog):
    member(wijkteam, username="oud", email="oud@gemeente.test", is_active=False)
    client = Client()
    with caplog.at_level(logging.WARNING, logger="schakel.sso"):
        response = sso_login(client, "oud").response
    assert response.status_code == 403
    assert "uitgeschakeld" in response.content.decode()
    assert _logged_in_as(client) is None
    assert any("inactive_user" in r.getMessage() for r in caplog.records)


def test_user_outside_the_required_group_is_refused(sso, settings, wijkteam, caplog):
    settings.OIDC_REQUIRED_GROUP = REQUIRED_GROUP
    member(wijkteam, username="buiten", email="buiten@gemeente.test")
    client = Client()
    with caplog.at_level(logging.WARNING, logger="schakel.sso"):
        response = sso_login(client, "buiten").response
    assert response.status_code == 403
    assert "groep" in response.content.decode()
    assert _logged_in_as(client) is None
    assert any("(group)" in r.getMessage() for r in caplog.records)


def test_member_of_the_required_group_gets_in(sso, settings, anna):
    settings.OIDC_REQUIRED_GROUP = REQUIRED_GROUP
    client = Client()
    assert sso_login(client, "anna").response.status_code == 302
    assert _logged_in_as(client) == str(anna.pk)


def test_token_for_another_application_is_refused(sso, anna, caplog):
    client = Client()
    with caplog.at_level(logging.WARNING, logger="schakel.sso"):
        response = sso_login(client, "andere-app").response
    assert response.status_code == 403
    assert "niet voor Schakel bedoeld" in response.content.decode()
    assert _logged_in_as(client) is None
    assert any("(audience)" in r.getMessage() for r in caplog.records)


def test_replayed_callback_is_refused(sso, anna, caplog):
    client = Client()
    flow = sso_login(client, "anna")
    assert flow.response.status_code == 302
    attacker = Client()
    with caplog.at_level(logging.WARNING, logger="schakel.sso"):
        replay_elsewhere = attacker.get(flow.callback_path)
        replay_same = client.get(flow.callback_path)
    for response in (replay_elsewhere, replay_same):
        assert response.status_code == 400
        assert "verlopen of al gebruikt" in response.content.decode()
    assert _logged_in_as(attacker) is None
    assert sum("(state)" in r.getMessage() for r in caplog.records) == 2


def test_expired_state_is_refused(sso, settings, anna, monkeypatch):
    settings.OIDC_STATE_MAX_AGE = 60
    client = Client()
    real_get = client.get

    def late_get(path, *args, **kwargs):
        # The user comes back from the provider two minutes after starting.
        if path.startswith("/oidc/callback/"):
            with time_machine.travel(time.time() + 120):
                return real_get(path, *args, **kwargs)
        return real_get(path, *args, **kwargs)

    monkeypatch.setattr(client, "get", late_get)
    response = sso_login(client, "anna").response
    assert response.status_code == 400
    assert "verlopen of al gebruikt" in response.content.decode()
    assert _logged_in_as(client) is None


def test_provider_error_is_shown_in_dutch(sso, anna):
    client = Client()
    client.get("/oidc/authenticate/")
    state = next(iter(client.session["oidc_states"]))
    response = client.get(f"/oidc/callback/?error=access_denied&state={state}")
    assert response.status_code == 400
    assert "afgebroken" in response.content.decode()
    assert state not in client.session.get("oidc_states", {})


def test_with_local_login_disabled_sso_still_works(sso, settings, anna):
    settings.LOCAL_LOGIN_ENABLED = False
    client = Client()
    page = client.get("/accounts/login/").content.decode()
    assert "Inloggen met Testgemeente" in page
    assert 'name="password"' not in page
    refused = client.post("/accounts/login/", {"username": "anna", "password": "demo"})
    assert refused.status_code == 403
    assert _logged_in_as(client) is None
    assert sso_login(client, "anna").response.status_code == 302
    assert _logged_in_as(client) == str(anna.pk)
