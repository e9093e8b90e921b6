from __future__ import annotations

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice

from . import services
from .forms import SetupTokenForm, TokenForm
from .links import enrolment_complete, enrolment_link_for
from .middleware import record_activity
from .qr import qr_data_uri
from .sessions import session_remember, sessions_end_all


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _mark_verified(request: HttpRequest, device) -> None:
    # A new session key after the second factor, as after the password.
    request.session.cycle_key()
    django_otp.login(request, device)
    session_remember(request=request, user=request.user)


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code, then confirm with a first code."""
    has_device = user_has_device(request.user)
    if has_device and not request.user.is_verified():
        # Replacing a device must not be a way around the existing second factor.
        return redirect("accounts:otp_verify")
    grant = None
    if not has_device:
        # A first device only with a one-time link from beheer: a password alone must
        # not be enough to enrol an authenticator (trust on first use).
        grant = enrolment_link_for(session=request.session, user=request.user)
        if grant is None:
            return render(request, "accounts/enrolment_needs_link.html", status=403)
    device = services.totp_pending_device(user=request.user)
    form = SetupTokenForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            enrolment = services.totp_confirm(user=request.user, token=form.cleaned_data["token"])
            if enrolment is not None:
                _mark_verified(request, enrolment.device)
                if grant is not None:
                    enrolment_complete(link=grant, session=request.session)
                return render(
                    request,
                    "accounts/backup_codes.html",
                    {"codes": enrolment.backup_codes, "next": _safe_next(request), "new": True},
                )
            form.add_error("token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
        status = 400
    secret = device.config_url.split("secret=")[1].split("&")[0]
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr": qr_data_uri(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _safe_next(request),
        },
        status=status,
    )


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    """The second step of logging in: a code from the app or a backup code."""
    if not user_has_device(request.user):
        return redirect("accounts:otp_setup")
    form = TokenForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            device = services.token_verify(user=request.user, token=form.cleaned_data["token"])
            if device is not None:
                _mark_verified(request, device)
                if isinstance(device, StaticDevice):
                    left = services.backup_codes_left(user=request.user)
                    messages.warning(
                        request,
                        _("U hebt een reservecode gebruikt. U hebt er nog %(n)d over.")
                        % {"n": left},
                    )
                return redirect(_safe_next(request))
            form.add_error(
                "token", _("Deze code klopt niet of is al gebruikt. Probeer het opnieuw.")
            )
        status = 400
    return render(
        request,
        "accounts/otp_verify.html",
        {"form": form, "next": _safe_next(request)},
        status=status,
    )


@login_required
def security(request: HttpRequest) -> HttpResponse:
    """The user's own security page: second factor, backup codes, sessions."""
    return render(
        request,
        "accounts/security.html",
        {
            "has_device": user_has_device(request.user),
            "backup_codes_left": services.backup_codes_left(user=request.user),
        },
    )


@login_required
@require_POST
def backup_codes_renew(request: HttpRequest) -> HttpResponse:
    if not user_has_device(request.user):
        return redirect("accounts:otp_setup")
    codes = services.backup_codes_renew(user=request.user)
    return render(request, "accounts/backup_codes.html", {"codes": codes, "new": False})


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    """End all of the user's sessions, on this and every other device."""
    sessions_end_all(user=request.user)
    logout(request)
    messages.success(request, _("U bent op alle apparaten uitgelogd."))
    return redirect("login")


@require_GET
def session_ping(request: HttpRequest) -> JsonResponse:
    """Keep-alive for the idle-timeout warning: restarts the idle clock."""
    authenticated = request.user.is_authenticated
    if authenticated:
        record_activity(request)
    return JsonResponse(
        {"authenticated": authenticated, "idle_seconds": settings.SESSION_IDLE_SECONDS},
        status=200 if authenticated else 401,
    )


def lockout(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes' lockout response (AXES_LOCKOUT_CALLABLE): a Dutch page, status 429."""
    cooloff = settings.AXES_COOLOFF_TIME
    return render(
        request,
        "accounts/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "lockout_minutes": int(cooloff.total_seconds() // 60),
        },
        status=429,
    )
