"""The workflow pages from the browser's side: 404 for a hidden case, one access-log row
per request, stale forms and double submits refused, only permitted actions shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from cases.models import CaseEvent
from cases.phases import Phase
from cases.sections import section_url
from escalation.models import Action, EscalationRequest
from escalation.steps import PAGES
from privacy.models import AccessLog
from tests.case_pages import case_page_text

from .conftest import assess, fresh

NOORD_CASES = ["DEMO-ZVH", "DEMO-ACUUT", "DEMO-ADVIES", "DEMO-NAZORG", "DEMO-STAGNATIE"]


@pytest.mark.parametrize("reference", NOORD_CASES)
def test_wijkteam2_gets_404_on_every_workflow_page_of_a_noord_case(wf_demo, reference):
    client = wf_demo.client_for("wijkteam2")
    case = wf_demo.cases[reference]
    logs, events = AccessLog.objects.count(), CaseEvent.objects.count()
    urls = [reverse(f"escalation:{name}", args=[case.pk]) for name in PAGES]
    urls.append(reverse("escalation:notice_mark", args=[case.pk]))
    urls += [
        reverse("escalation:action_status", args=[a.pk]) for a in Action.objects.filter(case=case)
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"phase": fresh(case).phase, "status": "done"}).status_code == 404
    assert AccessLog.objects.count() == logs
    assert CaseEvent.objects.count() == events
    assert fresh(case).phase == wf_demo.cases[reference].phase


def test_a_step_page_writes_one_access_log_row(wf_demo):
    case = wf_demo.cases["DEMO-ACUUT"]
    client = wf_demo.client_for("regisseur")
    before = AccessLog.objects.count()
    page = client.get(reverse("escalation:accept", args=[case.pk]))
    assert page.status_code == 200
    assert "Screenen uiterlijk" in page.content.decode()
    assert AccessLog.objects.count() == before + 1


def test_wijkteam_escalates_from_the_browser_and_a_second_submit_changes_nothing(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 2)
    client = demo.client_for("wijkteam")
    url = reverse("escalation:request", args=[case.pk])
    page = client.get(url)
    assert "Risico: geweld" in page.content.decode()  # the triage, shown beside the form
    data = {
        "phase": Phase.WIJKTEAM,
        "aanleiding": "Geweld en stagnatie.",
        "doel": "Veiligheid voor het gezin.",
        "client_informed": "ja",
        "partners": [demo.orgs["Politie"].pk],
    }
    first = client.post(url, data)
    assert first.status_code == 302
    second = client.post(url, data)
    assert second.status_code == 409
    assert "eerdere fase" in second.content.decode()
    assert EscalationRequest.objects.filter(case=case).count() == 1
    assert fresh(case).phase == Phase.AANGEMELD


def test_a_stale_accept_form_is_refused_with_a_clear_message(wf_demo, regisseur2):
    case = wf_demo.cases["DEMO-ACUUT"]
    other = Client()
    other.force_login(regisseur2)
    data = {
        "phase": Phase.AANGEMELD,
        "procesregisseur": wf_demo.users["regisseur"].pk,
        "review_date": (timezone.localdate() + timedelta(days=14)).strftime("%d-%m-%Y"),
    }
    assert other.post(reverse("escalation:accept", args=[case.pk]), data).status_code == 302
    late = wf_demo.client_for("regisseur").post(reverse("escalation:accept", args=[case.pk]), data)
    assert late.status_code == 409
    assert "In het ZVH" in late.content.decode()
    assert fresh(case).procesregisseur == wf_demo.users["regisseur"]
    assert case.zvh_tracks.count() == 1


def test_invalid_input_shows_an_error_summary_and_changes_nothing(wf_demo):
    case = wf_demo.cases["DEMO-ACUUT"]
    response = wf_demo.client_for("regisseur").post(
        reverse("escalation:decline", args=[case.pk]),
        {"phase": Phase.AANGEMELD, "outcome": "doorgeleid", "outcome_text": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er is een probleem" in html and "Kies de partner die de casus oppakt." in html
    assert fresh(case).phase == Phase.AANGEMELD


def test_a_role_without_the_step_sees_a_refusal_not_a_form(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    response = wf_demo.client_for("politie").get(reverse("escalation:handover", args=[case.pk]))
    assert response.status_code == 403
    assert "Alleen een procesregisseur" in response.content.decode()


def test_case_page_shows_only_the_steps_the_viewer_may_take(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    regisseur = wf_demo.client_for("regisseur").get(reverse("cases:detail", args=[case.pk]))
    politie = wf_demo.client_for("politie").get(reverse("cases:detail", args=[case.pk]))
    assert "Afschaling voorstellen" in regisseur.content.decode()
    assert "Afschaling voorstellen" not in politie.content.decode()
    stagnatie = wf_demo.cases["DEMO-STAGNATIE"]
    wijkteam = wf_demo.client_for("wijkteam").get(reverse("cases:detail", args=[stagnatie.pk]))
    assert "Aanmelden bij het Zorg- en Veiligheidshuis" in wijkteam.content.decode()
    assert "Advies vragen (meekijken)" in wijkteam.content.decode()


def test_partner_gets_a_status_form_only_for_its_own_actions(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    html = case_page_text(wf_demo.client_for("politie"), case.pk)
    own = Action.objects.get(case=case, owner_organisation__name="Politie")
    other = Action.objects.get(case=case, owner_organisation__name="GGZ")
    assert reverse("escalation:action_status", args=[own.pk]) in html
    assert reverse("escalation:action_status", args=[other.pk]) not in html
    refused = wf_demo.client_for("politie").post(
        reverse("escalation:action_status", args=[other.pk]),
        {"status": "cancelled", "expected_status": other.status},
        follow=True,
    )
    assert "organisatie die de actie uitvoert" in refused.content.decode()
    other.refresh_from_db()
    assert other.status != "cancelled"


def test_plan_needs_category_plan_and_minutes_need_overleg(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    html = case_page_text(wf_demo.client_for("manager"), case.pk)
    assert "Plan van aanpak" in html and "Veiligheidstaxatie" in html
    assert "Casusoverleg van" not in html and "Gezamenlijke huisbezoeken" not in html
    advice = wf_demo.cases["DEMO-ADVIES"]
    html = case_page_text(wf_demo.client_for("regisseur"), advice.pk)
    assert "Overleg en plan" not in html
    assert "Meekijkverzoek beantwoorden" in html


def test_case_page_queries_do_not_grow_with_the_plan(wf_demo, django_assert_max_num_queries):
    case = fresh(wf_demo.cases["DEMO-ZVH"])
    client = wf_demo.client_for("politie")
    # The plan is read in the "Plan & overleg" section of the case page.
    url = section_url(case.pk, "plan")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    plan = case.action_plan
    for i in range(10):
        Action.objects.create(
            plan=plan,
            case=case,
            description=f"Extra actie {i}",
            owner_organisation=wf_demo.orgs["Politie" if i % 2 else "GGZ"],
            owner_person=wf_demo.users["politie"] if i % 2 else None,
            deadline=timezone.localdate() + timedelta(days=i),
            created_by=wf_demo.users["regisseur"],
        )
    with django_assert_max_num_queries(len(before.captured_queries)):
        page = client.get(url)
    assert "Extra actie 9" in page.content.decode()
    assert len(before.captured_queries) <= 25
