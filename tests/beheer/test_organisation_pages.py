"""The beheer pages for regions, municipalities and organisations: check your answers
before saving, nothing saved before "Opslaan" or on bad input, clear Dutch refusals."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from organisations.models import BeheerChange, Municipality, Organisation, Region

pytestmark = pytest.mark.django_db

BASE = "/functioneel-beheer"


@pytest.fixture
def client_admin(demo):
    return demo.client_for("admin")


def test_a_new_region_is_shown_for_checking_and_saved_only_on_opslaan(client_admin):
    answers = {"name": "Regio West", "retention_years": "3"}

    check = client_admin.post(f"{BASE}/regios/nieuw/", answers)

    assert check.status_code == 200
    assert "Controleer uw gegevens" in check.text
    assert "Regio West" in check.text
    assert 'name="opslaan"' in check.text
    assert not Region.objects.filter(name="Regio West").exists()
    assert not BeheerChange.objects.exists()

    saved = client_admin.post(f"{BASE}/regios/nieuw/", {**answers, "opslaan": "1"})

    region = Region.objects.get(name="Regio West")
    assert saved.status_code == 302
    assert saved["Location"] == f"{BASE}/regios/{region.pk}/"
    assert region.retention_years == 3
    assert BeheerChange.objects.filter(subject_kind="region", action="created").count() == 1


def test_the_wijzigen_link_brings_the_answers_back_to_the_form(client_admin):
    check = client_admin.post(
        f"{BASE}/regios/nieuw/", {"name": "Regio West", "retention_years": "3"}
    )
    link = check.context["back"]
    assert parse_qs(urlparse(link).query) == {"name": ["Regio West"], "retention_years": ["3"]}

    form_page = client_admin.get(link)

    assert form_page.status_code == 200
    assert 'value="Regio West"' in form_page.text


def test_an_edit_shows_old_and_new_values(client_admin):
    region = Region.objects.get(name="Regio Oost")
    check = client_admin.post(
        f"{BASE}/regios/{region.pk}/wijzigen/", {"name": "Regio Oostland", "retention_years": "2"}
    )
    assert "Was: Regio Oost" in check.text
    assert "Regio Oostland" in check.text
    region.refresh_from_db()
    assert region.name == "Regio Oost"


def test_an_edit_without_changes_offers_nothing_to_save(client_admin):
    region = Region.objects.get(name="Regio Oost")
    check = client_admin.post(
        f"{BASE}/regios/{region.pk}/wijzigen/",
        {"name": region.name, "retention_years": str(region.retention_years)},
    )
    assert "U heeft niets gewijzigd" in check.text
    assert 'name="opslaan"' not in check.text


def test_bad_input_shows_the_error_summary_and_saves_nothing(client_admin):
    response = client_admin.post(
        f"{BASE}/regios/nieuw/", {"name": "", "retention_years": "0", "opslaan": "1"}
    )
    assert response.status_code == 200
    assert "Er is een probleem" in response.text
    assert "Dit veld is verplicht." in response.text
    assert not BeheerChange.objects.exists()


def test_a_duplicate_name_gets_a_clear_dutch_message(client_admin):
    response = client_admin.post(
        f"{BASE}/organisaties/nieuw/",
        {"name": "Politie", "kind": "politie", "region": str(Region.objects.first().pk)},
    )
    assert "Er is al een organisatie met de naam ‘Politie’." in response.text
    assert "Controleer uw gegevens" not in response.text


def test_a_municipality_with_cases_cannot_move_region(client_admin):
    middenstad = Municipality.objects.get(name="Middenstad")
    oost = Region.objects.get(name="Regio Oost")
    response = client_admin.post(
        f"{BASE}/gemeenten/{middenstad.pk}/wijzigen/",
        {"name": "Middenstad", "region": str(oost.pk), "opslaan": "1"},
    )
    assert "kan niet naar een andere regio" in response.text
    middenstad.refresh_from_db()
    assert middenstad.region != oost


def test_an_organisation_is_added_through_the_check_step(client_admin):
    oosterveld = Municipality.objects.get(name="Oosterveld")
    answers = {
        "name": "Wijkteam Oosterveld-Zuid",
        "kind": "wijkteam",
        "municipality": oosterveld.pk,
    }
    check = client_admin.post(f"{BASE}/organisaties/nieuw/", answers)
    assert "Regio Oost" in check.text  # the region follows from the municipality
    client_admin.post(f"{BASE}/organisaties/nieuw/", {**answers, "opslaan": "1"})
    team = Organisation.objects.get(name="Wijkteam Oosterveld-Zuid")
    assert team.region.name == "Regio Oost"


def test_the_deactivation_page_says_whose_membership_ends(client_admin, demo):
    politie = demo.orgs["Politie"]
    page = client_admin.get(f"{BASE}/organisaties/{politie.pk}/deactiveren/")
    assert "Mark de Boer" in page.text
    assert "worden beëindigd" in page.text or "wordt beëindigd" in page.text
    politie.refresh_from_db()
    assert politie.active  # a GET changes nothing

    client_admin.post(f"{BASE}/organisaties/{politie.pk}/deactiveren/")
    politie.refresh_from_db()
    assert not politie.active


def test_the_deactivation_page_refuses_a_wijkteam_with_open_cases(client_admin, demo):
    noord = demo.orgs["Wijkteam Noord"]
    page = client_admin.get(f"{BASE}/organisaties/{noord.pk}/deactiveren/")
    assert "Deactiveren kan nu niet" in page.text
    assert "Draag die casussen eerst over" in page.text
    client_admin.post(f"{BASE}/organisaties/{noord.pk}/deactiveren/")
    noord.refresh_from_db()
    assert noord.active


def test_the_organisation_list_filters_by_kind_and_region(client_admin):
    oost = Region.objects.get(name="Regio Oost")
    page = client_admin.get(f"{BASE}/organisaties/", {"regio": oost.pk, "soort": "zvh"})
    names = [o.name for o in page.context["page"].object_list]
    assert names == ["Zorg- en Veiligheidshuis Oost"]


def test_the_trail_shows_old_and_new_and_filters_by_kind(client_admin, demo):
    region = Region.objects.get(name="Regio Oost")
    client_admin.post(
        f"{BASE}/regios/{region.pk}/wijzigen/",
        {"name": "Regio Oostland", "retention_years": "4", "opslaan": "1"},
    )
    privacy = demo.client_for("privacy")
    page = privacy.get(f"{BASE}/logboek/")
    assert page.status_code == 200
    assert "Regio Oost → Regio Oostland" in page.text
    assert "admin" in page.text
    only_users = privacy.get(f"{BASE}/logboek/", {"soort": "user"})
    assert "Regio Oostland" not in only_users.text
