"""Writes on regions, municipalities, organisations and memberships."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Membership, Municipality, Organisation, Region
from .roles import forget_actor


def default_region() -> Region:
    """The region named by settings.REGION_NAME, created with the global defaults.

    Where Schakel ran with one region, everything belongs to this one (migration 0002).
    """
    region, _created = Region.objects.get_or_create(
        name=settings.REGION_NAME, defaults={"retention_years": settings.RETENTION_YEARS}
    )
    return region


@transaction.atomic
def region_create(*, name: str, retention_years: int | None = None) -> Region:
    """A region; its retention term starts at settings.RETENTION_YEARS.

    Its convenant matrix starts as the default one (privacy fills it when a region is
    saved: privacy.convenant.ensure_region_matrix).
    """
    region, _created = Region.objects.get_or_create(
        name=name,
        defaults={
            "retention_years": (
                settings.RETENTION_YEARS if retention_years is None else retention_years
            )
        },
    )
    return region


@transaction.atomic
def municipality_create(*, name: str, region: Region) -> Municipality:
    municipality, _created = Municipality.objects.get_or_create(
        name=name, defaults={"region": region}
    )
    return municipality


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    municipality: Municipality | None = None,
    region: Region | None = None,
) -> Organisation:
    """An organisation with its own auth group (grants go to the group).

    It belongs to `municipality` (and so its region), or directly to `region`, or, given
    neither, to the default region.
    """
    if municipality is not None:
        region = municipality.region
    elif region is None:
        region = default_region()
    group, _created = Group.objects.get_or_create(name=f"org:{name}")
    organisation, _created = Organisation.objects.get_or_create(
        name=name,
        defaults={"kind": kind, "group": group, "municipality": municipality, "region": region},
    )
    return organisation


def _sync_groups(user) -> None:
    """Keep the user's auth groups those of their active memberships' organisations."""
    wanted = set(
        Membership.objects.active()
        .filter(user=user)
        .values_list("organisation__group_id", flat=True)
    )
    org_groups = set(
        Group.objects.filter(organisation__isnull=False, user=user).values_list("pk", flat=True)
    )
    if org_groups - wanted:
        user.groups.remove(*(org_groups - wanted))
    if wanted - org_groups:
        user.groups.add(*(wanted - org_groups))
    forget_actor(user)


@transaction.atomic
def membership_add(*, user, organisation: Organisation, role: str) -> Membership:
    """Give the user this membership beside any others (reactivated if it had ended)."""
    if not organisation.active:
        raise ValidationError(
            _("%(org)s is gedeactiveerd en krijgt geen nieuwe leden.") % {"org": organisation.name}
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role
    )
    if not created and not membership.active:
        membership.active = True
        membership.ended_at = None
        membership.save(update_fields=["active", "ended_at"])
    _sync_groups(user)
    return membership


@transaction.atomic
def membership_end(*, membership: Membership) -> Membership:
    """End a membership; it stays for the history (who was where, when).

    Takes effect on the user's next request, in every session: the active membership is
    looked up among the active ones on each request (organisations.roles.actor_of).
    """
    if membership.active:
        membership.active = False
        membership.ended_at = timezone.now()
        membership.save(update_fields=["active", "ended_at"])
    _sync_groups(membership.user)
    return membership


@transaction.atomic
def membership_set(*, user, organisation: Organisation, role: str) -> Membership:
    """Make this the user's only active membership (any other one is ended)."""
    others = (
        Membership.objects.active().filter(user=user).exclude(organisation=organisation, role=role)
    )
    others.update(active=False, ended_at=timezone.now())
    return membership_add(user=user, organisation=organisation, role=role)
