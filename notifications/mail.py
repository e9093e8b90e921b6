"""E-mail for notifications: at once (one message per notification) or in the daily
overview at each user's hour.

Rows are claimed as reminders are (`services.mail_unmailed_reminders`): one conditional
`UPDATE … WHERE emailed_at IS NULL` stamped with this run's batch id, and only the rows
this run won are mailed. A failed message gives its rows back for the next run.
"""

from __future__ import annotations

import logging
import uuid
from collections import defaultdict
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import DEFAULT_DIGEST_HOUR, NOTIFICATION_TEXTS, Delivery, Notification

logger = logging.getLogger(__name__)

# An immediate notification whose task was lost (broker restart) is mailed by the next
# digest run once it is this old.
LOST_AFTER = timedelta(minutes=10)


def _footer() -> list[str]:
    return ["", _("Dit bericht bevat bewust geen namen of inhoud van casussen.")]


def _url(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _claim(rows: QuerySet, *, now: datetime) -> list[tuple]:
    """Claim `rows` for this run; returns (id, kind, reference, email) of the rows won."""
    batch = uuid.uuid4()
    if not rows.filter(emailed_at__isnull=True).update(emailed_at=now, mail_batch=batch):
        return []  # nothing unmailed, or another run got there first
    return list(
        Notification.objects.filter(mail_batch=batch)
        .order_by("recipient_id", "created_at", "id")
        .values_list("id", "kind", "case__reference", "recipient__email")
    )


def _give_back(ids: list[int]) -> None:
    Notification.objects.filter(pk__in=ids).update(emailed_at=None, mail_batch=None)


def _text(kind: str, reference: str) -> str:
    return str(NOTIFICATION_TEXTS[kind]) % {"ref": reference}


def _send(messages: list[tuple[list[int], EmailMessage]]) -> int:
    sent, failed = 0, []
    with get_connection(fail_silently=False) as connection:
        for ids, message in messages:
            try:
                connection.send_messages([message])
                sent += 1
            except Exception:  # one bad address or a mail server hiccup
                logger.exception("notification e-mail failed; retried by the next run")
                failed.extend(ids)
    if failed:
        _give_back(failed)
    return sent


def _immediate_messages(rows: list[tuple]) -> list[tuple[list[int], EmailMessage]]:
    preferences = _url("notifications:preferences")
    messages = []
    for pk, kind, reference, email in rows:
        if not email:
            continue  # in-app only
        text = _text(kind, reference)
        body = "\n".join(
            [
                _("Beste collega,"),
                "",
                text + ".",
                "",
                _("Bekijk het in Schakel: %(url)s") % {"url": _url("notifications:open", pk)},
                "",
                _("Per soort melding kiest u direct of in een dagelijks overzicht: %(url)s")
                % {"url": preferences},
                *_footer(),
            ]
        )
        messages.append(
            ([pk], EmailMessage(_("Schakel: %(t)s") % {"t": text}, body, None, [email]))
        )
    return messages


def mail_immediate(*, kind: str, object_type: str, object_id: int, event_key: str) -> int:
    """Mail the unmailed immediate notifications of one hand-off; returns e-mails sent."""
    rows = Notification.objects.filter(
        kind=kind,
        object_type=object_type,
        object_id=object_id,
        event_key=event_key,
        delivery=Delivery.IMMEDIATE,
    )
    return _send(_immediate_messages(_claim(rows, now=timezone.now())))


def _digest_due(now: datetime) -> Q:
    """Digest rows whose recipient's hour has come today, created before that hour."""
    local = timezone.localtime(now)
    due = Q(pk__in=[])
    for hour in range(local.hour + 1):
        cutoff = timezone.make_aware(datetime.combine(local.date(), time(hour)))
        at_hour = Q(recipient__digest_schedule__hour=hour)
        if hour == DEFAULT_DIGEST_HOUR:
            at_hour |= Q(recipient__digest_schedule__isnull=True)
        due |= at_hour & Q(created_at__lt=cutoff)
    return due


def _digest_messages(rows: list[tuple]) -> list[tuple[list[int], EmailMessage]]:
    per_recipient: dict[str, tuple[list[int], list[str]]] = defaultdict(lambda: ([], []))
    for pk, kind, reference, email in rows:
        if not email:
            continue
        ids, lines = per_recipient[email]
        ids.append(pk)
        lines.append("- " + _text(kind, reference))
    url = _url("notifications:list")
    messages = []
    for email, (ids, lines) in per_recipient.items():
        subject = ngettext(
            "Schakel: dagelijks overzicht, %(n)d melding",
            "Schakel: dagelijks overzicht, %(n)d meldingen",
            len(lines),
        ) % {"n": len(lines)}
        body = "\n".join(
            [
                _("Beste collega,"),
                "",
                _("Sinds het vorige overzicht is er in Schakel voor u:"),
                "",
                *lines,
                "",
                _("Bekijk ze in Schakel onder ‘Meldingen’: %(url)s") % {"url": url},
                *_footer(),
            ]
        )
        messages.append((ids, EmailMessage(subject, body, None, [email])))
    return messages


def mail_digests(*, now: datetime | None = None) -> int:
    """Send each user whose digest hour has come one overview of their unmailed digest
    notifications, and mail immediate ones whose task was lost; returns e-mails sent."""
    now = now or timezone.now()
    digest = Notification.objects.filter(_digest_due(now), delivery=Delivery.DIGEST)
    sent = _send(_digest_messages(_claim(digest, now=now)))
    lost = Notification.objects.filter(delivery=Delivery.IMMEDIATE, created_at__lt=now - LOST_AFTER)
    return sent + _send(_immediate_messages(_claim(lost, now=now)))
