"""Spec tests for the triage rule engine (DESIGN.md, "Triage"). No database needed."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from triage.defaults import (
    DOMAIN_LABELS,
    DOMAIN_SCORE_HELP,
    KNOCK_OUT_LABELS_NL,
    LEVEL_LABELS_NL,
    RISK_HELP,
    RISK_LABELS,
    RULE_EXPLANATIONS,
    RULESET_V1,
    ZVH_CRITERIA_LABELS_NL,
    explain_reason,
)
from triage.engine import (
    DOMAINS,
    KNOCK_OUT_RULES,
    LEVEL_NAMES,
    RISKS,
    ZVH_CRITERIA,
    CompiledRuleset,
    TriageInputError,
    TriageResult,
    compile_ruleset,
    evaluate,
    validate_answers,
    validate_ruleset,
)


def run(**answers: Any) -> TriageResult:
    return evaluate(answers, RULESET_V1)


def risks(*names: str) -> dict[str, bool]:
    return dict.fromkeys(names, True)


def reason_points(result: TriageResult) -> dict[str, int]:
    return {r["rule"]: r["points"] for r in result.reasons}


# --- constants -------------------------------------------------------------------------


def test_it_knows_the_eleven_domains_in_design_order() -> None:
    assert DOMAINS == (
        "financien",
        "dagbesteding",
        "huisvesting",
        "huiselijke_relaties",
        "geestelijke_gezondheid",
        "lichamelijke_gezondheid",
        "verslaving",
        "adl",
        "sociaal_netwerk",
        "maatschappelijke_participatie",
        "justitie",
    )


def test_it_knows_the_twelve_risks() -> None:
    assert len(RISKS) == 12
    assert set(RISKS) == set(RULESET_V1["risk_points"])


def test_level_names() -> None:
    assert LEVEL_NAMES == {0: "wijkteam", 1: "consultatie", 2: "opschalen", 3: "acuut"}


def test_knock_out_rules_are_described() -> None:
    assert KNOCK_OUT_RULES == {
        "gevaar_zelf_of_ander": ("gevaar_zelf_of_ander",),
        "kind_in_gevaar_met_geweld": ("kind_in_gevaar", "geweld"),
    }


# --- empty answers ---------------------------------------------------------------------


def test_it_scores_empty_answers_as_wijkteam_with_no_reasons() -> None:
    assert evaluate({}, RULESET_V1).to_dict() == {
        "score": 0,
        "level": 0,
        "level_name": "wijkteam",
        "knock_outs": [],
        "reasons": [],
        "complete": False,
        "ruleset": "v1",
        "zvh_criteria": {
            "multiproblem": False,
            "meerdere_ketens": False,
            "systeemimpact": False,
            "lokaal_veiligheidsprobleem": False,
            "voldaan": False,
        },
    }


# --- domain points ---------------------------------------------------------------------


@pytest.mark.parametrize(("score", "points"), [(1, 3), (2, 2), (3, 1), (4, 0), (5, 0)])
def test_domein_rule_gives_points_per_score(score: int, points: int) -> None:
    result = run(domains={"financien": score})
    assert result.score == points
    expected = [{"rule": "domein:financien", "points": points}] if points else []
    assert result.reasons == expected


@pytest.mark.parametrize("domain", DOMAINS)
def test_domein_rule_is_named_after_each_domain(domain: str) -> None:
    assert run(domains={domain: 1}).reasons[0]["rule"] == f"domein:{domain}"


def test_domein_rule_adds_up_over_domains() -> None:
    result = run(domains={"financien": 1, "huisvesting": 2, "adl": 3, "justitie": 4})
    assert result.score == 6
    assert reason_points(result) == {
        "domein:financien": 3,
        "domein:huisvesting": 2,
        "domein:adl": 1,
    }


def test_it_ignores_unanswered_domains() -> None:
    assert run(domains={}).score == 0


# --- risk points -----------------------------------------------------------------------

RISK_POINTS_V1 = {
    "geweld": 4,
    "kind_in_gevaar": 4,
    "wapens_of_bedreiging": 4,
    "gevaar_zelf_of_ander": 5,
    "verward_gedrag": 2,
    "overlast": 2,
    "politie_contacten": 3,
    "justitie_traject": 3,
    "zorgmijding": 2,
    "geen_regie": 3,
    "stagnatie": 2,
    "minderjarigen_betrokken": 1,
}


@pytest.mark.parametrize(("risk", "points"), sorted(RISK_POINTS_V1.items()))
def test_risk_rule_gives_its_points_under_its_own_name(risk: str, points: int) -> None:
    result = run(risks=risks(risk))
    assert result.score == points
    assert result.reasons == [{"rule": risk, "points": points}]


def test_false_risks_give_no_points() -> None:
    result = run(risks=dict.fromkeys(RISKS, False))
    assert result.score == 0
    assert result.reasons == []


# --- veel_organisaties -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("organisations", "points"), [(0, 0), (2, 0), (3, 3), (4, 3), (5, 5), (12, 5)]
)
def test_veel_organisaties_gives_3_from_three_and_5_from_five(
    organisations: int, points: int
) -> None:
    result = run(organisations=organisations)
    assert result.score == points
    assert reason_points(result).get("veel_organisaties", 0) == points


# --- te_lang_in_wijkteam ---------------------------------------------------------------


@pytest.mark.parametrize(("months", "points"), [(0, 0), (5, 0), (6, 2), (7, 2), (40, 2)])
def test_te_lang_in_wijkteam_needs_six_months_with_stagnatie(months: int, points: int) -> None:
    result = run(months_in_wijkteam=months, risks=risks("stagnatie"))
    assert reason_points(result).get("te_lang_in_wijkteam", 0) == points
    assert result.score == 2 + points  # stagnatie itself gives 2


@pytest.mark.parametrize("months", [5, 6, 24])
def test_te_lang_in_wijkteam_does_not_apply_without_stagnatie(months: int) -> None:
    result = run(months_in_wijkteam=months)
    assert result.score == 0
    assert result.reasons == []


# --- zorg_en_veiligheid ----------------------------------------------------------------

ZORG_SIGNALS: list[dict[str, Any]] = [
    {"domains": {"geestelijke_gezondheid": 2}},
    {"domains": {"geestelijke_gezondheid": 1}},
    {"domains": {"lichamelijke_gezondheid": 2}},
    {"domains": {"verslaving": 1}},
    {"risks": risks("verward_gedrag")},
    {"risks": risks("zorgmijding")},
]
VEILIGHEID_SIGNALS = [
    "geweld",
    "wapens_of_bedreiging",
    "politie_contacten",
    "justitie_traject",
    "overlast",
    "kind_in_gevaar",
]


def combine(zorg: dict[str, Any], veiligheid_risk: str) -> dict[str, Any]:
    answers = copy.deepcopy(zorg)
    answers.setdefault("risks", {})[veiligheid_risk] = True
    return answers


def signal_id(value: Any) -> str:
    return json.dumps(value, sort_keys=True) if isinstance(value, dict) else str(value)


@pytest.mark.parametrize("zorg", ZORG_SIGNALS, ids=signal_id)
def test_zorg_en_veiligheid_applies_for_each_zorg_signal(zorg: dict[str, Any]) -> None:
    result = evaluate(combine(zorg, "overlast"), RULESET_V1)
    assert reason_points(result)["zorg_en_veiligheid"] == 4


@pytest.mark.parametrize("veiligheid", VEILIGHEID_SIGNALS)
def test_zorg_en_veiligheid_applies_for_each_veiligheid_signal(veiligheid: str) -> None:
    result = evaluate(combine({"risks": risks("zorgmijding")}, veiligheid), RULESET_V1)
    assert reason_points(result)["zorg_en_veiligheid"] == 4


@pytest.mark.parametrize("zorg", ZORG_SIGNALS, ids=signal_id)
def test_zorg_en_veiligheid_needs_a_veiligheid_signal(zorg: dict[str, Any]) -> None:
    answers = copy.deepcopy(zorg)
    answers.setdefault("risks", {}).update(risks("geen_regie", "stagnatie"))
    assert "zorg_en_veiligheid" not in reason_points(evaluate(answers, RULESET_V1))


@pytest.mark.parametrize("veiligheid", VEILIGHEID_SIGNALS)
def test_zorg_en_veiligheid_needs_a_zorg_signal(veiligheid: str) -> None:
    result = run(risks=risks(veiligheid), domains={"financien": 1, "verslaving": 3})
    assert "zorg_en_veiligheid" not in reason_points(result)


@pytest.mark.parametrize(
    "domain", ["geestelijke_gezondheid", "lichamelijke_gezondheid", "verslaving"]
)
def test_zorg_domain_scored_3_is_not_a_zorg_signal(domain: str) -> None:
    result = run(domains={domain: 3}, risks=risks("geweld"))
    assert "zorg_en_veiligheid" not in reason_points(result)


def test_a_bad_score_outside_the_zorg_domains_is_not_a_zorg_signal() -> None:
    result = run(domains={"adl": 1, "financien": 1}, risks=risks("geweld"))
    assert "zorg_en_veiligheid" not in reason_points(result)


# --- levels ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answers", "score", "level", "level_name"),
    [
        ({"risks": risks("geweld", "politie_contacten")}, 7, 0, "wijkteam"),
        (
            {"risks": risks("geweld", "politie_contacten", "minderjarigen_betrokken")},
            8,
            1,
            "consultatie",
        ),
        (
            {
                "domains": dict.fromkeys(
                    ["financien", "dagbesteding", "huisvesting", "adl", "justitie"], 1
                )
            },
            15,
            1,
            "consultatie",
        ),
        (
            {
                "domains": {
                    **dict.fromkeys(
                        ["financien", "dagbesteding", "huisvesting", "adl", "justitie"], 1
                    ),
                    "sociaal_netwerk": 3,
                }
            },
            16,
            2,
            "opschalen",
        ),
    ],
    ids=["score-7", "score-8", "score-15", "score-16"],
)
def test_level_boundaries_at_8_and_16(
    answers: dict[str, Any], score: int, level: int, level_name: str
) -> None:
    result = evaluate(answers, RULESET_V1)
    assert (result.score, result.level, result.level_name) == (score, level, level_name)
    assert result.knock_outs == []


# --- knock-outs ------------------------------------------------------------------------


def test_knock_out_gevaar_zelf_of_ander_is_acuut_whatever_the_score() -> None:
    result = run(risks=risks("gevaar_zelf_of_ander"))
    assert result.score == 5
    assert (result.level, result.level_name) == (3, "acuut")
    assert result.knock_outs == ["gevaar_zelf_of_ander"]


def test_knock_out_kind_in_gevaar_met_geweld_is_acuut() -> None:
    result = run(risks=risks("kind_in_gevaar", "geweld"))
    assert result.score == 8
    assert (result.level, result.level_name) == (3, "acuut")
    assert result.knock_outs == ["kind_in_gevaar_met_geweld"]


@pytest.mark.parametrize("risk", ["kind_in_gevaar", "geweld"])
def test_knock_out_kind_in_gevaar_met_geweld_needs_both(risk: str) -> None:
    result = run(risks=risks(risk))
    assert result.knock_outs == []
    assert result.level == 0


def test_knock_outs_are_listed_sorted() -> None:
    result = run(risks=risks("kind_in_gevaar", "geweld", "gevaar_zelf_of_ander"))
    assert result.knock_outs == ["gevaar_zelf_of_ander", "kind_in_gevaar_met_geweld"]
    assert result.level == 3


def test_knock_outs_are_not_listed_as_reasons() -> None:
    result = run(risks=risks("gevaar_zelf_of_ander"))
    assert result.reasons == [{"rule": "gevaar_zelf_of_ander", "points": 5}]


def test_a_ruleset_without_knock_outs_uses_the_score_only() -> None:
    ruleset = {**RULESET_V1, "name": "zonder", "knock_outs": []}
    result = evaluate({"risks": risks("gevaar_zelf_of_ander")}, ruleset)
    assert result.knock_outs == []
    assert result.level == 0


def test_an_acuut_threshold_in_the_ruleset_gives_level_3_by_score() -> None:
    ruleset = {**RULESET_V1, "thresholds": {"acuut": 20, "opschalen": 16, "consultatie": 8}}
    assert evaluate({"domains": dict.fromkeys(DOMAINS[:7], 1)}, ruleset).level == 3  # 21
    assert evaluate({"domains": dict.fromkeys(DOMAINS[:6], 1)}, ruleset).level == 2  # 18


# --- reasons ---------------------------------------------------------------------------


def test_reasons_are_sorted_by_points_descending_then_rule_name() -> None:
    result = run(
        domains={"verslaving": 1, "financien": 2, "adl": 3, "huisvesting": 1},
        risks=risks("overlast", "zorgmijding", "minderjarigen_betrokken", "geweld"),
        organisations=3,
    )
    assert result.reasons == [
        {"rule": "geweld", "points": 4},
        {"rule": "zorg_en_veiligheid", "points": 4},
        {"rule": "domein:huisvesting", "points": 3},
        {"rule": "domein:verslaving", "points": 3},
        {"rule": "veel_organisaties", "points": 3},
        {"rule": "domein:financien", "points": 2},
        {"rule": "overlast", "points": 2},
        {"rule": "zorgmijding", "points": 2},
        {"rule": "domein:adl", "points": 1},
        {"rule": "minderjarigen_betrokken", "points": 1},
    ]
    assert result.score == sum(r["points"] for r in result.reasons) == 25


def test_reasons_only_list_rules_with_points() -> None:
    result = run(domains={"financien": 4, "adl": 5}, organisations=2, months_in_wijkteam=9)
    assert result.reasons == []


# --- complete --------------------------------------------------------------------------


def test_complete_is_false_with_five_domains() -> None:
    assert run(domains=dict.fromkeys(DOMAINS[:5], 5)).complete is False


def test_complete_is_true_with_six_domains() -> None:
    assert run(domains=dict.fromkeys(DOMAINS[:6], 5)).complete is True


def test_complete_is_true_with_all_domains() -> None:
    assert run(domains=dict.fromkeys(DOMAINS, 4)).complete is True


# --- ZVH criteria ----------------------------------------------------------------------


def zvh(**answers: Any) -> dict[str, bool]:
    return run(**answers).zvh_criteria


def test_zvh_criteria_keys() -> None:
    assert tuple(zvh()) == ZVH_CRITERIA


def test_zvh_multiproblem_needs_two_domains_scored_2_or_less() -> None:
    assert zvh(domains={"financien": 2})["multiproblem"] is False
    assert zvh(domains={"financien": 2, "adl": 3})["multiproblem"] is False
    assert zvh(domains={"financien": 2, "adl": 1})["multiproblem"] is True


@pytest.mark.parametrize(("organisations", "expected"), [(2, False), (3, True), (5, True)])
def test_zvh_meerdere_ketens_from_three_organisations(organisations: int, expected: bool) -> None:
    assert zvh(organisations=organisations)["meerdere_ketens"] is expected


def test_zvh_meerdere_ketens_from_zorg_and_veiligheid_signals() -> None:
    assert zvh(risks=risks("verward_gedrag"))["meerdere_ketens"] is False
    assert zvh(risks=risks("politie_contacten"))["meerdere_ketens"] is False
    assert zvh(risks=risks("verward_gedrag", "politie_contacten"))["meerdere_ketens"] is True
    assert zvh(domains={"verslaving": 2}, risks=risks("geweld"))["meerdere_ketens"] is True


@pytest.mark.parametrize(
    "answers",
    [
        {"risks": risks("minderjarigen_betrokken")},
        {"risks": risks("kind_in_gevaar")},
        {"domains": {"huiselijke_relaties": 2}},
        {"domains": {"huiselijke_relaties": 1}},
    ],
    ids=signal_id,
)
def test_zvh_systeemimpact(answers: dict[str, Any]) -> None:
    assert evaluate(answers, RULESET_V1).zvh_criteria["systeemimpact"] is True


def test_zvh_systeemimpact_not_from_huiselijke_relaties_3() -> None:
    assert zvh(domains={"huiselijke_relaties": 3})["systeemimpact"] is False


def test_zvh_lokaal_veiligheidsprobleem_needs_overlast_and_politie_contacten() -> None:
    assert zvh(risks=risks("overlast"))["lokaal_veiligheidsprobleem"] is False
    assert zvh(risks=risks("politie_contacten"))["lokaal_veiligheidsprobleem"] is False
    both = zvh(risks=risks("overlast", "politie_contacten"))
    assert both["lokaal_veiligheidsprobleem"] is True
    assert both["voldaan"] is True


def test_zvh_voldaan_needs_all_three_of_multiproblem_ketens_and_systeemimpact() -> None:
    base = {"domains": {"financien": 1, "huisvesting": 2}, "organisations": 3}
    assert zvh(**base)["voldaan"] is False  # no systeemimpact
    full = zvh(**base, risks=risks("minderjarigen_betrokken"))
    assert full == {
        "multiproblem": True,
        "meerdere_ketens": True,
        "systeemimpact": True,
        "lokaal_veiligheidsprobleem": False,
        "voldaan": True,
    }
    no_ketens = zvh(
        domains={"financien": 1, "huisvesting": 2}, risks=risks("minderjarigen_betrokken")
    )
    assert no_ketens["voldaan"] is False
    no_multi = zvh(
        domains={"financien": 1}, organisations=3, risks=risks("minderjarigen_betrokken")
    )
    assert no_multi["voldaan"] is False


def test_zvh_criteria_do_not_depend_on_the_ruleset_weights() -> None:
    answers = {
        "domains": {"verslaving": 1, "financien": 2},
        "risks": risks("geweld"),
        "organisations": 1,
    }
    zero = {
        **RULESET_V1,
        "domain_points": dict.fromkeys("12345", 0),
        "risk_points": dict.fromkeys(RISKS, 0),
        "zorg_en_veiligheid_points": 0,
    }
    assert evaluate(answers, zero).zvh_criteria == evaluate(answers, RULESET_V1).zvh_criteria
    assert evaluate(answers, zero).score == 0


# --- realistic examples ----------------------------------------------------------------


def test_it_evaluates_the_design_example() -> None:
    answers = {
        "domains": {"financien": 2, "huisvesting": 1, "geestelijke_gezondheid": 2},
        "risks": {"geweld": True, "overlast": True},
        "organisations": 4,
        "months_in_wijkteam": 7,
    }
    assert evaluate(answers, RULESET_V1).to_dict() == {
        "score": 20,
        "level": 2,
        "level_name": "opschalen",
        "knock_outs": [],
        "reasons": [
            {"rule": "geweld", "points": 4},
            {"rule": "zorg_en_veiligheid", "points": 4},
            {"rule": "domein:huisvesting", "points": 3},
            {"rule": "veel_organisaties", "points": 3},
            {"rule": "domein:financien", "points": 2},
            {"rule": "domein:geestelijke_gezondheid", "points": 2},
            {"rule": "overlast", "points": 2},
        ],
        "complete": False,
        "ruleset": "v1",
        "zvh_criteria": {
            "multiproblem": True,
            "meerdere_ketens": True,
            "systeemimpact": False,
            "lokaal_veiligheidsprobleem": False,
            "voldaan": False,
        },
    }


def test_it_evaluates_a_realistic_family_case_completely() -> None:
    # A son arrested, a mother with an alcohol addiction, a violent father; stuck in the
    # wijkteam for seven months with four organisations involved.
    answers = {
        "domains": {
            "financien": 2,
            "huisvesting": 3,
            "huiselijke_relaties": 1,
            "geestelijke_gezondheid": 3,
            "verslaving": 1,
            "sociaal_netwerk": 3,
            "justitie": 2,
            "adl": 4,
        },
        "risks": {
            "geweld": True,
            "politie_contacten": True,
            "justitie_traject": True,
            "minderjarigen_betrokken": True,
            "stagnatie": True,
            "overlast": False,
        },
        "organisations": 4,
        "months_in_wijkteam": 7,
    }
    result = evaluate(answers, RULESET_V1)
    assert result.to_dict() == {
        "score": 35,
        "level": 2,
        "level_name": "opschalen",
        "knock_outs": [],
        "reasons": [
            {"rule": "geweld", "points": 4},
            {"rule": "zorg_en_veiligheid", "points": 4},
            {"rule": "domein:huiselijke_relaties", "points": 3},
            {"rule": "domein:verslaving", "points": 3},
            {"rule": "justitie_traject", "points": 3},
            {"rule": "politie_contacten", "points": 3},
            {"rule": "veel_organisaties", "points": 3},
            {"rule": "domein:financien", "points": 2},
            {"rule": "domein:justitie", "points": 2},
            {"rule": "stagnatie", "points": 2},
            {"rule": "te_lang_in_wijkteam", "points": 2},
            {"rule": "domein:geestelijke_gezondheid", "points": 1},
            {"rule": "domein:huisvesting", "points": 1},
            {"rule": "domein:sociaal_netwerk", "points": 1},
            {"rule": "minderjarigen_betrokken", "points": 1},
        ],
        "complete": True,
        "ruleset": "v1",
        "zvh_criteria": {
            "multiproblem": True,
            "meerdere_ketens": True,
            "systeemimpact": True,
            "lokaal_veiligheidsprobleem": False,
            "voldaan": True,
        },
    }
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()


def test_it_accepts_a_compiled_ruleset_and_validated_answers() -> None:
    answers = {
        "domains": {"financien": 1},
        "risks": risks("geweld", "zorgmijding"),
        "organisations": 6,
    }
    expected = evaluate(answers, RULESET_V1)
    compiled = compile_ruleset(RULESET_V1)
    assert isinstance(compiled, CompiledRuleset)
    assert evaluate(answers, compiled) == expected
    assert evaluate(validate_answers(answers), compiled, validated=True) == expected


def test_result_is_immutable_and_to_dict_returns_copies() -> None:
    result = run(risks=risks("geweld"))
    with pytest.raises(AttributeError):
        result.score = 1  # type: ignore[misc]
    data = result.to_dict()
    data["reasons"][0]["points"] = 99
    data["knock_outs"].append("x")
    assert result.reasons == [{"rule": "geweld", "points": 4}]
    assert result.knock_outs == []
    assert list(data) == [
        "score",
        "level",
        "level_name",
        "knock_outs",
        "reasons",
        "complete",
        "ruleset",
        "zvh_criteria",
    ]


def test_it_does_not_modify_the_answers_or_the_ruleset() -> None:
    answers = {"domains": {"financien": 1}, "risks": {"geweld": True}}
    before_answers, before_ruleset = copy.deepcopy(answers), copy.deepcopy(RULESET_V1)
    evaluate(answers, RULESET_V1)
    assert answers == before_answers
    assert before_ruleset == RULESET_V1


# --- answer validation -----------------------------------------------------------------


def test_validate_answers_normalises_missing_risks_and_counts() -> None:
    assert validate_answers({"domains": {"adl": 3}, "risks": {"geweld": True}}) == {
        "domains": {"adl": 3},
        "risks": {name: name == "geweld" for name in RISKS},
        "organisations": 0,
        "months_in_wijkteam": 0,
    }


def test_validate_answers_accepts_empty_answers() -> None:
    normalised = validate_answers({})
    assert normalised["domains"] == {}
    assert normalised["risks"] == dict.fromkeys(RISKS, False)


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"domains": {"financien": True}}, "domains.financien"),
        ({"domains": {"financien": False}}, "domains.financien"),
        ({"domains": {"financien": 0}}, "domains.financien"),
        ({"domains": {"financien": 6}}, "domains.financien"),
        ({"domains": {"financien": -1}}, "domains.financien"),
        ({"domains": {"financien": 2.0}}, "domains.financien"),
        ({"domains": {"financien": "2"}}, "domains.financien"),
        ({"domains": {"financien": None}}, "domains.financien"),
        ({"domains": {"geld": 2}}, "domains.geld"),
        ({"domains": [2, 3]}, "domains"),
        ({"domains": None}, "domains"),
        ({"risks": {"geweld": 1}}, "risks.geweld"),
        ({"risks": {"geweld": "true"}}, "risks.geweld"),
        ({"risks": {"geweld": None}}, "risks.geweld"),
        ({"risks": {"brandstichting": True}}, "risks.brandstichting"),
        ({"risks": ["geweld"]}, "risks"),
        ({"organisations": -1}, "organisations"),
        ({"organisations": "3"}, "organisations"),
        ({"organisations": 3.0}, "organisations"),
        ({"organisations": True}, "organisations"),
        ({"organisations": None}, "organisations"),
        ({"months_in_wijkteam": "7"}, "months_in_wijkteam"),
        ({"months_in_wijkteam": -3}, "months_in_wijkteam"),
        ({"months_in_wijkteam": 7.5}, "months_in_wijkteam"),
        ({"score": 12}, "score"),
        ({"domein": {"financien": 2}}, "domein"),
    ],
    ids=signal_id,
)
def test_invalid_answers_raise_an_error_naming_the_field(answers: Any, field: str) -> None:
    with pytest.raises(TriageInputError) as excinfo:
        validate_answers(answers)
    assert excinfo.value.field == field
    assert field in str(excinfo.value)
    assert excinfo.value.message_nl
    with pytest.raises(TriageInputError):
        evaluate(answers, RULESET_V1)


@pytest.mark.parametrize("answers", [None, [], "domains", 3])
def test_answers_must_be_an_object(answers: Any) -> None:
    with pytest.raises(TriageInputError) as excinfo:
        validate_answers(answers)
    assert excinfo.value.field == "answers"


def test_triage_input_error_is_a_value_error_with_a_dutch_message() -> None:
    with pytest.raises(ValueError) as excinfo:
        validate_answers({"domains": {"financien": 6}})
    error = excinfo.value
    assert isinstance(error, TriageInputError)
    assert error.message_nl == (
        "Score voor domein 'financien' moet een geheel getal van 1 tot en met 5 zijn"
    )


# --- ruleset validation ----------------------------------------------------------------


def test_ruleset_v1_is_valid_and_matches_design() -> None:
    validate_ruleset(RULESET_V1)
    assert RULESET_V1["name"] == "v1"
    assert RULESET_V1["risk_points"] == RISK_POINTS_V1
    assert RULESET_V1["domain_points"] == {"1": 3, "2": 2, "3": 1, "4": 0, "5": 0}
    assert RULESET_V1["thresholds"]["opschalen"] == 16
    assert RULESET_V1["thresholds"]["consultatie"] == 8
    assert json.loads(json.dumps(RULESET_V1)) == RULESET_V1


def changed(path: str, value: Any) -> dict[str, Any]:
    ruleset = copy.deepcopy(RULESET_V1)
    *parents, last = path.split(".")
    target = ruleset
    for key in parents:
        target = target[key]
    if value is DELETE:
        del target[last]
    else:
        target[last] = value
    return ruleset


DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("name", "", "name"),
        ("name", 1, "name"),
        ("domain_points.1", -1, "domain_points.1"),
        ("domain_points.2", "2", "domain_points.2"),
        ("domain_points.3", 5, "better score"),
        ("domain_points.6", 0, "domain_points"),
        ("domain_points.5", DELETE, "domain_points"),
        ("risk_points.geweld", -4, "risk_points.geweld"),
        ("risk_points.geweld", True, "risk_points.geweld"),
        ("risk_points.geweld", DELETE, "geweld"),
        ("risk_points.brand", 2, "brand"),
        ("many_organisations", [[3, 3], [5, 5]], "descending"),
        ("many_organisations", [[5, 2], [3, 3]], "points"),
        ("many_organisations", [[5]], "many_organisations[0]"),
        ("many_organisations", {"5": 5}, "many_organisations"),
        ("held_too_long.months", -1, "held_too_long.months"),
        ("held_too_long.points", "2", "held_too_long.points"),
        ("held_too_long.extra", 1, "held_too_long"),
        ("zorg_en_veiligheid_points", -4, "zorg_en_veiligheid_points"),
        ("knock_outs", ["brand"], "brand"),
        ("knock_outs", ["gevaar_zelf_of_ander", "gevaar_zelf_of_ander"], "duplicates"),
        ("knock_outs", "gevaar_zelf_of_ander", "knock_outs"),
        ("thresholds.opschalen", 7, "opschalen"),
        ("thresholds.consultatie", 0, "consultatie"),
        ("thresholds.consultatie", DELETE, "consultatie"),
        ("thresholds.acuut", 10, "acuut"),
        ("thresholds.hoog", 10, "hoog"),
        ("complete_min_domains", 12, "complete_min_domains"),
        ("complete_min_domains", -1, "complete_min_domains"),
        ("extra", 1, "extra"),
        ("risk_points", DELETE, "risk_points"),
    ],
)
def test_validate_ruleset_explains_what_is_wrong(path: str, value: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        validate_ruleset(changed(path, value))


def test_validate_ruleset_rejects_a_non_object() -> None:
    with pytest.raises(ValueError, match="object"):
        validate_ruleset(["v1"])  # type: ignore[arg-type]


def test_evaluate_rejects_an_invalid_ruleset() -> None:
    with pytest.raises(ValueError, match="opschalen"):
        evaluate({}, changed("thresholds.opschalen", 1))


def test_an_edited_ruleset_changes_weights_thresholds_and_name() -> None:
    ruleset = changed("risk_points.overlast", 10)
    ruleset["name"] = "v2-concept"
    ruleset["thresholds"] = {"acuut": None, "opschalen": 12, "consultatie": 6}
    result = evaluate({"risks": risks("overlast", "minderjarigen_betrokken")}, ruleset)
    assert (result.score, result.level, result.ruleset) == (11, 1, "v2-concept")


# --- Dutch texts -----------------------------------------------------------------------


def test_dutch_texts_cover_every_domain_risk_level_and_criterion() -> None:
    assert set(DOMAIN_LABELS) == set(DOMAINS)
    assert set(DOMAIN_SCORE_HELP) == set(DOMAINS)
    assert all(set(texts) == {1, 2, 3, 4, 5} for texts in DOMAIN_SCORE_HELP.values())
    assert set(RISK_LABELS) == set(RISKS) == set(RISK_HELP)
    assert LEVEL_LABELS_NL == {
        0: "Wijkteam",
        1: "Consultatie ZVH",
        2: "Opschalen naar ZVH",
        3: "Acuut",
    }
    assert set(ZVH_CRITERIA_LABELS_NL) == set(ZVH_CRITERIA)
    assert set(KNOCK_OUT_LABELS_NL) == set(KNOCK_OUT_RULES)
    rules = {f"domein:{d}" for d in DOMAINS} | set(RISKS)
    rules |= {"veel_organisaties", "te_lang_in_wijkteam", "zorg_en_veiligheid"}
    assert set(RULE_EXPLANATIONS) == rules


def test_explain_reason_gives_a_plain_dutch_sentence_for_every_reason() -> None:
    answers = {
        "domains": {"financien": 2, "verslaving": 1},
        "risks": risks("geweld", "stagnatie"),
        "organisations": 5,
        "months_in_wijkteam": 8,
    }
    result = evaluate(answers, RULESET_V1)
    texts = {r["rule"]: explain_reason(r["rule"], r["points"], answers) for r in result.reasons}
    assert texts["domein:financien"] == "Financiën: ernstig probleem (score 2) — 2 punten"
    assert texts["domein:verslaving"] == (
        "Middelengebruik en verslaving: acuut probleem (score 1) — 3 punten"
    )
    assert texts["geweld"] == "Risico: geweld — 4 punten"
    assert texts["veel_organisaties"] == "Veel organisaties betrokken (5) — 5 punten"
    assert texts["te_lang_in_wijkteam"] == (
        "Al 8 maanden in het wijkteam en de hulp stagneert — 2 punten"
    )
    assert texts["zorg_en_veiligheid"] == "Zowel zorg- als veiligheidssignalen — 4 punten"
    assert explain_reason("minderjarigen_betrokken", 1, {}).endswith("— 1 punt")


def test_explain_reason_falls_back_to_the_rule_name() -> None:
    assert explain_reason("onbekende_regel", 2, {}) == "onbekende_regel — 2 punten"


def test_a_ruleset_dict_edited_in_place_is_picked_up() -> None:
    ruleset = copy.deepcopy(RULESET_V1)
    answers = {"risks": risks("overlast")}
    assert evaluate(answers, ruleset).score == 2
    ruleset["risk_points"]["overlast"] = 7
    assert evaluate(answers, ruleset).score == 7
    ruleset["thresholds"]["consultatie"] = 0
    with pytest.raises(ValueError, match="consultatie"):
        evaluate(answers, ruleset)
