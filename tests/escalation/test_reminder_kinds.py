"""Each reminder kind of DESIGN.md, on the demo stories, at the moment it falls due."""

from __future__ import annotations

import time_machine

from escalation.models import Action
from escalation.reminders import send_due_reminders
from escalation.services.consultation import consultation_ask
from notifications.models import Reminder, ReminderKind
from organisations.models import Role
from tests.escalation.reminder_helpers import at, received
from tests.factories import member


def run_at(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return send_due_reminders()


def test_regisseurs_are_reminded_of_an_aanmelding_not_screened_by_its_deadline(full_demo):
    u = full_demo.users
    other_regisseur = member(
        full_demo.orgs["Zorg- en Veiligheidshuis"], Role.PROCESREGISSEUR, username="regisseur2"
    )
    run_at(at(0))  # DEMO-ACUUT must be screened today: not late yet
    assert (ReminderKind.SCREENING_DUE, "DEMO-ACUUT") not in received(u["regisseur"])

    run_at(at(1))

    for regisseur in (u["regisseur"], other_regisseur):
        assert (ReminderKind.SCREENING_DUE, "DEMO-ACUUT") in received(regisseur)
    assert not Reminder.objects.filter(
        kind=ReminderKind.SCREENING_DUE, recipient__in=[u["wijkteam"], u["politie"]]
    ).exists()


def test_procesregisseur_is_reminded_three_days_before_the_evaluatiedatum(full_demo):
    u = full_demo.users
    run_at(at(0))
    # DEMO-ZVH is evaluated in 2 days; DEMO-ZUID-2 only in 20.
    assert (ReminderKind.REVIEW_DUE, "DEMO-ZVH") in received(u["regisseur"])
    assert (ReminderKind.REVIEW_DUE, "DEMO-ZUID-2") not in received(u["regisseur"])

    run_at(at(17))

    assert (ReminderKind.REVIEW_DUE, "DEMO-ZUID-2") in received(u["regisseur"])
    assert (
        not Reminder.objects.filter(kind=ReminderKind.REVIEW_DUE)
        .exclude(recipient=u["regisseur"])
        .exists()
    )


def test_overdue_action_reminds_its_owner_and_the_procesregisseur(full_demo):
    u = full_demo.users
    run_at(at(0))
    # Only the verslavingszorg intake (3 days late, no named person) is overdue.
    overdue = Reminder.objects.filter(kind=ReminderKind.ACTION_OVERDUE)
    assert list(overdue.values_list("recipient__username", flat=True)) == ["regisseur"]

    run_at(at(8))  # the politie action (deadline in 7 days) is now late too

    police_action = Action.objects.get(case=full_demo.cases["DEMO-ZVH"], owner_person=u["politie"])
    mine = Reminder.objects.filter(kind=ReminderKind.ACTION_OVERDUE, recipient=u["politie"])
    assert list(mine.values_list("object_id", flat=True)) == [police_action.pk]
    assert not Reminder.objects.filter(kind=ReminderKind.ACTION_OVERDUE, recipient=u["ggz"])


def test_overdue_action_without_a_person_reminds_the_owner_organisations_workers(full_demo):
    worker = member(full_demo.orgs["Verslavingszorg"], Role.MEDEWERKER, username="vz1")
    manager = member(full_demo.orgs["Verslavingszorg"], Role.MANAGER, username="vzmanager")

    run_at(at(0))

    assert received(worker) == {(ReminderKind.ACTION_OVERDUE, "DEMO-ZVH")}
    assert received(manager) == set()


def test_handover_not_accepted_in_ten_days_reminds_receiving_team_and_regisseur(full_demo):
    u = full_demo.users
    run_at(at(0))
    assert not Reminder.objects.filter(kind=ReminderKind.HANDOVER_PENDING).exists()

    run_at(at(7))

    expected = (ReminderKind.HANDOVER_PENDING, "DEMO-AFSCHALING")
    assert expected in received(u["wijkteam2"])  # Wijkteam Zuid receives the case
    assert expected in received(u["regisseur"])
    assert expected not in received(u["manager"])  # Noord's manager is not involved


def test_aftercare_check_reminds_regiehouder_and_a_week_later_the_manager(full_demo):
    u = full_demo.users
    expected = (ReminderKind.AFTERCARE_CHECK_DUE, "DEMO-NAZORG")
    run_at(at(6))
    assert expected not in received(u["wijkteam"])

    run_at(at(7))
    assert expected in received(u["wijkteam"])
    assert expected not in received(u["manager"])

    run_at(at(14))
    assert expected in received(u["manager"])


def test_case_held_too_long_reminds_regiehouder_and_team_manager(full_demo):
    u = full_demo.users
    run_at(at(0))

    expected = (ReminderKind.HELD_TOO_LONG, "DEMO-STAGNATIE")
    assert expected in received(u["wijkteam"])
    assert expected in received(u["manager"])
    # Wijkteam Zuid's worker and the ZVH cannot see the case: nothing for them.
    assert expected not in received(u["wijkteam2"])
    assert expected not in received(u["regisseur"])
    # DEMO-ADVIES has an open consultation; it is not "held too long".
    assert not Reminder.objects.filter(
        kind=ReminderKind.HELD_TOO_LONG, case=full_demo.cases["DEMO-ADVIES"]
    ).exists()


def test_asking_advice_stops_the_held_too_long_reminder(full_demo):
    stuck = full_demo.cases["DEMO-STAGNATIE"]
    consultation_ask(
        user=full_demo.users["wijkteam"],
        case=stuck,
        question="Hoe krijgen we weer beweging in deze casus?",
    )

    run_at(at(0))

    assert not Reminder.objects.filter(kind=ReminderKind.HELD_TOO_LONG, case=stuck).exists()


def test_reminders_only_go_to_people_whose_organisation_may_open_the_case(full_demo):
    run_at(at(20))

    from privacy.access import visible_cases

    for reminder in Reminder.objects.select_related("recipient", "case"):
        assert visible_cases(reminder.recipient).filter(pk=reminder.case_id).exists(), reminder
