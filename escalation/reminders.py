"""What is due in the workflow: one scan per reminder kind (DESIGN.md, "Reminders").

Each scan returns querysets of due rows built with `notifications.due`, one per
recipient rule; `notifications.services` inserts them idempotently and mails them.
`send_due_reminders` is what the periodic Celery task (`escalation.tasks`) and
`manage.py send_reminders` both call.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from cases.models import Case, CaseEvent
from cases.phases import Phase
from notifications.due import (
    Moment,
    kind_rows,
    local_date,
    to_each,
    to_members,
    to_user,
)
from notifications.models import ObjectType, ReminderKind
from notifications.services import create_due_reminders as notifications_create_due
from notifications.services import deliver_due_reminders
from organisations.models import Role
from triage.models import TriageAssessment

from .models import (
    Action,
    AftercareCheck,
    Consultation,
    EscalationRequest,
    Handover,
    ZvhTrack,
)
from .people import regisseurs

REVIEW_WARNING = timedelta(days=3)
HANDOVER_WAIT = timedelta(days=10)
AFTERCARE_MANAGER_AFTER = timedelta(days=7)
# "Open > 6 months": counted from the day the case (re)entered the wijkteam.
HELD_TOO_LONG_AFTER = timedelta(days=183)
HELD_TOO_LONG_MIN_LEVEL = 1
# Timeline entries that are not progress: writing notes about a case is not moving it.
NOT_PROGRESS_KINDS = ("note_added",)


def _regisseurs() -> list[tuple[int, int]]:
    """(user id, organisation group id) of every active ZVH procesregisseur: one query."""
    return list(regisseurs().order_by().values_list("pk", "membership__organisation__group_id"))


def screening_due(at: Moment) -> list[QuerySet]:
    """Aangemeld and not screened by the deadline → every ZVH procesregisseur (no
    relation leads from a case to them before acceptance)."""
    due = EscalationRequest.objects.unscreened().filter(
        screening_deadline__lt=at.today, case__phase=Phase.AANGEMELD
    )
    return kind_rows(
        to_each(due, at, case_id="case_id", users=_regisseurs()),
        kind=ReminderKind.SCREENING_DUE,
        object_type=ObjectType.ESCALATION_REQUEST,
        due_date="screening_deadline",
        case="case_id",
    )


def review_due(at: Moment) -> list[QuerySet]:
    """A ZVH case whose evaluatiedatum is within 3 days or past → its procesregisseur."""
    due = ZvhTrack.objects.running().filter(
        review_date__lte=at.today + REVIEW_WARNING, case__phase=Phase.ZVH
    )
    return kind_rows(
        [to_user(due, at, case_id="case_id", user="case__procesregisseur")],
        kind=ReminderKind.REVIEW_DUE,
        object_type=ObjectType.ZVH_TRACK,
        due_date="review_date",
        case="case_id",
    )


def action_overdue(at: Moment) -> list[QuerySet]:
    """An open action past its deadline → the owner person (or, when none is named, the
    workers of the owner organisation) and the procesregisseur."""
    due = Action.objects.open().filter(deadline__lt=at.today).exclude(case__phase=Phase.GESLOTEN)
    return kind_rows(
        [
            to_user(due, at, case_id="case_id", user="owner_person"),
            to_members(
                due.filter(owner_person__isnull=True),
                at,
                case_id="case_id",
                organisation="owner_organisation",
                role=Role.MEDEWERKER,
            ),
            to_user(due, at, case_id="case_id", user="case__procesregisseur"),
        ],
        kind=ReminderKind.ACTION_OVERDUE,
        object_type=ObjectType.ACTION,
        due_date="deadline",
        case="case_id",
    )


def handover_pending(at: Moment) -> list[QuerySet]:
    """Afschaling not accepted within 10 days → the receiving team's workers and the
    procesregisseur."""
    due = Handover.objects.proposed().filter(
        proposed_at__lte=at.now - HANDOVER_WAIT, case__phase=Phase.AFSCHALING
    )
    return kind_rows(
        [
            to_members(
                due, at, case_id="case_id", organisation="receiving_team", role=Role.MEDEWERKER
            ),
            to_user(due, at, case_id="case_id", user="case__procesregisseur"),
        ],
        kind=ReminderKind.HANDOVER_PENDING,
        object_type=ObjectType.HANDOVER,
        due_date=local_date("proposed_at", HANDOVER_WAIT),
        case="case_id",
    )


def aftercare_check_due(at: Moment) -> list[QuerySet]:
    """Nazorg check date reached → the regiehouder; 7 days later also the managers of the
    owning team."""
    due = AftercareCheck.objects.pending().filter(due_date__lte=at.today, case__phase=Phase.NAZORG)
    late = due.filter(due_date__lte=at.today - AFTERCARE_MANAGER_AFTER)
    return kind_rows(
        [
            to_user(due, at, case_id="case_id", user="case__regiehouder"),
            to_members(
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


def _to_regiehouder_and_team_managers(due: QuerySet, at: Moment) -> QuerySet:
    """Rows for the regiehouder and the managers of the owning team of each `due` case."""
    return to_members(
        due, at, case_id="pk", organisation="owning_team", role=Role.MANAGER, or_user="regiehouder"
    )


def held_too_long(at: Moment) -> list[QuerySet]:
    """→ the regiehouder and the managers of the owning team.

    One statement for both: in the wijkteam the regiehouder is a worker of the owning
    team, so both are members of it, and the wijkteam cases are scanned once.
    """
    due = held_too_long_cases(at)
    return kind_rows(
        [_to_regiehouder_and_team_managers(due, at)],
        kind=ReminderKind.HELD_TOO_LONG,
        object_type=ObjectType.CASE,
        due_date=local_date("phase_changed_at", HELD_TOO_LONG_AFTER),
        case="pk",
    )


def stalled_days() -> timedelta:
    """How long a never-triaged wijkteam case may go without progress before it is
    flagged (setting `STALLED_WITHOUT_TRIAGE_DAYS`; per region once regions have it)."""
    return timedelta(days=getattr(settings, "STALLED_WITHOUT_TRIAGE_DAYS", 90))


def stalled_without_triage_cases(now: datetime) -> QuerySet[Case]:
    """Wijkteam cases never triaged whose last progress (any timeline entry but a note)
    is older than `stalled_days()`, annotated with `last_progress`.

    Held-too-long needs a triage of level ≥ 1, so without this the most neglected cases,
    never triaged at all, would never be flagged (issue 19: "no case forgotten").
    """
    last_progress = Subquery(
        CaseEvent.objects.filter(case_id=OuterRef("pk"))
        .exclude(kind__in=NOT_PROGRESS_KINDS)
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    triaged = TriageAssessment.objects.filter(case_id=OuterRef("pk"))
    return (
        Case.objects.filter(phase=Phase.WIJKTEAM, phase_changed_at__lte=now - stalled_days())
        .filter(~Exists(triaged))
        .annotate(last_progress=last_progress)
        .filter(Q(last_progress__lte=now - stalled_days()) | Q(last_progress__isnull=True))
    )


def stalled_without_triage(at: Moment) -> list[QuerySet]:
    """→ the regiehouder and the managers of the owning team; one reminder per stall
    (due on the day the last progress is `stalled_days()` old)."""
    due = stalled_without_triage_cases(at.now).filter(last_progress__isnull=False)
    return kind_rows(
        [_to_regiehouder_and_team_managers(due, at)],
        kind=ReminderKind.STALLED_WITHOUT_TRIAGE,
        object_type=ObjectType.CASE,
        due_date=local_date("last_progress", stalled_days()),
        case="pk",
    )


SCANS = {
    ReminderKind.SCREENING_DUE: screening_due,
    ReminderKind.REVIEW_DUE: review_due,
    ReminderKind.ACTION_OVERDUE: action_overdue,
    ReminderKind.HANDOVER_PENDING: handover_pending,
    ReminderKind.AFTERCARE_CHECK_DUE: aftercare_check_due,
    ReminderKind.HELD_TOO_LONG: held_too_long,
    ReminderKind.STALLED_WITHOUT_TRIAGE: stalled_without_triage,
}


def create_due_reminders(*, now: datetime) -> dict[str, int]:
    """Insert every workflow reminder due at `now` without mailing; returns the number
    created per kind."""
    return notifications_create_due(scans=SCANS, now=now)


def send_due_reminders(now: datetime | None = None) -> int:
    """Create the workflow reminders due at `now` (default: now) and e-mail them.

    Returns the number of reminders this run created; 0 when another run (earlier, or
    at the same moment) already created them.
    """
    return deliver_due_reminders(scans=SCANS, now=now)
