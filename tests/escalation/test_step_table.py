"""The step table, phase by phase and role by role, against the table written out here.

The case is Wijkteam Noord's (regiehouder: wijkteam), handed over to Wijkteam Zuid
when in afschaling, with Politie and GGZ taking part; the action whose status changes
belongs to the Politie. The plan is joint (seed 004): regiehouder and procesregisseur edit
it, partners add actions for their own organisation.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case
from cases.phases import Phase
from escalation.steps import PAGES, STEPS
from escalation.transitions import TransitionRefused, guard, may
from escalation.views import service_of

ROLES = (
    "wijkteam",
    "wijkteam2",
    "regisseur",
    "politie",
    "ggz",
    "manager",
    "privacy",
    "admin",
    "gemeente",
)

# phase → step → (who may take it, the phase it leads to). Every other step is refused
# in that phase, for everyone.
EXPECTED = {
    Phase.WIJKTEAM: {
        "escalate": ({"wijkteam"}, Phase.AANGEMELD),
        "consult": ({"wijkteam"}, None),
        "consult_answer": ({"regisseur"}, None),
        # Wijkteam-level casusoverleg, before any aanmelding.
        "conference": ({"wijkteam"}, None),
        "close": ({"wijkteam"}, Phase.GESLOTEN),
    },
    Phase.AANGEMELD: {
        "consult_answer": ({"regisseur"}, None),
        "accept": ({"regisseur"}, Phase.ZVH),
        "decline": ({"regisseur"}, Phase.WIJKTEAM),
    },
    Phase.ZVH: {
        "conference": ({"regisseur", "wijkteam"}, None),
        "plan": ({"regisseur", "wijkteam"}, None),
        "goal": ({"regisseur", "wijkteam"}, None),
        "action_add": ({"regisseur", "wijkteam", "politie", "ggz"}, None),
        "review": ({"regisseur"}, None),
        "propose_handover": ({"regisseur"}, Phase.AFSCHALING),
        "close": ({"regisseur"}, Phase.GESLOTEN),
        "action_status": ({"regisseur", "politie"}, None),
    },
    Phase.AFSCHALING: {
        "accept_handover": ({"wijkteam2"}, Phase.NAZORG),
        "reject_handover": ({"wijkteam2"}, Phase.ZVH),
        "action_status": ({"regisseur", "politie"}, None),
    },
    Phase.NAZORG: {
        "escalate": ({"wijkteam"}, Phase.AANGEMELD),
        # Meekijken in nazorg too (issue 14).
        "consult": ({"wijkteam"}, None),
        "consult_answer": ({"regisseur"}, None),
        "aftercare_check": ({"wijkteam"}, None),
        "plan": ({"wijkteam"}, None),
        "goal": ({"wijkteam"}, None),
        "action_add": ({"wijkteam", "politie", "ggz"}, None),
        "re_escalate": ({"wijkteam"}, Phase.AANGEMELD),
        "close": ({"wijkteam"}, Phase.GESLOTEN),
        "action_status": ({"regisseur", "politie"}, None),
    },
    Phase.GESLOTEN: {},
}

STEP_NAMES = [step.name for step in STEPS]


@pytest.fixture
def people(demo, gemeente_user) -> dict:
    return {**demo.users, "gemeente": gemeente_user}


def _case(demo, phase: str) -> Case:
    """DEMO-ZVH's row (Politie and GGZ take part) with its fields set in memory:
    `may` and `guard` read only the fields and, for partners, the participations."""
    return Case(
        pk=demo.cases["DEMO-ZVH"].pk,
        phase=phase,
        owning_team=demo.orgs["Wijkteam Noord"],
        receiving_team=demo.orgs["Wijkteam Zuid"],
        regiehouder=demo.users["wijkteam"],
        procesregisseur=demo.users["regisseur"],
    )


def test_the_expected_table_names_every_phase_and_only_known_steps():
    assert set(EXPECTED) == set(Phase.values)
    for steps in EXPECTED.values():
        assert set(steps) <= set(STEP_NAMES)


@pytest.mark.parametrize("phase", list(EXPECTED))
def test_each_role_may_take_exactly_the_expected_steps_in_each_phase(demo, people, phase):
    case = _case(demo, phase)
    politie_id = demo.orgs["Politie"].pk
    for step in STEP_NAMES:
        allowed, to = EXPECTED[phase].get(step, (set(), None))
        for role in ROLES:
            user = people[role]
            expected = role in allowed
            where = f"{phase} / {step} / {role}"
            assert may(user, case, step, action_owner_id=politie_id) is expected, where
            if expected:
                rule = guard(user, case, step, action_owner_id=politie_id)
                assert rule.to == to, where
            else:
                with pytest.raises(TransitionRefused) as refused:
                    guard(user, case, step, action_owner_id=politie_id)
                message = str(refused.value)
                if allowed:
                    assert message.startswith("Alleen "), where
                else:
                    assert message.startswith("In fase "), where


def test_every_step_page_has_its_url_form_and_service(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    for url_name, step in PAGES.items():
        url = reverse(f"escalation:{url_name}", kwargs={"pk": case.pk})
        assert url == f"/escalation/cases/{case.pk}/{step.route}/"
        assert step.form is not None and step.title and step.button
        assert callable(service_of(step)), step.name


def test_only_the_action_status_step_has_no_page_of_its_own():
    assert [step.name for step in STEPS if not step.url_name] == ["action_status"]
    assert reverse("escalation:action_status", kwargs={"pk": 1}) == "/escalation/actions/1/status/"
