"""The privacy officer changes her region's convenant matrix in two steps.

1. `convenant`: the matrix; submitting it shows `convenant_confirm.html`: what changes,
   how many open cases each change touches, and asks for the decision it rests on.
   Nothing is saved in this step.
2. `convenant_confirm`: saves the change (`privacy.matrix.sharing_rules_set`) when the
   decision is given and the matrix is still the one the change was prepared on.

The rules (who, which cells, the stale check, the impact counts) are in privacy/matrix.py
and privacy/convenant_impact.py; these views read the forms and show the outcome.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.categories import Category

from . import matrix
from .convenant_impact import ChangePlan, change_plan
from .forms import ConvenantConfirmForm, cells_from
from .models import SharingRuleChange
from .tasks import resync_open_cases

# The change history shows the latest changes; older ones stay in the table.
HISTORY_LIMIT = 50


def _matrix_page(
    request: HttpRequest,
    *,
    cells: set[tuple[str, str]] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """The matrix form (with `cells` ticked instead of the saved matrix when given) and
    the region's change history."""
    region_id = matrix.officer_region_id(request.user)
    rows = matrix.matrix_rows(region_id)
    if cells is not None:
        rows = [
            (party, label, [(cat, (party, cat) in cells) for cat, _allowed in row])
            for party, label, row in rows
        ]
    changes = SharingRuleChange.objects.filter(region_id=region_id).select_related("changed_by")
    context = {
        "rows": rows,
        "categories": Category.choices,
        "changes": changes[:HISTORY_LIMIT],
        "error": error,
    }
    return render(request, "privacy/convenant.html", context, status=status)


def _confirm_page(
    request: HttpRequest, *, plan: ChangePlan, form: ConvenantConfirmForm, status: int = 200
) -> HttpResponse:
    context = {"plan": plan, "form": form, "cells": sorted(f"{p}:{c}" for p, c in plan.cells)}
    return render(request, "privacy/convenant_confirm.html", context, status=status)


@login_required
def convenant(request: HttpRequest) -> HttpResponse:
    """GET: the matrix. POST: the confirmation page for the ticked cells (saves nothing)."""
    matrix.officer_region_id(request.user)
    if request.method != "POST":
        return _matrix_page(request)
    cells = cells_from(request.POST)
    try:
        plan = change_plan(user=request.user, cells=cells)
    except ValidationError as exc:
        return _matrix_page(request, cells=set(cells), error=" ".join(exc.messages), status=400)
    if not plan.changes:
        messages.info(request, _("Er is niets gewijzigd."))
        return redirect("privacy:convenant")
    form = ConvenantConfirmForm(initial={"version": plan.version})
    return _confirm_page(request, plan=plan, form=form)


@login_required
@require_POST
def convenant_confirm(request: HttpRequest) -> HttpResponse:
    """Save the confirmed change, or show why not (nothing is saved then)."""
    matrix.officer_region_id(request.user)
    cells = cells_from(request.POST)
    form = ConvenantConfirmForm(request.POST)
    try:
        plan = change_plan(user=request.user, cells=cells)
    except ValidationError as exc:
        return _matrix_page(request, cells=set(cells), error=" ".join(exc.messages), status=400)
    if not form.is_valid():
        return _confirm_page(request, plan=plan, form=form, status=400)
    data = form.cleaned_data
    try:
        changes = matrix.sharing_rules_set(
            user=request.user,
            cells=cells,
            decision_reference=data["decision_reference"],
            reason=data["reason"],
            expected_version=data["version"],
        )
    except matrix.StaleMatrix as exc:
        return _matrix_page(request, error=" ".join(exc.messages), status=409)
    except ValidationError as exc:
        form.add_error("decision_reference", exc)
        return _confirm_page(request, plan=plan, form=form, status=400)
    if changes:
        # Revocations already took effect; new grants are computed by the worker.
        resync_open_cases.delay_on_commit()
    messages.success(
        request,
        _(
            "%(n)d wijziging(en) opgeslagen. Ingetrokken inzage geldt direct; "
            "nieuwe inzage wordt voor alle open casussen opnieuw berekend."
        )
        % {"n": len(changes)},
    )
    return redirect("privacy:convenant")
