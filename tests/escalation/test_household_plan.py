"""One household, one plan (seed 002): goals per person and life domain, low-scoring
triage domains offered first, progress between the first and the latest triage, and
every change kept as a plan version."""

from __future__ import annotations

import pytest

from escalation.goals import domains_offered, goals_with_progress
from escalation.models import GoalStatus, PlanVersion
from escalation.services import zvh
from escalation.services.plan import goal_save
from escalation.transitions import TransitionRefused
from privacy.access import case_access
from triage.models import TriageAssessment

from .conftest import assess, fresh


@pytest.fixture
def case(demo):
    case = demo.cases["DEMO-ZVH"]
    zvh.plan_save(user=demo.users["regisseur"], case=case, goals="Eén plan voor het gezin.")
    return fresh(case)


def _scores(case, domains, days_ago):
    assessment = assess(case, 2, days_ago=days_ago)
    TriageAssessment.objects.filter(pk=assessment.pk).update(answers={"domains": domains})


def test_low_scoring_domains_are_offered_first(demo, case):
    _scores(case, {"financien": 2, "verslaving": 1, "huisvesting": 4}, days_ago=1)

    assert domains_offered(case)[:2] == ["verslaving", "financien"]
    assert len(domains_offered(case)) == 11


def test_regiehouder_adds_a_goal_for_one_person_and_the_plan_keeps_its_versions(demo, case):
    person = case.persons.first()
    goal = goal_save(
        user=demo.users["wijkteam"],
        case=case,
        domain="financien",
        text="Schulden in beeld en een budgetplan.",
        person=person,
    )
    goal_save(
        user=demo.users["regisseur"],
        case=fresh(case),
        goal=goal,
        domain="financien",
        text=goal.text,
        person=person,
        status=GoalStatus.MET,
    )

    versions = list(PlanVersion.objects.filter(plan__case=case).order_by("number"))
    # plan_save wrote version 1; each goal change one more.
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[1].goal_items[0]["status"] == "open"
    assert versions[2].goal_items[0]["status"] == "met"
    authors = list(
        case.events.filter(kind="goal_saved")
        .order_by("pk")
        .values_list("actor__username", flat=True)
    )
    assert authors == ["wijkteam", "regisseur"]


def test_goal_shows_the_domain_score_in_the_first_and_latest_triage(demo, case):
    _scores(case, {"financien": 1}, days_ago=60)
    _scores(case, {"financien": 3}, days_ago=1)
    goal_save(user=demo.users["wijkteam"], case=case, domain="financien", text="Budgetplan.")

    [progress] = goals_with_progress(fresh(case), case_access(demo.users["wijkteam"], case))

    assert (progress.first, progress.latest, progress.improved) == (1, 3, True)


def test_a_goal_about_addiction_is_hidden_from_a_partner_without_gezondheid(demo, case):
    goal_save(user=demo.users["wijkteam"], case=case, domain="verslaving", text="Detox vader.")
    goal_save(user=demo.users["wijkteam"], case=fresh(case), domain="huisvesting", text="Huur.")

    politie = goals_with_progress(fresh(case), case_access(demo.users["politie"], case))
    ggz = goals_with_progress(fresh(case), case_access(demo.users["ggz"], case))

    assert [p.goal.domain for p in politie] == ["huisvesting"]
    assert {p.goal.domain for p in ggz} == {"verslaving", "huisvesting"}
    assert case.events.get(kind="goal_saved", data__goal=ggz[0].goal.pk).category in (
        "gezondheid",
        "plan",
    )


def test_partner_cannot_set_goals(demo, case):
    with pytest.raises(TransitionRefused, match="Alleen "):
        goal_save(user=demo.users["politie"], case=case, domain="justitie", text="Toezicht.")


def test_a_person_from_another_household_is_refused(demo, case):
    from django.core.exceptions import ValidationError

    stranger = demo.cases["DEMO-ADVIES"].persons.first()
    with pytest.raises(ValidationError):
        goal_save(
            user=demo.users["wijkteam"], case=case, domain="adl", text="Hulp.", person=stranger
        )


def test_goal_page_offers_the_household_and_answers_404_to_outsiders(demo, case):
    url = f"/escalation/cases/{case.pk}/plan/goal/"
    page = demo.client_for("wijkteam").get(url)
    assert page.status_code == 200
    assert "Het hele huishouden" in page.content.decode()
    assert demo.client_for("wijkteam2").get(url).status_code == 404

    response = demo.client_for("regisseur").post(
        url, {"phase": "zvh", "domain": "huisvesting", "text": "Woning behouden.", "status": "open"}
    )
    assert response.status_code == 302
