"""The start page: per role, what that person must do next.

Every list is bounded (`LIMIT`) and every read of case data starts at `privacy.access`
(`visible_cases`, `cases_readable_in`): a row whose case the user may not see, or whose
category they may not read, is left out in SQL, before the LIMIT. The whole page costs
at most ten queries, whatever the number of cases (tests/escalation/test_worklist_roles.py).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from cases.categories import Category
from cases.models import Case
from cases.phases import OPEN_PHASES, Phase
from lib.capped_count import CappedCount
from notifications.models import Reminder, ReminderKind
from organisations.models import Organisation
from organisations.roles import Actor, actor_of
from privacy.access import cases_readable_in, visible_cases
from privacy.models import BreakGlassAccess, ReviewStatus, SubjectAccessRequest

from .models import (
    Action,
    ActionStatus,
    AftercareCheck,
    CaseConference,
    Consultation,
    EscalationRequest,
    Handover,
    Referral,
    ZvhTrack,
)
from .reminders import stalled_without_triage_cases
from .selectors import notices_list, screening_queue

LIMIT = 25
REVIEW_SOON = timedelta(days=3)
AFTERCARE_SOON = timedelta(days=7)
# Advice answered this recently is still news for the wijkteam.
ADVICE_NEWS = timedelta(days=14)
# Casusoverleggen further back than this are no longer an invitation to act on.
INVITATIONS_SINCE = timedelta(days=60)
# The start page's team figures count each phase up to this many ("meer dan 500").
FIGURE_CAP = 500


def role_of(actor: Actor) -> str:
    """The start page to show: one name per role (the template picks its intro)."""
    for name, flag in (
        ("regisseur", actor.is_regisseur),
        ("wijkteam", actor.is_worker),
        ("partner", actor.is_partner),
        ("manager", actor.is_manager),
        ("privacy", actor.is_privacy_officer),
        ("gemeente", actor.is_gemeente),
        ("beheer", actor.is_beheer),
    ):
        if flag:
            return name
    return "other"


def _overdue_actions(user, actor: Actor, today) -> list:
    # Only actions of cases whose plan the user may read, decided before the LIMIT.
    overdue = Action.objects.open().filter(
        deadline__lt=today, case__in=cases_readable_in(user, Category.PLAN)
    )
    if actor.is_regisseur:
        overdue = overdue.filter(case__procesregisseur=user)
    else:
        overdue = overdue.filter(owner_organisation_id=actor.organisation_id)
    rows = overdue.select_related("case", "owner_organisation").order_by("deadline", "id")
    return list(rows[:LIMIT])


def _my_cases(user, visible) -> list:
    mine = visible.filter(phase__in=OPEN_PHASES, regiehouder=user)
    return list(mine.select_related("owning_team").order_by("-last_activity_at", "-id")[:LIMIT])


def _aftercare_due(user, visible, today) -> list[Case]:
    """The user's nazorg cases whose check is due within AFTERCARE_SOON, soonest first,
    each with `aftercare_due`.

    Read from the worker's nazorg cases, each probing its one pending check: a join from
    the checks let PostgreSQL hash every pending check of the region (13 ms at a million
    cases, against 1.7 ms this way)."""
    pending_due = (
        AftercareCheck.objects.pending().filter(case=OuterRef("pk")).order_by().values("due_date")
    )
    return list(
        visible.filter(phase=Phase.NAZORG, regiehouder=user)
        .annotate(aftercare_due=Subquery(pending_due[:1]))
        .filter(aftercare_due__lte=today + AFTERCARE_SOON)
        .order_by("aftercare_due", "id")[:LIMIT]
    )


def _regisseur(user, actor: Actor, visible, today) -> dict:
    return {
        # The partners invited with each aanmelding are not shown here: no prefetch.
        "screening": list(screening_queue(user).prefetch_related(None)[:LIMIT]),
        # The advice inbox: every open meekijkvraag the ZVH may read (advice access).
        "advice_questions": list(
            Consultation.objects.unanswered()
            .filter(case__in=visible)
            .select_related("case", "case__owning_team")
            .order_by("asked_at", "id")[:LIMIT]
        ),
        "reviews_due": list(
            ZvhTrack.objects.running()
            .filter(
                review_date__lte=today + REVIEW_SOON,
                case__phase=Phase.ZVH,
                case__procesregisseur=user,
            )
            .select_related("case")
            .order_by("review_date")[:LIMIT]
        ),
        "overdue_actions": _overdue_actions(user, actor, today),
        "handovers_waiting": list(
            Handover.objects.proposed()
            .filter(case__phase=Phase.AFSCHALING, case__procesregisseur=user)
            .select_related("case", "receiving_team")
            .order_by("proposed_at")[:LIMIT]
        ),
        "referrals_sent": list(
            Referral.objects.unfinished()
            .filter(created_by=user)
            .select_related("case", "organisation")
            .order_by("-created_at")[:LIMIT]
        ),
        # The regisseur's own cases are a filter of the case list (a link): the page
        # lists what must happen next, within its ten queries.
        "my_cases_link": True,
        "notices_open": notices_list(user).open().count(),
    }


def _wijkteam(user, actor: Actor, visible, today) -> dict:
    return {
        "my_cases": _my_cases(user, visible),
        "advice_answers": list(
            Consultation.objects.filter(
                answered_at__gte=timezone.now() - ADVICE_NEWS,
                case__regiehouder=user,
                case__in=visible,
            )
            .select_related("case", "answered_by")
            .order_by("-answered_at")[:LIMIT]
        ),
        "handovers": list(
            Handover.objects.proposed()
            .filter(receiving_team_id=actor.organisation_id, case__phase=Phase.AFSCHALING)
            .select_related("case", "proposed_by")
            .order_by("proposed_at")[:LIMIT]
        ),
        "aftercare_due": _aftercare_due(user, visible, today),
        "overdue_actions": _overdue_actions(user, actor, today),
    }


def _partner(user, actor: Actor, visible, today) -> dict:
    org = actor.organisation_id
    # The plan and the overleg are categories of their own: a partner may take part in a
    # case without reading them, so each list starts from the cases it may read them in.
    actions = list(
        Action.objects.open()
        .filter(owner_organisation_id=org, case__in=cases_readable_in(user, Category.PLAN))
        .select_related("case", "owner_person")
        .order_by("deadline", "id")[:LIMIT]
    )
    for action in actions:
        action.overdue = action.deadline < today
    return {
        "my_actions": actions,
        "invitations": list(
            CaseConference.objects.filter(
                invited__id=org,
                held_on__gte=today - INVITATIONS_SINCE,
                case__in=cases_readable_in(user, Category.OVERLEG),
            )
            .select_related("case")
            .order_by("-held_on", "-id")[:LIMIT]
        ),
        "taking_part": list(
            visible.filter(
                phase__in=OPEN_PHASES,
                participations__organisation_id=org,
                participations__removed_at__isnull=True,
            ).order_by("-last_activity_at", "-id")[:LIMIT]
        ),
        "referrals": list(
            Referral.objects.unfinished()
            .filter(organisation_id=org)
            .select_related("case", "created_by")
            .order_by("created_at", "id")[:LIMIT]
        ),
        # The partner's own aanmeldingen: reference and outcome only, never the content
        # of a case the partner does not take part in.
        "my_requests": list(
            EscalationRequest.objects.filter(requested_by=user)
            .select_related("case")
            .order_by("-requested_at", "-id")[:LIMIT]
        ),
        "status_choices": ActionStatus.choices,
    }


def _team_figures(visible, team_id: int) -> list[dict]:
    """The team's open cases per phase, each counted up to FIGURE_CAP + 1: one query of
    one capped count per phase, flat however many cases the team holds (the management
    report has the exact figures)."""
    team = visible.filter(owning_team_id=team_id)
    counts = {phase: CappedCount(team.filter(phase=phase), FIGURE_CAP + 1) for phase in OPEN_PHASES}
    row = Organisation.objects.filter(pk=team_id).values(**counts).get()
    return [
        {
            "phase": Phase(phase).label,
            "count": min(row[phase], FIGURE_CAP),
            "capped": row[phase] > FIGURE_CAP,
        }
        for phase in OPEN_PHASES
        if row[phase]
    ]


def _manager(user, actor: Actor, visible, today) -> dict:
    org = actor.organisation_id
    held = (
        Reminder.objects.filter(
            kind=ReminderKind.HELD_TOO_LONG,
            recipient=user,
            case__owning_team_id=org,
            case__phase=Phase.WIJKTEAM,
            case__in=visible,
        )
        .select_related("case", "case__regiehouder")
        .order_by("-due_date", "-id")
    )
    held_cases: dict[int, Reminder] = {}
    for reminder in held[: LIMIT * 2]:
        # A reminder per due date: the page lists each case once, the newest.
        held_cases.setdefault(reminder.case_id, reminder)
    figures = _team_figures(visible, org)
    return {
        "figures": figures,
        "figures_total": sum(f["count"] for f in figures),
        "figures_capped": any(f["capped"] for f in figures),
        "figure_cap": FIGURE_CAP,
        "held_too_long": list(held_cases.values())[:LIMIT],
        # Live, not from reminders: the case shows here from the day it stalls. Longest
        # in the wijkteam first, read in the order of an index on (team, phase, since),
        # so the page stops after LIMIT cases whatever the team holds.
        "stalled_without_triage": list(
            stalled_without_triage_cases(timezone.now())
            .filter(owning_team_id=org, pk__in=visible.values("pk"))
            .select_related("regiehouder")
            .order_by("phase_changed_at", "id")[:LIMIT]
        ),
        "overdue_actions": _overdue_actions(user, actor, today),
    }


def _privacy(user, actor: Actor, visible, today) -> dict:
    return {
        "break_glass_open": list(
            BreakGlassAccess.objects.filter(review_status=ReviewStatus.OPEN)
            .select_related("case", "organisation")
            .order_by("started_at", "id")[:LIMIT]
        ),
        "access_requests": list(
            SubjectAccessRequest.objects.filter(completed_at__isnull=True).order_by(
                "deadline", "id"
            )[:LIMIT]
        ),
    }


def _gemeente(user, actor: Actor, visible, today) -> dict:
    # Reference, pseudonymised summary and status only: the gemeente never sees a case.
    return {"notices": list(notices_list(user)[:LIMIT])}


def _nothing(user, actor: Actor, visible, today) -> dict:
    return {}


SECTIONS = {
    "regisseur": _regisseur,
    "wijkteam": _wijkteam,
    "partner": _partner,
    "manager": _manager,
    "privacy": _privacy,
    "gemeente": _gemeente,
    "beheer": _nothing,
    "other": _nothing,
}


def worklist_for(user) -> dict:
    """The start page of `user`: `role` (which intro to show), `membership`, and the
    sections of that role, each a bounded list (or a count)."""
    actor = actor_of(user)
    role = role_of(actor)
    sections: dict = {"membership": actor.membership, "role": role}
    if actor.membership is None:
        return sections
    today = timezone.localdate()
    sections.update(SECTIONS[role](user, actor, visible_cases(user), today))
    return sections
