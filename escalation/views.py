"""Case-scoped workflow pages: one form page per step, each a thin call to its service.

Every page resolves the case through `get_case_for_user` (404 when hidden) and writes
exactly one access-log row per request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.categories import Category
from privacy.access import get_case_for_user
from privacy.audit import log_case_access
from privacy.models import AccessAction

from . import forms
from . import services_consultation as consultation
from . import services_escalation as escalation
from . import services_handover as handover
from . import services_notices as notices
from . import services_zvh as zvh
from .models import Action, ActionPlan, AftercareCheck, EscalationRequest, Handover
from .transitions import TransitionRefused, guard, is_regisseur

REFUSALS = (TransitionRefused, ValidationError, PermissionDenied)


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("Dit is niet toegestaan.")


def _request_initial(case) -> dict:
    """Prefill the aanmelding from the latest triage: its reasons and the ZVH criteria."""
    assessment = escalation.latest_assessment(case)
    if assessment is None:
        return {}
    try:
        from triage.presentation import assessment_view
    except ImportError:
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


def _request_context(case) -> dict:
    return {
        "request_obj": EscalationRequest.objects.filter(case=case, screened_at__isnull=True)
        .select_related("requested_by", "referred_to")
        .prefetch_related("partners")
        .first()
    }


def _handover_context(case) -> dict:
    return {
        "handover": Handover.objects.filter(case=case, status="proposed")
        .select_related("receiving_team", "named_regiehouder", "proposed_by")
        .first()
    }


def _triage_context(case) -> dict:
    assessment = escalation.latest_assessment(case)
    return {
        "assessment": assessment,
        "qualifies": escalation.qualifying_assessment(assessment),
    }


@dataclass(frozen=True)
class Step:
    step: str
    form: type
    service: Callable
    title: str
    submit: str
    success: str
    initial: Callable = field(default=lambda case: {})
    extra: Callable = field(default=lambda case: {})
    aside: str = ""


def _today_plus(days: int):
    return lambda case: {"review_date": timezone.localdate() + timedelta(days=days)}


STEPS: dict[str, Step] = {
    "consult": Step(
        "consult",
        forms.ConsultationForm,
        consultation.consultation_ask,
        gettext_lazy("Advies vragen aan het Zorg- en Veiligheidshuis"),
        gettext_lazy("Vraag versturen"),
        gettext_lazy("Uw vraag is verstuurd naar het Zorg- en Veiligheidshuis."),
    ),
    "consult_answer": Step(
        "consult_answer",
        forms.ConsultationAnswerForm,
        consultation.consultation_answer,
        gettext_lazy("Meekijkverzoek beantwoorden"),
        gettext_lazy("Advies versturen"),
        gettext_lazy("Uw advies staat op de tijdlijn van de casus."),
        extra=lambda case: {"consultation": case.consultations.filter(answered_at=None).first()},
        aside="escalation/_aside_consultation.html",
    ),
    "request": Step(
        "escalate",
        forms.EscalationRequestForm,
        escalation.escalation_request,
        gettext_lazy("Aanmelden bij het Zorg- en Veiligheidshuis"),
        gettext_lazy("Aanmelding versturen"),
        gettext_lazy("De casus is aangemeld bij het Zorg- en Veiligheidshuis."),
        initial=_request_initial,
        extra=_triage_context,
        aside="escalation/_aside_triage.html",
    ),
    "re_escalate": Step(
        "re_escalate",
        forms.ReEscalateForm,
        escalation.re_escalate,
        gettext_lazy("Opnieuw opschalen (snelle route)"),
        gettext_lazy("Opnieuw aanmelden"),
        gettext_lazy("De casus is opnieuw aangemeld bij het Zorg- en Veiligheidshuis."),
    ),
    "accept": Step(
        "accept",
        forms.AcceptForm,
        escalation.escalation_accept,
        gettext_lazy("Aanmelding accepteren"),
        gettext_lazy("Accepteren"),
        gettext_lazy("De aanmelding is geaccepteerd; de casus is in het ZVH."),
        initial=_today_plus(42),
        extra=_request_context,
        aside="escalation/_aside_request.html",
    ),
    "decline": Step(
        "decline",
        forms.DeclineForm,
        escalation.escalation_decline,
        gettext_lazy("Aanmelding afwijzen met advies"),
        gettext_lazy("Advies versturen"),
        gettext_lazy("De casus is met advies teruggegeven aan het wijkteam."),
        extra=_request_context,
        aside="escalation/_aside_request.html",
    ),
    "conference": Step(
        "conference",
        forms.ConferenceForm,
        zvh.conference_record,
        gettext_lazy("Casusoverleg vastleggen"),
        gettext_lazy("Overleg opslaan"),
        gettext_lazy("Het casusoverleg is vastgelegd."),
        initial=lambda case: {"held_on": timezone.localdate()},
    ),
    "review": Step(
        "review",
        forms.ReviewForm,
        zvh.review_record,
        gettext_lazy("Evaluatie vastleggen"),
        gettext_lazy("Evaluatie opslaan"),
        gettext_lazy("De evaluatie is vastgelegd."),
    ),
    "plan": Step(
        "plan",
        forms.PlanForm,
        zvh.plan_save,
        gettext_lazy("Plan van aanpak: doelen"),
        gettext_lazy("Doelen opslaan"),
        gettext_lazy("Het plan van aanpak is opgeslagen."),
        initial=lambda case: {
            "goals": getattr(ActionPlan.objects.filter(case=case).first(), "goals", "")
        },
    ),
    "action_add": Step(
        "plan",
        forms.ActionForm,
        zvh.action_add,
        gettext_lazy("Actie toevoegen aan het plan van aanpak"),
        gettext_lazy("Actie toevoegen"),
        gettext_lazy("De actie is toegevoegd."),
    ),
    "handover": Step(
        "propose_handover",
        forms.HandoverProposeForm,
        handover.handover_propose,
        gettext_lazy("Afschaling voorstellen"),
        gettext_lazy("Afschaling voorstellen"),
        gettext_lazy("De afschaling is voorgesteld aan het ontvangende wijkteam."),
    ),
    "handover_accept": Step(
        "accept_handover",
        forms.HandoverAcceptForm,
        handover.handover_accept,
        gettext_lazy("Overdracht accepteren (warme overdracht)"),
        gettext_lazy("Overdracht accepteren"),
        gettext_lazy("De overdracht is geaccepteerd; de casus is in nazorg bij uw team."),
        initial=lambda case: {"meeting_date": timezone.localdate()},
        extra=_handover_context,
        aside="escalation/_aside_handover.html",
    ),
    "handover_reject": Step(
        "reject_handover",
        forms.HandoverRejectForm,
        handover.handover_reject,
        gettext_lazy("Overdracht terugwijzen"),
        gettext_lazy("Terugwijzen"),
        gettext_lazy("De overdracht is teruggewezen; de casus is terug bij het ZVH."),
        extra=_handover_context,
        aside="escalation/_aside_handover.html",
    ),
    "aftercare": Step(
        "aftercare_check",
        forms.AftercareCheckForm,
        handover.aftercare_check_record,
        gettext_lazy("Nazorgcontrole vastleggen"),
        gettext_lazy("Controle opslaan"),
        gettext_lazy("De nazorgcontrole is vastgelegd."),
        extra=lambda case: {
            "check": AftercareCheck.objects.filter(case=case, done_at=None).first()
        },
        aside="escalation/_aside_aftercare.html",
    ),
    "close": Step(
        "close",
        forms.CloseForm,
        handover.case_close,
        gettext_lazy("Casus sluiten"),
        gettext_lazy("Casus sluiten"),
        gettext_lazy("De casus is gesloten."),
    ),
}


@login_required
def workflow_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """GET: the form for one step; POST: take the step through its service."""
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    case, access = get_case_for_user(request.user, pk)
    context = {"case": case, "spec": spec, "step_name": step, "refusal": None, "form": None}
    status = 200
    try:
        posted_phase = request.POST.get("phase") if request.method == "POST" else None
        guard(request.user, case, spec.step, expected_phase=posted_phase)
    except TransitionRefused as exc:
        context["refusal"] = str(exc)
        status = 409 if request.method == "POST" else 403
    else:
        form = spec.form(
            request.POST or None, case=case, user=request.user, initial=spec.initial(case)
        )
        context["form"] = form
        if request.method == "POST":
            if form.is_valid():
                try:
                    spec.service(user=request.user, case=case, **form.service_kwargs())
                except REFUSALS as exc:
                    form.add_error(None, _message(exc))
                else:
                    log_case_access(
                        request,
                        case=case,
                        access=access,
                        action=AccessAction.CHANGE,
                        context=f"workflow:{step}",
                    )
                    messages.success(request, spec.success)
                    return redirect("cases:detail", pk=case.pk)
            status = 400
        context.update(spec.extra(case))
    log_case_access(request, case=case, access=access, context=f"workflow:{step}")
    return render(request, "escalation/step.html", context, status=status)


@login_required
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    """A partner (or the regisseur) updates the status of one action in the plan."""
    action = Action.objects.filter(pk=pk).only("id", "case_id").first()
    if action is None:
        raise Http404
    # Access first, method second: a hidden case answers 404 to every method.
    case, access = get_case_for_user(request.user, action.case_id)
    if not access.can_see(Category.PLAN):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.ActionStatusForm(request.POST)
    log_case_access(
        request, case=case, access=access, action=AccessAction.CHANGE, context="actie-status"
    )
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
    else:
        try:
            zvh.action_status_update(
                user=request.user,
                action=action,
                status=form.cleaned_data["status"],
                expected_status=form.cleaned_data["expected_status"],
            )
        except REFUSALS as exc:
            messages.error(request, _message(exc))
        else:
            messages.success(request, _("De status van de actie is bijgewerkt."))
    return redirect("cases:detail", pk=case.pk)


@login_required
def notice_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """A regisseur marks a case for bestuurlijke informatie."""
    case, access = get_case_for_user(request.user, pk)
    if not is_regisseur(request.user):
        raise PermissionDenied
    form = forms.NoticeMarkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                notices.notice_mark(user=request.user, case=case, **form.cleaned_data)
            except REFUSALS as exc:
                form.add_error(None, _message(exc))
            else:
                log_case_access(
                    request,
                    case=case,
                    access=access,
                    action=AccessAction.CHANGE,
                    context="bestuurlijke-informatie",
                )
                messages.success(request, _("De taak bestuurlijke informatie is aangemaakt."))
                return redirect("cases:detail", pk=case.pk)
        status = 400
    log_case_access(request, case=case, access=access, context="bestuurlijke-informatie")
    return render(
        request, "escalation/notice_mark.html", {"case": case, "form": form}, status=status
    )
