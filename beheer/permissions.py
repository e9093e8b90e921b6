"""Who may use functioneel beheer, and who may read its trail."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from organisations.roles import actor_of


def require_beheer(request: HttpRequest) -> None:
    """Functioneel beheer only: everybody else gets 403."""
    if not actor_of(request.user).is_beheer:
        raise PermissionDenied


def require_trail_reader(request: HttpRequest) -> None:
    """The beheer trail is read by the privacy officer (and beheer, who made the changes)."""
    actor = actor_of(request.user)
    if not (actor.is_privacy_officer or actor.is_beheer):
        raise PermissionDenied
