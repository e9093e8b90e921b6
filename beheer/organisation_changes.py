"""Writes of functioneel beheer on regions, municipalities and organisations.

Each write checks its rules, saves, and appends one row to the beheer trail in the same
transaction (organisations.audit.change_record): a change and its trail row are saved
together or not at all. The `check_*` functions hold the rules; the forms call them too,
so a refusal shows before the check-your-answers page and again, re-checked, on saving.

Cases belong to the region of their owning team (Case.region, set once). Moving a
municipality or an organisation that is bound to cases to another region would leave
those cases in the old region, under the old convenant and retention term, while their
team works in the new one; so such a move is refused, with the reason in Dutch.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cases.models import Case
from organisations.audit import change_record, diff, snapshot
from organisations.models import (
    ChangeAction,
    ChangeSubject,
    Municipality,
    Organisation,
    OrganisationKind,
    Region,
)
from organisations.roles import actor_of
from organisations.services import (
    municipality_create,
    organisation_create,
    region_create,
)

REGION_FIELDS = ("name", "retention_years")
MUNICIPALITY_FIELDS = ("name", "region")
ORGANISATION_FIELDS = ("name", "kind", "municipality", "region", "active")
# A retention term outside these bounds is a typing error, not a policy.
RETENTION_MIN, RETENTION_MAX = 1, 30


def check_beheer(actor) -> None:
    """Every write here is functioneel beheer's, whichever interface calls it."""
    if not actor_of(actor).is_beheer:
        raise PermissionDenied(_("Alleen functioneel beheer mag dit doen."))


def _name_taken(model, name: str, instance=None) -> bool:
    """Names are unique; "wijkteam noord" and "Wijkteam Noord" count as one."""
    others = model.objects.filter(name__iexact=name.strip())
    if instance is not None and instance.pk:
        others = others.exclude(pk=instance.pk)
    return others.exists()


def record(
    *, actor, kind: ChangeSubject, instance, action: ChangeAction, changes, label: str = ""
) -> None:
    change_record(
        actor=actor,
        subject_kind=kind,
        subject_id=instance.pk,
        subject_label=label or str(instance),
        action=action,
        changes=changes,
    )


def organisation_update_recorded(
    *, actor, organisation: Organisation, action: ChangeAction, **values
) -> None:
    """Set `values` on the organisation, save only those fields, and record old → new."""
    old = snapshot(organisation, ORGANISATION_FIELDS)
    for field, value in values.items():
        setattr(organisation, field, value)
    organisation.save(update_fields=list(values))
    record(
        actor=actor,
        kind=ChangeSubject.ORGANISATION,
        instance=organisation,
        action=action,
        changes=diff(old, snapshot(organisation, ORGANISATION_FIELDS)),
    )


def _unique_save(instance, message: str) -> None:
    """Save, turning a name taken meanwhile (two beheerders at once) into a refusal."""
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as exc:
        raise ValidationError({"name": message}) from exc


# --- cases bound to organisations: the reason a region cannot change ---------------


def cases_bound_to(organisations: QuerySet[Organisation]) -> QuerySet[Case]:
    """Cases (any phase, closed ones too) that these organisations own, are to receive,
    or take part or took part in. Only counted: beheer never shows case content."""
    return Case.objects.filter(
        Q(owning_team__in=organisations)
        | Q(receiving_team__in=organisations)
        | Q(participations__organisation__in=organisations)
    ).distinct()


# --- regions ---------------------------------------------------------------------------


def check_region(*, name: str, retention_years: int, region: Region | None = None) -> None:
    errors = {}
    if _name_taken(Region, name, region):
        errors["name"] = _("Er is al een regio met de naam ‘%(name)s’.") % {"name": name}
    if not RETENTION_MIN <= retention_years <= RETENTION_MAX:
        errors["retention_years"] = _("De bewaartermijn is %(min)s tot en met %(max)s jaar.") % {
            "min": RETENTION_MIN,
            "max": RETENTION_MAX,
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def region_add(*, actor, name: str, retention_years: int) -> Region:
    """A new region; privacy gives it the default convenant matrix when it is saved."""
    check_beheer(actor)
    name = name.strip()
    check_region(name=name, retention_years=retention_years)
    try:
        with transaction.atomic():
            region = region_create(name=name, retention_years=retention_years)
    except IntegrityError as exc:
        raise ValidationError({"name": _("Er is al een regio met deze naam.")}) from exc
    record(
        actor=actor,
        kind=ChangeSubject.REGION,
        instance=region,
        action=ChangeAction.CREATED,
        changes=diff({}, snapshot(region, REGION_FIELDS)),
    )
    return region


@transaction.atomic
def region_change(*, actor, region: Region, name: str, retention_years: int) -> Region:
    """Rename a region or change its retention term; returns it (unchanged: no trail row)."""
    check_beheer(actor)
    region = Region.objects.select_for_update().get(pk=region.pk)
    name = name.strip()
    check_region(name=name, retention_years=retention_years, region=region)
    old = snapshot(region, REGION_FIELDS)
    region.name, region.retention_years = name, retention_years
    changes = diff(old, snapshot(region, REGION_FIELDS))
    if changes:
        _unique_save(region, _("Er is al een regio met deze naam."))
        record(
            actor=actor,
            kind=ChangeSubject.REGION,
            instance=region,
            action=ChangeAction.CHANGED,
            changes=changes,
        )
    return region


# --- municipalities ------------------------------------------------------------------


def check_municipality(
    *, name: str, region: Region, municipality: Municipality | None = None
) -> None:
    errors = {}
    if _name_taken(Municipality, name, municipality):
        errors["name"] = _("Er is al een gemeente met de naam ‘%(name)s’.") % {"name": name}
    if municipality is not None and municipality.region_id != region.pk:
        bound = cases_bound_to(Organisation.objects.filter(municipality=municipality)).count()
        if bound:
            errors["region"] = _(
                "%(name)s kan niet naar een andere regio: organisaties in deze gemeente hebben "
                "%(count)s casus(sen). Een casus hoort bij de regio waarin hij is begonnen, "
                "met het convenant en de bewaartermijn van die regio."
            ) % {"name": municipality.name, "count": bound}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def municipality_add(*, actor, name: str, region: Region) -> Municipality:
    check_beheer(actor)
    name = name.strip()
    check_municipality(name=name, region=region)
    try:
        with transaction.atomic():
            municipality = municipality_create(name=name, region=region)
    except IntegrityError as exc:
        raise ValidationError({"name": _("Er is al een gemeente met deze naam.")}) from exc
    record(
        actor=actor,
        kind=ChangeSubject.MUNICIPALITY,
        instance=municipality,
        action=ChangeAction.CREATED,
        changes=diff({}, snapshot(municipality, MUNICIPALITY_FIELDS)),
    )
    return municipality


@transaction.atomic
def municipality_change(
    *, actor, municipality: Municipality, name: str, region: Region
) -> Municipality:
    """Rename a municipality or move it (without cases) to another region.

    Its organisations move along (their region follows the municipality), each with its
    own trail row, so the trail of an organisation tells where it belonged when.
    """
    check_beheer(actor)
    municipality = Municipality.objects.select_for_update().get(pk=municipality.pk)
    name = name.strip()
    check_municipality(name=name, region=region, municipality=municipality)
    old = snapshot(municipality, MUNICIPALITY_FIELDS)
    municipality.name, municipality.region = name, region
    changes = diff(old, snapshot(municipality, MUNICIPALITY_FIELDS))
    if not changes:
        return municipality
    _unique_save(municipality, _("Er is al een gemeente met deze naam."))
    record(
        actor=actor,
        kind=ChangeSubject.MUNICIPALITY,
        instance=municipality,
        action=ChangeAction.CHANGED,
        changes=changes,
    )
    for organisation in municipality.organisations.exclude(region=region).select_for_update():
        organisation_update_recorded(
            actor=actor, organisation=organisation, action=ChangeAction.CHANGED, region=region
        )
    return municipality


# --- organisations -------------------------------------------------------------------


def placed_region(*, municipality: Municipality | None, region: Region | None) -> Region | None:
    """The region an organisation belongs to: its municipality's, or the one given."""
    return municipality.region if municipality is not None else region


def check_organisation(
    *,
    name: str,
    kind: str,
    municipality: Municipality | None,
    region: Region | None,
    organisation: Organisation | None = None,
) -> None:
    """A wijkteam works in one municipality; every other kind may serve a region as a
    whole (a ZVH, the politie) or a municipality. The region follows the municipality."""
    errors: dict[str, str] = {}
    if _name_taken(Organisation, name, organisation):
        errors["name"] = _("Er is al een organisatie met de naam ‘%(name)s’.") % {"name": name}
    if kind == OrganisationKind.WIJKTEAM and municipality is None:
        errors["municipality"] = _("Kies de gemeente waarin het wijkteam werkt.")
    elif municipality is None and region is None:
        errors["region"] = _("Kies een gemeente of een regio.")
    elif municipality is not None and region is not None and municipality.region_id != region.pk:
        errors["region"] = _(
            "%(municipality)s ligt in regio %(region)s. Kies die regio, of laat de regio leeg."
        ) % {"municipality": municipality.name, "region": municipality.region.name}
    if organisation is not None and not errors:
        new_region = placed_region(municipality=municipality, region=region)
        moves = new_region is not None and new_region.pk != organisation.region_id
        if (moves or kind != organisation.kind) and (
            bound := cases_bound_to(Organisation.objects.filter(pk=organisation.pk)).count()
        ):
            field = "kind" if kind != organisation.kind else "region"
            errors[field] = _(
                "%(name)s is betrokken bij %(count)s casus(sen). Soort en regio van een "
                "organisatie met casussen blijven zoals ze zijn: het convenant van de regio "
                "bepaalt per soort wat de organisatie in die casussen ziet."
            ) % {"name": organisation.name, "count": bound}
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def organisation_add(
    *,
    actor,
    name: str,
    kind: str,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> Organisation:
    check_beheer(actor)
    name = name.strip()
    check_organisation(name=name, kind=kind, municipality=municipality, region=region)
    try:
        with transaction.atomic():
            organisation = organisation_create(
                name=name,
                kind=kind,
                municipality=municipality,
                region=placed_region(municipality=municipality, region=region),
            )
    except IntegrityError as exc:
        raise ValidationError({"name": _("Er is al een organisatie met deze naam.")}) from exc
    record(
        actor=actor,
        kind=ChangeSubject.ORGANISATION,
        instance=organisation,
        action=ChangeAction.CREATED,
        changes=diff({}, snapshot(organisation, ORGANISATION_FIELDS)),
    )
    return organisation


@transaction.atomic
def organisation_change(
    *,
    actor,
    organisation: Organisation,
    name: str,
    kind: str,
    municipality: Municipality | None,
    region: Region | None,
) -> Organisation:
    check_beheer(actor)
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    name = name.strip()
    check_organisation(
        name=name, kind=kind, municipality=municipality, region=region, organisation=organisation
    )
    old = snapshot(organisation, ORGANISATION_FIELDS)
    organisation.name, organisation.kind = name, kind
    organisation.municipality = municipality
    organisation.region = placed_region(municipality=municipality, region=region)
    changes = diff(old, snapshot(organisation, ORGANISATION_FIELDS))
    if not changes:
        return organisation
    # The auth group keeps the organisation's name: a later organisation with the old
    # name must get a group of its own, not this one (organisation_create).
    organisation.group.name = f"org:{name}"
    _unique_save(organisation.group, _("Er is al een organisatie met deze naam."))
    _unique_save(organisation, _("Er is al een organisatie met deze naam."))
    record(
        actor=actor,
        kind=ChangeSubject.ORGANISATION,
        instance=organisation,
        action=ChangeAction.CHANGED,
        changes=changes,
    )
    return organisation
