"""The privacy officer's inzage and convenant change in a real browser (issue 16, points 8
and 9), at 1366 and 390 px: no horizontal scrolling, axe-core clean, screenshots in
var/screenshots/. The inzage PDF is saved there too (and rendered to PNG when
poppler's pdftoppm is installed)."""

from __future__ import annotations

import pytest

from tests.e2e.artifacts import WIDTHS, keep_pdf, shot

pytestmark = [pytest.mark.e2e]


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
    shot(session, "inzage-zoeken", width)

    _submit(session, "form[action='/privacy/inzage/controleren/'] button[type=submit]")
    assert "vink minstens één persoon aan" in page.inner_text("main")
    page.check(f"input[name=person][value='{sandra.pk}']")
    _submit(session, "form[action='/privacy/inzage/controleren/'] button[type=submit]")
    main = page.inner_text("main")
    assert "Controleer het inzageverzoek" in main and "Sandra Verbeek-Kok, geboren" in main
    shot(session, "inzage-controleren", width)

    with page.expect_download() as download:
        page.click("button:has-text('PDF maken')")
    if width == 1366:
        keep_pdf(download.value, "inzage")
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
    shot(session, "convenant", width)
    page.check("#cell-politie-gezondheid")
    page.uncheck("#cell-ggz-gezondheid")
    _submit(session, "main form button[type=submit]")
    main = " ".join(page.inner_text("main").split())
    assert "Politie krijgt inzage in Gezondheid in 2 open casussen." in main
    assert "GGZ verliest inzage in Gezondheid in 2 open casussen." in main

    _submit(session, "main form button[type=submit]")  # without the decision
    assert page.locator(".error-summary").is_visible()
    assert "Vul het kenmerk van het besluit in" in page.inner_text("main")
    shot(session, "convenant-bevestigen", width)

    page.fill("#id_decision_reference", "besluit stuurgroep 12-11-2026")
    _submit(session, "main form button[type=submit]")
    assert page.url.endswith("/privacy/convenant/")
    history = page.inner_text("main")
    assert "besluit stuurgroep 12-11-2026" in history
    assert a11y.violations == [], "\n".join(a11y.violations)
