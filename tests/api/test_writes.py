"""Writing through the API: notes, workflow steps and plan actions, and bad input.

Every refusal is problem+json with a Dutch detail, never a 500, and changes nothing.
"""

from __future__ import annotations

import pytest

from cases.models import Case, CaseNote
from privacy.models import AccessLog

from .conftest import assert_problem
from .conftest import post_json as _post

pytestmark = pytest.mark.django_db


def test_worker_adds_a_note_and_one_change_row_is_logged(demo, api):
    case = demo.cases["DEMO-STAGNATIE"]
    before = AccessLog.objects.filter(case=case).count()
    response = _post(
        api("wijkteam"), f"/api/v1/cases/{case.pk}/notes/", {"category": "zorg", "text": "Bezocht."}
    )
    assert response.status_code == 201
    assert CaseNote.objects.filter(case=case, text="Bezocht.").exists()
    rows = AccessLog.objects.filter(case=case)
    assert rows.count() == before + 1
    assert rows.order_by("-id").first().action == "change"


def test_police_cannot_write_a_health_note(demo, api):
    case = demo.cases["DEMO-ZVH"]
    notes = CaseNote.objects.count()
    response = _post(
        api("politie"), f"/api/v1/cases/{case.pk}/notes/", {"category": "gezondheid", "text": "x"}
    )
    body = assert_problem(response, 403)
    assert body["detail"] == "U kunt in deze categorie geen notities toevoegen."
    assert CaseNote.objects.count() == notes


def test_manager_cannot_write_notes(demo, api):
    case = demo.cases["DEMO-ZVH"]
    response = _post(
        api("manager"), f"/api/v1/cases/{case.pk}/notes/", {"category": "basis", "text": "x"}
    )
    assert_problem(response, 403)


@pytest.mark.parametrize(
    "body",
    [
        {"category": "zorg", "text": "x", "extra": 1},
        {"category": "zorg", "text": 5},
        {"category": "geen", "text": "x"},
        {"category": "zorg"},
        {"category": "zorg", "text": "   "},
        ["zorg"],
        "tekst",
    ],
)
def test_bad_note_bodies_are_refused(demo, api, body):
    case = demo.cases["DEMO-STAGNATIE"]
    notes = CaseNote.objects.count()
    assert_problem(_post(api("wijkteam"), f"/api/v1/cases/{case.pk}/notes/", body), 400)
    assert CaseNote.objects.count() == notes


def test_invalid_json_is_refused(demo, api):
    case = demo.cases["DEMO-STAGNATIE"]
    response = api("wijkteam").post(
        f"/api/v1/cases/{case.pk}/notes/", "{niet json", content_type="application/json"
    )
    assert assert_problem(response, 400)["detail"] == "De inhoud is geen geldige JSON."


def test_oversized_body_is_refused(demo, api):
    case = demo.cases["DEMO-STAGNATIE"]
    body = {"category": "zorg", "text": "x" * 100_000}
    assert_problem(_post(api("wijkteam"), f"/api/v1/cases/{case.pk}/notes/", body), 413)


def test_form_encoded_body_is_refused(demo, api):
    case = demo.cases["DEMO-STAGNATIE"]
    response = api("wijkteam").post(f"/api/v1/cases/{case.pk}/notes/", {"category": "zorg"})
    assert_problem(response, 415)


def test_regiehouder_closes_a_case_through_the_step(demo, api):
    case = demo.cases["DEMO-ADVIES"]
    response = _post(
        api("wijkteam"),
        f"/api/v1/cases/{case.pk}/close/",
        {"expected_phase": "wijkteam", "reason": "Hulp is afgerond."},
    )
    assert response.status_code == 200, response.content
    assert response.json() == {"id": case.pk, "phase": "gesloten", "step": "close"}
    case.refresh_from_db()
    assert case.phase == "gesloten"


def test_stale_expected_phase_is_refused(demo, api):
    case = demo.cases["DEMO-ADVIES"]
    response = _post(
        api("wijkteam"),
        f"/api/v1/cases/{case.pk}/close/",
        {"expected_phase": "zvh", "reason": "Hulp is afgerond."},
    )
    assert "intussen in fase" in assert_problem(response, 409)["detail"]
    case.refresh_from_db()
    assert case.phase == "wijkteam"


def test_step_in_the_wrong_phase_is_refused(demo, api):
    case = demo.cases["DEMO-ZVH"]
    response = _post(
        api("regisseur"), f"/api/v1/cases/{case.pk}/accept/", {"expected_phase": "zvh"}
    )
    assert assert_problem(response, 409)["detail"].startswith("In fase ‘In het ZVH’ kunt u niet")
    assert Case.objects.get(pk=case.pk).phase == "zvh"


def test_step_by_the_wrong_role_is_refused(demo, api):
    case = demo.cases["DEMO-ZVH"]
    response = _post(
        api("politie"),
        f"/api/v1/cases/{case.pk}/close/",
        {"expected_phase": "zvh", "reason": "Klaar."},
    )
    assert assert_problem(response, 409)["detail"].startswith("Alleen ")
    assert Case.objects.get(pk=case.pk).phase == "zvh"


@pytest.mark.parametrize(
    "body",
    [
        {"reason": "x"},
        {"expected_phase": "wijkteam", "reason": "x", "onbekend": True},
        {"expected_phase": "wijkteam", "reason": 12},
        {"expected_phase": "wijkteam", "reason": ""},
        {"expected_phase": "maan", "reason": "x"},
        {"expected_phase": "wijkteam", "reason": "x", "text_category": "geen"},
    ],
)
def test_bad_step_bodies_are_refused(demo, api, body):
    case = demo.cases["DEMO-ADVIES"]
    assert_problem(_post(api("wijkteam"), f"/api/v1/cases/{case.pk}/close/", body), 400)
    assert Case.objects.get(pk=case.pk).phase == "wijkteam"


def test_action_owner_updates_the_status_of_its_action(demo, api, police_action):
    listed = api("politie").get(f"/api/v1/cases/{police_action.case_id}/actions/").json()
    assert police_action.pk in {a["id"] for a in listed}
    response = _post(
        api("politie"),
        f"/api/v1/actions/{police_action.pk}/status/",
        {"status": "in_progress", "expected_status": "open"},
    )
    assert response.status_code == 200, response.content
    police_action.refresh_from_db()
    assert police_action.status == "in_progress"


def test_stale_expected_status_is_refused(demo, api, police_action):
    police_action.status = "done"
    police_action.save()
    response = _post(
        api("politie"),
        f"/api/v1/actions/{police_action.pk}/status/",
        {"status": "in_progress", "expected_status": "open"},
    )
    assert "intussen" in assert_problem(response, 409)["detail"]


def test_other_partner_cannot_update_an_action(demo, api, police_action):
    response = _post(api("ggz"), f"/api/v1/actions/{police_action.pk}/status/", {"status": "done"})
    assert_problem(response, 409)
    police_action.refresh_from_db()
    assert police_action.status == "open"


def test_hidden_action_is_404(demo, api, police_action):
    response = _post(
        api("wijkteam2"), f"/api/v1/actions/{police_action.pk}/status/", {"status": "done"}
    )
    assert_problem(response, 404)


def test_triage_evaluation_without_a_case(demo, api):
    response = _post(api("wijkteam"), "/api/v1/triage/evaluate/", {"domains": {"financien": 1}})
    assert response.status_code == 200
    assert response.json()["score"] > 0


def test_triage_evaluation_names_the_bad_field(demo, api):
    body = assert_problem(
        _post(api("wijkteam"), "/api/v1/triage/evaluate/", {"domains": {"financien": 9}}), 400
    )
    assert "domains.financien" in body["errors"]


def test_police_cannot_evaluate_triage(demo, api):
    assert_problem(_post(api("politie"), "/api/v1/triage/evaluate/", {}), 403)
