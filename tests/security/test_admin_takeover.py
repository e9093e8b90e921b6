"""Trust II finding 1: functioneel beheer could take over any account through the
Django admin (set a password, add or read a 2FA device). The admin is for operations
only and offers neither."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operations(db):
    """An operations superuser (not a demo user: superusers are for operations only)."""
    user = UserFactory(username="ops", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(user)
    return client


def test_demo_admin_is_neither_superuser_nor_staff(demo):
    admin_user = demo.users["admin"]
    admin_user.refresh_from_db()

    assert not admin_user.is_superuser
    assert not admin_user.is_staff
    assert not admin_user.user_permissions.exists()
    assert not get_user_model().objects.filter(is_superuser=True).exists()


def test_functional_admin_cannot_open_the_django_admin(demo):
    response = demo.client_for("admin").get("/beheer/")

    assert response.status_code == 302
    assert response["Location"].startswith("/beheer/login/")


def test_functional_admin_cannot_set_another_users_password(demo):
    target = demo.users["wijkteam"]

    response = demo.client_for("admin").post(
        f"/beheer/auth/user/{target.pk}/password/",
        {"password1": "overgenomen-wachtwoord-123", "password2": "overgenomen-wachtwoord-123"},
    )

    assert response.status_code in (302, 403, 404)
    target.refresh_from_db()
    assert target.check_password("demo")
    assert not target.check_password("overgenomen-wachtwoord-123")


def test_functional_admin_cannot_add_a_totp_device_for_someone_else(demo):
    target = demo.users["wijkteam"]

    demo.client_for("admin").post(
        "/beheer/otp_totp/totpdevice/add/",
        {"user": target.pk, "name": "aanvaller", "key": "3132333435363738393031323334353637383930"},
    )

    assert not TOTPDevice.objects.filter(user=target).exists()


def test_no_2fa_device_model_is_in_the_admin():
    assert not admin.site.is_registered(TOTPDevice)
    assert not admin.site.is_registered(StaticDevice)


@pytest.mark.parametrize(
    "path", ["/beheer/otp_totp/totpdevice/", "/beheer/otp_static/staticdevice/"]
)
def test_operations_cannot_reach_2fa_devices_either(operations, path):
    assert operations.get(path).status_code == 404


def test_operations_user_page_has_no_password_form(operations, demo):
    target = demo.users["wijkteam"]

    password_page = operations.get(f"/beheer/auth/user/{target.pk}/password/")
    change_page = operations.get(f"/beheer/auth/user/{target.pk}/change/")

    assert password_page.status_code in (302, 404)
    assert change_page.status_code == 200
    html = change_page.content.decode()
    assert "password/" not in html
    assert 'name="password' not in html


def test_operations_cannot_add_a_user_with_a_chosen_password(operations):
    before = get_user_model().objects.count()

    response = operations.post(
        "/beheer/auth/user/add/",
        {
            "username": "nieuw",
            "password1": "gekozen-wachtwoord-1",
            "password2": "gekozen-wachtwoord-1",
        },
    )

    assert response.status_code == 403
    assert get_user_model().objects.count() == before


def test_staff_with_change_user_cannot_make_themself_superuser(demo):
    staff = UserFactory(username="staf", is_staff=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_user"))
    client = Client()
    client.force_login(staff)

    client.post(
        f"/beheer/auth/user/{staff.pk}/change/",
        {
            "username": "staf",
            "is_active": "on",
            "is_staff": "on",
            "is_superuser": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
        },
    )

    staff.refresh_from_db()
    assert not staff.is_superuser
