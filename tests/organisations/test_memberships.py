"""A person with more than one membership acts in one at a time (issue 13)."""

from __future__ import annotations

import pytest

from organisations.backends import MembershipBackend
from organisations.models import Membership, Role
from organisations.roles import SESSION_KEY, actor_of
from organisations.services import membership_add, membership_end
from privacy.models import AccessLog
from tests.factories import UserFactory


@pytest.fixture
def two_hats(demo):
    """A wijkteam worker of Noord who is also a procesregisseur of the ZVH."""
    user = UserFactory(username="twee-petten")
    noord = membership_add(
        user=user, organisation=demo.orgs["Wijkteam Noord"], role=Role.MEDEWERKER
    )
    zvh = membership_add(
        user=user, organisation=demo.orgs["Zorg- en Veiligheidshuis"], role=Role.PROCESREGISSEUR
    )
    return user, noord, zvh


def _client(client, user, membership=None):
    client.force_login(user)
    if membership is not None:
        session = client.session
        session[SESSION_KEY] = membership.pk
        session.save()
    return client


def test_a_person_with_two_memberships_chooses_after_login(client, two_hats):
    user, noord, _zvh = two_hats
    client = _client(client, user)

    response = client.get("/cases/")
    assert response.status_code == 302
    assert response["Location"].startswith("/organisations/choose/?next=")
    page = client.get(response["Location"])
    assert "Wijkteam Noord (Medewerker)" in page.content.decode()

    chosen = client.post("/organisations/choose/", {"membership": noord.pk, "next": "/cases/"})
    assert chosen.status_code == 302 and chosen["Location"] == "/cases/"
    assert client.get("/cases/").status_code == 200


def test_a_person_with_one_membership_is_not_asked_to_choose(demo):
    assert demo.client_for("wijkteam").get("/cases/").status_code == 200


def test_switching_shows_exactly_the_active_memberships_cases(client, demo, two_hats):
    user, noord, zvh = two_hats
    stagnatie = demo.cases["DEMO-STAGNATIE"]  # Noord's, never escalated
    acuut = demo.cases["DEMO-ACUUT"]  # aangemeld: the ZVH screens it
    client = _client(client, user, noord)
    assert client.get(f"/cases/{stagnatie.pk}/").status_code == 200

    response = client.post("/organisations/switch/", {"membership": zvh.pk})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == zvh.pk
    assert client.get(f"/cases/{stagnatie.pk}/").status_code == 404
    assert client.get(f"/cases/{acuut.pk}/").status_code == 200
    listing = client.get("/cases/").content.decode()
    assert "DEMO-STAGNATIE" not in listing


def test_the_access_log_records_the_active_organisation_and_role(client, demo, two_hats):
    user, noord, zvh = two_hats
    case = demo.cases["DEMO-ZVH"]
    client = _client(client, user, noord)
    client.get(f"/cases/{case.pk}/")
    row = AccessLog.objects.filter(user=user).latest("pk")
    assert (row.organisation, row.role) == (demo.orgs["Wijkteam Noord"], Role.MEDEWERKER)

    client.post("/organisations/switch/", {"membership": zvh.pk})
    client.get(f"/cases/{case.pk}/")
    row = AccessLog.objects.filter(user=user).latest("pk")
    assert (row.organisation, row.role) == (
        demo.orgs["Zorg- en Veiligheidshuis"],
        Role.PROCESREGISSEUR,
    )


def test_the_header_offers_the_other_membership(client, two_hats):
    user, noord, zvh = two_hats
    body = _client(client, user, noord).get("/cases/").content.decode()
    assert 'action="/organisations/switch/"' in body
    assert f'<option value="{zvh.pk}">Zorg- en Veiligheidshuis (Procesregisseur)</option>' in body


def test_nobody_can_switch_to_someone_elses_membership(client, demo, two_hats):
    user, noord, _zvh = two_hats
    others = Membership.objects.get(user=demo.users["privacy"])
    client = _client(client, user, noord)
    response = client.post("/organisations/switch/", {"membership": others.pk})
    assert response.status_code == 400
    assert client.session[SESSION_KEY] == noord.pk


def test_switching_needs_a_login_and_a_post(client, two_hats):
    _user, noord, _zvh = two_hats
    assert client.post("/organisations/switch/", {"membership": noord.pk}).status_code == 302
    assert SESSION_KEY not in client.session
    client.force_login(two_hats[0])
    assert client.get("/organisations/switch/").status_code == 405


def test_ending_the_only_membership_revokes_access_at_once(client, demo):
    case = demo.cases["DEMO-STAGNATIE"]
    client = demo.client_for("wijkteam")
    assert client.get(f"/cases/{case.pk}/").status_code == 200

    membership_end(membership=Membership.objects.get(user=demo.users["wijkteam"]))

    assert client.get(f"/cases/{case.pk}/").status_code == 404
    ended = Membership.objects.get(user=demo.users["wijkteam"])
    assert not ended.active and ended.ended_at is not None  # kept for the history


def test_ending_the_active_membership_falls_back_to_the_other(client, demo, two_hats):
    user, noord, zvh = two_hats
    client = _client(client, user, noord)
    membership_end(membership=noord)

    stagnatie = demo.cases["DEMO-STAGNATIE"]
    acuut = demo.cases["DEMO-ACUUT"]
    assert client.get(f"/cases/{stagnatie.pk}/").status_code == 404
    assert client.get(f"/cases/{acuut.pk}/").status_code == 200


def test_user_and_memberships_load_in_one_query(two_hats, django_assert_num_queries):
    user, noord, zvh = two_hats
    with django_assert_num_queries(1):
        loaded = MembershipBackend().get_user(user.pk)
        loaded._schakel_chosen_membership = zvh.pk
        actor = actor_of(loaded)
        assert actor.is_regisseur and actor.organisation.name == "Zorg- en Veiligheidshuis"


def test_a_membership_is_added_once_and_reactivated(two_hats):
    user, noord, _zvh = two_hats
    membership_end(membership=noord)
    again = membership_add(user=user, organisation=noord.organisation, role=noord.role)
    assert again.pk == noord.pk and again.active and again.ended_at is None
    assert Membership.objects.filter(user=user).count() == 2
