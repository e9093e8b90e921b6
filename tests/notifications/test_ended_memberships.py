"""An ended membership gives nothing: no hand-off, no reminder, no new case as
regiehouder. The person keeps their account (and another, active membership), so only
the membership rows tell them apart."""

from __future__ import annotations

import time_machine

from escalation.models import Outcome
from escalation.reminders import send_due_reminders
from escalation.services.screening import escalation_decline
from notifications.models import NotificationKind, ReminderKind
from notifications.recipients import professionals_of, workers_of
from organisations.models import Membership, Role
from organisations.services import membership_add, membership_end
from tests.escalation.conftest import fresh
from tests.escalation.reminder_helpers import at, received
from tests.factories import member
from workplace.intake import IntakePerson, case_intake

from .handoff_helpers import received as notified


def moved(user, *, old, new, role: str = Role.MEDEWERKER) -> None:
    """`user` now works for `new`; their membership of `old` has ended."""
    membership_add(user=user, organisation=new, role=role)
    for membership in Membership.objects.active().filter(user=user, organisation=old):
        membership_end(membership=membership)


def test_an_ended_member_is_no_professional_of_the_organisation(demo):
    ggz, vz = demo.orgs["GGZ"], demo.orgs["Verslavingszorg"]
    leaver = member(ggz, username="ggz-oud")
    moved(leaver, old=ggz, new=vz)

    assert leaver not in professionals_of(ggz.pk)
    assert leaver in professionals_of(vz.pk)
    assert demo.users["ggz"] in professionals_of(ggz.pk)


def test_an_ended_worker_is_not_offered_the_teams_handover(demo):
    noord, zuid = demo.orgs["Wijkteam Noord"], demo.orgs["Wijkteam Zuid"]
    leaver = member(noord, username="noord-oud")
    moved(leaver, old=noord, new=zuid)

    assert leaver not in workers_of(noord.pk)
    assert set(workers_of(noord.pk)) == {demo.users["wijkteam"]}


def test_an_ended_member_gets_no_referral_notification(flow):
    ggz = flow.demo.orgs["GGZ"]
    leaver = member(ggz, username="ggz-oud")
    moved(leaver, old=ggz, new=flow.demo.orgs["Verslavingszorg"])
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])
    flow.escalate(case, user=flow.u["wijkteam2"])

    escalation_decline(
        user=flow.u["regisseur"],
        case=fresh(case),
        outcome=Outcome.DOORGELEID,
        outcome_text="GGZ pakt de behandeling op.",
        referred_to=ggz,
    )

    assert notified(case, NotificationKind.REFERRAL_RECEIVED) == {"ggz"}


def test_a_partners_intake_never_makes_an_ended_worker_regiehouder(demo):
    noord, zuid = demo.orgs["Wijkteam Noord"], demo.orgs["Wijkteam Zuid"]
    # The team's first worker (lowest id) has moved on to Zuid; a newer one stayed.
    moved(demo.users["wijkteam"], old=noord, new=zuid)
    stayed = member(noord, username="noord-nieuw")

    case = case_intake(
        user=demo.users["politie"],
        team=noord,
        persons=[IntakePerson(first_name="Piet", last_name="Jansen")],
        aanleiding="Overlast en zorgen over de kinderen.",
        acute=False,
        client_informed=True,
    )

    assert case.regiehouder == stayed


def run_at(moment) -> int:
    with time_machine.travel(moment, tick=False):
        return send_due_reminders()


def test_an_ended_membership_brings_no_reminders_of_the_old_team(full_demo):
    u, noord, zuid = (
        full_demo.users,
        full_demo.orgs["Wijkteam Noord"],
        full_demo.orgs["Wijkteam Zuid"],
    )
    # DEMO-STAGNATIE (Noord) is held too long: its regiehouder and Noord's managers are
    # reminded. Both have moved to Zuid, keeping their accounts and roles.
    moved(u["wijkteam"], old=noord, new=zuid)
    moved(u["manager"], old=noord, new=zuid, role=Role.MANAGER)
    stays = member(noord, role=Role.MANAGER, username="noord-manager")

    run_at(at(0))

    expected = (ReminderKind.HELD_TOO_LONG, "DEMO-STAGNATIE")
    assert expected not in received(u["wijkteam"])
    assert expected not in received(u["manager"])
    assert expected in received(stays)
