"""The reminder pages are tested on the reminders the workflow scan makes for the demo."""

from tests.escalation.reminder_helpers import full_demo  # noqa: F401  (fixture)
