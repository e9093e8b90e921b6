"""The privacy officer reads the access log in plain Dutch (issue 16, point 6) at 1366 and
390 px: names instead of usernames, role labels, steps instead of `workflow:` codes, no
horizontal scrolling on a phone. Every page goes through axe-core; screenshots land in
var/screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
SIZES = {1366: {"width": 1366, "height": 900}, 390: {"width": 390, "height": 844}}
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


def test_the_access_log_pages_speak_dutch_on_desktop_and_phone(seeded, sessions, a11y):
    case = seeded["cases"]["DEMO-ZVH"]
    regisseur = sessions("regisseur")
    regisseur.login("regisseur")
    regisseur.goto(f"/escalation/cases/{case.pk}/review/")

    session = sessions("privacy")
    session.login("privacy")
    page = session.page
    pages = {
        "toegangslog": "/privacy/access-log/",
        "per-casus": f"/privacy/case/{case.pk}/access-log/",
        "per-medewerker": "/privacy/access-log/overview/",
        "bewaartermijn": "/privacy/retention/",
    }
    for width, size in SIZES.items():
        page.set_viewport_size(size)
        for name, path in pages.items():
            session.goto(path)
            text = page.inner_text("main")
            assert "workflow:" not in text and "procesregisseur)" not in text, path
            assert "Break-the-glass" not in text, path
            assert page.evaluate(OVERFLOW) <= 0, f"{path} scrolls sideways at {width} px"
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(
                path=str(SCREENSHOTS / f"access-log-{name}-{width}.png"), full_page=True
            )
    session.goto("/privacy/access-log/")
    text = page.inner_text("main")
    assert "Werkstap: Evaluatie vastleggen" in text
    assert "Ingrid Hoekstra" in text and "Procesregisseur" in text
    assert not a11y.violations, "\n".join(a11y.violations)
