"""Every URL of beheer/urls_organisations.py × every demo role: functioneel beheer only;
the beheer trail also for the privacy officer. A new URL there must be added here."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from beheer import urls_organisations
from organisations.models import Municipality, Region, Role
from organisations.services import membership_set

pytestmark = pytest.mark.django_db

ROLES = (
    "wijkteam",
    "wijkteam2",
    "regisseur",
    "politie",
    "ggz",
    "manager",
    "privacy",
    "admin",
    "gemeente",
    "regisseur-oost",
    "wijkteam-oost",
)
TRAIL_READERS = {"admin", "privacy"}

# url name → which object its pk is (None: no pk)
URLS = {
    "region_list": None,
    "region_create": None,
    "region_detail": "region",
    "region_edit": "region",
    "municipality_create": None,
    "municipality_edit": "municipality",
    "organisation_list": None,
    "organisation_create": None,
    "organisation_detail": "organisation",
    "organisation_edit": "organisation",
    "organisation_deactivate": "organisation",
    "organisation_reactivate": "inactive_organisation",
    "trail": None,
}


def test_every_url_of_the_module_is_in_the_matrix():
    assert {p.name for p in urls_organisations.urlpatterns} == set(URLS)


def _client(demo, username: str) -> Client:
    if username == "gemeente":
        user = get_user_model().objects.create_user(username="gemeente-test", password="x")
        membership_set(user=user, organisation=demo.orgs["Gemeente"], role=Role.MEDEWERKER)
        client = Client()
        client.force_login(user)
        return client
    return demo.client_for(username)


def _url(demo, name: str) -> str:
    kind = URLS[name]
    if kind is None:
        return reverse(f"beheer:{name}")
    target = {
        "region": lambda: Region.objects.get(name="Regio Oost"),
        "municipality": lambda: Municipality.objects.get(name="Oosterveld"),
        "organisation": lambda: demo.orgs["Reclassering"],
        "inactive_organisation": lambda: _inactive(demo.orgs["Veilig Thuis"]),
    }[kind]()
    return reverse(f"beheer:{name}", args=[target.pk])


def _inactive(organisation):
    organisation.active = False
    organisation.save(update_fields=["active"])
    return organisation


def _expected(username: str, name: str) -> int:
    if username == "admin" or (name == "trail" and username in TRAIL_READERS):
        return 200
    return 403


@pytest.mark.parametrize("username", ROLES)
def test_each_url_answers_as_the_role_allows(demo, username):
    client = _client(demo, username)
    wrong = []
    for name in sorted(URLS):
        url = _url(demo, name)
        expected = _expected(username, name)
        got = client.get(url).status_code
        if got != expected:
            wrong.append(f"GET {name}: {got}, expected {expected}")
        if expected == 403:
            # A refused POST changes nothing either: it never reaches a service.
            posted = client.post(url, {"name": "X", "opslaan": "1"}).status_code
            if posted != 403:
                wrong.append(f"POST {name}: {posted}, expected 403")
    assert wrong == []


def test_anonymous_is_sent_to_login(demo, client):
    for name in URLS:
        response = client.get(_url(demo, name))
        assert response.status_code == 302, name
        assert response["Location"].startswith("/accounts/login/"), name
