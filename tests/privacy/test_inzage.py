"""Inzage (AVG art. 15): the privacy officer finds a person across all cases and exports
everything stored about them, with who accessed it; the export is logged per case."""

from __future__ import annotations

import json
from datetime import date

import pytest

from cases.models import Person
from privacy.inzage import subject_access_request_start
from privacy.models import AccessLog, SubjectAccessRequest


def _dylan(demo) -> Person:
    return Person.objects.get(case=demo.cases["DEMO-ZVH"], first_name="Dylan")


@pytest.fixture
def access_request(demo) -> SubjectAccessRequest:
    """An open inzageverzoek of Dylan Verbeek, as the privacy officer registered it."""
    return subject_access_request_start(
        user=demo.users["privacy"],
        requester="S. Verbeek-Kok, namens haar zoon",
        received_on=date(2026, 1, 5),
    )


def test_privacy_officer_finds_a_person_in_an_open_case_by_full_name_and_birth_date(
    demo, access_request
):
    dylan = _dylan(demo)
    response = demo.client_for("privacy").get(
        "/privacy/inzage/",
        {
            "access_request": access_request.pk,
            "name": "dylan verbeek",
            "date_of_birth": dylan.date_of_birth.strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "1 persoon gevonden" in body
    assert "Dylan Verbeek" in body and "DEMO-ZVH" in body
    # The search shows persons, never case content.
    assert "[GEZONDHEID]" not in body


def test_a_date_of_birth_alone_is_refused(demo, access_request):
    dylan = _dylan(demo)
    response = demo.client_for("privacy").get(
        "/privacy/inzage/",
        {
            "access_request": access_request.pk,
            "name": "",
            "date_of_birth": dylan.date_of_birth.strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 400
    assert "Dylan Verbeek" not in response.content.decode()
    assert "volledige naam (voornaam en achternaam) én de geboortedatum" in (
        response.content.decode()
    )


def test_an_empty_search_asks_for_a_full_name_and_date_or_a_reference(demo, access_request):
    response = demo.client_for("privacy").get(
        "/privacy/inzage/",
        {"access_request": access_request.pk, "name": "", "date_of_birth": "", "reference": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "of met het kenmerk van een casus" in body
    assert not AccessLog.objects.exists()


def _export_params(dylan, access_request) -> dict:
    """The confirmed choice as the check page posts it: the search and the person."""
    return {"person": dylan.pk, "access_request": access_request.pk, "reference": "DEMO-ZVH"}


def test_json_export_holds_everything_and_the_access_history(demo, access_request):
    demo.client_for("politie").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")
    dylan = _dylan(demo)
    response = demo.client_for("privacy").post(
        "/privacy/inzage/export.json", _export_params(dylan, access_request)
    )
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["betrokkene"][0]["voornaam"] == "Dylan"
    (case,) = data["casussen"]
    assert case["kenmerk"] == "DEMO-ZVH"
    texts = " ".join(n["tekst"] for n in case["notities"])
    assert "[GEZONDHEID]" in texts and "[JUSTITIE]" in texts
    assert {p["voornaam"] for p in case["huishouden"]} >= {"Dylan", "Sandra"}
    police = [row for row in data["toegang"] if row["gebruiker"] == "Mark de Boer (politie)"]
    assert police and police[0]["organisatie"] == "Politie"
    assert police[0]["rol"] == "Medewerker"
    assert police[0]["noodtoegang"] is False
    assert "Gezondheid" not in police[0]["categorieen"]
    # The export is logged: one export row per case, by the privacy officer.
    export = AccessLog.objects.get(action="export")
    assert export.case == demo.cases["DEMO-ZVH"] and export.user == demo.users["privacy"]
    assert "AVG art. 15" in export.context
    assert f"verzoek {access_request.pk}" in export.context, "the export names its request"
    assert data["inzageverzoek"]["uiterste_antwoorddatum"] == "2026-02-05"


def test_pdf_export_is_a_readable_pdf_and_logged(demo, access_request):
    dylan = _dylan(demo)
    response = demo.client_for("privacy").post(
        "/privacy/inzage/export.pdf", _export_params(dylan, access_request)
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(action="export", case=demo.cases["DEMO-ZVH"]).count() == 1


def test_pdf_contains_the_persons_data(demo, access_request):
    pypdf = pytest.importorskip("pypdf")
    import io

    dylan = _dylan(demo)
    response = demo.client_for("privacy").post(
        "/privacy/inzage/export.pdf", _export_params(dylan, access_request)
    )
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Dylan" in text and "DEMO-ZVH" in text


def test_export_without_selection_gets_a_message(demo, access_request):
    response = demo.client_for("privacy").post(
        "/privacy/inzage/export.json",
        {"access_request": access_request.pk, "reference": "DEMO-ZVH"},
        follow=True,
    )
    assert "vink minstens één persoon aan" in response.content.decode()
    assert not AccessLog.objects.filter(action="export").exists()


@pytest.mark.parametrize("username", ["regisseur", "wijkteam", "politie", "manager", "admin"])
def test_only_the_privacy_officer_handles_inzage(demo, username, access_request):
    client = demo.client_for(username)
    dylan = _dylan(demo)
    query = {"access_request": access_request.pk, "reference": "DEMO-ZVH"}
    assert client.get("/privacy/inzage/", query).status_code == 403
    assert (
        client.post(
            "/privacy/inzage/export.json", _export_params(dylan, access_request)
        ).status_code
        == 403
    )
    started = client.post(
        "/privacy/inzage/verzoek/", {"requester": "Iemand", "received_on": "05-01-2026"}
    )
    assert started.status_code == 403
    completed = client.post(f"/privacy/inzage/verzoek/{access_request.pk}/afronden/")
    assert completed.status_code == 403
    assert not AccessLog.objects.exists()
    assert SubjectAccessRequest.objects.get().status == "open"


def test_export_includes_other_apps_data_about_the_case(demo, access_request):
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
        demo.client_for("privacy")
        .post("/privacy/inzage/export.json", _export_params(dylan, access_request))
        .content
    )
    rows = data["casussen"][0]["overige_gegevens"]["meekijkverzoeken"]
    assert rows[-1]["vraag"] == "Hoe benaderen we vader Verbeek veilig?"
    assert rows[-1]["gevraagd door"] == "Fatima El Amrani"
