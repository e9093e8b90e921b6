"""The beheer trail is append-only and records old → new."""

from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from organisations.audit import change_record, diff, snapshot
from organisations.models import BeheerChange, ChangeAction, ChangeSubject
from organisations.services import region_create

pytestmark = pytest.mark.django_db


def test_snapshot_and_diff_name_the_changed_field_with_old_and_new_values():
    region = region_create(name="Regio West", retention_years=5)
    before = snapshot(region, ["name", "retention_years"])
    region.retention_years = 7
    assert diff(before, snapshot(region, ["name", "retention_years"])) == {
        "bewaartermijn (jaren)": ["5", "7"]
    }


def test_a_trail_row_can_be_written_but_not_changed_or_deleted(django_user_model):
    admin = django_user_model.objects.create_user("beheer-test")
    row = change_record(
        actor=admin,
        subject_kind=ChangeSubject.REGION,
        subject_id=1,
        subject_label="Regio West",
        action=ChangeAction.CHANGED,
        changes={"naam": ["Regio W", "Regio West"]},
    )
    assert row.actor_name == "beheer-test"
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        BeheerChange.objects.filter(pk=row.pk).update(subject_label="x")
    with pytest.raises(PermissionError):
        BeheerChange.objects.all().delete()


def test_postgresql_refuses_an_update_of_the_trail(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    row = change_record(
        actor=None,
        subject_kind=ChangeSubject.USER,
        subject_id=1,
        subject_label="x",
        action=ChangeAction.INVITED,
    )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE organisations_beheerchange SET subject_label = 'y' WHERE id = %s", [row.pk]
        )
