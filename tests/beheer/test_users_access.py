"""Every user page of beheer is for functioneel beheer only: each other demo role gets
403 on each URL, GET and POST alike, and nothing changes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from organisations.models import BeheerChange, Membership
from workplace.demo.people import USERS

pytestmark = pytest.mark.django_db

# Every demo user but functioneel beheer: worker, regisseur, partners, manager, privacy.
OTHER_ROLES = sorted(set(USERS) - {"admin"})


def _urls(demo) -> list[str]:
    subject = demo.users["wijkteam"]
    membership = Membership.objects.filter(user=subject).first()
    return [
        reverse("beheer:users"),
        reverse("beheer:user_invite"),
        reverse("beheer:users_import"),
        reverse("beheer:users_import_example"),
        reverse("beheer:user_detail", args=[subject.pk]),
        reverse("beheer:user_edit", args=[subject.pk]),
        reverse("beheer:user_invitation_resend", args=[subject.pk]),
        reverse("beheer:user_membership_add", args=[subject.pk]),
        reverse("beheer:user_membership_end", args=[subject.pk, membership.pk]),
        reverse("beheer:user_deactivate", args=[subject.pk]),
        reverse("beheer:user_reactivate", args=[subject.pk]),
    ]


URL_COUNT = 11


@pytest.mark.parametrize("username", OTHER_ROLES)
def test_other_roles_get_403_on_every_user_url(demo, username):
    client = demo.client_for(username)
    urls = _urls(demo)
    assert len(urls) == URL_COUNT

    statuses = {url: (client.get(url).status_code, client.post(url).status_code) for url in urls}

    # The new-invitation URL takes only POST: a GET is refused before anything else.
    resend = reverse("beheer:user_invitation_resend", args=[demo.users["wijkteam"].pk])
    assert statuses.pop(resend) == (405, 403)
    assert all(pair == (403, 403) for pair in statuses.values()), statuses
    assert not BeheerChange.objects.exists()
    assert demo.users["wijkteam"].memberships.filter(active=True).exists()


def test_anonymous_is_sent_to_login_on_every_user_url(demo, client):
    for url in _urls(demo):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_beheer_opens_every_user_page(demo):
    client = demo.client_for("admin")
    pages = [url for url in _urls(demo) if "uitnodiging" not in url]
    assert {url: client.get(url).status_code for url in pages} == dict.fromkeys(pages, 200)
