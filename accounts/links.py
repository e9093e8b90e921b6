"""One-time account links: set a password and/or enrol two-factor authentication.

A link is `SITE_URL/accounts/link/<token>/`, sent to the user's own e-mail address.
Only the SHA-256 of the token is stored. Opening the link (GET) changes nothing, so a
mail scanner that follows links does not use it up; the form on that page (POST) claims
it with a conditional update, so two tabs cannot both use one link.

A link that enrols 2FA leaves a grant in the browser session that used it: after
logging in, that session may enrol an authenticator app (accounts.views.otp_setup) until
the link expires. Without such a grant nobody without a confirmed device can enrol:
knowing someone's password is not enough (trust-on-first-use, Trust II finding 8).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.sessions.backends.base import SessionBase
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .audit import audit_record
from .models import AccountLink, AuditAction
from .sessions import sessions_end_all

ENROLMENT_SESSION_KEY = "accounts_enrolment_link"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _describe(link: AccountLink) -> str:
    if link.sets_password and link.enrols_two_factor:
        return _("wachtwoord en tweestapsverificatie")
    return _("wachtwoord") if link.sets_password else _("tweestapsverificatie")


@transaction.atomic
def link_issue(
    *, user, by, sets_password: bool, enrols_two_factor: bool, reason: str = ""
) -> AccountLink:
    """Create a link for `user`, e-mail it to them and audit it; returns the link.

    `by` is the beheerder who asked for it, or None for the user's own "wachtwoord
    vergeten". Earlier open links of the user are revoked: only the newest works. The
    e-mail is sent inside the transaction, so a mail failure leaves no link behind.
    """
    now = timezone.now()
    AccountLink.objects.filter(user=user, used_at=None, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    link = AccountLink.objects.create(
        user=user,
        token_hash=_hash(token),
        sets_password=sets_password,
        enrols_two_factor=enrols_two_factor,
        created_by=by,
        created_at=now,
        expires_at=now + timedelta(hours=settings.ACCOUNT_LINK_HOURS),
    )
    audit_record(
        actor=by,
        subject=user,
        action=AuditAction.LINK_ISSUED,
        detail=f"{_describe(link)}{': ' + reason if reason else ''}",
    )
    url = settings.SITE_URL.rstrip("/") + reverse("accounts:link_use", args=[token])
    context = {"user": user, "url": url, "link": link, "hours": settings.ACCOUNT_LINK_HOURS}
    send_mail(
        subject=_("Schakel: uw persoonlijke link"),
        message=render_to_string("accounts/email/account_link.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )
    return link


def link_lookup(token: str) -> AccountLink | None:
    """The open (unused, unrevoked, unexpired) link for `token`, or None."""
    if not token or len(token) > 100:
        return None
    return (
        AccountLink.objects.select_related("user")
        .filter(
            token_hash=_hash(token),
            used_at=None,
            revoked_at=None,
            expires_at__gt=timezone.now(),
            user__is_active=True,
        )
        .first()
    )


@transaction.atomic
def link_use(*, link: AccountLink, session: SessionBase, new_password: str | None = None) -> bool:
    """Use the link: set the password (if it sets one), grant enrolment to `session`
    (if it enrols 2FA). Returns False when another request used it first.

    Setting a password ends all of the user's sessions: whoever had the old one is out.
    """
    now = timezone.now()
    claimed = AccountLink.objects.filter(
        pk=link.pk, used_at=None, revoked_at=None, expires_at__gt=now
    ).update(used_at=now)
    if not claimed:
        return False
    user = link.user
    audit_record(actor=user, subject=user, action=AuditAction.LINK_USED, detail=_describe(link))
    if link.sets_password:
        user.set_password(new_password)
        user.save(update_fields=["password"])
        sessions_end_all(user=user)
        audit_record(actor=user, subject=user, action=AuditAction.PASSWORD_SET)
    if link.enrols_two_factor:
        session[ENROLMENT_SESSION_KEY] = link.pk
    return True


def enrolment_link_for(*, session: SessionBase, user: AbstractBaseUser) -> AccountLink | None:
    """The used, unexpired 2FA link of `user` that granted enrolment to this session."""
    pk = session.get(ENROLMENT_SESSION_KEY)
    if not isinstance(pk, int):
        return None
    return AccountLink.objects.filter(
        pk=pk,
        user=user,
        enrols_two_factor=True,
        used_at__isnull=False,
        enrolled_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).first()


def enrolment_complete(*, link: AccountLink, session: SessionBase) -> None:
    """Close the grant after the user confirmed their authenticator app."""
    AccountLink.objects.filter(pk=link.pk, enrolled_at=None).update(enrolled_at=timezone.now())
    session.pop(ENROLMENT_SESSION_KEY, None)
    audit_record(actor=link.user, subject=link.user, action=AuditAction.TWO_FACTOR_ENROLLED)
