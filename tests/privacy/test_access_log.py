"""The access log (NEN 7513): append-only rows, and the privacy officer's view on them."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from organisations.roles import membership_of
from privacy.models import AccessAction, AccessLog


def _log(demo, username: str, reference: str, *, action=AccessAction.VIEW, days_ago: int = 0):
    user = demo.users[username]
    return AccessLog.objects.create(
        user=user,
        organisation=membership_of(user).organisation,
        role=membership_of(user).role,
        case=demo.cases[reference],
        categories=["basis"],
        action=action,
        ip_address="10.0.0.1",
        context="test",
        timestamp=timezone.now() - timedelta(days=days_ago),
    )


def _listed(response) -> list[AccessLog]:
    assert response.status_code == 200
    return list(response.context["page"].object_list)


def test_an_access_log_row_cannot_be_changed_through_the_orm(demo):
    row = _log(demo, "wijkteam", "DEMO-ZVH")
    row.context = "verdoezeld"

    with pytest.raises(PermissionError):
        row.save()

    assert AccessLog.objects.get(pk=row.pk).context == "test"


def test_an_access_log_row_cannot_be_deleted_through_the_orm(demo):
    row = _log(demo, "wijkteam", "DEMO-ZVH")

    with pytest.raises(PermissionError):
        row.delete()

    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_a_case_with_access_log_rows_cannot_be_deleted(demo):
    from django.db.models import ProtectedError

    _log(demo, "wijkteam", "DEMO-ZVH")

    with pytest.raises(ProtectedError), transaction.atomic():
        demo.cases["DEMO-ZVH"].delete()


def test_postgres_refuses_raw_update_of_the_access_log(demo, postgres_only):
    row = _log(demo, "wijkteam", "DEMO-ZVH")

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE privacy_accesslog SET context = 'verdoezeld' WHERE id = %s", [row.pk]
        )

    assert AccessLog.objects.get(pk=row.pk).context == "test"


def test_postgres_refuses_raw_delete_of_the_access_log(demo, postgres_only):
    row = _log(demo, "wijkteam", "DEMO-ZVH")

    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM privacy_accesslog WHERE id = %s", [row.pk])

    assert AccessLog.objects.filter(pk=row.pk).exists()


def test_bulk_update_and_delete_are_refused_on_every_database(demo):
    row = _log(demo, "wijkteam", "DEMO-ZVH")

    with pytest.raises(PermissionError):
        AccessLog.objects.filter(pk=row.pk).update(context="verdoezeld")
    with pytest.raises(PermissionError):
        AccessLog.objects.filter(pk=row.pk).delete()

    assert AccessLog.objects.get(pk=row.pk).context == "test"


def test_postgres_refuses_queryset_update_and_delete(demo, postgres_only):
    from django.db.models import QuerySet

    row = _log(demo, "wijkteam", "DEMO-ZVH")

    # Past the application's own guard, the database trigger still refuses.
    with pytest.raises(DatabaseError), transaction.atomic():
        QuerySet.update(AccessLog.objects.filter(pk=row.pk), context="verdoezeld")
    with pytest.raises(DatabaseError), transaction.atomic():
        QuerySet.delete(AccessLog.objects.filter(pk=row.pk))

    assert AccessLog.objects.get(pk=row.pk).context == "test"


def test_privacy_officer_sees_the_access_log(demo):
    demo.client_for("politie").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")

    response = demo.client_for("privacy").get("/privacy/access-log/")

    body = response.content.decode()
    assert "Toegangslog" in body
    rows = _listed(response)
    assert rows[0].user == demo.users["politie"] and rows[0].case == demo.cases["DEMO-ZVH"]
    # The name, not the username (issue 16: plain words).
    assert "Mark de Boer" in body and "DEMO-ZVH" in body and "Justitie" in body


def test_privacy_officer_filters_by_case_reference(demo):
    _log(demo, "wijkteam", "DEMO-ZVH")
    _log(demo, "wijkteam", "DEMO-ADVIES")

    rows = _listed(demo.client_for("privacy").get("/privacy/access-log/", {"case": "demo-zvh"}))

    assert rows and {row.case.reference for row in rows} == {"DEMO-ZVH"}


def test_privacy_officer_filters_by_user(demo):
    _log(demo, "wijkteam", "DEMO-ZVH")
    _log(demo, "politie", "DEMO-ZVH")

    rows = _listed(demo.client_for("privacy").get("/privacy/access-log/", {"user": "politie"}))

    assert rows and {row.user.username for row in rows} == {"politie"}


def test_privacy_officer_filters_by_action(demo):
    _log(demo, "wijkteam", "DEMO-ZVH")
    _log(demo, "wijkteam", "DEMO-ZVH", action=AccessAction.PDF)

    rows = _listed(demo.client_for("privacy").get("/privacy/access-log/", {"action": "pdf"}))

    assert rows and {row.action for row in rows} == {"pdf"}


def test_privacy_officer_filters_by_date_range_in_dd_mm_jjjj(demo):
    old = _log(demo, "wijkteam", "DEMO-ZVH", days_ago=40)
    recent = _log(demo, "wijkteam", "DEMO-ZVH", days_ago=5)
    today = _log(demo, "wijkteam", "DEMO-ZVH")
    start = (timezone.localdate() - timedelta(days=10)).strftime("%d-%m-%Y")
    end = (timezone.localdate() - timedelta(days=1)).strftime("%d-%m-%Y")

    rows = _listed(
        demo.client_for("privacy").get("/privacy/access-log/", {"date_from": start, "date_to": end})
    )

    assert recent in rows
    assert old not in rows and today not in rows


def test_date_filter_includes_the_whole_last_day_in_amsterdam_time(demo):
    row = _log(demo, "wijkteam", "DEMO-ZVH")
    day = timezone.localtime(row.timestamp).date()
    just_before_midnight = timezone.make_aware(datetime.combine(day, time(23, 59, 59)))
    politie = demo.users["politie"]
    late_row = AccessLog.objects.create(
        user=politie,
        organisation=demo.orgs["Politie"],
        role=membership_of(politie).role,
        case=demo.cases["DEMO-ZVH"],
        categories=["basis"],
        action=AccessAction.VIEW,
        timestamp=just_before_midnight,
    )
    stamp = day.strftime("%d-%m-%Y")

    rows = _listed(
        demo.client_for("privacy").get(
            "/privacy/access-log/", {"date_from": stamp, "date_to": stamp}
        )
    )

    assert row in rows and late_row in rows


def test_invalid_date_range_shows_a_dutch_error(demo):
    response = demo.client_for("privacy").get(
        "/privacy/access-log/", {"date_from": "10-05-2026", "date_to": "01-05-2026"}
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "De einddatum ligt voor de begindatum." in body


def test_unreadable_date_shows_a_dutch_error(demo):
    response = demo.client_for("privacy").get("/privacy/access-log/", {"date_from": "31-31-2026"})

    assert response.status_code == 200
    assert "Voer een geldige datum in." in response.content.decode()


@pytest.mark.parametrize(
    "username", ["wijkteam", "wijkteam2", "regisseur", "politie", "ggz", "manager", "admin"]
)
def test_access_log_is_forbidden_for_everyone_but_the_privacy_officer(demo, username):
    _log(demo, "wijkteam", "DEMO-ZVH")

    response = demo.client_for(username).get("/privacy/access-log/")

    assert response.status_code == 403
    assert b"DEMO-ZVH" not in response.content


def test_access_log_requires_login(demo):
    from django.test import Client

    response = Client().get("/privacy/access-log/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_access_log_page_runs_a_bounded_number_of_queries(demo, django_assert_max_num_queries):
    client = demo.client_for("privacy")
    for _ in range(30):
        _log(demo, "politie", "DEMO-ZVH")

    with django_assert_max_num_queries(12):
        response = client.get("/privacy/access-log/")
    assert len(_listed(response)) == 30
