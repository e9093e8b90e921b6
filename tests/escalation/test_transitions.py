"""Each step of the transition table: allowed for its actor, refused for every other role,
and refused in every phase where the table does not list it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cases.models import CaseEvent
from cases.phases import Phase
from escalation.models import AftercareOutcome, Outcome
from escalation.services import consultation, handover, screening, zvh
from escalation.services import request as request_services
from escalation.steps import STEPS as TABLE
from escalation.steps import steps_in
from escalation.transitions import TransitionRefused, guard

from .conftest import assess, fresh

ROLES = ["wijkteam", "wijkteam2", "regisseur", "politie", "ggz", "manager"]


def _stagnatie(flow):
    return fresh(flow.demo.cases["DEMO-STAGNATIE"])


def _assessed(flow):
    case = _stagnatie(flow)
    assess(case, 2)
    return case


def _consulted(flow):
    case = _stagnatie(flow)
    consultation.consultation_ask(user=flow.u["wijkteam"], case=case, question="Wat raadt u aan?")
    return fresh(case)


def _aangemeld(flow):
    case = _stagnatie(flow)
    flow.escalate(case)
    return fresh(case)


def _zvh(flow):
    case = _aangemeld(flow)
    flow.accept(case)
    return fresh(case)


def _zvh_with_plan(flow):
    case = _zvh(flow)
    zvh.plan_save(user=flow.u["regisseur"], case=case, goals="Veiligheid kinderen.")
    return fresh(case)


def _afschaling_zuid(flow):
    case = _zvh(flow)
    flow.propose(case, team=flow.demo.orgs["Wijkteam Zuid"])
    return fresh(case)


def _nazorg(flow):
    case = _zvh(flow)
    flow.propose(case)
    flow.accept_handover(fresh(case))
    return fresh(case)


def _today(flow, days=14):
    return flow.today + timedelta(days=days)


STEPS = {
    "consult": (
        _stagnatie,
        lambda f, u, c: consultation.consultation_ask(user=u, case=c, question="Graag advies."),
        {"wijkteam"},
    ),
    "consult_answer": (
        _consulted,
        lambda f, u, c: consultation.consultation_answer(user=u, case=c, answer="Schaal op."),
        {"regisseur"},
    ),
    "escalate": (
        _assessed,
        lambda f, u, c: request_services.escalation_request(
            user=u, case=c, aanleiding="Geweld", doel="Veiligheid", client_informed=True
        ),
        {"wijkteam"},
    ),
    "accept": (
        _aangemeld,
        lambda f, u, c: screening.escalation_accept(
            user=u, case=c, procesregisseur=f.u["regisseur"], review_date=_today(f)
        ),
        {"regisseur"},
    ),
    "decline": (
        _aangemeld,
        lambda f, u, c: screening.escalation_decline(
            user=u, case=c, outcome=Outcome.ADVIES, outcome_text="Zet eerst schuldhulp in."
        ),
        {"regisseur"},
    ),
    "conference": (
        _zvh,
        lambda f, u, c: zvh.conference_record(
            user=u, case=c, held_on=f.today, decisions="Samen op huisbezoek."
        ),
        {"regisseur", "wijkteam"},
    ),
    "plan": (
        _zvh,
        lambda f, u, c: zvh.plan_save(user=u, case=c, goals="Veiligheid kinderen."),
        {"regisseur", "wijkteam"},
    ),
    "action_add": (
        _zvh_with_plan,
        lambda f, u, c: zvh.action_add(
            user=u,
            case=c,
            description="Gezamenlijk huisbezoek.",
            owner_organisation=f.demo.orgs["Politie"],
            deadline=_today(f),
        ),
        # No partner takes part in this case yet, so Politie and GGZ are refused.
        {"regisseur", "wijkteam"},
    ),
    "review": (
        _zvh,
        lambda f, u, c: zvh.review_record(
            user=u, case=c, notes="Gaat beter.", next_review_date=_today(f, 30)
        ),
        {"regisseur"},
    ),
    "propose_handover": (_zvh, lambda f, u, c: f.propose(c, user=u), {"regisseur"}),
    "accept_handover": (
        _afschaling_zuid,
        lambda f, u, c: f.accept_handover(c, user=u),
        {"wijkteam2"},
    ),
    "reject_handover": (
        _afschaling_zuid,
        lambda f, u, c: handover.handover_reject(
            user=u, case=c, reason="Nog geen plek in ons team."
        ),
        {"wijkteam2"},
    ),
    "aftercare_check": (
        _nazorg,
        lambda f, u, c: handover.aftercare_check_record(
            user=u, case=c, outcome=AftercareOutcome.STABLE, next_check_date=_today(f, 30)
        ),
        {"wijkteam"},
    ),
    "re_escalate": (
        _nazorg,
        lambda f, u, c: request_services.re_escalate(
            user=u, case=c, reason="Opnieuw geweld gemeld."
        ),
        {"wijkteam"},
    ),
    "close_wijkteam": (
        _stagnatie,
        lambda f, u, c: handover.case_close(user=u, case=c, reason="Hulp is afgerond."),
        {"wijkteam"},
    ),
    "close_zvh": (
        _zvh,
        lambda f, u, c: handover.case_close(user=u, case=c, reason="Doelen zijn behaald."),
        {"regisseur"},
    ),
}


@pytest.mark.parametrize("step", sorted(STEPS))
def test_only_the_listed_actor_can_take_the_step(flow, step):
    setup, call, allowed = STEPS[step]
    case = setup(flow)
    for role in ROLES:
        if role in allowed:
            continue
        phase_before = fresh(case).phase
        events_before = CaseEvent.objects.filter(case=case).count()
        with pytest.raises(TransitionRefused) as refused:
            call(flow, flow.u[role], fresh(case))
        assert str(refused.value).startswith("Alleen ")
        assert fresh(case).phase == phase_before
        assert CaseEvent.objects.filter(case=case).count() == events_before
    for role in allowed:
        call(flow, flow.u[role], fresh(case))


def test_every_step_outside_its_phases_is_refused_in_dutch(flow):
    case = _stagnatie(flow)
    table_steps = {step.name for step in TABLE}
    for step in table_steps - set(steps_in(Phase.WIJKTEAM)):
        with pytest.raises(TransitionRefused) as refused:
            guard(flow.u["regisseur"], case, step)
        assert "In fase ‘Wijkteam’ kunt u niet" in str(refused.value)


def test_regisseur_cannot_accept_a_case_still_in_the_wijkteam(flow):
    case = _stagnatie(flow)
    with pytest.raises(TransitionRefused, match="In fase ‘Wijkteam’"):
        flow.accept(case)
    assert fresh(case).phase == Phase.WIJKTEAM


def test_nothing_can_happen_to_a_closed_case(flow):
    case = _stagnatie(flow)
    handover.case_close(user=flow.u["wijkteam"], case=case, reason="Hulp is afgerond.")
    with pytest.raises(TransitionRefused, match="Gesloten"):
        consultation.consultation_ask(
            user=flow.u["wijkteam"], case=fresh(case), question="Nog een vraag?"
        )


def test_a_form_for_an_earlier_phase_is_refused(flow):
    case = _aangemeld(flow)
    with pytest.raises(TransitionRefused, match="eerdere fase"):
        flow.accept(case, expected_phase=Phase.WIJKTEAM)
    assert fresh(case).phase == Phase.AANGEMELD
