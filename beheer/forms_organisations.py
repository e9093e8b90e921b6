"""Forms for regions, municipalities and organisations; the rules are in
beheer.organisation_changes (check_*), asked here so a refusal shows on the form."""

from __future__ import annotations

import copy

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from organisations.models import (
    ChangeSubject,
    Municipality,
    Organisation,
    OrganisationKind,
    Region,
)

from .organisation_changes import (
    RETENTION_MAX,
    RETENTION_MIN,
    check_municipality,
    check_organisation,
    check_region,
    placed_region,
)


class BeheerForm(forms.Form):
    """A form over one model instance (None when adding). Unbound, it starts from the
    instance's values, overridden by `initial` (the query string of a "Wijzigen" link)."""

    fields_of_instance: tuple[str, ...] = ()

    def __init__(self, *args, instance=None, initial=None, **kwargs) -> None:
        self.instance = instance
        start = {}
        if instance is not None:
            start = {
                name: getattr(instance, f"{name}_id", None) or getattr(instance, name)
                for name in self.fields_of_instance
            }
        super().__init__(*args, initial={**start, **(initial or {})}, **kwargs)

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors:
            try:
                self.check(data)
            except ValidationError as exc:
                self.add_error(None, exc)
        return data

    def check(self, data: dict) -> None:  # pragma: no cover - every form overrides it
        raise NotImplementedError

    def preview(self):
        """An unsaved copy of the instance (or a new one) with the answers applied: what
        the check-your-answers page shows as "new"."""
        new = copy.copy(self.instance) if self.instance is not None else self.new_instance()
        for name, value in self.answers().items():
            setattr(new, name, value)
        return new

    def answers(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields_of_instance}

    def new_instance(self):  # pragma: no cover - every form overrides it
        raise NotImplementedError


class RegionForm(BeheerForm):
    fields_of_instance = ("name", "retention_years")

    name = forms.CharField(label=_("Naam"), max_length=200)
    retention_years = forms.IntegerField(
        label=_("Bewaartermijn (jaren)"),
        min_value=RETENTION_MIN,
        max_value=RETENTION_MAX,
        help_text=_(
            "Zoveel jaar na het sluiten van een casus worden de persoonsgegevens "
            "geanonimiseerd, zoals het convenant van de regio zegt."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["retention_years"].initial = settings.RETENTION_YEARS
        self.initial.setdefault("retention_years", settings.RETENTION_YEARS)

    def check(self, data: dict) -> None:
        check_region(
            name=data["name"].strip(), retention_years=data["retention_years"], region=self.instance
        )

    def new_instance(self) -> Region:
        return Region()


class MunicipalityForm(BeheerForm):
    fields_of_instance = ("name", "region")

    name = forms.CharField(label=_("Naam"), max_length=200)
    region = forms.ModelChoiceField(
        label=_("Regio"), queryset=Region.objects.all(), empty_label=_("Kies een regio")
    )

    def check(self, data: dict) -> None:
        check_municipality(
            name=data["name"].strip(), region=data["region"], municipality=self.instance
        )

    def new_instance(self) -> Municipality:
        return Municipality()


class OrganisationForm(BeheerForm):
    fields_of_instance = ("name", "kind", "municipality", "region")

    name = forms.CharField(label=_("Naam"), max_length=200)
    kind = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Kies een soort")), *OrganisationKind.choices]
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.select_related("region"),
        required=False,
        empty_label=_("Geen gemeente"),
        help_text=_(
            "Een wijkteam werkt in één gemeente; de regio volgt dan uit de gemeente. "
            "Laat leeg voor een organisatie die voor de hele regio werkt."
        ),
    )
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("Volgt uit de gemeente"),
        help_text=_("Voor een Zorg- en Veiligheidshuis of een regionale partner zonder gemeente."),
    )

    def check(self, data: dict) -> None:
        check_organisation(
            name=data["name"].strip(),
            kind=data["kind"],
            municipality=data["municipality"],
            region=data["region"],
            organisation=self.instance,
        )

    def answers(self) -> dict:
        answers = super().answers()
        answers["region"] = placed_region(
            municipality=answers["municipality"], region=answers["region"]
        )
        return answers

    def new_instance(self) -> Organisation:
        return Organisation(active=True)


class OrganisationFilterForm(forms.Form):
    regio = forms.ModelChoiceField(
        label=_("Regio"), queryset=Region.objects.all(), required=False, empty_label=_("Alle")
    )
    soort = forms.ChoiceField(
        label=_("Soort"), choices=[("", _("Alle")), *OrganisationKind.choices], required=False
    )


class TrailFilterForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort wijziging"),
        choices=[("", _("Alle")), *ChangeSubject.choices],
        required=False,
    )
    onderwerp = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
