"""Helpers for the case-core tests."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cases.phases import Phase
from privacy.grants import sync_case_access
from tests.factories import CaseFactory, PersonFactory


def add_cases(demo, count: int, *, team: str = "Wijkteam Noord", worker: str = "wijkteam"):
    """`count` extra open cases of one team, each with a two-person household and grants.

    They are older than every demo story, the first one the most recent.
    """
    now = timezone.now()
    cases = []
    for i in range(count):
        case = CaseFactory(
            owning_team=demo.orgs[team],
            regiehouder=demo.users[worker],
            phase=Phase.WIJKTEAM,
            last_activity_at=now - timedelta(days=400 + i),
        )
        PersonFactory.create_batch(2, case=case)
        sync_case_access(case)
        cases.append(case)
    return cases


def listed_references(response) -> list[str]:
    return [case.reference for case in response.context["page"].object_list]


def all_listed_references(client, query: str = "") -> list[str]:
    """References on every page of the case list, in order."""
    references, page = [], 1
    while True:
        response = client.get(f"/cases/?{query}&page={page}")
        assert response.status_code == 200
        references += listed_references(response)
        if not response.context["page"].has_next():
            return references
        page += 1
