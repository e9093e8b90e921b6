"""Done-when of issue 13 for users: beheer invites, the user opens the link from the
mail, sets a password, enrols 2FA and then sees exactly what the convenant allows."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.case_pages import case_page_text
from tests.security.account_links import last_link_path, totp_code

from .users_helpers import check_then_save, invite_data, invite_url

pytestmark = pytest.mark.django_db
PASSWORD = "Een-lange-zin-voor-Nora-7"


def test_invited_politie_member_sees_demo_zvh_but_not_its_health_notes(demo, settings):
    # Beheer's own second factor is not the point here (demo users have no device).
    check_then_save(demo.client_for("admin"), invite_url(), invite_data(demo.orgs["Politie"]))
    settings.REQUIRE_2FA = True
    user = get_user_model().objects.get(username="nieuwe.agent")
    browser = Client()

    opened = browser.get(last_link_path())
    used = browser.post(last_link_path(), {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert opened.status_code == 200
    assert used["Location"] == reverse("login")
    browser.post(reverse("login"), {"username": "nieuwe.agent", "password": PASSWORD})
    assert browser.get(reverse("accounts:otp_setup")).status_code == 200
    device = TOTPDevice.objects.get(user=user)
    browser.post(reverse("accounts:otp_setup"), {"token": totp_code(device)})

    case = demo.cases["DEMO-ZVH"]
    body = case_page_text(browser, case.pk)
    assert "[JUSTITIE]" in body and "[SIGNALEN]" in body
    assert "[GEZONDHEID]" not in body and "[ZORG]" not in body
    assert TOTPDevice.objects.get(user=user).confirmed
