"""ZVH work: casusoverleg invites partners, the plan van aanpak gives action owners a
place in the case, and partners update only their own organisation's actions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from escalation.models import Action, ActionStatus, CaseConference
from escalation.services import zvh
from escalation.transitions import TransitionRefused
from privacy.access import case_access

from .conftest import fresh


@pytest.fixture
def zvh_case(flow):
    case = fresh(flow.demo.cases["DEMO-STAGNATIE"])
    flow.escalate(case)
    flow.accept(fresh(case))
    return fresh(case)


@pytest.fixture
def plan_case(flow, zvh_case):
    zvh.plan_save(user=flow.u["regisseur"], case=zvh_case, goals="Veiligheid voor iedereen.")
    return zvh_case


def _action(flow, case, org_name, **kwargs):
    return zvh.action_add(
        user=flow.u["regisseur"],
        case=case,
        description=kwargs.pop("description", f"Actie voor {org_name}"),
        owner_organisation=flow.demo.orgs[org_name],
        deadline=kwargs.pop("deadline", flow.today + timedelta(days=7)),
        **kwargs,
    )


def test_inviting_a_partner_to_the_casusoverleg_gives_it_convenant_access(flow, zvh_case):
    politie = flow.u["politie"]
    assert not case_access(politie, zvh_case).categories
    zvh.conference_record(
        user=flow.u["regisseur"],
        case=zvh_case,
        held_on=flow.today,
        invited=[flow.demo.orgs["Politie"]],
        attendees="Regisseur, politie",
        decisions="Politie rijdt extra surveillance.",
        minutes="Buren melden minder overlast.",
    )
    access = case_access(politie, zvh_case)
    assert access.can_see("overleg") and access.can_see("justitie")
    assert not access.can_see("gezondheid")
    assert CaseConference.objects.get(case=zvh_case).invited.get().name == "Politie"
    assert zvh_case.events.get(kind="conference_recorded").category == "overleg"


def test_the_gemeente_cannot_be_invited(flow, zvh_case):
    with pytest.raises(ValidationError, match="convenantpartners"):
        zvh.conference_record(
            user=flow.u["regisseur"],
            case=zvh_case,
            held_on=flow.today,
            invited=[flow.demo.orgs["Gemeente"]],
            decisions="x",
        )


def test_owning_an_action_makes_a_partner_take_part(flow, plan_case):
    assert not case_access(flow.u["ggz"], plan_case).categories
    _action(flow, plan_case, "GGZ", owner_person=flow.u["ggz"])
    access = case_access(flow.u["ggz"], plan_case)
    assert access.can_see("plan") and access.can_see("gezondheid")


def test_owner_person_must_work_for_the_owner_organisation(flow, plan_case):
    with pytest.raises(ValidationError, match="uitvoerende organisatie"):
        _action(flow, plan_case, "GGZ", owner_person=flow.u["politie"])
    assert not Action.objects.filter(case=plan_case).exists()


def test_an_action_needs_a_plan_and_a_deadline_not_in_the_past(flow, zvh_case):
    with pytest.raises(ValidationError, match="doelen"):
        _action(flow, zvh_case, "GGZ")
    zvh.plan_save(user=flow.u["regisseur"], case=zvh_case, goals="Doelen.")
    with pytest.raises(ValidationError, match="verleden"):
        _action(flow, zvh_case, "GGZ", deadline=flow.today - timedelta(days=1))


def test_partner_updates_its_own_action(flow, plan_case):
    action = _action(flow, plan_case, "Politie")
    zvh.action_status_update(user=flow.u["politie"], action=action, status=ActionStatus.DONE)
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert action.completed_at is not None


def test_partner_cannot_update_another_organisations_action(flow, plan_case):
    _action(flow, plan_case, "Politie")
    ggz_action = _action(flow, plan_case, "GGZ")
    with pytest.raises(TransitionRefused, match="organisatie die de actie uitvoert"):
        zvh.action_status_update(
            user=flow.u["politie"], action=ggz_action, status=ActionStatus.CANCELLED
        )
    ggz_action.refresh_from_db()
    assert ggz_action.status == ActionStatus.OPEN


def test_a_stale_status_form_is_refused(flow, plan_case):
    action = _action(flow, plan_case, "Politie")
    zvh.action_status_update(user=flow.u["politie"], action=action, status=ActionStatus.IN_PROGRESS)
    with pytest.raises(TransitionRefused, match="intussen gewijzigd"):
        zvh.action_status_update(
            user=flow.u["regisseur"],
            action=action,
            status=ActionStatus.CANCELLED,
            expected_status=ActionStatus.OPEN,
        )
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_review_moves_the_evaluatiedatum(flow, zvh_case):
    track = zvh.review_record(
        user=flow.u["regisseur"],
        case=zvh_case,
        notes="Veiligheid verbeterd.",
        next_review_date=flow.today + timedelta(days=42),
    )
    assert track.review_date == flow.today + timedelta(days=42)
