"""The privacy officer's inzage views (AVG art. 15): register a request, search the data
subject across all cases for it, export what is stored, complete the request.

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
from .forms import InzageSearchForm, SubjectAccessRequestForm
from .models import SubjectAccessRequest, SubjectAccessStatus


def _require_privacy_officer(user) -> None:
    if not actor_of(user).is_privacy_officer:
        raise PermissionDenied


def _inzage_page(request: HttpRequest, *, start_form=None, status: int = 200) -> HttpResponse:
    """The inzage page: open requests with deadlines, a new request, the search."""
    # The search runs when its fields were submitted; a link that only picks the
    # request shows the form for it.
    submitted = any(key in request.GET for key in ("name", "date_of_birth", "reference"))
    initial = {"access_request": request.GET.get("access_request")}
    form = InzageSearchForm(request.GET if submitted else None, initial=initial)
    result = None
    if form.is_bound and form.is_valid():
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
        else:
            inzage.log_person_search(
                request, access_request=data["access_request"], query=form.query(), result=result
            )
    if form.errors:
        status = 400
    context = {
        "form": form,
        "result": result,
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


def _selected_person_ids(request: HttpRequest) -> list[int]:
    ids = []
    for value in request.GET.getlist("person"):
        try:
            ids.append(int(value))
        except ValueError:
            continue
    return ids


def _export(request: HttpRequest) -> tuple[dict, SubjectAccessRequest] | None:
    """The export and the request it answers, or None after a message."""
    _require_privacy_officer(request.user)
    try:
        access_request = inzage.subject_access_request_open(
            user=request.user, pk=request.GET.get("access_request")
        )
        data = inzage.subject_export(
            user=request.user,
            access_request=access_request,
            person_ids=_selected_person_ids(request),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return None
    return data, access_request


@login_required
def inzage_json(request: HttpRequest) -> HttpResponse:
    found = _export(request)
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
def inzage_pdf(request: HttpRequest) -> HttpResponse:
    found = _export(request)
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
