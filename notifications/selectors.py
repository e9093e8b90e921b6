"""Reads on the bell: a user's own reminders (for cases they may still open) and
notifications."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from privacy.access import visible_cases

from .models import Notification, Reminder


def reminders_for(user) -> QuerySet[Reminder]:
    """The user's own reminders, newest first, only for cases the user may open now.

    A reminder for a case the user lost access to (closed, partner removed) simply
    disappears, so neither the list nor the bell count reveals it.
    """
    # Correlated per reminder (one probe of the case and its grants), so the newest page
    # and the unread count never materialise every case the user may open.
    may_open = visible_cases(user).filter(pk=OuterRef("case_id"))
    return (
        Reminder.objects.filter(Exists(may_open), recipient_id=user.pk)
        .select_related("case")
        .order_by("-created_at", "-id")
    )


def notifications_for(user) -> QuerySet[Notification]:
    """The user's own notifications, newest first.

    Not filtered by access: a partner removed from a case is told so, and the link goes
    through the case page, which answers 404 to whoever may not open it.
    """
    return (
        Notification.objects.filter(recipient_id=user.pk)
        .select_related("case")
        .order_by("-created_at", "-id")
    )


def _count(rows: QuerySet) -> Coalesce:
    """`rows` (all of one recipient) counted as a scalar subquery."""
    counted = rows.order_by().values("recipient_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def unread_count(user) -> int:
    """Unread reminders (of `reminders_for`) plus unread notifications: one query of two
    counts, the second on the (recipient, read_at) index, whatever the number of rows."""
    reminders, notifications = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            r=_count(reminders_for(user).filter(read_at__isnull=True)),
            n=_count(Notification.objects.filter(recipient_id=user.pk, read_at__isnull=True)),
        )
        .values_list("r", "n")
        .get()
    )
    return reminders + notifications
