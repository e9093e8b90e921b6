"""The professional judgement on the outcome step: the motivation is asked under
"niet eens", marked as required there, and never saved under "eens"."""

from __future__ import annotations

import pytest

from triage.models import Judgement, TriageAssessment

from .test_assessment_views import ANSWERS, form_data, new_url

pytestmark = pytest.mark.django_db


def _outcome(client, case):
    return client.post(new_url(case), form_data(ANSWERS, action="calculate"))


def _save(client, case, **judgement):
    key = _outcome(client, case).context["answers_key"]
    return client.post(
        new_url(case), form_data(ANSWERS, action="save", answers_key=key, **judgement)
    )


def test_the_motivation_sits_under_niet_eens_and_is_not_marked_optional(demo):
    html = _outcome(demo.client_for("wijkteam"), demo.cases["DEMO-ADVIES"]).content.decode()

    under = html.split('id="id_judgement-disagree-reveal"')[1].split("</div>\n    \n")[0]
    assert 'name="judgement_motivation"' in under
    label = html.split('for="id_judgement_motivation"')[1].split("</label>")[0]
    assert "Waarom bent u het niet eens met de uitkomst?" in label
    assert "niet verplicht" not in label
    assert "js/conditional-reveal.js" in html


def test_niet_eens_without_motivation_links_to_it_and_saves_nothing(demo):
    case = demo.cases["DEMO-ADVIES"]
    response = _save(
        demo.client_for("wijkteam"), case, judgement=Judgement.DISAGREE, judgement_motivation=" "
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_judgement_motivation"' in html
    assert "Licht toe waarom u het niet eens bent met de uitkomst." in html
    assert not TriageAssessment.objects.filter(case=case).exists()


def test_niet_eens_with_motivation_is_saved(demo):
    case = demo.cases["DEMO-ADVIES"]
    response = _save(
        demo.client_for("wijkteam"),
        case,
        judgement=Judgement.DISAGREE,
        judgement_motivation="Het netwerk vangt veel op.",
    )

    assert response.status_code == 302
    assessment = TriageAssessment.objects.get(case=case)
    assert assessment.judgement_motivation == "Het netwerk vangt veel op."


def test_eens_drops_a_motivation_typed_under_niet_eens(demo):
    case = demo.cases["DEMO-ADVIES"]
    response = _save(
        demo.client_for("wijkteam"),
        case,
        judgement=Judgement.AGREE,
        judgement_motivation="Eerst getypt, toen van gedachten veranderd.",
    )

    assert response.status_code == 302
    assessment = TriageAssessment.objects.get(case=case)
    assert assessment.judgement == Judgement.AGREE and assessment.judgement_motivation == ""
