"""Creating, mailing and reading reminders.

`deliver_due_reminders` runs the scans it is given (the workflow's are in
`escalation.reminders`) and mails what they found. It is safe to run twice, or on two
workers at the same moment:

1. every due row is inserted with `INSERT … SELECT … ON CONFLICT DO NOTHING` against
   the unique key (kind, object, due date, recipient): the database, not a
   read-then-write check, decides that a reminder exists once;
2. unmailed rows are claimed with one conditional `UPDATE … WHERE emailed_at IS NULL`
   stamped with this run's batch id, and only the rows this run won are mailed.

A run that dies between the two steps leaves unmailed rows; the next run claims and
mails them, so nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .due import DUE_COLUMNS, Moment, moment
from .models import KIND_EXPLANATIONS, Notification, ObjectType, Reminder, ReminderKind

# A scan: the querysets of due rows (see `due`) of one reminder kind at a moment.
Scan = Callable[[Moment], list[QuerySet]]

logger = logging.getLogger(__name__)

_TARGET_COLUMNS = ("kind", "case_id", "object_type", "object_id", "due_date", "recipient_id")
# Every run inserts in the same order, so two concurrent runs on PostgreSQL wait for
# each other row by row instead of deadlocking on each other's uncommitted rows.
_INSERT_ORDER = ("r_kind", "r_object_type", "r_object_id", "r_due_date", "r_recipient")


def _insert_due(rows, *, created_at: datetime) -> int:
    """Insert the due rows of one scan queryset; returns how many were new."""
    qn = connection.ops.quote_name
    select_sql, params = rows.query.sql_with_params()
    columns = ", ".join(qn(c) for c in ("created_at", *_TARGET_COLUMNS))
    source = ", ".join(f"due.{qn(alias)}" for alias in DUE_COLUMNS)
    order = ", ".join(f"due.{qn(alias)}" for alias in _INSERT_ORDER)
    # `WHERE 1 = 1` is SQLite's required disambiguation between a join's ON and
    # the upsert clause; PostgreSQL ignores it.
    statement = (
        f"INSERT INTO {qn(Reminder._meta.db_table)} ({columns}) "
        f"SELECT %s, {source} FROM ({select_sql}) AS due WHERE 1 = 1 ORDER BY {order} "
        "ON CONFLICT DO NOTHING"
    )
    with connection.cursor() as cursor:
        cursor.execute(statement, (connection.ops.adapt_datetimefield_value(created_at), *params))
        return max(cursor.rowcount, 0)


def create_due_reminders(*, scans: Mapping[str, Scan], now: datetime) -> dict[str, int]:
    """Insert every reminder the `scans` (kind → scan) find due at `now`; returns the
    number created per kind."""
    at = moment(now)
    created: dict[str, int] = {}
    for kind, scan in scans.items():
        # Each kind commits on its own: a long scan holds no locks across kinds.
        with transaction.atomic():
            created[str(kind)] = sum(_insert_due(rows, created_at=now) for rows in scan(at))
    return created


def _digest(reference_lines: list[str]) -> tuple[str, str]:
    count = len(reference_lines)
    subject = ngettext(
        "Schakel: %(n)d nieuwe herinnering", "Schakel: %(n)d nieuwe herinneringen", count
    ) % {"n": count}
    url = settings.SITE_URL.rstrip("/") + reverse("notifications:list")
    # Reference, kind and date only: no names or case content leave Schakel by e-mail.
    body = "\n".join(
        [
            _("Beste collega,"),
            "",
            _("In Schakel staan nieuwe herinneringen voor u:"),
            "",
            *reference_lines,
            "",
            _("Bekijk ze in Schakel onder ‘Meldingen’: %(url)s") % {"url": url},
            "",
            _("Dit bericht bevat bewust geen namen of inhoud van casussen."),
        ]
    )
    return subject, body


def mail_unmailed_reminders(*, now: datetime) -> int:
    """Claim every unmailed reminder and send one e-mail per recipient with its claimed
    reminders; returns the number of e-mails sent."""
    batch = uuid.uuid4()
    claimed = Reminder.objects.filter(emailed_at__isnull=True).update(
        emailed_at=now, mail_batch=batch
    )
    if not claimed:
        return 0  # nothing new, or another run got there first
    rows = (
        Reminder.objects.filter(mail_batch=batch)
        .order_by("recipient_id", "due_date", "id")
        .values_list("id", "kind", "due_date", "case__reference", "recipient__email")
    )
    # Translated once per run, not once per row (tens of thousands on a first run).
    line = _("- Casus %(ref)s: %(kind)s (%(date)s). %(explanation)s")
    texts = {kind.value: (str(kind.label), str(KIND_EXPLANATIONS[kind])) for kind in ReminderKind}
    per_recipient: dict[str, tuple[list[int], list[str]]] = defaultdict(lambda: ([], []))
    for pk, kind, due_date, reference, email in rows.iterator(chunk_size=2000):
        if not email:
            continue  # in-app only
        ids, lines = per_recipient[email]
        ids.append(pk)
        label, explanation = texts[kind]
        lines.append(
            line
            % {
                "ref": reference,
                "kind": label,
                "date": due_date.strftime("%d-%m-%Y"),
                "explanation": explanation,
            }
        )
    sent, failed = 0, []
    with get_connection(fail_silently=False) as mail:
        for email, (ids, lines) in per_recipient.items():
            subject, body = _digest(lines)
            try:
                mail.send_messages([EmailMessage(subject, body, None, [email])])
                sent += 1
            except Exception:  # one bad address or a mail server hiccup
                logger.exception("reminder e-mail to a recipient failed; retried next run")
                failed.extend(ids)
    if failed:
        # Give the rows back so the next run mails them (still only once).
        Reminder.objects.filter(mail_batch=batch, pk__in=failed).update(
            emailed_at=None, mail_batch=None
        )
    return sent


def acute_aanmelding_alert(*, escalation_request, recipient_ids: list[int]) -> int:
    """Put an acute aanmelding in the regisseurs' bell at once; returns how many were new.

    Marked as mailed: the escalation service e-mails the regisseurs itself. The unique
    key makes a repeated call harmless.
    """
    now = timezone.now()
    rows = [
        Reminder(
            kind=ReminderKind.ACUTE_AANMELDING,
            case_id=escalation_request.case_id,
            object_type=ObjectType.ESCALATION_REQUEST,
            object_id=escalation_request.pk,
            due_date=escalation_request.screening_deadline,
            recipient_id=user_id,
            created_at=now,
            emailed_at=now,
        )
        for user_id in recipient_ids
    ]
    before = Reminder.objects.filter(
        kind=ReminderKind.ACUTE_AANMELDING,
        object_type=ObjectType.ESCALATION_REQUEST,
        object_id=escalation_request.pk,
    ).count()
    Reminder.objects.bulk_create(rows, ignore_conflicts=True)
    return (
        Reminder.objects.filter(
            kind=ReminderKind.ACUTE_AANMELDING,
            object_type=ObjectType.ESCALATION_REQUEST,
            object_id=escalation_request.pk,
        ).count()
        - before
    )


def deliver_due_reminders(*, scans: Mapping[str, Scan], now: datetime | None = None) -> int:
    """Create the reminders the `scans` find due at `now` (default: now) and e-mail
    every unmailed reminder.

    Returns the number of reminders this run created; 0 when another run (earlier, or
    at the same moment) already created them.
    """
    now = now or timezone.now()
    created = create_due_reminders(scans=scans, now=now)
    total = sum(created.values())
    mails = mail_unmailed_reminders(now=now)
    logger.info("reminders: %d created %s, %d e-mails sent", total, created, mails)
    return total


@transaction.atomic
def reminder_mark_read(*, user, reminder_id: int) -> Reminder:
    """Mark one of the user's own reminders read; Reminder.DoesNotExist for any other."""
    reminder = Reminder.objects.select_for_update().get(pk=reminder_id, recipient=user)
    if reminder.read_at is None:
        reminder.read_at = timezone.now()
        reminder.save(update_fields=["read_at"])
    return reminder


def reminders_mark_all_read(*, user) -> int:
    """Mark all of the user's unread reminders and notifications read; returns how many
    changed."""
    now = timezone.now()
    return Reminder.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=now
    ) + Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=now)


def notification_mark_read(*, user, notification_id: int) -> Notification:
    """Mark one of the user's own notifications read (once); Notification.DoesNotExist
    for any other."""
    notification = Notification.objects.select_related("case").get(
        pk=notification_id, recipient=user
    )
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
    return notification
