"""Issue 14: every role starts on its own work, within a bounded number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.sections import section_url
from escalation.models import Action, ActionStatus, Consultation
from escalation.services.consultation import consultation_answer, consultation_ask
from notifications.models import ObjectType, Reminder, ReminderKind
from privacy.models import BreakGlassAccess, SubjectAccessRequest

from .conftest import fresh

URL = reverse("escalation:worklist")

# role → a sentence of its intro: nobody lands on a page without knowing what it is for.
INTROS = {
    "regisseur": "aanmeldingen screenen, meekijkvragen beantwoorden",
    "wijkteam": "Uw casussen, het advies dat het ZVH u gaf",
    "politie": "De acties die uw organisatie uitvoert",
    "ggz": "De acties die uw organisatie uitvoert",
    "manager": "Cijfers van uw team",
    "privacy": "Noodtoegang die u moet beoordelen",
    "admin": "Als functioneel beheerder werkt u niet aan casussen",
    "gemeente": "De bestuurlijke informatie van het Zorg- en Veiligheidshuis",
}


@pytest.mark.parametrize("username", sorted(INTROS))
def test_each_role_lands_on_a_start_page_that_says_what_it_is_for(
    wf_demo, gemeente_user, username, django_assert_max_num_queries
):
    users = {**wf_demo.users, "gemeente": gemeente_user}
    client = wf_demo.client_for("wijkteam")
    client.force_login(users[username])
    client.get(URL)  # the session's idle clock is written at most once a minute
    # Issue 14: at most ten queries, bell and session included.
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert response.status_code == 200
    assert INTROS[username] in response.content.decode()


def test_politie_sees_its_actions_and_updates_one_from_the_start_page(wf_demo):
    client = wf_demo.client_for("politie")
    html = client.get(URL).content.decode()
    assert "Acties van uw organisatie (1)" in html and "Gezamenlijk huisbezoek" in html
    assert "Casussen waaraan u deelneemt" in html and "DEMO-ZVH" in html
    assert "Uitnodigingen voor casusoverleg (1)" in html
    action = Action.objects.get(owner_organisation=wf_demo.orgs["Politie"])
    response = client.post(
        reverse("escalation:action_status", args=[action.pk]),
        {"status": ActionStatus.DONE, "expected_status": action.status, "next": "worklist"},
    )
    assert response.status_code == 302 and response["Location"] == URL
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE
    assert "Acties van uw organisatie (0)" in client.get(URL).content.decode()


def test_a_free_next_url_is_ignored_after_an_action_update(wf_demo):
    action = Action.objects.get(owner_organisation=wf_demo.orgs["Politie"])
    response = wf_demo.client_for("politie").post(
        reverse("escalation:action_status", args=[action.pk]),
        {"status": ActionStatus.DONE, "expected_status": action.status, "next": "//evil"},
    )
    # Back to the plan section of the case, never to the address that was sent along.
    assert response["Location"] == section_url(action.case_id, "plan")


def test_regisseur_sees_the_advice_question_and_wijkteam_the_answer(wf_demo):
    case = fresh(wf_demo.cases["DEMO-STAGNATIE"])
    consultation_ask(user=wf_demo.users["wijkteam"], case=case, question="Wat is wijs hier?")
    html = wf_demo.client_for("regisseur").get(URL).content.decode()
    assert "Meekijkvragen (" in html and "DEMO-STAGNATIE" in html
    consultation_answer(
        user=wf_demo.users["regisseur"], case=fresh(case), answer="Schakel de GGZ in."
    )
    assert Consultation.objects.filter(case=case, answered_at__isnull=False).exists()
    html = wf_demo.client_for("wijkteam").get(URL).content.decode()
    assert "Advies van het ZVH (1)" in html


def test_manager_sees_team_figures_and_cases_held_too_long(wf_demo):
    case = wf_demo.cases["DEMO-STAGNATIE"]
    Reminder.objects.create(
        kind=ReminderKind.HELD_TOO_LONG,
        case=case,
        object_type=ObjectType.CASE,
        object_id=case.pk,
        due_date=timezone.localdate(),
        recipient=wf_demo.users["manager"],
    )
    html = wf_demo.client_for("manager").get(URL).content.decode()
    assert "Cijfers van uw team" in html and "lopende casussen" in html
    assert "Te lang in het wijkteam (1)" in html and "DEMO-STAGNATIE" in html


def test_privacy_officer_sees_break_glass_to_review_and_open_inzage_requests(wf_demo):
    now = timezone.now()
    BreakGlassAccess.objects.create(
        user=wf_demo.users["ggz"],
        organisation=wf_demo.orgs["GGZ"],
        case=wf_demo.cases["DEMO-STAGNATIE"],
        reason="Crisis buiten kantoortijd.",
        expires_at=now + timedelta(hours=4),
    )
    today = timezone.localdate()
    SubjectAccessRequest.objects.create(
        requested_by=wf_demo.users["privacy"],
        requester="Betrokkene",
        received_on=today,
        deadline=today + timedelta(days=30),
    )
    html = wf_demo.client_for("privacy").get(URL).content.decode()
    assert "Noodtoegang te beoordelen (1)" in html and "DEMO-STAGNATIE" in html
    assert "Open inzageverzoeken (1)" in html
    assert (today + timedelta(days=30)).strftime("%d-%m-%Y") in html


def test_gemeente_sees_the_notices_and_no_case(wf_demo, gemeente_user):
    client = wf_demo.client_for("wijkteam")
    client.force_login(gemeente_user)
    html = client.get(URL).content.decode()
    assert "Bestuurlijke informatie (" in html
    assert "Mijn casussen" not in html
