"""Meetings and documents (issue 15) in a real browser: the "Done when" flows.

The regisseur plans a weekly triage-overleg with three cases and invites politie and GGZ
per case; politie sees only its own agenda items and gets the .ics; once the meeting has
begun the chair writes the verslag and a decision that becomes a plan action. A document
filed under `gezondheid` is downloadable by GGZ and a 404 for politie. Every page goes
through axe-core; the agenda and upload pages are saved at 1366 and 390 px.

The app refuses meetings in the past (and has no clock to turn), so the meeting is
planned to start within a minute or two and the test waits for that start before the
verslag is vastgesteld: the only step the app ties to the meeting having begun.
"""

from __future__ import annotations

import math
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from documents.models import Document
from meetings.models import AgendaItem, Meeting

pytestmark = [pytest.mark.e2e]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# Agenda: case -> partners invited for it. Politie takes part in DEMO-ZVH already and
# is invited for DEMO-AFSCHALING; DEMO-ZUID-2 is GGZ's alone, so politie must not see it.
# (A case that is only aangemeld would not do: partners read a case from the ZVH phase
# on, invited or not; privacy/rules.py PARTNER_PHASES.)
AGENDA = {
    "DEMO-ZVH": ("Politie", "GGZ"),
    "DEMO-ZUID-2": ("GGZ",),
    "DEMO-AFSCHALING": ("Politie",),
}


def _shots(session, name: str) -> None:
    """The current page at desktop and phone width, back at desktop afterwards."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for viewport in (DESKTOP, PHONE):
        session.page.set_viewport_size(viewport)
        session.audit()
        session.page.screenshot(
            path=str(SCREENSHOTS / f"{name}-{viewport['width']}.png"), full_page=True
        )
    session.page.set_viewport_size(DESKTOP)


def _submit(session, selector: str) -> None:
    with session.page.expect_navigation():
        session.page.click(selector)
    session.audit()


def _soon() -> datetime:
    """A start time the form accepts (not in the past) that is reached within 1-2 min."""
    now = datetime.now(AMSTERDAM) + timedelta(seconds=45)
    start = now.replace(second=0, microsecond=0) + timedelta(minutes=1)
    if (start + timedelta(hours=1)).date() != start.date():
        pytest.skip("a meeting planned now would end after midnight")
    return start


def _plan_meeting(session, start: datetime) -> int:
    page = session.page
    session.goto("/meetings/new/")
    page.select_option("select[name=kind]", "triage")
    page.fill("input[name=date]", start.strftime("%d-%m-%Y"))
    page.fill("input[name=start]", start.strftime("%H:%M"))
    page.fill("input[name=end]", (start + timedelta(hours=1)).strftime("%H:%M"))
    page.fill("input[name=location]", "ZVH, vergaderzaal 2")
    _submit(session, "main form button[type=submit]")
    assert "Het overleg is gepland" in page.inner_text("main"), page.inner_text("main")
    return int(page.url.rstrip("/").rsplit("/", 1)[-1])


def _add_item(session, meeting_pk: int, reference: str, partners: tuple[str, ...]) -> None:
    page = session.page
    session.goto(f"/meetings/{meeting_pk}/items/new/")
    page.fill("input[name=case]", reference)
    for name in partners:
        page.get_by_label(name, exact=True).check()
    _submit(session, "main form button[type=submit]")
    assert "De casus staat op de agenda" in page.inner_text("main"), page.inner_text("main")


def test_regisseur_plans_an_overleg_and_the_chair_turns_a_decision_into_an_action(
    seeded, sessions, a11y
):
    regisseur = sessions("regisseur")
    regisseur.page.set_viewport_size(DESKTOP)
    regisseur.login("regisseur")
    start = _soon()
    meeting_pk = _plan_meeting(regisseur, start)
    for reference, partners in AGENDA.items():
        _add_item(regisseur, meeting_pk, reference, partners)
    detail = regisseur.page.inner_text("main table")
    assert all(ref in detail for ref in AGENDA)
    regisseur.goto("/meetings/")
    _shots(regisseur, "agenda-regisseur")

    # Politie: only the meetings and items of cases it takes part in.
    politie = sessions("politie")
    politie.page.set_viewport_size(DESKTOP)
    politie.login("politie")
    politie.goto("/meetings/")
    agenda = politie.page.inner_text("main")
    assert "DEMO-ZVH" in agenda and "DEMO-AFSCHALING" in agenda
    assert "DEMO-ZUID-2" not in agenda
    _shots(politie, "agenda-politie")
    politie.page.click(f'main a[href="/meetings/{meeting_pk}/"]')
    politie.page.wait_for_load_state("load")
    politie.audit()
    assert "DEMO-ZUID-2" not in politie.page.inner_text("main")
    assert "Casus op de agenda zetten" not in politie.page.inner_text("main")

    uid = str(Meeting.objects.get(pk=meeting_pk).uid)
    with politie.page.expect_download() as download_info:
        politie.page.click(f'a[href="/meetings/{meeting_pk}/overleg.ics"]')
    ics = Path(download_info.value.path()).read_text()
    assert f"UID:{uid}@schakel" in ics
    assert "DEMO-ZUID-2" not in ics
    response = politie.page.request.get(f"/meetings/{meeting_pk}/overleg.ics")
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/calendar")
    assert f"UID:{uid}@schakel" in response.text()

    # The chair (the regisseur) writes the verslag and a decision that becomes an action.
    item = AgendaItem.objects.get(meeting_id=meeting_pk, case__reference="DEMO-ZVH")
    regisseur.goto(f"/meetings/{meeting_pk}/items/{item.pk}/")
    page = regisseur.page
    page.fill("textarea[name=attendance]", "Ingrid Hoekstra (ZVH), Mark de Boer (Politie), GGZ")
    page.fill("textarea[name=minutes]", "Situatie besproken; veiligheid kinderen eerst.")
    _submit(regisseur, "main form button[type=submit]:not([name])")
    assert "Het verslag is opgeslagen" in page.inner_text("main"), page.inner_text("main")

    deadline = (datetime.now(AMSTERDAM) + timedelta(days=14)).strftime("%d-%m-%Y")
    page.fill("textarea[name=text]", "Politie voert een huisbezoek uit met de wijkagent.")
    page.select_option("select[name=owner_organisation]", label="Politie")
    page.fill("input[name=deadline]", deadline)
    _submit(regisseur, "form[action$='/besluit/'] button[type=submit]")
    assert "als actie aan het plan toegevoegd" in page.inner_text("main"), page.inner_text("main")

    # Vaststellen only once the meeting has begun (the app has no clock to turn).
    wait = (start - datetime.now(AMSTERDAM)).total_seconds() + 1
    if wait > 0:
        time.sleep(math.ceil(wait))
    _submit(regisseur, "button[name=adopt]")
    main = page.inner_text("main")
    assert "Het verslag is vastgesteld" in main, main
    assert page.locator("textarea[name=minutes]").count() == 0  # read-only now

    regisseur.goto(f"/cases/{item.case_id}/?sectie=plan")
    plan = page.inner_text("main section#overleg-en-plan")
    assert "Politie voert een huisbezoek uit met de wijkagent." in plan
    assert deadline in plan
    # The vastgestelde verslag: in the tab's "Overleggen" panel, next to the plan.
    overleggen = page.inner_text("main section[aria-labelledby=meetings-title]")
    assert "Situatie besproken; veiligheid kinderen eerst." in overleggen
    assert "Vastgesteld op" in overleggen
    assert a11y.violations == [], "\n".join(a11y.violations)


def test_a_health_document_is_for_ggz_and_a_404_for_politie(
    seeded, sessions, a11y, settings, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
    case_pk = seeded["cases"]["DEMO-ZVH"].pk

    regisseur = sessions("regisseur")
    regisseur.page.set_viewport_size(DESKTOP)
    regisseur.login("regisseur")
    regisseur.goto(f"/documents/cases/{case_pk}/new/")
    _shots(regisseur, "document-toevoegen")
    page = regisseur.page
    page.select_option("select[name=category]", "gezondheid")
    page.fill("input[name=title]", "Brief huisarts")
    page.fill("input[name=document_date]", datetime.now(AMSTERDAM).strftime("%d-%m-%Y"))
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "brief-huisarts.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    _submit(regisseur, "main form button[type=submit]")
    assert "Het document is toegevoegd" in page.inner_text("main"), page.inner_text("main")
    document = Document.objects.get(case_id=case_pk, title="Brief huisarts")
    url = f"/documents/cases/{case_pk}/{document.pk}/"

    ggz = sessions("ggz")
    ggz.page.set_viewport_size(DESKTOP)
    ggz.login("ggz")
    ggz.goto(f"/cases/{case_pk}/?sectie=documenten")
    assert "Brief huisarts" in ggz.page.inner_text("main section#documenten")
    with ggz.page.expect_download() as download_info:
        ggz.page.click(f'main a[href="{url}"]')
    download = download_info.value
    assert download.suggested_filename == "brief-huisarts.pdf"
    assert Path(download.path()).read_bytes() == PDF
    response = ggz.page.request.get(url)
    assert response.status == 200
    assert response.headers["content-disposition"].startswith("attachment")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in response.headers["cache-control"]

    politie = sessions("politie")
    politie.page.set_viewport_size(DESKTOP)
    politie.login("politie")
    politie.goto(f"/cases/{case_pk}/?sectie=documenten")
    assert "Brief huisarts" not in politie.page.inner_text("main")
    assert politie.page.request.get(url).status == 404
    assert a11y.violations == [], "\n".join(a11y.violations)
