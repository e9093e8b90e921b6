"""How an API call says who it is: `Authorization: Bearer <token>` with either

* a personal token (`schakel_…`, made and revoked by the user on /api/tokens/), or
* an access token from the organisation's identity provider (OAuth 2.0 / OpenID Connect,
  when OIDC_API_AUDIENCE is set), for a person who exists in Schakel.

Either way the call acts as that user, with that user's rights. A token neither class
claims authenticates nobody: the call answers 401.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from accounts.oidc import mfa_asserted
from accounts.oidc_access import access_token_user, api_bearer_enabled

from .tokens import TOKEN_PREFIX, token_resolve

# The API's words for a refused identity-provider token (accounts.oidc refusal codes).
OIDC_REFUSALS = {
    "audience": _("Deze token is niet voor de API van Schakel bedoeld."),
    "unknown_user": _("Er is in Schakel geen account voor de persoon van deze token."),
    "inactive_user": _("Het account van deze token is uitgeschakeld."),
    "ambiguous_user": _("Deze token past bij meer dan één account in Schakel."),
    "group": _("De persoon van deze token zit niet in de groep die toegang geeft tot Schakel."),
    "unreachable": _(
        "De inlogdienst is nu niet bereikbaar; de token kan niet worden gecontroleerd."
    ),
}


def bearer_token(request) -> str | None:
    """The token of an `Authorization: Bearer …` header, or None without one."""
    header = authentication.get_authorization_header(request).split()
    if not header or header[0].lower() != b"bearer":
        return None
    if len(header) != 2:
        raise exceptions.AuthenticationFailed(_("Geef precies één token na ‘Bearer’."))
    try:
        return header[1].decode("ascii")
    except UnicodeDecodeError as exc:
        raise exceptions.AuthenticationFailed(_("Ongeldige API-token.")) from exc


class PersonalTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates as the token's user; `request.auth` is the ApiToken."""

    def authenticate(self, request):
        token = bearer_token(request)
        if token is None or not token.startswith(TOKEN_PREFIX):
            return None
        found = token_resolve(token)
        if found is None:
            raise exceptions.AuthenticationFailed(
                _("Deze API-token is onbekend, verlopen of ingetrokken.")
            )
        return found.user, found

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class OIDCAccessTokenAuthentication(authentication.BaseAuthentication):
    """Authenticates with an access token of the identity provider; `request.auth` is its
    claims. Without a second factor asserted by the provider (amr/acr), a token is refused
    where Schakel requires 2FA: the API has no TOTP step of its own."""

    def authenticate(self, request):
        token = bearer_token(request)
        if token is None or token.startswith(TOKEN_PREFIX) or not api_bearer_enabled():
            return None
        user, claims, refusal = access_token_user(token)
        if refusal is not None:
            raise exceptions.AuthenticationFailed(
                OIDC_REFUSALS.get(refusal.code, _("Ongeldige of verlopen token."))
            )
        if settings.REQUIRE_2FA and not mfa_asserted(claims):
            raise exceptions.AuthenticationFailed(
                _(
                    "Deze token bevestigt geen tweestapsverificatie. Log bij uw organisatie "
                    "in met tweestapsverificatie en vraag een nieuwe token."
                )
            )
        return user, claims

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
