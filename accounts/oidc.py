"""Single sign-on with OpenID Connect: the authentication backend and its rules.

mozilla-django-oidc runs the authorization-code flow; this module decides who gets in.
A login is accepted only for an existing, active Schakel user matched on one claim
(OIDC_USERNAME_CLAIM against OIDC_USERNAME_FIELD), optionally only for members of
OIDC_REQUIRED_GROUP. Accounts are never created here. Every refusal is logged on
"schakel.sso" and left on the request (`request.sso_refusal`) for the Dutch message page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from organisations.backends import MembershipBackend

logger = logging.getLogger("schakel.sso")

# The session remembers, per user id, that the identity provider asserted a second
# factor; Require2FAMiddleware then skips Schakel's own TOTP step for that session.
SSO_MFA_SESSION_KEY = "_sso_mfa_user"
DISCOVERY_CACHE_SECONDS = 3600
# Allowed clock difference between Schakel and the identity provider for exp/iat.
CLOCK_LEEWAY_SECONDS = 30

REFUSALS = {
    "provider_error": _("De inlogdienst heeft het inloggen afgebroken."),
    "state": _("Deze inlogpoging is verlopen of al gebruikt. Begin opnieuw bij de inlogpagina."),
    "token": _("De inlogdienst gaf geen geldig bewijs van inloggen. Probeer het opnieuw."),
    "audience": _("Het bewijs van inloggen was niet voor Schakel bedoeld."),
    "claim": _("De inlogdienst gaf niet door wie u bent."),
    "unknown_user": _(
        "Er is in Schakel geen account voor u. Vraag de functioneel beheerder om een account."
    ),
    "inactive_user": _("Uw account in Schakel is uitgeschakeld. Neem contact op met beheer."),
    "ambiguous_user": _(
        "Uw gegevens passen bij meer dan één account in Schakel. Neem contact op met beheer."
    ),
    "group": _("U hebt geen toegang tot Schakel: u zit niet in de groep die daarvoor nodig is."),
    "unreachable": _("De inlogdienst van uw organisatie is nu niet bereikbaar. Probeer het later."),
}
# Refusals about who the user is are 403; a broken or stale login attempt is 400.
FORBIDDEN = frozenset({"audience", "unknown_user", "inactive_user", "ambiguous_user", "group"})


@dataclass(frozen=True)
class Refusal:
    code: str
    detail: str

    @property
    def message(self) -> str:
        return str(REFUSALS[self.code])

    @property
    def status(self) -> int:
        if self.code == "unreachable":
            return 503
        return 403 if self.code in FORBIDDEN else 400


def refuse(request: HttpRequest, code: str, detail: str) -> None:
    """Log a refused single sign-on and remember it on the request for the view."""
    logger.warning("SSO login refused (%s): %s", code, detail)
    request.sso_refusal = Refusal(code=code, detail=detail)


def sso_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def provider_endpoints() -> dict[str, str]:
    """The identity provider's endpoints: explicit settings win over its discovery document.

    The discovery document is fetched once an hour at most (Django cache), not at start-up,
    so Schakel starts even while the identity provider is down.
    """
    explicit = {
        "issuer": settings.OIDC_OP_ISSUER,
        "authorization_endpoint": settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
        "token_endpoint": settings.OIDC_OP_TOKEN_ENDPOINT,
        "userinfo_endpoint": settings.OIDC_OP_USER_ENDPOINT,
        "jwks_uri": settings.OIDC_OP_JWKS_ENDPOINT,
    }
    if not settings.OIDC_OP_ISSUER or all(explicit.values()):
        return explicit
    discovered = _discovery(settings.OIDC_OP_ISSUER)
    return {name: value or discovered.get(name, "") for name, value in explicit.items()}


def _discovery(issuer: str) -> dict[str, str]:
    key = f"oidc-discovery:{issuer}"
    document = cache.get(key)
    if document is None:
        url = issuer.rstrip("/") + "/.well-known/openid-configuration"
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
        # OpenID Connect Discovery 1.0 §4.3: the document must name the same issuer.
        if document.get("issuer", "").rstrip("/") != issuer.rstrip("/"):
            raise ImproperlyConfigured(
                f"OIDC discovery at {url} names issuer {document.get('issuer')!r}"
            )
        cache.set(key, document, DISCOVERY_CACHE_SECONDS)
    return document


def mfa_asserted(claims: dict) -> bool:
    """True when the ID token says the user passed a second factor at the provider."""
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    if set(amr) & set(settings.OIDC_MFA_AMR):
        return True
    return bool(claims.get("acr")) and claims["acr"] in settings.OIDC_MFA_ACR


class SSOBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend: existing active users only, strictly checked tokens."""

    def __init__(self, *args, **kwargs) -> None:
        # The parent reads the endpoints here, but Django builds a backend for every
        # request (get_user): endpoints are looked up only when a login happens.
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:  # noqa: N802 (the parent's attribute names)
        return provider_endpoints()["token_endpoint"]

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str:  # noqa: N802
        return provider_endpoints()["userinfo_endpoint"]

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:  # noqa: N802
        return provider_endpoints()["jwks_uri"]

    @property
    def OIDC_RP_CLIENT_ID(self) -> str:  # noqa: N802
        return settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self) -> str:  # noqa: N802
        return settings.OIDC_RP_CLIENT_SECRET

    @property
    def OIDC_RP_SIGN_ALGO(self) -> str:  # noqa: N802
        return settings.OIDC_RP_SIGN_ALGO

    @property
    def OIDC_RP_IDP_SIGN_KEY(self) -> str | None:  # noqa: N802
        return settings.OIDC_RP_IDP_SIGN_KEY or None

    def authenticate(self, request, **kwargs):
        """The matched user, or None with `request.sso_refusal` saying why."""
        # Only the callback view passes a nonce: a password login with ?code= in its URL
        # must not start a token exchange.
        if request is None or not sso_enabled() or kwargs.get("nonce") is None:
            return None
        try:
            return super().authenticate(request, **kwargs)
        except requests.HTTPError as exc:
            # An unknown, expired or already redeemed code: the token endpoint says no.
            refuse(request, "token", f"token endpoint refused: {exc}")
        except requests.RequestException as exc:
            refuse(request, "token", f"identity provider unreachable: {exc}")
        except SuspiciousOperation as exc:
            if not hasattr(request, "sso_refusal"):
                refuse(request, "token", str(exc))
        return None

    def verify_token(self, token, **kwargs) -> dict:
        """The ID token's claims, after checking signature, issuer, audience, expiry, nonce.

        The parent skips the audience check; a token meant for another application of
        the same identity provider must not log anyone into Schakel.
        """
        request = self.request
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as exc:
            refuse(request, "token", f"unreadable token: {exc}")
            raise SuspiciousOperation("unreadable token") from exc
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            refuse(request, "token", f"token signed with {header.get('alg')!r}")
            raise SuspiciousOperation("unexpected signing algorithm")
        if self.OIDC_RP_SIGN_ALGO.startswith(("RS", "ES", "PS")):
            key = self.OIDC_RP_IDP_SIGN_KEY or self.retrieve_matching_jwk(token)
        else:
            key = self.OIDC_RP_CLIENT_SECRET
        issuer = provider_endpoints()["issuer"] or None
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=issuer,
                leeway=CLOCK_LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "aud", "sub"]},
            )
        except jwt.InvalidAudienceError as exc:
            refuse(request, "audience", f"token audience is not {self.OIDC_RP_CLIENT_ID!r}")
            raise SuspiciousOperation("wrong audience") from exc
        except jwt.PyJWTError as exc:
            refuse(request, "token", f"token rejected: {exc}")
            raise SuspiciousOperation("invalid token") from exc
        azp = payload.get("azp")
        if azp and azp != self.OIDC_RP_CLIENT_ID:
            refuse(request, "audience", f"token authorized party is {azp!r}")
            raise SuspiciousOperation("wrong authorized party")
        if "nonce" in kwargs and kwargs["nonce"] != payload.get("nonce"):
            refuse(request, "state", "nonce in the ID token does not match this login")
            raise SuspiciousOperation("nonce mismatch")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        """The one active user the claims point to; never creates one."""
        request = self.request
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            userinfo = self.get_userinfo(access_token, id_token, payload)
            # OpenID Connect Core §5.3.2: userinfo about someone else must be ignored.
            if userinfo.get("sub") != payload.get("sub"):
                refuse(request, "token", "userinfo is about another subject")
                return None
            claims.update(userinfo)
        user, refusal = user_for_claims(claims)
        if refusal is not None:
            refuse(request, refusal.code, refusal.detail)
            return None
        # The callback view reads amr/acr from here after login (2FA at the provider).
        request.sso_claims = payload
        return user

    def create_user(self, claims):
        raise SuspiciousOperation("Schakel never creates accounts at login")

    def get_user(self, user_id):
        # The parent returns inactive users too; a deactivated user is out at once.
        return MembershipBackend().get_user(user_id)


def user_for_claims(claims: dict):
    """The one active user the claims point to (login and API alike), or a Refusal.

    Matched on OIDC_USERNAME_CLAIM against OIDC_USERNAME_FIELD, only for members of
    OIDC_REQUIRED_GROUP when it is set; never creates a user.
    """
    claim = settings.OIDC_USERNAME_CLAIM
    value = claims.get(claim)
    if not isinstance(value, str) or not value.strip():
        return None, Refusal("claim", f"claim {claim!r} missing for sub {claims.get('sub')!r}")
    required = settings.OIDC_REQUIRED_GROUP
    if required and required not in _as_list(claims.get(settings.OIDC_GROUPS_CLAIM)):
        return None, Refusal("group", f"{claim}={value!r} is not in group {required!r}")
    field = settings.OIDC_USERNAME_FIELD
    if field not in ("email", "username"):
        raise ImproperlyConfigured("OIDC_USERNAME_FIELD must be 'email' or 'username'")
    users = list(get_user_model().objects.filter(**{f"{field}__iexact": value.strip()})[:2])
    if not users:
        return None, Refusal("unknown_user", f"no user with {field}={value!r}")
    if len(users) > 1:
        return None, Refusal("ambiguous_user", f"several users with {field}={value!r}")
    if not users[0].is_active:
        return None, Refusal("inactive_user", f"user {users[0].pk} is inactive")
    return users[0], None


def _as_list(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value or []]
