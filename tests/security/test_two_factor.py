from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services

from .account_links import grant_enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def require_2fa(settings):
    settings.REQUIRE_2FA = True


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _login(client, username="wijkteam"):
    return client.post(reverse("login"), {"username": username, "password": "demo"})


def test_user_without_device_is_sent_to_enrolment_after_password(client, demo, require_2fa):
    response = _login(client)
    assert response.status_code == 302
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_setup"))


def test_enrolment_page_shows_inline_qr_code_and_secret(client, demo, require_2fa):
    grant_enrolment(client, demo.users["wijkteam"])
    _login(client)
    response = client.get(reverse("accounts:otp_setup"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tweestapsverificatie instellen" in html
    assert 'src="data:image/svg+xml;base64,' in html
    assert "http://" not in html.split("<main", 1)[1] and "https://" not in html


def test_enrolment_with_right_code_gives_backup_codes_and_access(client, demo, require_2fa):
    grant_enrolment(client, demo.users["wijkteam"])
    _login(client)
    client.get(reverse("accounts:otp_setup"))
    device = TOTPDevice.objects.get(user=demo.users["wijkteam"])
    response = client.post(reverse("accounts:otp_setup"), {"token": _code(device)})
    assert response.status_code == 200
    assert "Uw reservecodes" in response.content.decode()
    assert StaticToken.objects.filter(device__user=demo.users["wijkteam"]).count() == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("cases:list")).status_code == 200


def test_enrolment_with_wrong_code_shows_dutch_error_and_confirms_nothing(
    client, demo, require_2fa
):
    grant_enrolment(client, demo.users["wijkteam"])
    _login(client)
    client.get(reverse("accounts:otp_setup"))
    response = client.post(reverse("accounts:otp_setup"), {"token": "000000"})
    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    assert not TOTPDevice.objects.filter(confirmed=True).exists()
    assert client.get(reverse("cases:list")).status_code == 302


def _enrol(user) -> tuple[TOTPDevice, list[str]]:
    device = services.totp_pending_device(user=user)
    enrolment = services.totp_confirm(user=user, token=_code(device))
    assert enrolment is not None
    device.refresh_from_db()
    # The enrolment code was used; let the next code (same time step) verify again.
    device.last_t = -1
    device.save()
    return device, enrolment.backup_codes


def test_enrolled_user_must_enter_code_after_password(client, demo, require_2fa):
    device, _codes = _enrol(demo.users["wijkteam"])
    _login(client)
    response = client.get(reverse("cases:list"))
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
    response = client.post(
        reverse("accounts:otp_verify"), {"token": _code(device), "next": "/cases/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/cases/"
    assert client.get(reverse("cases:list")).status_code == 200


def test_enrolled_user_cannot_skip_verification_by_enrolling_again(client, demo, require_2fa):
    _enrol(demo.users["wijkteam"])
    _login(client)
    response = client.get(reverse("accounts:otp_setup"))
    assert response["Location"] == reverse("accounts:otp_verify")


def test_backup_code_works_once(client, demo, require_2fa):
    _device, codes = _enrol(demo.users["wijkteam"])
    _login(client)
    response = client.post(reverse("accounts:otp_verify"), {"token": codes[0]})
    assert response.status_code == 302
    assert client.get(reverse("cases:list")).status_code == 200
    other = client.__class__()
    _login(other)
    response = other.post(reverse("accounts:otp_verify"), {"token": codes[0]})
    assert response.status_code == 400
    assert "al gebruikt" in response.content.decode()


def test_wrong_verification_code_is_refused(client, demo, require_2fa):
    _enrol(demo.users["wijkteam"])
    _login(client)
    for bad in ["123456", "abc", "\x00\x00\x00\x00\x00\x00", "x" * 10000]:
        response = client.post(reverse("accounts:otp_verify"), {"token": bad})
        assert response.status_code == 400
    assert client.get(reverse("cases:list")).status_code == 302


def test_verification_does_not_redirect_to_other_sites(client, demo, require_2fa):
    device, _ = _enrol(demo.users["wijkteam"])
    _login(client)
    response = client.post(
        reverse("accounts:otp_verify"), {"token": _code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


def test_two_factor_is_off_when_not_required(client, demo, settings):
    settings.REQUIRE_2FA = False
    _login(client)
    assert client.get(reverse("cases:list")).status_code == 200


def test_two_factor_is_required_by_default_in_production():
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.REQUIRE_2FA)"
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": "k7#Qz9!pV2m@Lw4$Rt8^Yx1&Bn6*Hc3(Fd5)Gs0-Je-Ua+Oi=Pl_Kq",
        "ALLOWED_HOSTS": "schakel.example",
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=str(__import__("pathlib").Path(__file__).resolve().parents[2]),
    )
    assert out.stdout.strip().splitlines()[-1] == "True"


def test_htmx_request_without_second_factor_reloads_to_verification(client, demo, require_2fa):
    _enrol(demo.users["wijkteam"])
    _login(client)
    response = client.get(reverse("cases:list"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("accounts:otp_verify"))


def test_admin_pages_also_require_the_second_factor(client, demo, require_2fa):
    _enrol(demo.users["admin"])
    _login(client, "admin")
    response = client.get("/beheer/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:otp_verify"))
