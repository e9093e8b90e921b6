"""Building blocks for reminder scans: due rows as set-based querysets.

A scan (the workflow's, in `escalation.reminders`) returns querysets of due rows, one per
recipient rule, each selecting the columns of `DUE_COLUMNS`. They are set-based: a scan
never loops over cases, so it runs the same number of queries for ten cases or a hundred
thousand. `services.create_due_reminders` turns each queryset into one
`INSERT … SELECT … ON CONFLICT DO NOTHING`.

Every recipient is checked against the case's organisation grants (`view_case_basis`),
so a reminder only ever goes to someone whose organisation may open the case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import Permission
from django.db.models import (
    BigIntegerField,
    CharField,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from privacy.models import CaseGroupObjectPermission
from privacy.rules import BASIS_CODENAME

# The aliases every due-row queryset selects, in this order.
DUE_COLUMNS = ("r_kind", "r_case", "r_object_type", "r_object_id", "r_due_date", "r_recipient")


@dataclass(frozen=True)
class Moment:
    """The moment a scan runs for (`today` is its date in Europe/Amsterdam), with the
    facts every scan needs, read once per run."""

    now: datetime
    basis_permission_id: int

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)


def moment(now: datetime) -> Moment:
    """The Moment for `now`: one small query, however many cases there are."""
    basis = Permission.objects.get(content_type__app_label="cases", codename=BASIS_CODENAME)
    return Moment(now=now, basis_permission_id=basis.pk)


def may_open(at: Moment, *, case_id: str, group_id) -> Exists:
    """The organisation group (`group_id`: a path on the outer row, or an id) holds
    `view_case_basis` on the case: one probe of the grant index per due row.

    Recipients are checked this way rather than joined through the grants, so the
    scan is driven by the due rows' own (partial) indexes, never by the grant table.
    """
    return Exists(
        CaseGroupObjectPermission.objects.filter(
            content_object_id=OuterRef(case_id),
            group_id=OuterRef(group_id) if isinstance(group_id, str) else group_id,
            permission_id=at.basis_permission_id,
        )
    )


def to_user(qs: QuerySet, at: Moment, *, case_id: str, user: str) -> tuple[QuerySet, str]:
    """Due rows for the user at path `user` (regiehouder, procesregisseur, owner person),
    when that user is active and the organisation of one of their active memberships
    may open the case."""
    # One filter() call: the grant is probed for the same membership row that is
    # required to be active, so a membership that ended opens nothing.
    qs = qs.filter(
        may_open(at, case_id=case_id, group_id=f"{user}__membership__organisation__group_id"),
        **{f"{user}__is_active": True, f"{user}__membership__active": True},
    )
    return qs, user


def to_members(
    qs: QuerySet,
    at: Moment,
    *,
    case_id: str,
    organisation: str,
    role: str,
    or_user: str | None = None,
) -> tuple[QuerySet, str]:
    """Due rows for every active member (active user, membership not ended) with `role`
    (or who is the user at path
    `or_user`) of the organisation at path `organisation` (owning team, receiving team,
    owner organisation), when that organisation may open the case.

    The membership conditions are in one filter() call, so they apply to the same
    joined membership row that gives the recipient.
    """
    members = f"{organisation}__memberships"
    who = Q(**{f"{members}__role": role})
    if or_user is not None:
        who |= Q(**{f"{members}__user": F(or_user)})
    qs = qs.filter(who, **{f"{members}__user__is_active": True, f"{members}__active": True}).filter(
        may_open(at, case_id=case_id, group_id=f"{organisation}__group_id")
    )
    return qs, f"{members}__user"


def to_each(
    qs: QuerySet, at: Moment, *, case_id: str, users: Iterable[tuple[int, int]]
) -> list[tuple[QuerySet, int]]:
    """Due rows for each of `users` ((user id, organisation group id) pairs) that no
    relation leads to from the row: one queryset per user, checked against their group."""
    return [
        (qs.filter(may_open(at, case_id=case_id, group_id=group_id)), user_id)
        for user_id, group_id in users
    ]


def due_rows(
    qs: QuerySet,
    *,
    kind: str,
    case: str,
    object_type: str,
    due_date,
    recipient: str | int,
) -> QuerySet:
    """The due rows of `qs` as the columns of DUE_COLUMNS (one per object and recipient).

    `due_date` is a path or an expression; `recipient` a path to the user id, or a fixed
    user id.
    """
    if isinstance(due_date, str):
        due_date = F(due_date)
    recipient_expr = (
        F(recipient)
        if isinstance(recipient, str)
        else Value(recipient, output_field=BigIntegerField())
    )
    return (
        qs.order_by()
        .annotate(
            r_kind=Value(kind, output_field=CharField()),
            r_case=F(case),
            r_object_type=Value(object_type, output_field=CharField()),
            r_object_id=F("pk"),
            r_due_date=due_date,
            r_recipient=recipient_expr,
        )
        .values_list(*DUE_COLUMNS)
    )


def kind_rows(
    rules: list[tuple[QuerySet, str | int]], *, kind: str, object_type: str, due_date, case: str
) -> list[QuerySet]:
    """`due_rows` for each (queryset, recipient) rule of one reminder kind."""
    return [
        due_rows(
            qs,
            kind=kind,
            case=case,
            object_type=object_type,
            due_date=due_date,
            recipient=recipient,
        )
        for qs, recipient in rules
    ]


def local_date(field: str, plus: timedelta) -> TruncDate:
    """The date (Europe/Amsterdam) of `field + plus`, computed in SQL."""
    return TruncDate(
        ExpressionWrapper(F(field) + Value(plus), output_field=DateTimeField()),
        output_field=DateField(),
    )
