"""Writes on the case core: the timeline and case numbering.

Nothing here grants or checks access: that is the access layer's job (privacy/), one
layer up. Registration and notes, which do, live in workplace/services.py.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from cases.categories import Category
from organisations.roles import membership_of

from .models import Case, CaseEvent


def event_record(
    *,
    case: Case,
    kind: str,
    actor=None,
    description: str = "",
    category: str = Category.BASIS,
    from_phase: str = "",
    to_phase: str = "",
    data: dict | None = None,
) -> CaseEvent:
    """Append a timeline entry and mark the case as active now."""
    membership = membership_of(actor) if actor is not None else None
    now = timezone.now()
    event = CaseEvent.objects.create(
        case=case,
        kind=kind,
        category=category,
        actor=actor,
        actor_organisation=membership.organisation if membership else None,
        from_phase=from_phase,
        to_phase=to_phase,
        description=description,
        data=data or {},
        created_at=now,
    )
    Case.objects.filter(pk=case.pk).update(last_activity_at=now)
    case.last_activity_at = now
    return event


def _next_number(year: int) -> int:
    current = Case.objects.filter(year=year).aggregate(m=Max("number"))["m"] or 0
    return current + 1


def case_create_numbered(**fields) -> Case:
    """Create a case with the next free `YYYY-NNNN` reference of this year.

    Two registrations at the same moment may pick the same number; the unique
    constraint makes one of them fail, and that one simply takes the next number.
    """
    year = timezone.localdate().year
    for _attempt in range(5):
        number = _next_number(year)
        try:
            with transaction.atomic():
                return Case.objects.create(
                    year=year, number=number, reference=f"{year}-{number:04d}", **fields
                )
        except IntegrityError:
            continue
    raise RuntimeError("could not allocate a case reference")
