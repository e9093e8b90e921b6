"""Around the screening: "bekend bij" for the regisseur, and the referral task a partner
moves from its start page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import Case
from cases.phases import Phase
from organisations.models import Organisation
from organisations.roles import actor_of
from privacy.access import NO_ACCESS
from privacy.audit import log_case_access
from privacy.case_views import case_view
from privacy.models import AccessAction

from .household import household_known_at
from .models import Referral
from .services.screening import referral_status_update, request_partner_invite
from .transitions import TransitionRefused

KNOWN_CONTEXT = "screening: bekend-bij-controle"


@case_view(context=KNOWN_CONTEXT)
def known(request: HttpRequest, case, access) -> HttpResponse:
    """Where the household of an aanmelding is known already, and inviting that party.

    Each case that matched gets an access-log row of its own (no categories: nothing of
    it is shown but the organisation), so the check is accounted for.
    """
    if not actor_of(request.user).is_regisseur:
        raise PermissionDenied
    if case.phase != Phase.AANGEMELD:
        raise Http404
    known_at = household_known_at(case)
    error = ""
    if request.method == "POST":
        org = Organisation.objects.filter(pk=request.POST.get("organisation") or 0).first()
        if org is None or not any(k.organisation.pk == org.pk for k in known_at):
            raise Http404
        try:
            request_partner_invite(user=request.user, case=case, organisation=org)
        except (TransitionRefused, ValidationError) as exc:
            error = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        else:
            request.case_log.action = AccessAction.CHANGE
            messages.success(
                request, _("%(org)s is uitgenodigd bij de aanmelding.") % {"org": org.name}
            )
            return redirect("escalation:known", pk=case.pk)
    logged = set()
    for entry in known_at:
        for other in entry.case_ids:
            if other not in logged:
                logged.add(other)
                log_case_access(
                    request,
                    case=Case(pk=other),
                    access=NO_ACCESS,
                    action=AccessAction.VIEW,
                    context=f"{KNOWN_CONTEXT} voor {case.reference}",
                )
    return render(
        request,
        "escalation/known.html",
        {"case": case, "known_at": known_at, "error": error},
        status=409 if error else 200,
    )


@login_required
@require_POST
def referral_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The partner moves a referral on its start page (403 for other roles; 404 for a
    referral of another organisation)."""
    actor = actor_of(request.user)
    if not actor.is_partner:
        raise PermissionDenied
    referral = (
        Referral.objects.select_related("case", "organisation")
        .filter(pk=pk, organisation_id=actor.organisation_id)
        .first()
    )
    if referral is None:
        raise Http404
    try:
        referral_status_update(
            user=request.user, referral=referral, status=request.POST.get("status", "")
        )
    except (TransitionRefused, ValidationError) as exc:
        messages.error(
            request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        )
    else:
        messages.success(request, _("De status van de doorverwijzing is bijgewerkt."))
    return redirect("escalation:worklist")
