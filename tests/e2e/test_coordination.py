"""Coordination between people (issue 14), walked in a real browser.

Every hand-off reaches a person: advice asked and answered, an action for Politie updated
from Politie's start page, a politie aanmelding through screening, and a referral that
lands on the partner's start page. Each role's start page is saved as a screenshot at
1366 and 390 px in var/screenshots/. Every page goes through axe-core.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from escalation.models import Action, ActionStatus, EscalationRequest, Referral, ReferralStatus

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"
START_PAGE_ROLES = ("wijkteam", "regisseur", "politie", "ggz", "manager", "privacy", "admin")


def _date(days: int = 0) -> str:
    return (timezone.localdate() + timedelta(days=days)).strftime("%d-%m-%Y")


def _submit(session, selector: str = "main form button.button--primary[type=submit]") -> None:
    with session.page.expect_navigation():
        session.page.click(selector)
    session.audit()
    assert not session.page.locator(".error-summary").count(), session.page.inner_text("main")


def _click(session, locator) -> None:
    with session.page.expect_navigation():
        locator.click()
    session.audit()


def _bell(session) -> int:
    return int(session.page.get_attribute("a.bell", "data-unread-count"))


def _section(session, heading_id: str):
    return session.page.locator(f'section[aria-labelledby="{heading_id}"]')


def test_advice_question_reaches_the_regisseur_and_the_answer_the_wijkteam(seeded, sessions, a11y):
    case = seeded["cases"]["DEMO-STAGNATIE"]
    question = "Acht maanden zonder vooruitgang: moeten we opschalen of de GGZ erbij halen?"
    answer = "Nog niet opschalen; vraag de GGZ om een consult en evalueer over vier weken."
    regisseur = sessions("regisseur")
    regisseur.login("regisseur")
    regisseur.goto("/")
    regisseur_before = _bell(regisseur)
    assert case.reference not in _section(regisseur, "wl-advice-q").inner_text()

    wijkteam = sessions("wijkteam")
    wijkteam.login("wijkteam")
    wijkteam.goto("/")
    wijkteam_before = _bell(wijkteam)
    wijkteam.goto(f"/escalation/cases/{case.pk}/consult/")
    wijkteam.page.fill("textarea[name=question]", question)
    _submit(wijkteam)

    # The question is on the regisseur's start page and rang the bell.
    regisseur.goto("/")
    assert regisseur.page.url.endswith("/escalation/worklist/")
    advice = _section(regisseur, "wl-advice-q")
    assert case.reference in advice.inner_text()
    assert _bell(regisseur) > regisseur_before
    _click(regisseur, advice.locator(f'a[href="/escalation/cases/{case.pk}/consult/answer/"]'))
    assert question in regisseur.page.inner_text("main")
    regisseur.page.fill("textarea[name=answer]", answer)
    _submit(regisseur)
    regisseur.goto("/")
    assert case.reference not in _section(regisseur, "wl-advice-q").inner_text()

    # The wijkteam is told, by case reference only.
    wijkteam.goto("/")
    assert _bell(wijkteam) > wijkteam_before
    assert case.reference in _section(wijkteam, "wl-advice-a").inner_text()
    wijkteam.goto("/notifications/")
    texts = wijkteam.page.locator("main table a[href^='/notifications/events/']").all_inner_texts()
    expected = f"Advies op uw meekijkverzoek voor casus {case.reference}"
    assert expected in texts, texts
    assert not any(answer in t or question in t for t in texts)
    _click(wijkteam, wijkteam.page.get_by_role("link", name=expected))
    assert f"/cases/{case.pk}/" in wijkteam.page.url
    assert answer in wijkteam.page.inner_text("main")
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_politie_updates_its_new_action_from_its_start_page(seeded, sessions, a11y):
    case = seeded["cases"]["DEMO-ZVH"]
    description = "Politie loopt wekelijks een extra ronde langs de woning."
    politie = sessions("politie")
    politie.login("politie")
    politie.goto("/")
    politie_before = _bell(politie)
    assert description not in politie.page.inner_text("main")

    regisseur = sessions("regisseur")
    regisseur.login("regisseur")
    regisseur.goto(f"/escalation/cases/{case.pk}/plan/action/")
    regisseur.page.fill("textarea[name=description]", description)
    regisseur.page.select_option("select[name=owner_organisation]", label="Politie")
    regisseur.page.fill("input[name=deadline]", _date(14))
    _submit(regisseur)

    politie.goto("/")
    assert _bell(politie) > politie_before
    actions = _section(politie, "wl-my-actions")
    item = actions.locator("li", has_text=description)
    assert item.count() == 1
    assert case.reference in item.inner_text() and _date(14) in item.inner_text()
    item.locator("select[name=status]").select_option(ActionStatus.IN_PROGRESS)
    _click(politie, item.get_by_role("button", name="Bijwerken"))

    assert politie.page.url.endswith("/escalation/worklist/")
    item = _section(politie, "wl-my-actions").locator("li", has_text=description)
    assert item.locator("select[name=status]").input_value() == ActionStatus.IN_PROGRESS
    action = Action.objects.get(case=case, description=description)
    assert action.status == ActionStatus.IN_PROGRESS
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_a_politie_aanmelding_goes_through_screening(seeded, sessions, a11y):
    politie = sessions("politie")
    politie.login("politie")
    politie.goto("/")
    _click(politie, politie.page.locator('main a[href="/cases/aanmelden/"]'))
    page = politie.page
    page.select_option("select[name=team]", label="Wijkteam Noord")
    page.fill(
        "textarea[name=aanleiding]",
        "Drie meldingen van huiselijk geweld in een maand; kinderen in huis.",
    )
    page.check("input[name=client_informed]")
    page.fill("input[name=persons-0-first_name]", "Kees")
    page.fill("input[name=persons-0-last_name]", "Jansen")
    page.fill("input[name=persons-0-date_of_birth]", "01-02-1980")
    _submit(politie)

    request = EscalationRequest.objects.get(requested_by=seeded["users"]["politie"])
    reference = request.case.reference
    politie.goto("/")
    mine = _section(politie, "wl-my-requests").inner_text()
    assert reference in mine and "wacht op screening" in mine

    regisseur = sessions("regisseur")
    regisseur.login("regisseur")
    assert reference in _section(regisseur, "wl-screening").inner_text()
    regisseur.goto("/escalation/screening/")
    row = regisseur.page.locator("main table tbody tr", has_text=reference)
    assert "Aangemeld door Politie" in row.inner_text()
    _click(regisseur, row.get_by_role("link", name="Accepteren"))
    regisseur.page.fill("input[name=review_date]", _date(14))
    _submit(regisseur)
    regisseur.goto("/escalation/screening/")
    assert reference not in regisseur.page.inner_text("main")

    politie.goto("/")
    assert "Geaccepteerd" in _section(politie, "wl-my-requests").inner_text()
    assert reference in _section(politie, "wl-taking-part").inner_text()
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_a_referral_reaches_the_partners_start_page(seeded, sessions, a11y):
    case = seeded["cases"]["DEMO-ACUUT"]
    ggz = sessions("ggz")
    ggz.login("ggz")
    ggz_before = _bell(ggz)
    assert case.reference not in _section(ggz, "wl-referrals").inner_text()

    regisseur = sessions("regisseur")
    regisseur.login("regisseur")
    regisseur.goto("/escalation/screening/")
    row = regisseur.page.locator("main table tbody tr", has_text=case.reference)
    _click(regisseur, row.get_by_role("link", name="Afwijzen met advies"))
    page = regisseur.page
    page.check("input[name=outcome][value=doorgeleid]")
    page.fill(
        "textarea[name=outcome_text]",
        "De GGZ pakt de crisiszorg op; het wijkteam houdt de regie.",
    )
    page.select_option("select[name=referred_to]", label="GGZ")
    page.check("input[name=referral_participates]")
    _submit(regisseur)

    ggz.goto("/")
    assert _bell(ggz) > ggz_before
    referrals = _section(ggz, "wl-referrals")
    assert re.search(r"Doorgeleid naar uw organisatie \(1\)", referrals.inner_text())
    item = referrals.locator("li", has_text=case.reference)
    item.locator("select[name=status]").select_option(ReferralStatus.OPGEPAKT)
    _click(ggz, item.get_by_role("button", name="Bijwerken"))
    assert Referral.objects.get(case=case).status == ReferralStatus.OPGEPAKT

    regisseur.goto("/")
    sent = _section(regisseur, "wl-referrals-sent").inner_text()
    assert case.reference in sent and "GGZ: Opgepakt" in sent
    assert a11y.violations == [], "\n".join(a11y.violations)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390", "1366"])
def test_every_roles_start_page_fits_and_is_saved_as_a_screenshot(seeded, sessions, a11y, viewport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = []
    for username in START_PAGE_ROLES:
        session = sessions(username)
        session.page.set_viewport_size(viewport)
        session.login(username)
        session.goto("/")
        assert session.page.locator("main p[data-role]").inner_text().strip()
        overflow = session.page.evaluate(OVERFLOW)
        if overflow > 0:
            too_wide.append(f"{username} at {viewport['width']} px: {overflow} px too wide")
        session.page.screenshot(
            path=str(SCREENSHOTS / f"startpagina-{username}-{viewport['width']}.png"),
            full_page=True,
        )
    assert too_wide == [], "\n".join(too_wide)
    assert a11y.violations == [], "\n".join(a11y.violations)
