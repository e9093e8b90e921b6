"""Writes on users by functioneel beheer: invite, edit, memberships, (de)activate.

Beheer never sets a password or a 2FA secret of another user: an invitation and a
reactivation send a one-time link to the user's own address (accounts.links). Every
service below checks who acts, validates, writes the change and its one row in the
beheer trail in one transaction, and raises `Refused` with a Dutch reason before
anything is written.

Deactivation ends the user's active memberships (they stay as records, with the moment
they ended) and so takes them out of the organisations' auth groups, which carry the
case grants. Reactivation restores the memberships the beheerder ticks; the page offers
the ones the deactivation ended.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import user_has_device

from accounts.links import link_issue
from accounts.models import AccountLink
from accounts.sessions import sessions_end_all
from organisations.audit import change_record, diff, snapshot
from organisations.models import ChangeAction, ChangeSubject, Membership, Organisation, Role
from organisations.roles import actor_of
from organisations.services import _sync_groups, membership_add, membership_end

# Refusals are logged (who tried what, never a case): issue 13 asks for a log line per
# refused bad input besides the Dutch message.
logger = logging.getLogger("schakel.beheer")

# What the trail shows of a user: these fields, by their Dutch verbose names.
USER_FIELDS = ("username", "first_name", "last_name", "email")


class Refused(Exception):
    """A beheer action that is not allowed; str(exc) is the Dutch reason."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        logger.warning("beheer refused: %s", message)


@dataclass(frozen=True)
class Invitation:
    username: str
    first_name: str
    last_name: str
    email: str
    organisation: Organisation
    role: str


def _check_beheer(by) -> None:
    if not actor_of(by).is_beheer:
        raise Refused(_("Alleen functioneel beheer mag dit doen."))


def _check_other(*, by, user, message: str) -> None:
    """Beheer changes the access of others, never their own: a second beheerder does
    that (nobody gives themselves a role that sees case content)."""
    if user.pk == by.pk:
        raise Refused(message)


def user_label(user) -> str:
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else user.username


def membership_label(membership: Membership) -> str:
    return f"{membership.organisation.name} ({membership.get_role_display()})"


def invitation_problems(*, username: str, email: str) -> dict[str, str]:
    """Field → Dutch reason for a username or e-mail address already in use."""
    users = get_user_model().objects
    problems = {}
    if users.filter(username__iexact=username).exists():
        problems["username"] = _("Deze gebruikersnaam is al in gebruik. Kies een andere.")
    existing = users.filter(email__iexact=email).first()
    if existing is not None:
        problems["email"] = _(
            "Er is al een account met dit e-mailadres (gebruikersnaam %(username)s). "
            "Nodig niemand twee keer uit: zoek het account op en voeg een lidmaatschap toe."
        ) % {"username": existing.username}
    if problems:
        logger.warning("beheer invitation refused: %s in use", " and ".join(problems))
    return problems


def _check_organisation(organisation: Organisation) -> None:
    if not organisation.active:
        raise Refused(
            _("%(org)s is gedeactiveerd en krijgt geen nieuwe leden.") % {"org": organisation.name}
        )


def _create_invited(*, by, invitation: Invitation, action: ChangeAction):
    """The user, their first membership, the trail row and the link mail."""
    _check_organisation(invitation.organisation)
    problems = invitation_problems(username=invitation.username, email=invitation.email)
    if problems:
        raise Refused(" ".join(problems.values()))
    try:
        with transaction.atomic():
            user = get_user_model().objects.create_user(
                username=invitation.username,
                first_name=invitation.first_name,
                last_name=invitation.last_name,
                email=invitation.email,
                password=None,  # unusable: the user sets one with the link
            )
    except IntegrityError as exc:  # another request took the username just now
        raise Refused(_("Deze gebruikersnaam is al in gebruik. Kies een andere.")) from exc
    membership = membership_add(
        user=user, organisation=invitation.organisation, role=invitation.role
    )
    changes = diff({}, snapshot(user, USER_FIELDS))
    changes[_("lidmaatschap")] = ["—", membership_label(membership)]
    change_record(
        actor=by,
        subject_kind=ChangeSubject.USER,
        subject_id=user.pk,
        subject_label=user_label(user),
        action=action,
        changes=changes,
    )
    link_issue(user=user, by=by, sets_password=True, enrols_two_factor=True)
    return user


@transaction.atomic
def user_invite(*, by, invitation: Invitation):
    """Create an active user with an unusable password and one membership, and mail
    them a link to set a password and enrol 2FA; returns the user."""
    _check_beheer(by)
    return _create_invited(by=by, invitation=invitation, action=ChangeAction.INVITED)


@transaction.atomic
def users_import(*, by, invitations: list[Invitation]) -> list:
    """Invite every user of a checked CSV file, all or none; one trail row per user."""
    _check_beheer(by)
    return [
        _create_invited(by=by, invitation=invitation, action=ChangeAction.IMPORTED)
        for invitation in invitations
    ]


def invitation_pending(user) -> bool:
    """Invited, and the password not set yet: a new invitation may be sent."""
    return user.is_active and not user.has_usable_password()


@transaction.atomic
def invitation_resend(*, by, user) -> AccountLink:
    """A new invitation link (the old one stops working); returns the link."""
    _check_beheer(by)
    if not invitation_pending(user):
        raise Refused(
            _("Deze gebruiker heeft al een wachtwoord; een nieuwe uitnodiging is niet nodig.")
        )
    change_record(
        actor=by,
        subject_kind=ChangeSubject.USER,
        subject_id=user.pk,
        subject_label=user_label(user),
        action=ChangeAction.INVITED,
        changes={_("uitnodiging"): [_("verstuurd"), _("opnieuw verstuurd")]},
    )
    return link_issue(user=user, by=by, sets_password=True, enrols_two_factor=True)


@transaction.atomic
def user_change(*, by, user, first_name: str, last_name: str, email: str):
    """Change name and e-mail; returns the changes {label: [old, new]} (empty: nothing
    changed, nothing written). A new e-mail address revokes open links: they went to the
    old address."""
    _check_beheer(by)
    other = get_user_model().objects.filter(email__iexact=email).exclude(pk=user.pk).first()
    if other is not None:
        raise Refused(
            _("Er is al een ander account met dit e-mailadres (gebruikersnaam %(username)s).")
            % {"username": other.username}
        )
    old = snapshot(user, USER_FIELDS)
    old_email = user.email
    user.first_name, user.last_name, user.email = first_name, last_name, email
    changes = diff(old, snapshot(user, USER_FIELDS))
    if not changes:
        return changes
    user.save(update_fields=["first_name", "last_name", "email"])
    if old_email.lower() != email.lower():
        AccountLink.objects.filter(user=user, used_at=None, revoked_at=None).update(
            revoked_at=timezone.now()
        )
    change_record(
        actor=by,
        subject_kind=ChangeSubject.USER,
        subject_id=user.pk,
        subject_label=user_label(user),
        action=ChangeAction.CHANGED,
        changes=changes,
    )
    return changes


def _record_membership(*, by, membership: Membership, action: ChangeAction, changes) -> None:
    change_record(
        actor=by,
        subject_kind=ChangeSubject.MEMBERSHIP,
        subject_id=membership.pk,
        subject_label=f"{user_label(membership.user)} — {membership_label(membership)}",
        action=action,
        changes=changes,
    )


@transaction.atomic
def user_membership_add(*, by, user, organisation: Organisation, role: str) -> Membership:
    """A further membership (a person may work in several organisations or roles)."""
    _check_beheer(by)
    _check_other(
        by=by, user=user, message=_("Een andere beheerder moet uw eigen lidmaatschappen wijzigen.")
    )
    if not user.is_active:
        raise Refused(_("Dit account is gedeactiveerd. Activeer het eerst opnieuw."))
    _check_organisation(organisation)
    if Membership.objects.active().filter(user=user, organisation=organisation, role=role).exists():
        raise Refused(
            _("%(name)s heeft dit lidmaatschap al: %(organisation)s als %(role)s.")
            % {
                "name": user_label(user),
                "organisation": organisation.name,
                "role": Role(role).label,
            }
        )
    membership = membership_add(user=user, organisation=organisation, role=role)
    _record_membership(
        by=by,
        membership=membership,
        action=ChangeAction.CREATED,
        changes={_("lidmaatschap"): ["—", membership_label(membership)]},
    )
    return membership


@transaction.atomic
def user_membership_end(*, by, membership: Membership) -> Membership:
    """End a membership: in every session of the user, from their next request on."""
    _check_beheer(by)
    _check_other(
        by=by,
        user=membership.user,
        message=_("Een andere beheerder moet uw eigen lidmaatschappen wijzigen."),
    )
    if not membership.active:
        raise Refused(_("Dit lidmaatschap is al beëindigd."))
    membership_end(membership=membership)
    _record_membership(
        by=by,
        membership=membership,
        action=ChangeAction.ENDED,
        changes={_("actief"): [_("ja"), _("nee")]},
    )
    return membership


@transaction.atomic
def user_deactivate(*, by, user) -> list[Membership]:
    """Out at once: inactive, every session ended, open links revoked, memberships ended
    (so out of the organisations' groups). Returns the memberships it ended."""
    _check_beheer(by)
    _check_other(by=by, user=user, message=_("U kunt uw eigen account niet deactiveren."))
    if user.is_superuser:
        raise Refused(_("Accounts van technisch beheer worden door technisch beheer beheerd."))
    if not user.is_active:
        raise Refused(_("Dit account is al gedeactiveerd."))
    now = timezone.now()
    ended = list(Membership.objects.active().filter(user=user).select_related("organisation"))
    # One moment for all: reactivation offers the memberships that ended at this moment.
    Membership.objects.filter(pk__in=[m.pk for m in ended]).update(active=False, ended_at=now)
    user.is_active = False
    user.save(update_fields=["is_active"])
    _sync_groups(user)
    AccountLink.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=now)
    sessions_end_all(user=user)
    change_record(
        actor=by,
        subject_kind=ChangeSubject.USER,
        subject_id=user.pk,
        subject_label=user_label(user),
        action=ChangeAction.DEACTIVATED,
        changes={
            _("status"): [_("actief"), _("gedeactiveerd")],
            _("beëindigde lidmaatschappen"): [
                "; ".join(membership_label(m) for m in ended) or "—",
                "—",
            ],
        },
    )
    return ended


def restorable_memberships(user) -> tuple[list[Membership], set[int]]:
    """The user's ended memberships in active organisations, and the ids of those the
    deactivation ended (all ended at the latest end moment, see `user_deactivate`): the
    ones to offer, and the ones ticked."""
    ended = list(
        Membership.objects.filter(user=user, active=False, organisation__active=True)
        .select_related("organisation")
        .order_by("-ended_at", "pk")
    )
    latest = ended[0].ended_at if ended else None
    return ended, {m.pk for m in ended if m.ended_at == latest}


@transaction.atomic
def user_reactivate(*, by, user, memberships: list[Membership]) -> AccountLink:
    """Active again, with the chosen ended memberships restored; mails a password link
    (and 2FA enrolment when the user has no device). Returns the link."""
    _check_beheer(by)
    _check_other(by=by, user=user, message=_("U kunt uw eigen account niet heractiveren."))
    if user.is_active:
        raise Refused(_("Dit account is al actief."))
    if not user.email:
        raise Refused(_("Dit account heeft geen e-mailadres; vul dat eerst in."))
    if any(m.user_id != user.pk or m.active for m in memberships):
        raise Refused(_("Kies alleen beëindigde lidmaatschappen van deze gebruiker."))
    for membership in memberships:
        _check_organisation(membership.organisation)
    user.is_active = True
    user.save(update_fields=["is_active"])
    for membership in memberships:
        membership_add(user=user, organisation=membership.organisation, role=membership.role)
    change_record(
        actor=by,
        subject_kind=ChangeSubject.USER,
        subject_id=user.pk,
        subject_label=user_label(user),
        action=ChangeAction.REACTIVATED,
        changes={
            _("status"): [_("gedeactiveerd"), _("actief")],
            _("herstelde lidmaatschappen"): [
                "—",
                "; ".join(membership_label(m) for m in memberships) or "—",
            ],
        },
    )
    return link_issue(
        user=user, by=by, sets_password=True, enrols_two_factor=not user_has_device(user)
    )
