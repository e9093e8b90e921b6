"""Password and 2FA recovery as an explicit procedure (Trust II finding 1).

Nobody sets another user's password or reads or writes their 2FA secret. Instead:
- a beheerder sends a user a one-time link to set a password (for a user without a
  confirmed 2FA device the same link also lets them enrol one: the invitation);
- a user who forgot their password asks for such a link themselves;
- a 2FA reset (a lost phone) is asked for by one beheerder and approved by another;
  approval removes the user's devices and mails them a link to enrol again.
Links always go to the user's own e-mail address. Every step is an audit row.
Refusals raise `Refused` with a Dutch message, before anything is written.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisations.roles import actor_of

from .audit import audit_record
from .links import link_issue
from .models import AccountLink, AuditAction, ResetStatus, TwoFactorReset
from .sessions import sessions_end_all

# A second "wachtwoord vergeten" within this time sends no new mail: typing someone's
# username repeatedly must not flood their inbox.
FORGOT_PASSWORD_QUIET = timedelta(minutes=5)


class Refused(Exception):
    """An account action that is not allowed; str(exc) is the Dutch reason."""


def _check_beheer(by) -> None:
    if not actor_of(by).is_beheer:
        raise Refused(_("Alleen functioneel beheer mag dit doen."))


def _check_subject(*, by, user) -> None:
    """Beheer acts on ordinary, active accounts of others that can receive mail."""
    _check_beheer(by)
    if user.pk == by.pk:
        raise Refused(
            _(
                "U kunt dit niet voor uw eigen account doen. Gebruik 'Wachtwoord vergeten' "
                "of vraag een andere beheerder."
            )
        )
    if user.is_superuser:
        raise Refused(_("Accounts van technisch beheer worden door technisch beheer beheerd."))
    if not user.is_active:
        raise Refused(_("Dit account is niet actief."))
    if not user.email:
        raise Refused(_("Dit account heeft geen e-mailadres; er kan geen link worden verstuurd."))


def password_link_send(*, by, user) -> AccountLink:
    """A beheerder mails `user` a password link; returns the link.

    A user without a confirmed 2FA device may enrol one with the same link (a new
    account's invitation). A user who has one keeps it: replacing it is a 2FA reset.
    """
    _check_subject(by=by, user=user)
    return link_issue(
        user=user,
        by=by,
        sets_password=True,
        enrols_two_factor=not user_has_device(user),
    )


def password_forgotten(*, username: str) -> AccountLink | None:
    """ "Wachtwoord vergeten": mail a password link to the account's own address.

    Returns the link, or None when nothing was sent (unknown, inactive, no e-mail,
    or a link was sent moments ago). The caller shows the same page either way, so the
    page does not reveal which usernames exist.
    """
    user = (
        get_user_model().objects.filter(username=username, is_active=True).exclude(email="").first()
    )
    if user is None:
        return None
    recent = AccountLink.objects.filter(
        user=user, created_by=None, created_at__gt=timezone.now() - FORGOT_PASSWORD_QUIET
    )
    if recent.exists():
        return None
    return link_issue(
        user=user,
        by=None,
        sets_password=True,
        enrols_two_factor=False,
        reason=_("wachtwoord vergeten"),
    )


def two_factor_reset_request(*, by, user, reason: str) -> TwoFactorReset:
    """One beheerder asks to reset `user`'s 2FA; another must approve."""
    _check_subject(by=by, user=user)
    reason = reason.strip()
    if not reason:
        raise Refused(_("Geef een reden voor de 2FA-reset (bijvoorbeeld: telefoon kwijt)."))
    if not user_has_device(user):
        raise Refused(
            _(
                "Dit account heeft nog geen tweestapsverificatie. Stuur een wachtwoordlink: "
                "daarmee stelt de gebruiker ook de tweestapsverificatie in."
            )
        )
    try:
        with transaction.atomic():
            reset = TwoFactorReset.objects.create(user=user, requested_by=by, reason=reason[:200])
            audit_record(actor=by, subject=user, action=AuditAction.RESET_REQUESTED, detail=reason)
    except IntegrityError:
        raise Refused(_("Voor dit account staat al een 2FA-reset open.")) from None
    return reset


def _decide(*, by, reset: TwoFactorReset, status: str) -> TwoFactorReset:
    """Claim the open request for this decision (conditional update), or refuse."""
    claimed = TwoFactorReset.objects.filter(pk=reset.pk, status=ResetStatus.REQUESTED).update(
        status=status, decided_by=by, decided_at=timezone.now()
    )
    if not claimed:
        raise Refused(_("Over deze 2FA-reset is al besloten."))
    reset.refresh_from_db()
    return reset


def two_factor_reset_approve(*, by, reset: TwoFactorReset) -> TwoFactorReset:
    """A second beheerder approves: the user's devices and sessions are removed and
    they get a link to enrol again. Returns the decided request."""
    _check_subject(by=by, user=reset.user)
    if reset.requested_by_id == by.pk:
        raise Refused(_("Een andere beheerder moet deze 2FA-reset goedkeuren (vier-ogenprincipe)."))
    with transaction.atomic():
        reset = _decide(by=by, reset=reset, status=ResetStatus.APPROVED)
        user = reset.user
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        sessions_end_all(user=user)
        audit_record(
            actor=by,
            subject=user,
            action=AuditAction.RESET_APPROVED,
            detail=_("aangevraagd door %(name)s") % {"name": reset.requested_by.get_username()},
        )
        link_issue(user=user, by=by, sets_password=False, enrols_two_factor=True)
    return reset


def two_factor_reset_refuse(*, by, reset: TwoFactorReset) -> TwoFactorReset:
    """Any beheerder but the user themself may refuse (or withdraw) an open request."""
    _check_beheer(by)
    if reset.user_id == by.pk:
        raise Refused(_("U kunt niet beslissen over een 2FA-reset van uw eigen account."))
    with transaction.atomic():
        reset = _decide(by=by, reset=reset, status=ResetStatus.REFUSED)
        audit_record(actor=by, subject=reset.user, action=AuditAction.RESET_REFUSED)
    return reset
