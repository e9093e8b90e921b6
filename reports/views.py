from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cases.phases import Phase
from lib.pdf import render_pdf
from privacy.case_views import case_view
from privacy.models import AccessAction

from .charts import management_charts
from .forms import ReportForm
from .overview import case_overview_context
from .presentation import report_tables
from .scope import report_audience_for
from .selectors import OPEN_PHASE_ORDER, management_figures


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@case_view(action=AccessAction.PDF, context="casusoverzicht-pdf", methods=("GET",))
def case_overview_pdf(request: HttpRequest, case, access) -> HttpResponse:
    pdf = render_pdf(
        template_name="reports/case_overview.html",
        context=case_overview_context(case, access),
        request=request,
    )
    return pdf_response(pdf, f"casus-{case.reference}.pdf")


def _management(request: HttpRequest):
    """(form, context) for the dashboard and its PDF; 403 for roles without reports.

    The report holds only counts per team and phase, no case data, so it writes no
    access-log row (the access log records views of case data, NEN 7513).
    """
    audience = report_audience_for(request.user)
    if audience is None:
        raise PermissionDenied
    form = ReportForm(request.GET or None, audience=audience)
    context = {
        "form": form,
        "audience": audience,
        "forms_with_errors": [form] if form.is_bound and form.errors else [],
        "phase_labels": [Phase(p).label for p in OPEN_PHASE_ORDER],
    }
    if not form.is_bound or form.is_valid():
        scope = form.scope()
        if scope is None:
            # A gemeente whose organisation is not linked to a municipality yet.
            return form, context
        figures = management_figures(scope, form.period())
        context.update(
            scope=scope,
            figures=figures,
            tables=report_tables(figures, scope),
            charts=management_charts(figures, hide_small=scope.hides_small_numbers),
            pdf_query=urlencode({"periode": figures.period.key, "bereik": scope.key}),
            generated_at=timezone.localtime(),
        )
    return form, context


@login_required
def management_dashboard(request: HttpRequest) -> HttpResponse:
    form, context = _management(request)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "reports/dashboard.html", context, status=status)


@login_required
def management_pdf(request: HttpRequest) -> HttpResponse:
    form, context = _management(request)
    if "figures" not in context:
        status = 400 if form.is_bound and not form.is_valid() else 404
        return render(request, "reports/dashboard.html", context, status=status)
    pdf = render_pdf(template_name="reports/management.html", context=context, request=request)
    figures, scope = context["figures"], context["scope"]
    return pdf_response(pdf, f"managementrapportage-{figures.period.key}{scope.file_suffix}.pdf")
