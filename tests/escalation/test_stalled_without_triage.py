"""No case forgotten: a wijkteam case never triaged and without progress (notes do not
count) for STALLED_WITHOUT_TRIAGE_DAYS is reminded to its regiehouder and team manager,
once, and listed on the manager's start page."""

from __future__ import annotations

import time_machine
from django.test import Client
from django.utils import timezone

from cases.services import event_record
from escalation.reminders import send_due_reminders
from notifications.models import Reminder, ReminderKind
from organisations.models import Role
from tests.escalation.reminder_helpers import at, received
from tests.factories import member

from .conftest import assess

KIND = ReminderKind.STALLED_WITHOUT_TRIAGE


def run_at(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return send_due_reminders()


def test_regiehouder_and_manager_are_reminded_of_the_forgotten_case(full_demo):
    u = full_demo.users
    run_at(at(0))

    assert (KIND, "DEMO-VERGETEN") in received(u["wijkteam"])
    assert (KIND, "DEMO-VERGETEN") in received(u["manager"])
    for user in ("regisseur", "politie", "wijkteam2"):
        assert (KIND, "DEMO-VERGETEN") not in received(u[user])


def test_triaged_and_recent_cases_are_not_flagged(full_demo):
    run_at(at(0))
    flagged = set(
        Reminder.objects.filter(kind=KIND).values_list("case__reference", flat=True).distinct()
    )
    # DEMO-STAGNATIE has a triage (held-too-long covers it); DEMO-ADVIES is 3 weeks old.
    assert flagged == {"DEMO-VERGETEN"}


def test_the_reminder_is_created_once(full_demo):
    run_at(at(0))
    count = Reminder.objects.filter(kind=KIND).count()

    run_at(at(0, hour=15))
    run_at(at(1))

    assert Reminder.objects.filter(kind=KIND).count() == count


def test_a_triage_takes_the_case_off_the_list(full_demo):
    assess(full_demo.cases["DEMO-VERGETEN"], 0)
    run_at(at(0))
    assert not Reminder.objects.filter(kind=KIND).exists()


def test_progress_resets_the_clock_but_a_note_does_not(full_demo, settings):
    case = full_demo.cases["DEMO-VERGETEN"]
    event_record(case=case, kind="note_added", actor=full_demo.users["wijkteam"], description="x")
    run_at(at(0))
    assert Reminder.objects.filter(kind=KIND, case=case).exists()
    Reminder.objects.filter(kind=KIND).delete()

    event_record(case=case, kind="conference_recorded", actor=full_demo.users["wijkteam"])
    run_at(at(0))
    assert not Reminder.objects.filter(kind=KIND, case=case).exists()


def test_the_period_is_a_setting(full_demo, settings):
    settings.STALLED_WITHOUT_TRIAGE_DAYS = 365
    run_at(at(0))
    assert not Reminder.objects.filter(kind=KIND).exists()


def test_manager_start_page_lists_the_forgotten_case(full_demo):
    page = full_demo.client_for("manager").get("/escalation/worklist/").content.decode()

    assert "Nooit getrieerd en geen voortgang" in page
    assert "DEMO-VERGETEN" in page
    assert "DEMO-STAGNATIE" not in page.split("wl-stalled")[1].split("</section>")[0]


def test_worker_start_page_has_no_manager_section(full_demo):
    page = full_demo.client_for("wijkteam").get("/escalation/worklist/").content.decode()
    assert "wl-stalled" not in page


def test_manager_of_another_team_does_not_see_it(full_demo):

    other = member(full_demo.orgs["Wijkteam Zuid"], Role.MANAGER, username="manager_zuid")
    client = Client()
    client.force_login(other)
    page = client.get("/escalation/worklist/").content.decode()
    assert "DEMO-VERGETEN" not in page


def test_last_progress_date_is_shown_dd_mm_jjjj(full_demo):
    page = full_demo.client_for("manager").get("/escalation/worklist/").content.decode()
    # The case's own moment in Amsterdam time: "160 days ago" is another calendar day
    # than today minus 160 just after midnight.
    since = full_demo.cases["DEMO-VERGETEN"].phase_changed_at
    assert timezone.localtime(since).strftime("%d-%m-%Y") in page
