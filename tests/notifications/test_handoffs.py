"""Every hand-off between people notifies exactly the people it hands work to.

Recipients are the demo users: wijkteam2 (Wijkteam Zuid, regiehouder of DEMO-ZUID-1),
regisseur (ZVH), politie, ggz; never the manager, the privacy officer or beheer.
"""

from __future__ import annotations

import pytest
from django.core import mail

from escalation.models import Outcome
from escalation.services.consultation import consultation_ask
from escalation.services.screening import escalation_decline
from escalation.transitions import TransitionRefused
from notifications.models import Notification, NotificationKind
from tests.escalation.conftest import fresh
from tests.workplace.test_partner_intake import _post as post_intake

from .handoff_helpers import SECRETS, received, walk_every_hand_off

K = NotificationKind


@pytest.fixture
def walked(flow, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = walk_every_hand_off(flow)
    return case


@pytest.mark.parametrize(
    ("kind", "recipients"),
    [
        (K.ADVICE_ASKED, {"regisseur"}),
        (K.ADVICE_ANSWERED, {"wijkteam2"}),
        (K.AANMELDING_RECEIVED, {"regisseur"}),
        (K.BREAK_GLASS, {"wijkteam2"}),
        (K.AANMELDING_ACCEPTED, {"wijkteam2"}),
        # Politie was asked for in the aanmelding, GGZ invited to the overleg.
        (K.PARTICIPANT_ADDED, {"politie", "ggz"}),
        (K.CONFERENCE_INVITED, {"ggz"}),
        (K.ACTION_ASSIGNED, {"ggz"}),
        # GGZ changed its own action: the regisseur follows the plan.
        (K.ACTION_CHANGED, {"regisseur"}),
        (K.PARTICIPANT_REMOVED, {"politie"}),
        (K.HANDOVER_PROPOSED, {"wijkteam2"}),
        (K.HANDOVER_REJECTED, {"regisseur"}),
        (K.HANDOVER_ACCEPTED, {"regisseur"}),
    ],
)
def test_each_hand_off_reaches_the_people_it_hands_work_to(walked, kind, recipients):
    assert received(walked, kind) == recipients


def test_each_hand_off_notifies_each_person_once(walked):
    # Two handover proposals (one rejected) are two hand-offs; everything else once.
    proposals = Notification.objects.filter(case=walked, kind=K.HANDOVER_PROPOSED).count()
    assert proposals == 2
    others = Notification.objects.filter(case=walked).exclude(kind=K.HANDOVER_PROPOSED)
    assert others.count() == len(set(others.values_list("kind", "recipient_id")))


def test_managers_privacy_officers_and_beheer_get_no_work_items(walked):
    assert not Notification.objects.filter(
        recipient__username__in=["manager", "privacy", "admin"]
    ).exists()


def test_nobody_is_notified_of_their_own_step(walked, flow):
    # wijkteam2 asked advice and made the aanmelding; regisseur accepted and invited.
    assert "wijkteam2" not in received(walked, K.ADVICE_ASKED)
    assert "regisseur" not in received(walked, K.AANMELDING_ACCEPTED)
    assert "ggz" not in received(walked, K.ACTION_CHANGED)


def test_no_notification_or_e_mail_contains_what_was_written_in_the_case(walked):
    texts = [n.text for n in Notification.objects.select_related("case")]
    texts += [m.subject + "\n" + m.body for m in mail.outbox]
    assert len(texts) > 20
    for text in texts:
        for secret in SECRETS.values():
            assert secret not in text
        assert "Jansen" not in text
        assert walked.title not in text


def test_a_notification_names_the_kind_and_the_case_reference(walked):
    notification = Notification.objects.get(case=walked, kind=K.ADVICE_ASKED)
    assert notification.text == f"Nieuw meekijkverzoek voor casus {walked.reference}"


def test_an_aanmelding_declined_with_advice_tells_the_aanmelder(flow):
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])
    flow.escalate(case, user=flow.u["wijkteam2"])
    escalation_decline(
        user=flow.u["regisseur"],
        case=fresh(case),
        outcome=Outcome.ADVIES,
        outcome_text="Zet eerst de schuldhulp in.",
    )
    assert received(case, K.AANMELDING_DECLINED) == {"wijkteam2"}
    assert received(case, K.REFERRAL_RECEIVED) == set()


def test_a_referral_tells_the_aanmelder_and_the_partner(flow):
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])
    flow.escalate(case, user=flow.u["wijkteam2"])
    escalation_decline(
        user=flow.u["regisseur"],
        case=fresh(case),
        outcome=Outcome.DOORGELEID,
        outcome_text="GGZ pakt de behandeling op.",
        referred_to=flow.demo.orgs["GGZ"],
    )
    assert received(case, K.AANMELDING_REFERRED) == {"wijkteam2"}
    assert received(case, K.REFERRAL_RECEIVED) == {"ggz"}
    assert received(case, K.AANMELDING_DECLINED) == set()


def test_an_inactive_professional_is_not_notified(flow):
    regisseur = flow.u["regisseur"]
    regisseur.is_active = False
    regisseur.save(update_fields=["is_active"])
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])

    consultation_ask(user=flow.u["wijkteam2"], case=case, question=SECRETS["question"])

    assert received(case, K.ADVICE_ASKED) == set()


def test_a_double_submit_notifies_once(flow, django_capture_on_commit_callbacks):
    case = fresh(flow.demo.cases["DEMO-ZUID-1"])
    with django_capture_on_commit_callbacks(execute=True):
        consultation_ask(user=flow.u["wijkteam2"], case=case, question=SECRETS["question"])
        with pytest.raises(TransitionRefused):
            consultation_ask(user=flow.u["wijkteam2"], case=case, question=SECRETS["question"])

    assert Notification.objects.filter(case=case, kind=K.ADVICE_ASKED).count() == 1
    assert [m.to for m in mail.outbox] == [[flow.u["regisseur"].email]]


def test_a_partners_direct_aanmelding_reaches_the_regisseurs(demo):
    response = post_intake(demo.client_for("politie"), demo, last_name="Jansen")

    assert response.status_code == 302
    notification = Notification.objects.get(kind=K.AANMELDING_RECEIVED)
    assert notification.recipient == demo.users["regisseur"]
    assert "Jansen" not in notification.text
