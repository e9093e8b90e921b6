"""Access tokens from the identity provider, for the API (OAuth 2.0, RFC 9068 JWT profile).

An API registered at Entra ID, ADFS or Keycloak receives JWT access tokens whose audience
is that API (OIDC_API_AUDIENCE). Schakel checks the signature against the provider's
published keys, the issuer, the audience and the expiry, and then matches the person
exactly as a login does (oidc.user_for_claims): existing, active users only.
"""

from __future__ import annotations

import functools

import jwt
import requests
from django.conf import settings

from .oidc import CLOCK_LEEWAY_SECONDS, Refusal, logger, provider_endpoints, user_for_claims


def api_bearer_enabled() -> bool:
    """On when an API audience and the provider's issuer are configured."""
    return bool(settings.OIDC_API_AUDIENCE and settings.OIDC_OP_ISSUER)


@functools.lru_cache(maxsize=4)
def _signing_keys(jwks_uri: str) -> jwt.PyJWKClient:
    # PyJWKClient keeps the fetched keys, and fetches again for an unknown key id (rotation).
    return jwt.PyJWKClient(jwks_uri, cache_keys=True, lifespan=3600, timeout=settings.OIDC_TIMEOUT)


def _claims(token: str) -> tuple[dict | None, Refusal | None]:
    try:
        endpoints = provider_endpoints()
    except requests.RequestException as exc:
        return None, Refusal("unreachable", f"discovery failed: {exc}")
    try:
        algorithm = jwt.get_unverified_header(token).get("alg")
    except jwt.PyJWTError as exc:
        return None, Refusal("token", f"unreadable access token: {exc}")
    if algorithm != settings.OIDC_RP_SIGN_ALGO:
        return None, Refusal("token", f"access token signed with {algorithm!r}")
    try:
        key = _signing_keys(endpoints["jwks_uri"]).get_signing_key_from_jwt(token).key
    except jwt.PyJWKClientConnectionError as exc:
        return None, Refusal("unreachable", f"signing keys unreachable: {exc}")
    except jwt.PyJWTError as exc:
        return None, Refusal("token", f"no matching signing key: {exc}")
    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[algorithm],
            audience=settings.OIDC_API_AUDIENCE,
            issuer=endpoints["issuer"] or None,
            leeway=CLOCK_LEEWAY_SECONDS,
            options={"require": ["exp", "iat", "aud", "sub"]},
        )
    except jwt.InvalidAudienceError:
        return None, Refusal(
            "audience", f"access token audience is not {settings.OIDC_API_AUDIENCE!r}"
        )
    except jwt.PyJWTError as exc:
        return None, Refusal("token", f"access token rejected: {exc}")
    return claims, None


def access_token_user(token: str):
    """(user, claims) for a valid access token of an existing active user, else a Refusal
    (logged on "schakel.sso", as refused logins are)."""
    claims, refusal = _claims(token)
    user = None
    if refusal is None:
        user, refusal = user_for_claims(claims)
    if refusal is not None:
        logger.warning("API access token refused (%s): %s", refusal.code, refusal.detail)
        return None, None, refusal
    return user, claims, None
