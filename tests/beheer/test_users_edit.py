"""Editing a user's name and e-mail: the check page shows old → new; the trail keeps it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.links import link_issue
from accounts.models import AccountLink
from organisations.models import BeheerChange, ChangeAction

from .users_helpers import check_then_save

pytestmark = pytest.mark.django_db

NEW = {"first_name": "Fatima", "last_name": "El Amrani-Bos", "email": "f.bos@noord.example"}


def _url(user) -> str:
    return reverse("beheer:user_edit", args=[user.pk])


def test_beheer_changes_name_and_email_after_seeing_old_and_new(demo):
    user = demo.users["wijkteam"]

    checked, saved = check_then_save(demo.client_for("admin"), _url(user), NEW)

    page = checked.content.decode()
    assert "Controleer de wijziging" in page
    assert "El Amrani" in page and "El Amrani-Bos" in page
    assert "wijkteam@schakel.invalid" in page and "f.bos@noord.example" in page
    assert "Voornaam" not in page  # unchanged fields are not listed as changes
    user.refresh_from_db()
    assert (user.last_name, user.email) == ("El Amrani-Bos", "f.bos@noord.example")
    assert saved["Location"] == reverse("beheer:user_detail", args=[user.pk])
    row = BeheerChange.objects.get(subject_id=user.pk, action=ChangeAction.CHANGED)
    assert row.changes == {
        "achternaam": ["El Amrani", "El Amrani-Bos"],
        "e-mailadres": ["wijkteam@schakel.invalid", "f.bos@noord.example"],
    }


def test_a_new_email_address_revokes_open_links_to_the_old_one(demo):
    user = demo.users["wijkteam"]
    link = link_issue(
        user=user, by=demo.users["admin"], sets_password=True, enrols_two_factor=False
    )

    check_then_save(demo.client_for("admin"), _url(user), NEW)

    link.refresh_from_db()
    assert link.revoked_at is not None


def test_an_email_of_another_account_is_refused(demo):
    user = demo.users["wijkteam"]
    data = {**NEW, "email": "Politie@schakel.invalid"}

    response = demo.client_for("admin").post(_url(user), {**data, "stap": "opslaan"})

    assert response.status_code == 400
    assert "Er is al een ander account met dit e-mailadres" in response.content.decode()
    user.refresh_from_db()
    assert user.email == "wijkteam@schakel.invalid"
    assert not BeheerChange.objects.exists()


def test_saving_without_changes_writes_nothing(demo):
    user = demo.users["wijkteam"]
    same = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email}

    response = demo.client_for("admin").post(_url(user), {**same, "stap": "opslaan"}, follow=True)

    assert "Er is niets gewijzigd" in response.content.decode()
    assert not BeheerChange.objects.exists() and not AccountLink.objects.exists()


def test_the_edit_page_has_no_password_or_two_factor_field(demo):
    page = demo.client_for("admin").get(_url(demo.users["wijkteam"])).content.decode()

    assert 'type="password"' not in page
    assert "otp" not in page.lower()
