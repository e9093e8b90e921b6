from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import membership_of
from .forms import AccessLogFilterForm
from .models import Role
from .selectors import access_log_filtered


def _require_privacy_officer(user) -> None:
    membership = membership_of(user)
    if membership is None or membership.role != Role.PRIVACY_OFFICER:
        raise PermissionDenied


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    _require_privacy_officer(request.user)
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(access_log_filtered(filters), 50).get_page(request.GET.get("page"))
    return render(request, "privacy/access_log.html", {"form": form, "page": page})
