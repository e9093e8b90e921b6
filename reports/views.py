from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from cases.phases import Phase
from lib.pdf import render_pdf
from privacy.case_views import case_view
from privacy.models import AccessAction

from .charts import FLOW_LABELS, management_charts
from .forms import PeriodForm
from .overview import case_overview_context
from .selectors import OPEN_PHASE_ORDER, management_figures, report_scope_for


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
    """(scope, form, context) for the dashboard and its PDF; 403 for non-managers.

    The report holds only counts per team and phase, no case data, so it writes no
    access-log row (the access log records views of case data, NEN 7513).
    """
    scope = report_scope_for(request.user)
    if scope is None:
        raise PermissionDenied
    form = PeriodForm(request.GET or None)
    context = {
        "form": form,
        "forms_with_errors": [form] if form.is_bound and form.errors else [],
        "scope": scope,
        "phase_labels": [Phase(p).label for p in OPEN_PHASE_ORDER],
    }
    if form.is_valid() or not form.is_bound:
        figures = management_figures(scope, form.period())
        context.update(
            figures=figures,
            charts=management_charts(figures),
            flow_rows=[(label, figures.flows[name]) for name, label in FLOW_LABELS.items()],
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
        return render(request, "reports/dashboard.html", context, status=400)
    pdf = render_pdf(template_name="reports/management.html", context=context, request=request)
    return pdf_response(pdf, f"managementrapportage-{context['figures'].period.key}.pdf")
