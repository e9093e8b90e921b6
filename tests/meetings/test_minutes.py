"""Verslag and besluiten: the chair writes until vastgesteld; a decision becomes a plan
action; the verslag is category `overleg` on the case page and in the overview PDF."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from escalation.models import Action
from escalation.services.zvh import plan_save
from meetings.minutes import decision_add, minutes_adopt, minutes_save
from meetings.models import Decision, Meeting
from privacy.access import case_access
from reports.overview import case_overview_context

pytestmark = pytest.mark.django_db


def _started(meeting) -> None:
    """Move the meeting to the past (the chair adopts a verslag after it started)."""
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now() - timedelta(hours=1)
    )


def test_a_decision_becomes_an_action(planned, demo):
    meeting, items = planned
    case = demo.cases["DEMO-ZVH"]
    regisseur = demo.users["regisseur"]
    if not hasattr(case, "action_plan"):
        plan_save(user=regisseur, case=case, goals="Veiligheid kinderen eerst.")
    deadline = timezone.localdate() + timedelta(days=14)
    client = demo.client_for("regisseur")
    response = client.post(
        f"/meetings/{meeting.pk}/items/{items['DEMO-ZVH'].pk}/besluit/",
        {
            "text": "Politie plant een huisbezoek met de GGZ.",
            "owner_organisation": demo.orgs["Politie"].pk,
            "owner_person": demo.users["politie"].pk,
            "deadline": deadline.strftime("%d-%m-%Y"),
        },
    )
    assert response.status_code == 302
    decision = Decision.objects.get()
    action = Action.objects.get(pk=decision.action_id)
    assert action.case == case
    assert action.owner_organisation == demo.orgs["Politie"]
    assert action.owner_person == demo.users["politie"]
    assert action.deadline == deadline


def test_a_refused_action_leaves_no_decision(planned, demo):
    meeting, items = planned
    with pytest.raises(ValidationError):
        decision_add(
            user=demo.users["regisseur"],
            item=items["DEMO-ZVH"],
            text="Actie met een deadline in het verleden",
            owner_organisation=demo.orgs["Politie"],
            deadline=timezone.localdate() - timedelta(days=1),
        )
    assert not Decision.objects.exists()


def test_an_adopted_verslag_is_read_only(planned, demo):
    meeting, items = planned
    item, chair = items["DEMO-ZVH"], demo.users["regisseur"]
    minutes_save(user=chair, item=item, attendance="Politie, GGZ", minutes="Besproken.")
    with pytest.raises(ValidationError, match="na het begin"):
        minutes_adopt(user=chair, item=item)
    _started(meeting)
    minutes_adopt(user=chair, item=item)
    with pytest.raises(ValidationError, match="vastgesteld"):
        minutes_save(user=chair, item=item, attendance="", minutes="Anders.")
    with pytest.raises(ValidationError, match="vastgesteld"):
        decision_add(user=chair, item=item, text="Te laat")
    page = demo.client_for("regisseur").get(f"/meetings/{meeting.pk}/items/{item.pk}/")
    assert "Verslag schrijven" not in page.content.decode()


def test_the_verslag_is_on_the_case_page_and_in_the_overview(planned, demo):
    meeting, items = planned
    item, chair = items["DEMO-ZVH"], demo.users["regisseur"]
    minutes_save(user=chair, item=item, attendance="Politie", minutes="Gezamenlijk huisbezoek.")
    _started(meeting)
    minutes_adopt(user=chair, item=item)
    case = demo.cases["DEMO-ZVH"]
    page = demo.client_for("ggz").get(f"/cases/{case.pk}/?sectie=plan").content.decode()
    assert "Gezamenlijk huisbezoek." in page
    context = case_overview_context(case, case_access(demo.users["ggz"], case))
    assert [i.pk for i in context["meeting_items"]] == [item.pk]


def test_without_overleg_the_verslag_stays_hidden(planned, demo):
    meeting, items = planned
    case = demo.cases["DEMO-ZVH"]
    access = case_access(demo.users["manager"], case)
    assert not access.can_see("overleg")
    assert case_overview_context(case, access)["meeting_items"] == []
    response = demo.client_for("manager").get(
        f"/meetings/{meeting.pk}/items/{items['DEMO-ZVH'].pk}/verslag.pdf"
    )
    assert response.status_code == 404
