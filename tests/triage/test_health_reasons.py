"""Health reasons and answers of a triage are shown only to who may see `gezondheid`.

DEMO-ZVH's latest assessment scores `verslaving` 2 and `geestelijke_gezondheid` 3, and its
zorg signal (for `zorg_en_veiligheid`) comes from the addiction score alone. Politie sees
`triage` but not `gezondheid` in the convenant (DESIGN.md, Privacy); GGZ, the regisseur
and the owning wijkteam see both.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from privacy.access import CaseAccess
from triage import inzage
from triage.defaults import RULESET_V1
from triage.engine import evaluate
from triage.presentation import assessment_view, result_view, shows_health, visible_reasons
from triage.selectors import latest_assessment

pytestmark = pytest.mark.django_db

HEALTH_TEXTS = (
    "Middelengebruik en verslaving",
    "Geestelijke gezondheid",
    "Zowel zorg- als veiligheidssignalen",
)
OTHER_TEXTS = ("Financiën: ernstig probleem (score 2)", "Risico: geweld")
WITHHELD = "gaan over gezondheid en worden niet getoond"


def triage_section(html: str) -> str:
    """The triage panel of the case page."""
    start = html.index('<section id="triage"')
    return html[start : html.index("</section>", start)]


def result_section(html: str) -> str:
    """The outcome and answers on an assessment page."""
    start = html.index('<section aria-labelledby="result-title">')
    return html[start : html.index("</section>", start)]


def case_page(demo, username: str) -> str:
    case = demo.cases["DEMO-ZVH"]
    response = demo.client_for(username).get(
        reverse("cases:detail", args=[case.pk]) + "?sectie=triage"
    )
    assert response.status_code == 200
    return triage_section(response.content.decode())


def assessment_page(demo, username: str) -> str:
    case = demo.cases["DEMO-ZVH"]
    url = reverse(
        "triage:assessment",
        kwargs={"pk": case.pk, "assessment_pk": latest_assessment(case).pk},
    )
    response = demo.client_for(username).get(url)
    assert response.status_code == 200
    return result_section(response.content.decode())


def test_police_cannot_see_health_reasons_on_case_page(triage_demo) -> None:
    section = case_page(triage_demo, "politie")
    for text in HEALTH_TEXTS:
        assert text not in section
    assert "verslaving" not in section.lower()
    assert WITHHELD in section


def test_police_still_sees_level_score_and_the_other_reasons_on_case_page(triage_demo) -> None:
    section = case_page(triage_demo, "politie")
    assessment = latest_assessment(triage_demo.cases["DEMO-ZVH"])
    assert "Niveau 2: Opschalen naar ZVH" in section
    assert f"score {assessment.score}" in section
    for text in OTHER_TEXTS:
        assert text in section


def test_police_cannot_see_health_reasons_or_answers_on_the_triage_page(triage_demo) -> None:
    section = assessment_page(triage_demo, "politie")
    for text in (*HEALTH_TEXTS, "Lichamelijke gezondheid"):
        assert text not in section
    assert "verslaving" not in section.lower()
    assert WITHHELD in section
    assert "Financiën" in section  # the other answers stay


@pytest.mark.parametrize("username", ["ggz", "regisseur", "wijkteam"])
def test_who_may_see_health_sees_the_health_reasons_on_case_page(triage_demo, username) -> None:
    section = case_page(triage_demo, username)
    for text in (*HEALTH_TEXTS, *OTHER_TEXTS):
        assert text in section
    assert WITHHELD not in section


@pytest.mark.parametrize("username", ["ggz", "regisseur", "wijkteam"])
def test_who_may_see_health_sees_health_reasons_and_answers_on_the_triage_page(
    triage_demo, username
) -> None:
    section = assessment_page(triage_demo, username)
    for text in (*HEALTH_TEXTS, "Lichamelijke gezondheid"):
        assert text in section
    assert WITHHELD not in section


def test_the_inzage_export_withholds_nothing_from_the_person(triage_demo) -> None:
    rows = inzage.export(triage_demo.cases["DEMO-ZVH"])["wegingen"]
    reasons = " ".join(rows[-1]["redenen"])
    for text in HEALTH_TEXTS:
        assert text in reasons


# --- the rule itself ---------------------------------------------------------------

TRIAGE_ONLY = CaseAccess(categories=frozenset({"basis", "triage"}))
WITH_HEALTH = CaseAccess(categories=frozenset({"basis", "triage", "gezondheid"}))


def view_for(answers: dict, access: CaseAccess | None):
    return result_view(evaluate(answers, RULESET_V1).to_dict(), answers, access=access)


def test_without_a_viewer_nothing_about_health_is_shown() -> None:
    assert not shows_health(None)
    assert not shows_health(TRIAGE_ONLY)
    assert shows_health(WITH_HEALTH)
    answers = {"domains": {"verslaving": 1, "financien": 1}}
    view = view_for(answers, None)
    assert [r["rule"] for r in view.reasons] == ["domein:financien"]
    assert view.health_withheld


def test_zorg_and_safety_reason_stays_when_the_zorg_signal_is_not_about_health() -> None:
    answers = {
        "domains": {"verslaving": 2},
        "risks": {"verward_gedrag": True, "geweld": True},
    }
    rules = {r["rule"] for r in view_for(answers, TRIAGE_ONLY).reasons}
    assert "zorg_en_veiligheid" in rules
    assert "domein:verslaving" not in rules


def test_health_answers_are_left_out_but_still_counted_as_answered() -> None:
    answers = {"domains": {"lichamelijke_gezondheid": 4, "financien": 4}}
    view = view_for(answers, TRIAGE_ONLY)
    assert [d["label"] for d in view.domains] == ["Financiën"]
    assert "Lichamelijke gezondheid" not in view.unknown_domains
    assert view.answered_domains == 2
    assert view.health_withheld


def test_nothing_is_withheld_when_there_is_nothing_about_health() -> None:
    view = view_for({"domains": {"financien": 2}, "risks": {"geweld": True}}, TRIAGE_ONLY)
    assert not view.health_withheld
    assert len(view.reasons) == 2


def test_a_stored_assessment_view_follows_the_same_rule(triage_demo) -> None:
    assessment = latest_assessment(triage_demo.cases["DEMO-ZVH"])
    hidden = assessment_view(assessment, access=TRIAGE_ONLY)
    shown = assessment_view(assessment, access=WITH_HEALTH)
    assert len(hidden.reasons) < len(shown.reasons) == len(assessment.reasons)
    assert hidden.health_withheld and not shown.health_withheld


def test_stored_reasons_outside_triage_follow_the_same_rule(triage_demo) -> None:
    assessment = latest_assessment(triage_demo.cases["DEMO-ZVH"])
    hidden = visible_reasons(assessment.reasons, assessment.answers, access=TRIAGE_ONLY)
    shown = visible_reasons(assessment.reasons, assessment.answers, access=WITH_HEALTH)
    assert shown == assessment.reasons
    assert [r["rule"] for r in hidden] == [
        r["rule"]
        for r in assessment.reasons
        if r["rule"]
        not in ("domein:verslaving", "domein:geestelijke_gezondheid", "zorg_en_veiligheid")
    ]
