"""Every meetings URL per role: who sees which meeting, which agenda items, and which
case references; hidden case data answers 404, role pages 403."""

from __future__ import annotations

import pytest

from privacy.models import AccessLog

pytestmark = pytest.mark.django_db

NO_AGENDA = ["manager", "privacy", "admin"]


@pytest.mark.parametrize("username", NO_AGENDA)
def test_roles_without_cases_have_no_agenda(planned, demo, username):
    meeting, _ = planned
    client = demo.client_for(username)
    assert client.get("/meetings/").status_code == 403
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 403
    assert client.get(f"/meetings/{meeting.pk}/overleg.ics").status_code == 403


def test_regisseur_sees_the_whole_agenda(planned, demo):
    meeting, _ = planned
    page = demo.client_for("regisseur").get("/meetings/").content.decode()
    for ref in ("DEMO-ZVH", "DEMO-AFSCHALING", "DEMO-ZUID-2"):
        assert ref in page


def test_politie_sees_only_its_items(planned, demo):
    meeting, items = planned
    client = demo.client_for("politie")
    for url in ("/meetings/", f"/meetings/{meeting.pk}/"):
        page = client.get(url).content.decode()
        assert "DEMO-ZVH" in page
        assert "DEMO-AFSCHALING" not in page
        assert "DEMO-ZUID-2" not in page
    assert client.get(f"/meetings/{meeting.pk}/items/{items['DEMO-ZVH'].pk}/").status_code == 200
    hidden = items["DEMO-AFSCHALING"].pk
    assert client.get(f"/meetings/{meeting.pk}/items/{hidden}/").status_code == 404


def test_politie_gets_the_ics(planned, demo):
    meeting, _ = planned
    response = demo.client_for("politie").get(f"/meetings/{meeting.pk}/overleg.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    assert "DEMO-ZVH" in body
    assert "DEMO-AFSCHALING" not in body


def test_wijkteam2_gets_404_on_items_of_noord_cases(planned, demo):
    meeting, items = planned
    client = demo.client_for("wijkteam2")
    # Zuid's own case (and DEMO-AFSCHALING, handed over to Zuid) are on the agenda, so
    # the meeting is visible with those items only.
    page = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "DEMO-ZUID-2" in page and "DEMO-ZVH" not in page
    for ref in ("DEMO-ZVH",):
        item = items[ref].pk
        for suffix in ("", "verslag.pdf"):
            url = f"/meetings/{meeting.pk}/items/{item}/{suffix}"
            assert client.get(url).status_code == 404
        for suffix in ("verslag/", "besluit/"):
            url = f"/meetings/{meeting.pk}/items/{item}/{suffix}"
            assert client.post(url, {"text": "x"}).status_code == 404


def test_a_meeting_without_own_cases_is_404(planned, demo):
    meeting, items = planned
    items["DEMO-ZUID-2"].delete()
    items["DEMO-AFSCHALING"].delete()
    assert demo.client_for("wijkteam2").get(f"/meetings/{meeting.pk}/").status_code == 404


@pytest.mark.parametrize("username", ["politie", "ggz", "wijkteam", "wijkteam2"])
def test_only_the_organisers_change_the_meeting(planned, demo, username):
    meeting, _ = planned
    client = demo.client_for(username)
    assert client.get(f"/meetings/{meeting.pk}/edit/").status_code == 403
    assert client.post(f"/meetings/{meeting.pk}/cancel/").status_code == 403
    assert client.get(f"/meetings/{meeting.pk}/items/new/").status_code == 403


@pytest.mark.parametrize("username", ["politie", "ggz", "regisseur"])
def test_only_the_chair_edits_the_verslag(planned, demo, username):
    meeting, items = planned
    url = f"/meetings/{meeting.pk}/items/{items['DEMO-ZVH'].pk}/verslag/"
    response = demo.client_for(username).post(url, {"minutes": "Besproken."})
    assert response.status_code == (302 if username == "regisseur" else 403)


def test_item_from_another_meeting_is_404(planned, demo):
    meeting, items = planned
    response = demo.client_for("regisseur").get(
        f"/meetings/{meeting.pk + 1}/items/{items['DEMO-ZVH'].pk}/"
    )
    assert response.status_code == 404


def test_the_verslag_pdf_writes_one_access_log_row(planned, demo):
    meeting, items = planned
    item = items["DEMO-ZVH"]
    before = AccessLog.objects.filter(case=item.case).count()
    response = demo.client_for("ggz").get(f"/meetings/{meeting.pk}/items/{item.pk}/verslag.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert AccessLog.objects.filter(case=item.case).count() == before + 1


def test_anonymous_is_sent_to_login(planned, demo):
    from django.test import Client

    meeting, items = planned
    for url in ("/meetings/", f"/meetings/{meeting.pk}/", "/meetings/new/"):
        assert Client().get(url).status_code == 302


def test_regisseur_opens_every_page_of_the_meeting(planned, demo):
    meeting, items = planned
    client = demo.client_for("regisseur")
    item = items["DEMO-ZVH"].pk
    for url in (
        "/meetings/",
        "/meetings/new/",
        f"/meetings/{meeting.pk}/",
        f"/meetings/{meeting.pk}/edit/",
        f"/meetings/{meeting.pk}/items/new/",
        f"/meetings/{meeting.pk}/items/{item}/",
        f"/cases/{demo.cases['DEMO-ZVH'].pk}/?sectie=plan",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/meetings/{meeting.pk}/items/{item}/").content.decode()
    assert "Besluit vastleggen" in page
