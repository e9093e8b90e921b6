"""The reminder pages are tested on the reminders the workflow scan makes for the demo;
the hand-off notifications on cases driven through the workflow services (`flow`)."""

import pytest

from tests.escalation.conftest import Flow
from tests.escalation.reminder_helpers import full_demo  # noqa: F401  (fixture)


@pytest.fixture
def flow(demo) -> Flow:
    return Flow(demo)
