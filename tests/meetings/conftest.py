from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from meetings.models import MeetingKind
from meetings.services import agenda_item_add, meeting_plan

AMS = ZoneInfo("Europe/Amsterdam")


def tomorrow_at(hour: int, minute: int = 0, *, days: int = 1) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMS)


@pytest.fixture
def planned(demo, django_capture_on_commit_callbacks):
    """A weekly overleg tomorrow 10:00–11:30 with three cases: DEMO-ZVH (politie, GGZ),
    DEMO-AFSCHALING (GGZ) and DEMO-ZUID-2 (nobody new)."""
    regisseur = demo.users["regisseur"]
    orgs = demo.orgs
    meeting = meeting_plan(
        user=regisseur,
        kind=MeetingKind.TRIAGE,
        starts_at=tomorrow_at(10),
        ends_at=tomorrow_at(11, 30),
        chair=regisseur,
        location="ZVH, zaal 2",
    )
    items = {}
    for ref, invited in (
        ("DEMO-ZVH", ["Politie", "GGZ"]),
        ("DEMO-AFSCHALING", ["GGZ"]),
        ("DEMO-ZUID-2", []),
    ):
        items[ref] = agenda_item_add(
            user=regisseur,
            meeting=meeting,
            case=demo.cases[ref],
            invited=[orgs[name] for name in invited],
        )
    meeting.refresh_from_db()
    return meeting, items
