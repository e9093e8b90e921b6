"""Inviting a user: check your answers, then an active account without a password, one
membership, one trail row and a mail with a one-time link; bad input saves nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from accounts.models import AccountLink
from organisations.models import BeheerChange, ChangeAction, ChangeSubject, Membership

from .users_helpers import check_then_save, invite_data, invite_url

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_beheer_invites_a_user_after_checking_the_answers(demo):
    client = demo.client_for("admin")
    data = invite_data(demo.orgs["Politie"])

    checked, saved = check_then_save(client, invite_url(), data)

    assert checked.status_code == 200
    page = checked.content.decode()
    assert "Controleer de uitnodiging" in page
    assert "n.dewit@politie.example" in page and "Politie" in page and "Medewerker" in page
    user = User.objects.get(username="nieuwe.agent")
    assert saved["Location"] == reverse("beheer:user_detail", args=[user.pk])
    assert user.is_active and not user.has_usable_password()
    assert (user.first_name, user.last_name) == ("Nora", "de Wit")
    membership = Membership.objects.get(user=user)
    assert membership.active and membership.organisation == demo.orgs["Politie"]
    assert user.groups.filter(pk=demo.orgs["Politie"].group_id).exists()
    link = AccountLink.objects.get(user=user)
    assert link.sets_password and link.enrols_two_factor and link.created_by == demo.users["admin"]
    assert mail.outbox[-1].to == ["n.dewit@politie.example"]
    row = BeheerChange.objects.get(subject_kind=ChangeSubject.USER, subject_id=user.pk)
    assert row.action == ChangeAction.INVITED and row.actor == demo.users["admin"]
    assert row.changes["e-mailadres"] == ["—", "n.dewit@politie.example"]
    assert row.changes["lidmaatschap"] == ["—", "Politie (Medewerker)"]


def test_the_check_step_saves_nothing(demo):
    client = demo.client_for("admin")

    client.post(invite_url(), {**invite_data(demo.orgs["Politie"]), "stap": "controleren"})

    assert not User.objects.filter(username="nieuwe.agent").exists()
    assert not mail.outbox and not BeheerChange.objects.exists()


def test_change_answers_returns_to_the_filled_in_form(demo):
    client = demo.client_for("admin")

    response = client.post(invite_url(), {**invite_data(demo.orgs["GGZ"]), "stap": "wijzigen"})

    assert response.status_code == 200
    assert 'value="nieuwe.agent"' in response.content.decode()
    assert not User.objects.filter(username="nieuwe.agent").exists()


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"email": "WIJKTEAM@schakel.invalid"}, "Er is al een account met dit e-mailadres"),
        ({"username": "Politie"}, "Deze gebruikersnaam is al in gebruik"),
        ({"email": "geen-adres"}, "Vul een geldig e-mailadres in"),
        ({"username": "met spatie"}, "Voer een geldige gebruikersnaam in"),
        ({"first_name": ""}, "Dit veld is verplicht"),
        ({"role": "superuser"}, "Kies een rol uit de lijst"),
    ],
)
def test_bad_invitations_are_refused_in_dutch_and_save_nothing(demo, override, message):
    client = demo.client_for("admin")
    before = User.objects.count()

    for step in ("controleren", "opslaan"):
        data = {**invite_data(demo.orgs["Politie"]), **override, "stap": step}
        response = client.post(invite_url(), data)
        assert response.status_code == 400
        assert message in response.content.decode()

    assert User.objects.count() == before
    assert not mail.outbox and not BeheerChange.objects.exists()


def test_an_inactive_organisation_takes_no_invitations(demo):
    organisation = demo.orgs["GGZ"]
    organisation.active = False
    organisation.save(update_fields=["active"])
    client = demo.client_for("admin")

    checked, saved = check_then_save(client, invite_url(), invite_data(organisation))

    assert checked.status_code == saved.status_code == 400
    assert "Kies een organisatie uit de lijst" in saved.content.decode()
    assert not User.objects.filter(username="nieuwe.agent").exists()


def test_beheer_resends_an_invitation_until_a_password_is_set(demo):
    client = demo.client_for("admin")
    check_then_save(client, invite_url(), invite_data(demo.orgs["Politie"]))
    user = User.objects.get(username="nieuwe.agent")
    first = AccountLink.objects.get(user=user)
    detail = client.get(reverse("beheer:user_detail", args=[user.pk])).content.decode()
    assert "Uitnodiging opnieuw sturen" in detail

    client.post(reverse("beheer:user_invitation_resend", args=[user.pk]))

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert AccountLink.objects.filter(user=user, revoked_at=None).count() == 1
    assert len(mail.outbox) == 2
    assert BeheerChange.objects.filter(subject_id=user.pk, action=ChangeAction.INVITED).count() == 2


def test_no_new_invitation_for_a_user_with_a_password(demo):
    client = demo.client_for("admin")
    user = demo.users["wijkteam"]

    response = client.post(reverse("beheer:user_invitation_resend", args=[user.pk]), follow=True)

    assert "heeft al een wachtwoord" in response.content.decode()
    assert not mail.outbox and not AccountLink.objects.exists()
    detail = client.get(reverse("beheer:user_detail", args=[user.pk])).content.decode()
    assert "Uitnodiging opnieuw sturen" not in detail


def test_a_refused_invitation_leaves_a_log_line(demo, caplog):
    client = demo.client_for("admin")
    data = invite_data(demo.orgs["Politie"], email="ggz@schakel.invalid", stap="opslaan")

    with caplog.at_level("WARNING", logger="schakel.beheer"):
        client.post(invite_url(), data)

    assert "beheer invitation refused: email in use" in caplog.text
