"""The case-scoped pages of an agenda item: its verslag and decisions, and the verslag
PDF. All go through `case_view` (404 for a hidden case, one access-log row) and need the
category `overleg`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from cases.categories import Category
from lib.pdf import render_pdf
from privacy.case_views import case_view
from privacy.models import AccessAction

from . import minutes
from .forms import DecisionForm, MinutesForm
from .selectors import item_case_id, item_of


def _item_case(meeting_pk: int, item_pk: int) -> int:
    return item_case_id(meeting_pk=meeting_pk, item_pk=item_pk)


def _item(case, access, meeting_pk: int, item_pk: int):
    if not access.can_see(Category.OVERLEG):
        raise Http404
    return item_of(meeting_pk=meeting_pk, item_pk=item_pk, case=case)


def _page(request, case, access, item, *, minutes_form=None, decision_form=None, status=200):
    editable = minutes.can_edit(request.user, item)
    if editable:
        minutes_form = minutes_form or MinutesForm(
            initial={"attendance": item.attendance, "minutes": item.minutes}
        )
        decision_form = decision_form or DecisionForm(case=case)
    forms = [f for f in (minutes_form, decision_form) if f is not None and f.is_bound]
    return render(
        request,
        "meetings/item.html",
        {
            "case": case,
            "item": item,
            "meeting": item.meeting,
            "editable": editable,
            "minutes_form": minutes_form,
            "decision_form": decision_form,
            "forms_with_errors": [f for f in forms if f.errors],
        },
        status=status,
    )


@case_view(context="casusoverleg", methods=("GET",), case_pk=_item_case)
def item_detail(request: HttpRequest, case, access, meeting_pk: int, item_pk: int):
    return _page(request, case, access, _item(case, access, meeting_pk, item_pk))


@case_view(context="verslag casusoverleg", methods=("POST",), case_pk=_item_case)
def item_minutes(request: HttpRequest, case, access, meeting_pk: int, item_pk: int):
    item = _item(case, access, meeting_pk, item_pk)
    if not minutes.can_edit(request.user, item):
        raise PermissionDenied
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            item = minutes.minutes_save(user=request.user, item=item, **form.cleaned_data)
            if "adopt" in request.POST:
                minutes.minutes_adopt(user=request.user, item=item)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.case_log.action = AccessAction.CHANGE
            messages.success(
                request,
                _("Het verslag is vastgesteld.")
                if "adopt" in request.POST
                else _("Het verslag is opgeslagen."),
            )
            return redirect("meetings:item", meeting_pk=meeting_pk, item_pk=item_pk)
    return _page(request, case, access, item, minutes_form=form, status=400)


@case_view(context="besluit casusoverleg", methods=("POST",), case_pk=_item_case)
def decision_add(request: HttpRequest, case, access, meeting_pk: int, item_pk: int):
    item = _item(case, access, meeting_pk, item_pk)
    if not minutes.can_edit(request.user, item):
        raise PermissionDenied
    form = DecisionForm(request.POST, case=case)
    if form.is_valid():
        data = form.cleaned_data
        try:
            decision = minutes.decision_add(
                user=request.user,
                item=item,
                text=data["text"],
                owner_organisation=data["owner_organisation"],
                owner_person=data["owner_person"],
                deadline=data["deadline"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.case_log.action = AccessAction.CHANGE
            messages.success(
                request,
                _("Het besluit is vastgelegd en als actie aan het plan toegevoegd.")
                if decision.action_id
                else _("Het besluit is vastgelegd."),
            )
            return redirect("meetings:item", meeting_pk=meeting_pk, item_pk=item_pk)
    return _page(request, case, access, item, decision_form=form, status=400)


@case_view(
    action=AccessAction.PDF,
    context="verslag-casusoverleg-pdf",
    methods=("GET",),
    case_pk=_item_case,
)
def item_pdf(request: HttpRequest, case, access, meeting_pk: int, item_pk: int):
    item = _item(case, access, meeting_pk, item_pk)
    pdf = render_pdf(
        template_name="meetings/verslag_pdf.html",
        context={"case": case, "item": item, "meeting": item.meeting},
        request=request,
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="verslag-{case.reference}-{item.meeting_id}.pdf"'
    )
    return response
