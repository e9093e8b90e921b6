"""Helpers for tests of one-time account links: issue one, read it from the mail."""

from __future__ import annotations

import re

from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.links import link_issue

LINK_PATTERN = re.compile(r"/accounts/link/([A-Za-z0-9_-]+)/")


def last_link_path() -> str:
    """The path of the link in the last e-mail sent."""
    match = LINK_PATTERN.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(0)


def totp_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def grant_enrolment(client, user) -> None:
    """Let `client`'s session enrol `user`'s first device, as a beheer link would.

    Call before logging in: using a link logs a logged-in browser out.
    """
    link_issue(user=user, by=None, sets_password=False, enrols_two_factor=True)
    response = client.post(last_link_path())
    assert response.status_code == 302, response.content.decode()
