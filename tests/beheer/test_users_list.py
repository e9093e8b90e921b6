"""The user list (search, filters, pages, bounded queries) and a user's page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisations.models import Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def _list(client, **params):
    return client.get(reverse("beheer:users"), params).content.decode()


def test_beheer_searches_by_name_username_and_email(demo):
    client = demo.client_for("admin")

    assert "Mark de Boer" in _list(client, q="boer")
    assert "Mark de Boer" in _list(client, q="mark de boer")
    assert "Mark de Boer" in _list(client, q="politie@schakel")
    by_name = _list(client, q="Anouk")
    assert "Anouk Visser" in by_name and "Mark de Boer" not in by_name


def test_beheer_filters_by_organisation_and_status(demo):
    client = demo.client_for("admin")
    noord = demo.orgs["Wijkteam Noord"]
    user = demo.users["wijkteam2"]
    user.is_active = False
    user.save()

    in_noord = _list(client, organisatie=noord.pk)
    inactive = _list(client, status="inactief")

    assert "Fatima El Amrani" in in_noord and "Peter Smit" in in_noord
    assert "Mark de Boer" not in in_noord
    assert "Joost van Dijk" in inactive and "Fatima El Amrani" not in inactive


def test_the_list_costs_the_same_few_queries_for_many_users(demo, django_assert_max_num_queries):
    team = demo.orgs["Wijkteam Noord"]
    for _number in range(40):
        member(team, Role.MEDEWERKER)
    client = demo.client_for("admin")
    client.get(reverse("beheer:users"))  # warm the session

    with django_assert_max_num_queries(12):
        response = client.get(reverse("beheer:users"), {"page": 2})

    assert response.status_code == 200
    assert "Pagina 2 van" in response.content.decode()


def test_the_user_page_shows_the_summary_and_memberships(demo, django_assert_max_num_queries):
    user = demo.users["manager"]
    client = demo.client_for("admin")
    client.get(reverse("beheer:index"))

    with django_assert_max_num_queries(10):
        response = client.get(reverse("beheer:user_detail", args=[user.pk]))

    page = response.content.decode()
    for text in ("Peter Smit", "manager@schakel.invalid", "Tweestapsverificatie", "Nee"):
        assert text in page
    assert "Wijkteam Noord" in page and "Manager" in page and "Actief" in page


def test_superusers_are_not_beheers_to_see(demo, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@x.invalid", "x")
    client = demo.client_for("admin")

    assert client.get(reverse("beheer:user_detail", args=[root.pk])).status_code == 404
    assert "root@x.invalid" not in _list(client, q="root")
