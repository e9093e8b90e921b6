"""Break-the-glass: open a case outside one's grants with a reason, for 24 hours."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from cases.models import CaseNote
from privacy.access import visible_cases
from privacy.breakglass import break_glass_expire
from privacy.models import AccessLog, BreakGlassAccess, CaseUserObjectPermission
from tests.case_pages import case_page_text

REASON = "Melding van acuut gevaar in de woning, wijkagent gaat nu ter plaatse"


@pytest.fixture
def zuid_case(demo):
    """DEMO-ZUID-2 (zvh, GGZ takes part) with notes the police may and may not see."""
    case = demo.cases["DEMO-ZUID-2"]
    for category in ("gezondheid", "justitie"):
        CaseNote.objects.create(
            case=case,
            category=category,
            text=f"[{category.upper()}] testnotitie",
            author=demo.users["wijkteam2"],
            author_organisation=demo.orgs["Wijkteam Zuid"],
        )
    return case


def test_police_opens_a_case_with_a_reason_and_sees_only_its_categories(demo, zuid_case):
    client = demo.client_for("politie")
    assert client.get(f"/cases/{zuid_case.pk}/").status_code == 404
    response = client.post(
        "/privacy/break-the-glass/", {"reference": zuid_case.reference, "reason": REASON}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{zuid_case.pk}/"
    body = case_page_text(client, zuid_case.pk)
    assert "U bekijkt deze casus via noodtoegang" in body
    assert "via break-the-glass" not in body
    assert "[JUSTITIE] testnotitie" in body
    assert "[GEZONDHEID]" not in body
    assert "Notitie toevoegen" not in body, "break-the-glass is read-only"
    row = AccessLog.objects.filter(case=zuid_case, user=demo.users["politie"]).latest("id")
    assert row.break_the_glass
    access = BreakGlassAccess.objects.get()
    assert access.reason == REASON
    assert access.expires_at - access.started_at == timedelta(hours=24)
    assert access.review_status == "open"
    # The case now also appears in the police's list, as list and detail must agree.
    assert zuid_case.reference in client.get("/cases/").content.decode()


def test_regisseur_cannot_break_the_glass_on_a_case_still_with_its_wijkteam(demo):
    # Until 2026-11 a regisseur could open any wijkteam-phase case; break-the-glass is
    # now only for cases from `aangemeld` on (DESIGN.md, review finding 7).
    case = demo.cases["DEMO-STAGNATIE"]
    client = demo.client_for("regisseur")
    response = client.post(
        "/privacy/break-the-glass/", {"reference": case.reference, "reason": REASON}
    )
    assert response.status_code == 400
    assert "kan niet via noodtoegang worden geopend" in response.content.decode()
    assert client.get(f"/cases/{case.pk}/").status_code == 404
    assert not BreakGlassAccess.objects.exists()


def test_a_short_reason_is_refused(demo, zuid_case):
    response = demo.client_for("politie").post(
        "/privacy/break-the-glass/", {"reference": zuid_case.reference, "reason": "even kijken"}
    )
    assert response.status_code == 400
    assert "minstens 20 tekens" in response.content.decode()
    assert not BreakGlassAccess.objects.exists()
    assert not CaseUserObjectPermission.objects.exists()


def test_an_unknown_reference_gets_a_clear_message(demo):
    response = demo.client_for("politie").post(
        "/privacy/break-the-glass/", {"reference": "2099-9999", "reason": REASON}
    )
    assert response.status_code == 400
    assert "kan niet via noodtoegang worden geopend" in response.content.decode()
    assert "Controleer het kenmerk" in response.content.decode()


def test_a_case_already_visible_needs_no_glass(demo):
    case = demo.cases["DEMO-ZVH"]
    response = demo.client_for("politie").post(
        "/privacy/break-the-glass/", {"reference": case.reference, "reason": REASON}, follow=True
    )
    assert "U heeft al toegang tot casus DEMO-ZVH" in response.content.decode()
    assert not BreakGlassAccess.objects.exists()


def test_a_closed_case_cannot_be_opened(demo):
    response = demo.client_for("regisseur").post(
        "/privacy/break-the-glass/", {"reference": "DEMO-GESLOTEN", "reason": REASON}
    )
    assert response.status_code == 400
    assert "kan niet via noodtoegang worden geopend" in response.content.decode()
    assert not BreakGlassAccess.objects.exists()


@pytest.mark.parametrize("username", ["wijkteam2", "wijkteam", "manager", "privacy", "admin"])
def test_wijkteam_workers_managers_and_the_privacy_officer_are_refused(demo, username):
    client = demo.client_for(username)
    assert client.get("/privacy/break-the-glass/").status_code == 403
    response = client.post("/privacy/break-the-glass/", {"reference": "DEMO-ZVH", "reason": REASON})
    assert response.status_code == 403
    assert not BreakGlassAccess.objects.exists()


def test_access_ends_after_24_hours_even_before_clean_up(demo, zuid_case):
    client = demo.client_for("politie")
    client.post("/privacy/break-the-glass/", {"reference": zuid_case.reference, "reason": REASON})
    # A fresh login in each moment: the session itself times out when idle.
    with time_machine.travel(timezone.now() + timedelta(hours=23)):
        assert demo.client_for("politie").get(f"/cases/{zuid_case.pk}/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1)):
        assert demo.client_for("politie").get(f"/cases/{zuid_case.pk}/").status_code == 404
        assert not visible_cases(demo.users["politie"]).filter(pk=zuid_case.pk).exists()
        assert CaseUserObjectPermission.objects.exists(), "rows still there, yet ignored"
        assert break_glass_expire(now=timezone.now()) > 0
    assert not CaseUserObjectPermission.objects.exists()


def test_privacy_officer_reviews_break_the_glass(demo, zuid_case):
    demo.client_for("politie").post(
        "/privacy/break-the-glass/", {"reference": zuid_case.reference, "reason": REASON}
    )
    access = BreakGlassAccess.objects.get()
    privacy = demo.client_for("privacy")
    page = privacy.get("/privacy/break-the-glass/review/").content.decode()
    assert REASON in page and zuid_case.reference in page

    no_note = privacy.post(
        f"/privacy/break-the-glass/review/{access.pk}/", {"status": "questioned"}, follow=True
    )
    assert "Geef een toelichting" in no_note.content.decode()
    access.refresh_from_db()
    assert access.review_status == "open"

    privacy.post(
        f"/privacy/break-the-glass/review/{access.pk}/",
        {"status": "questioned", "note": "Navragen bij teamchef: geen melding gevonden"},
    )
    access.refresh_from_db()
    assert access.review_status == "questioned"
    assert access.reviewed_by == demo.users["privacy"]
    questioned = privacy.get("/privacy/break-the-glass/review/?status=questioned")
    assert "Navragen bij teamchef" in questioned.content.decode()
    assert REASON not in privacy.get("/privacy/break-the-glass/review/").content.decode()


def test_only_the_privacy_officer_reviews(demo, zuid_case):
    demo.client_for("politie").post(
        "/privacy/break-the-glass/", {"reference": zuid_case.reference, "reason": REASON}
    )
    access = BreakGlassAccess.objects.get()
    for username in ("politie", "regisseur"):
        client = demo.client_for(username)
        assert client.get("/privacy/break-the-glass/review/").status_code == 403
        response = client.post(
            f"/privacy/break-the-glass/review/{access.pk}/", {"status": "reviewed"}
        )
        assert response.status_code == 403
    access.refresh_from_db()
    assert access.review_status == "open"
