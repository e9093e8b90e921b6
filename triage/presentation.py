"""Turn a stored or computed triage result into plain Dutch for the pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .defaults import (
    DOMAIN_LABELS,
    KNOCK_OUT_LABELS_NL,
    LEVEL_LABELS_NL,
    RISK_LABELS,
    SCORE_LABELS,
    ZVH_CRITERIA_LABELS_NL,
    explain_reason,
)
from .engine import DOMAINS, RISKS, ZVH_CRITERIA


@dataclass(frozen=True)
class ResultView:
    score: int
    level: int
    level_name: str
    level_label: str
    reasons: list[dict[str, Any]]  # rule, points, text
    knock_outs: list[str]  # Dutch labels
    zvh_criteria: list[dict[str, Any]]  # key, label, met
    zvh_met: bool
    complete: bool
    ruleset: str
    domains: list[dict[str, Any]]  # label, score, score_label (answered domains only)
    unknown_domains: list[str]
    risks: list[str]  # Dutch labels of the risks present
    organisations: int
    months_in_wijkteam: int


def result_view(result: dict[str, Any], answers: dict[str, Any]) -> ResultView:
    """`result` has the keys of TriageResult.to_dict() (a TriageAssessment gives them too)."""
    domains = answers.get("domains") or {}
    risks = answers.get("risks") or {}
    criteria = result.get("zvh_criteria") or {}
    return ResultView(
        score=result["score"],
        level=result["level"],
        level_name=result["level_name"],
        level_label=LEVEL_LABELS_NL.get(result["level"], result["level_name"]),
        reasons=[
            {**r, "text": explain_reason(r["rule"], r["points"], answers)}
            for r in result.get("reasons") or []
        ],
        knock_outs=[KNOCK_OUT_LABELS_NL.get(k, k) for k in result.get("knock_outs") or []],
        zvh_criteria=[
            {"key": key, "label": ZVH_CRITERIA_LABELS_NL[key], "met": bool(criteria.get(key))}
            for key in ZVH_CRITERIA
            if key != "voldaan"
        ],
        zvh_met=bool(criteria.get("voldaan")),
        complete=bool(result.get("complete")),
        ruleset=result.get("ruleset") or "",
        domains=[
            {
                "label": DOMAIN_LABELS[name],
                "score": domains[name],
                "score_label": SCORE_LABELS[domains[name]],
            }
            for name in DOMAINS
            if name in domains
        ],
        unknown_domains=[DOMAIN_LABELS[name] for name in DOMAINS if name not in domains],
        risks=[RISK_LABELS[name] for name in RISKS if risks.get(name)],
        organisations=answers.get("organisations", 0),
        months_in_wijkteam=answers.get("months_in_wijkteam", 0),
    )


def assessment_view(assessment) -> ResultView:
    return result_view(
        {
            "score": assessment.score,
            "level": assessment.level,
            "level_name": assessment.level_name,
            "reasons": assessment.reasons,
            "knock_outs": assessment.knock_outs,
            "zvh_criteria": assessment.zvh_criteria,
            "complete": assessment.complete,
            "ruleset": assessment.ruleset_name,
        },
        assessment.answers,
    )


def ruleset_rows(definition: dict[str, Any]) -> dict[str, Any]:
    """A ruleset's rules as labelled rows for the admin pages."""
    thresholds = definition["thresholds"]
    return {
        "domain_points": [
            (f"{score} — {SCORE_LABELS[score]}", definition["domain_points"][str(score)])
            for score in range(1, 6)
        ],
        "risk_points": [(RISK_LABELS[r], definition["risk_points"][r]) for r in RISKS],
        "many_organisations": [tuple(pair) for pair in definition["many_organisations"]],
        "held_too_long": definition["held_too_long"],
        "zorg_en_veiligheid_points": definition["zorg_en_veiligheid_points"],
        "knock_outs": [KNOCK_OUT_LABELS_NL.get(k, k) for k in definition["knock_outs"]],
        "thresholds": [
            (LEVEL_LABELS_NL[1], thresholds["consultatie"]),
            (LEVEL_LABELS_NL[2], thresholds["opschalen"]),
            (LEVEL_LABELS_NL[3], thresholds.get("acuut")),
        ],
        "complete_min_domains": definition["complete_min_domains"],
    }
