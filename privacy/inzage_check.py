"""Inzage, check your answers: what the overview for the chosen persons will hold.

Counts only (cases, notes, timeline entries, accesses), in a fixed number of queries
whatever the size of the access log; the content itself is read when the officer
confirms and the export is made (privacy.inzage.subject_export).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils import timezone

from cases.models import Case, CaseEvent, CaseNote, Person

from .audit import log_case_access
from .inzage import SEARCH_ACCESS
from .inzage_access import Period, access_summary, log_rows
from .models import AccessAction, SubjectAccessRequest


@dataclass(frozen=True)
class CaseCounts:
    pk: int
    reference: str
    registered_on: date
    notes: int
    events: int


@dataclass(frozen=True)
class InzageCheck:
    persons: list[Person]
    cases: list[CaseCounts]
    period: Period
    accesses: int  # access-log rows in the period
    summary_rows: int  # rows of the per-month, per-organisation summary
    noodtoegang: int  # accesses with noodtoegang in the period

    @property
    def first_registered(self) -> date | None:
        return min((c.registered_on for c in self.cases), default=None)

    @property
    def case_ids(self) -> list[int]:
        return [c.pk for c in self.cases]


def _count(model, case_ids: list[int]) -> dict[int, int]:
    return dict(
        model.objects.filter(case_id__in=case_ids)
        .values_list("case_id")
        .annotate(n=Count("id"))
        .values_list("case_id", "n")
        .order_by()
    )


def inzage_check_summary(*, person_ids: list[int], period: Period) -> InzageCheck:
    """The chosen persons, their cases with counts, and the size of the access history
    in `period`. Six queries."""
    persons = list(
        Person.objects.filter(pk__in=person_ids).select_related("case").order_by("case_id", "id")
    )
    case_ids = sorted({p.case_id for p in persons})
    notes, events = _count(CaseNote, case_ids), _count(CaseEvent, case_ids)
    cases = [
        CaseCounts(
            pk=case.pk,
            reference=case.reference,
            registered_on=timezone.localtime(case.registered_at).date(),
            notes=notes.get(case.pk, 0),
            events=events.get(case.pk, 0),
        )
        for case in Case.objects.filter(pk__in=case_ids).order_by("registered_at", "id")
    ]
    totals = log_rows(case_ids, period).aggregate(
        accesses=Count("id"), noodtoegang=Count("id", filter=Q(break_the_glass=True))
    )
    return InzageCheck(
        persons=persons,
        cases=cases,
        period=period,
        accesses=totals["accesses"],
        summary_rows=len(access_summary(case_ids, period)),
        noodtoegang=totals["noodtoegang"],
    )


def log_selection_check(
    request, *, access_request: SubjectAccessRequest, check: InzageCheck
) -> None:
    """The check page shows the chosen persons' basis data: one AccessLog row, like a
    search, naming the request and the cases."""
    ids = ",".join(str(i) for i in check.case_ids) or "-"
    log_case_access(
        request,
        case=None,
        access=SEARCH_ACCESS,
        action=AccessAction.VIEW,
        context=(
            f"inzage controleren, verzoek {access_request.pk}: "
            f"{len(check.persons)} personen; casussen {ids}"
        )[:200],
    )
