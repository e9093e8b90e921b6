"""Turn a stored or computed triage result into plain Dutch for the pages.

Also the one place of the rule that health reasons and answers are shown only to who may
see `gezondheid` (DESIGN.md, Privacy): every page, PDF or prefill that shows triage
reasons or answers for a case gets them through :func:`assessment_view` or
:func:`result_view` with the viewer's CaseAccess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cases.categories import Category
from privacy.access import CaseAccess

from .defaults import (
    DOMAIN_LABELS,
    KNOCK_OUT_LABELS_NL,
    LEVEL_LABELS_NL,
    RISK_LABELS,
    SCORE_LABELS,
    ZVH_CRITERIA_LABELS_NL,
    explain_reason,
)
from .engine import DOMAINS, RISKS, ZORG_RISKS, ZVH_CRITERIA


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
    answered_domains: int  # all answered domains, also those withheld from this viewer
    health_withheld: bool  # a health reason or answer was left out for this viewer


# Life domains whose answers are health data (AVG art. 9): physical and mental health and
# addiction. Their reasons and scores are `gezondheid`, whatever category triage has.
HEALTH_DOMAINS: frozenset[str] = frozenset(
    {"geestelijke_gezondheid", "lichamelijke_gezondheid", "verslaving"}
)


def shows_health(access: CaseAccess | None) -> bool:
    """True when this viewer may see health reasons and answers of a triage.

    None (a caller that does not say who is looking) shows nothing about health: the
    safe side for a page, PDF or text that might reach a partner without `gezondheid`.
    """
    return access is not None and access.can_see(Category.GEZONDHEID)


def is_health_reason(rule: str, answers: dict[str, Any]) -> bool:
    """Does the reason with this rule name reveal something about health?

    A health domain's own reason does. So does `zorg_en_veiligheid` when its zorg signal
    can only come from a health domain (neither verward gedrag nor zorgmijding is
    ticked): then "zorg- en veiligheidssignalen" tells that a health domain is poor.
    """
    if rule.startswith("domein:"):
        return rule.removeprefix("domein:") in HEALTH_DOMAINS
    if rule == "zorg_en_veiligheid":
        risks = answers.get("risks") or {}
        return not any(risks.get(name) for name in ZORG_RISKS)
    return False


def visible_reasons(
    reasons: list[dict[str, Any]], answers: dict[str, Any], *, access: CaseAccess | None
) -> list[dict[str, Any]]:
    """The reasons (dicts with a "rule") this viewer may see, in the same order.

    For pages outside triage that show stored reasons (an aanmelding's snapshot): pass
    the answers of the assessment they came from.
    """
    if shows_health(access):
        return list(reasons)
    return [r for r in reasons if not is_health_reason(r["rule"], answers)]


def result_view(
    result: dict[str, Any], answers: dict[str, Any], *, access: CaseAccess | None = None
) -> ResultView:
    """`result` has the keys of TriageResult.to_dict() (a TriageAssessment gives them too).

    Health reasons and answers are left out unless `access` may see `gezondheid`
    (:func:`shows_health`); `health_withheld` then says something was left out.
    """
    return _view(result, answers, show_health=shows_health(access))


def _view(result: dict[str, Any], answers: dict[str, Any], *, show_health: bool) -> ResultView:
    domains = answers.get("domains") or {}
    risks = answers.get("risks") or {}
    criteria = result.get("zvh_criteria") or {}
    all_reasons = result.get("reasons") or []
    reasons = (
        all_reasons
        if show_health
        else [r for r in all_reasons if not is_health_reason(r["rule"], answers)]
    )
    shown = [name for name in DOMAINS if show_health or name not in HEALTH_DOMAINS]
    health_withheld = len(reasons) < len(all_reasons) or any(
        name in domains for name in DOMAINS if name not in shown
    )
    return ResultView(
        score=result["score"],
        level=result["level"],
        level_name=result["level_name"],
        level_label=LEVEL_LABELS_NL.get(result["level"], result["level_name"]),
        reasons=[{**r, "text": explain_reason(r["rule"], r["points"], answers)} for r in reasons],
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
            for name in shown
            if name in domains
        ],
        unknown_domains=[DOMAIN_LABELS[name] for name in shown if name not in domains],
        risks=[RISK_LABELS[name] for name in RISKS if risks.get(name)],
        organisations=answers.get("organisations", 0),
        months_in_wijkteam=answers.get("months_in_wijkteam", 0),
        answered_domains=len(domains),
        health_withheld=health_withheld,
    )


def _stored_result(assessment) -> dict[str, Any]:
    return {
        "score": assessment.score,
        "level": assessment.level,
        "level_name": assessment.level_name,
        "reasons": assessment.reasons,
        "knock_outs": assessment.knock_outs,
        "zvh_criteria": assessment.zvh_criteria,
        "complete": assessment.complete,
        "ruleset": assessment.ruleset_name,
    }


def assessment_view(assessment, *, access: CaseAccess | None = None) -> ResultView:
    """A stored assessment for a viewer with `access` (health only with `gezondheid`)."""
    return _view(_stored_result(assessment), assessment.answers, show_health=shows_health(access))


def full_assessment_view(assessment) -> ResultView:
    """A stored assessment with nothing withheld: for the person's own inzage export."""
    return _view(_stored_result(assessment), assessment.answers, show_health=True)


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
