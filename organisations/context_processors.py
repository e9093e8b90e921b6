from __future__ import annotations

from django.http import HttpRequest

from .roles import actor_of


def membership(request: HttpRequest) -> dict:
    """`actor` (what the user is in the chain, for navigation) and its `membership`."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"actor": None, "membership": None}
    actor = actor_of(user)
    return {"actor": actor, "membership": actor.membership}
