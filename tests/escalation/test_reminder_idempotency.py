"""Running the scan twice, or after a crash, creates and mails every reminder once."""

from __future__ import annotations

import time_machine
from django.core import mail
from django.core.mail.backends import locmem

from cases.models import Person
from escalation.reminders import create_due_reminders, send_due_reminders
from notifications.models import Reminder, ReminderKind
from tests.escalation.reminder_helpers import at, expected_lines, mailed_lines


def test_a_second_run_at_the_same_moment_creates_and_mails_nothing(full_demo):
    with time_machine.travel(at(14), tick=False):
        first = send_due_reminders()
        outbox = len(mail.outbox)
        second = send_due_reminders()

    assert first == _scanned().count() > 0
    assert outbox > 0
    assert second == 0
    assert len(mail.outbox) == outbox


def test_a_later_run_adds_only_what_newly_fell_due(full_demo):
    send_due_reminders(now=at(0))
    before = set(Reminder.objects.values_list("pk", flat=True))
    mails_before = len(mail.outbox)

    created = send_due_reminders(now=at(14))

    new = Reminder.objects.exclude(pk__in=before)
    assert created == new.count() > 0
    mailed = "\n".join(m.body for m in mail.outbox[mails_before:])
    for reminder in new.select_related("case"):
        assert reminder.case.reference in mailed


def test_each_reminder_is_in_exactly_one_email_to_its_recipient(full_demo):
    send_due_reminders(now=at(14))

    reminders = _scanned().select_related("case", "recipient")
    assert mailed_lines(mail.outbox) == expected_lines(reminders)
    assert len({m.to[0] for m in mail.outbox}) == len(mail.outbox)  # one digest each


def test_reminders_left_unmailed_by_a_crashed_run_are_mailed_once_by_the_next(full_demo):
    # A run that died after inserting, before mailing.
    created = sum(create_due_reminders(now=at(14)).values())
    assert created > 0 and not mail.outbox

    assert send_due_reminders(now=at(14)) == 0  # nothing new to create ...
    mailed = len(mail.outbox)
    assert mailed > 0  # ... but the waiting reminders are mailed
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()

    send_due_reminders(now=at(14))
    assert len(mail.outbox) == mailed


def test_reminder_emails_contain_no_names_or_case_content(full_demo):
    send_due_reminders(now=at(14))

    assert mail.outbox
    text = "\n".join(m.subject + m.body for m in mail.outbox)
    for person in Person.objects.all():
        assert person.last_name not in text
    assert "alcohol" not in text.lower()
    assert "Verslavingszorg" not in text  # not even which partner owns an action


class FlakyBackend(locmem.EmailBackend):
    """Refuses mail to one address, as a mail server might."""

    refused = "regisseur@schakel.invalid"

    def send_messages(self, messages):
        if any(self.refused in m.to for m in messages):
            raise OSError("mail server said no")
        return super().send_messages(messages)


def test_a_failed_email_is_retried_by_the_next_run_and_the_rest_is_not_resent(full_demo, settings):
    settings.EMAIL_BACKEND = "tests.escalation.test_reminder_idempotency.FlakyBackend"
    send_due_reminders(now=at(14))
    delivered = {m.to[0] for m in mail.outbox}
    assert FlakyBackend.refused not in delivered and delivered
    waiting = Reminder.objects.filter(emailed_at__isnull=True)
    assert set(waiting.values_list("recipient__email", flat=True)) == {FlakyBackend.refused}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_due_reminders(now=at(14)) == 0

    assert [m.to[0] for m in mail.outbox if m.to[0] not in delivered] == [FlakyBackend.refused]
    assert len(mail.outbox) == len(delivered) + 1  # nobody else got a second e-mail
    assert not Reminder.objects.filter(emailed_at__isnull=True).exists()


def _scanned():
    """Reminders the scan made (the demo's acute aanmelding rang the bell at seeding)."""
    return Reminder.objects.exclude(kind=ReminderKind.ACUTE_AANMELDING)
