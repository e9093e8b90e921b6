"""Property tests for the triage engine: they hold for any valid answers and any valid ruleset."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from triage.defaults import RULESET_V1
from triage.engine import (
    DOMAINS,
    KNOCK_OUT_RULES,
    RISKS,
    evaluate,
    validate_answers,
    validate_ruleset,
)

answers_strategy = st.fixed_dictionaries(
    {},
    optional={
        "domains": st.dictionaries(st.sampled_from(DOMAINS), st.integers(1, 5)),
        "risks": st.dictionaries(st.sampled_from(RISKS), st.booleans()),
        "organisations": st.integers(0, 12),
        "months_in_wijkteam": st.integers(0, 40),
    },
)

points = st.integers(0, 10)


@st.composite
def rulesets(draw: st.DrawFn) -> dict[str, Any]:
    domain_points = sorted(draw(st.lists(points, min_size=5, max_size=5)), reverse=True)
    tier_thresholds = sorted(
        draw(st.lists(st.integers(0, 10), max_size=3, unique=True)), reverse=True
    )
    tier_points = sorted(
        draw(st.lists(points, min_size=len(tier_thresholds), max_size=len(tier_thresholds))),
        reverse=True,
    )
    consultatie = draw(st.integers(1, 30))
    opschalen = draw(st.integers(consultatie, 60))
    acuut = draw(st.none() | st.integers(opschalen, 90))
    ruleset = {
        "name": draw(st.text(min_size=1, max_size=8).filter(str.strip)),
        "domain_points": {str(s): p for s, p in zip(range(1, 6), domain_points, strict=True)},
        "risk_points": {risk: draw(points) for risk in RISKS},
        "many_organisations": [list(t) for t in zip(tier_thresholds, tier_points, strict=True)],
        "held_too_long": {"months": draw(st.integers(0, 24)), "points": draw(points)},
        "zorg_en_veiligheid_points": draw(points),
        "knock_outs": draw(st.lists(st.sampled_from(sorted(KNOCK_OUT_RULES)), unique=True)),
        "thresholds": {"acuut": acuut, "opschalen": opschalen, "consultatie": consultatie},
        "complete_min_domains": draw(st.integers(0, len(DOMAINS))),
    }
    validate_ruleset(ruleset)
    return ruleset


any_ruleset = st.just(RULESET_V1) | rulesets()


@given(answers_strategy, any_ruleset)
def test_reasons_points_sum_to_the_score(answers: dict[str, Any], ruleset: dict) -> None:
    result = evaluate(answers, ruleset)
    assert sum(r["points"] for r in result.reasons) == result.score
    assert all(r["points"] > 0 for r in result.reasons)
    assert result.reasons == sorted(result.reasons, key=lambda r: (-r["points"], r["rule"]))
    assert len({r["rule"] for r in result.reasons}) == len(result.reasons)


@given(answers_strategy, any_ruleset, st.sampled_from(RISKS))
def test_adding_a_risk_never_lowers_the_score(
    answers: dict[str, Any], ruleset: dict, risk: str
) -> None:
    with_risk = {**answers, "risks": {**answers.get("risks", {}), risk: True}}
    before, after = evaluate(answers, ruleset), evaluate(with_risk, ruleset)
    assert after.score >= before.score
    assert after.level >= before.level


@given(answers_strategy, any_ruleset, st.sampled_from(DOMAINS), st.data())
def test_a_worse_domain_score_never_lowers_the_score(
    answers: dict[str, Any], ruleset: dict, domain: str, data: st.DataObject
) -> None:
    domains = answers.get("domains", {})
    current = domains.get(domain, 5)
    worse = data.draw(st.integers(1, current), label="worse")
    baseline = {**answers, "domains": {**domains, domain: current}}
    lowered = {**answers, "domains": {**domains, domain: worse}}
    assert evaluate(lowered, ruleset).score >= evaluate(baseline, ruleset).score


@given(answers_strategy, any_ruleset)
def test_a_knock_out_always_gives_level_3(answers: dict[str, Any], ruleset: dict) -> None:
    result = evaluate(answers, ruleset)
    true_risks = {name for name, value in answers.get("risks", {}).items() if value}
    expected = sorted(
        name for name in ruleset["knock_outs"] if true_risks.issuperset(KNOCK_OUT_RULES[name])
    )
    assert result.knock_outs == expected
    if expected:
        assert (result.level, result.level_name) == (3, "acuut")


@given(answers_strategy, answers_strategy)
def test_level_is_monotone_in_score_without_knock_outs(
    first: dict[str, Any], second: dict[str, Any]
) -> None:
    ruleset = {**RULESET_V1, "knock_outs": []}
    a, b = evaluate(first, ruleset), evaluate(second, ruleset)
    assert a.knock_outs == b.knock_outs == []
    if a.score <= b.score:
        assert a.level <= b.level
    if a.score == b.score:
        assert a.level == b.level


@given(answers_strategy, any_ruleset)
def test_validated_fast_path_gives_the_same_result(answers: dict[str, Any], ruleset: dict) -> None:
    normalised = validate_answers(answers)
    assert validate_answers(normalised) == normalised
    assert evaluate(normalised, ruleset, validated=True) == evaluate(answers, ruleset)


@given(answers_strategy)
def test_result_round_trips_through_to_dict(answers: dict[str, Any]) -> None:
    result = evaluate(answers, RULESET_V1)
    data = result.to_dict()
    assert (
        data["level_name"]
        == {0: "wijkteam", 1: "consultatie", 2: "opschalen", 3: "acuut"}[data["level"]]
    )
    assert data["complete"] == (len(answers.get("domains", {})) >= 6)
    assert data["zvh_criteria"]["voldaan"] == (
        (
            data["zvh_criteria"]["multiproblem"]
            and data["zvh_criteria"]["meerdere_ketens"]
            and data["zvh_criteria"]["systeemimpact"]
        )
        or data["zvh_criteria"]["lokaal_veiligheidsprobleem"]
    )
