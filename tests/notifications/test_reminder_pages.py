"""The bell in the header and the Meldingen page: only the user's own reminders.

The page shows hand-off notifications above the reminders (tests/notifications/
test_handoff_pages.py); these tests read the reminders section.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from escalation.reminders import send_due_reminders
from notifications.models import Reminder, ReminderKind
from privacy.services import participation_remove
from tests.escalation.reminder_helpers import add_due_cases, at

LIST = reverse("notifications:list")


def bell_count(response) -> int:
    match = re.search(r'class="bell" data-unread-count="(\d+)"', response.text)
    assert match, "no bell in the header"
    return int(match.group(1))


def reminders_section(response) -> str:
    return response.text.split("<h2>Herinneringen</h2>")[1]


@pytest.fixture
def reminded(full_demo):
    send_due_reminders(now=at(14))
    return full_demo


def test_the_bell_shows_the_unread_count(reminded):
    wijkteam = reminded.users["wijkteam"]
    unread = Reminder.objects.filter(recipient=wijkteam, read_at__isnull=True).count()
    assert unread > 0

    response = reminded.client_for("wijkteam").get(reverse("cases:list"))

    assert bell_count(response) == unread


def test_the_bell_costs_one_query(reminded, django_assert_num_queries):
    from django.test import RequestFactory

    from notifications.context_processors import reminders

    request = RequestFactory().get("/")
    request.user = reminded.users["regisseur"]
    context = reminders(request)
    # Reminders and notifications counted in one query.
    with django_assert_num_queries(1):
        assert int(str(context["unread_reminders"])) > 0


def test_the_list_shows_only_the_users_own_reminders(reminded):
    response = reminded.client_for("wijkteam2").get(LIST)

    assert response.status_code == 200
    section = reminders_section(response)
    assert "DEMO-AFSCHALING" in section  # Wijkteam Zuid receives that handover
    assert "DEMO-STAGNATIE" not in section  # Noord's case, Noord's reminder
    assert "DEMO-ZVH" not in section
    own = Reminder.objects.filter(recipient=reminded.users["wijkteam2"]).count()
    assert section.count("Markeer als gelezen") == own


def test_the_list_links_to_the_case_newest_first(reminded):
    send_due_reminders(now=at(30))
    newest = (
        Reminder.objects.filter(recipient=reminded.users["regisseur"])
        .order_by("-created_at", "-id")
        .first()
    )

    response = reminded.client_for("regisseur").get(LIST)

    first_link = re.search(r'href="(/cases/\d+/)"', reminders_section(response))
    assert first_link.group(1) == reverse("cases:detail", args=[newest.case_id])


def test_marking_one_reminder_read_lowers_the_bell(reminded):
    client = reminded.client_for("wijkteam")
    before = bell_count(client.get(LIST))
    reminder = Reminder.objects.filter(recipient=reminded.users["wijkteam"]).first()

    response = client.post(reverse("notifications:read", args=[reminder.pk]), follow=True)

    reminder.refresh_from_db()
    assert reminder.read_at is not None
    assert bell_count(response) == before - 1
    assert "als gelezen gemarkeerd" in response.text


def test_marking_all_read_empties_the_bell(reminded):
    client = reminded.client_for("regisseur")

    response = client.post(reverse("notifications:read_all"), follow=True)

    assert bell_count(response) == 0
    assert not Reminder.objects.filter(
        recipient=reminded.users["regisseur"], read_at__isnull=True
    ).exists()
    # Nobody else's reminders changed.
    assert Reminder.objects.filter(read_at__isnull=True).exists()


def test_nobody_can_mark_someone_elses_reminder_read(reminded):
    theirs = Reminder.objects.filter(recipient=reminded.users["regisseur"]).first()

    response = reminded.client_for("wijkteam").post(reverse("notifications:read", args=[theirs.pk]))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_marking_read_needs_a_post(reminded):
    mine = Reminder.objects.filter(recipient=reminded.users["wijkteam"]).first()

    response = reminded.client_for("wijkteam").get(reverse("notifications:read", args=[mine.pk]))

    assert response.status_code == 405
    mine.refresh_from_db()
    assert mine.read_at is None


def test_a_reminder_for_a_case_the_user_can_no_longer_open_disappears(reminded):
    demo = reminded
    politie = demo.users["politie"]
    assert Reminder.objects.filter(recipient=politie, case=demo.cases["DEMO-ZVH"]).exists()
    participation_remove(
        case=demo.cases["DEMO-ZVH"],
        organisation=demo.orgs["Politie"],
        user=demo.users["regisseur"],
        reason="Politie is niet langer betrokken.",
    )

    politie_notifications = politie.notifications.filter(read_at__isnull=True).count()

    response = demo.client_for("politie").get(LIST)

    assert "DEMO-ZVH" not in reminders_section(response)
    # What is left in the bell is the notification that politie no longer takes part.
    assert bell_count(response) == politie_notifications


def test_anonymous_visitors_are_sent_to_the_login_page(db, client):
    response = client.get(LIST)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_list_queries_do_not_grow_with_the_number_of_reminders(
    full_demo, django_assert_max_num_queries
):
    add_due_cases(full_demo, 6)
    send_due_reminders(now=at(14))
    client = full_demo.client_for("regisseur")  # a normal user, not a superuser
    assert Reminder.objects.filter(recipient=full_demo.users["regisseur"]).count() >= 30

    with django_assert_max_num_queries(12):
        response = client.get(LIST)

    assert response.status_code == 200
    assert str(ReminderKind.SCREENING_DUE.label) in response.text
