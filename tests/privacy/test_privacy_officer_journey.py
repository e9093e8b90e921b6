"""End to end, through the login form, as the privacy officer and a police officer would
use the privacy tools in the browser."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from privacy.models import BreakGlassAccess
from privacy.tasks import retention_daily
from tests.case_pages import case_page_text

REASON = "Aanhouding verdachte op dit adres, direct zicht op risico nodig"


def login(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": "demo"})
    assert response.status_code == 302, f"login of {username} failed"
    return client


def test_privacy_officer_reviews_break_the_glass_and_handles_inzage(demo):
    police = login("politie")
    case = demo.cases["DEMO-ZUID-2"]
    form = police.get("/privacy/break-the-glass/")
    assert "Minstens 20 tekens" in form.content.decode()
    opened = police.post(
        "/privacy/break-the-glass/",
        {"reference": case.reference, "reason": REASON},
        follow=True,
    )
    assert "U heeft 24 uur toegang" in opened.content.decode()

    privacy = login("privacy")
    home = privacy.get("/", follow=True).content.decode()
    for label in (
        "Toegangslog",
        "Convenant",
        "Noodtoegang beoordelen",
        "Inzageverzoek",
        "Bewaartermijn",
    ):
        assert label in home
    review = privacy.get("/privacy/break-the-glass/review/").content.decode()
    assert REASON in review
    access = BreakGlassAccess.objects.get()
    privacy.post(f"/privacy/break-the-glass/review/{access.pk}/", {"status": "reviewed"})
    assert REASON not in privacy.get("/privacy/break-the-glass/review/").content.decode()
    flagged = privacy.get("/privacy/access-log/", {"break_the_glass": "on"}).content.decode()
    assert case.reference in flagged and "Politie" in flagged

    registered = privacy.post(
        "/privacy/inzage/verzoek/",
        {
            "requester": "Sandra Verbeek-Kok",
            "received_on": timezone.localdate().strftime("%d-%m-%Y"),
        },
    )
    assert registered.status_code == 302
    request_id = registered["Location"].rsplit("=", 1)[1]
    sandra = demo.cases["DEMO-ZVH"].persons.get(first_name="Sandra")
    found = privacy.get(
        "/privacy/inzage/",
        {
            "access_request": request_id,
            "name": "Sandra Verbeek-Kok",
            "date_of_birth": sandra.date_of_birth.strftime("%d-%m-%Y"),
        },
    ).content.decode()
    assert "1 persoon gevonden" in found and "DEMO-ZVH" in found
    export = json.loads(
        privacy.post(
            "/privacy/inzage/export.json",
            {
                "person": sandra.pk,
                "access_request": request_id,
                "name": "Sandra Verbeek-Kok",
                "date_of_birth": sandra.date_of_birth.strftime("%d-%m-%Y"),
            },
        ).content
    )
    assert export["casussen"][0]["kenmerk"] == "DEMO-ZVH"
    who = privacy.get(f"/privacy/case/{demo.cases['DEMO-ZVH'].pk}/access-log/").content
    assert "Inzageverzoek AVG art. 15" in who.decode(), "the export shows in the case's log"


def test_privacy_officer_follows_retention_from_preview_to_tombstone(demo):
    privacy = login("privacy")
    closed = demo.cases["DEMO-GESLOTEN"]
    assert "Hendriks" in case_page_text(privacy, closed.pk)
    preview = privacy.get("/privacy/retention/").content.decode()
    assert "DEMO-GESLOTEN" in preview
    assert "Er is nog geen anonimiseringsronde uitgevoerd" in preview
    # What will be replaced, in words: "1 persoon, 2 notities en …", not "persons: 1".
    assert re.search(r"\d+ (persoon|personen)\b", preview) and "persons" not in preview
    assert "Hendriks" not in preview, "the overview never shows personal data"

    # The nightly task, a day later.
    with time_machine.travel(timezone.now() + timedelta(days=1)):
        assert retention_daily() == 1
    page = privacy.get("/privacy/retention/").content.decode()
    assert "Ronde van" in page and "DEMO-GESLOTEN" in page
    assert "Er zijn nu geen casussen waarvan de bewaartermijn is verstreken" in page
    assert "Hendriks" not in case_page_text(privacy, closed.pk)


def test_retention_overview_is_for_the_privacy_officer_only(demo):
    for username in ("regisseur", "manager", "wijkteam"):
        assert login(username).get("/privacy/retention/").status_code == 403
