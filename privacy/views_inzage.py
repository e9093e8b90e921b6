"""The privacy officer's inzage views (AVG art. 15): register a request, search the data
subject across all cases for it, choose the persons (nothing pre-selected), check the
answers, export what is stored (POST from the check page), complete the request.

The rules (who, which search, what is logged) are in privacy/inzage.py; these views only
read the forms and show the outcome.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.pdf import render_pdf
from organisations.roles import actor_of

from . import inzage
from .forms import InzageSearchForm, InzageSelectionForm, SubjectAccessRequestForm
from .inzage_access import Period
from .inzage_check import inzage_check_summary, log_selection_check
from .models import SubjectAccessRequest, SubjectAccessStatus


def _require_privacy_officer(user) -> None:
    if not actor_of(user).is_privacy_officer:
        raise PermissionDenied


def _search(request: HttpRequest, params) -> tuple[InzageSearchForm, inzage.SearchResult | None]:
    """The search form over `params` and its result (None when the form is invalid or
    the search refused). Not logged: the caller logs what it shows."""
    form = InzageSearchForm(params)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    try:
        result = inzage.person_search(
            user=request.user,
            name=data["name"],
            date_of_birth=data["date_of_birth"],
            reference=data["reference"],
        )
    except ValidationError as exc:
        form.add_error(None, exc)
        return form, None
    return form, result


def _inzage_page(
    request: HttpRequest, *, start_form=None, selection=None, status: int = 200
) -> HttpResponse:
    """The inzage page: open requests with deadlines, a new request, the search and its
    results to choose from (nothing pre-selected; `selection` carries the choice and its
    errors when the check step sent the officer back)."""
    # The search runs when its fields were submitted; a link that only picks the
    # request shows the form for it.
    submitted = any(key in request.GET for key in ("name", "date_of_birth", "reference"))
    if submitted:
        form, result = _search(request, request.GET)
    else:
        form = InzageSearchForm(initial={"access_request": request.GET.get("access_request")})
        result = None
    if result is not None:
        inzage.log_person_search(
            request,
            access_request=form.cleaned_data["access_request"],
            query=form.query(),
            result=result,
        )
        if selection is None:
            selection = InzageSelectionForm(initial=request.GET.dict(), persons=result.persons)
    if form.errors or (selection is not None and selection.errors):
        status = 400
    context = {
        "form": form,
        "result": result,
        "selection": selection,
        "checked": set(request.GET.getlist("person")) if selection is not None else set(),
        "start_form": start_form or SubjectAccessRequestForm(),
        "open_requests": SubjectAccessRequest.objects.filter(status=SubjectAccessStatus.OPEN),
        "today": timezone.localdate(),
        "limit": inzage.SEARCH_LIMIT,
    }
    return render(request, "privacy/inzage.html", context, status=status)


@login_required
def inzage_search(request: HttpRequest) -> HttpResponse:
    _require_privacy_officer(request.user)
    return _inzage_page(request)


@login_required
@require_POST
def inzage_request_start(request: HttpRequest) -> HttpResponse:
    """Register a received inzageverzoek; the search then works for it."""
    _require_privacy_officer(request.user)
    form = SubjectAccessRequestForm(request.POST)
    if form.is_valid():
        try:
            created = inzage.subject_access_request_start(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Inzageverzoek %(n)s is geregistreerd; antwoorden uiterlijk %(date)s.")
                % {"n": created.pk, "date": created.deadline.strftime("%d-%m-%Y")},
            )
            return redirect(f"{reverse('privacy:inzage')}?access_request={created.pk}")
    return _inzage_page(request, start_form=form, status=400)


@login_required
@require_POST
def inzage_request_complete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_privacy_officer(request.user)
    try:
        done = inzage.subject_access_request_complete(user=request.user, pk=pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Inzageverzoek %(n)s is afgerond.") % {"n": done.pk})
    return redirect("privacy:inzage")


def _selection(request: HttpRequest, params) -> tuple[InzageSearchForm, InzageSelectionForm | None]:
    """The search form and the bound selection over `params` (persons checked against a
    fresh run of the search); no selection when the search itself is invalid."""
    form, result = _search(request, params)
    if result is None:
        return form, None
    selection = InzageSelectionForm(params, persons=result.persons)
    selection.is_valid()
    return form, selection


@login_required
def inzage_check(request: HttpRequest) -> HttpResponse:
    """Check your answers: who asked, about whom, which period, what the overview holds.
    Nothing is exported or recorded as an export yet."""
    _require_privacy_officer(request.user)
    _form, selection = _selection(request, request.GET)
    if selection is None or selection.errors:
        return _inzage_page(request, selection=selection, status=400)
    data = selection.cleaned_data
    check = inzage_check_summary(
        person_ids=[int(pk) for pk in data["person"]],
        period=Period(data["date_from"], data["date_to"]),
    )
    log_selection_check(request, access_request=data["access_request"], check=check)
    return render(
        request,
        "privacy/inzage_check.html",
        {
            "selection": selection,
            "access_request": data["access_request"],
            "check": check,
            "params": request.GET.urlencode(),
        },
    )


def _export(request: HttpRequest, *, detail: bool) -> tuple[dict, SubjectAccessRequest] | None:
    """The export of the confirmed selection and the request it answers, or None after
    a message."""
    _require_privacy_officer(request.user)
    form, selection = _selection(request, request.POST)
    invalid = form if selection is None else selection
    if invalid.errors:
        errors = [e for field_errors in invalid.errors.values() for e in field_errors]
        messages.error(request, " ".join([*errors, _("Er is niets verstrekt.")]))
        return None
    data = selection.cleaned_data
    try:
        access_request = inzage.subject_access_request_open(
            user=request.user, pk=data["access_request"].pk
        )
        export = inzage.subject_export(
            user=request.user,
            access_request=access_request,
            person_ids=[int(pk) for pk in data["person"]],
            period=Period(data["date_from"], data["date_to"]),
            detail=detail,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    return export, access_request


@login_required
@require_POST
def inzage_json(request: HttpRequest) -> HttpResponse:
    found = _export(request, detail=True)
    if found is None:
        return redirect("privacy:inzage")
    data, access_request = found
    case_ids = data.pop("case_ids")
    inzage.log_subject_export(
        request, access_request=access_request, case_ids=case_ids, action_label="JSON"
    )
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
        content_type="application/json",
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="inzage-{stamp}.json"'
    return response


@login_required
@require_POST
def inzage_pdf(request: HttpRequest) -> HttpResponse:
    # The citizen's PDF summarises the access history; the full rows stay in the JSON
    # and on the case's access-log page.
    found = _export(request, detail=False)
    if found is None:
        return redirect("privacy:inzage")
    data, access_request = found
    case_ids = data.pop("case_ids")
    pdf = render_pdf(
        template_name="privacy/inzage_pdf.html", context={"data": data}, request=request
    )
    inzage.log_subject_export(
        request, access_request=access_request, case_ids=case_ids, action_label="PDF"
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="inzage-{stamp}.pdf"'
    return response
