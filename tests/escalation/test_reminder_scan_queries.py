"""The scan runs the same number of queries for a handful of cases or many."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from escalation.reminders import send_due_reminders
from tests.escalation.reminder_helpers import add_due_cases, at

QUERY_LIMIT = 30


def test_scan_queries_do_not_grow_with_the_number_of_cases(
    full_demo, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as few:
        created_few = send_due_reminders(now=at(14))
    add_due_cases(full_demo, 8)

    with django_assert_max_num_queries(QUERY_LIMIT), CaptureQueriesContext(connection) as many:
        created_many = send_due_reminders(now=at(15))

    assert created_few > 0
    assert created_many >= 8 * 5  # every new case has at least one reminder
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_scan_with_nothing_new_stays_within_the_same_limit(
    full_demo, django_assert_max_num_queries
):
    add_due_cases(full_demo, 3)
    send_due_reminders(now=at(15))

    with django_assert_max_num_queries(QUERY_LIMIT):
        assert send_due_reminders(now=at(15)) == 0
