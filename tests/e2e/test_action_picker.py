"""The action's person picker in a real browser (issue 16, point 7), at 1366 and 390 px:
people grouped by organisation, only the chosen organisation's people offered (our own
static/js/action-picker.js, no inline script under the strict CSP), never functioneel
beheer or the privacy officer; without JavaScript the server refuses a person of another
organisation with a Dutch message. Every page goes through axe-core; screenshots land in
var/screenshots/."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from escalation.models import Action

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
ORG = "select[name=owner_organisation]"
PERSON = "select[name=owner_person]"
SUBMIT = "main form button[type=submit].button--primary"
OFFERED = """() => Array.from(document.querySelectorAll("select[name=owner_person] option"))
    .filter((o) => o.value).map((o) => o.textContent.trim())"""


def _shot(page, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"action-picker-{name}-{width}.png"), full_page=True)


def _deadline() -> str:
    return (timezone.localdate() + timedelta(days=10)).strftime("%d-%m-%Y")


def test_the_person_list_follows_the_chosen_organisation(seeded, sessions, a11y):
    case = seeded["cases"]["DEMO-ZVH"]
    url = f"/escalation/cases/{case.pk}/plan/action/"
    session = sessions("regisseur")
    page = session.page
    page.set_viewport_size(DESKTOP)
    session.login("regisseur")
    session.goto(url)

    everyone = page.evaluate(OFFERED)
    assert "Anouk Visser" in everyone and "Mark de Boer" in everyone
    assert not {"Beheer Schakel", "Lotte Mulder", "Peter Smit", "Sanne Bakker"} & set(everyone)
    assert page.locator(f"{PERSON} optgroup").count() >= 3
    _shot(page, "alle", 1366)

    page.select_option(ORG, label="GGZ")
    assert page.evaluate(OFFERED) == ["Anouk Visser"]
    page.select_option(PERSON, label="Anouk Visser")
    page.select_option(ORG, label="Politie")
    assert page.evaluate(OFFERED) == ["Mark de Boer"]
    assert page.input_value(PERSON) == "", "a person of another organisation is cleared"

    # Choosing the person first fills in their organisation.
    page.select_option(ORG, value="")
    page.select_option(PERSON, label="Anouk Visser")
    assert page.locator(f"{ORG} option:checked").inner_text() == "GGZ"
    _shot(page, "ggz", 1366)

    page.set_viewport_size(PHONE)
    assert page.evaluate(OVERFLOW) <= 0, "the action form scrolls sideways at 390 px"
    _shot(page, "ggz", 390)

    # A tampered form (organisation changed behind the script's back): refused in Dutch.
    page.set_viewport_size(DESKTOP)
    page.fill("textarea[name=description]", "GGZ plant een huisbezoek bij moeder.")
    page.fill("input[name=deadline]", _deadline())
    page.evaluate(
        """() => { const s = document.querySelector("select[name=owner_organisation]");
        s.value = [...s.options].find((o) => o.text === "Politie").value; }"""
    )
    with page.expect_navigation():
        page.click(SUBMIT)
    session.audit()
    assert "Anouk Visser kan deze actie niet uitvoeren" in page.inner_text("main")
    _shot(page, "fout", 1366)
    page.set_viewport_size(PHONE)
    assert page.evaluate(OVERFLOW) <= 0, "the error page scrolls sideways at 390 px"
    _shot(page, "fout", 390)

    page.select_option(ORG, label="GGZ")
    page.select_option(PERSON, label="Anouk Visser")
    with page.expect_navigation():
        page.click(SUBMIT)
    session.audit()
    action = Action.objects.get(case=case, description="GGZ plant een huisbezoek bij moeder.")
    assert action.owner_person == seeded["users"]["ggz"]
    # The refused POST answers 400, which Chromium logs; anything else (a CSP refusal of
    # the script, a script error) fails the test.
    errors = [e for e in session.console_errors if "status of 400" not in e]
    assert not errors, errors
    assert not a11y.violations, "\n".join(a11y.violations)


def test_without_javascript_the_server_refuses_a_person_of_another_organisation(
    seeded, browser, live_server, a11y
):
    case = seeded["cases"]["DEMO-ZVH"]
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", java_script_enabled=False
    )
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", "regisseur")
        page.fill("input[name=password]", "demo")
        with page.expect_navigation():
            page.click("form button[type=submit]")
        page.goto(f"/escalation/cases/{case.pk}/plan/action/")
        # Without the script every organisation's people stay, grouped.
        assert page.locator(f"{PERSON} optgroup[label=Politie]").count() == 1
        page.fill("textarea[name=description]", "Huisbezoek afleggen.")
        page.select_option(ORG, label="GGZ")
        page.select_option(PERSON, label="Mark de Boer")
        page.fill("input[name=deadline]", _deadline())
        with page.expect_navigation():
            page.click(SUBMIT)
        summary = page.locator(".error-summary").inner_text()
        assert "Mark de Boer kan deze actie niet uitvoeren" in summary
        assert "GGZ" in page.locator(".form-error").first.inner_text()
        for width, size in ((1366, DESKTOP), (390, PHONE)):
            page.set_viewport_size(size)
            assert page.evaluate(OVERFLOW) <= 0, f"the error page scrolls sideways at {width}"
            _shot(page, "fout-zonder-js", width)
        assert not Action.objects.filter(case=case, description="Huisbezoek afleggen.").exists()
    finally:
        context.close()
