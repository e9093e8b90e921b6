"""Conditional reveal in a real browser (issue 16, point 4), at 1366 and 390 px:
choosing "Nee" reveals the reason right under it, the keyboard reaches it next, a missing
reason is an error the summary links to, and the afschaling checklist works the same.
Every page goes through axe-core; screenshots go to var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
VIEWPORTS = [{"width": 390, "height": 844}, {"width": 1366, "height": 900}]
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
ACTIVE_NAME = "() => document.activeElement && document.activeElement.name"


def _shot(session, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    session.page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["390", "1366"])
def test_choosing_nee_reveals_the_reason_and_the_keyboard_reaches_it(
    seeded, sessions, a11y, viewport
):
    width = viewport["width"]
    session = sessions("wijkteam")
    session.page.set_viewport_size(viewport)
    session.login("wijkteam")
    session.goto("/cases/new/")
    page = session.page
    reason = page.locator("textarea[name=client_not_informed_reason]")
    informed_on = page.locator("input[name=client_informed_on]")
    assert reason.is_hidden() and informed_on.is_hidden()
    controls = page.locator("#id_client_informed_1").get_attribute("aria-controls")
    assert controls == "id_client_informed-nee-reveal"

    # Keyboard only: focus "Ja", the arrow key chooses "Nee", Tab lands on the reason.
    page.focus("#id_client_informed_0")
    page.keyboard.press("Space")
    assert informed_on.is_visible() and reason.is_hidden()
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_client_informed_1").is_checked()
    assert reason.is_visible() and informed_on.is_hidden()
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE_NAME) == "client_not_informed_reason"
    label = page.inner_text("label[for=id_client_not_informed_reason]")
    assert "niet verplicht" not in label
    session.audit()
    assert page.evaluate(OVERFLOW) <= 0
    _shot(session, "registratie-nee", width)

    # Sent without the reason: the error sits under "Nee", which stays open.
    page.fill("input[name=title]", "Gezin met schulden")
    page.fill("input[name=persons-0-first_name]", "Anna")
    page.fill("input[name=persons-0-last_name]", "de Vries")
    with page.expect_navigation():
        page.click("main form button.button--primary")
    session.audit()
    link = page.locator('.error-summary a[href="#id_client_not_informed_reason"]')
    assert link.count() == 1
    assert reason.is_visible() and page.locator("#id_client_informed_1").is_checked()
    link.click()
    assert page.evaluate(ACTIVE_NAME) == "client_not_informed_reason"
    assert page.evaluate(OVERFLOW) <= 0
    _shot(session, "registratie-fout", width)
    assert a11y.violations == [], "\n".join(a11y.violations)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=["390", "1366"])
def test_the_afschaling_checklist_asks_why_under_nee(seeded, sessions, a11y, viewport):
    pk = seeded["cases"]["DEMO-ZVH"].pk
    session = sessions("regisseur")
    session.page.set_viewport_size(viewport)
    session.login("regisseur")
    session.goto(f"/escalation/cases/{pk}/handover/")
    page = session.page
    note = page.locator("textarea[name=safety_risk_reduced_note]")
    picker = page.locator("select[name=named_regiehouder]")
    assert note.is_hidden() and picker.is_hidden()

    page.check("input[name=safety_risk_reduced][value=nee]")
    assert note.is_visible()
    page.check("input[name=regiehouder_named][value=ja]")
    assert picker.is_visible()
    groups = picker.locator("optgroup").evaluate_all("gs => gs.map(g => g.label)")
    assert "Wijkteam Noord" in groups
    page.check("input[name=safety_risk_reduced][value=ja]")
    assert note.is_hidden()
    page.check("input[name=safety_risk_reduced][value=nee]")
    session.audit()
    assert page.evaluate(OVERFLOW) <= 0
    _shot(session, "afschaling-checklist", viewport["width"])
    assert a11y.violations == [], "\n".join(a11y.violations)
