"""The access-log pages speak plain Dutch: names, role labels, contexts and retention
counts as sentences (issue 16, point 6)."""

from __future__ import annotations

from django.test import RequestFactory

from privacy.access import NO_ACCESS
from privacy.audit import log_case_access
from privacy.contexts import describe
from privacy.retention_text import describe_counts


def test_workflow_steps_are_named_by_their_page_title():
    assert describe("workflow:handover_accept") == (
        "Werkstap: Overdracht accepteren (warme overdracht)"
    )
    # The API logs the step's name, not its URL name; both read the same.
    assert describe("api: workflow:accept_handover") == (
        "Werkstap: Overdracht accepteren (warme overdracht) (via de koppeling)"
    )
    assert describe("workflow:action_status") == "Werkstap: De status van een actie bijwerken"
    assert describe("workflow:unknown") == "Werkstap"


def test_codes_and_logged_filters_read_as_dutch():
    assert describe("casusoverzicht-pdf") == "Casusoverzicht (PDF)"
    assert describe("triage: nieuwe weging") == "Triage: nieuwe weging"
    assert describe("toegangslog bekeken: user=politie&date_from=01-01-2026&page=2") == (
        "Toegangslog bekeken (filter: gebruiker politie, vanaf 01-01-2026, pagina 2)"
    )
    assert describe("toegangslog CSV (3 regels) case=DEMO-ZVH") == (
        "Toegangslog CSV (3 regels) (filter: casus DEMO-ZVH)"
    )
    assert describe("screening: bekend-bij-controle voor DEMO-ACUUT") == (
        "Screening: nagaan waar het huishouden al bekend is (voor DEMO-ACUUT)"
    )
    assert describe("") == "—"


def test_retention_counts_are_a_sentence():
    assert describe_counts({"persons": 1, "notes": 1}) == "1 persoon en 1 notitie"
    assert describe_counts({"persons": 2, "notes": 0, "events": 3}) == (
        "2 personen en 3 gebeurtenissen op de tijdlijn"
    )
    assert describe_counts({"persons": 0}) == "niets"


def test_the_log_shows_names_role_labels_and_dutch_contexts(demo):
    case = demo.cases["DEMO-ZVH"]
    request = RequestFactory().get("/")
    request.user = demo.users["regisseur"]
    log_case_access(request, case=case, access=NO_ACCESS, context="workflow:handover_accept")
    client = demo.client_for("privacy")
    for url in ("/privacy/access-log/", f"/privacy/case/{case.pk}/access-log/"):
        body = client.get(url).content.decode()
        assert "Ingrid Hoekstra" in body and "(Procesregisseur)" in body, url
        assert "Werkstap: Overdracht accepteren" in body, url
        assert "workflow:" not in body and "procesregisseur)" not in body, url
        assert "Break-the-glass" not in body and "Noodtoegang" in body, url
    overview = client.get("/privacy/access-log/overview/").content.decode()
    assert "Ingrid Hoekstra" in overview and "(regisseur)" not in overview


def test_the_log_can_be_filtered_by_a_persons_name(demo):
    case = demo.cases["DEMO-ZVH"]
    demo.client_for("politie").get(f"/cases/{case.pk}/")
    demo.client_for("ggz").get(f"/cases/{case.pk}/")
    body = demo.client_for("privacy").get("/privacy/access-log/", {"user": "de Boer"})
    text = body.content.decode()
    assert "Mark de Boer" in text and "Anouk Visser" not in text


def test_the_csv_has_dutch_headers_and_the_name_last(demo):
    demo.client_for("politie").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")
    rows = demo.client_for("privacy").get("/privacy/access-log/export.csv").content.decode()
    header, first = rows.splitlines()[:2]
    assert header.endswith(";ip_adres;noodtoegang;naam") and "break_the_glass" not in header
    assert first.endswith(";Mark de Boer")
