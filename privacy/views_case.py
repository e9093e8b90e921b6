"""Case work views of the privacy app: participants, grondslag, break-the-glass.

Like every case page they open the case through `case_view` (404 when unknown
or hidden); break-the-glass is the one documented way around a missing grant.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from organisations.roles import actor_of

from . import breakglass, services
from .access import NO_ACCESS, CaseAccess
from .audit import log_case_access
from .case_views import case_view
from .forms import BreakGlassForm, CaseBasisForm, ParticipationAddForm, ParticipationRemoveForm
from .models import AccessAction
from .selectors import active_participants, participation_candidates, participations_for

# The row that records a granted break-the-glass: nothing shown yet, flagged.
GRANTED = CaseAccess(categories=frozenset(), break_the_glass=True)

# --- participation and grondslag ----------------------------------------------------


@case_view(context="deelnemers")
def case_participants(request: HttpRequest, case, access) -> HttpResponse:
    can_manage = actor_of(request.user).is_regisseur and access.can_change
    add_form = ParticipationAddForm(candidates=participation_candidates(case))
    remove_form = ParticipationRemoveForm(participants=active_participants(case))
    status = 200
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied
        removing = request.POST.get("action") == "remove"
        if removing:
            remove_form = ParticipationRemoveForm(
                request.POST, participants=active_participants(case)
            )
            form = remove_form
        else:
            add_form = ParticipationAddForm(request.POST, candidates=participation_candidates(case))
            form = add_form
        if form.is_valid():
            service = services.participation_remove if removing else services.participation_add
            try:
                service(case=case, user=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
            else:
                request.case_log.action = AccessAction.CHANGE
                request.case_log.context = "deelnemers gewijzigd"
                org = form.cleaned_data["organisation"].name
                text = (
                    _("%(org)s neemt niet meer deel aan de casus.")
                    if removing
                    else _("%(org)s neemt nu deel aan de casus.")
                )
                messages.success(request, text % {"org": org})
                return redirect("privacy:case_participants", pk=case.pk)
        status = 400
    return render(
        request,
        "privacy/case_participants.html",
        {
            "case": case,
            "access": access,
            "participations": participations_for(case),
            "can_manage": can_manage,
            "add_form": add_form,
            "remove_form": remove_form,
        },
        status=status,
    )


@case_view(context="grondslag en informatieplicht")
def case_basis(request: HttpRequest, case, access) -> HttpResponse:
    if case.regiehouder_id != request.user.pk or not access.can_change:
        raise PermissionDenied
    initial = {
        "legal_basis": case.legal_basis,
        "client_informed": case.client_informed,
        "client_informed_on": case.client_informed_on,
        "client_not_informed_reason": case.client_not_informed_reason,
    }
    form = CaseBasisForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_basis_update(case=case, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            request.case_log.action = AccessAction.CHANGE
            messages.success(request, _("De grondslag en informatieplicht zijn opgeslagen."))
            return redirect("cases:detail", pk=case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy/case_basis.html", {"case": case, "form": form}, status=status)


# --- break-the-glass ------------------------------------------------------------------


def _log_attempt(request: HttpRequest, *, reason: str, case=None) -> None:
    """Every refused attempt leaves a row (no case when the reference was unknown)."""
    log_case_access(
        request, case=case, access=NO_ACCESS, context=f"noodtoegang geweigerd: {reason}"
    )


@login_required
def break_glass(request: HttpRequest) -> HttpResponse:
    if not breakglass.may_break_glass(request.user):
        if request.method == "POST":
            _log_attempt(request, reason="rol mag geen noodtoegang vragen")
        raise PermissionDenied
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and not form.is_valid():
        _log_attempt(request, reason=f"formulier onvolledig ({', '.join(form.errors)})")
    elif request.method == "POST":
        try:
            granted = breakglass.break_glass_open(user=request.user, **form.cleaned_data)
        except breakglass.AlreadyVisible as exc:
            log_case_access(
                request, case=exc.case, access=NO_ACCESS, context="noodtoegang niet nodig"
            )
            messages.info(
                request,
                _("U heeft al toegang tot casus %(ref)s; noodtoegang is niet nodig.")
                % {"ref": exc.case.reference},
            )
            return redirect("cases:detail", pk=exc.case.pk)
        except breakglass.BreakGlassRefused as exc:
            _log_attempt(request, reason=exc.reason, case=exc.case)
            form.add_error("reference", breakglass.REFUSED)
        except ValidationError as exc:
            _log_attempt(request, reason="reden te kort")
            form.add_error("reason", exc)
        else:
            log_case_access(
                request, case=granted.case, access=GRANTED, context="noodtoegang verleend"
            )
            messages.warning(
                request,
                _(
                    "U heeft 24 uur toegang tot casus %(ref)s. Uw reden en inzage worden "
                    "beoordeeld door de privacyfunctionaris."
                )
                % {"ref": granted.case.reference},
            )
            return redirect("cases:detail", pk=granted.case.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy/break_glass.html", {"form": form}, status=status)
