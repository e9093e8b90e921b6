from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from .middleware import idle_seconds_left


def security(request: HttpRequest) -> dict:
    """`csp_nonce` for {% htmx_script %} (django-csp 4 sets request.csp_nonce) and the
    idle timeout figures that static/js/session-timeout.js reads from the page (its
    countdown starts at the seconds this session has left)."""
    return {
        "csp_nonce": getattr(request, "csp_nonce", None),
        "session_idle_seconds": (
            idle_seconds_left(request)
            if hasattr(request, "session")
            else settings.SESSION_IDLE_SECONDS
        ),
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "session_idle_minutes": settings.SESSION_IDLE_SECONDS // 60,
        "session_warning_minutes": max(1, settings.SESSION_WARNING_SECONDS // 60),
    }
