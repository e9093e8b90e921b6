"""The procesregisseur adds and removes partner organisations on a case."""

from __future__ import annotations

from cases.models import CaseEvent
from privacy.models import AccessLog, CaseParticipation


def _url(case) -> str:
    return f"/privacy/case/{case.pk}/participants/"


def test_regisseur_sees_participants_of_a_case(demo):
    case = demo.cases["DEMO-ZVH"]
    response = demo.client_for("regisseur").get(_url(case))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Politie" in body and "GGZ" in body
    assert "Partner toevoegen" in body


def test_regisseur_adds_a_partner_with_a_reason_on_the_timeline(demo):
    case = demo.cases["DEMO-ZVH"]
    vt = demo.orgs["Veilig Thuis"]
    response = demo.client_for("regisseur").post(
        _url(case),
        {"action": "add", "organisation": vt.pk, "reason": "Eigenaar van de actie veiligheidsplan"},
    )
    assert response.status_code == 302
    assert CaseParticipation.objects.filter(case=case, organisation=vt, removed_at=None).exists()
    event = CaseEvent.objects.filter(case=case, kind="participant_added").latest("id")
    assert "Veilig Thuis" in event.description
    assert "veiligheidsplan" in event.description
    assert AccessLog.objects.filter(case=case, action="change").exists()


def test_removed_partner_loses_access_on_its_next_request(demo):
    case = demo.cases["DEMO-ZVH"]
    police = demo.client_for("politie")
    assert police.get(f"/cases/{case.pk}/").status_code == 200
    response = demo.client_for("regisseur").post(
        _url(case),
        {
            "action": "remove",
            "organisation": demo.orgs["Politie"].pk,
            "reason": "Politie heeft geen rol meer in het plan",
        },
    )
    assert response.status_code == 302
    assert police.get(f"/cases/{case.pk}/").status_code == 404
    assert case.reference not in police.get("/cases/").content.decode()
    assert CaseEvent.objects.filter(case=case, kind="participant_removed").exists()


def test_removing_an_organisation_that_does_not_take_part_changes_nothing(demo):
    case = demo.cases["DEMO-ZVH"]
    before = CaseParticipation.objects.count()
    response = demo.client_for("regisseur").post(
        _url(case),
        {"action": "remove", "organisation": demo.orgs["Reclassering"].pk, "reason": "test"},
    )
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert CaseParticipation.objects.count() == before


def test_adding_without_reason_shows_an_error(demo):
    case = demo.cases["DEMO-ZVH"]
    response = demo.client_for("regisseur").post(
        _url(case), {"action": "add", "organisation": demo.orgs["Veilig Thuis"].pk, "reason": ""}
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not CaseParticipation.objects.filter(organisation=demo.orgs["Veilig Thuis"]).exists()


def test_a_wijkteam_or_the_gemeente_cannot_be_added(demo):
    case = demo.cases["DEMO-ZVH"]
    for org in ("Wijkteam Zuid", "Gemeente", "Zorg- en Veiligheidshuis"):
        response = demo.client_for("regisseur").post(
            _url(case), {"action": "add", "organisation": demo.orgs[org].pk, "reason": "x"}
        )
        assert response.status_code == 400
        assert not CaseParticipation.objects.filter(case=case, organisation=demo.orgs[org]).exists()


def test_partner_can_view_but_not_change_participants(demo):
    case = demo.cases["DEMO-ZVH"]
    police = demo.client_for("politie")
    page = police.get(_url(case))
    assert page.status_code == 200
    assert "Partner toevoegen" not in page.content.decode()
    response = police.post(
        _url(case), {"action": "add", "organisation": demo.orgs["Veilig Thuis"].pk, "reason": "x"}
    )
    assert response.status_code == 403
    assert not CaseParticipation.objects.filter(organisation=demo.orgs["Veilig Thuis"]).exists()


def test_wijkteam_of_another_team_gets_404(demo):
    case = demo.cases["DEMO-ZVH"]
    assert demo.client_for("wijkteam2").get(_url(case)).status_code == 404
