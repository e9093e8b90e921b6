"""Triage pages: the assessment of a case and the ruleset administration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.categories import Category
from privacy.access import visible_cases
from privacy.audit import log_case_access
from privacy.case_views import case_view
from privacy.models import AccessAction

from . import rescoring, selectors, services, tasks
from .engine import evaluate
from .forms import AssessmentForm, RulesetForm, answers_key
from .models import Ruleset, TriageAssessment
from .permissions import can_assess, can_manage_rulesets
from .presentation import assessment_view, result_view, ruleset_rows


def months_between(start, end) -> int:
    """Whole calendar months from `start` to `end` (dates)."""
    months = (end.year - start.year) * 12 + (end.month - start.month)
    if end.day < start.day:
        months -= 1
    return max(months, 0)


def _require_triage(request: HttpRequest, access, *, assess: bool) -> None:
    """403 without triage (or assessment) rights; hidden cases already answered 404."""
    if not access.can_see(Category.TRIAGE):
        raise PermissionDenied
    if assess and not can_assess(request.user, access):
        raise PermissionDenied


@case_view(context="triage: nieuwe weging")
def assessment_new(request: HttpRequest, case, access) -> HttpResponse:
    _require_triage(request, access, assess=True)
    if not case.is_open:
        raise PermissionDenied
    saving = request.method == "POST" and request.POST.get("action") == "save"
    registered = timezone.localtime(case.registered_at).date()
    months = months_between(registered, timezone.localdate())
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,
        saving=saving,
        initial={"months_in_wijkteam": months},
    )
    result = key = None
    # The outcome is shown whenever the answers are valid, also when only the judgement
    # is missing: the judgement's error then sits next to the outcome it is about.
    if request.method == "POST" and form.answers_are_valid():
        answers = form.answers()
        key = answers_key(answers)
        ruleset = selectors.active_ruleset()
        result = result_view(
            evaluate(answers, selectors.compiled(ruleset), validated=False).to_dict(),
            answers,
            access=access,
        )
        if saving and form.cleaned_data.get("answers_key") == key:
            if not form.errors:
                try:
                    assessment = services.assessment_create(
                        user=request.user,
                        case=case,
                        answers=answers,
                        judgement=form.cleaned_data["judgement"],
                        judgement_motivation=form.cleaned_data["judgement_motivation"],
                    )
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    request.case_log.action = AccessAction.CHANGE
                    request.case_log.context = "triage: weging opgeslagen"
                    messages.success(request, _("De triage is opgeslagen."))
                    return redirect("triage:assessment", pk=case.pk, assessment_pk=assessment.pk)
        elif saving:
            messages.info(
                request,
                _("De antwoorden zijn gewijzigd. Bekijk de nieuwe uitkomst en geef uw oordeel."),
            )
    return render(
        request,
        "triage/assessment_form.html",
        {
            "case": case,
            "form": form,
            "result": result,
            "answers_key": key,
            "months_prefilled": months,
            # The outcome is its own step; "Antwoorden wijzigen" goes back to the questions.
            "outcome_step": result is not None and request.POST.get("action") != "edit",
        },
        status=400 if form.errors else 200,
    )


@case_view(context="triage: uitkomst", methods=("GET",))
def assessment_detail(request: HttpRequest, case, access, assessment_pk: int) -> HttpResponse:
    _require_triage(request, access, assess=False)
    assessment = get_object_or_404(
        TriageAssessment.objects.select_related("assessed_by", "ruleset"),
        pk=assessment_pk,
        case=case,
    )
    latest = selectors.latest_assessment(case)
    may_assess = can_assess(request.user, access) and case.is_open
    step = None
    if latest is not None and latest.pk == assessment.pk:
        step = selectors.next_step(case, assessment.level, can_act=may_assess)
    return render(
        request,
        "triage/assessment_detail.html",
        {
            "case": case,
            "assessment": assessment,
            "result": assessment_view(assessment, access=access),
            "is_latest": latest is not None and latest.pk == assessment.pk,
            "next_step": step,
            "can_assess": may_assess,
        },
    )


# --- ruleset administration ----------------------------------------------------------


def _require_admin(request: HttpRequest) -> None:
    if not can_manage_rulesets(request.user):
        raise PermissionDenied


@login_required
def ruleset_list(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    return render(
        request,
        "triage/ruleset_list.html",
        {"rulesets": selectors.rulesets_for_admin(), "active": selectors.active_ruleset()},
    )


@login_required
@require_POST
def ruleset_draft_new(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    draft = services.ruleset_draft_create(user=request.user)
    messages.success(
        request,
        _("Concept %(name)s is gemaakt op basis van de actieve versie %(base)s.")
        % {"name": draft.name, "base": draft.based_on.name},
    )
    return redirect("triage:ruleset_edit", pk=draft.pk)


@login_required
def ruleset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    ruleset = get_object_or_404(selectors.rulesets_for_admin(), pk=pk)
    return render(
        request,
        "triage/ruleset_detail.html",
        {"ruleset": ruleset, "rules": ruleset_rows(ruleset.definition)},
    )


@login_required
def ruleset_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    ruleset = get_object_or_404(Ruleset, pk=pk)
    if not ruleset.is_draft:
        messages.error(
            request,
            _("Versie %(name)s is gepubliceerd en kan niet meer worden gewijzigd.")
            % {"name": ruleset.name},
        )
        return redirect("triage:ruleset_detail", pk=ruleset.pk)
    initial = RulesetForm.initial_from(ruleset.name, ruleset.description, ruleset.definition)
    form = RulesetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.ruleset_draft_update(
                user=request.user,
                ruleset=ruleset,
                name=form.cleaned_data["name"],
                definition=form.definition(),
                description=form.cleaned_data["description"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Het concept is opgeslagen."))
            return redirect("triage:ruleset_preview", pk=ruleset.pk)
    return render(
        request,
        "triage/ruleset_form.html",
        {"ruleset": ruleset, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def ruleset_preview(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    ruleset = get_object_or_404(Ruleset.objects.select_related("based_on"), pk=pk)
    impact = rescoring.impact_preview(ruleset=ruleset)
    changed_cases = selectors.changed_cases_visible_to(
        request.user, ruleset=ruleset, case_ids=impact.changed_case_ids
    )
    for row in changed_cases:
        log_case_access(
            request, case=row["case"], access=row["access"], context="triage: impactanalyse"
        )
    return render(
        request,
        "triage/ruleset_preview.html",
        {
            "ruleset": ruleset,
            "impact": impact,
            "transitions": impact.transition_rows(),
            "changed_cases": changed_cases,
            "hidden_count": impact.changed - len(changed_cases),
            "unchanged": impact.examined - impact.changed,
            "counts_only": not visible_cases(request.user).exists(),
            "active": selectors.active_ruleset(),
        },
    )


@login_required
@require_POST
def ruleset_publish(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    ruleset = get_object_or_404(Ruleset, pk=pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Bevestig dat u de impactanalyse hebt bekeken."))
        return redirect("triage:ruleset_preview", pk=ruleset.pk)
    try:
        services.ruleset_publish(user=request.user, ruleset=ruleset)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("triage:ruleset_detail", pk=ruleset.pk)
    # Rescoring 100 000 cases takes minutes: a worker does it once the publication is
    # committed, so it never sees the previous version as active.
    tasks.rescore_open_cases.delay_on_commit(ruleset_name=ruleset.name)
    messages.success(
        request,
        _(
            "Versie %(name)s is gepubliceerd en nu actief. De laatste wegingen van open "
            "casussen worden herberekend; eerdere wegingen houden hun versie."
        )
        % {"name": ruleset.name},
    )
    return redirect("triage:ruleset_list")


@login_required
@require_POST
def ruleset_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    ruleset = get_object_or_404(Ruleset, pk=pk)
    try:
        services.ruleset_draft_delete(user=request.user, ruleset=ruleset)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("triage:ruleset_detail", pk=ruleset.pk)
    messages.success(request, _("Het concept is verwijderd."))
    return redirect("triage:ruleset_list")
