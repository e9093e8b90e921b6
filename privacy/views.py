"""The privacy officer's views: access log, break-the-glass review, retention.
(Case work views — participants, grondslag, break-the-glass — are in views_case; the
inzage views in views_inzage; the convenant in views_convenant.)

THE AUDIT RULE: `case_access_log` is keyed by case id WITHOUT going through the access
layer, because the privacy officer must be able to audit open cases she cannot see.
It shows the case reference and access-log rows only, never case content (no title,
persons, notes or timeline), is itself logged, and answers 404 to everyone else.
Inzage is the one other read across cases; see privacy/inzage.py.
"""

from __future__ import annotations

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import Case
from organisations.models import Role
from organisations.roles import membership_of
from privacy.models import RetentionRun
from privacy.retention import retention_run

from . import breakglass
from .access import NO_ACCESS
from .audit import log_case_access
from .forms import (
    AccessLogFilterForm,
    AccessLogSummaryForm,
    BreakGlassReviewForm,
)
from .models import AccessAction, BreakGlassAccess
from .selectors import (
    access_log_filtered,
    access_log_summary,
    break_glass_for_review,
)
from .selectors import (
    case_access_log as case_access_rows,
)


def _is_privacy_officer(user) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role == Role.PRIVACY_OFFICER


def _require_privacy_officer(user) -> None:
    if not _is_privacy_officer(user):
        raise PermissionDenied


# --- access log --------------------------------------------------------------------


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    _require_privacy_officer(request.user)
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    page = Paginator(access_log_filtered(filters), 50).get_page(request.GET.get("page"))
    response = render(request, "privacy/access_log.html", {"form": form, "page": page})
    # Logged after rendering, so the page the officer reads is not led by her own row.
    _log_own_view(request, "toegangslog bekeken")
    return response


def _log_own_view(request: HttpRequest, page: str) -> None:
    """The auditor is audited too: one row per view of a log page, with its filter."""
    query = request.GET.urlencode()
    log_case_access(
        request, case=None, access=NO_ACCESS, context=f"{page}{': ' + query if query else ''}"
    )


CSV_HEADER = [
    "tijdstip",
    "gebruiker",
    "organisatie",
    "rol",
    "casus",
    "actie",
    "categorieen",
    "context",
    "namens",
    "ip_adres",
    "noodtoegang",
    # Last, so the columns before it keep their place for scripts that read the export.
    "naam",
]


def _csv_safe(value: str) -> str:
    """Neutralise spreadsheet formulas (CSV injection) in free-text cells."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


@login_required
def access_log_csv(request: HttpRequest) -> HttpResponse:
    """The filtered access log as CSV. The export is logged itself: one AccessLog row,
    action export, without a case (it spans many) and with the filter in its context."""
    _require_privacy_officer(request.user)
    form = AccessLogFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = access_log_filtered(filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="toegangslog-{stamp}.csv"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(CSV_HEADER)
    count = 0
    for row in rows.iterator(chunk_size=2000):
        count += 1
        writer.writerow(
            [
                timezone.localtime(row.timestamp).strftime("%d-%m-%Y %H:%M:%S"),
                row.username,
                row.organisation_name,
                row.role,
                row.case.reference if row.case else "",
                row.action,
                ",".join(row.categories),
                _csv_safe(row.context),
                _csv_safe(row.on_behalf_of),
                row.ip_address or "",
                "ja" if row.break_the_glass else "nee",
                _csv_safe(row.user_full_name),
            ]
        )
    query = request.GET.urlencode()
    log_case_access(
        request,
        case=None,
        access=NO_ACCESS,
        action=AccessAction.EXPORT,
        context=f"toegangslog CSV ({count} regels){' ' + query if query else ''}",
    )
    return response


@login_required
def access_log_overview(request: HttpRequest) -> HttpResponse:
    """Grouped counts per employee or per day, each linking to the filtered log."""
    _require_privacy_officer(request.user)
    form = AccessLogSummaryForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    group = data.get("group") or "user"
    rows = access_log_summary(group, data)
    response = render(
        request, "privacy/access_log_overview.html", {"form": form, "group": group, "rows": rows}
    )
    _log_own_view(request, f"toegangslog-overzicht per {'dag' if group == 'day' else 'medewerker'}")
    return response


@login_required
def case_access_log(request: HttpRequest, pk: int) -> HttpResponse:
    """AUDIT view (see module docstring): who viewed this case. Privacy officer only."""
    if not _is_privacy_officer(request.user):
        raise Http404
    case = get_object_or_404(Case.objects.only("id", "reference", "phase"), pk=pk)
    # The auditor is audited too: no categories shown, only who looked. Logged before
    # paginating, so the page and its count include this row.
    log_case_access(request, case=case, access=NO_ACCESS, context="toegangslog per casus (audit)")
    page = Paginator(case_access_rows(case.pk), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/case_access_log.html",
        {"case_ref": case.reference, "case_id": case.pk, "page": page},
    )


# --- break-the-glass review -----------------------------------------------------------


@login_required
def break_glass_review_list(request: HttpRequest) -> HttpResponse:
    _require_privacy_officer(request.user)
    status = request.GET.get("status", "open")
    page = Paginator(break_glass_for_review(status), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/break_glass_review.html",
        {"page": page, "status": status, "form": BreakGlassReviewForm(), "now": timezone.now()},
    )


@login_required
@require_POST
def break_glass_review(request: HttpRequest, pk: int) -> HttpResponse:
    _require_privacy_officer(request.user)
    access = get_object_or_404(BreakGlassAccess, pk=pk)
    form = BreakGlassReviewForm(request.POST)
    if form.is_valid():
        try:
            breakglass.break_glass_review(user=request.user, access=access, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("De beoordeling is opgeslagen."))
    else:
        messages.error(request, _("Kies een beoordeling."))
    return redirect("privacy:break_glass_review_list")


# --- retention ---------------------------------------------------------------------


@login_required
def retention_overview(request: HttpRequest) -> HttpResponse:
    """What the nightly retention run will anonymise next (a dry run) and what it did.

    Shows references, dates and counts only: never the personal data itself.
    """
    _require_privacy_officer(request.user)

    preview = retention_run(now=timezone.now(), dry_run=True)
    runs = RetentionRun.objects.prefetch_related("tombstones")[:20]
    return render(
        request,
        "privacy/retention.html",
        {"preview": preview, "runs": runs, "years": settings.RETENTION_YEARS},
    )
