"""`/cases/<pk>/`: persons, notes per category, timeline, add note; hidden categories hidden.

The case page renders one section at a time (`?sectie=…`); a test asks the sections that
hold what it looks for, and absence is checked on every section it fetched.
"""

from __future__ import annotations

import pytest

from cases.models import CaseEvent, CaseNote
from organisations.models import Role
from privacy.models import AccessAction, AccessLog
from workplace import services

ALL_MARKERS = [
    "[BASIS]",
    "[SIGNALEN]",
    "[ZORG]",
    "[GEZONDHEID]",
    "[JUSTITIE]",
    "[TRIAGE]",
    "[PLAN]",
    "[OVERLEG]",
]


def _page(demo, username: str, reference: str = "DEMO-ZVH", *sections: str) -> str:
    """The HTML of these sections of the case page (default: notes), joined."""
    client = demo.client_for(username)
    bodies = []
    for section in sections or ("notities",):
        response = client.get(f"/cases/{demo.cases[reference].pk}/?sectie={section}")
        assert response.status_code == 200
        bodies.append(response.content.decode())
    return "\n".join(bodies)


def test_owner_sees_household_and_every_note_category(demo):
    body = _page(demo, "wijkteam", "DEMO-ZVH", "notities", "huishouden")

    for marker in ALL_MARKERS:
        assert marker in body
    for name in ("Ronald Verbeek", "Sandra Verbeek-Kok", "Dylan Verbeek", "Noa Verbeek"):
        assert name in body
    assert "Lindelaan 17" in body


def test_detail_shows_dates_as_dd_mm_jjjj(demo):
    case = demo.cases["DEMO-ZVH"]
    dylan = case.persons.get(first_name="Dylan")

    assert dylan.date_of_birth.strftime("%d-%m-%Y") in _page(
        demo, "wijkteam", "DEMO-ZVH", "huishouden"
    )


def test_one_page_view_writes_exactly_one_access_log_row(demo):
    case = demo.cases["DEMO-ZVH"]
    before = AccessLog.objects.count()

    demo.client_for("politie").get(f"/cases/{case.pk}/", REMOTE_ADDR="10.1.2.3")

    assert AccessLog.objects.count() == before + 1
    row = AccessLog.objects.latest("id")
    assert row.user == demo.users["politie"]
    assert row.organisation == demo.orgs["Politie"]
    assert row.role == Role.MEDEWERKER
    assert row.case == case
    assert row.action == AccessAction.VIEW
    assert row.ip_address == "10.1.2.3"
    assert row.categories == ["basis", "signalen", "justitie", "triage", "plan", "overleg"]
    assert not row.break_the_glass


def test_access_log_ignores_a_client_supplied_forwarded_for_header(demo):
    case = demo.cases["DEMO-ZVH"]

    demo.client_for("wijkteam").get(
        f"/cases/{case.pk}/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )

    assert AccessLog.objects.latest("id").ip_address == "10.0.0.5"


def test_case_list_writes_no_access_log_rows(demo):
    before = AccessLog.objects.count()

    demo.client_for("wijkteam").get("/cases/")

    assert AccessLog.objects.count() == before


def test_politie_sees_justice_but_not_health_notes(demo):
    body = _page(demo, "politie")

    assert "[JUSTITIE]" in body
    assert "[GEZONDHEID]" not in body and "alcoholafhankelijkheid" not in body
    assert "[ZORG]" not in body


def test_ggz_sees_health_but_not_justice_notes(demo):
    body = _page(demo, "ggz")

    assert "[GEZONDHEID]" in body and "[ZORG]" in body
    assert "[JUSTITIE]" not in body and "vernieling" not in body


def test_manager_sees_neither_health_nor_justice_and_may_only_read(demo):
    body = _page(demo, "manager", "DEMO-ZVH", "overzicht", "notities")

    assert "[GEZONDHEID]" not in body and "[JUSTITIE]" not in body and "[ZORG]" not in body
    assert "[SIGNALEN]" in body and "[PLAN]" in body
    assert "U kunt deze casus alleen inzien." in body
    assert "Notitie opslaan" not in body
    row = AccessLog.objects.latest("id")
    assert row.categories == ["basis", "signalen", "triage", "plan"]


def test_note_form_offers_only_categories_the_user_may_see(demo):
    response = demo.client_for("politie").get(f"/cases/{demo.cases['DEMO-ZVH'].pk}/")

    choices = [value for value, _label in response.context["note_form"].fields["category"].choices]
    assert "justitie" in choices
    assert "gezondheid" not in choices and "zorg" not in choices


def test_timeline_hides_entries_of_hidden_categories(demo):
    case = demo.cases["DEMO-ZVH"]
    services.note_add(
        user=demo.users["ggz"], case=case, category="gezondheid", text="Opname gepland."
    )

    politie = demo.client_for("politie").get(f"/cases/{case.pk}/?sectie=tijdlijn")
    ggz = demo.client_for("ggz").get(f"/cases/{case.pk}/?sectie=tijdlijn")

    assert "Notitie toegevoegd (Gezondheid)" not in politie.content.decode()
    assert {e.category for e in politie.context["timeline"]} <= set(
        ["basis", "signalen", "justitie", "triage", "plan", "overleg"]
    )
    assert "Notitie toegevoegd (Gezondheid)" in ggz.content.decode()


def test_timeline_shows_phase_changes(demo):
    body = _page(demo, "wijkteam", "DEMO-ZVH", "tijdlijn")

    assert "Aangemeld bij ZVH → In het ZVH" in body


def test_owner_adds_a_note(demo):
    case = demo.cases["DEMO-ADVIES"]
    client = demo.client_for("wijkteam")

    response = client.post(
        f"/cases/{case.pk}/notes/", {"category": "zorg", "text": "Huisarts gebeld."}, follow=True
    )

    body = response.content.decode()
    # Back to the notes section the note was written in, not the top of the overview.
    assert response.redirect_chain == [(f"/cases/{case.pk}/?sectie=notities", 302)]
    assert "De notitie is toegevoegd." in body and "Huisarts gebeld." in body
    note = CaseNote.objects.get(text="Huisarts gebeld.")
    assert note.author == demo.users["wijkteam"]
    assert note.author_organisation == demo.orgs["Wijkteam Noord"]
    assert CaseEvent.objects.filter(case=case, kind="note_added", category="zorg").exists()


def test_partner_adds_a_note_in_its_own_category(demo):
    case = demo.cases["DEMO-ZVH"]

    response = demo.client_for("politie").post(
        f"/cases/{case.pk}/notes/", {"category": "justitie", "text": "PV opgemaakt."}
    )

    assert response.status_code == 302
    assert CaseNote.objects.filter(case=case, text="PV opgemaakt.").exists()
    assert "PV opgemaakt." not in _page(demo, "ggz")


def test_note_in_a_category_the_user_may_not_see_is_refused(demo):
    case = demo.cases["DEMO-ZVH"]
    before = CaseNote.objects.count()

    response = demo.client_for("politie").post(
        f"/cases/{case.pk}/notes/", {"category": "gezondheid", "text": "Diagnose."}
    )

    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert CaseNote.objects.count() == before


def test_service_refuses_a_note_in_a_hidden_category(demo):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.note_add(
            user=demo.users["politie"],
            case=demo.cases["DEMO-ZVH"],
            category="gezondheid",
            text="Diagnose.",
        )
    assert not CaseNote.objects.filter(text="Diagnose.").exists()


def test_manager_cannot_add_a_note(demo):
    case = demo.cases["DEMO-ZVH"]
    before = CaseNote.objects.count()

    response = demo.client_for("manager").post(
        f"/cases/{case.pk}/notes/", {"category": "signalen", "text": "Gezien."}
    )

    assert response.status_code == 403
    assert CaseNote.objects.count() == before


def test_user_without_access_posting_a_note_gets_404_and_creates_nothing(demo):
    case = demo.cases["DEMO-ZVH"]
    before = (CaseNote.objects.count(), CaseEvent.objects.count(), AccessLog.objects.count())

    response = demo.client_for("wijkteam2").post(
        f"/cases/{case.pk}/notes/", {"category": "signalen", "text": "Indringer."}
    )

    assert response.status_code == 404
    after = (CaseNote.objects.count(), CaseEvent.objects.count(), AccessLog.objects.count())
    assert after == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"category": "signalen", "text": ""}, "Dit veld is verplicht."),
        ({"category": "signalen", "text": "   "}, "Dit veld is verplicht."),
        ({"category": "onbekend", "text": "Tekst"}, "Selecteer een geldige keuze"),
        ({"text": "Tekst"}, "Dit veld is verplicht."),
    ],
)
def test_invalid_note_gives_400_with_a_dutch_message_and_saves_nothing(demo, data, message):
    case = demo.cases["DEMO-ADVIES"]
    before = (CaseNote.objects.count(), CaseEvent.objects.count())

    response = demo.client_for("wijkteam").post(f"/cases/{case.pk}/notes/", data)

    body = response.content.decode()
    assert response.status_code == 400
    assert "De notitie is niet opgeslagen" in body and message in body
    assert (CaseNote.objects.count(), CaseEvent.objects.count()) == before


def test_note_url_answers_405_to_get_for_a_visible_case(demo):
    response = demo.client_for("wijkteam").get(f"/cases/{demo.cases['DEMO-ADVIES'].pk}/notes/")

    assert response.status_code == 405


def test_note_text_is_escaped(demo):
    case = demo.cases["DEMO-ADVIES"]
    services.note_add(
        user=demo.users["wijkteam"], case=case, category="zorg", text="<script>x()</script>"
    )

    body = _page(demo, "wijkteam", "DEMO-ADVIES")

    assert "<script>x()</script>" not in body
    assert "&lt;script&gt;x()&lt;/script&gt;" in body


def test_receiving_team_opens_the_afschaling_case(demo):
    body = _page(demo, "wijkteam2", "DEMO-AFSCHALING", "huishouden", "notities")

    assert "Rachid Bouzid" in body and "[JUSTITIE]" in body


def test_privacy_officer_opens_a_closed_case_read_only(demo):
    body = _page(demo, "privacy", "DEMO-GESLOTEN", "huishouden", "notities")

    assert "Truus Hendriks" in body
    assert "Notitie opslaan" not in body
