"""Writes on organisations and memberships."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import transaction

from .models import Membership, Organisation
from .roles import forget_actor


@transaction.atomic
def organisation_create(*, name: str, kind: str) -> Organisation:
    """An organisation with its own auth group (grants go to the group)."""
    group, _created = Group.objects.get_or_create(name=f"org:{name}")
    organisation, _created = Organisation.objects.get_or_create(
        name=name, defaults={"kind": kind, "group": group}
    )
    return organisation


@transaction.atomic
def membership_set(*, user, organisation: Organisation, role: str) -> Membership:
    """Place the user in one organisation with one role (replacing any earlier one)."""
    previous = Membership.objects.filter(user=user).select_related("organisation").first()
    if previous and previous.organisation_id != organisation.pk:
        user.groups.remove(previous.organisation.group)
    membership, _created = Membership.objects.update_or_create(
        user=user, defaults={"organisation": organisation, "role": role}
    )
    user.groups.add(organisation.group)
    forget_actor(user)
    return membership
