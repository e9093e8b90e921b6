"""Functioneel beheer's account page (password links, four-eyes 2FA resets) and the
privacy officer's account audit. The full user management screens are a later issue."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import Membership
from organisations.roles import actor_of

from . import recovery
from .audit import audit_events
from .forms import ResetRequestForm
from .models import ResetStatus, TwoFactorReset

PAGE_SIZE = 50


def _require_beheer(request: HttpRequest) -> None:
    if not actor_of(request.user).is_beheer:
        raise PermissionDenied


def _users_page(request: HttpRequest, *, status: int = 200) -> HttpResponse:
    # Operations' superusers are not beheer's to manage (recovery._check_subject).
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False)
        .prefetch_related(
            Prefetch(
                "memberships", queryset=Membership.objects.active().select_related("organisation")
            )
        )
        .annotate(has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))
        .order_by("username")
    )
    open_resets = (
        TwoFactorReset.objects.filter(status=ResetStatus.REQUESTED)
        .select_related("user", "requested_by")
        .order_by("requested_at")
    )
    return render(
        request,
        "accounts/beheer_users.html",
        {
            "page": Paginator(users, PAGE_SIZE).get_page(request.GET.get("page")),
            "open_resets": open_resets,
            "reset_form": ResetRequestForm(),
        },
        status=status,
    )


def _refused(request: HttpRequest, exc: recovery.Refused) -> HttpResponse:
    messages.error(request, str(exc))
    return _users_page(request, status=400)


@login_required
def users(request: HttpRequest) -> HttpResponse:
    _require_beheer(request)
    return _users_page(request)


@login_required
@require_POST
def password_link(request: HttpRequest, pk: int) -> HttpResponse:
    _require_beheer(request)
    user = get_object_or_404(get_user_model(), pk=pk)
    try:
        recovery.password_link_send(by=request.user, user=user)
    except recovery.Refused as exc:
        return _refused(request, exc)
    messages.success(
        request, _("Er is een wachtwoordlink gemaild naar %(name)s.") % {"name": user.username}
    )
    return redirect("accounts:beheer_users")


@login_required
@require_POST
def reset_request(request: HttpRequest, pk: int) -> HttpResponse:
    _require_beheer(request)
    user = get_object_or_404(get_user_model(), pk=pk)
    form = ResetRequestForm(request.POST)
    try:
        if not form.is_valid():
            raise recovery.Refused(" ".join(form.errors["reason"]))
        recovery.two_factor_reset_request(
            by=request.user, user=user, reason=form.cleaned_data["reason"]
        )
    except recovery.Refused as exc:
        return _refused(request, exc)
    messages.success(
        request,
        _("2FA-reset voor %(name)s aangevraagd. Een andere beheerder moet deze goedkeuren.")
        % {"name": user.username},
    )
    return redirect("accounts:beheer_users")


@login_required
@require_POST
def reset_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    _require_beheer(request)
    reset = get_object_or_404(TwoFactorReset.objects.select_related("user"), pk=pk)
    try:
        if decision == "approve":
            recovery.two_factor_reset_approve(by=request.user, reset=reset)
            done = _("2FA-reset goedgekeurd: %(name)s krijgt een link om opnieuw te koppelen.")
        else:
            recovery.two_factor_reset_refuse(by=request.user, reset=reset)
            done = _("2FA-reset voor %(name)s afgewezen.")
    except recovery.Refused as exc:
        return _refused(request, exc)
    messages.success(request, done % {"name": reset.user.username})
    return redirect("accounts:beheer_users")


@login_required
def audit(request: HttpRequest) -> HttpResponse:
    """The account audit, for the privacy officer only."""
    if not actor_of(request.user).is_privacy_officer:
        raise PermissionDenied
    page = Paginator(audit_events(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/audit.html", {"page": page})
