"""One filter everywhere: list, search, counts, detail and timeline agree with the access
layer for every demo user."""

from __future__ import annotations

import re

import pytest

from cases.categories import Category
from cases.models import CaseEvent
from cases.services import event_record
from privacy.access import case_access, visible_cases
from tests.case_pages import case_page_text

USERS = ["wijkteam", "wijkteam2", "regisseur", "politie", "ggz", "manager", "privacy", "admin"]


def test_police_search_for_a_word_only_in_a_health_note_finds_nothing(demo):
    client = demo.client_for("politie")
    # "alcoholafhankelijkheid" occurs only in DEMO-ZVH's [GEZONDHEID] note.
    body = client.get("/cases/", {"q": "alcoholafhankelijkheid"}).content.decode()
    assert "DEMO-ZVH" not in body
    assert "[GEZONDHEID]" not in body
    # …while the same case is found by a name, which is basis data.
    assert "DEMO-ZVH" in client.get("/cases/", {"q": "Verbeek"}).content.decode()


@pytest.mark.parametrize("username", USERS)
def test_list_count_and_detail_agree(demo, username):
    client = demo.client_for(username)
    user = demo.users[username]
    visible = set(visible_cases(user).values_list("reference", flat=True))
    listing = client.get("/cases/")
    if listing.status_code != 200:
        assert not visible
        return
    body = listing.content.decode()
    shown = {ref for ref in demo.cases if re.search(rf">{re.escape(ref)}<", body)}
    assert shown == visible & set(demo.cases)
    count = re.search(r"(\d+) casus(?:sen)? gevonden", body)
    assert count and int(count.group(1)) == len(visible)
    for ref, case in demo.cases.items():
        status = client.get(f"/cases/{case.pk}/").status_code
        assert (status == 200) == (ref in visible), (ref, status)


@pytest.mark.parametrize("username", ["politie", "ggz", "manager"])
def test_timeline_entries_of_hidden_categories_are_not_rendered(demo, username):
    case = demo.cases["DEMO-ZVH"]
    for category in Category.values:
        event_record(case=case, kind="test", category=category, description=f"Tijdlijn {category}")
    access = case_access(demo.users[username], case)
    body = case_page_text(demo.client_for(username), case.pk)
    hidden = CaseEvent.objects.filter(case=case).exclude(category__in=access.categories)
    assert hidden.exists()
    for event in hidden.filter(kind="test"):
        assert event.description not in body, event.category
    for event in CaseEvent.objects.filter(case=case, kind="test", category__in=access.categories):
        assert event.description in body, event.category
