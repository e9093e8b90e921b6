"""Planning a meeting and its agenda: who may, and the bad input that stores nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from meetings.models import AgendaItem, Meeting, MeetingKind
from meetings.services import agenda_item_add, meeting_plan
from privacy.access import case_access
from privacy.models import CaseParticipation

from .conftest import tomorrow_at

pytestmark = pytest.mark.django_db


def _form(**extra) -> dict:
    day = tomorrow_at(9).strftime("%d-%m-%Y")
    return {
        "kind": MeetingKind.CASUS,
        "date": day,
        "start": "09:00",
        "end": "10:00",
        "location": "Stadskantoor",
        "online_link": "",
        **extra,
    }


def test_regisseur_plans_a_meeting_on_the_page(demo):
    client = demo.client_for("regisseur")
    data = _form(chair=demo.users["regisseur"].pk)
    response = client.post("/meetings/new/", data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.starts_at == tomorrow_at(9)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"start": "11:00", "end": "10:00"}, "De eindtijd moet na de begintijd liggen."),
        ({"date": "01-01-2020"}, "Een overleg kan niet in het verleden worden gepland."),
        ({"location": ""}, "Geef een locatie of een link om online deel te nemen."),
    ],
)
def test_regisseur_cannot_plan_bad_times(demo, extra, message):
    client = demo.client_for("regisseur")
    response = client.post("/meetings/new/", _form(chair=demo.users["regisseur"].pk, **extra))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_chair_cannot_have_two_overlapping_meetings(planned, demo):
    with pytest.raises(ValidationError, match="al een ander overleg"):
        meeting_plan(
            user=demo.users["regisseur"],
            kind=MeetingKind.CASUS,
            starts_at=tomorrow_at(11),
            ends_at=tomorrow_at(12),
            chair=demo.users["regisseur"],
            location="Elders",
        )
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize("username", ["wijkteam", "politie", "manager", "privacy", "admin"])
def test_only_a_regisseur_can_plan(demo, username):
    assert demo.client_for(username).get("/meetings/new/").status_code == 403
    with pytest.raises(PermissionDenied):
        meeting_plan(
            user=demo.users[username],
            kind=MeetingKind.CASUS,
            starts_at=tomorrow_at(9),
            ends_at=tomorrow_at(10),
            chair=demo.users["regisseur"],
            location="x",
        )


def test_inviting_grants_participation_for_that_case_only(planned, demo):
    ggz = demo.orgs["GGZ"]
    assert (
        CaseParticipation.objects.active()
        .filter(case=demo.cases["DEMO-AFSCHALING"], organisation=ggz)
        .exists()
    )
    assert case_access(demo.users["ggz"], demo.cases["DEMO-AFSCHALING"]).categories
    # Politie was invited for DEMO-ZVH only.
    assert not case_access(demo.users["politie"], demo.cases["DEMO-AFSCHALING"]).categories


def test_agenda_item_for_a_hidden_case_is_404_and_stores_nothing(planned, demo):
    meeting, _ = planned
    client = demo.client_for("regisseur")
    before = AgendaItem.objects.count()
    response = client.post(
        f"/meetings/{meeting.pk}/items/new/", {"case": "DEMO-ZUID-1"}
    )  # a wijkteam case the ZVH cannot see
    assert response.status_code == 404
    response = client.post(f"/meetings/{meeting.pk}/items/new/", {"case": "BESTAAT-NIET"})
    assert response.status_code == 404
    assert AgendaItem.objects.count() == before


def test_invitee_outside_the_candidates_is_refused(planned, demo):
    meeting, _ = planned
    client = demo.client_for("regisseur")
    response = client.post(
        f"/meetings/{meeting.pk}/items/new/",
        {"case": "DEMO-NAZORG", "invited": [demo.orgs["Gemeente"].pk]},
    )
    assert response.status_code == 400
    with pytest.raises(ValidationError, match="Alleen convenantpartners"):
        agenda_item_add(
            user=demo.users["regisseur"],
            meeting=meeting,
            case=demo.cases["DEMO-NAZORG"],
            invited=[demo.orgs["Wijkteam Zuid"]],
        )
    assert not AgendaItem.objects.filter(case=demo.cases["DEMO-NAZORG"]).exists()


def test_regisseur_puts_a_case_on_the_agenda_on_the_page(planned, demo):
    meeting, _ = planned
    client = demo.client_for("regisseur")
    response = client.post(
        f"/meetings/{meeting.pk}/items/new/",
        {"case": "DEMO-NAZORG", "invited": [demo.orgs["Veilig Thuis"].pk]},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get(case=demo.cases["DEMO-NAZORG"])
    assert list(item.invited.values_list("name", flat=True)) == ["Veilig Thuis"]
