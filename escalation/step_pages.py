"""What a workflow step's page shows beside its form: the initial values and the context
(the aanmelding being screened, the handover being accepted …), and where the user goes
after it. Each context function takes the case and returns a dict; `escalation.steps`
names them per step."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from cases import sections
from cases.models import Case
from privacy.models import CaseParticipation

from .models import (
    Action,
    ActionPlan,
    AftercareCheck,
    Consultation,
    EscalationRequest,
    Handover,
)
from .services.assessment import latest_assessment, qualifying_assessment

FIRST_REVIEW_AFTER = timedelta(days=42)


def nothing(case: Case) -> dict:
    return {}


def request_initial(case: Case) -> dict:
    """Nothing: the aanleiding starts empty.

    The triage is not copied into it: the aanleiding goes on the timeline, where a
    partner without `gezondheid` would read the health reasons. The aanmelding keeps
    its own snapshot of the triage, and the form shows the triage beside it.
    """
    return {}


def triage_context(case: Case) -> dict:
    """The latest triage and whether it is enough to escalate without an override."""
    assessment = latest_assessment(case)
    return {"assessment": assessment, "qualifies": qualifying_assessment(assessment)}


def accept_initial(case: Case) -> dict:
    return {"review_date": timezone.localdate() + FIRST_REVIEW_AFTER}


def request_context(case: Case) -> dict:
    """The aanmelding being screened."""
    return {
        "request_obj": EscalationRequest.objects.filter(case=case)
        .unscreened()
        .select_related("requested_by", "referred_to")
        .prefetch_related("partners")
        .first()
    }


def consultation_context(case: Case) -> dict:
    """The question being answered."""
    return {"consultation": Consultation.objects.filter(case=case).unanswered().first()}


def conference_initial(case: Case) -> dict:
    return {"held_on": timezone.localdate()}


def plan_initial(case: Case) -> dict:
    """The current goals, to edit them."""
    return {"goals": getattr(ActionPlan.objects.filter(case=case).first(), "goals", "")}


def propose_context(case: Case) -> dict:
    """What the afschaling hands over: the open actions and the partners taking part."""
    return {
        "open_actions": list(
            Action.objects.open()
            .filter(case=case)
            .select_related("owner_organisation")
            .order_by("deadline", "id")[:50]
        ),
        "participants": list(
            CaseParticipation.objects.active()
            .filter(case=case)
            .select_related("organisation")
            .order_by("organisation__name")
        ),
    }


def handover_initial(case: Case) -> dict:
    return {"meeting_date": timezone.localdate()}


def handover_context(case: Case) -> dict:
    """The handover being accepted or rejected, with what it hands over."""
    return {
        "handover": Handover.objects.filter(case=case)
        .proposed()
        .select_related("receiving_team", "named_regiehouder", "proposed_by")
        .first(),
        **propose_context(case),
    }


def aftercare_context(case: Case) -> dict:
    """The check being recorded."""
    return {"check": AftercareCheck.objects.filter(case=case).pending().first()}


# After a step the user lands on the case page section that shows what the step made, by
# URL name: the overleg, goals, actions and evaluations are in "Plan & overleg"; the
# phase steps (aanmelden, screening, afschaling, nazorg, sluiten) change the overview's
# phase and its "Wat moet er nu gebeuren".
PLAN_STEPS = frozenset({"conference", "plan", "goal", "action_add", "review"})


def section_after(step: str) -> sections.Section:
    """The case page section to return to after `step` (a URL name of escalation.steps)."""
    return sections.PLAN if step in PLAN_STEPS else sections.OVERVIEW


def return_url(case: Case, step: str) -> str:
    """The case page, opened at the section `step` was taken from."""
    return sections.section_url(case.pk, section_after(step))
