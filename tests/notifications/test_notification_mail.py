"""Notification e-mail: only after commit, once, at once or in the daily overview."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from escalation.services.consultation import consultation_ask
from notifications.handoffs import notify
from notifications.mail import mail_digests
from notifications.models import Delivery, Notification, NotificationKind
from notifications.preferences import preferences_save
from notifications.tasks import send_notification_emails
from tests.escalation.conftest import fresh

QUESTION = "Hoe pakken we de schulden en de zorgen om de kinderen samen aan?"


def _ask(flow):
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])
    consultation_ask(user=flow.u["wijkteam2"], case=case, question=QUESTION)
    return case


def _local(day_offset: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def test_e_mail_leaves_only_after_commit(flow, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case = _ask(flow)
        assert Notification.objects.filter(case=case).exists()  # in the bell at once
    assert mail.outbox == []

    for callback in callbacks:
        callback()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"Schakel: Nieuw meekijkverzoek voor casus {case.reference}"
    assert QUESTION not in message.body
    assert "/notifications/events/" in message.body


def test_a_rolled_back_step_leaves_no_notification_and_sends_nothing(
    flow, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _ask(flow)
        raise RuntimeError("the step fails after notifying")
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_a_redelivered_task_mails_once(flow, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = _ask(flow)
    notification = Notification.objects.get(case=case)
    key = {
        "kind": notification.kind,
        "object_type": notification.object_type,
        "object_id": notification.object_id,
        "event_key": notification.event_key,
    }

    assert send_notification_emails(**key) == 0

    assert len(mail.outbox) == 1


def test_notifying_the_same_hand_off_twice_leaves_one_row(flow):
    case = _ask(flow)
    consultation = case.consultations.get()

    notify(
        kind=NotificationKind.ADVICE_ASKED,
        case=case,
        about=consultation,
        to=[flow.u["regisseur"]],
        actor=flow.u["wijkteam2"],
    )

    assert Notification.objects.filter(case=case).count() == 1


def test_digest_is_sent_once_at_the_users_hour(flow, django_capture_on_commit_callbacks):
    regisseur = flow.u["regisseur"]
    preferences_save(
        user=regisseur,
        deliveries={NotificationKind.ADVICE_ASKED: Delivery.DIGEST},
        digest_hour=7,
    )
    with django_capture_on_commit_callbacks(execute=True):
        case = _ask(flow)
    assert mail.outbox == []  # not at once

    assert mail_digests(now=_local(1, 6, 45)) == 0  # before the hour
    assert mail_digests(now=_local(1, 7, 0)) == 1
    assert mail_digests(now=_local(1, 7, 15)) == 0
    assert mail_digests(now=_local(2, 7, 0)) == 0

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [regisseur.email]
    assert f"Nieuw meekijkverzoek voor casus {case.reference}" in mail.outbox[0].body
    assert QUESTION not in mail.outbox[0].body


def test_bell_only_sends_no_e_mail(flow, django_capture_on_commit_callbacks):
    preferences_save(
        user=flow.u["regisseur"],
        deliveries={NotificationKind.ADVICE_ASKED: Delivery.NONE},
        digest_hour=8,
    )
    with django_capture_on_commit_callbacks(execute=True):
        case = _ask(flow)
    assert mail_digests(now=_local(1, 23)) == 0
    assert mail.outbox == []
    assert Notification.objects.filter(case=case, read_at__isnull=True).count() == 1


def test_an_immediate_e_mail_whose_task_was_lost_goes_with_the_next_digest_run(flow):
    case = _ask(flow)  # the on-commit task never runs in this test
    assert mail.outbox == []

    assert mail_digests(now=timezone.now() + timedelta(minutes=15)) == 1

    assert mail.outbox[0].subject.endswith(case.reference)
