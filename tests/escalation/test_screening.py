"""Screening by the ZVH: accept (procesregisseur, evaluatiedatum, invited partners) or
decline with advice; two regisseurs accepting at once leave one acceptance."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from cases.phases import Phase
from escalation.models import EscalationRequest, Outcome, ZvhTrack
from escalation.services.screening import escalation_accept, escalation_decline
from escalation.transitions import TransitionRefused
from privacy.access import visible_cases
from privacy.models import CaseParticipation

from .conftest import fresh


@pytest.fixture
def aangemeld(flow):
    case = fresh(flow.demo.cases["DEMO-STAGNATIE"])
    flow.escalate(case, partners=[flow.demo.orgs["Veilig Thuis"]])
    return fresh(case)


def test_accepting_invites_the_partners_the_wijkteam_asked_for(flow, aangemeld):
    flow.accept(aangemeld)
    assert CaseParticipation.objects.filter(
        case=aangemeld, organisation=flow.demo.orgs["Veilig Thuis"], removed_at__isnull=True
    ).exists()


def test_evaluatiedatum_must_lie_in_the_next_six_months(flow, aangemeld):
    for days in (0, 200):
        with pytest.raises(ValidationError, match="evaluatiedatum"):
            flow.accept(aangemeld, review_date=flow.today + timedelta(days=days))
    assert fresh(aangemeld).phase == Phase.AANGEMELD


def test_only_a_zvh_regisseur_can_be_procesregisseur(flow, aangemeld):
    with pytest.raises(ValidationError, match="procesregisseur"):
        flow.accept(aangemeld, procesregisseur=flow.u["politie"])


def test_declining_with_advice_returns_the_case_to_the_wijkteam(flow, aangemeld):
    escalation_decline(
        user=flow.u["regisseur"],
        case=aangemeld,
        outcome=Outcome.ADVIES,
        outcome_text="Zet eerst schuldhulpverlening in en weeg over zes weken opnieuw.",
    )
    case = fresh(aangemeld)
    assert case.phase == Phase.WIJKTEAM
    request = EscalationRequest.objects.get(case=case)
    assert request.outcome == Outcome.ADVIES
    advice = case.events.get(kind="escalation_declined_text")
    assert "schuldhulpverlening" in advice.description
    assert advice.category == "signalen"
    assert not visible_cases(flow.u["regisseur"]).filter(pk=case.pk).exists()


def test_a_case_is_never_just_bounced(flow, aangemeld):
    with pytest.raises(ValidationError, match="nooit zomaar"):
        escalation_decline(
            user=flow.u["regisseur"], case=aangemeld, outcome=Outcome.ADVIES, outcome_text=""
        )
    with pytest.raises(ValidationError, match="partnerorganisatie"):
        escalation_decline(
            user=flow.u["regisseur"],
            case=aangemeld,
            outcome=Outcome.DOORGELEID,
            outcome_text="Dit hoort bij de GGZ-crisisdienst.",
        )
    assert fresh(aangemeld).phase == Phase.AANGEMELD


def test_referral_names_the_partner(flow, aangemeld):
    escalation_decline(
        user=flow.u["regisseur"],
        case=aangemeld,
        outcome=Outcome.DOORGELEID,
        outcome_text="De GGZ pakt dit op binnen de eigen keten.",
        referred_to=flow.demo.orgs["GGZ"],
    )
    assert EscalationRequest.objects.get(case=aangemeld).referred_to == flow.demo.orgs["GGZ"]


def test_second_accept_after_the_first_is_refused_and_changes_nothing(flow, aangemeld, regisseur2):
    flow.accept(aangemeld)
    with pytest.raises(TransitionRefused):
        flow.accept(fresh(aangemeld), user=regisseur2, procesregisseur=regisseur2)
    assert fresh(aangemeld).procesregisseur == flow.u["regisseur"]
    assert ZvhTrack.objects.filter(case=aangemeld).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_regisseurs_accepting_at_once_leave_one_acceptance(postgres_only, flow, regisseur2):
    case = fresh(flow.demo.cases["DEMO-STAGNATIE"])
    flow.escalate(case)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(user):
        try:
            barrier.wait(timeout=10)
            escalation_accept(
                user=user,
                case=case,
                procesregisseur=user,
                review_date=flow.today + timedelta(days=14),
            )
            outcomes.append("accepted")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [
        threading.Thread(target=accept, args=(u,)) for u in (flow.u["regisseur"], regisseur2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes) == ["accepted", "refused"]
    assert ZvhTrack.objects.filter(case=case).count() == 1
    assert fresh(case).phase == Phase.ZVH
    assert case.events.filter(kind="escalation_accepted").count() == 1
