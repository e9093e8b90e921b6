"""The case list and detail pages run a fixed number of queries, whatever the data size.

Counted as a normal (non-superuser) worker: superusers short-circuit permission checks
and would hide an N+1 (PITFALLS.md).
"""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from workplace import services

LIST_MAX_QUERIES = 10
# The core page needs ~8 (session, user, case, grants, access log, persons, notes,
# timeline); every app section on it adds one or two.
DETAIL_MAX_QUERIES = 20


def _queries(client, url: str) -> int:
    """Queries of `url` as a user in the middle of their work: the session (and its idle
    clock) is written at most once a minute, so the first request may write it."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_worker_is_not_a_superuser(demo):
    assert not demo.users["wijkteam"].is_superuser


def test_case_list_queries_stay_at_most_10_with_5_or_60_more_cases(
    demo, more_cases, django_assert_max_num_queries
):
    client = demo.client_for("wijkteam")
    more_cases(5)
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get("/cases/")
    # Noord's 7 open demo cases (DEMO-VERGETEN included) and the 5 new ones.
    assert len(response.context["page"].object_list) == 12
    small = _queries(client, "/cases/")

    more_cases(55)
    with django_assert_max_num_queries(LIST_MAX_QUERIES):
        response = client.get("/cases/")
    assert len(response.context["page"].object_list) == 25
    large = _queries(client, "/cases/")

    assert small == large


def test_search_filter_and_page_2_queries_do_not_grow_with_cases(
    demo, more_cases, django_assert_max_num_queries
):
    client = demo.client_for("wijkteam")
    urls = ["/cases/?q=Verbeek", "/cases/?phase=wijkteam", "/cases/?page=2&phase=wijkteam"]
    more_cases(30)
    small = [_queries(client, url) for url in urls]

    more_cases(30)
    for url in urls:
        with django_assert_max_num_queries(LIST_MAX_QUERIES):
            client.get(url)
    assert [_queries(client, url) for url in urls] == small


def test_case_list_queries_are_the_same_for_a_partner(demo, more_cases):
    client = demo.client_for("politie")
    small = _queries(client, "/cases/")
    more_cases(20)

    assert _queries(client, "/cases/") == small <= LIST_MAX_QUERIES


def test_case_detail_queries_do_not_grow_with_notes_and_events(demo, django_assert_max_num_queries):
    case = demo.cases["DEMO-ADVIES"]
    worker = demo.users["wijkteam"]
    client = demo.client_for("wijkteam")
    # The notes are their own section of the case page: that is where they could grow.
    notes = f"/cases/{case.pk}/?sectie=notities"
    services.note_add(user=worker, case=case, category="zorg", text="Eerste notitie.")
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        client.get(notes)
    one = _queries(client, notes)

    for i in range(29):
        services.note_add(user=worker, case=case, category="signalen", text=f"Notitie {i}.")
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        response = client.get(notes)
    assert "Notitie 28." in response.content.decode()

    assert _queries(client, notes) == one


def test_case_detail_queries_are_bounded_for_a_partner(demo, django_assert_max_num_queries):
    case = demo.cases["DEMO-ZVH"]
    politie = demo.users["politie"]
    client = demo.client_for("politie")
    notes = f"/cases/{case.pk}/?sectie=notities"
    one = _queries(client, notes)

    for i in range(10):
        services.note_add(user=politie, case=case, category="justitie", text=f"PV {i}.")
    with django_assert_max_num_queries(DETAIL_MAX_QUERIES):
        client.get(notes)
    assert _queries(client, notes) == one
