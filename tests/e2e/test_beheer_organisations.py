"""Functioneel beheer in a real browser: a region, a municipality in it and an
organisation, each through the check-your-answers step, at 1366 px; the pages again at
390 px without horizontal scrolling. Every page goes through axe-core; screenshots of
both widths land in var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from organisations.models import BeheerChange, Municipality, Organisation, Region

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def _shot(session, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    session.page.screenshot(path=str(SCREENSHOTS / f"beheer-{name}-{width}.png"), full_page=True)


def _submit(session, selector: str) -> None:
    with session.page.expect_navigation():
        session.page.click(selector)
    session.audit()


def _check_then_save(session, name: str) -> None:
    """Continue to the check step, look at it, then save."""
    _submit(session, "main form button[type=submit]")
    assert session.page.locator("h1").inner_text() == "Controleer uw gegevens"
    _shot(session, f"{name}-controleren", 1366)
    _submit(session, "button[name=opslaan]")


def test_beheer_creates_a_region_municipality_and_organisation(seeded, sessions, a11y):
    session = sessions("admin")
    page = session.page
    page.set_viewport_size(DESKTOP)
    session.login("admin")

    session.goto("/functioneel-beheer/regios/nieuw/")
    page.fill("input[name=name]", "Regio West")
    page.fill("input[name=retention_years]", "3")
    _submit(session, "main form button[type=submit]")
    # Change an answer through its "Wijzigen" link, then save.
    with page.expect_navigation():
        page.click("dd.summary-list__actions a[href$='#id_name']")
    session.audit()
    assert page.input_value("input[name=name]") == "Regio West"
    page.fill("input[name=name]", "Regio Westkust")
    _check_then_save(session, "regio")
    region = Region.objects.get(name="Regio Westkust")
    assert page.url.endswith(f"/functioneel-beheer/regios/{region.pk}/")
    assert "is aangemaakt" in page.inner_text("main")

    with page.expect_navigation():
        page.click("text=Gemeente toevoegen")
    session.audit()
    assert page.input_value("select[name=region]") == str(region.pk)
    page.fill("input[name=name]", "Zeedorp")
    _check_then_save(session, "gemeente")
    municipality = Municipality.objects.get(name="Zeedorp")
    assert municipality.region == region

    session.goto("/functioneel-beheer/organisaties/nieuw/")
    page.fill("input[name=name]", "Wijkteam Zeedorp")
    page.select_option("select[name=kind]", "wijkteam")
    _submit(session, "main form button[type=submit]")  # no municipality: refused
    assert "Kies de gemeente waarin het wijkteam werkt." in page.inner_text(".error-summary")
    page.select_option("select[name=municipality]", str(municipality.pk))
    _check_then_save(session, "organisatie")
    team = Organisation.objects.get(name="Wijkteam Zeedorp")
    assert team.region == region
    _shot(session, "organisatie", 1366)

    session.goto("/functioneel-beheer/logboek/")
    assert "Wijkteam Zeedorp" in page.inner_text("main")
    _shot(session, "logboek", 1366)
    assert BeheerChange.objects.filter(action="created").count() == 3
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_beheer_pages_fit_a_phone(seeded, sessions, a11y):
    region = Region.objects.get(name="Regio Oost")
    politie = seeded["orgs"]["Politie"]
    pages = {
        "start": "/functioneel-beheer/",
        "regios": "/functioneel-beheer/regios/",
        "regio": f"/functioneel-beheer/regios/{region.pk}/",
        "regio-wijzigen": f"/functioneel-beheer/regios/{region.pk}/wijzigen/",
        "organisaties": "/functioneel-beheer/organisaties/",
        "organisatie-nieuw": "/functioneel-beheer/organisaties/nieuw/",
        "organisatie": f"/functioneel-beheer/organisaties/{politie.pk}/",
        "deactiveren": f"/functioneel-beheer/organisaties/{politie.pk}/deactiveren/",
        "logboek": "/functioneel-beheer/logboek/",
    }
    session = sessions("admin-phone")
    session.page.set_viewport_size(PHONE)
    session.login("admin")
    # One change, so the trail has a row to lay out.
    session.goto(pages["regio-wijzigen"])
    session.page.fill("input[name=name]", "Regio Oost en Omstreken")
    _submit(session, "main form button[type=submit]")
    _shot(session, "regio-controleren", 390)
    assert session.page.evaluate(OVERFLOW) <= 0
    _submit(session, "button[name=opslaan]")

    for name, path in pages.items():
        session.goto(path)
        _shot(session, name, 390)
        assert session.page.evaluate(OVERFLOW) <= 0, f"{name} scrolls sideways at 390 px"
    assert a11y.violations == [], "\n".join(a11y.violations)
