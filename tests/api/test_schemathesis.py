"""Schemathesis against the live API (in-process WSGI), with tokens of three roles.

Every generated request is sent as the wijkteam worker, the procesregisseur and the
police; every response must be in the schema, never a 500, and must not leak: our own
check fails on a reference of a case the caller may not open, or a demo note text of a
category the caller may see in no case (the demo notes start with "[GEZONDHEID]",
"[JUSTITIE]"). Stateless and bounded: a few examples per operation, no deadline.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cases.categories import Category
from cases.models import Case
from privacy.access import access_for_cases, visible_cases

FUZZ_ROLES = ("wijkteam", "regisseur", "politie")
MARKERS = {Category.GEZONDHEID: "[GEZONDHEID]", Category.JUSTITIE: "[JUSTITIE]"}


def not_a_server_error(ctx, response, case) -> None:
    assert response.status_code < 500, response.text[:500]


def leak_check(user):
    """A check: the response holds nothing of a case or category `user` may not see."""

    def no_hidden_data(ctx, response, case) -> None:
        text = response.text
        cases = list(visible_cases(user))
        visible = {c.reference for c in cases}
        for reference in Case.objects.values_list("reference", flat=True):
            if reference not in visible:
                assert f'"{reference}"' not in text, f"hidden case {reference} leaked"
        seen = set()
        for access in access_for_cases(user, cases).values():
            seen |= access.categories
        for category, marker in MARKERS.items():
            if category not in seen:
                assert marker not in text, f"{marker} leaked to {user.username}"

    return no_hidden_data


@pytest.mark.django_db
def test_api_conforms_and_leaks_nothing(demo, tokens, wsgi_in_test_transaction):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    checks = {
        role: [
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
            leak_check(demo.users[role]),
        ]
        for role in FUZZ_ROLES
    }
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=3,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def fuzz(case):
            for role in FUZZ_ROLES:
                response = case.call(headers={"Authorization": f"Bearer {tokens[role]}"})
                case.validate_response(response, checks=checks[role])

        fuzz()


class _Response:
    def __init__(self, text: str) -> None:
        self.text = text


@pytest.mark.django_db
def test_leak_check_catches_hidden_cases_and_categories(demo):
    check = leak_check(demo.users["politie"])
    check(None, _Response('{"reference": "DEMO-ZVH"}'), None)
    with pytest.raises(AssertionError):
        check(None, _Response('{"text": "[GEZONDHEID] Psychose"}'), None)
    with pytest.raises(AssertionError):
        check(None, _Response('{"reference": "DEMO-ACUUT"}'), None)
