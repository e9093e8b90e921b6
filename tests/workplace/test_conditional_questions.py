"""Registration and aanmelden ask "Is de cliënt geïnformeerd?" as Ja/Nee with the
follow-up under its answer: required where it applies, a Dutch error linked to the
field when it is missing, nothing saved then, and nothing kept from the other answer."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cases.models import Case

from .test_case_registration import form_data

pytestmark = pytest.mark.django_db


def test_registration_shows_the_reason_under_nee_without_optional_marker(demo):
    html = demo.client_for("wijkteam").get("/cases/new/").content.decode()

    assert "Is de cliënt geïnformeerd over de registratie?" in html
    under_nee = html.split('id="id_client_informed-nee-reveal"')[1].split("</div>")[0]
    assert 'for="id_client_not_informed_reason"' in under_nee
    assert "niet verplicht" not in under_nee
    assert "js/conditional-reveal.js" in html


def test_registration_with_nee_and_no_reason_links_to_the_reason(demo):
    before = Case.objects.count()
    response = demo.client_for("wijkteam").post(
        "/cases/new/",
        form_data(client_informed="nee", client_informed_on="", client_not_informed_reason=""),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_client_not_informed_reason"' in html
    assert "Geef aan waarom de cliënt (nog) niet is geïnformeerd." in html
    assert Case.objects.count() == before


def test_registration_without_an_answer_links_to_the_first_radio(demo):
    before = Case.objects.count()
    response = demo.client_for("wijkteam").post("/cases/new/", form_data(client_informed=None))

    html = response.content.decode()
    assert 'href="#id_client_informed_0"' in html
    assert "Geef aan of de cliënt is geïnformeerd over de registratie." in html
    assert Case.objects.count() == before


def test_registration_with_ja_keeps_no_reason_typed_under_nee(demo):
    demo.client_for("wijkteam").post(
        "/cases/new/", form_data(client_not_informed_reason="Eerst getypt.")
    )

    case = Case.objects.get(title="Gezin met schulden")
    assert case.client_informed and case.client_not_informed_reason == ""


def test_registration_with_nee_keeps_no_date_typed_under_ja(demo):
    demo.client_for("wijkteam").post(
        "/cases/new/",
        form_data(client_informed="nee", client_not_informed_reason="Lopend onderzoek."),
    )

    case = Case.objects.get(title="Gezin met schulden")
    assert not case.client_informed and case.client_informed_on is None


def test_adding_a_person_keeps_the_nee_answer(demo):
    data = form_data(client_informed="nee", client_not_informed_reason="Lopend onderzoek.")
    response = demo.client_for("wijkteam").post("/cases/new/", {**data, "add_person": "1"})

    field = response.context["form"]["client_informed"]
    assert field.value() == "nee"
    assert [radio.data["selected"] for radio in field] == [False, True]


def test_aanmelden_with_nee_needs_the_reason(demo):
    url = reverse("cases:intake")
    before = Case.objects.count()
    response = demo.client_for("politie").post(
        url,
        {
            "team": demo.orgs["Wijkteam Noord"].pk,
            "aanleiding": "Herhaalde meldingen van geweld en bedreiging in de woning.",
            "urgency": "normaal",
            "client_informed": "nee",
            "reason_not_informed": "",
            "persons-TOTAL_FORMS": "1",
            "persons-INITIAL_FORMS": "0",
            "persons-MIN_NUM_FORMS": "1",
            "persons-MAX_NUM_FORMS": "20",
            "persons-0-first_name": "Kees",
            "persons-0-last_name": "Jansen",
            "persons-0-relation": "client",
        },
    )

    html = response.content.decode()
    assert 'href="#id_reason_not_informed"' in html
    assert "Geef aan waarom de cliënt niet is geïnformeerd." in html
    assert Case.objects.count() == before
