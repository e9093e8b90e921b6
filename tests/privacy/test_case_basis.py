"""The regiehouder records the grondslag and whether the client was informed."""

from __future__ import annotations

from cases.models import CaseEvent


def _url(case) -> str:
    return f"/privacy/case/{case.pk}/basis/"


def test_regiehouder_updates_legal_basis_and_it_shows_on_the_case_page(demo):
    case = demo.cases["DEMO-ZVH"]
    client = demo.client_for("wijkteam")
    assert (
        "Grondslag en informatieplicht bijwerken"
        in client.get(f"/cases/{case.pk}/").content.decode()
    )
    response = client.post(
        _url(case),
        {
            "legal_basis": "jeugdwet",
            "client_informed": "on",
            "client_informed_on": "01-11-2026",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.legal_basis == "jeugdwet"
    assert case.client_informed_on.isoformat() == "2026-11-01"
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Jeugdwet" in page
    event = CaseEvent.objects.filter(case=case, kind="basis_updated").get()
    assert "Jeugdwet" in event.description and "01-11-2026" in event.description


def test_not_informed_needs_a_reason(demo):
    case = demo.cases["DEMO-ZVH"]
    response = demo.client_for("wijkteam").post(
        _url(case), {"legal_basis": "wmo", "client_not_informed_reason": ""}
    )
    assert response.status_code == 400
    assert "Geef aan waarom" in response.content.decode()
    assert not CaseEvent.objects.filter(case=case, kind="basis_updated").exists()


def test_others_than_the_regiehouder_cannot_change_it(demo):
    case = demo.cases["DEMO-ZVH"]
    for username in ("regisseur", "politie", "manager"):
        response = demo.client_for(username).post(_url(case), {"legal_basis": "wmo"})
        assert response.status_code == 403, username
    assert demo.client_for("wijkteam2").get(_url(case)).status_code == 404
