"""Case-scoped workflow pages: one form page per step of `escalation.steps`, each a thin
call to its service.

Every page opens the case through `privacy.case_views.case_view` (404 when hidden,
exactly one access-log row per request).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import sections
from cases.categories import Category
from privacy.case_views import case_view
from privacy.models import AccessAction

from . import forms, step_pages
from .models import CRITERIA_LABELS, Action
from .selectors import may_mark_notice
from .services import consultation, handover, notices, plan, screening, zvh
from .services import request as request_services
from .steps import PAGES, Step
from .transitions import TransitionRefused, guard

REFUSALS = (TransitionRefused, ValidationError, PermissionDenied)


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc) or _("Dit is niet toegestaan.")


# The modules a step's `service` ("module.function") names; see escalation.steps.
SERVICE_MODULES = {
    "consultation": consultation,
    "handover": handover,
    "plan": plan,
    "request": request_services,
    "screening": screening,
    "zvh": zvh,
}


def service_of(step: Step) -> Callable:
    """The service function that takes `step`."""
    module, name = step.service.split(".")
    return getattr(SERVICE_MODULES[module], name)


@case_view(context="workflow")
def workflow_step(request: HttpRequest, case, access, step: str) -> HttpResponse:
    """GET: the form for one step; POST: take the step through its service."""
    spec = PAGES[step]
    request.case_log.context = f"workflow:{step}"
    context = {"case": case, "spec": spec, "step_name": step, "refusal": None, "form": None}
    status = 200
    try:
        posted_phase = request.POST.get("phase") if request.method == "POST" else None
        guard(request.user, case, spec.name, expected_phase=posted_phase)
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
                    service_of(spec)(user=request.user, case=case, **form.service_kwargs())
                except REFUSALS as exc:
                    form.add_error(None, _message(exc))
                else:
                    request.case_log.action = AccessAction.CHANGE
                    messages.success(request, spec.success)
                    return redirect(step_pages.return_url(case, step))
            status = 400
        context.update(spec.extra(case))
    return render(request, "escalation/step.html", context, status=status)


def _case_of_action(pk: int) -> int | None:
    return Action.objects.filter(pk=pk).values_list("case_id", flat=True).first()


@case_view(
    action=AccessAction.CHANGE, context="actie-status", methods=("POST",), case_pk=_case_of_action
)
def action_status(request: HttpRequest, case, access, pk: int) -> HttpResponse:
    """A partner (or the regisseur) updates the status of one action in the plan."""
    if not access.can_see(Category.PLAN):
        raise Http404
    action = Action.objects.get(pk=pk)
    form = forms.ActionStatusForm(request.POST)
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
    # Only this fixed value: a free `next` URL would be an open redirect.
    if request.POST.get("next") == "worklist":
        return redirect("escalation:worklist")
    # The action list is in "Plan & overleg": back there, not to the top of the case.
    return redirect(sections.section_url(case.pk, sections.PLAN))


@case_view(context="bestuurlijke-informatie")
def notice_mark(request: HttpRequest, case, access) -> HttpResponse:
    """The regisseur or the case's regiehouder marks a case for bestuurlijke informatie,
    with the criteria the latest triage meets shown beside the decision."""
    if not may_mark_notice(request.user, case):
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
                request.case_log.action = AccessAction.CHANGE
                messages.success(request, _("De taak bestuurlijke informatie is aangemaakt."))
                return redirect(sections.section_url(case.pk, sections.OVERVIEW))
        status = 400
    criteria = [str(CRITERIA_LABELS[c]) for c in notices.notice_criteria(case)]
    return render(
        request,
        "escalation/notice_mark.html",
        {"case": case, "form": form, "criteria": criteria},
        status=status,
    )
