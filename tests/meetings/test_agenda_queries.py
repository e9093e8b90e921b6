"""The agenda page stays within a fixed number of queries, however full it is."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from meetings.models import AgendaItem, Meeting, MeetingKind

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("username", ["regisseur", "politie"])
def test_agenda_with_50_meetings_of_10_items_stays_within_15_queries(
    demo, django_assert_max_num_queries, username
):
    cases = list(demo.cases.values())[:10]
    regisseur = demo.users["regisseur"]
    start = timezone.now() + timedelta(days=1)
    meetings = Meeting.objects.bulk_create(
        Meeting(
            kind=MeetingKind.TRIAGE,
            organisation=demo.orgs["Zorg- en Veiligheidshuis"],
            starts_at=start + timedelta(hours=2 * i),
            ends_at=start + timedelta(hours=2 * i + 1),
            location="Zaal",
            chair=regisseur,
            planned_by=regisseur,
        )
        for i in range(50)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, case=c, position=p) for m in meetings for p, c in enumerate(cases)
    )
    Through = AgendaItem.invited.through
    Through.objects.bulk_create(
        Through(agendaitem_id=i.pk, organisation_id=demo.orgs["Politie"].pk) for i in items
    )
    client = demo.client_for(username)
    with django_assert_max_num_queries(15):
        response = client.get("/meetings/")
    assert response.status_code == 200
    assert response.content.decode().count("DEMO-ZVH") >= 50
