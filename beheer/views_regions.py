"""Regions and their municipalities (functioneel beheer only)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from organisations.models import Municipality, Region

from .confirm_flow import Saved, confirm_flow
from .forms_organisations import MunicipalityForm, RegionForm
from .organisation_changes import (
    MUNICIPALITY_FIELDS,
    REGION_FIELDS,
    municipality_add,
    municipality_change,
    region_add,
    region_change,
)
from .permissions import require_beheer


def _crumbs(region: Region | None = None) -> list[tuple[str, str]]:
    crumbs = [(_("Regio's"), reverse("beheer:region_list"))]
    if region is not None:
        crumbs.append((region.name, reverse("beheer:region_detail", args=[region.pk])))
    return crumbs


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    require_beheer(request)
    regions = Region.objects.annotate(
        municipality_count=Count("municipalities", distinct=True),
        organisation_count=Count("organisations", distinct=True),
    )
    return render(request, "beheer/organisations/region_list.html", {"regions": regions})


@login_required
def region_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    region = get_object_or_404(Region, pk=pk)
    context = {
        "region": region,
        "municipalities": region.municipalities.annotate(organisation_count=Count("organisations")),
        "organisations": region.organisations.select_related("municipality"),
        "crumbs": _crumbs(),
    }
    return render(request, "beheer/organisations/region_detail.html", context)


@login_required
def region_create(request: HttpRequest) -> HttpResponse:
    require_beheer(request)

    def save(data: dict) -> Saved:
        region = region_add(
            actor=request.user, name=data["name"], retention_years=data["retention_years"]
        )
        return Saved(
            reverse("beheer:region_detail", args=[region.pk]),
            _("%(name)s is aangemaakt, met het standaardconvenant.") % {"name": region},
        )

    return confirm_flow(
        request,
        form_class=RegionForm,
        fields=REGION_FIELDS,
        save=save,
        page={
            "title": _("Regio toevoegen"),
            "intro": _(
                "Een regio is het werkgebied van één Zorg- en Veiligheidshuis, met een eigen "
                "convenant en bewaartermijn. Een nieuwe regio begint met het standaardconvenant; "
                "de privacyfunctionaris past het daarna aan."
            ),
            "cancel_url": reverse("beheer:region_list"),
            "crumbs": _crumbs(),
        },
    )


@login_required
def region_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    region = get_object_or_404(Region, pk=pk)

    def save(data: dict) -> Saved:
        changed = region_change(
            actor=request.user,
            region=region,
            name=data["name"],
            retention_years=data["retention_years"],
        )
        return Saved(
            reverse("beheer:region_detail", args=[changed.pk]),
            _("%(name)s is gewijzigd.") % {"name": changed},
        )

    return confirm_flow(
        request,
        form_class=RegionForm,
        instance=region,
        fields=REGION_FIELDS,
        save=save,
        page={
            "title": _("%(name)s wijzigen") % {"name": region},
            "cancel_url": reverse("beheer:region_detail", args=[region.pk]),
            "crumbs": _crumbs(region),
        },
    )


def _municipality_page(title: str, cancel_url: str, region: Region | None = None) -> dict:
    return {
        "title": title,
        "intro": _(
            "De casussen van een gemeente horen bij haar regio. Een gemeente met casussen "
            "blijft daarom in haar regio."
        ),
        "cancel_url": cancel_url,
        "crumbs": _crumbs(region),
    }


@login_required
def municipality_create(request: HttpRequest) -> HttpResponse:
    require_beheer(request)

    def save(data: dict) -> Saved:
        municipality = municipality_add(
            actor=request.user, name=data["name"], region=data["region"]
        )
        return Saved(
            reverse("beheer:region_detail", args=[municipality.region_id]),
            _("Gemeente %(name)s is aangemaakt.") % {"name": municipality},
        )

    return confirm_flow(
        request,
        form_class=MunicipalityForm,
        fields=MUNICIPALITY_FIELDS,
        save=save,
        page=_municipality_page(_("Gemeente toevoegen"), reverse("beheer:region_list")),
    )


@login_required
def municipality_edit(request: HttpRequest, pk: int) -> HttpResponse:
    require_beheer(request)
    municipality = get_object_or_404(Municipality.objects.select_related("region"), pk=pk)
    cancel = reverse("beheer:region_detail", args=[municipality.region_id])

    def save(data: dict) -> Saved:
        changed = municipality_change(
            actor=request.user, municipality=municipality, name=data["name"], region=data["region"]
        )
        return Saved(
            reverse("beheer:region_detail", args=[changed.region_id]),
            _("Gemeente %(name)s is gewijzigd.") % {"name": changed},
        )

    return confirm_flow(
        request,
        form_class=MunicipalityForm,
        instance=municipality,
        fields=MUNICIPALITY_FIELDS,
        save=save,
        page=_municipality_page(
            _("Gemeente %(name)s wijzigen") % {"name": municipality}, cancel, municipality.region
        ),
    )
