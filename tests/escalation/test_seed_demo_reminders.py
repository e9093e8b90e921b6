"""After `seed_demo`, the stagnating story case is reminded as held too long."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.core.management import call_command

from notifications.models import Reminder, ReminderKind


def test_demo_stagnatie_is_held_too_long_after_seed_demo(db):
    call_command("seed_demo", stdout=io.StringIO())
    out = io.StringIO()
    call_command("send_reminders", stdout=out)

    reminders = Reminder.objects.filter(
        kind=ReminderKind.HELD_TOO_LONG, case__reference="DEMO-STAGNATIE"
    )
    assert set(reminders.values_list("recipient__username", flat=True)) == {"wijkteam", "manager"}
    assert "herinneringen aangemaakt" in out.getvalue()
    # The demo immediately has something in the bell for the ZVH regisseur too.
    regisseur = get_user_model().objects.get(username="regisseur")
    assert Reminder.objects.filter(recipient=regisseur).exists()
