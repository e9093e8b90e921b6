"""Inzage (AVG art. 15): the privacy officer finds a person across all cases and exports
everything stored about them, with who accessed it; the export is logged per case."""

from __future__ import annotations

import json

import pytest

from cases.models import Person
from privacy.models import AccessLog


def _dylan(demo) -> Person:
    return Person.objects.get(case=demo.cases["DEMO-ZVH"], first_name="Dylan")


def test_privacy_officer_finds_a_person_in_an_open_case_by_name(demo):
    response = demo.client_for("privacy").get("/privacy/inzage/", {"name": "dylan verbeek"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 persoon gevonden" in body
    assert "Dylan Verbeek" in body and "DEMO-ZVH" in body
    # The search shows persons, never case content.
    assert "[GEZONDHEID]" not in body


def test_search_by_date_of_birth_only(demo):
    dylan = _dylan(demo)
    response = demo.client_for("privacy").get(
        "/privacy/inzage/", {"date_of_birth": dylan.date_of_birth.strftime("%d-%m-%Y")}
    )
    assert "Dylan Verbeek" in response.content.decode()


def test_an_empty_search_asks_for_a_name_or_date(demo):
    response = demo.client_for("privacy").get("/privacy/inzage/", {"name": ""})
    assert "Vul een naam of een geboortedatum in" in response.content.decode()


def test_json_export_holds_everything_and_the_access_history(demo):
    demo.client_for("politie").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")
    dylan = _dylan(demo)
    response = demo.client_for("privacy").get("/privacy/inzage/export.json", {"person": dylan.pk})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["betrokkene"][0]["voornaam"] == "Dylan"
    (case,) = data["casussen"]
    assert case["kenmerk"] == "DEMO-ZVH"
    texts = " ".join(n["tekst"] for n in case["notities"])
    assert "[GEZONDHEID]" in texts and "[JUSTITIE]" in texts
    assert {p["voornaam"] for p in case["huishouden"]} >= {"Dylan", "Sandra"}
    police = [row for row in data["toegang"] if row["gebruiker"] == "Mark de Boer"]
    assert police and police[0]["organisatie"] == "Politie"
    assert police[0]["rol"] == "Medewerker"
    assert police[0]["break_the_glass"] is False
    assert "Gezondheid" not in police[0]["categorieen"]
    # The export is logged: one export row per case, by the privacy officer.
    export = AccessLog.objects.get(action="export")
    assert export.case == demo.cases["DEMO-ZVH"] and export.user == demo.users["privacy"]
    assert "AVG art. 15" in export.context


def test_pdf_export_is_a_readable_pdf_and_logged(demo):
    dylan = _dylan(demo)
    response = demo.client_for("privacy").get("/privacy/inzage/export.pdf", {"person": dylan.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(action="export", case=demo.cases["DEMO-ZVH"]).count() == 1


def test_pdf_contains_the_persons_data(demo):
    pypdf = pytest.importorskip("pypdf")
    import io

    dylan = _dylan(demo)
    response = demo.client_for("privacy").get("/privacy/inzage/export.pdf", {"person": dylan.pk})
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Dylan" in text and "DEMO-ZVH" in text


def test_export_without_selection_gets_a_message(demo):
    response = demo.client_for("privacy").get("/privacy/inzage/export.json", follow=True)
    assert "Selecteer minstens één persoon" in response.content.decode()
    assert not AccessLog.objects.filter(action="export").exists()


@pytest.mark.parametrize("username", ["regisseur", "wijkteam", "politie", "manager", "admin"])
def test_only_the_privacy_officer_handles_inzage(demo, username):
    client = demo.client_for(username)
    dylan = _dylan(demo)
    assert client.get("/privacy/inzage/", {"name": "Verbeek"}).status_code == 403
    assert client.get("/privacy/inzage/export.json", {"person": dylan.pk}).status_code == 403
    assert not AccessLog.objects.filter(action="export").exists()


def test_export_includes_other_apps_data_about_the_case(demo):
    from django.apps import apps

    if not apps.is_installed("escalation"):
        pytest.skip("escalation app not installed")
    case = demo.cases["DEMO-ZVH"]
    apps.get_model("escalation", "Consultation").objects.create(
        case=case,
        question="Hoe benaderen we vader Verbeek veilig?",
        asked_by=demo.users["wijkteam"],
    )
    dylan = _dylan(demo)
    data = json.loads(
        demo.client_for("privacy").get("/privacy/inzage/export.json", {"person": dylan.pk}).content
    )
    rows = data["casussen"][0]["overige_gegevens"]["meekijkverzoeken"]
    assert rows[-1]["vraag"] == "Hoe benaderen we vader Verbeek veilig?"
    assert rows[-1]["asked by"] == "Fatima El Amrani"
