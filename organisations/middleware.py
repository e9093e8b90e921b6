"""The active membership: chosen once per session, read on every request."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .roles import CHOSEN_ATTR, SESSION_KEY, active_memberships

# Paths that never ask a person to choose first: the choice itself, logging in and out
# (with 2FA and single sign-on), the machine interfaces and static files.
_NO_CHOICE_PREFIXES = ("/organisations/", "/accounts/", "/oidc/", "/api/", "/healthz", "/static/")


class ActiveMembershipMiddleware:
    """Tell the request user which membership they act in (from the session).

    A person with more than one active membership who has not chosen yet in this session
    is sent to the choice page first (after logging in: the session is new). Placed after
    the 2FA middleware, so the choice comes after the second factor.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            chosen = request.session.get(SESSION_KEY)
            memberships = active_memberships(user)
            if chosen is not None and all(m.pk != chosen for m in memberships):
                # The chosen membership ended (beheer ended it, or deactivated the
                # account) while this session was open: choose again, rather than
                # silently acting in whichever other membership is oldest.
                del request.session[SESSION_KEY]
                chosen = None
            setattr(user, CHOSEN_ATTR, chosen)
            if (
                chosen is None
                and request.method == "GET"
                and not request.headers.get("HX-Request")
                and not request.path.startswith(_NO_CHOICE_PREFIXES)
                and len(memberships) > 1
            ):
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('organisations:choose')}?{query}")
        return self.get_response(request)
