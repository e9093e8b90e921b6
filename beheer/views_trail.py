"""The beheer trail: every change functioneel beheer made, for the privacy officer."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organisations.models import BeheerChange

from .forms_organisations import TrailFilterForm
from .permissions import require_trail_reader

PER_PAGE = 50


@login_required
def trail(request: HttpRequest) -> HttpResponse:
    """Newest first, filtered by kind (and one subject, from its detail page). The rows
    hold beheer data only (names, kinds, regions, roles): never case content."""
    require_trail_reader(request)
    form = TrailFilterForm(request.GET or None)
    rows = BeheerChange.objects.all()
    if form.is_valid() and form.cleaned_data["soort"]:
        rows = rows.filter(subject_kind=form.cleaned_data["soort"])
        if form.cleaned_data["onderwerp"]:
            rows = rows.filter(subject_id=form.cleaned_data["onderwerp"])
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "beheer/organisations/trail.html", {"form": form, "page": page})
