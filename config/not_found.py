"""Our own calm 404 page also when DEBUG is on (`make run` runs the demo with DEBUG=true).

With DEBUG on, Django answers a 404 with its technical page (URL patterns, settings
hints). For a hidden case that page is also confusing: DESIGN.md says a case you may not
see does not exist, so the demo shows the same page as production. The API and the
admin keep Django's and DRF's own answers.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.template import loader

# Paths that answer in their own format or belong to a library.
OWN_FORMAT_PREFIXES = ("/api/", "/beheer/", "/static/", "/media/")


def _ours(request: HttpRequest) -> bool:
    return settings.DEBUG and not request.path.startswith(OWN_FORMAT_PREFIXES)


def not_found_page(request: HttpRequest) -> HttpResponse:
    """templates/404.html with status 404, as Django's `page_not_found` renders it."""
    body = loader.render_to_string("404.html", {"request_path": request.path}, request)
    return HttpResponse(body, status=404)


class DebugNotFoundMiddleware:
    """With DEBUG on, renders templates/404.html instead of the technical 404 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # An unknown URL fails while resolving, before any view ran: no resolver_match.
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is None
            and _ours(request)
        ):
            return not_found_page(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, Http404) and _ours(request):
            return not_found_page(request)
        return None
