"""Delivery on its own: whatever a scan finds is put in the bell and mailed once.

The scan here is a stand-in written with `notifications.due` (the workflow's real scans
are tested in tests/escalation), so these tests need no workflow state.
"""

from __future__ import annotations

from datetime import timedelta

from django.core import mail
from django.db.models import QuerySet
from django.utils import timezone

from cases.models import Case
from notifications.due import Moment, kind_rows, local_date, to_each, to_user
from notifications.models import ObjectType, Reminder, ReminderKind
from notifications.services import create_due_reminders, deliver_due_reminders

TODAY = local_date("phase_changed_at", timedelta(0))  # any date will do here


def _stagnatie_scan(at: Moment) -> list[QuerySet]:
    """DEMO-STAGNATIE is due today for its regiehouder."""
    due = Case.objects.filter(reference="DEMO-STAGNATIE")
    return kind_rows(
        [to_user(due, at, case_id="pk", user="regiehouder")],
        kind=ReminderKind.HELD_TOO_LONG,
        object_type=ObjectType.CASE,
        due_date=TODAY,
        case="pk",
    )


SCANS = {ReminderKind.HELD_TOO_LONG: _stagnatie_scan}


def test_what_a_scan_finds_is_created_once_and_mailed_once(demo):
    now = timezone.now()

    first = deliver_due_reminders(scans=SCANS, now=now)
    second = deliver_due_reminders(scans=SCANS, now=now + timedelta(minutes=15))

    reminder = Reminder.objects.get()
    assert (first, second) == (1, 0)
    assert reminder.recipient == demo.users["wijkteam"]
    assert reminder.case == demo.cases["DEMO-STAGNATIE"]
    assert [m.to for m in mail.outbox] == [[demo.users["wijkteam"].email]]
    assert "DEMO-STAGNATIE" in mail.outbox[0].body


def test_creating_without_mailing_leaves_the_reminder_for_the_next_delivery(demo):
    now = timezone.now()
    assert create_due_reminders(scans=SCANS, now=now) == {"held_too_long": 1}
    assert not mail.outbox

    assert deliver_due_reminders(scans=SCANS, now=now) == 0

    assert len(mail.outbox) == 1
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()


def test_nobody_whose_organisation_may_not_open_the_case_is_reminded(demo):
    zuid_worker = demo.users["wijkteam2"]  # Wijkteam Zuid may not open Noord's case

    def scan(at: Moment) -> list[QuerySet]:
        due = Case.objects.filter(reference="DEMO-STAGNATIE")
        group_id = demo.orgs["Wijkteam Zuid"].group_id
        return kind_rows(
            to_each(due, at, case_id="pk", users=[(zuid_worker.pk, group_id)]),
            kind=ReminderKind.HELD_TOO_LONG,
            object_type=ObjectType.CASE,
            due_date=TODAY,
            case="pk",
        )

    assert deliver_due_reminders(scans={ReminderKind.HELD_TOO_LONG: scan}) == 0
    assert not Reminder.objects.exists()
