"""Choosing the membership to act in: after login, and in the header."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from .models import Membership
from .roles import SESSION_KEY, active_memberships, forget_actor


def _chosen(request: HttpRequest) -> Membership | None:
    """The active membership of this user named in the POST, or None."""
    try:
        pk = int(request.POST.get("membership", ""))
    except ValueError:
        return None
    return next((m for m in active_memberships(request.user) if m.pk == pk), None)


def _activate(request: HttpRequest, membership: Membership) -> None:
    request.session[SESSION_KEY] = membership.pk
    # Everything after this in the request (messages, redirects) acts in the new one.
    forget_actor(request.user)


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_http_methods(["GET", "POST"])
def choose(request: HttpRequest) -> HttpResponse:
    """After login: the person picks the organisation and role to work in."""
    memberships = active_memberships(request.user)
    error = False
    if request.method == "POST":
        membership = _chosen(request)
        if membership is not None:
            _activate(request, membership)
            return redirect(_safe_next(request, reverse("home")))
        error = True
    return render(
        request,
        "organisations/choose.html",
        {
            "memberships": memberships,
            "next": _safe_next(request, ""),
            "error": error,
        },
        status=400 if error else 200,
    )


@login_required
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    """The header switcher: act in another of one's own memberships, from the start page.

    The start page, not the page one was on: that page may show a case the new role may
    not see.
    """
    membership = _chosen(request)
    if membership is None:
        return render(
            request,
            "organisations/choose.html",
            {"memberships": active_memberships(request.user), "next": "", "error": True},
            status=400,
        )
    _activate(request, membership)
    return redirect("home")
