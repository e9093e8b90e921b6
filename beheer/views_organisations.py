"""Organisations of the chain: list, add, change, deactivate (functioneel beheer only)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.models import Organisation

from .confirm_flow import Saved, confirm_flow
from .forms_organisations import OrganisationFilterForm, OrganisationForm
from .organisation_activation import (
    deactivation_impact,
    organisation_deactivate,
    organisation_reactivate,
    refusal,
)
from .organisation_changes import organisation_add, organisation_change
from .permissions import require_beheer

# The form's fields; `active` changes only through (de)activation.
FORM_FIELDS = ("name", "kind", "municipality", "region")


def _crumbs(organisation: Organisation | None = None) -> list[tuple[str, str]]:
    crumbs = [(_("Organisaties"), reverse("beheer:organisation_list"))]
    if organisation is not None:
        url = reverse("beheer:organisation_detail", args=[organisation.pk])
        crumbs.append((organisation.name, url))
    return crumbs


def _with_member_count(queryset):
    return queryset.select_related("municipality", "region").annotate(
        member_count=Count("memberships", filter=Q(memberships__active=True))
    )


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    require_beheer(request)
    form = OrganisationFilterForm(request.GET or None)
    organisations = _with_member_count(Organisation.objects.order_by("name"))
    if form.is_valid():
        if form.cleaned_data["regio"]:
            organisations = organisations.filter(region=form.cleaned_data["regio"])
        if form.cleaned_data["soort"]:
            organisations = organisations.filter(kind=form.cleaned_data["soort"])
    page = Paginator(organisations, 50).get_page(request.GET.get("page"))
    return render(
        request, "beheer/organisations/organisation_list.html", {"form": form, "page": page}
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    organisation = get_object_or_404(_with_member_count(Organisation.objects), pk=pk)
    return render(
        request,
        "beheer/organisations/organisation_detail.html",
        {"organisation": organisation, "crumbs": _crumbs()},
    )


def _page(title: str, cancel_url: str, organisation: Organisation | None = None) -> dict:
    return {
        "title": title,
        "intro": _(
            "Een wijkteam werkt in één gemeente; een Zorg- en Veiligheidshuis of een regionale "
            "partner werkt voor een regio. Het convenant van de regio bepaalt per soort "
            "organisatie welke gegevens zij in een casus ziet."
        ),
        "cancel_url": cancel_url,
        "crumbs": _crumbs(organisation),
    }


@login_required
def organisation_create(request: HttpRequest) -> HttpResponse:
    require_beheer(request)

    def save(data: dict) -> Saved:
        organisation = organisation_add(
            actor=request.user,
            name=data["name"],
            kind=data["kind"],
            municipality=data["municipality"],
            region=data["region"],
        )
        return Saved(
            reverse("beheer:organisation_detail", args=[organisation.pk]),
            _("Organisatie %(name)s is aangemaakt.") % {"name": organisation},
        )

    return confirm_flow(
        request,
        form_class=OrganisationForm,
        fields=FORM_FIELDS,
        save=save,
        page=_page(_("Organisatie toevoegen"), reverse("beheer:organisation_list")),
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    organisation = get_object_or_404(Organisation.objects.select_related("region"), pk=pk)

    def save(data: dict) -> Saved:
        changed = organisation_change(
            actor=request.user,
            organisation=organisation,
            name=data["name"],
            kind=data["kind"],
            municipality=data["municipality"],
            region=data["region"],
        )
        return Saved(
            reverse("beheer:organisation_detail", args=[changed.pk]),
            _("Organisatie %(name)s is gewijzigd.") % {"name": changed},
        )

    return confirm_flow(
        request,
        form_class=OrganisationForm,
        instance=organisation,
        fields=FORM_FIELDS,
        save=save,
        page=_page(
            _("Organisatie %(name)s wijzigen") % {"name": organisation},
            reverse("beheer:organisation_detail", args=[organisation.pk]),
            organisation,
        ),
    )


@login_required
def organisation_deactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what deactivation does (or why it is refused); POST: deactivate."""
    require_beheer(request)
    organisation = get_object_or_404(Organisation, pk=pk, active=True)
    error = ""
    if request.method == "POST":
        try:
            organisation_deactivate(actor=request.user, organisation=organisation)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(
                request, _("Organisatie %(name)s is gedeactiveerd.") % {"name": organisation}
            )
            return redirect("beheer:organisation_detail", pk=organisation.pk)
    impact = deactivation_impact(organisation, actor=request.user)
    context = {
        "organisation": organisation,
        "impact": impact,
        "refusal": error or refusal(impact, organisation),
        "crumbs": _crumbs(organisation),
    }
    return render(request, "beheer/organisations/organisation_deactivate.html", context)


@login_required
def organisation_reactivate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: what reactivation does; POST: reactivate."""
    require_beheer(request)
    organisation = get_object_or_404(Organisation, pk=pk, active=False)
    if request.method == "POST":
        try:
            organisation_reactivate(actor=request.user, organisation=organisation)
        except ValidationError as exc:  # reactivated meanwhile by another beheerder
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Organisatie %(name)s is weer actief.") % {"name": organisation}
            )
        return redirect("beheer:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "beheer/organisations/organisation_reactivate.html",
        {"organisation": organisation, "crumbs": _crumbs(organisation)},
    )
