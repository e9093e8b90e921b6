"""The API with access tokens of the identity provider (RFC 9068 JWT access tokens),
issued by a real OpenID Connect provider on loopback: signed, with real audiences."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from cases.models import Case
from tests.factories import member

from .conftest import OTHER_API_RESOURCE, api_access_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_sso(sso, settings):
    settings.OIDC_API_AUDIENCE = "urn:schakel:api"
    settings.REQUIRE_2FA = True
    return sso


@pytest.fixture
def bram(demo):
    """bram@gemeente.test (the provider's "mfa" account) works for the demo's Politie."""
    return member(demo.orgs["Politie"], username="bram", email="bram@gemeente.test")


def _api(token: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {token}"})


def test_a_provider_access_token_acts_as_the_matched_user(api_sso, demo, bram):
    token = api_access_token(api_sso, "mfa")["access_token"]
    response = _api(token).get("/api/v1/cases/")
    assert response.status_code == 200, response.content
    references = {case["reference"] for case in response.json()["results"]}
    # The user's own rights: Politie takes part in DEMO-ZVH; nothing of another region.
    assert "DEMO-ZVH" in references
    assert "DEMO-OOST" not in references


def test_without_a_second_factor_at_the_provider_the_token_is_refused(api_sso, demo):
    member(demo.orgs["Politie"], username="anna", email="anna@gemeente.test")
    token = api_access_token(api_sso, "anna")["access_token"]
    response = _api(token).get("/api/v1/cases/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/problem+json")
    assert "tweestapsverificatie" in response.json()["detail"]


def test_a_token_for_another_api_is_refused_and_logged(api_sso, demo, bram, caplog):
    token = api_access_token(api_sso, "mfa", resource=OTHER_API_RESOURCE)["access_token"]
    with caplog.at_level(logging.WARNING, logger="schakel.sso"):
        response = _api(token).get("/api/v1/cases/")
    assert response.status_code == 401
    assert response.json()["detail"] == "Deze token is niet voor de API van Schakel bedoeld."
    assert "audience" in caplog.text


def test_an_id_token_is_not_an_access_token(api_sso, demo, bram):
    id_token = api_access_token(api_sso, "mfa")["id_token"]
    assert _api(id_token).get("/api/v1/cases/").status_code == 401


def test_a_tampered_token_is_refused(api_sso, demo, bram):
    token = api_access_token(api_sso, "mfa")["access_token"]
    header, payload, signature = token.split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"
    assert _api(forged).get("/api/v1/cases/").status_code == 401


def test_unknown_and_deactivated_users_get_nothing(api_sso, demo, bram):
    unknown = api_access_token(api_sso, "onbekend")["access_token"]
    response = _api(unknown).get("/api/v1/cases/")
    assert response.status_code == 401
    assert "geen account" in response.json()["detail"]
    token = api_access_token(api_sso, "mfa")["access_token"]
    bram.is_active = False
    bram.save(update_fields=["is_active"])
    response = _api(token).get("/api/v1/cases/")
    assert response.status_code == 401
    assert "uitgeschakeld" in response.json()["detail"]


def test_without_an_api_audience_provider_tokens_open_nothing(sso, settings, demo, bram):
    settings.OIDC_API_AUDIENCE = ""
    token = api_access_token(sso, "mfa")["access_token"]
    assert _api(token).get("/api/v1/cases/").status_code == 401


def test_a_hidden_case_is_404_with_a_provider_token(api_sso, demo, bram):
    hidden = Case.objects.get(reference="DEMO-OOST")
    token = api_access_token(api_sso, "mfa")["access_token"]
    assert _api(token).get(f"/api/v1/cases/{hidden.pk}/").status_code == 404
