"""Lists across cases: the start page work list, the screening queue and notices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.roles import actor_of

from . import forms
from .models import ReferralStatus
from .selectors import can_see_notices, notices_list, screening_rows
from .services.notices import notice_record_informed
from .transitions import TransitionRefused
from .worklist import worklist_for


@login_required
def worklist(request: HttpRequest) -> HttpResponse:
    """The start page: what needs the user's attention, per role."""
    return render(
        request,
        "escalation/worklist.html",
        {
            "sections": worklist_for(request.user),
            "today": timezone.localdate(),
            "referral_status_choices": ReferralStatus.choices,
        },
    )


@login_required
def screening(request: HttpRequest) -> HttpResponse:
    """Open aanmeldingen for the regisseurs: acute first, then by deadline."""
    if not actor_of(request.user).is_regisseur:
        raise PermissionDenied
    return render(
        request,
        "escalation/screening.html",
        {
            "page": screening_rows(request.user, page=request.GET.get("page")),
            "today": timezone.localdate(),
        },
    )


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    """Bestuurlijke informatie: reference, pseudonymised summary and status only."""
    if not can_see_notices(request.user):
        raise PermissionDenied
    return render(
        request,
        "escalation/notices.html",
        {
            "notices": list(notices_list(request.user)[:500]),
            "is_regisseur": actor_of(request.user).is_regisseur,
        },
    )


@login_required
def notice_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The regisseur records when and whom was informed, with a summary without names."""
    if not actor_of(request.user).is_regisseur:
        raise PermissionDenied
    notice = notices_list(request.user).filter(pk=pk).first()
    if notice is None:
        raise Http404
    form = forms.NoticeRecordForm(
        request.POST or None, initial={"informed_on": timezone.localdate()}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                notice_record_informed(user=request.user, notice=notice, **form.cleaned_data)
            except (TransitionRefused, ValidationError) as exc:
                form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
            else:
                messages.success(request, _("De bestuurlijke informatie is vastgelegd."))
                return redirect("escalation:notices")
        status = 400
    criteria = notice.get_criteria_display()
    return render(
        request,
        "escalation/notice_record.html",
        {"notice": notice, "form": form, "criteria": criteria},
        status=status,
    )
