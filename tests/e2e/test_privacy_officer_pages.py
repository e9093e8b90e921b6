"""The privacy officer's inzage and convenant change in a real browser (issue 16, points 8
and 9), at 1366 and 390 px: no horizontal scrolling, axe-core clean, screenshots in
var/screenshots/. The inzage PDF is saved there too (and rendered to PNG when
poppler's pdftoppm is installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDTHS = {1366: {"width": 1366, "height": 900}, 390: {"width": 390, "height": 844}}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def _shot(session, name: str, width: int) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    session.page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    assert session.page.evaluate(OVERFLOW) <= 0, f"{name} scrolls sideways at {width} px"


def _submit(session, selector: str) -> None:
    with session.page.expect_navigation():
        session.page.click(selector)
    session.audit()


@pytest.mark.parametrize("width", [1366, 390])
def test_privacy_officer_answers_an_inzage_request_in_steps(seeded, sessions, a11y, width):
    sandra = seeded["cases"]["DEMO-ZVH"].persons.get(first_name="Sandra")
    session = sessions(f"inzage-{width}")
    session.page.set_viewport_size(WIDTHS[width])
    session.login("privacy")
    session.goto("/privacy/inzage/")
    page = session.page
    page.fill("#id_requester", "Sandra Verbeek-Kok")
    page.fill("#id_received_on", "05-01-2026")
    _submit(session, "form[action='/privacy/inzage/verzoek/'] button[type=submit]")
    page.fill("#id_reference", "DEMO-ZVH")
    _submit(session, "form.filter-bar button[type=submit]")
    assert page.locator("input[name=person]:checked").count() == 0, "nobody pre-selected"
    _shot(session, "inzage-zoeken", width)

    _submit(session, "form[action='/privacy/inzage/controleren/'] button[type=submit]")
    assert "vink minstens één persoon aan" in page.inner_text("main")
    page.check(f"input[name=person][value='{sandra.pk}']")
    _submit(session, "form[action='/privacy/inzage/controleren/'] button[type=submit]")
    main = page.inner_text("main")
    assert "Controleer het inzageverzoek" in main and "Sandra Verbeek-Kok, geboren" in main
    _shot(session, "inzage-controleren", width)

    with page.expect_download() as download:
        page.click("button:has-text('PDF maken')")
    if width == 1366:
        pdf = SCREENSHOTS / "inzage.pdf"
        download.value.save_as(str(pdf))
        assert pdf.read_bytes().startswith(b"%PDF")
        if shutil.which("pdftoppm"):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", str(pdf), str(SCREENSHOTS / "inzage-pdf")],
                check=True,
                timeout=60,
            )
    assert a11y.violations == [], "\n".join(a11y.violations)


@pytest.mark.parametrize("width", [1366, 390])
def test_privacy_officer_confirms_a_convenant_change_with_its_decision(
    seeded, sessions, a11y, width
):
    session = sessions(f"convenant-{width}")
    session.page.set_viewport_size(WIDTHS[width])
    session.login("privacy")
    session.goto("/privacy/convenant/")
    page = session.page
    _shot(session, "convenant", width)
    page.check("#cell-politie-gezondheid")
    page.uncheck("#cell-ggz-gezondheid")
    _submit(session, "main form button[type=submit]")
    main = " ".join(page.inner_text("main").split())
    assert "Politie krijgt inzage in Gezondheid in 2 open casussen." in main
    assert "GGZ verliest inzage in Gezondheid in 2 open casussen." in main

    _submit(session, "main form button[type=submit]")  # without the decision
    assert page.locator(".error-summary").is_visible()
    assert "Vul het kenmerk van het besluit in" in page.inner_text("main")
    _shot(session, "convenant-bevestigen", width)

    page.fill("#id_decision_reference", "besluit stuurgroep 12-11-2026")
    _submit(session, "main form button[type=submit]")
    assert page.url.endswith("/privacy/convenant/")
    history = page.inner_text("main")
    assert "besluit stuurgroep 12-11-2026" in history
    assert a11y.violations == [], "\n".join(a11y.violations)
