"""Reads for the user pages of functioneel beheer (no case data, only accounts)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.models import BeheerChange, ChangeSubject, Membership


def _with_device(users: QuerySet) -> QuerySet:
    return users.annotate(
        has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
    )


def managed_users() -> QuerySet:
    """The accounts beheer manages: everyone but operations' superusers."""
    return get_user_model().objects.filter(is_superuser=False)


def user_list(*, query: str = "", organisation=None, status: str = "") -> QuerySet:
    """Users matching every word of `query` (in name, username or e-mail), of
    `organisation` (an active membership there), active or inactive; with their active
    memberships (one extra query per page) and `has_device`."""
    users = managed_users()
    for word in query.split()[:5]:
        users = users.filter(
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    if organisation is not None:
        users = users.filter(
            Exists(
                Membership.objects.active().filter(user=OuterRef("pk"), organisation=organisation)
            )
        )
    if status == "actief":
        users = users.filter(is_active=True)
    elif status == "inactief":
        users = users.filter(is_active=False)
    return (
        _with_device(users)
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.active().select_related("organisation").order_by("pk"),
                to_attr="active_memberships",
            )
        )
        .order_by("last_name", "first_name", "username")
    )


def user_detail_queryset() -> QuerySet:
    """For one user's page: all memberships, ended ones too (they are the history)."""
    return _with_device(managed_users()).prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("organisation").order_by("-active", "pk"),
            to_attr="all_memberships",
        )
    )


def user_trail(user, limit: int = 20) -> list[BeheerChange]:
    """The latest beheer changes to this user and their memberships."""
    membership_ids = [m.pk for m in getattr(user, "all_memberships", [])]
    return list(
        BeheerChange.objects.filter(
            Q(subject_kind=ChangeSubject.USER, subject_id=user.pk)
            | Q(subject_kind=ChangeSubject.MEMBERSHIP, subject_id__in=membership_ids)
        )[:limit]
    )
