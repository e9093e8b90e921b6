"""Single sign-on views: start the login at the identity provider, and its callback.

Thin wrappers around mozilla-django-oidc's views that turn every failure into a Dutch
message page instead of a redirect or a 400 without explanation.
"""

from __future__ import annotations

import time

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from .oidc import (
    SSO_MFA_SESSION_KEY,
    Refusal,
    logger,
    mfa_asserted,
    provider_endpoints,
    refuse,
    sso_enabled,
)


def refusal_page(request: HttpRequest) -> HttpResponse:
    refusal = getattr(request, "sso_refusal", None) or Refusal(code="token", detail="")
    return render(
        request,
        "accounts/sso_refused.html",
        {"message": refusal.message, "local_login_enabled": settings.LOCAL_LOGIN_ENABLED},
        status=refusal.status,
    )


class AuthenticateView(OIDCAuthenticationRequestView):
    """Send the browser to the identity provider (state, nonce and PKCE in the session)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso_enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = provider_endpoints()["authorization_endpoint"]
        except (requests.RequestException, ImproperlyConfigured, ValueError) as exc:
            refuse(request, "unreachable", f"discovery failed: {exc}")
            return refusal_page(request)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """The identity provider's answer: log the matched user in, or say why not."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not sso_enabled():
            raise Http404
        if request.GET.get("error"):
            refuse(
                request,
                "provider_error",
                f"{request.GET['error'][:100]}: {request.GET.get('error_description', '')[:200]}",
            )
            return super().get(request)
        state = request.GET.get("state")
        if not state or not request.GET.get("code"):
            refuse(request, "state", "callback without code or state")
            return self.login_failure()
        states = request.session.get("oidc_states") or {}
        if state not in states:
            # Used before (the library deletes a state when it is used), from another
            # browser, or from a session that has since ended.
            refuse(request, "state", "unknown or already used state")
            return self.login_failure()
        if time.time() - states[state].get("added_on", 0) > settings.OIDC_STATE_MAX_AGE:
            del states[state]
            request.session["oidc_states"] = states
            refuse(request, "state", "state older than OIDC_STATE_MAX_AGE")
            return self.login_failure()
        return super().get(request)

    def login_failure(self) -> HttpResponse:
        return refusal_page(self.request)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        mfa = mfa_asserted(getattr(self.request, "sso_claims", {}))
        if mfa:
            self.request.session[SSO_MFA_SESSION_KEY] = self.user.pk
        logger.info("SSO login of user %s (second factor at provider: %s)", self.user.pk, mfa)
        return response
