"""The case page as a werkplek (issue 16), in a real browser at 1366 and 390 px.

Sections one click apart, focus on the triage outcome, no horizontal scrolling on a
phone, a header menu behind a button, and screenshots of the main pages at both widths
in var/screenshots/ (kept as test artefacts). Every page goes through axe-core.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
SECTIONS = ("huishouden", "notities", "triage", "plan", "documenten", "tijdlijn", "deelnemers")
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def _shot(session, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    session.page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


def _click(session, selector: str) -> None:
    with session.page.expect_navigation():
        session.page.click(selector)
    session.audit()


def test_every_case_section_is_one_click_away(seeded, sessions, a11y):
    pk = seeded["cases"]["DEMO-ZVH"].pk
    session = sessions("wijkteam")
    session.page.set_viewport_size(DESKTOP)
    session.login("wijkteam")
    session.goto(f"/cases/{pk}/")
    assert "Wat moet er nu gebeuren" in session.page.inner_text("main")

    for slug in SECTIONS:
        _click(session, f'nav.tabs a[href="/cases/{pk}/?sectie={slug}"]')
        current = session.page.locator('nav.tabs a[aria-current="page"]')
        assert current.get_attribute("href") == f"/cases/{pk}/?sectie={slug}"
        assert (
            session.page.locator(
                f"main section#{slug if slug != 'plan' else 'overleg-en-plan'}"
            ).count()
            == 1
        )
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_triage_outcome_gets_focus_and_survives_a_missing_judgement(seeded, sessions, a11y):
    pk = seeded["cases"]["DEMO-ADVIES"].pk
    session = sessions("triage")
    session.page.set_viewport_size(DESKTOP)
    session.login("wijkteam")
    session.goto(f"/triage/case/{pk}/new/")
    page = session.page
    page.check("input[name=domain_huisvesting][value='1']")
    page.check("input[name=risk_geweld]")
    _click(session, "button[name=action][value=calculate]")

    assert page.evaluate("() => document.activeElement.id") == "uitkomst"
    box = page.locator("#uitkomst").bounding_box()
    assert box is not None and -1 <= box["y"] < DESKTOP["height"]  # scrolled into view
    _shot(session, "triage-uitkomst", 1366)

    _click(session, "button[name=action][value=save]")  # no judgement chosen
    assert page.locator("#uitkomst").count() == 1
    link = page.locator(".error-summary a").first
    target = link.get_attribute("href")
    assert page.locator(target).count() == 1
    link.click()
    assert page.evaluate("() => '#' + document.activeElement.id") == target
    assert a11y.violations == [], "\n".join(a11y.violations)


def _pages(seeded) -> dict[str, list[tuple[str, str]]]:
    zvh = seeded["cases"]["DEMO-ZVH"].pk
    return {
        "wijkteam": [
            ("werklijst", "/"),
            ("casussen", "/cases/"),
            ("nieuwe-casus", "/cases/new/"),
            ("casus-overzicht", f"/cases/{zvh}/"),
            *[(f"casus-{slug}", f"/cases/{zvh}/?sectie={slug}") for slug in SECTIONS],
            ("triage", f"/triage/case/{seeded['cases']['DEMO-ADVIES'].pk}/new/"),
        ],
        "regisseur": [
            ("screening", "/escalation/screening/"),
            ("regisseur-casus", f"/cases/{zvh}/"),
        ],
        "privacy": [("toegangslog", "/privacy/access-log/")],
    }


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_main_pages_fit_the_screen_and_are_saved_as_screenshots(seeded, sessions, a11y, viewport):
    too_wide = []
    for username, pages in _pages(seeded).items():
        session = sessions(username)
        session.page.set_viewport_size(viewport)
        session.login(username)
        for name, path in pages:
            session.goto(path)
            overflow = session.page.evaluate(OVERFLOW)
            if overflow > 0:
                too_wide.append(f"{path} at {viewport['width']} px: {overflow} px too wide")
            _shot(session, name, viewport["width"])
    assert too_wide == [], "\n".join(too_wide)
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_phone_header_collapses_into_a_menu(seeded, sessions, a11y):
    session = sessions("phone")
    session.page.set_viewport_size(PHONE)
    session.login("wijkteam")
    page = session.page
    button = page.locator("#menu-button")
    assert button.is_visible()
    assert not page.locator(".main-nav").is_visible()

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator(".main-nav").is_visible()
    assert page.get_by_role("button", name="Uitloggen").is_visible()
    session.audit()

    page.set_viewport_size(DESKTOP)
    assert not button.is_visible()
    assert page.locator(".main-nav").is_visible()
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_tables_stack_into_labelled_rows_on_a_phone(seeded, sessions):
    pk = seeded["cases"]["DEMO-ZVH"].pk
    session = sessions("stack")
    session.page.set_viewport_size(PHONE)
    session.login("wijkteam")
    session.goto(f"/cases/{pk}/?sectie=huishouden")
    cell = session.page.locator("main table.table tbody td").first
    assert cell.get_attribute("data-label") == "Naam"
    assert (
        session.page.evaluate(
            "() => getComputedStyle(document.querySelector('main table.table td')).display"
        )
        == "block"
    )
