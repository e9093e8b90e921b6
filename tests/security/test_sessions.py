from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.models import UserSession

pytestmark = pytest.mark.django_db


def _logged_in(username="wijkteam") -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": "demo"})
    assert response.status_code == 302
    return client


def test_idle_session_is_logged_out_after_15_minutes(demo, time_machine, settings):
    assert settings.SESSION_IDLE_SECONDS == 15 * 60
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    client = _logged_in()
    time_machine.move_to("2026-11-23 10:14:00+00:00", tick=False)
    assert client.get(reverse("cases:list")).status_code == 200
    # Activity resets the clock: 14 minutes after the last request is still fine.
    time_machine.move_to("2026-11-23 10:28:00+00:00", tick=False)
    assert client.get(reverse("cases:list")).status_code == 200
    time_machine.move_to("2026-11-23 10:44:00+00:00", tick=False)
    response = client.get(reverse("cases:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    response = client.get(response["Location"])
    assert "automatisch uitgelogd" in response.content.decode()


def test_pages_carry_the_idle_warning_and_its_script(demo, time_machine):
    # Frozen: the countdown is the seconds left, one less for every second that passes.
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    client = _logged_in()
    html = client.get(reverse("cases:list")).content.decode()
    assert 'id="session-warning"' in html
    assert 'data-session-idle="900"' in html
    assert "js/session-timeout.js" in html
    assert "Ingelogd blijven" in html


def test_session_ping_keeps_the_session_alive(demo, time_machine):
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    client = _logged_in()
    time_machine.move_to("2026-11-23 10:14:00+00:00", tick=False)
    assert client.get(reverse("accounts:session_ping")).json()["authenticated"] is True
    time_machine.move_to("2026-11-23 10:28:00+00:00", tick=False)
    assert client.get(reverse("cases:list")).status_code == 200


def test_session_ping_answers_401_after_timeout(demo, time_machine):
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    client = _logged_in()
    time_machine.move_to("2026-11-23 10:20:00+00:00", tick=False)
    response = client.get(reverse("accounts:session_ping"), HTTP_ACCEPT="application/json")
    assert response.status_code == 401


def test_logout_everywhere_ends_sessions_on_all_devices(demo):
    laptop = _logged_in()
    phone = _logged_in()
    colleague = _logged_in("regisseur")
    assert UserSession.objects.filter(user=demo.users["wijkteam"]).count() == 2
    response = laptop.post(reverse("accounts:logout_everywhere"))
    assert response.status_code == 302
    assert "op alle apparaten uitgelogd" in laptop.get(response["Location"]).content.decode()
    assert phone.get(reverse("cases:list")).status_code == 302
    assert laptop.get(reverse("cases:list")).status_code == 302
    assert colleague.get(reverse("cases:list")).status_code == 200
    assert not UserSession.objects.filter(user=demo.users["wijkteam"]).exists()
    assert Session.objects.count() >= 1


def test_logout_everywhere_needs_post(demo):
    client = _logged_in()
    assert client.get(reverse("accounts:logout_everywhere")).status_code == 405
    assert client.get(reverse("cases:list")).status_code == 200


def test_security_page_offers_logout_everywhere(demo):
    client = _logged_in()
    html = client.get(reverse("accounts:security")).content.decode()
    assert "Overal uitloggen" in html
    assert "Tweestapsverificatie is nog niet ingesteld" in html


def test_pages_do_not_write_the_session_within_the_activity_interval(demo, time_machine):
    """The idle clock is renewed at most once a minute: other requests only read."""
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    client = _logged_in()
    client.get(reverse("cases:list"))
    time_machine.move_to("2026-11-23 10:00:30+00:00", tick=False)
    before = Session.objects.get().expire_date
    html = client.get(reverse("cases:list")).content.decode()
    assert Session.objects.get().expire_date == before
    # The warning counts down from the recorded activity: 30 s of 900 are gone.
    assert 'data-session-idle="870"' in html
    time_machine.move_to("2026-11-23 10:01:00+00:00", tick=False)
    client.get(reverse("cases:list"))
    assert Session.objects.get().expire_date > before


def test_idle_clock_runs_from_the_recorded_activity_never_later(demo, time_machine):
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    client = _logged_in()
    client.get(reverse("cases:list"))
    # A request 59 s later is not recorded; 15 minutes after the recorded one, it is over.
    time_machine.move_to("2026-11-23 10:00:59+00:00", tick=False)
    assert client.get(reverse("cases:list")).status_code == 200
    time_machine.move_to("2026-11-23 10:15:01+00:00", tick=False)
    assert client.get(reverse("cases:list")).status_code == 302


def test_a_short_idle_limit_is_renewed_by_every_page(demo, time_machine, settings):
    settings.SESSION_IDLE_SECONDS = 20
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    client = _logged_in()
    for second in (15, 30, 45):
        time_machine.move_to(f"2026-11-23 10:00:{second}+00:00", tick=False)
        assert client.get(reverse("cases:list")).status_code == 200


def test_every_answer_tells_the_page_how_long_the_session_has_left(demo, time_machine):
    """htmx requests restart the page's countdown from this header, not from the limit."""
    time_machine.move_to("2026-11-23 10:00:00+00:00", tick=False)
    client = _logged_in()
    client.get(reverse("cases:list"))  # the first page after login starts the clock
    time_machine.move_to("2026-11-23 10:00:40+00:00", tick=False)
    response = client.get(reverse("cases:list"), HTTP_HX_REQUEST="true")
    assert response["X-Session-Idle-Seconds"] == "860"
    assert "X-Session-Idle-Seconds" not in Client().get(reverse("login"))
