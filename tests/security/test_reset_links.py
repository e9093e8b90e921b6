"""Passwords and 2FA resets as an explicit procedure (Trust II finding 1): one-time
links to the user's own e-mail, four eyes for a 2FA reset, every step audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services
from accounts.models import AccountAuditEvent, AccountLink, AuditAction, TwoFactorReset
from organisations.models import Role
from tests.factories import member

from .account_links import last_link_path, totp_code

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Lange-nieuwe-zin-42"


@pytest.fixture
def beheer2(demo):
    """A second functioneel beheerder, for the four-eyes approval."""
    user = member(
        demo.orgs["Zorg- en Veiligheidshuis"],
        Role.FUNCTIONEEL_BEHEER,
        username="beheer2",
        email="beheer2@schakel.invalid",
    )
    client = Client()
    client.force_login(user)
    return client


def _enrol(user) -> TOTPDevice:
    device = services.totp_pending_device(user=user)
    assert services.totp_confirm(user=user, token=totp_code(device)) is not None
    return device


def _state() -> tuple:
    """Everything a refused action must leave alone."""
    users = get_user_model().objects.order_by("pk").values_list("pk", "password")
    return (
        list(users),
        AccountLink.objects.count(),
        AccountAuditEvent.objects.count(),
        TwoFactorReset.objects.count(),
        list(TwoFactorReset.objects.values_list("status", flat=True)),
        TOTPDevice.objects.count(),
        StaticDevice.objects.count(),
        len(mail.outbox),
    )


def _send_link(demo, username="wijkteam"):
    target = demo.users[username]
    return demo.client_for("admin").post(f"/accounts/beheer/users/{target.pk}/password-link/")


# --- password links ----------------------------------------------------------------


def test_functional_admin_mails_a_password_link_and_it_is_audited(demo):
    response = _send_link(demo)

    assert response.status_code == 302
    assert mail.outbox[-1].to == ["wijkteam@schakel.invalid"]
    assert "/accounts/link/" in mail.outbox[-1].body
    assert demo.users["wijkteam"].check_password("demo")
    event = AccountAuditEvent.objects.get()
    assert (event.actor, event.subject, event.action) == (
        demo.users["admin"],
        demo.users["wijkteam"],
        AuditAction.LINK_ISSUED,
    )


def test_only_a_hash_of_the_link_is_stored(demo):
    _send_link(demo)
    token = last_link_path().rstrip("/").rsplit("/", 1)[1]

    assert not AccountLink.objects.filter(token_hash__contains=token).exists()


def test_user_sets_a_new_password_with_the_link_once(demo, client):
    _send_link(demo)
    path = last_link_path()

    assert client.get(path).status_code == 200
    response = client.post(path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert response.status_code == 302
    user = get_user_model().objects.get(username="wijkteam")
    assert user.check_password(NEW_PASSWORD)
    actions = set(AccountAuditEvent.objects.values_list("action", flat=True))
    assert {AuditAction.LINK_USED, AuditAction.PASSWORD_SET} <= actions

    again = client.post(
        path, {"new_password1": "Nog-een-andere-zin-7", "new_password2": "Nog-een-andere-zin-7"}
    )
    assert again.status_code == 410
    assert "Deze link werkt niet (meer)" in again.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_opening_the_link_changes_nothing(demo, client):
    _send_link(demo)
    before = _state()

    client.get(last_link_path())

    assert _state() == before
    assert AccountLink.objects.get().used_at is None


def test_a_weak_password_is_refused_in_dutch_and_the_link_stays_open(demo, client):
    _send_link(demo)
    before = _state()

    response = client.post(last_link_path(), {"new_password1": "kort", "new_password2": "kort"})

    assert response.status_code == 400
    assert "Er is een probleem" in response.content.decode()
    assert _state() == before


def test_an_expired_link_is_refused_and_changes_nothing(demo, client):
    _send_link(demo)
    AccountLink.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    before = _state()

    response = client.post(
        last_link_path(), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 410
    assert _state() == before


def test_a_newer_link_replaces_the_older_one(demo, client):
    _send_link(demo)
    first = last_link_path()
    _send_link(demo)

    assert client.get(first).status_code == 410
    assert client.get(last_link_path()).status_code == 200


def test_setting_a_password_ends_the_users_other_sessions(demo, client):
    elsewhere = Client()
    elsewhere.post("/accounts/login/", {"username": "wijkteam", "password": "demo"})
    assert elsewhere.get("/cases/").status_code == 200
    _send_link(demo)

    client.post(last_link_path(), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    assert elsewhere.get("/cases/").status_code == 302


def test_a_link_of_someone_else_is_refused_while_logged_in(demo):
    _send_link(demo)
    before = _state()

    response = demo.client_for("regisseur").post(
        last_link_path(), {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 403
    assert "hoort bij een ander account" in response.content.decode()
    assert _state() == before


@pytest.mark.parametrize("username", ["wijkteam", "regisseur", "privacy", "manager"])
def test_only_functional_admin_may_send_links(demo, username):
    target = demo.users["politie"]
    before = _state()

    response = demo.client_for(username).post(f"/accounts/beheer/users/{target.pk}/password-link/")

    assert response.status_code == 403
    assert demo.client_for(username).get("/accounts/beheer/users/").status_code == 403
    assert _state() == before


def test_functional_admin_cannot_send_a_link_for_their_own_account(demo):
    before = _state()

    response = _send_link(demo, "admin")

    assert response.status_code == 400
    assert "niet voor uw eigen account" in response.content.decode()
    assert _state() == before


def test_functional_admin_cannot_touch_an_operations_superuser(demo):
    ops = get_user_model().objects.create_user(
        "ops", email="ops@schakel.invalid", password="x", is_superuser=True, is_staff=True
    )
    before = _state()

    response = demo.client_for("admin").post(f"/accounts/beheer/users/{ops.pk}/password-link/")

    assert response.status_code == 400
    assert "technisch beheer" in response.content.decode()
    assert _state() == before


def test_forgot_password_sends_a_link_and_reveals_nothing(client, demo):
    known = client.post("/accounts/wachtwoord-vergeten/", {"username": "wijkteam"})
    unknown = client.post("/accounts/wachtwoord-vergeten/", {"username": "bestaat-niet"})

    assert known.status_code == unknown.status_code == 200
    for response in (known, unknown):
        assert "Controleer uw e-mail" in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["wijkteam@schakel.invalid"]
    link = AccountLink.objects.get()
    assert link.sets_password and not link.enrols_two_factor
    event = AccountAuditEvent.objects.get()
    assert event.actor is None and event.action == AuditAction.LINK_ISSUED


def test_forgot_password_twice_in_a_row_sends_one_mail(client, demo):
    client.post("/accounts/wachtwoord-vergeten/", {"username": "wijkteam"})
    client.post("/accounts/wachtwoord-vergeten/", {"username": "wijkteam"})

    assert len(mail.outbox) == 1


def test_login_page_links_to_forgot_password(client):
    assert "/accounts/wachtwoord-vergeten/" in client.get("/accounts/login/").content.decode()


# --- 2FA reset with four eyes ----------------------------------------------------------


def _request_reset(demo, username="wijkteam", reason="telefoon kwijt"):
    target = demo.users[username]
    return demo.client_for("admin").post(
        f"/accounts/beheer/users/{target.pk}/2fa-reset/", {"reason": reason}
    )


def test_a_2fa_reset_needs_a_second_functional_admin(demo, beheer2):
    _enrol(demo.users["wijkteam"])
    assert _request_reset(demo).status_code == 302
    reset = TwoFactorReset.objects.get()
    before = _state()

    own = demo.client_for("admin").post(f"/accounts/beheer/2fa-resets/{reset.pk}/approve/")

    assert own.status_code == 400
    assert "vier-ogenprincipe" in own.content.decode()
    assert _state() == before

    response = beheer2.post(f"/accounts/beheer/2fa-resets/{reset.pk}/approve/")

    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=demo.users["wijkteam"]).exists()
    assert not StaticDevice.objects.filter(user=demo.users["wijkteam"]).exists()
    assert demo.users["wijkteam"].check_password("demo")
    assert mail.outbox[-1].to == ["wijkteam@schakel.invalid"]
    link = AccountLink.objects.get(user=demo.users["wijkteam"])
    assert link.enrols_two_factor and not link.sets_password
    actions = list(AccountAuditEvent.objects.order_by("pk").values_list("action", "actor_name"))
    assert actions == [
        (AuditAction.RESET_REQUESTED, "admin"),
        (AuditAction.RESET_APPROVED, "beheer2"),
        (AuditAction.LINK_ISSUED, "beheer2"),
    ]


def test_functional_admin_cannot_reset_their_own_2fa(demo, beheer2):
    _enrol(demo.users["admin"])
    before = _state()

    response = _request_reset(demo, "admin")

    assert response.status_code == 400
    assert "niet voor uw eigen account" in response.content.decode()
    assert _state() == before


def test_the_subject_cannot_approve_their_own_reset(demo, beheer2):
    beheer2_user = get_user_model().objects.get(username="beheer2")
    _enrol(beheer2_user)
    demo.client_for("admin").post(
        f"/accounts/beheer/users/{beheer2_user.pk}/2fa-reset/", {"reason": "telefoon kwijt"}
    )
    reset = TwoFactorReset.objects.get()
    before = _state()

    response = beheer2.post(f"/accounts/beheer/2fa-resets/{reset.pk}/approve/")

    assert response.status_code == 400
    assert _state() == before


def test_a_reset_request_needs_a_reason(demo):
    _enrol(demo.users["wijkteam"])
    before = _state()

    response = _request_reset(demo, reason="  ")

    assert response.status_code == 400
    assert "Geef een reden" in response.content.decode()
    assert _state() == before


def test_a_second_open_request_is_refused(demo):
    _enrol(demo.users["wijkteam"])
    _request_reset(demo)
    before = _state()

    response = _request_reset(demo)

    assert response.status_code == 400
    assert "al een 2FA-reset open" in response.content.decode()
    assert _state() == before


def test_a_refused_reset_keeps_the_devices(demo, beheer2):
    _enrol(demo.users["wijkteam"])
    _request_reset(demo)
    reset = TwoFactorReset.objects.get()

    response = beheer2.post(f"/accounts/beheer/2fa-resets/{reset.pk}/refuse/")

    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=demo.users["wijkteam"], confirmed=True).exists()
    assert AccountAuditEvent.objects.filter(action=AuditAction.RESET_REFUSED).exists()
    before = _state()
    again = beheer2.post(f"/accounts/beheer/2fa-resets/{reset.pk}/approve/")
    assert again.status_code == 400
    assert "al besloten" in again.content.decode()
    assert _state() == before


def test_the_database_refuses_an_approval_by_the_requester(demo):
    with pytest.raises(IntegrityError), transaction.atomic():
        TwoFactorReset.objects.create(
            user=demo.users["wijkteam"],
            requested_by=demo.users["admin"],
            decided_by=demo.users["admin"],
            status="goedgekeurd",
            reason="x",
        )


# --- the audit -----------------------------------------------------------------------


def test_privacy_officer_reads_the_account_audit(demo):
    _send_link(demo)

    response = demo.client_for("privacy").get("/accounts/audit/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Accountaudit" in html
    assert "Link verstuurd" in html
    assert "wijkteam" in html


@pytest.mark.parametrize("username", ["admin", "wijkteam", "regisseur", "manager", "politie"])
def test_others_cannot_read_the_account_audit(demo, username):
    assert demo.client_for(username).get("/accounts/audit/").status_code == 403


def test_audit_rows_cannot_be_changed_or_deleted(demo):
    _send_link(demo)
    event = AccountAuditEvent.objects.get()

    with pytest.raises(PermissionError):
        AccountAuditEvent.objects.update(detail="weg")
    with pytest.raises(PermissionError):
        AccountAuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
