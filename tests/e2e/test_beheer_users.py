"""Functioneel beheer invites a user in a real browser, through check-your-answers, at
1366 px; the user list and the user's page at 390 px without horizontal scrolling.
Every page goes through axe-core; screenshots land in var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from organisations.models import BeheerChange, ChangeAction

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def _shot(session, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"beheer-users-{name}-{width}.png"
    session.page.screenshot(path=str(path), full_page=True)


def _submit(session, selector: str) -> None:
    with session.page.expect_navigation():
        session.page.click(selector)
    session.audit()


def test_beheer_invites_a_user_and_reads_the_pages_on_a_phone(seeded, sessions, a11y):
    session = sessions("admin")
    page = session.page
    page.set_viewport_size(DESKTOP)
    session.login("admin")

    session.goto("/functioneel-beheer/gebruikers/")
    _shot(session, "lijst", 1366)
    _submit(session, "a:has-text('Gebruiker uitnodigen')")
    page.fill("input[name=username]", "n.dewit")
    page.fill("input[name=first_name]", "Nora")
    page.fill("input[name=last_name]", "de Wit")
    page.fill("input[name=email]", "nora.de.wit.met.een.lang.adres@politie-eenheid-noord.example")
    page.select_option("select[name=organisation]", label="Politie")
    page.select_option("select[name=role]", label="Medewerker")
    _shot(session, "uitnodigen", 1366)
    _submit(session, "button[value=controleren]")
    assert page.locator("h1").inner_text() == "Controleer de uitnodiging"
    assert "Politie" in page.inner_text("dl.summary-list")
    _shot(session, "uitnodigen-controleren", 1366)
    # Change an answer, come back, then send.
    _submit(session, "button[value=wijzigen]")
    assert page.input_value("input[name=username]") == "n.dewit"
    page.fill("input[name=first_name]", "Noor")
    _submit(session, "button[value=controleren]")
    _submit(session, "button[value=opslaan]")

    user = get_user_model().objects.get(username="n.dewit")
    assert user.first_name == "Noor" and not user.has_usable_password()
    assert page.url.endswith(f"/functioneel-beheer/gebruikers/{user.pk}/")
    assert "is uitgenodigd" in page.inner_text("main")
    assert mail.outbox[-1].to == [user.email]
    assert BeheerChange.objects.filter(subject_id=user.pk, action=ChangeAction.INVITED).exists()
    _shot(session, "detail", 1366)

    page.set_viewport_size(PHONE)
    for name, path in (
        ("lijst", "/functioneel-beheer/gebruikers/?q=wit"),
        ("detail", f"/functioneel-beheer/gebruikers/{user.pk}/"),
        ("import", "/functioneel-beheer/gebruikers/import/"),
        ("deactiveren", f"/functioneel-beheer/gebruikers/{user.pk}/deactiveren/"),
    ):
        session.goto(path)
        assert page.evaluate(OVERFLOW) <= 0, f"{path} scrolls sideways at 390 px"
        _shot(session, name, 390)

    # Still on the deactivation page at 390 px: deactivate, then reactivate with the
    # membership the deactivation ended (ticked by default).
    _submit(session, "main form button.button--danger")
    assert "is gedeactiveerd" in page.inner_text("main")
    _submit(session, "a:has-text('Account heractiveren')")
    assert page.is_checked("input[name=memberships]")
    _shot(session, "heractiveren", 390)
    _submit(session, "button[value=controleren]")
    assert "Politie (Medewerker)" in page.inner_text("dl.summary-list")
    _submit(session, "button[value=opslaan]")
    assert "is weer actief" in page.inner_text("main")
    assert page.evaluate(OVERFLOW) <= 0
    user.refresh_from_db()
    assert user.is_active and user.memberships.filter(active=True).count() == 1

    assert not a11y.violations, "\n".join(a11y.violations)
    assert not session.console_errors, session.console_errors
