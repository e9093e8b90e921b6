"""An aanmelding's snapshot of triage reasons is shown filtered for the viewer: health
reasons only to who may see `gezondheid` (triage.presentation holds the rule)."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from cases.categories import Category
from cases.phases import Phase
from escalation.models import EscalationRequest
from escalation.selectors import request_reasons, screening_rows
from privacy.access import CaseAccess, case_access

HEALTH_RULES = {"domein:verslaving", "domein:geestelijke_gezondheid"}


def _texts(request: EscalationRequest, rules: set[str]) -> list[str]:
    return [r["text"] for r in request.triage_reasons if r["rule"] in rules]


def test_politie_cannot_see_health_reasons_of_the_aanmelding(full_demo):
    case = full_demo.cases["DEMO-ZVH"]
    request = EscalationRequest.objects.get(case=case)
    access = case_access(full_demo.users["politie"], case)
    assert not access.can_see(Category.GEZONDHEID)
    rules = {r["rule"] for r in request_reasons(request, access=access)}
    assert "geweld" in rules
    assert not rules & HEALTH_RULES


def test_regisseur_can_see_health_reasons_of_the_aanmelding(full_demo):
    case = full_demo.cases["DEMO-ZVH"]
    request = EscalationRequest.objects.get(case=case)
    access = case_access(full_demo.users["regisseur"], case)
    rules = {r["rule"] for r in request_reasons(request, access=access)}
    assert rules >= HEALTH_RULES


def test_a_viewer_without_access_sees_no_health_reason_in_the_aside(full_demo):
    request = EscalationRequest.objects.get(case=full_demo.cases["DEMO-ZVH"])
    html = render_to_string("escalation/_aside_request.html", {"request_obj": request})
    assert "Redenen uit de triage" in html
    health = _texts(request, HEALTH_RULES)
    assert health
    for text in health:
        assert text not in html


def test_regisseur_sees_health_reasons_on_the_screening_page(full_demo):
    request = EscalationRequest.objects.get(case=full_demo.cases["DEMO-ACUUT"])
    page = full_demo.client_for("regisseur").get(reverse("escalation:screening"))
    assert page.status_code == 200
    [row] = [r for r in page.context["page"] if r.pk == request.pk]
    assert {r["rule"] for r in row.visible_reasons} & HEALTH_RULES


def test_screening_rows_leave_out_health_reasons_for_a_viewer_without_gezondheid(full_demo):
    # Only the region's ZVH lists aanmeldingen (screening_rows goes through
    # visible_cases), and a regisseur always sees gezondheid: the rule is checked on
    # the rows with an access that lacks it.
    rows = list(screening_rows(full_demo.users["regisseur"]))
    assert rows
    without_health = CaseAccess(categories=frozenset({Category.BASIS, Category.TRIAGE}))
    for row in rows:
        shown = {r["rule"] for r in request_reasons(row, access=without_health)}
        assert not shown & HEALTH_RULES
    assert list(screening_rows(full_demo.users["politie"])) == []


def test_screening_list_is_paged_and_a_page_holds_at_most_its_size(full_demo):
    user = full_demo.users["regisseur"]
    # A second aanmelding waiting besides the demo's acute one.
    waiting = full_demo.cases["DEMO-ZVH"]
    EscalationRequest.objects.filter(case=waiting).update(screened_at=None)
    waiting.phase = Phase.AANGEMELD
    waiting.save(update_fields=["phase"])
    everything = [r.case.reference for r in screening_rows(user, per_page=100)]
    assert len(everything) == 2
    pages = [[r.case.reference for r in screening_rows(user, page=n, per_page=1)] for n in (1, 2)]
    assert pages == [everything[:1], everything[1:2]]
    # A page number that is no number shows the first page rather than an error.
    client = full_demo.client_for("regisseur")
    response = client.get(reverse("escalation:screening"), {"page": "onzin"})
    assert response.status_code == 200 and everything[0] in response.content.decode()
