"""`manage.py send_reminders [--now …]`: the interface contract of DESIGN.md."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from notifications.models import Reminder, ReminderKind


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_prints_how_many_reminders_it_created_and_then_zero(full_demo):
    first, _ = run("--now", "2027-01-31T09:00")
    count = _scanned().count()
    assert count > 0
    assert first.strip() == f"{count} herinneringen aangemaakt."

    second, _ = run("--now", "2027-01-31T09:00")
    assert second.strip() == "0 herinneringen aangemaakt."
    assert _scanned().count() == count


def test_it_reads_a_naive_now_as_amsterdam_time(full_demo):
    run("--now", "2027-01-31T00:30")  # 23:30 UTC the day before

    created = _scanned().values_list("created_at", flat=True).first()
    assert created.isoformat() == "2027-01-30T23:30:00+00:00"


@pytest.mark.parametrize("value", ["morgen", "2027-02-31T09:00", "31-01-2027"])
def test_it_rejects_a_bad_now_with_a_clear_message_and_exit_code_2(full_demo, value):
    with pytest.raises(SystemExit) as exit_info:
        run("--now", value)

    assert exit_info.value.code == 2
    assert not _scanned().exists()


def test_the_bad_now_message_is_dutch_and_shows_the_format(full_demo, capsys):
    err = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("send_reminders", "--now", "morgen", stderr=err)
    assert "Ongeldige --now" in err.getvalue()
    assert "2027-01-31T09:00" in err.getvalue()


def _scanned():
    """Reminders the scan made (the demo's acute aanmelding rang the bell at seeding)."""
    return Reminder.objects.exclude(kind=ReminderKind.ACUTE_AANMELDING)
