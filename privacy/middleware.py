"""No page with personal data is kept by a browser or proxy cache."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """`Cache-Control: no-store, private …` on every response to a logged-in user.

    Case pages, htmx partials, workflow pages, inzage and access-log exports all carry
    personal data, and a shared computer's back button or disk cache must not show them
    to the next person. Deciding per view would leave gaps; every page a logged-in user
    gets is personal (names, work lists), so the rule is simply all of them. Static
    files never reach this (WhiteNoise answers them earlier) and stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
