"""The goals of the plan on the case page ("Plan & overleg"): per person and life domain,
with the domain's score in the first and the latest triage, each goal only for viewers
who may see its category."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.sections import section_url
from escalation.models import GoalStatus
from escalation.services.plan import goal_save
from triage.models import TriageAssessment

from .conftest import assess, fresh


def _scores(case, domains: dict, *, days_ago: float) -> None:
    assessment = assess(case, 2, days_ago=days_ago)
    TriageAssessment.objects.filter(pk=assessment.pk).update(answers={"domains": domains})


def _plan_section(client, case) -> str:
    page = client.get(section_url(case.pk, "plan"))
    assert page.status_code == 200
    return page.content.decode()


def test_ggz_sees_a_goal_about_addiction_and_politie_does_not(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    worker = wf_demo.users["wijkteam"]
    goal_save(user=worker, case=case, domain="verslaving", text="Moeder start een detox.")
    goal_save(user=worker, case=fresh(case), domain="huisvesting", text="Woning behouden.")

    politie = _plan_section(wf_demo.client_for("politie"), case)
    ggz = _plan_section(wf_demo.client_for("ggz"), case)

    assert "Woning behouden." in politie
    assert "Moeder start een detox." not in politie
    assert "Moeder start een detox." in ggz
    assert "Woning behouden." in ggz


def test_regiehouder_sees_person_domain_status_and_an_improved_score(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    _scores(case, {"financien": 1, "huisvesting": 4, "dagbesteding": 3}, days_ago=400)
    _scores(case, {"financien": 3, "huisvesting": 2, "dagbesteding": 3}, days_ago=0.01)
    person = case.persons.order_by("pk").first()
    worker = wf_demo.users["wijkteam"]
    goal_save(user=worker, case=case, domain="financien", text="Budgetplan.", person=person)
    goal_save(user=worker, case=fresh(case), domain="huisvesting", text="Huur op tijd.")
    goal_save(
        user=worker,
        case=fresh(case),
        domain="dagbesteding",
        text="Werkplek.",
        status=GoalStatus.MET,
    )

    html = _plan_section(wf_demo.client_for("wijkteam"), case)

    assert "Doelen per persoon en leefgebied" in html
    assert person.full_name in html
    assert "Hele huishouden" in html
    assert "1 → 3 (verbeterd)" in html
    assert "4 → 2 (verslechterd)" in html
    assert "3 → 3 (gelijk)" in html
    assert "Behaald" in html


def test_another_wijkteam_gets_404_on_the_plan_section(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    goal_save(user=wf_demo.users["wijkteam"], case=case, domain="huisvesting", text="Huur.")

    # Wijkteam Zuid has no relation to this case: the case itself is hidden.
    assert wf_demo.client_for("wijkteam2").get(section_url(case.pk, "plan")).status_code == 404


def test_case_page_queries_do_not_grow_with_the_goals(wf_demo, django_assert_max_num_queries):
    case = wf_demo.cases["DEMO-ZVH"]
    worker = wf_demo.users["wijkteam"]
    person = case.persons.order_by("pk").first()
    goal_save(user=worker, case=case, domain="huisvesting", text="Doel 0.", person=person)
    client = wf_demo.client_for("ggz")
    url = section_url(case.pk, "plan")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)

    for i in range(1, 11):
        goal_save(
            user=worker,
            case=fresh(case),
            domain="verslaving" if i % 2 else "financien",
            text=f"Doel {i}.",
            person=person if i % 3 else None,
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        html = client.get(url).content.decode()
    assert "Doel 10." in html
    assert len(before.captured_queries) <= 25
