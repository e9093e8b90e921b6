"""Free text written in a workflow step goes on the timeline under a category the author
picks (default signalen): a partner without that category sees that the step happened,
not the text."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from cases.categories import Category
from cases.models import CaseEvent
from cases.phases import Phase
from escalation.forms import EscalationRequestForm
from escalation.models import EscalationRequest
from escalation.text_category import checked_text_category
from organisations.models import Role
from privacy.access import CaseAccess
from tests.case_pages import case_page_text
from tests.factories import member

from .conftest import assess, fresh

PSYCHOSIS = "Vader psychotisch sinds de zomer, verslaving speelt mee."


def _escalate_in_browser(demo, case, **extra):
    assess(case, 2)
    data = {
        "phase": Phase.WIJKTEAM,
        "aanleiding": PSYCHOSIS,
        "doel": "Eén plan voor het hele gezin.",
        "client_informed": "ja",
        "partners": [demo.orgs["Politie"].pk],
        **extra,
    }
    return demo.client_for("wijkteam").post(reverse("escalation:request", args=[case.pk]), data)


def _case_page(demo, username, case) -> str:
    return case_page_text(demo.client_for(username), case.pk)


@pytest.fixture
def in_zvh_with_politie(demo, flow):
    """DEMO-STAGNATIE escalated with the aanleiding under gezondheid, accepted, politie
    taking part."""
    case = demo.cases["DEMO-STAGNATIE"]
    assert _escalate_in_browser(demo, case, text_category="gezondheid").status_code == 302
    flow.accept(fresh(case))
    return fresh(case)


def test_the_aanleiding_is_not_prefilled_with_the_triage(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    assess(case, 2)
    page = demo.client_for("wijkteam").get(reverse("escalation:request", args=[case.pk]))
    form = page.context["form"]
    assert not form["aanleiding"].value()
    assert "Risico: geweld" in page.content.decode()  # the triage is shown beside it
    assert form["text_category"].value() == Category.SIGNALEN
    assert "Categorie van deze tekst" in page.content.decode()


def test_politie_cannot_read_an_aanleiding_filed_under_gezondheid(demo, in_zvh_with_politie):
    case = in_zvh_with_politie
    politie = _case_page(demo, "politie", case)
    assert "Aangemeld bij het Zorg- en Veiligheidshuis." in politie
    assert "psychotisch" not in politie


@pytest.mark.parametrize("username", ["wijkteam", "regisseur"])
def test_author_and_regisseur_can_read_the_aanleiding(demo, in_zvh_with_politie, username):
    assert "psychotisch" in _case_page(demo, username, in_zvh_with_politie)


def test_the_phase_change_stays_basis_and_the_text_goes_under_its_category(
    demo, in_zvh_with_politie
):
    events = CaseEvent.objects.filter(case=in_zvh_with_politie)
    phase = events.get(kind="escalation_requested")
    assert phase.category == Category.BASIS
    assert "psychotisch" not in phase.description
    text = events.get(kind="escalation_requested_text")
    assert text.category == Category.GEZONDHEID
    assert "psychotisch" in text.description


def test_reclassering_cannot_read_an_aanleiding_under_the_default_category(demo, flow):
    case = demo.cases["DEMO-STAGNATIE"]
    partners = [demo.orgs["Politie"].pk, demo.orgs["Reclassering"].pk]
    # No category posted: an old form, the default applies.
    assert _escalate_in_browser(demo, case, partners=partners).status_code == 302
    flow.accept(fresh(case))
    reclassering = member(demo.orgs["Reclassering"], Role.MEDEWERKER, username="reclassering")
    assert CaseEvent.objects.get(case=case, kind="escalation_requested_text").category == (
        Category.SIGNALEN
    )
    client = Client()
    client.force_login(reclassering)
    page = case_page_text(client, case.pk)
    assert "Aangemeld bij het Zorg- en Veiligheidshuis." in page
    assert "psychotisch" not in page


def test_wijkteam_cannot_file_text_under_an_unknown_category(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    page = _escalate_in_browser(demo, case, text_category="geheim")
    assert page.status_code == 400
    assert "categorie die u zelf mag inzien" in page.content.decode()
    assert not EscalationRequest.objects.filter(case=case).exists()
    assert fresh(case).phase == Phase.WIJKTEAM


def test_the_form_offers_only_categories_the_author_may_see(demo):
    case = demo.cases["DEMO-STAGNATIE"]
    access = CaseAccess(categories=frozenset({Category.BASIS, Category.SIGNALEN}))
    data = {"phase": Phase.WIJKTEAM, "aanleiding": "a", "doel": "b", "client_informed": "ja"}
    form = EscalationRequestForm(
        {**data, "text_category": Category.GEZONDHEID},
        case=case,
        user=demo.users["wijkteam"],
        access=access,
    )
    assert [v for v, _label in form.fields["text_category"].choices] == ["signalen", "basis"]
    assert not form.is_valid()
    assert "categorie die u zelf mag inzien" in str(form.errors["text_category"])


def test_a_service_refuses_a_category_the_author_may_not_see(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    with pytest.raises(ValidationError, match="categorie die u zelf mag inzien"):
        checked_text_category(Category.GEZONDHEID, user=wf_demo.users["politie"], case=case)
    assert (
        checked_text_category(None, user=wf_demo.users["politie"], case=case) == Category.SIGNALEN
    )


def test_close_reason_is_filed_under_the_chosen_category(wf_demo):
    case = wf_demo.cases["DEMO-ZVH"]
    page = wf_demo.client_for("regisseur").post(
        reverse("escalation:close", args=[case.pk]),
        {"phase": Phase.ZVH, "reason": "Moeder opgenomen in de kliniek.", "text_category": "zorg"},
    )
    assert page.status_code == 302
    events = CaseEvent.objects.filter(case=case)
    assert "kliniek" not in events.get(kind="closed").description
    assert events.get(kind="closed_text").category == Category.ZORG
