"""The triage pages of a case: form, result, case page section, access and logging."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from privacy.models import AccessLog
from tests.factories import member
from triage.defaults import RULESET_V1
from triage.engine import DOMAINS, RISKS, evaluate
from triage.models import TriageAssessment
from triage.selectors import latest_assessment

pytestmark = pytest.mark.django_db


def new_url(case) -> str:
    return reverse("triage:assessment_new", kwargs={"pk": case.pk})


def detail_url(assessment) -> str:
    return reverse(
        "triage:assessment", kwargs={"pk": assessment.case_id, "assessment_pk": assessment.pk}
    )


def form_data(answers: dict, **extra) -> dict:
    data = {f"domain_{d}": str(answers.get("domains", {}).get(d, "")) for d in DOMAINS}
    for risk in RISKS:
        if answers.get("risks", {}).get(risk):
            data[f"risk_{risk}"] = "on"
    data["organisations"] = str(answers.get("organisations", 0))
    data["months_in_wijkteam"] = str(answers.get("months_in_wijkteam", 0))
    data.update(extra)
    return data


ANSWERS = {
    "domains": {"financien": 2, "huisvesting": 1, "geestelijke_gezondheid": 2, "verslaving": 2},
    "risks": {"geweld": True, "overlast": True, "minderjarigen_betrokken": True},
    "organisations": 4,
    "months_in_wijkteam": 7,
}


def calculate_then_save(client, case, answers, **judgement):
    page = client.post(new_url(case), form_data(answers, action="calculate"))
    assert page.status_code == 200
    key = page.context["answers_key"]
    return client.post(
        new_url(case), form_data(answers, action="save", answers_key=key, **judgement)
    )


def test_form_shows_eleven_domains_as_fieldsets_and_prefills_months(demo) -> None:
    case = demo.cases["DEMO-STAGNATIE"]  # registered 245 days ago
    response = demo.client_for("wijkteam").get(new_url(case))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<legend>") >= 11 + 2
    assert "Middelengebruik en verslaving" in html
    assert "Onbekend" in html
    assert "Hulp stagneert" in html and "De hulp levert al langere tijd" in html
    assert response.context["form"]["months_in_wijkteam"].value() == 8


def test_worker_calculates_sees_reasons_and_saves_with_judgement(demo) -> None:
    client = demo.client_for("wijkteam")
    case = demo.cases["DEMO-ADVIES"]
    preview = client.post(new_url(case), form_data(ANSWERS, action="calculate"))
    html = preview.content.decode()
    assert "Niveau 2: Opschalen naar ZVH" in html
    assert "Risico: geweld — 4 punten" in html
    assert "Huisvesting: acuut probleem (score 1) — 3 punten" in html
    assert not TriageAssessment.objects.filter(case=case).exists()

    response = calculate_then_save(client, case, ANSWERS, judgement="agree")
    assessment = latest_assessment(case)
    assert response.status_code == 302
    assert response.url == detail_url(assessment)
    result = client.get(response.url)
    text = result.content.decode()
    assert "Aanmelden bij het Zorg- en Veiligheidshuis" in text
    assert "Ik ben het eens met de uitkomst" in text


def test_engine_cli_and_case_page_agree(demo) -> None:
    """The page stores what the engine computes for the same answers."""
    client = demo.client_for("wijkteam")
    case = demo.cases["DEMO-ADVIES"]
    calculate_then_save(client, case, ANSWERS, judgement="agree")
    stored = latest_assessment(case)
    expected = evaluate(ANSWERS, RULESET_V1).to_dict()
    assert {
        "score": stored.score,
        "level": stored.level,
        "level_name": stored.level_name,
        "knock_outs": stored.knock_outs,
        "reasons": stored.reasons,
        "complete": stored.complete,
        "ruleset": stored.ruleset_name,
        "zvh_criteria": stored.zvh_criteria,
    } == expected


def test_disagreeing_without_motivation_shows_an_error_summary(demo) -> None:
    client = demo.client_for("wijkteam")
    case = demo.cases["DEMO-ADVIES"]
    response = calculate_then_save(client, case, ANSWERS, judgement="disagree")
    html = response.content.decode()
    assert response.status_code == 400
    assert "error-summary" in html
    assert "Licht toe waarom u het niet eens bent" in html
    assert not TriageAssessment.objects.filter(case=case).exists()


def test_saving_changed_answers_asks_to_look_at_the_new_result_first(demo) -> None:
    client = demo.client_for("wijkteam")
    case = demo.cases["DEMO-ADVIES"]
    page = client.post(new_url(case), form_data(ANSWERS, action="calculate"))
    key = page.context["answers_key"]
    changed = {**ANSWERS, "organisations": 0}
    response = client.post(
        new_url(case), form_data(changed, action="save", answers_key=key, judgement="agree")
    )
    assert response.status_code == 200
    assert "De antwoorden zijn gewijzigd" in response.content.decode()
    assert not TriageAssessment.objects.filter(case=case).exists()


def test_bad_number_gives_a_dutch_error_and_changes_nothing(demo) -> None:
    client = demo.client_for("wijkteam")
    case = demo.cases["DEMO-ADVIES"]
    response = client.post(
        new_url(case),
        form_data(ANSWERS, action="calculate", organisations="-3", domain_financien="9"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Het aantal kan niet negatief zijn." in html
    assert "Kies een score van 1 tot en met 5." in html
    assert not TriageAssessment.objects.exists()


def test_level_3_says_to_escalate_today(triage_demo) -> None:
    client = triage_demo.client_for("wijkteam")
    case = triage_demo.cases["DEMO-ADVIES"]
    answers = {**ANSWERS, "risks": {"gevaar_zelf_of_ander": True}}
    response = calculate_then_save(client, case, answers, judgement="agree")
    html = client.get(response.url).content.decode()
    assert "Niveau 3: Acuut" in html
    assert "Gevaar voor zichzelf of anderen" in html
    assert "vandaag nog aan" in html


def test_level_1_offers_a_consultation(triage_demo) -> None:
    case = triage_demo.cases["DEMO-ADVIES"]  # level 1 in the demo
    html = triage_demo.client_for("wijkteam").get(
        reverse("cases:detail", args=[case.pk]) + "?sectie=triage"
    )
    text = html.content.decode()
    assert "Volgende stap: vraag advies aan het Zorg- en Veiligheidshuis" in text


def test_case_page_shows_triage_section_with_history(triage_demo) -> None:
    case = triage_demo.cases["DEMO-ZVH"]
    response = triage_demo.client_for("wijkteam").get(
        reverse("cases:detail", args=[case.pk]) + "?sectie=triage"
    )
    html = response.content.decode()
    # The triage is its own section of the case page, one click from every section.
    assert f'href="/cases/{case.pk}/?sectie=triage" aria-current="page"' in html
    assert "Niveau 2: Opschalen naar ZVH" in html
    assert "Eerdere wegingen" in html
    assert html.count("triage/case/") >= 3  # links to both assessments + the new-form link


def test_police_sees_the_triage_of_demo_zvh_but_cannot_add_one(triage_demo) -> None:
    client = triage_demo.client_for("politie")
    case = triage_demo.cases["DEMO-ZVH"]
    page = client.get(reverse("cases:detail", args=[case.pk]) + "?sectie=triage").content.decode()
    assert "Niveau 2: Opschalen naar ZVH" in page
    assert "Nieuwe triage" not in page
    assessment = latest_assessment(case)
    assert client.get(detail_url(assessment)).status_code == 200
    assert client.get(new_url(case)).status_code == 403
    assert client.post(new_url(case), form_data(ANSWERS, action="calculate")).status_code == 403


def test_manager_reads_triage_but_cannot_add_one(triage_demo) -> None:
    client = triage_demo.client_for("manager")
    case = triage_demo.cases["DEMO-STAGNATIE"]
    page = client.get(reverse("cases:detail", args=[case.pk]) + "?sectie=triage").content.decode()
    assert "Niveau 1: Consultatie ZVH" in page
    assert "Nieuwe triage" not in page
    assert client.get(new_url(case)).status_code == 403


def test_reclassering_without_triage_category_sees_no_triage(triage_demo) -> None:
    user = member(triage_demo.orgs["Reclassering"], username="reclassering1")
    client = Client()
    client.force_login(user)
    case = triage_demo.cases["DEMO-AFSCHALING"]  # Reclassering takes part
    page = client.get(reverse("cases:detail", args=[case.pk]) + "?sectie=triage")
    assert page.status_code == 200
    assert 'id="triage"' not in page.content.decode()
    assert client.get(detail_url(latest_assessment(case))).status_code == 403


@pytest.mark.parametrize("which", ["new", "detail"])
def test_other_wijkteam_gets_404_and_nothing_is_logged(triage_demo, which) -> None:
    case = triage_demo.cases["DEMO-ZVH"]
    url = new_url(case) if which == "new" else detail_url(latest_assessment(case))
    before = AccessLog.objects.count()
    response = triage_demo.client_for("wijkteam2").get(url)
    assert response.status_code == 404
    assert AccessLog.objects.count() == before


def test_unknown_case_is_404(demo) -> None:
    assert demo.client_for("wijkteam").get("/triage/case/999999/new/").status_code == 404


def test_assessment_of_another_case_is_404(triage_demo) -> None:
    other = latest_assessment(triage_demo.cases["DEMO-ZUID-2"])
    url = reverse(
        "triage:assessment",
        kwargs={"pk": triage_demo.cases["DEMO-ZVH"].pk, "assessment_pk": other.pk},
    )
    assert triage_demo.client_for("wijkteam").get(url).status_code == 404


def test_each_view_writes_exactly_one_access_log_row(triage_demo) -> None:
    client = triage_demo.client_for("wijkteam")
    case = triage_demo.cases["DEMO-ZVH"]
    for url in (new_url(case), detail_url(latest_assessment(case))):
        before = AccessLog.objects.filter(case=case).count()
        assert client.get(url).status_code == 200
        assert AccessLog.objects.filter(case=case).count() == before + 1
    row = AccessLog.objects.filter(case=case).latest("id")
    assert "triage" in row.categories


def test_case_page_query_count_with_triage(triage_demo, django_assert_max_num_queries) -> None:
    client = triage_demo.client_for("wijkteam")
    case = triage_demo.cases["DEMO-ZVH"]
    client.get(reverse("cases:detail", args=[case.pk]))
    with django_assert_max_num_queries(30):
        assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_triage_pages_use_a_fixed_number_of_queries(
    triage_demo, django_assert_max_num_queries
) -> None:
    client = triage_demo.client_for("wijkteam")
    case = triage_demo.cases["DEMO-ZVH"]
    for url in (new_url(case), detail_url(latest_assessment(case))):
        client.get(url)
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200
