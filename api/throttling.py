"""Rate limits per token (DRF throttling): every token has its own bucket."""

from __future__ import annotations

from rest_framework.throttling import SimpleRateThrottle

from .models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    """One bucket per personal token; a session (the browsable docs) per user.

    Rate: REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api_token"].
    """

    scope = "api_token"

    def get_cache_key(self, request, view) -> str | None:
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"anon-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
