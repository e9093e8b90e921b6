"""Afschaling with the checklist, the receiving team's warm acceptance or rejection,
nazorg checks, the fast lane back up and closing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from cases.phases import Phase
from escalation.models import (
    Action,
    ActionStatus,
    AftercareCheck,
    AftercareOutcome,
    EscalationRequest,
    Handover,
    HandoverStatus,
)
from escalation.services import handover, zvh
from escalation.services import request as request_services
from escalation.services.handover import Checklist
from privacy.access import case_access

from .conftest import fresh


@pytest.fixture
def zvh_case(flow):
    case = fresh(flow.demo.cases["DEMO-STAGNATIE"])
    flow.escalate(case)
    flow.accept(fresh(case))
    return fresh(case)


@pytest.fixture
def nazorg_case(flow, zvh_case):
    flow.propose(zvh_case)
    flow.accept_handover(fresh(zvh_case))
    return fresh(zvh_case)


def test_unchecked_items_need_a_motivation(flow, zvh_case):
    with pytest.raises(ValidationError, match="Motiveer elk punt"):
        flow.propose(zvh_case, checklist=Checklist(safety_risk_reduced=True))
    assert fresh(zvh_case).phase == Phase.ZVH
    motivated = Checklist(
        safety_risk_reduced=True,
        goals_met_or_transferred=True,
        regiehouder_named=True,
        client_informed=False,
        aftercare_agreed=True,
        notes={"client_informed": "Cliënt is onbereikbaar; wijkteam informeert bij eerste bezoek."},
    )
    proposal = flow.propose(zvh_case, checklist=motivated)
    assert proposal.client_informed_note.startswith("Cliënt is onbereikbaar")


def test_named_regiehouder_must_work_in_the_receiving_team(flow, zvh_case):
    from escalation.services.handover import handover_propose

    with pytest.raises(ValidationError, match="ontvangende wijkteam"):
        handover_propose(
            user=flow.u["regisseur"],
            case=zvh_case,
            receiving_team=flow.demo.orgs["Wijkteam Zuid"],
            checklist=Checklist(
                safety_risk_reduced=True,
                goals_met_or_transferred=True,
                regiehouder_named=True,
                client_informed=True,
                aftercare_agreed=False,
                notes={"aftercare_agreed": "Geen nazorg nodig, situatie is stabiel."},
            ),
            named_regiehouder=flow.u["wijkteam"],
        )


def test_receiving_team_reads_the_case_during_afschaling(flow, zvh_case):
    assert not case_access(flow.u["wijkteam2"], zvh_case).categories
    flow.propose(zvh_case, team=flow.demo.orgs["Wijkteam Zuid"])
    assert case_access(flow.u["wijkteam2"], fresh(zvh_case)).can_see("gezondheid")


def test_accepting_makes_the_receiving_team_owner_and_the_named_worker_regiehouder(flow, zvh_case):
    flow.propose(zvh_case, team=flow.demo.orgs["Wijkteam Zuid"])
    flow.accept_handover(fresh(zvh_case), user=flow.u["wijkteam2"])
    case = fresh(zvh_case)
    assert case.phase == Phase.NAZORG
    assert case.owning_team.name == "Wijkteam Zuid"
    assert case.regiehouder == flow.u["wijkteam2"]
    # The old team lets go: a wijkteam never sees a case it does not own.
    assert not case_access(flow.u["wijkteam"], case).categories
    assert "Warme overdracht" in case.events.get(kind="handover_accepted").description


def test_a_handover_without_meeting_is_not_warm(flow, zvh_case):
    flow.propose(zvh_case)
    with pytest.raises(ValidationError, match="aanwezig"):
        handover.handover_accept(
            user=flow.u["wijkteam"],
            case=fresh(zvh_case),
            meeting_date=flow.today,
            meeting_attendees=" ",
        )
    assert fresh(zvh_case).phase == Phase.AFSCHALING


def test_rejecting_sends_the_case_back_to_the_zvh_with_the_reason(flow, zvh_case):
    flow.propose(zvh_case, team=flow.demo.orgs["Wijkteam Zuid"])
    handover.handover_reject(
        user=flow.u["wijkteam2"], case=fresh(zvh_case), reason="Geen capaciteit tot maart."
    )
    case = fresh(zvh_case)
    assert case.phase == Phase.ZVH
    assert case.receiving_team is None
    rejected = Handover.objects.get(case=case)
    assert rejected.status == HandoverStatus.REJECTED
    assert rejected.rejected_reason == "Geen capaciteit tot maart."
    assert not case_access(flow.u["wijkteam2"], case).categories


def test_aftercare_check_plans_the_next_one(flow, nazorg_case):
    handover.aftercare_check_record(
        user=flow.u["wijkteam"],
        case=nazorg_case,
        outcome=AftercareOutcome.CONCERNS,
        notes="Huurachterstand loopt weer op.",
        next_check_date=flow.today + timedelta(days=14),
    )
    assert AftercareCheck.objects.get(case=nazorg_case, done_at__isnull=True).due_date == (
        flow.today + timedelta(days=14)
    )
    with pytest.raises(ValidationError, match="zorgen"):
        handover.aftercare_check_record(
            user=flow.u["wijkteam"],
            case=nazorg_case,
            outcome=AftercareOutcome.CONCERNS,
            next_check_date=flow.today + timedelta(days=14),
        )


def test_fast_lane_re_escalation_needs_a_reason_but_no_triage(flow, nazorg_case):
    with pytest.raises(ValidationError, match="reden"):
        request_services.re_escalate(user=flow.u["wijkteam"], case=nazorg_case, reason="")
    request_services.re_escalate(
        user=flow.u["wijkteam"], case=nazorg_case, reason="Nieuw incident met geweld."
    )
    case = fresh(nazorg_case)
    assert case.phase == Phase.AANGEMELD
    request = EscalationRequest.objects.get(case=case, screened_at__isnull=True)
    assert request.fast_lane
    assert not request.override_flagged


def test_closing_cancels_open_actions_and_revokes_partner_access(flow, zvh_case):
    zvh.plan_save(user=flow.u["regisseur"], case=zvh_case, goals="Doelen.")
    zvh.action_add(
        user=flow.u["regisseur"],
        case=zvh_case,
        description="Huisbezoek",
        owner_organisation=flow.demo.orgs["Politie"],
        deadline=flow.today + timedelta(days=3),
    )
    assert case_access(flow.u["politie"], fresh(zvh_case)).categories
    handover.case_close(user=flow.u["regisseur"], case=fresh(zvh_case), reason="Doelen behaald.")
    case = fresh(zvh_case)
    assert case.phase == Phase.GESLOTEN
    assert Action.objects.get(case=case).status == ActionStatus.CANCELLED
    assert not case_access(flow.u["politie"], case).categories


def test_close_needs_a_reason(flow):
    case = fresh(flow.demo.cases["DEMO-STAGNATIE"])
    with pytest.raises(ValidationError, match="reden"):
        handover.case_close(user=flow.u["wijkteam"], case=case, reason="  ")
    assert fresh(case).phase == Phase.WIJKTEAM


def test_a_re_escalated_case_can_go_round_again(flow, nazorg_case):
    request_services.re_escalate(
        user=flow.u["wijkteam"], case=nazorg_case, reason="Nieuw incident met geweld."
    )
    assert not AftercareCheck.objects.filter(case=nazorg_case, done_at__isnull=True).exists()
    flow.accept(fresh(nazorg_case))
    flow.propose(fresh(nazorg_case))
    flow.accept_handover(fresh(nazorg_case))
    case = fresh(nazorg_case)
    assert case.phase == Phase.NAZORG
    assert AftercareCheck.objects.filter(case=case, done_at__isnull=True).count() == 1
    assert case.zvh_tracks.count() == 2
