"""Two-factor enrolment and verification (django-otp: TOTP plus static backup codes)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
TOTP_NAME = "Authenticator-app"
BACKUP_NAME = "Reservecodes"


@dataclass(frozen=True)
class Enrolment:
    device: TOTPDevice
    backup_codes: list[str]


def totp_pending_device(*, user) -> TOTPDevice:
    """The user's unconfirmed TOTP device for enrolment, created on first use."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


@transaction.atomic
def totp_confirm(*, user, token: str) -> Enrolment | None:
    """Confirm the pending TOTP device with a code from the app.

    Returns the enrolment with fresh backup codes, or None when the code is wrong.
    Confirming replaces any earlier devices of the user.
    """
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None or not device.verify_token(token):
        return None
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return Enrolment(device=device, backup_codes=backup_codes_renew(user=user))


@transaction.atomic
def backup_codes_renew(*, user) -> list[str]:
    """Replace the user's backup codes with new ones; returns the codes (shown once)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def token_verify(*, user, token: str):
    """The confirmed device (TOTP or backup code) that accepts `token`, or None.

    Devices throttle repeated failures themselves (django-otp's ThrottlingMixin).
    """
    model = TOTPDevice if token.isdigit() else StaticDevice
    with transaction.atomic():
        for device in model.objects.devices_for_user(user, confirmed=True).select_for_update():
            if device.verify_token(token):
                return device
    return None


def backup_codes_left(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
