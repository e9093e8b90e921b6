"""What is due: one function per reminder kind (DESIGN.md, "Reminders").

Each function returns querysets of due rows — one per recipient rule — with the
columns of `DUE_COLUMNS`. They are set-based: the scan never loops over cases, so it
runs the same number of queries for ten cases or a hundred thousand. The service
turns each queryset into one `INSERT … SELECT … ON CONFLICT DO NOTHING`.

Recipients are found through the case's organisation grants (`view_case_basis`),
so a reminder only ever goes to someone whose organisation may open the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.models import Permission
from django.db.models import (
    CharField,
    DateField,
    DateTimeField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import TruncDate
from django.utils import timezone

from cases.models import Case
from cases.phases import Phase
from escalation.models import (
    OPEN_ACTION_STATUSES,
    Action,
    AftercareCheck,
    Consultation,
    EscalationRequest,
    Handover,
    HandoverStatus,
    ZvhTrack,
)
from privacy.access import BASIS_CODENAME
from privacy.models import OrganisationKind, Role
from triage.models import TriageAssessment

from .models import ObjectType, ReminderKind

REVIEW_WARNING = timedelta(days=3)
HANDOVER_WAIT = timedelta(days=10)
AFTERCARE_MANAGER_AFTER = timedelta(days=7)
# "Open > 6 months": counted from the day the case (re)entered the wijkteam.
HELD_TOO_LONG_AFTER = timedelta(days=183)
HELD_TOO_LONG_MIN_LEVEL = 1

# The aliases every due-row queryset selects, in this order.
DUE_COLUMNS = ("r_kind", "r_case", "r_object_type", "r_object_id", "r_due_date", "r_recipient")


@dataclass(frozen=True)
class Moment:
    """The moment a scan runs for; `today` is the date in Europe/Amsterdam."""

    now: datetime

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)


def _basis_permission_id() -> Subquery:
    return Subquery(
        Permission.objects.filter(content_type__app_label="cases", codename=BASIS_CODENAME)
        .order_by()
        .values("id")[:1]
    )


def _to_members(qs: QuerySet, *, case: str, **member: object) -> tuple[QuerySet, str]:
    """Join `qs` to the active members of the organisations that may see the case.

    `case` is the path from `qs` to its case ("" when `qs` holds cases). `member`
    narrows the memberships (`role=…`, `user=F(…)`, `organisation=F(…)`); all
    conditions are in one filter() so they apply to the same joined membership row.
    Returns the queryset and the path of the recipient's user id.
    """
    grant = f"{case}__group_grants" if case else "group_grants"
    members = f"{grant}__group__organisation__memberships"
    qs = qs.filter(
        **{f"{grant}__permission_id": _basis_permission_id(), f"{members}__user__is_active": True},
        **{f"{members}__{key}": value for key, value in member.items()},
    )
    return qs, f"{members}__user_id"


def _rows(
    qs: QuerySet,
    *,
    kind: str,
    case: str,
    object_type: str,
    due_date,
    recipient: str,
) -> QuerySet:
    """The due rows of `qs` as the columns of DUE_COLUMNS (one per object and recipient)."""
    if isinstance(due_date, str):
        due_date = F(due_date)
    return (
        qs.order_by()
        .annotate(
            r_kind=Value(kind, output_field=CharField()),
            r_case=F(case),
            r_object_type=Value(object_type, output_field=CharField()),
            r_object_id=F("pk"),
            r_due_date=due_date,
            r_recipient=F(recipient),
        )
        .values_list(*DUE_COLUMNS)
    )


def _local_date(field: str, plus: timedelta) -> TruncDate:
    """The date (Europe/Amsterdam) of `field + plus`, computed in SQL."""
    return TruncDate(
        ExpressionWrapper(F(field) + Value(plus), output_field=DateTimeField()),
        output_field=DateField(),
    )


def screening_due(at: Moment) -> list[QuerySet]:
    """Aangemeld and not screened by the deadline → every ZVH procesregisseur."""
    due = EscalationRequest.objects.filter(
        screened_at__isnull=True,
        case__phase=Phase.AANGEMELD,
        screening_deadline__lt=at.today,
    )
    qs, recipient = _to_members(
        due,
        case="case",
        role=Role.PROCESREGISSEUR,
        organisation__kind=OrganisationKind.ZVH,
    )
    return [
        _rows(
            qs,
            kind=ReminderKind.SCREENING_DUE,
            case="case_id",
            object_type=ObjectType.ESCALATION_REQUEST,
            due_date="screening_deadline",
            recipient=recipient,
        )
    ]


def review_due(at: Moment) -> list[QuerySet]:
    """A ZVH case whose evaluatiedatum is within 3 days or past → its procesregisseur."""
    due = ZvhTrack.objects.filter(
        ended_at__isnull=True,
        case__phase=Phase.ZVH,
        review_date__lte=at.today + REVIEW_WARNING,
    )
    qs, recipient = _to_members(due, case="case", user=F("case__procesregisseur"))
    return [
        _rows(
            qs,
            kind=ReminderKind.REVIEW_DUE,
            case="case_id",
            object_type=ObjectType.ZVH_TRACK,
            due_date="review_date",
            recipient=recipient,
        )
    ]


def action_overdue(at: Moment) -> list[QuerySet]:
    """An open action past its deadline → the owner person (or, when none is named, the
    workers of the owner organisation) and the procesregisseur."""
    due = Action.objects.filter(status__in=OPEN_ACTION_STATUSES, deadline__lt=at.today).exclude(
        case__phase=Phase.GESLOTEN
    )
    rules = [
        _to_members(due, case="case", user=F("owner_person")),
        _to_members(
            due.filter(owner_person__isnull=True),
            case="case",
            organisation=F("owner_organisation"),
            role=Role.MEDEWERKER,
        ),
        _to_members(due, case="case", user=F("case__procesregisseur")),
    ]
    return [
        _rows(
            qs,
            kind=ReminderKind.ACTION_OVERDUE,
            case="case_id",
            object_type=ObjectType.ACTION,
            due_date="deadline",
            recipient=recipient,
        )
        for qs, recipient in rules
    ]


def handover_pending(at: Moment) -> list[QuerySet]:
    """Afschaling not accepted within 10 days → the receiving team's workers and the
    procesregisseur."""
    due = Handover.objects.filter(
        status=HandoverStatus.PROPOSED,
        case__phase=Phase.AFSCHALING,
        proposed_at__lte=at.now - HANDOVER_WAIT,
    )
    rules = [
        _to_members(due, case="case", organisation=F("receiving_team"), role=Role.MEDEWERKER),
        _to_members(due, case="case", user=F("case__procesregisseur")),
    ]
    return [
        _rows(
            qs,
            kind=ReminderKind.HANDOVER_PENDING,
            case="case_id",
            object_type=ObjectType.HANDOVER,
            due_date=_local_date("proposed_at", HANDOVER_WAIT),
            recipient=recipient,
        )
        for qs, recipient in rules
    ]


def aftercare_check_due(at: Moment) -> list[QuerySet]:
    """Nazorg check date reached → the regiehouder; 7 days later also the managers of the
    owning team."""
    due = AftercareCheck.objects.filter(
        done_at__isnull=True, case__phase=Phase.NAZORG, due_date__lte=at.today
    )
    late = due.filter(due_date__lte=at.today - AFTERCARE_MANAGER_AFTER)
    rules = [
        _to_members(due, case="case", user=F("case__regiehouder")),
        _to_members(late, case="case", organisation=F("case__owning_team"), role=Role.MANAGER),
    ]
    return [
        _rows(
            qs,
            kind=ReminderKind.AFTERCARE_CHECK_DUE,
            case="case_id",
            object_type=ObjectType.AFTERCARE_CHECK,
            due_date="due_date",
            recipient=recipient,
        )
        for qs, recipient in rules
    ]


def held_too_long_cases(at: Moment) -> QuerySet[Case]:
    """Wijkteam cases in the wijkteam for over 6 months whose latest triage level is ≥ 1,
    without a consultation or an aanmelding since they (re)entered the wijkteam."""
    latest_level = Subquery(
        TriageAssessment.objects.filter(case_id=OuterRef("pk"))
        .order_by("-assessed_at", "-id")
        .values("level")[:1]
    )
    asked = Consultation.objects.filter(case_id=OuterRef("pk")).filter(
        Q(asked_at__gte=OuterRef("phase_changed_at")) | Q(answered_at__isnull=True)
    )
    requested = EscalationRequest.objects.filter(
        case_id=OuterRef("pk"), requested_at__gte=OuterRef("phase_changed_at")
    )
    return (
        Case.objects.filter(
            phase=Phase.WIJKTEAM, phase_changed_at__lte=at.now - HELD_TOO_LONG_AFTER
        )
        .annotate(latest_level=latest_level)
        .filter(latest_level__gte=HELD_TOO_LONG_MIN_LEVEL)
        .filter(~Exists(asked), ~Exists(requested))
    )


def held_too_long(at: Moment) -> list[QuerySet]:
    """→ the regiehouder and the managers of the owning team."""
    due = held_too_long_cases(at)
    rules = [
        _to_members(due, case="", user=F("regiehouder")),
        _to_members(due, case="", organisation=F("owning_team"), role=Role.MANAGER),
    ]
    return [
        _rows(
            qs,
            kind=ReminderKind.HELD_TOO_LONG,
            case="pk",
            object_type=ObjectType.CASE,
            due_date=_local_date("phase_changed_at", HELD_TOO_LONG_AFTER),
            recipient=recipient,
        )
        for qs, recipient in rules
    ]


SCANS = {
    ReminderKind.SCREENING_DUE: screening_due,
    ReminderKind.REVIEW_DUE: review_due,
    ReminderKind.ACTION_OVERDUE: action_overdue,
    ReminderKind.HANDOVER_PENDING: handover_pending,
    ReminderKind.AFTERCARE_CHECK_DUE: aftercare_check_due,
    ReminderKind.HELD_TOO_LONG: held_too_long,
}
