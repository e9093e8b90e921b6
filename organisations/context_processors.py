from __future__ import annotations

from django.http import HttpRequest

from .roles import active_memberships, actor_of


def membership(request: HttpRequest) -> dict:
    """`actor` (what the user is in the chain, for navigation), its active `membership`
    and the user's `other_memberships` to switch to in the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"actor": None, "membership": None, "other_memberships": []}
    actor = actor_of(user)
    others = [m for m in active_memberships(user) if m != actor.membership]
    return {"actor": actor, "membership": actor.membership, "other_memberships": others}
