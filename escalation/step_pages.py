"""What a workflow step's page shows beside its form: the initial values and the context
(the aanmelding being screened, the handover being accepted …). Each function takes the
case and returns a dict; `escalation.steps` names them per step."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from triage.presentation import assessment_view

from .models import ActionPlan, AftercareCheck, Consultation, EscalationRequest, Handover
from .services.assessment import latest_assessment, qualifying_assessment

FIRST_REVIEW_AFTER = timedelta(days=42)


def nothing(case: Case) -> dict:
    return {}


def request_initial(case: Case) -> dict:
    """Prefill the aanmelding from the latest triage: its reasons and the ZVH criteria."""
    assessment = latest_assessment(case)
    if assessment is None:
        return {}
    view = assessment_view(assessment)
    lines = [
        _("Triage van %(d)s: %(level)s (score %(score)d).")
        % {
            "d": timezone.localtime(assessment.assessed_at).strftime("%d-%m-%Y"),
            "level": view.level_label,
            "score": view.score,
        }
    ]
    lines += [f"- {r['text']}" for r in view.reasons]
    met = [c["label"] for c in view.zvh_criteria if c["met"]]
    if met:
        lines.append(_("Criteria complexe casuïstiek: %(c)s.") % {"c": "; ".join(met)})
    return {"aanleiding": "\n".join(lines)}


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


def handover_initial(case: Case) -> dict:
    return {"meeting_date": timezone.localdate()}


def handover_context(case: Case) -> dict:
    """The handover being accepted or rejected."""
    return {
        "handover": Handover.objects.filter(case=case)
        .proposed()
        .select_related("receiving_team", "named_regiehouder", "proposed_by")
        .first()
    }


def aftercare_context(case: Case) -> dict:
    """The check being recorded."""
    return {"check": AftercareCheck.objects.filter(case=case).pending().first()}
