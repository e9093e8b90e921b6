"""The access log keeps the identity as it was (Trust II, finding 3).

Before: rows pointed at the user and printed `user.username` when read, so renaming a
user moved their whole history, and swapping two names swapped two histories.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from privacy.models import AccessLog


def _view_demo_zvh(demo, username: str) -> AccessLog:
    case = demo.cases["DEMO-ZVH"]
    assert demo.client_for(username).get(f"/cases/{case.pk}/").status_code == 200
    return AccessLog.objects.filter(case=case).latest("id")


def test_a_row_keeps_username_name_and_organisation_as_they_were(demo):
    row = _view_demo_zvh(demo, "politie")
    politie = demo.users["politie"]
    assert row.username == "politie"
    assert row.user_full_name == politie.get_full_name()
    assert row.organisation_name == "Politie"

    politie.first_name = "Iemand"
    politie.last_name = "Anders"
    politie.save()
    organisation = row.organisation
    organisation.name = "Politie Eenheid Noord"
    organisation.save()

    row = AccessLog.objects.get(pk=row.pk)
    assert row.user_full_name != "Iemand Anders"
    assert row.organisation_name == "Politie"


def test_the_privacy_officer_sees_the_identity_as_it_was(demo):
    _view_demo_zvh(demo, "politie")
    politie = demo.users["politie"]
    old_name = politie.get_full_name()
    politie.first_name = "Iemand"
    politie.save()
    body = demo.client_for("privacy").get("/privacy/access-log/").content.decode()
    # People by name: the username is for the CSV and the filter, not for reading.
    assert old_name in body and "Iemand" not in body
    csv = demo.client_for("privacy").get("/privacy/access-log/export.csv").content.decode()
    # The CSV keeps machine-readable columns: the username and organisation as they were.
    assert ";politie;Politie;" in csv


def test_a_used_username_cannot_be_changed(demo):
    _view_demo_zvh(demo, "politie")
    politie = demo.users["politie"]
    politie.username = "ggz-collega"
    with pytest.raises(ValidationError):
        politie.save()
    politie.refresh_from_db()
    assert politie.username == "politie"


def test_two_users_cannot_swap_their_histories(demo):
    _view_demo_zvh(demo, "politie")
    _view_demo_zvh(demo, "ggz")
    politie, ggz = demo.users["politie"], demo.users["ggz"]
    politie.username = "tijdelijk"
    with pytest.raises(ValidationError):
        politie.save()
    ggz.username = "politie"
    with pytest.raises(ValidationError):
        ggz.save()
    assert set(AccessLog.objects.filter(user=politie).values_list("username", flat=True)) == {
        "politie"
    }
    assert set(AccessLog.objects.filter(user=ggz).values_list("username", flat=True)) == {"ggz"}


def test_a_user_without_access_log_rows_may_still_be_renamed(db):
    worker = get_user_model().objects.create_user("nieuwe-collega")
    worker.username = "wijkteam-zuid"
    worker.save()
    worker.refresh_from_db()
    assert worker.username == "wijkteam-zuid"
