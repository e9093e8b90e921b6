"""Reads of the workflow: the case page panel, the screening queue, notices (the start
page is `escalation.worklist`).

Every query of case data starts from `privacy.access` (visible cases, per-case access).
"""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from cases.categories import Category
from cases.models import Case
from cases.phases import Phase
from organisations.models import OrganisationKind
from organisations.roles import actor_of, prefetch_memberships
from privacy.access import NO_ACCESS, CaseAccess, access_for_cases, visible_cases
from triage.models import TriageAssessment
from triage.presentation import visible_reasons

from .models import (
    Action,
    ActionPlan,
    ActionStatus,
    AdministrativeNotice,
    AftercareCheck,
    CaseConference,
    Consultation,
    EscalationRequest,
    Handover,
    Referral,
    ZvhTrack,
)
from .steps import STEPS, PanelFacts
from .transitions import may

# Phases in which a case may be marked for bestuurlijke informatie (from the aanmelding on).
NOTICE_PHASES = (Phase.AANGEMELD, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG)


def may_mark_notice(user, case: Case) -> bool:
    """The regisseur, or the case's own regiehouder in the wijkteam, may raise
    bestuurlijke informatie once the case is at the ZVH."""
    actor = actor_of(user)
    by = actor.is_regisseur or (actor.is_worker and user.pk == case.regiehouder_id)
    return by and case.phase in NOTICE_PHASES


def case_actions(user, case: Case, *, open_consultation: bool, plan_exists: bool) -> list[dict]:
    """The workflow buttons this viewer may use on this case now, in table order."""
    facts = PanelFacts(open_consultation=open_consultation, plan_exists=plan_exists)
    return [
        {
            "url": reverse(f"escalation:{step.url_name}", kwargs={"pk": case.pk}),
            "label": step.button,
        }
        for step in STEPS
        if step.url_name and may(user, case, step.name) and step.shown(facts)
    ]


def case_workflow_context(user, case: Case, access: CaseAccess) -> dict:
    """Context for escalation/_case_workflow.html and _case_plan.html (bounded queries)."""
    consultations = []
    if access.can_see(Category.SIGNALEN):
        consultations = list(
            Consultation.objects.filter(case=case).select_related("asked_by", "answered_by")[:10]
        )
    open_consultation = any(c.is_open for c in consultations)
    plan = None
    actions = []
    if access.can_see(Category.PLAN):
        plan = ActionPlan.objects.filter(case=case).first()
        if plan is not None:
            actions = list(
                Action.objects.filter(plan=plan).select_related(
                    "owner_organisation", "owner_person"
                )
            )
    conferences = []
    if access.can_see(Category.OVERLEG):
        conferences = list(
            CaseConference.objects.filter(case=case)
            .prefetch_related("invited")
            .select_related("created_by")[:20]
        )
    actor = actor_of(user)
    today = timezone.localdate()
    for action in actions:
        action.can_update = bool(
            access.can_change
            and action.is_open
            and may(user, case, "action_status", action_owner_id=action.owner_organisation_id)
        )
        action.overdue = action.is_open and action.deadline < today
    handover = None
    if case.phase == Phase.AFSCHALING:
        handover = (
            Handover.objects.filter(case=case)
            .proposed()
            .select_related("receiving_team", "named_regiehouder", "proposed_by")
            .first()
        )
    return {
        "wf": {
            "actions": case_actions(
                user, case, open_consultation=open_consultation, plan_exists=plan is not None
            )
            if access.can_change or actor.is_regisseur
            else [],
            "consultations": consultations,
            "open_request": EscalationRequest.objects.filter(case=case)
            .unscreened()
            .select_related("requested_by")
            .first()
            if case.phase == Phase.AANGEMELD
            else None,
            "track": ZvhTrack.objects.filter(case=case).running().first()
            if case.phase == Phase.ZVH
            else None,
            "handover": handover,
            "aftercare_due": AftercareCheck.objects.filter(case=case).pending().first()
            if case.phase == Phase.NAZORG
            else None,
            "plan": plan,
            "plan_actions": actions,
            "status_choices": ActionStatus.choices,
            "conferences": conferences,
            "can_see_plan": access.can_see(Category.PLAN),
            "can_see_overleg": access.can_see(Category.OVERLEG),
            "organisation_id": actor.organisation_id,
            "can_mark_notice": may_mark_notice(user, case),
            # The last referral of a declined aanmelding: whom it went to and its status.
            "referral": Referral.objects.filter(case=case).select_related("organisation").first()
            if case.phase == Phase.WIJKTEAM
            else None,
        }
    }


def screening_queue(user) -> QuerySet[EscalationRequest]:
    """The open aanmeldingen `user` may see (the ZVH of the case's region): acute first,
    then by deadline."""
    return (
        EscalationRequest.objects.unscreened()
        .filter(case__phase=Phase.AANGEMELD, case__in=visible_cases(user))
        .select_related("case", "case__owning_team", "requested_by")
        .prefetch_related("partners")
        .order_by("-acute", "screening_deadline", "requested_at", "id")
    )


def _answers_by_assessment(requests: list[EscalationRequest]) -> dict[int, dict]:
    """Triage answers per assessment id of these aanmeldingen (one query).

    A snapshot's reasons are filtered with the answers they came from; a deleted
    assessment gives {} and then every reason that might be about health is left out.
    """
    ids = {r.triage_assessment_id for r in requests if r.triage_assessment_id}
    if not ids:
        return {}
    return dict(TriageAssessment.objects.filter(pk__in=ids).values_list("pk", "answers"))


def request_reasons(request: EscalationRequest, *, access: CaseAccess | None) -> list[dict]:
    """The aanmelding's snapshot of triage reasons this viewer may see (health only
    with `gezondheid`, see triage.presentation)."""
    answers = _answers_by_assessment([request]).get(request.triage_assessment_id) or {}
    return visible_reasons(request.triage_reasons or [], answers, access=access)


def screening_rows(user, *, page: int | str | None = 1, per_page: int = 25) -> Page:
    """One page of the screening queue for this regisseur, each row with
    `visible_reasons`: the snapshot's triage reasons filtered for the regisseur's access
    to that case."""
    queue = screening_queue(user).prefetch_related(prefetch_memberships("requested_by__"))
    result = Paginator(queue, per_page).get_page(page)
    rows = result.object_list = list(result.object_list)
    access = access_for_cases(user, [r.case for r in rows])
    answers = _answers_by_assessment(rows)
    for row in rows:
        row.visible_reasons = visible_reasons(
            row.triage_reasons or [],
            answers.get(row.triage_assessment_id) or {},
            access=access.get(row.case_id, NO_ACCESS),
        )
        requester = actor_of(row.requested_by)
        # A partner's own aanmelding (workplace.intake) says who brought it in.
        row.requested_by_partner = requester.organisation.name if requester.is_partner else ""
    return result


def can_see_notices(user) -> bool:
    """The gemeente and the regisseurs see the list of bestuurlijke informatie."""
    actor = actor_of(user)
    return actor.is_gemeente or actor.is_regisseur


def notices_list(user) -> QuerySet[AdministrativeNotice]:
    """The notices `user` may list: the ZVH of the case's region; a gemeente only those
    of its own municipality's cases (its region's when it has no municipality)."""
    organisation = actor_of(user).organisation
    notices = AdministrativeNotice.objects.select_related("case", "assigned_to")
    if organisation is None:
        notices = notices.none()
    elif organisation.kind == OrganisationKind.GEMEENTE and organisation.municipality_id:
        notices = notices.filter(case__owning_team__municipality_id=organisation.municipality_id)
    else:
        notices = notices.filter(case__region_id=organisation.region_id)
    return notices.order_by("done", "-created_at", "-id")
