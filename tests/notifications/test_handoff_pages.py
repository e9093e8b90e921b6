"""The Meldingen page shows hand-off notifications; each opens its case page through
the access layer; the preferences page; the bell stays one query."""

from __future__ import annotations

import re

from django.test import RequestFactory
from django.urls import reverse

from escalation.services.consultation import consultation_ask
from notifications.context_processors import reminders
from notifications.handoffs import notify
from notifications.models import Delivery, Notification, NotificationKind, NotificationPreference
from tests.escalation.conftest import fresh

LIST = reverse("notifications:list")
PREFERENCES = reverse("notifications:preferences")
QUESTION = "Hoe pakken we de schulden en de zorgen om de kinderen samen aan?"


def _asked(flow) -> Notification:
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])
    consultation_ask(user=flow.u["wijkteam2"], case=case, question=QUESTION)
    return Notification.objects.get(case=case, recipient=flow.u["regisseur"])


def test_the_regisseur_sees_the_advice_question_in_the_bell_and_opens_the_case(flow):
    notification = _asked(flow)
    client = flow.demo.client_for("regisseur")

    page = client.get(LIST)

    assert page.status_code == 200
    assert re.search(r'data-unread-count="[1-9]\d*"', page.text)
    assert f"Nieuw meekijkverzoek voor casus {notification.case.reference}" in page.text
    assert QUESTION not in page.text
    opened = client.get(reverse("notifications:open", args=[notification.pk]))
    assert opened.status_code == 302
    assert opened["Location"] == reverse("cases:detail", args=[notification.case_id])
    assert client.get(opened["Location"]).status_code == 200
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_opens_or_marks_someone_elses_notification(flow):
    notification = _asked(flow)
    client = flow.demo.client_for("politie")

    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    read = reverse("notifications:notification_read", args=[notification.pk])
    assert client.post(read).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_a_recipient_who_cannot_see_the_case_gets_the_normal_404(flow):
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])  # politie does not take part
    notify(
        kind=NotificationKind.PARTICIPANT_REMOVED,
        case=case,
        about=case,
        to=[flow.u["politie"]],
    )
    notification = Notification.objects.get(recipient=flow.u["politie"])
    client = flow.demo.client_for("politie")

    opened = client.get(reverse("notifications:open", args=[notification.pk]), follow=True)

    assert opened.status_code == 404


def test_marking_a_notification_read_lowers_the_bell(flow):
    notification = _asked(flow)
    client = flow.demo.client_for("regisseur")
    before = int(re.search(r'data-unread-count="(\d+)"', client.get(LIST).text).group(1))

    page = client.post(
        reverse("notifications:notification_read", args=[notification.pk]), follow=True
    )

    assert int(re.search(r'data-unread-count="(\d+)"', page.text).group(1)) == before - 1


def test_the_bell_stays_one_query_with_many_notifications(flow, django_assert_max_num_queries):
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])
    for pk in range(200):
        notify(
            kind=NotificationKind.ACTION_CHANGED,
            case=case,
            about=case,
            to=[flow.u["regisseur"]],
            event_key=str(pk),
        )
    request = RequestFactory().get("/")
    request.user = flow.u["regisseur"]

    with django_assert_max_num_queries(1):
        assert int(str(reminders(request)["unread_reminders"])) >= 200


def test_the_bell_count_has_its_index():
    assert any(index.fields == ["recipient", "read_at"] for index in Notification._meta.indexes)


def test_anonymous_visitors_cannot_see_the_preferences(db, client):
    response = client.get(PREFERENCES)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_user_chooses_the_daily_overview_per_kind(flow):
    client = flow.demo.client_for("politie")
    page = client.get(PREFERENCES)
    assert page.status_code == 200
    assert "Voorkeuren voor meldingen" in page.text
    assert "Tijdstip van het dagelijkse overzicht" in page.text
    data = {kind.value: Delivery.IMMEDIATE for kind in NotificationKind}
    data[NotificationKind.ACTION_ASSIGNED] = Delivery.DIGEST
    data["digest_hour"] = "17"

    response = client.post(PREFERENCES, data, follow=True)

    assert "Uw voorkeuren voor meldingen zijn opgeslagen." in response.text
    chosen = NotificationPreference.objects.get(
        user=flow.u["politie"], kind=NotificationKind.ACTION_ASSIGNED
    )
    assert chosen.delivery == Delivery.DIGEST
    assert flow.u["politie"].digest_schedule.hour == 17
    assert not NotificationPreference.objects.exclude(user=flow.u["politie"]).exists()


def test_an_invalid_choice_is_refused_in_dutch(flow):
    client = flow.demo.client_for("politie")

    page = client.post(PREFERENCES, {"digest_hour": "25"})

    assert page.status_code == 200
    assert "Er is een probleem" in page.text
    assert not NotificationPreference.objects.exists()
