"""The beheer start page: what functioneel beheer manages, with counts."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from organisations.models import Municipality, Organisation, Region

from .permissions import require_beheer


@login_required
def index(request: HttpRequest) -> HttpResponse:
    require_beheer(request)
    counts = {
        "regions": Region.objects.count(),
        "municipalities": Municipality.objects.count(),
        "organisations": Organisation.objects.count(),
        "users": get_user_model().objects.filter(is_superuser=False).count(),
    }
    return render(request, "beheer/index.html", {"counts": counts})
