"""Trust II finding 8: a first 2FA device only with a one-time link from beheer.
Knowing someone's password is not enough to enrol an authenticator of one's own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountAuditEvent, AccountLink, AuditAction
from accounts.recovery import password_link_send

from .account_links import grant_enrolment, last_link_path, totp_code

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lange-nieuwe-zin-42"


@pytest.fixture
def require_2fa(settings):
    settings.REQUIRE_2FA = True


def _login(client, username="wijkteam", password="demo"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_password_alone_cannot_enrol_a_first_device(client, demo, require_2fa):
    _login(client)

    assert client.get(reverse("cases:list"))["Location"].startswith(reverse("accounts:otp_setup"))
    response = client.get(reverse("accounts:otp_setup"))
    post = client.post(reverse("accounts:otp_setup"), {"token": "123456"})

    assert response.status_code == 403
    assert "vraag eerst een link" in response.content.decode()
    assert "functioneel beheer" in response.content.decode()
    assert post.status_code == 403
    assert not TOTPDevice.objects.exists()
    assert client.get(reverse("cases:list")).status_code == 302


def test_without_required_2fa_enrolment_still_needs_a_link(client, demo):
    _login(client)

    assert client.get(reverse("cases:list")).status_code == 200
    assert client.get(reverse("accounts:otp_setup")).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_invitation_link_sets_password_then_enrols(client, demo, require_2fa):
    user = demo.users["wijkteam"]
    # Beheer's own second factor is not the point here: the service behind the button.
    password_link_send(by=demo.users["admin"], user=user)
    assert AccountLink.objects.get().enrols_two_factor

    response = client.post(
        last_link_path(), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("login")
    _login(client, password=NEW_PASSWORD)
    setup = client.get(reverse("accounts:otp_setup"))
    assert setup.status_code == 200
    assert "Tweestapsverificatie instellen" in setup.content.decode()
    device = TOTPDevice.objects.get(user=user)
    done = client.post(reverse("accounts:otp_setup"), {"token": totp_code(device)})

    assert done.status_code == 200
    assert client.get(reverse("cases:list")).status_code == 200
    assert AccountLink.objects.get().enrolled_at is not None
    assert AccountAuditEvent.objects.filter(
        subject=user, action=AuditAction.TWO_FACTOR_ENROLLED
    ).exists()


def test_the_grant_ends_with_the_enrolment(client, demo, require_2fa):
    grant_enrolment(client, demo.users["wijkteam"])
    _login(client)
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get()
    client.post(reverse("accounts:otp_setup"), {"token": totp_code(device)})
    TOTPDevice.objects.all().delete()
    StaticDevice.objects.all().delete()

    assert client.get(reverse("accounts:otp_setup")).status_code == 403


def test_an_expired_grant_no_longer_enrols(client, demo, require_2fa):
    grant_enrolment(client, demo.users["wijkteam"])
    AccountLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    _login(client)

    assert client.get(reverse("accounts:otp_setup")).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_a_grant_is_only_for_the_user_of_the_link(client, demo, require_2fa):
    grant_enrolment(client, demo.users["wijkteam"])
    _login(client, "regisseur")

    assert client.get(reverse("accounts:otp_setup")).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_a_grant_does_not_travel_to_another_browser(demo, require_2fa):
    grant_enrolment(Client(), demo.users["wijkteam"])
    other = Client()
    _login(other)

    assert other.get(reverse("accounts:otp_setup")).status_code == 403


def test_demo_users_log_in_with_password_demo_without_2fa(client, demo):
    for username in ("wijkteam", "regisseur", "admin", "privacy"):
        browser = Client()
        _login(browser, username)
        assert browser.get("/").status_code == 302
        assert browser.get(reverse("accounts:security")).status_code == 200
