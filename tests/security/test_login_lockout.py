from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _attempt(client, password, username="wijkteam", ip="10.0.0.1", **extra):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
        **extra,
    )


def test_five_wrong_passwords_lock_the_account_for_15_minutes(client, demo):
    for _ in range(4):
        response = _attempt(client, "wrong-password")
        assert response.status_code == 200
        assert "Inloggen is niet gelukt" in response.content.decode()
    response = _attempt(client, "wrong-password")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Inloggen tijdelijk geblokkeerd" in html
    assert "15 minuten" in html
    # Even the right password is refused while locked.
    response = _attempt(client, "demo")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_ends_after_15_minutes(client, demo, time_machine):
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    for _ in range(5):
        _attempt(client, "wrong-password")
    time_machine.move_to("2026-11-23 10:16:00+00:00", tick=False)
    response = _attempt(client, "demo")
    assert response.status_code == 302


def test_lockout_is_per_username_and_ip_so_colleagues_can_still_log_in(demo):
    for _ in range(5):
        _attempt(Client(), "wrong-password", username="wijkteam", ip="10.0.0.1")
    # Same office address, another user.
    assert _attempt(Client(), "demo", username="regisseur", ip="10.0.0.1").status_code == 302
    # Same user from another address.
    assert _attempt(Client(), "demo", username="wijkteam", ip="10.0.0.2").status_code == 302


def test_client_ip_comes_from_forwarded_header_only_behind_trusted_proxy(demo, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        _attempt(Client(), "bad", ip="172.16.0.9", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.9.9.9")
    # Another client behind the same proxy is not locked out.
    response = _attempt(Client(), "demo", ip="172.16.0.9", HTTP_X_FORWARDED_FOR="10.9.9.8")
    assert response.status_code == 302
    # The same client (as the proxy saw it) stays locked, whatever it puts in front.
    response = _attempt(Client(), "demo", ip="172.16.0.9", HTTP_X_FORWARDED_FOR="5.5.5.5, 10.9.9.9")
    assert response.status_code == 429


def test_forwarded_header_is_ignored_without_proxy(demo, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for i in range(5):
        _attempt(Client(), "bad", ip="10.0.0.7", HTTP_X_FORWARDED_FOR=f"1.1.1.{i}")
    assert _attempt(Client(), "demo", ip="10.0.0.7").status_code == 429


def test_password_validators_require_12_characters():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("Kort-wacht1")  # 11 characters
    validate_password("Lang genoeg wachtwoord 2026")
