"""The demo stories are complete and seeding twice creates nothing new."""

from __future__ import annotations

from django.utils import timezone

from escalation import models
from escalation.demo import seed
from privacy.access import case_access, visible_cases

MODELS = [
    models.Consultation,
    models.EscalationRequest,
    models.ZvhTrack,
    models.CaseConference,
    models.ActionPlan,
    models.Action,
    models.Handover,
    models.AftercareCheck,
    models.AdministrativeNotice,
]


def test_seeding_twice_creates_nothing_new(wf_demo):
    counts = [m.objects.count() for m in MODELS]
    seed(cases=wf_demo.cases, users=wf_demo.users, orgs=wf_demo.orgs)
    assert [m.objects.count() for m in MODELS] == counts


def test_demo_zvh_has_a_plan_with_four_partner_actions(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    owners = set(case.actions.values_list("owner_organisation__name", flat=True))
    assert owners == {"Politie", "GGZ", "Verslavingszorg", "Veilig Thuis"}
    assert case.conferences.get().invited.count() == 2
    assert models.ZvhTrack.objects.get(case=case, ended_at__isnull=True).review_date
    participants = set(
        case.participations.filter(removed_at__isnull=True).values_list(
            "organisation__name", flat=True
        )
    )
    assert owners <= participants


def test_acute_request_waits_for_screening_today(wf_demo):
    request = models.EscalationRequest.objects.get(case=wf_demo.cases["DEMO-ACUUT"])
    assert request.acute and request.screened_at is None
    assert request.screening_deadline == timezone.localdate()


def test_open_consultation_lets_the_regisseur_read_along(wf_demo):
    case = wf_demo.cases["DEMO-ADVIES"]
    assert visible_cases(wf_demo.users["regisseur"]).filter(pk=case.pk).exists()
    assert case_access(wf_demo.users["regisseur"], case).categories == {
        "basis",
        "signalen",
        "triage",
    }


def test_handover_stories(wf_demo):
    proposed = models.Handover.objects.get(case=wf_demo.cases["DEMO-AFSCHALING"])
    assert proposed.status == models.HandoverStatus.PROPOSED
    assert proposed.receiving_team.name == "Wijkteam Zuid"
    check = models.AftercareCheck.objects.get(case=wf_demo.cases["DEMO-NAZORG"])
    assert (check.due_date - timezone.localdate()).days == 7
