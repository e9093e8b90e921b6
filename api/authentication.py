"""How an API call says who it is: a personal token as `Authorization: Bearer <token>`.

Extension point for single sign-on: an OIDC access token from the identity provider is
also a bearer token. `PersonalTokenAuthentication` only claims tokens that start with
`schakel_` and returns None for any other bearer token, so an OIDC authentication class
(to come with the SSO work) can be added after it in
REST_FRAMEWORK["DEFAULT_AUTHENTICATION_CLASSES"] and map the token's subject to a user.
Until then such a token authenticates nobody and the call answers 401.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .tokens import TOKEN_PREFIX, token_resolve


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
