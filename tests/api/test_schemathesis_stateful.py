"""Schemathesis' stateful phase against the live API: sequences of calls that follow the
schema's links (a case from the list → its notes, persons, steps; an action from a
case's actions → its status update), for three roles, with the same checks as the
stateless run: no 500, answers in the schema, nothing of a hidden case or category."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    response_schema_conformance,
    status_code_conformance,
)

from .test_schemathesis import FUZZ_ROLES, leak_check, not_a_server_error

pytestmark = pytest.mark.django_db

STEPS_PER_SCENARIO = 6
SCENARIOS = 8


def _state_machine(user, token: str):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    # The stateless run's checks, plus "ignored auth". Not "positive data acceptance":
    # a schema-valid body can still name an id that does not exist (400, rightly).
    checks = [
        not_a_server_error,
        status_code_conformance,
        content_type_conformance,
        response_schema_conformance,
        ignored_auth,
        leak_check(user),
    ]

    # Declared as the schema's auth, so Schemathesis knows every call carries real
    # credentials (and its own "ignored auth" check tests without them).
    @schema.auth()
    class Token:
        def get(self, case, context):
            return token

        def set(self, case, data, context):
            case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}

    class Workflow(schema.as_state_machine()):
        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=checks)

    return Workflow


def test_the_schema_links_lists_to_their_items():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    links = schema.raw_schema["paths"]["/api/v1/cases/"]["get"]["responses"]["200"]["links"]
    assert {"cases_retrieve", "cases_notes_create", "cases_step_consult"} <= set(links)


@pytest.mark.parametrize("role", FUZZ_ROLES)
def test_stateful_sequences_conform_and_leak_nothing(demo, tokens, wsgi_in_test_transaction, role):
    workflow = _state_machine(demo.users[role], tokens[role])
    workflow.run(
        settings=settings(
            max_examples=SCENARIOS,
            stateful_step_count=STEPS_PER_SCENARIO,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
