"""Services and selectors for personal API tokens: create (shown once), revoke, resolve."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from organisations.roles import prefetch_memberships

from .models import ApiToken

# Personal tokens start with this; other bearer tokens (OIDC access tokens from the
# single-sign-on work) are left for their own authentication class.
TOKEN_PREFIX = "schakel_"
MAX_DAYS = 90
MAX_ACTIVE_TOKENS = 10
# last_used_at is written at most once a minute per token: one UPDATE per API call
# would make every read a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def tokens_for(user) -> QuerySet[ApiToken]:
    """The user's tokens, newest first (revoked and expired ones included)."""
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at", "-id")


@transaction.atomic
def token_create(*, user, name: str, days: int, verified: bool) -> tuple[ApiToken, str]:
    """A new token for `user`: (the stored token, the secret to show once).

    `verified` says whether the session passed the second factor; with REQUIRE_2FA a
    token is only made in such a session (it bypasses the login and its 2FA later).
    """
    if getattr(settings, "REQUIRE_2FA", False) and not verified:
        raise PermissionDenied(_("Maak een API-token aan na inloggen met tweestapsverificatie."))
    name = name.strip()
    if not name:
        raise ValidationError(_("Geef de token een naam."))
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(_("Een token is 1 tot %(max)d dagen geldig.") % {"max": MAX_DAYS})
    now = timezone.now()
    active = ApiToken.objects.filter(user_id=user.pk, revoked_at__isnull=True, expires_at__gt=now)
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("U heeft al %(max)d geldige tokens; trek er eerst een in.")
            % {"max": MAX_ACTIVE_TOKENS}
        )
    public = secrets.token_hex(6)
    secret = f"{TOKEN_PREFIX}{public}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=f"{TOKEN_PREFIX}{public}",
        hashed=token_hash(secret),
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    return token, secret


def token_revoke(*, user, token_id: int) -> bool:
    """Revoke one of the user's own tokens; True when it was still unrevoked.

    Raises ApiToken.DoesNotExist for a token of someone else (looks like a missing one).
    """
    token = ApiToken.objects.get(pk=token_id, user_id=user.pk)
    return bool(
        ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    )


def token_resolve(secret: str) -> ApiToken | None:
    """The active token for this secret, with its user and membership loaded; None when
    unknown, revoked or expired. Marks it used (at most once a minute)."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .prefetch_related(prefetch_memberships("user__"))
        .filter(hashed=token_hash(secret), revoked_at__isnull=True, expires_at__gt=now)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).filter(
            Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
        ).update(last_used_at=now)
    return token
