"""What is due: one function per reminder kind (DESIGN.md, "Reminders").

Each function returns querysets of due rows — one per recipient rule — with the
columns of `DUE_COLUMNS`. They are set-based: the scan never loops over cases, so it
runs the same number of queries for ten cases or a hundred thousand. The service
turns each queryset into one `INSERT … SELECT … ON CONFLICT DO NOTHING`.

Every recipient is checked against the case's organisation grants (`view_case_basis`),
so a reminder only ever goes to someone whose organisation may open the case.
"""

from __future__ import annotations

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
from organisations.models import Membership, OrganisationKind, Role
from privacy.models import CaseGroupObjectPermission
from privacy.rules import BASIS_CODENAME
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
    """The moment a scan runs for (`today` is its date in Europe/Amsterdam), with the
    facts every scan needs, read once per run."""

    now: datetime
    basis_permission_id: int
    # (user id, organisation group id) of every active ZVH procesregisseur.
    regisseurs: tuple[tuple[int, int], ...]

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)


def moment(now: datetime) -> Moment:
    """The Moment for `now`: two small queries, however many cases there are."""
    basis = Permission.objects.get(content_type__app_label="cases", codename=BASIS_CODENAME)
    regisseurs = Membership.objects.filter(
        role=Role.PROCESREGISSEUR,
        organisation__kind=OrganisationKind.ZVH,
        user__is_active=True,
    ).values_list("user_id", "organisation__group_id")
    return Moment(now=now, basis_permission_id=basis.pk, regisseurs=tuple(regisseurs))


def _may_open(at: Moment, *, case_id: str, group_id) -> Exists:
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


def _to_user(qs: QuerySet, at: Moment, *, case_id: str, user: str) -> tuple[QuerySet, str]:
    """Due rows for the user at path `user` (regiehouder, procesregisseur, owner person),
    when that user is active and their organisation may open the case."""
    qs = qs.filter(**{f"{user}__is_active": True}).filter(
        _may_open(at, case_id=case_id, group_id=f"{user}__membership__organisation__group_id")
    )
    return qs, user


def _to_members(
    qs: QuerySet,
    at: Moment,
    *,
    case_id: str,
    organisation: str,
    role: str,
    or_user: str | None = None,
) -> tuple[QuerySet, str]:
    """Due rows for every active member with `role` (or who is the user at path
    `or_user`) of the organisation at path `organisation` (owning team, receiving team,
    owner organisation), when that organisation may open the case.

    The membership conditions are in one filter() call, so they apply to the same
    joined membership row that gives the recipient.
    """
    members = f"{organisation}__memberships"
    who = Q(**{f"{members}__role": role})
    if or_user is not None:
        who |= Q(**{f"{members}__user": F(or_user)})
    qs = qs.filter(who, **{f"{members}__user__is_active": True}).filter(
        _may_open(at, case_id=case_id, group_id=f"{organisation}__group_id")
    )
    return qs, f"{members}__user"


def _to_regisseurs(qs: QuerySet, at: Moment, *, case_id: str) -> list[tuple[QuerySet, int]]:
    """Due rows for every ZVH procesregisseur (no relation leads from a case to them
    before acceptance): one queryset per regisseur, each checked against their group."""
    return [
        (qs.filter(_may_open(at, case_id=case_id, group_id=group_id)), user_id)
        for user_id, group_id in at.regisseurs
    ]


def _rows(
    qs: QuerySet,
    *,
    kind: str,
    case: str,
    object_type: str,
    due_date,
    recipient: str | int,
) -> QuerySet:
    """The due rows of `qs` as the columns of DUE_COLUMNS (one per object and recipient).

    `recipient` is a path to the user id, or a fixed user id.
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


def _local_date(field: str, plus: timedelta) -> TruncDate:
    """The date (Europe/Amsterdam) of `field + plus`, computed in SQL."""
    return TruncDate(
        ExpressionWrapper(F(field) + Value(plus), output_field=DateTimeField()),
        output_field=DateField(),
    )


def _kind_rows(
    rules: list[tuple[QuerySet, str | int]], *, kind: str, object_type: str, due_date, case: str
) -> list[QuerySet]:
    return [
        _rows(
            qs,
            kind=kind,
            case=case,
            object_type=object_type,
            due_date=due_date,
            recipient=recipient,
        )
        for qs, recipient in rules
    ]


def screening_due(at: Moment) -> list[QuerySet]:
    """Aangemeld and not screened by the deadline → every ZVH procesregisseur."""
    due = EscalationRequest.objects.filter(
        screened_at__isnull=True,
        screening_deadline__lt=at.today,
        case__phase=Phase.AANGEMELD,
    )
    return _kind_rows(
        _to_regisseurs(due, at, case_id="case_id"),
        kind=ReminderKind.SCREENING_DUE,
        object_type=ObjectType.ESCALATION_REQUEST,
        due_date="screening_deadline",
        case="case_id",
    )


def review_due(at: Moment) -> list[QuerySet]:
    """A ZVH case whose evaluatiedatum is within 3 days or past → its procesregisseur."""
    due = ZvhTrack.objects.filter(
        ended_at__isnull=True,
        review_date__lte=at.today + REVIEW_WARNING,
        case__phase=Phase.ZVH,
    )
    return _kind_rows(
        [_to_user(due, at, case_id="case_id", user="case__procesregisseur")],
        kind=ReminderKind.REVIEW_DUE,
        object_type=ObjectType.ZVH_TRACK,
        due_date="review_date",
        case="case_id",
    )


def action_overdue(at: Moment) -> list[QuerySet]:
    """An open action past its deadline → the owner person (or, when none is named, the
    workers of the owner organisation) and the procesregisseur."""
    due = Action.objects.filter(status__in=OPEN_ACTION_STATUSES, deadline__lt=at.today).exclude(
        case__phase=Phase.GESLOTEN
    )
    return _kind_rows(
        [
            _to_user(due, at, case_id="case_id", user="owner_person"),
            _to_members(
                due.filter(owner_person__isnull=True),
                at,
                case_id="case_id",
                organisation="owner_organisation",
                role=Role.MEDEWERKER,
            ),
            _to_user(due, at, case_id="case_id", user="case__procesregisseur"),
        ],
        kind=ReminderKind.ACTION_OVERDUE,
        object_type=ObjectType.ACTION,
        due_date="deadline",
        case="case_id",
    )


def handover_pending(at: Moment) -> list[QuerySet]:
    """Afschaling not accepted within 10 days → the receiving team's workers and the
    procesregisseur."""
    due = Handover.objects.filter(
        status=HandoverStatus.PROPOSED,
        proposed_at__lte=at.now - HANDOVER_WAIT,
        case__phase=Phase.AFSCHALING,
    )
    return _kind_rows(
        [
            _to_members(
                due, at, case_id="case_id", organisation="receiving_team", role=Role.MEDEWERKER
            ),
            _to_user(due, at, case_id="case_id", user="case__procesregisseur"),
        ],
        kind=ReminderKind.HANDOVER_PENDING,
        object_type=ObjectType.HANDOVER,
        due_date=_local_date("proposed_at", HANDOVER_WAIT),
        case="case_id",
    )


def aftercare_check_due(at: Moment) -> list[QuerySet]:
    """Nazorg check date reached → the regiehouder; 7 days later also the managers of the
    owning team."""
    due = AftercareCheck.objects.filter(
        done_at__isnull=True, due_date__lte=at.today, case__phase=Phase.NAZORG
    )
    late = due.filter(due_date__lte=at.today - AFTERCARE_MANAGER_AFTER)
    return _kind_rows(
        [
            _to_user(due, at, case_id="case_id", user="case__regiehouder"),
            _to_members(
                late, at, case_id="case_id", organisation="case__owning_team", role=Role.MANAGER
            ),
        ],
        kind=ReminderKind.AFTERCARE_CHECK_DUE,
        object_type=ObjectType.AFTERCARE_CHECK,
        due_date="due_date",
        case="case_id",
    )


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
    """→ the regiehouder and the managers of the owning team.

    One statement for both: in the wijkteam the regiehouder is a worker of the owning
    team, so both are members of it, and the wijkteam cases are scanned once.
    """
    due = held_too_long_cases(at)
    return _kind_rows(
        [
            _to_members(
                due,
                at,
                case_id="pk",
                organisation="owning_team",
                role=Role.MANAGER,
                or_user="regiehouder",
            )
        ],
        kind=ReminderKind.HELD_TOO_LONG,
        object_type=ObjectType.CASE,
        due_date=_local_date("phase_changed_at", HELD_TOO_LONG_AFTER),
        case="pk",
    )


SCANS = {
    ReminderKind.SCREENING_DUE: screening_due,
    ReminderKind.REVIEW_DUE: review_due,
    ReminderKind.ACTION_OVERDUE: action_overdue,
    ReminderKind.HANDOVER_PENDING: handover_pending,
    ReminderKind.AFTERCARE_CHECK_DUE: aftercare_check_due,
    ReminderKind.HELD_TOO_LONG: held_too_long,
}
