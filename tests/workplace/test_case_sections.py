"""The case page as sub-pages: one section per request, the one due step, notes filter."""

from __future__ import annotations

import pytest

from workplace import services

pytestmark = pytest.mark.django_db


def _get(demo, username: str, reference: str, query: str = ""):
    return demo.client_for(username).get(f"/cases/{demo.cases[reference].pk}/{query}")


def test_every_section_is_one_click_from_the_overview(demo):
    case = demo.cases["DEMO-ZVH"]
    overview = _get(demo, "wijkteam", "DEMO-ZVH")
    html = overview.content.decode()

    assert f'href="/cases/{case.pk}/" aria-current="page"' in html
    for slug in ("huishouden", "notities", "triage", "plan", "documenten", "tijdlijn"):
        link = f'href="/cases/{case.pk}/?sectie={slug}"'
        assert link in html
        section = _get(demo, "wijkteam", "DEMO-ZVH", f"?sectie={slug}").content.decode()
        assert f'{link} aria-current="page"' in section


def test_a_section_shows_only_itself(demo):
    body = _get(demo, "wijkteam", "DEMO-ZVH", "?sectie=huishouden").content.decode()

    assert "Lindelaan 17" in body
    assert "[SIGNALEN]" not in body and "Wat moet er nu gebeuren" not in body


def test_an_unknown_section_shows_the_overview(demo):
    body = _get(demo, "wijkteam", "DEMO-ZVH", "?sectie=bestaat-niet").content.decode()

    assert "Wat moet er nu gebeuren" in body


def test_other_wijkteam_gets_404_for_every_section(demo):
    for slug in ("notities", "huishouden", "tijdlijn", "deelnemers"):
        assert _get(demo, "wijkteam2", "DEMO-ZVH", f"?sectie={slug}").status_code == 404


def test_notes_are_newest_first(demo):
    case = demo.cases["DEMO-ADVIES"]
    for text in ("Eerste notitie.", "Tweede notitie."):
        services.note_add(user=demo.users["wijkteam"], case=case, category="zorg", text=text)

    body = _get(demo, "wijkteam", "DEMO-ADVIES", "?sectie=notities").content.decode()

    assert body.index("Tweede notitie.") < body.index("Eerste notitie.")


def test_notes_filter_by_category(demo):
    body = _get(demo, "wijkteam", "DEMO-ZVH", "?sectie=notities&categorie=zorg").content.decode()

    assert "[ZORG]" in body
    assert "[SIGNALEN]" not in body and "[JUSTITIE]" not in body


def test_police_cannot_filter_on_health_notes(demo):
    body = _get(
        demo, "politie", "DEMO-ZVH", "?sectie=notities&categorie=gezondheid"
    ).content.decode()

    assert "[GEZONDHEID]" not in body
    assert "[JUSTITIE]" in body  # an unknown filter shows all notes the user may see
    assert 'value="gezondheid"' not in body


def test_a_new_case_asks_for_triage_first(demo):
    body = _get(demo, "wijkteam", "DEMO-VERGETEN").content.decode()

    assert "Wat moet er nu gebeuren" in body
    box = body[body.index("next-step-title") : body.index("</section>", body.index("next-step"))]
    assert "Triage invullen" in box and "button--primary" in box


def test_nazorg_check_is_the_one_primary_and_closing_is_a_warning(demo):
    body = _get(demo, "wijkteam", "DEMO-NAZORG").content.decode()

    assert body.count("button--primary") == 1
    box = body[body.index("next-step-title") : body.index("</section>", body.index("next-step"))]
    assert "Nazorgcontrole vastleggen" in box
    assert 'button--warning" href="/escalation/cases/' in body
    close = body[: body.index("Casus sluiten")]
    assert close.rstrip().endswith(f'/escalation/cases/{demo.cases["DEMO-NAZORG"].pk}/close/">')


def test_regisseur_screening_is_the_primary_step(demo):
    body = _get(demo, "regisseur", "DEMO-ACUUT").content.decode()

    box = body[body.index("next-step-title") : body.index("</section>", body.index("next-step"))]
    assert "Aanmelding accepteren" in box
    assert body.count("button--primary") == 1


def test_read_only_user_is_told_so_in_the_next_step_box(demo):
    body = _get(demo, "manager", "DEMO-ZVH").content.decode()

    assert "U kunt deze casus alleen inzien." in body
    assert "button--primary" not in body


def test_participants_section_lists_the_partners(demo):
    body = _get(demo, "wijkteam", "DEMO-ZVH", "?sectie=deelnemers").content.decode()

    assert "Deelnemende organisaties" in body
    assert "Politie" in body
