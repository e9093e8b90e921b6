"""Bulk import of users from CSV: upload, dry run with every row's outcome, import.

The checked file's text is kept in the session (at most user_import.MAX_BYTES) between
the dry run and the import, and checked again before importing: the database may have
changed in between.
"""

from __future__ import annotations

import logging

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import users as service
from .permissions import require_beheer
from .user_import import COLUMNS, EXAMPLE, MAX_BYTES, MAX_ROWS, ImportCheck, check_csv

SESSION_KEY = "beheer.users_import"
logger = logging.getLogger("schakel.beheer")


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label=gettext_lazy("CSV-bestand"),
        error_messages={
            "required": gettext_lazy("Kies een CSV-bestand."),
            "empty": gettext_lazy("Het bestand is leeg."),
        },
    )


def _page(request, form, check: ImportCheck | None = None, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "check": check,
        "columns": COLUMNS,
        "max_rows": MAX_ROWS,
    }
    return render(request, "beheer/users/import.html", context, status=status)


def _dry_run(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form, status=400)
    upload = form.cleaned_data["bestand"]
    # One byte over the limit is enough to know it is too big.
    data = upload.read(MAX_BYTES + 1)
    check = check_csv(data)
    request.session.pop(SESSION_KEY, None)
    if not check.ok:
        logger.warning("beheer CSV import refused: %d errors", check.error_count)
        return _page(request, UploadForm(), check, status=400)
    request.session[SESSION_KEY] = data.decode("utf-8-sig")
    return _page(request, UploadForm(), check)


def _import(request: HttpRequest) -> HttpResponse:
    text = request.session.get(SESSION_KEY)
    if not isinstance(text, str):
        messages.error(request, _("Er is geen gecontroleerd bestand meer. Upload het opnieuw."))
        return redirect("beheer:users_import")
    check = check_csv(text.encode("utf-8"))
    if not check.ok:
        request.session.pop(SESSION_KEY, None)
        return _page(request, UploadForm(), check, status=400)
    try:
        imported = service.users_import(by=request.user, invitations=check.invitations)
    except service.Refused as exc:
        messages.error(request, str(exc))
        return redirect("beheer:users_import")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("%(count)d gebruikers zijn geïmporteerd en hebben een uitnodiging per e-mail gekregen.")
        % {"count": len(imported)},
    )
    return redirect("beheer:users")


@login_required
@require_http_methods(["GET", "POST"])
def users_import(request: HttpRequest) -> HttpResponse:
    require_beheer(request)
    if request.method == "GET":
        return _page(request, UploadForm())
    if request.POST.get("stap") == "importeren":
        return _import(request)
    return _dry_run(request)


@login_required
def users_import_example(request: HttpRequest) -> HttpResponse:
    require_beheer(request)
    response = HttpResponse(EXAMPLE.encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gebruikers-voorbeeld.csv"'
    return response
