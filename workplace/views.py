from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases import sections as case_sections
from cases.selectors import notes_for, timeline_for
from documents.selectors import documents_for
from escalation.selectors import case_workflow_context
from meetings.selectors import items_for_case
from organisations.models import Organisation, OrganisationKind
from privacy.case_views import case_view
from privacy.models import AccessAction
from privacy.selectors import participations_for
from triage.selectors import case_triage_context

from . import case_page, intake, services
from .forms import (
    CaseFilterForm,
    CaseRegistrationForm,
    HouseholdFormSet,
    IntakeForm,
    IntakeHouseholdFormSet,
    NoteForm,
    Urgency,
)
from .selectors import case_list_paginator

PAGE_SIZE = 25


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    teams = Organisation.objects.filter(kind=OrganisationKind.WIJKTEAM).only("id", "name")
    form = CaseFilterForm(request.GET or None, teams=teams)
    filters = form.cleaned_data if form.is_valid() else {}
    criteria = {
        "q": filters.get("q") or "",
        "phase": filters.get("phase") or "",
        "team_id": filters.get("team"),
        "mine": bool(filters.get("mine")),
    }
    page = case_list_paginator(request.user, PAGE_SIZE, **criteria).get_page(
        request.GET.get("page")
    )
    template = "cases/_case_table.html" if request.htmx else "cases/list.html"
    return render(request, template, {"form": form, "page": page})


def _registration_forms_with_extra_person(data):
    """Unbound forms that keep what was typed and show one more empty person."""
    prefix = "persons"
    try:
        total = max(1, min(int(data.get(f"{prefix}-TOTAL_FORMS", 1)), 19))
    except ValueError:
        total = 1
    person_fields = HouseholdFormSet.form.base_fields
    initial = [
        {name: data.get(f"{prefix}-{i}-{name}", "") for name in person_fields} for i in range(total)
    ]
    case_initial = {name: data.get(name, "") for name in CaseRegistrationForm.base_fields}
    return (
        CaseRegistrationForm(initial=case_initial),
        HouseholdFormSet(initial=[*initial, {}], prefix=prefix),
    )


@login_required
def case_register(request: HttpRequest) -> HttpResponse:
    if not services.can_register(request.user):
        raise PermissionDenied
    if request.method == "POST" and "add_person" in request.POST:
        # Adding a household member is a plain round trip, so it works without script.
        form, household = _registration_forms_with_extra_person(request.POST)
        return render(request, "cases/new.html", {"form": form, "household": household})
    form = CaseRegistrationForm(request.POST or None)
    household = HouseholdFormSet(request.POST or None, prefix="persons")
    if request.method == "POST" and form.is_valid() and household.is_valid():
        persons = [services.PersonData(**f.cleaned_data) for f in household if f.cleaned_data]
        try:
            case = services.case_register(user=request.user, persons=persons, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Casus %(ref)s is geregistreerd.") % {"ref": case.reference}
            )
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/new.html", {"form": form, "household": household})


@login_required
def case_intake(request: HttpRequest) -> HttpResponse:
    """Aanmelden bij het ZVH by a partner or a wijkteam worker (workplace.intake)."""
    if not intake.can_intake(request.user):
        raise PermissionDenied
    form = IntakeForm(request.POST or None)
    household = IntakeHouseholdFormSet(request.POST or None, prefix="persons")
    if request.method == "POST" and form.is_valid() and household.is_valid():
        data = form.cleaned_data
        persons = [intake.IntakePerson(**f.cleaned_data) for f in household if f.cleaned_data]
        try:
            case = intake.case_intake(
                user=request.user,
                team=data["team"],
                persons=persons,
                aanleiding=data["aanleiding"],
                acute=data["urgency"] == Urgency.ACUUT,
                client_informed=data["client_informed"],
                reason_not_informed=data["reason_not_informed"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # The partner may not read the case it brought in: it follows the aanmelding
            # on its start page, by reference and outcome only.
            messages.success(
                request,
                _("Aanmelding %(ref)s is verstuurd naar het Zorg- en Veiligheidshuis.")
                % {"ref": case.reference},
            )
            return redirect("escalation:worklist")
    return render(request, "cases/intake.html", {"form": form, "household": household})


def _render_detail(request: HttpRequest, case, access, note_form=None, status=200, section=None):
    triage_context = case_triage_context(case, access, user=request.user)
    wf_context = case_workflow_context(request.user, case, access)
    triage, wf = triage_context["triage"], wf_context["wf"]
    sections = case_page.sections_for(triage=triage, wf=wf)
    current = section or case_page.section_from(request.GET.get("sectie"), sections)
    buttons, next_step = case_page.plan_buttons(case, wf=wf, triage=triage)
    if note_form is None and access.can_change:
        note_form = NoteForm(allowed_categories=access.categories)
    note_categories = access.sorted_categories
    notes, note_filter = case_page.notes_filtered(
        notes_for(case, access.categories), request.GET.get("categorie"), note_categories
    )
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "access": access,
            "sections": sections,
            "section": current,
            "next_step": next_step,
            "persons": case.persons.all(),
            "notes": notes,
            "note_filter": note_filter,
            "note_categories": note_categories,
            "timeline": timeline_for(case, access.categories),
            "documents": documents_for(case, access.categories),
            # Meetings of the case (category overleg) in the "Plan & overleg" section.
            "meeting_items": items_for_case(case, access.categories)
            if current == case_sections.PLAN
            else None,
            # Goals per person and life domain with their triage progress (seed 002).
            "plan_goals": case_page.plan_goals(case, access)
            if current == case_sections.PLAN and wf.get("plan")
            else [],
            "participations": participations_for(case).filter(removed_at__isnull=True)
            if current == case_sections.PARTICIPANTS
            else [],
            "note_form": note_form,
            **triage_context,
            # The template's buttons: the due step is in `next_step`, not among them.
            "wf": {**wf, "actions": buttons},
        },
        status=status,
    )


@case_view(context="casuspagina", methods=("GET",))
def case_detail(request: HttpRequest, case, access) -> HttpResponse:
    return _render_detail(request, case, access)


@case_view(context="casuspagina", methods=("POST",))
def note_add(request: HttpRequest, case, access) -> HttpResponse:
    if not access.can_change:
        raise PermissionDenied
    form = NoteForm(request.POST, allowed_categories=access.categories)
    if form.is_valid():
        try:
            services.note_add(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.case_log.action = AccessAction.CHANGE
            request.case_log.context = "notitie toegevoegd"
            messages.success(request, _("De notitie is toegevoegd."))
            # Back to the notes, where the user was working (not the top of the case).
            return redirect(case_sections.section_url(case.pk, case_sections.NOTES))
    return _render_detail(
        request, case, access, note_form=form, status=400, section=case_sections.NOTES
    )
