"""Pages of the meeting: the agenda, planning and changing, the agenda items and the
calendar file. Case-scoped pages (an agenda item's verslag) are in views_item.py."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.phases import Phase
from organisations.roles import actor_of
from privacy.access import get_case_for_user, visible_cases
from privacy.audit import log_case_access
from privacy.models import AccessAction

from . import services
from .forms import AgendaItemForm, MeetingForm
from .invitations import calendar_for, visible_references
from .selectors import is_organiser, may_use_agenda, meeting_for_user, upcoming_agenda

# References offered while typing an agenda item (the regisseur may type any other).
SUGGESTED_CASES = 200


def _visible_meeting(request: HttpRequest, pk: int):
    """The meeting for a professional with an agenda: 403 for other roles, 404 when the
    meeting has no case this user may open."""
    if not may_use_agenda(request.user):
        raise PermissionDenied
    return meeting_for_user(request.user, pk)


def _errors(*forms) -> list:
    return [f for f in forms if f.is_bound and f.errors]


@login_required
def agenda(request: HttpRequest) -> HttpResponse:
    if not may_use_agenda(request.user):
        raise PermissionDenied
    return render(
        request,
        "meetings/agenda.html",
        {
            "meetings": upcoming_agenda(request.user),
            "can_plan": actor_of(request.user).is_regisseur,
        },
    )


def _meeting_form(request: HttpRequest, meeting=None) -> HttpResponse:
    actor = actor_of(request.user)
    initial = MeetingForm.initial_from(meeting) if meeting else {"chair": request.user.pk}
    form = MeetingForm(
        request.POST or None,
        initial=initial,
        organisation_id=meeting.organisation_id if meeting else actor.organisation_id,
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("date", "start", "end")}
        try:
            if meeting is None:
                meeting = services.meeting_plan(user=request.user, **data, **form.times())
                messages.success(
                    request, _("Het overleg is gepland. Zet nu casussen op de agenda.")
                )
            else:
                services.meeting_change(user=request.user, meeting=meeting, **data, **form.times())
                messages.success(
                    request, _("Het overleg is gewijzigd; de genodigden krijgen een update.")
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"form": form, "meeting": meeting, "forms_with_errors": _errors(form)},
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def meeting_new(request: HttpRequest) -> HttpResponse:
    if not actor_of(request.user).is_regisseur:
        raise PermissionDenied
    return _meeting_form(request)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, pk)
    return render(
        request,
        "meetings/detail.html",
        {"meeting": meeting, "organiser": is_organiser(request.user, meeting)},
    )


def _organised(request: HttpRequest, pk: int):
    """The meeting, for its organisers only: 404 when not visible, 403 when only visible."""
    meeting = _visible_meeting(request, pk)
    if not is_organiser(request.user, meeting):
        raise PermissionDenied
    return meeting


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(request, _organised(request, pk))


@login_required
@require_POST
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _organised(request, pk)
    try:
        services.meeting_cancel(user=request.user, meeting=meeting)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het overleg is geannuleerd; de genodigden zijn bericht."))
    return redirect("meetings:detail", pk=meeting.pk)


def _case_by_reference(user, reference: str):
    """The case with this reference, read through the access layer: 404 when unknown or
    hidden, exactly like opening it."""
    pk = (
        visible_cases(user)
        .filter(reference__iexact=reference.strip())
        .values_list("pk", flat=True)
        .first()
    )
    if pk is None:
        raise Http404
    return get_case_for_user(user, pk)


@login_required
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _organised(request, pk)
    form = AgendaItemForm(request.POST or None, initial={"case": request.GET.get("casus", "")})
    if request.method == "POST" and form.is_valid():
        case, access = _case_by_reference(request.user, form.cleaned_data["case"])
        try:
            services.agenda_item_add(
                user=request.user, meeting=meeting, case=case, invited=form.cleaned_data["invited"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            log_case_access(
                request,
                case=case,
                access=access,
                action=AccessAction.CHANGE,
                context="geagendeerd voor casusoverleg",
            )
            messages.success(
                request, _("De casus staat op de agenda; de partners zijn uitgenodigd.")
            )
            return redirect("meetings:detail", pk=meeting.pk)
    suggestions = (
        visible_cases(request.user)
        .filter(phase__in=[Phase.AANGEMELD, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG])
        .order_by("reference")
        .values_list("reference", flat=True)[:SUGGESTED_CASES]
    )
    return render(
        request,
        "meetings/item_form.html",
        {
            "meeting": meeting,
            "form": form,
            "suggestions": suggestions,
            "forms_with_errors": _errors(form),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@login_required
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """The calendar file as the user's organisation receives it by e-mail."""
    meeting = _visible_meeting(request, pk)
    references = visible_references(meeting, request.user)
    ics = calendar_for(meeting, references=references, attendee=request.user.email)
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="overleg.ics"'
    return response
