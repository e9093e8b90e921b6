"""The start page: each role's work list, bounded in queries."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from escalation import worklist
from escalation.models import EscalationRequest

from .conftest import assess, fresh


def test_home_redirects_to_the_work_list(demo):
    response = demo.client_for("wijkteam").get("/")
    assert response.status_code == 302
    assert response["Location"] == reverse("escalation:worklist")


def test_regisseur_sees_acute_requests_first_then_by_deadline(wf_demo, flow):
    stagnatie = fresh(wf_demo.cases["DEMO-STAGNATIE"])
    flow.escalate(stagnatie)
    # Not acute, but already overdue: still below the acute one.
    EscalationRequest.objects.filter(case=stagnatie).update(
        screening_deadline=timezone.localdate() - timedelta(days=2)
    )
    html = wf_demo.client_for("regisseur").get(reverse("escalation:screening")).content.decode()
    assert html.index("DEMO-ACUUT") < html.index("DEMO-STAGNATIE")
    assert "te laat" in html
    worklist = wf_demo.client_for("regisseur").get(reverse("escalation:worklist")).content
    assert "Wacht op screening (2)" in worklist.decode()


def test_screening_queue_flags_an_aanmelding_without_triage(wf_demo, flow):
    from escalation.services.request import escalation_request

    escalation_request(
        user=wf_demo.users["wijkteam"],
        case=fresh(wf_demo.cases["DEMO-STAGNATIE"]),
        aanleiding="Zorgen nemen toe.",
        doel="Advies en regie.",
        client_informed=True,
        override_motivation="Buren melden dagelijks bedreigingen; triage volgt morgen.",
    )
    html = wf_demo.client_for("regisseur").get(reverse("escalation:screening")).content.decode()
    assert "Zonder passende triage:" in html
    assert "Buren melden dagelijks bedreigingen" in html


def test_only_regisseurs_open_the_screening_queue(wf_demo):
    assert wf_demo.client_for("wijkteam").get(reverse("escalation:screening")).status_code == 403


def test_receiving_team_sees_the_handover_waiting_for_it(wf_demo):
    html = wf_demo.client_for("wijkteam2").get(reverse("escalation:worklist")).content.decode()
    assert "Overdrachten voor uw team (1)" in html and "DEMO-AFSCHALING" in html


def test_regiehouder_sees_the_nazorg_check_due_next_week(wf_demo):
    html = wf_demo.client_for("wijkteam").get(reverse("escalation:worklist")).content.decode()
    assert "Nazorgcontroles (1)" in html and "DEMO-NAZORG" in html
    assert "Mijn casussen" in html and "DEMO-STAGNATIE" in html


def test_regisseur_sees_reviews_due_and_overdue_actions(wf_demo):
    html = wf_demo.client_for("regisseur").get(reverse("escalation:worklist")).content.decode()
    # DEMO-ZVH: evaluatie in two days and the verslavingszorg intake three days late.
    assert "Evaluaties binnenkort of verlopen (1)" in html
    assert "Verlopen acties (1)" in html and "Intakegesprek" in html


def test_partner_sees_no_overdue_action_of_another_organisation(wf_demo):
    html = wf_demo.client_for("politie").get(reverse("escalation:worklist")).content.decode()
    # The start page lists the actions of the partner's own organisation only; the
    # verslavingszorg intake of DEMO-ZVH is overdue but not politie's.
    assert "Acties van uw organisatie" in html
    assert "Intakegesprek" not in html


def test_work_list_queries_do_not_grow_with_the_number_of_cases(wf_demo, flow):
    client = wf_demo.client_for("regisseur")
    url = reverse("escalation:worklist")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for reference in ("DEMO-STAGNATIE", "DEMO-ZUID-1"):
        case = fresh(wf_demo.cases[reference])
        user = wf_demo.users["wijkteam" if reference == "DEMO-STAGNATIE" else "wijkteam2"]
        flow.escalate(case, user=user)
    assess(fresh(wf_demo.cases["DEMO-ADVIES"]), 1)
    with CaptureQueriesContext(connection) as after:
        page = client.get(url)
    assert "Wacht op screening (3)" in page.content.decode()
    assert len(after.captured_queries) == len(before.captured_queries) <= 15


def test_regisseur_finds_own_cases_through_the_case_list_filter(wf_demo):
    html = wf_demo.client_for("regisseur").get(reverse("escalation:worklist")).content.decode()
    assert f'href="{reverse("cases:list")}?mine=on"' in html
    listed = wf_demo.client_for("regisseur").get(reverse("cases:list"), {"mine": "on"})
    assert "DEMO-ZVH" in listed.content.decode()


def test_manager_figures_are_exact_up_to_the_cap_and_say_more_than_beyond(wf_demo, monkeypatch):
    client = wf_demo.client_for("manager")
    html = client.get(reverse("escalation:worklist")).content.decode()
    assert "lopende casussen." in html and "meer dan" not in html
    exact = client.get(reverse("escalation:worklist")).context["sections"]["figures"]
    wijkteam_count = next(f["count"] for f in exact if f["phase"] == "Wijkteam")
    assert wijkteam_count >= 2
    monkeypatch.setattr(worklist, "FIGURE_CAP", 1)
    html = client.get(reverse("escalation:worklist")).content.decode()
    assert "Wijkteam: meer dan 1" in html and "Meer dan" in html


def test_nazorg_checks_listed_only_when_due_within_a_week_and_pending(wf_demo):
    from escalation.models import AftercareCheck

    user = wf_demo.users["wijkteam"]
    case = wf_demo.cases["DEMO-NAZORG"]
    check = AftercareCheck.objects.pending().get(case=case)
    today = timezone.localdate()

    def listed():
        return [
            (c.reference, c.aftercare_due) for c in worklist.worklist_for(user)["aftercare_due"]
        ]

    AftercareCheck.objects.filter(pk=check.pk).update(due_date=today - timedelta(days=3))
    assert listed() == [("DEMO-NAZORG", today - timedelta(days=3))]
    html = wf_demo.client_for("wijkteam").get(reverse("escalation:worklist")).content.decode()
    assert f"DEMO-NAZORG</a> — {today - timedelta(days=3):%d-%m-%Y} <strong>(verlopen)" in html
    AftercareCheck.objects.filter(pk=check.pk).update(due_date=today + timedelta(days=8))
    assert listed() == []
    AftercareCheck.objects.filter(pk=check.pk).update(due_date=today, done_at=timezone.now())
    assert listed() == []


def test_nazorg_checks_of_another_regiehouder_or_a_hidden_case_are_not_listed(wf_demo):
    from cases.models import Case
    from privacy.models import CaseGroupObjectPermission

    case = wf_demo.cases["DEMO-NAZORG"]
    user = wf_demo.users["wijkteam"]
    assert [c.pk for c in worklist.worklist_for(user)["aftercare_due"]] == [case.pk]
    Case.objects.filter(pk=case.pk).update(regiehouder=wf_demo.users["wijkteam2"])
    assert worklist.worklist_for(user)["aftercare_due"] == []
    Case.objects.filter(pk=case.pk).update(regiehouder=user)
    # The grants gone (as after a convenant change): the start page follows the access layer.
    CaseGroupObjectPermission.objects.filter(content_object=case).delete()
    assert worklist.worklist_for(user)["aftercare_due"] == []
