"""The triage form in two steps: answers, then the outcome with judgement and save."""

from __future__ import annotations

import pytest

from triage.models import TriageAssessment

from .test_assessment_views import ANSWERS, form_data, new_url

pytestmark = pytest.mark.django_db


def test_calculating_shows_the_outcome_step_with_focus_on_it(demo):
    case = demo.cases["DEMO-ADVIES"]

    response = demo.client_for("wijkteam").post(
        new_url(case), form_data(ANSWERS, action="calculate")
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="uitkomst" tabindex="-1" data-autofocus' in html
    assert "Uitkomst van de weging" in html and "Weging opslaan" in html
    # The answers travel along hidden; the domain questions are not shown again.
    assert 'type="hidden" name="domain_huisvesting" value="1"' in html
    assert "Uitkomst berekenen" not in html


def test_saving_without_a_judgement_keeps_the_outcome_and_links_to_the_judgement(demo):
    client = demo.client_for("wijkteam")
    case = demo.cases["DEMO-ADVIES"]
    key = client.post(new_url(case), form_data(ANSWERS, action="calculate")).context["answers_key"]

    response = client.post(new_url(case), form_data(ANSWERS, action="save", answers_key=key))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Niveau 2: Opschalen naar ZVH" in html
    assert 'href="#id_judgement_0"' in html and 'id="id_judgement_0"' in html
    assert not TriageAssessment.objects.filter(case=case).exists()


def test_changing_the_answers_goes_back_to_the_questions_with_the_answers_kept(demo):
    client = demo.client_for("wijkteam")
    case = demo.cases["DEMO-ADVIES"]

    response = client.post(new_url(case), form_data(ANSWERS, action="edit"))

    assert "Uitkomst berekenen" in response.content.decode()
    assert response.context["form"]["domain_huisvesting"].value() == "1"
    assert response.context["form"]["risk_geweld"].value() is True


def test_an_invalid_domain_links_to_its_first_radio(demo):
    case = demo.cases["DEMO-ADVIES"]

    response = demo.client_for("wijkteam").post(
        new_url(case), form_data(ANSWERS, action="calculate", domain_financien="9")
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_domain_financien_0"' in html and 'id="id_domain_financien_0"' in html
