"""Invitations: e-mail with an RFC 5545 attachment, parsed back with `icalendar`; changes
keep the UID and raise the SEQUENCE, cancelling sends METHOD:CANCEL."""

from __future__ import annotations

import pytest
from django.core import mail
from icalendar import Calendar

from meetings.invitations import invitations_send
from meetings.services import meeting_cancel, meeting_change

from .conftest import tomorrow_at

pytestmark = pytest.mark.django_db


def _send_all(meeting, demo) -> dict[str, Calendar]:
    mail.outbox.clear()
    orgs = [demo.orgs[name].pk for name in ("Politie", "GGZ")]
    invitations_send(meeting_id=meeting.pk, organisation_ids=orgs)
    result = {}
    for message in mail.outbox:
        (name, content, mimetype) = message.attachments[0]
        assert mimetype.startswith("text/calendar")
        result[message.to[0]] = Calendar.from_ical(content)
    return result


def _event(cal: Calendar):
    return next(iter(cal.walk("VEVENT")))


def test_politie_gets_an_invitation_with_only_its_case(planned, demo):
    meeting, _ = planned
    cals = _send_all(meeting, demo)
    cal = cals["politie@schakel.invalid"]
    event = _event(cal)
    assert str(cal["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == f"{meeting.uid}@schakel"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["SUMMARY"]) == "Casusoverleg Zorg- en Veiligheidshuis"
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert event.decoded("DTSTART") == tomorrow_at(10)
    assert event.decoded("DTEND") == tomorrow_at(11, 30)
    description = str(event["DESCRIPTION"])
    assert "DEMO-ZVH" in description
    assert "DEMO-AFSCHALING" not in description and "DEMO-ZUID-2" not in description
    # No case content: no names of the household, no title.
    assert "Verbeek" not in cal.to_ical().decode()
    ggz = str(_event(cals["ggz@schakel.invalid"])["DESCRIPTION"])
    assert "DEMO-ZVH" in ggz and "DEMO-AFSCHALING" in ggz and "DEMO-ZUID-2" in ggz


def test_a_change_keeps_the_uid_and_raises_the_sequence(planned, demo):
    meeting, _ = planned
    first = _event(_send_all(meeting, demo)["politie@schakel.invalid"])
    meeting = meeting_change(
        user=demo.users["regisseur"],
        meeting=meeting,
        kind=meeting.kind,
        starts_at=tomorrow_at(14),
        ends_at=tomorrow_at(15),
        chair=demo.users["regisseur"],
        location="Andere zaal",
    )
    second = _event(_send_all(meeting, demo)["politie@schakel.invalid"])
    assert str(second["UID"]) == str(first["UID"])
    assert int(second["SEQUENCE"]) == int(first["SEQUENCE"]) + 1
    assert second.decoded("DTSTART") == tomorrow_at(14)
    assert str(second["LOCATION"]) == "Andere zaal"


def test_cancelling_sends_method_cancel(planned, demo):
    meeting, _ = planned
    meeting = meeting_cancel(user=demo.users["regisseur"], meeting=meeting)
    cal = _send_all(meeting, demo)["politie@schakel.invalid"]
    assert str(cal["METHOD"]) == "CANCEL"
    event = _event(cal)
    assert str(event["UID"]) == f"{meeting.uid}@schakel"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["STATUS"]) == "CANCELLED"


def test_changes_queue_the_invitations_after_commit(demo, django_capture_on_commit_callbacks):
    from unittest import mock

    from meetings.models import MeetingKind
    from meetings.services import agenda_item_add, meeting_plan

    regisseur = demo.users["regisseur"]
    meeting = meeting_plan(
        user=regisseur,
        kind=MeetingKind.CASUS,
        starts_at=tomorrow_at(8),
        ends_at=tomorrow_at(9),
        chair=regisseur,
        location="x",
    )
    with (
        mock.patch("meetings.services.send_meeting_invitations.delay_on_commit") as queued,
    ):
        agenda_item_add(
            user=regisseur,
            meeting=meeting,
            case=demo.cases["DEMO-ZVH"],
            invited=[demo.orgs["Politie"]],
        )
        meeting_cancel(user=regisseur, meeting=meeting)
    assert [c.kwargs for c in queued.call_args_list] == [
        {"meeting_id": meeting.pk, "organisation_ids": [demo.orgs["Politie"].pk]},
        {"meeting_id": meeting.pk, "organisation_ids": [demo.orgs["Politie"].pk]},
    ]


def test_the_invited_partner_is_notified_in_the_bell(planned, demo):
    from notifications.models import Notification, NotificationKind

    assert Notification.objects.filter(
        recipient=demo.users["politie"], kind=NotificationKind.CONFERENCE_INVITED
    ).exists()
