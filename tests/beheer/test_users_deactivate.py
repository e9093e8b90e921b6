"""Deactivation puts a user out at once (sessions, links, groups) and keeps the history;
reactivation restores the memberships beheer ticks and mails a password link."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.links import link_issue
from accounts.models import AccountLink
from organisations.models import BeheerChange, ChangeAction, Membership, Role
from organisations.services import membership_add, membership_end

from .users_helpers import check_then_save

pytestmark = pytest.mark.django_db


def _deactivate(demo, user):
    return demo.client_for("admin").post(reverse("beheer:user_deactivate", args=[user.pk]))


def test_a_deactivated_users_open_session_is_out_on_the_next_request(demo):
    user = demo.users["politie"]
    agent = Client()
    agent.login(username="politie", password="demo")
    assert agent.get(reverse("cases:list")).status_code == 200

    _deactivate(demo, user)

    response = agent.get(reverse("cases:list"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not agent.login(username="politie", password="demo")


def test_deactivation_revokes_links_groups_and_memberships_and_keeps_them(demo):
    user = demo.users["regisseur"]
    membership_add(user=user, organisation=demo.orgs["Zorg- en Veiligheidshuis"], role="manager")
    link = link_issue(
        user=user, by=demo.users["admin"], sets_password=True, enrols_two_factor=False
    )
    client = demo.client_for("admin")

    confirm = client.get(reverse("beheer:user_deactivate", args=[user.pk]))
    client.post(reverse("beheer:user_deactivate", args=[user.pk]))

    assert "direct uitgelogd" in confirm.content.decode()
    user.refresh_from_db()
    link.refresh_from_db()
    assert not user.is_active and link.revoked_at is not None
    assert not user.groups.exists()
    memberships = Membership.objects.filter(user=user)
    assert memberships.count() == 2 and not memberships.filter(active=True).exists()
    row = BeheerChange.objects.get(subject_id=user.pk, action=ChangeAction.DEACTIVATED)
    assert row.changes["status"] == ["actief", "gedeactiveerd"]
    assert (
        "Zorg- en Veiligheidshuis (Procesregisseur)" in row.changes["beëindigde lidmaatschappen"][0]
    )


def test_beheer_cannot_deactivate_themselves(demo):
    admin = demo.users["admin"]
    client = demo.client_for("admin")

    page = client.get(reverse("beheer:user_deactivate", args=[admin.pk])).content.decode()
    response = client.post(reverse("beheer:user_deactivate", args=[admin.pk]), follow=True)

    assert "U kunt uw eigen account niet deactiveren" in page
    assert "U kunt uw eigen account niet deactiveren" in response.content.decode()
    admin.refresh_from_db()
    assert admin.is_active and not BeheerChange.objects.exists()


def test_reactivation_offers_the_memberships_the_deactivation_ended(demo):
    user = demo.users["politie"]
    old = membership_add(user=user, organisation=demo.orgs["GGZ"], role=Role.MEDEWERKER)
    membership_end(membership=old)  # ended long before: not ticked
    _deactivate(demo, user)
    url = reverse("beheer:user_reactivate", args=[user.pk])
    client = demo.client_for("admin")
    politie = Membership.objects.get(user=user, organisation=demo.orgs["Politie"])

    form = client.get(url).content.decode()
    checked, saved = check_then_save(client, url, {"memberships": [politie.pk]})

    assert f'value="{politie.pk}"' in form and "checked" in form.split(f'value="{old.pk}"')[0]
    assert "Politie (Medewerker)" in checked.content.decode()
    user.refresh_from_db()
    assert user.is_active
    assert list(Membership.objects.active().filter(user=user)) == [politie]
    assert user.groups.filter(pk=demo.orgs["Politie"].group_id).exists()
    link = AccountLink.objects.get(user=user, revoked_at=None)
    assert link.sets_password and mail.outbox[-1].to == [user.email]
    row = BeheerChange.objects.get(subject_id=user.pk, action=ChangeAction.REACTIVATED)
    assert row.changes["herstelde lidmaatschappen"] == ["—", "Politie (Medewerker)"]


def test_reactivation_without_a_membership_is_refused_in_dutch(demo):
    user = demo.users["politie"]
    _deactivate(demo, user)

    response = demo.client_for("admin").post(
        reverse("beheer:user_reactivate", args=[user.pk]), {"stap": "opslaan"}
    )

    assert response.status_code == 400
    assert "Kies ten minste één lidmaatschap" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_active


def test_a_membership_of_another_user_cannot_be_restored(demo):
    user = demo.users["politie"]
    _deactivate(demo, user)
    other = Membership.objects.get(user=demo.users["ggz"])

    response = demo.client_for("admin").post(
        reverse("beheer:user_reactivate", args=[user.pk]),
        {"memberships": [other.pk], "stap": "opslaan"},
    )

    assert response.status_code == 400
    user.refresh_from_db()
    assert not user.is_active
