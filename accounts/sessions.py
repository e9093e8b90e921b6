"""Session bookkeeping: remember a user's sessions and end them all at once."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

from .models import UserSession


def session_remember(*, request: HttpRequest, user) -> None:
    """Record the current session key for `user` (call after login/cycle_key)."""
    if not request.session.session_key:
        request.session.save()
    UserSession.objects.update_or_create(
        session_key=request.session.session_key, defaults={"user": user}
    )


def session_forget(*, session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


@transaction.atomic
def sessions_end_all(*, user) -> int:
    """End every session of `user` on every device; returns how many were ended."""
    engine = import_module(settings.SESSION_ENGINE)
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    for key in keys:
        engine.SessionStore(session_key=key).delete()
    UserSession.objects.filter(user=user).delete()
    return len(keys)
