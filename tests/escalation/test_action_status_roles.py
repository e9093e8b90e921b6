"""Who may change the status of a plan action, for every demo role (Trust II, finding 4).

Before: a manager (a read-only role) could change the status of an action owned by
their own organisation through `POST /escalation/actions/<id>/status/`.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from escalation.models import Action, ActionPlan, ActionStatus

# Outcome per role for an action owned by Wijkteam Noord on DEMO-ZVH (owned by Noord).
EXPECTED = {
    "wijkteam": "changed",  # a professional of the owning organisation
    "regisseur": "changed",  # the ZVH procesregisseur
    "manager": "refused",  # Noord's manager only reads
    "politie": "refused",  # takes part, but does not own this action
    "ggz": "refused",
    "wijkteam2": "hidden",  # another wijkteam never sees the case
    "privacy": "hidden",  # open cases are hidden from the privacy officer
    "admin": "hidden",
}


@pytest.fixture
def noord_action(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    plan = ActionPlan.objects.get(case=case)
    return Action.objects.create(
        plan=plan,
        case=case,
        description="Schuldhulp aanvragen met moeder.",
        owner_organisation=wf_demo.orgs["Wijkteam Noord"],
        deadline=timezone.localdate() + timedelta(days=10),
        status=ActionStatus.OPEN,
        created_by=wf_demo.users["regisseur"],
    )


@pytest.mark.parametrize(("username", "outcome"), sorted(EXPECTED.items()))
def test_action_status_update_per_role(wf_demo, noord_action, username, outcome):
    response = wf_demo.client_for(username).post(
        f"/escalation/actions/{noord_action.pk}/status/",
        {"status": ActionStatus.DONE, "expected_status": ActionStatus.OPEN},
    )
    noord_action.refresh_from_db()
    if outcome == "hidden":
        assert response.status_code == 404
        assert noord_action.status == ActionStatus.OPEN
    elif outcome == "refused":
        assert response.status_code == 302
        assert noord_action.status == ActionStatus.OPEN, "the database is unchanged"
    else:
        assert response.status_code == 302
        assert noord_action.status == ActionStatus.DONE


def test_manager_is_told_why_in_dutch(wf_demo, noord_action):
    response = wf_demo.client_for("manager").post(
        f"/escalation/actions/{noord_action.pk}/status/",
        {"status": ActionStatus.DONE, "expected_status": ActionStatus.OPEN},
        follow=True,
    )
    body = response.content.decode()
    assert "Alleen" in body and "kan de status van een actie bijwerken" in body
