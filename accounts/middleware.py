from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from .oidc import SSO_MFA_SESSION_KEY

LAST_ACTIVITY_KEY = "_last_activity"
# The recorded activity (and with it the session row) is renewed when it is this old
# (a tenth of a shorter idle limit), not on every request: a write per page was a third
# of a start page's queries. The idle clock runs from the recorded activity, so a user
# is logged out up to this much early, never late; the page's warning counts down from
# the same moment (`idle_seconds_left`).
ACTIVITY_WRITE_SECONDS = 60
IDLE_LEFT_HEADER = "X-Session-Idle-Seconds"

# Pages a logged-in user may reach before completing the second factor.
TWO_FACTOR_EXEMPT_URL_NAMES = frozenset(
    {
        "login",
        "logout",
        "healthz",
        "accounts:otp_setup",
        "accounts:otp_verify",
        "accounts:session_ping",
        # A one-time link may be opened while half logged in (password, no device yet).
        "accounts:link_use",
        "accounts:forgot_password",
        # Single sign-on: starting it and its callback are part of logging in.
        "oidc_authentication_init",
        "oidc_authentication_callback",
    }
)


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None


def _login_redirect(request: HttpRequest) -> HttpResponse:
    if request.headers.get("HX-Request"):
        # htmx would swap the login page into a fragment; make it load the full page.
        response = HttpResponse(status=204)
        response["HX-Redirect"] = reverse("login")
        return response
    return redirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")


def record_activity(request: HttpRequest) -> None:
    """Restart the idle clock now (and so save the session)."""
    request.session[LAST_ACTIVITY_KEY] = int(time.time())


def idle_seconds_left(request: HttpRequest) -> int:
    """Seconds until the idle timeout logs this session out."""
    last = request.session.get(LAST_ACTIVITY_KEY)
    if not isinstance(last, int):
        return settings.SESSION_IDLE_SECONDS
    return max(0, settings.SESSION_IDLE_SECONDS - (int(time.time()) - last))


class SessionIdleTimeoutMiddleware:
    """Log out a user after SESSION_IDLE_SECONDS without a request.

    The session cookie age already expires idle sessions in the store; this also
    covers session backends without server-side expiry and tells the user why.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            if isinstance(last, int) and now - last > settings.SESSION_IDLE_SECONDS:
                logout(request)
                self._tell_logged_out(request)
                if request.headers.get("Accept", "").startswith("application/json"):
                    return JsonResponse({"authenticated": False}, status=401)
                return _login_redirect(request)
            # A short idle limit (tests, a strict deployment) is renewed more often.
            interval = min(ACTIVITY_WRITE_SECONDS, settings.SESSION_IDLE_SECONDS // 10)
            if not isinstance(last, int) or now - last >= interval:
                record_activity(request)
            response = self.get_response(request)
            # htmx requests restart the page's countdown (static/js/session-timeout.js)
            # from this figure, not from the full limit: the clock may not have moved.
            if request.user.is_authenticated:
                response[IDLE_LEFT_HEADER] = str(idle_seconds_left(request))
            return response
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and not request.session.keys()
            and request.method == "GET"
        ):
            # The browser still sends a cookie for a session the store already expired
            # (a normal logout deletes the cookie): tell the user why they must log in.
            self._tell_logged_out(request)
        return self.get_response(request)

    @staticmethod
    def _tell_logged_out(request: HttpRequest) -> None:
        messages.info(
            request,
            _("U bent automatisch uitgelogd omdat u %(minutes)d minuten niet actief was.")
            % {"minutes": settings.SESSION_IDLE_SECONDS // 60},
        )


class Require2FAMiddleware:
    """With REQUIRE_2FA, a logged-in user must pass the second factor for every page.

    Users without a confirmed device are sent to enrolment, others to verification.
    A single sign-on session in which the identity provider asserted a second factor
    (accounts/oidc.py, SSO_MFA_SESSION_KEY) needs no second one here.
    Must come after django_otp's OTPMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "REQUIRE_2FA", False):
            user = getattr(request, "user", None)
            if (
                user is not None
                and user.is_authenticated
                and not user.is_verified()
                and request.session.get(SSO_MFA_SESSION_KEY) != user.pk
                and _url_name(request) not in TWO_FACTOR_EXEMPT_URL_NAMES
            ):
                return self._to_second_factor(request, user)
        return self.get_response(request)

    @staticmethod
    def _to_second_factor(request: HttpRequest, user) -> HttpResponse:
        target = "accounts:otp_verify" if user_has_device(user) else "accounts:otp_setup"
        url = f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
