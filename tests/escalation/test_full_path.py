"""The whole lifecycle in one story: wijkteam → aangemeld → zvh → afschaling → nazorg →
gesloten, with who can see the case at each step."""

from __future__ import annotations

from datetime import timedelta

from cases.models import CaseEvent
from cases.phases import Phase
from escalation.models import (
    ActionStatus,
    AftercareCheck,
    AftercareOutcome,
    EscalationRequest,
    Handover,
    HandoverStatus,
    Outcome,
    ZvhTrack,
)
from escalation.services import handover, zvh
from privacy.access import case_access, visible_cases

from .conftest import fresh


def test_a_case_goes_up_and_is_handed_back_warmly_then_closed(flow):
    u, orgs = flow.u, flow.demo.orgs
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])  # Wijkteam Zuid, regiehouder wijkteam2
    assert not visible_cases(u["regisseur"]).filter(pk=case.pk).exists()

    request = flow.escalate(case, user=u["wijkteam2"], partners=[orgs["Politie"]])
    case = fresh(case)
    assert case.phase == Phase.AANGEMELD
    assert request.screening_deadline > flow.today
    assert visible_cases(u["regisseur"]).filter(pk=case.pk).exists()
    assert not visible_cases(u["politie"]).filter(pk=case.pk).exists()

    flow.accept(case)
    case = fresh(case)
    assert case.phase == Phase.ZVH
    assert case.procesregisseur == u["regisseur"]
    assert EscalationRequest.objects.get(pk=request.pk).outcome == Outcome.ACCEPTED
    assert ZvhTrack.objects.get(case=case).review_date == flow.today + timedelta(days=14)
    # The partner the wijkteam asked for takes part, with the convenant's categories.
    assert case_access(u["politie"], case).can_see("justitie")
    assert not case_access(u["politie"], case).can_see("gezondheid")

    zvh.conference_record(
        user=u["regisseur"],
        case=case,
        held_on=flow.today,
        invited=[orgs["GGZ"]],
        attendees="Regisseur, wijkteam, GGZ",
        decisions="GGZ start behandeling.",
    )
    zvh.plan_save(user=u["regisseur"], case=case, goals="Huisvesting behouden.")
    action = zvh.action_add(
        user=u["regisseur"],
        case=case,
        description="Behandeling starten",
        owner_organisation=orgs["GGZ"],
        owner_person=u["ggz"],
        deadline=flow.today + timedelta(days=7),
    )
    zvh.action_status_update(user=u["ggz"], action=action, status=ActionStatus.DONE)

    flow.propose(case, team=orgs["Wijkteam Zuid"])
    case = fresh(case)
    assert case.phase == Phase.AFSCHALING
    assert case.receiving_team == orgs["Wijkteam Zuid"]

    flow.accept_handover(case, user=u["wijkteam2"])
    case = fresh(case)
    assert case.phase == Phase.NAZORG
    assert case.regiehouder == u["wijkteam2"]
    assert case.owning_team == orgs["Wijkteam Zuid"]
    assert case.receiving_team is None
    assert Handover.objects.get(case=case).status == HandoverStatus.ACCEPTED
    check = AftercareCheck.objects.get(case=case, done_at__isnull=True)
    assert check.due_date == flow.today + timedelta(days=30)

    handover.aftercare_check_record(
        user=u["wijkteam2"],
        case=case,
        outcome=AftercareOutcome.STABLE,
        next_check_date=flow.today + timedelta(days=60),
    )
    handover.case_close(user=u["wijkteam2"], case=fresh(case), reason="Stabiel, hulp afgerond.")
    case = fresh(case)
    assert case.phase == Phase.GESLOTEN
    assert case.closed_at is not None
    for username in ("wijkteam2", "regisseur", "politie", "ggz"):
        assert not visible_cases(u[username]).filter(pk=case.pk).exists(), username

    phases = list(
        CaseEvent.objects.filter(case=case)
        .exclude(to_phase="")
        .order_by("created_at", "id")
        .values_list("to_phase", flat=True)
    )
    assert phases[-5:] == [
        Phase.AANGEMELD,
        Phase.ZVH,
        Phase.AFSCHALING,
        Phase.NAZORG,
        Phase.GESLOTEN,
    ]
