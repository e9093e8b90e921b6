"""A decision that becomes a plan action offers and accepts exactly whom the plan's action
form does (escalation.assignees, issue 16 points 6 and 7): the same organisations, the
same people grouped by organisation, the same Dutch refusals, and no `---------`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from escalation.models import Action
from escalation.plan_forms import ActionForm
from escalation.services.zvh import plan_save
from meetings.forms import DecisionForm, MeetingForm
from meetings.models import Decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(planned, demo):
    meeting, items = planned
    case = demo.cases["DEMO-ZVH"]
    if not hasattr(case, "action_plan"):
        plan_save(user=demo.users["regisseur"], case=case, goals="Veiligheid kinderen eerst.")
    return meeting, items["DEMO-ZVH"]


def _post(demo, meeting, item, organisation, person):
    return demo.client_for("regisseur").post(
        f"/meetings/{meeting.pk}/items/{item.pk}/besluit/",
        {
            "text": "Huisbezoek samen afleggen.",
            "owner_organisation": organisation.pk,
            "owner_person": person.pk,
            "deadline": (timezone.localdate() + timedelta(days=14)).strftime("%d-%m-%Y"),
        },
    )


def _choices(field) -> set:
    return set(field.queryset.values_list("pk", flat=True))


def test_the_decision_offers_what_the_plan_action_form_offers(demo, item):
    case = demo.cases["DEMO-ZVH"]
    decision = DecisionForm(case=case)
    action = ActionForm(case=case, user=demo.users["regisseur"])
    for name in ("owner_organisation", "owner_person"):
        assert _choices(decision.fields[name]) == _choices(action.fields[name])
    people = set(decision.fields["owner_person"].queryset.values_list("username", flat=True))
    assert people == {"wijkteam", "regisseur", "politie", "ggz"}
    organisations = {o.name for o in decision.fields["owner_organisation"].queryset}
    assert not organisations & {"Gemeente", "Wijkteam Zuid", "Zorg- en Veiligheidshuis Oost"}
    html = str(decision["owner_person"]) + str(decision["owner_organisation"])
    assert '<optgroup label="Politie">' in html
    assert f'data-organisation="{demo.orgs["Politie"].pk}"' in html
    assert "data-action-organisation" in html and "data-action-person" in html
    assert "Nog niemand" in html and "Geen actie" in html
    assert "---------" not in html


def test_a_person_of_another_organisation_is_refused_in_dutch_and_nothing_is_saved(demo, item):
    meeting, agenda_item = item
    response = _post(demo, meeting, agenda_item, demo.orgs["GGZ"], demo.users["politie"])
    assert response.status_code == 400
    body = response.content.decode()
    assert "Mark de Boer kan deze actie niet uitvoeren voor GGZ" in body
    assert not Decision.objects.exists()
    assert not Action.objects.filter(case=demo.cases["DEMO-ZVH"]).exists()


def test_functioneel_beheer_is_not_a_choice(demo, item):
    meeting, agenda_item = item
    response = _post(
        demo, meeting, agenda_item, demo.orgs["Zorg- en Veiligheidshuis"], demo.users["admin"]
    )
    assert response.status_code == 400
    assert "Kies een persoon uit de lijst." in response.content.decode()
    assert not Decision.objects.exists()


def test_the_item_page_loads_the_picker_script_and_shows_no_empty_dashes(demo, item):
    meeting, agenda_item = item
    page = demo.client_for("regisseur").get(f"/meetings/{meeting.pk}/items/{agenda_item.pk}/")
    body = page.content.decode()
    assert page.status_code == 200
    assert "js/action-picker.js" in body
    assert "---------" not in body


def test_the_chair_picker_has_a_dutch_empty_label(demo):
    zvh = demo.orgs["Zorg- en Veiligheidshuis"]
    html = str(MeetingForm(organisation_id=zvh.pk)["chair"])
    assert "Kies een voorzitter" in html and "---------" not in html
