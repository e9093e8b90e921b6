"""`notify`: one hand-off between people, put in each recipient's bell at once and
e-mailed after commit.

Called from the workflow services inside their transaction: the bell rows are written
with the hand-off (a rolled-back step leaves none), the e-mail task is queued with
`delay_on_commit` (a rolled-back step sends nothing). The unique key (kind, object,
event key, recipient) and `INSERT … ON CONFLICT DO NOTHING` make a repeated call, a
redelivered task or a double submit leave one row, mailed once.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from .models import Delivery, Notification, NotificationPreference
from .tasks import send_notification_emails

# A recipient rule: a queryset of users, one user, a user id, or None (nobody).
Recipients = Iterable[QuerySet | Model | int | None]


def _recipient_ids(to: Recipients, *, actor) -> set[int]:
    """The active users among `to`, without the actor: one query."""
    ids: set[int] = set()
    who = Q(pk__in=[])
    for item in to:
        if isinstance(item, QuerySet):
            who |= Q(pk__in=item.values("pk"))
        elif isinstance(item, int):
            ids.add(item)
        elif item is not None:
            ids.add(item.pk)
    who |= Q(pk__in=ids)
    users = get_user_model().objects.filter(who, is_active=True)
    if actor is not None:
        # Nobody is told about what they did themselves.
        users = users.exclude(pk=actor.pk)
    return set(users.values_list("pk", flat=True))


def notify(
    *, kind: str, case, about: Model, to: Recipients, actor=None, event_key: str = ""
) -> int:
    """Notify the people `to` of a hand-off of `kind` about `about` on `case`; returns
    the number of recipients (0: nobody to tell).

    `event_key` tells apart repeated events on the same object (an action's status
    changes); leave it empty for a hand-off that happens once per object.
    """
    recipient_ids = _recipient_ids(to, actor=actor)
    if not recipient_ids:
        return 0
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=recipient_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    now = timezone.now()
    object_type = about._meta.model_name
    rows = []
    for user_id in sorted(recipient_ids):
        delivery = chosen.get(user_id, Delivery.IMMEDIATE)
        rows.append(
            Notification(
                kind=kind,
                case_id=case.pk,
                object_type=object_type,
                object_id=about.pk,
                event_key=event_key,
                recipient_id=user_id,
                created_at=now,
                delivery=delivery,
                # Bell only: nothing to claim for e-mail, ever.
                emailed_at=now if delivery == Delivery.NONE else None,
            )
        )
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if any(row.delivery == Delivery.IMMEDIATE for row in rows):
        send_notification_emails.delay_on_commit(
            kind=kind, object_type=object_type, object_id=about.pk, event_key=event_key
        )
    return len(rows)
