"""Management figures per municipality in a real browser (issue 13 point 3, issue 16
point 7): the manager's dashboard scoped to a municipality and the gemeente's figures
for its bestuur, at 1366 and 390 px, no horizontal scrolling, axe-core clean, screenshots
(and the PDF, as PNG when poppler's pdftoppm is installed) in var/screenshots/."""

from __future__ import annotations

import pytest

from organisations.models import Municipality
from tests.e2e.artifacts import WIDTHS, keep_pdf, shot

pytestmark = [pytest.mark.e2e]


def _middenstad():
    return Municipality.objects.get(name="Middenstad")


@pytest.mark.parametrize("width", [1366, 390])
def test_manager_scopes_the_dashboard_to_a_municipality(seeded, sessions, a11y, width):
    middenstad = _middenstad()
    session = sessions(f"rapportage-{width}")
    session.page.set_viewport_size(WIDTHS[width])
    session.login("manager")
    session.goto("/reports/")
    page = session.page
    # Two short lists instead of 64 periods.
    assert page.locator("#id_jaar option").count() == 4
    assert page.locator("#id_deel option").count() == 17
    page.select_option("#id_bereik", f"gemeente-{middenstad.pk}")
    with page.expect_navigation():
        page.click("form.filter-bar button[type=submit]")
    session.audit()
    main = page.inner_text("main")
    assert "Bereik: Gemeente Middenstad." in main
    assert "Kleine aantallen." in main
    assert "stand op vandaag" in main
    assert "DEMO-" not in main
    shot(session, "rapportage-gemeente", width)

    if width == 1366:
        with page.expect_download() as download:
            page.click("a:has-text('Download als PDF')")
        keep_pdf(download.value, "rapportage-gemeente")
    assert a11y.violations == [], "\n".join(a11y.violations)


@pytest.mark.parametrize("width", [1366, 390])
def test_gemeente_reads_its_figures_for_the_bestuur(seeded, sessions, a11y, width):
    middenstad = _middenstad()
    gemeente = seeded["orgs"]["Gemeente"]
    gemeente.municipality, gemeente.region = middenstad, middenstad.region
    gemeente.save(update_fields=["municipality", "region"])
    session = sessions(f"gemeente-cijfers-{width}")
    session.page.set_viewport_size(WIDTHS[width])
    session.login("gemeente")
    session.goto("/reports/")
    page = session.page
    assert page.inner_text("h1") == "Cijfers voor het bestuur"
    main = page.inner_text("main")
    assert "Bereik: Gemeente Middenstad." in main
    assert "Kleine aantallen." in main
    assert "DEMO-" not in main and "Wijkteam Noord" not in main
    assert page.locator("#id_bereik").count() == 0, "a gemeente has nothing to choose"
    shot(session, "gemeente-cijfers", width)
    assert a11y.violations == [], "\n".join(a11y.violations)
