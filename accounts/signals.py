from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.dispatch import receiver

from .sessions import session_forget, session_remember


@receiver(user_logged_in, dispatch_uid="accounts_remember_session")
def _remember_session(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_remember(request=request, user=user)


@receiver(user_logged_out, dispatch_uid="accounts_forget_session")
def _forget_session(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_forget(session_key=request.session.session_key)
