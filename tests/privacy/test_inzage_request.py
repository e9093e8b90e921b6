"""The inzageverzoek itself is recorded (review finding 6): who handles it, when it
arrived, its one-month deadline (AVG art. 12(3)), and when it was completed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from cases.models import Person
from privacy.inzage import add_one_month, subject_access_request_start
from privacy.models import AccessLog, SubjectAccessRequest


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        (date(2026, 3, 15), date(2026, 4, 15)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2028, 1, 31), date(2028, 2, 29)),
        (date(2026, 12, 20), date(2027, 1, 20)),
    ],
)
def test_the_deadline_is_one_calendar_month_after_receipt(received, deadline):
    assert add_one_month(received) == deadline


def test_privacy_officer_registers_a_request_and_sees_its_deadline(demo):
    client = demo.client_for("privacy")
    response = client.post(
        "/privacy/inzage/verzoek/",
        {"requester": "R. Verbeek, per brief", "received_on": "15-03-2026"},
        follow=True,
    )
    assert response.status_code == 200
    body = response.content.decode()
    created = SubjectAccessRequest.objects.get()
    assert created.requested_by == demo.users["privacy"]
    assert created.requester == "R. Verbeek, per brief"
    assert created.received_on == date(2026, 3, 15)
    assert created.deadline == date(2026, 4, 15)
    assert created.status == "open" and created.completed_at is None
    assert "antwoorden uiterlijk 15-04-2026" in body
    page = client.get("/privacy/inzage/").content.decode()
    assert "R. Verbeek, per brief" in page and "15-04-2026" in page
    assert not AccessLog.objects.exists(), "registering a request reads no case data"


def test_an_overdue_request_is_marked(demo):
    subject_access_request_start(
        user=demo.users["privacy"],
        requester="Oud verzoek",
        received_on=timezone.localdate() - timedelta(days=40),
    )
    body = demo.client_for("privacy").get("/privacy/inzage/").content.decode()
    assert "(termijn verstreken)" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"requester": "", "received_on": "15-03-2026"}, "Vul de naam van de betrokkene in"),
        ({"requester": "   x ", "received_on": "15-03-2026"}, "Beschrijf wie om inzage vraagt"),
        (
            {"requester": "R. Verbeek", "received_on": "31-02-2026"},
            "Vul de datum van ontvangst in als dd-mm-jjjj",
        ),
        ({"requester": "R. Verbeek", "received_on": "FUTURE"}, "niet in de toekomst"),
    ],
    ids=["no-requester", "blank-requester", "bad-date", "future"],
)
def test_a_bad_request_is_refused_in_dutch_and_stores_nothing(demo, data, message):
    if data["received_on"] == "FUTURE":
        data = {
            **data,
            "received_on": (timezone.localdate() + timedelta(days=1)).strftime("%d-%m-%Y"),
        }
    response = demo.client_for("privacy").post("/privacy/inzage/verzoek/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not SubjectAccessRequest.objects.exists()
    assert not AccessLog.objects.exists()


def test_completing_a_request_records_when_and_is_idempotent(demo):
    access_request = subject_access_request_start(
        user=demo.users["privacy"], requester="R. Verbeek", received_on=date(2026, 3, 15)
    )
    client = demo.client_for("privacy")
    done = client.post(f"/privacy/inzage/verzoek/{access_request.pk}/afronden/", follow=True)
    assert f"Inzageverzoek {access_request.pk} is afgerond" in done.content.decode()
    access_request.refresh_from_db()
    assert access_request.status == "afgerond" and access_request.completed_at is not None
    first = access_request.completed_at

    again = client.post(f"/privacy/inzage/verzoek/{access_request.pk}/afronden/", follow=True)
    assert "Kies een open inzageverzoek" in again.content.decode()
    access_request.refresh_from_db()
    assert access_request.completed_at == first
    assert "Er zijn geen open inzageverzoeken" in client.get("/privacy/inzage/").content.decode()


def test_a_completed_or_unknown_request_allows_no_search_or_export(demo):
    access_request = subject_access_request_start(
        user=demo.users["privacy"], requester="R. Verbeek", received_on=date(2026, 3, 15)
    )
    client = demo.client_for("privacy")
    client.post(f"/privacy/inzage/verzoek/{access_request.pk}/afronden/")
    search = client.get(
        "/privacy/inzage/", {"access_request": access_request.pk, "reference": "DEMO-ZVH"}
    )
    assert search.status_code == 400
    assert "Kies een open inzageverzoek" in search.content.decode()
    person = Person.objects.filter(case=demo.cases["DEMO-ZVH"]).first()
    for pk in (access_request.pk, 9999, "abc"):
        export = client.post(
            "/privacy/inzage/export.json",
            {"person": person.pk, "access_request": pk, "reference": "DEMO-ZVH"},
            follow=True,
        )
        assert "Kies een open inzageverzoek" in export.content.decode()
    assert not AccessLog.objects.exists()


def test_only_the_privacy_officer_starts_a_request_in_the_service(demo):
    with pytest.raises(PermissionDenied):
        subject_access_request_start(
            user=demo.users["regisseur"], requester="R. Verbeek", received_on=date(2026, 3, 15)
        )
    assert not SubjectAccessRequest.objects.exists()
