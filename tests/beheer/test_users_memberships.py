"""Memberships by beheer: added beside others, duplicates refused, ended at once, also in
a session that is open; beheer cannot change their own."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from organisations.models import BeheerChange, ChangeAction, ChangeSubject, Membership, Role
from organisations.services import membership_add
from tests.case_pages import case_page_text

from .users_helpers import check_then_save

pytestmark = pytest.mark.django_db


def _add_url(user) -> str:
    return reverse("beheer:user_membership_add", args=[user.pk])


def _end_url(membership) -> str:
    return reverse("beheer:user_membership_end", args=[membership.user_id, membership.pk])


def test_beheer_adds_a_second_membership_after_checking(demo):
    user = demo.users["regisseur"]
    zvh = demo.orgs["Zorg- en Veiligheidshuis"]
    data = {"organisation": zvh.pk, "role": Role.PRIVACY_OFFICER}

    checked, saved = check_then_save(demo.client_for("admin"), _add_url(user), data)

    assert "Controleer het lidmaatschap" in checked.content.decode()
    assert "Privacyfunctionaris" in checked.content.decode()
    assert saved.status_code == 302
    roles = set(Membership.objects.active().filter(user=user).values_list("role", flat=True))
    assert roles == {Role.PROCESREGISSEUR, Role.PRIVACY_OFFICER}
    row = BeheerChange.objects.get(subject_kind=ChangeSubject.MEMBERSHIP)
    assert row.action == ChangeAction.CREATED
    assert row.changes == {"lidmaatschap": ["—", "Zorg- en Veiligheidshuis (Privacyfunctionaris)"]}


def test_a_duplicate_membership_is_refused_in_dutch(demo):
    user = demo.users["politie"]
    data = {"organisation": demo.orgs["Politie"].pk, "role": Role.MEDEWERKER, "stap": "opslaan"}

    response = demo.client_for("admin").post(_add_url(user), data)

    assert response.status_code == 400
    assert "heeft dit lidmaatschap al: Politie als Medewerker" in response.content.decode()
    assert Membership.objects.filter(user=user).count() == 1
    assert not BeheerChange.objects.exists()


def test_ending_a_membership_keeps_it_as_history_and_leaves_the_group(demo):
    user = demo.users["ggz"]
    membership = Membership.objects.get(user=user)
    client = demo.client_for("admin")

    confirm = client.get(_end_url(membership))
    client.post(_end_url(membership))

    assert "Lidmaatschap beëindigen" in confirm.content.decode()
    membership.refresh_from_db()
    assert not membership.active and membership.ended_at is not None
    assert not user.groups.filter(pk=demo.orgs["GGZ"].group_id).exists()
    row = BeheerChange.objects.get(subject_id=membership.pk)
    assert (row.subject_kind, row.action) == (ChangeSubject.MEMBERSHIP, ChangeAction.ENDED)
    detail = client.get(reverse("beheer:user_detail", args=[user.pk])).content.decode()
    assert "Beëindigd op" in detail


def test_an_ended_membership_stops_working_in_an_open_session(demo):
    """Politie's agent also works for GGZ and chose Politie in this session; after beheer
    ends the Politie membership, the same session no longer reads as Politie."""
    user = demo.users["politie"]
    ggz = membership_add(user=user, organisation=demo.orgs["GGZ"], role=Role.MEDEWERKER)
    politie = Membership.objects.get(user=user, organisation=demo.orgs["Politie"])
    agent = Client()
    agent.login(username="politie", password="demo")
    agent.post(reverse("organisations:switch"), {"membership": politie.pk})
    case = demo.cases["DEMO-ZVH"]
    assert "[JUSTITIE]" in case_page_text(agent, case.pk)

    demo.client_for("admin").post(_end_url(politie))

    # Now GGZ, the one membership left: health notes, no justice notes.
    body = case_page_text(agent, case.pk)
    assert "[JUSTITIE]" not in body and "[GEZONDHEID]" in body
    assert agent.session.get("organisations.active_membership") in (None, ggz.pk)


def test_with_two_memberships_left_the_session_chooses_again(demo):
    user = demo.users["politie"]
    membership_add(user=user, organisation=demo.orgs["GGZ"], role=Role.MEDEWERKER)
    membership_add(user=user, organisation=demo.orgs["Verslavingszorg"], role=Role.MEDEWERKER)
    politie = Membership.objects.get(user=user, organisation=demo.orgs["Politie"])
    agent = Client()
    agent.login(username="politie", password="demo")
    agent.post(reverse("organisations:switch"), {"membership": politie.pk})

    demo.client_for("admin").post(_end_url(politie))

    response = agent.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("organisations:choose"))


def test_beheer_cannot_change_their_own_memberships(demo):
    admin = demo.users["admin"]
    own = Membership.objects.get(user=admin)
    client = demo.client_for("admin")
    data = {
        "organisation": demo.orgs["Zorg- en Veiligheidshuis"].pk,
        "role": Role.PROCESREGISSEUR,
        "stap": "opslaan",
    }

    added = client.post(_add_url(admin), data)
    ended = client.post(_end_url(own), follow=True)

    assert added.status_code == 400
    assert "Een andere beheerder moet uw eigen lidmaatschappen wijzigen" in added.content.decode()
    assert "Een andere beheerder" in ended.content.decode()
    assert list(Membership.objects.active().filter(user=admin)) == [own]
    assert not BeheerChange.objects.exists()
