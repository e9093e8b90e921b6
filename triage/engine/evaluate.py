"""Triage evaluation: score, level, reasons and the ZVH criteria (pure Python, no Django).

The zorg/veiligheid signals and the ZVH criteria for *complexe casuïstiek* are national
definitions and therefore fixed here, not part of the ruleset.

Use :func:`evaluate` (``validated=True`` skips answer validation for answers that came
from :func:`~triage.engine.answers.validate_answers`). For many evaluations with one
ruleset, pass a :class:`~triage.engine.ruleset.CompiledRuleset` instead of the dict.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .answers import validate_answers
from .ruleset import CompiledRuleset, compiled_ruleset

LEVEL_NAMES: dict[int, str] = {0: "wijkteam", 1: "consultatie", 2: "opschalen", 3: "acuut"}

# Signals (fixed definitions, shared by the zorg_en_veiligheid rule and the ZVH criteria).
ZORG_DOMAINS: tuple[str, ...] = ("geestelijke_gezondheid", "lichamelijke_gezondheid", "verslaving")
ZORG_DOMAIN_MAX_SCORE = 2
ZORG_RISKS: tuple[str, ...] = ("verward_gedrag", "zorgmijding")
VEILIGHEID_RISKS: tuple[str, ...] = (
    "geweld",
    "wapens_of_bedreiging",
    "politie_contacten",
    "justitie_traject",
    "overlast",
    "kind_in_gevaar",
)

ZVH_CRITERIA: tuple[str, ...] = (
    "multiproblem",
    "meerdere_ketens",
    "systeemimpact",
    "lokaal_veiligheidsprobleem",
    "voldaan",
)


@dataclass(frozen=True, slots=True)
class TriageResult:
    score: int
    level: int
    level_name: str
    knock_outs: list[str]
    reasons: list[dict[str, Any]]
    complete: bool
    ruleset: str
    zvh_criteria: dict[str, bool]

    def to_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "level": self.level,
            "level_name": self.level_name,
            "knock_outs": list(self.knock_outs),
            "reasons": [dict(reason) for reason in self.reasons],
            "complete": self.complete,
            "ruleset": self.ruleset,
            "zvh_criteria": dict(self.zvh_criteria),
        }


def _reason_key(reason: dict[str, Any]) -> tuple[int, str]:
    return (-reason["points"], reason["rule"])


def evaluate(
    answers: dict[str, Any],
    ruleset: dict[str, Any] | CompiledRuleset,
    *,
    validated: bool = False,
) -> TriageResult:
    """Evaluate ``answers`` against ``ruleset``.

    Raises TriageInputError for invalid answers (unless ``validated`` is true, in which
    case the caller guarantees they came from ``validate_answers``) and ValueError for
    an invalid ruleset dict.
    """
    rs = ruleset if isinstance(ruleset, CompiledRuleset) else compiled_ruleset(ruleset)
    if not validated:
        answers = validate_answers(answers)
    domains: dict[str, int] = answers.get("domains", {})
    risks: dict[str, bool] = answers.get("risks", {})
    organisations: int = answers.get("organisations", 0)
    months: int = answers.get("months_in_wijkteam", 0)

    reasons: list[dict[str, Any]] = []
    score = 0
    domain_points = rs.domain_points
    for name, value in domains.items():
        points = domain_points[value]
        if points:
            reasons.append({"rule": "domein:" + name, "points": points})
            score += points

    risk_points = rs.risk_points
    true_risks = {name for name, value in risks.items() if value}
    for name in true_risks:
        points = risk_points[name]
        if points:
            reasons.append({"rule": name, "points": points})
            score += points

    for threshold, points in rs.many_organisations:
        if organisations >= threshold:
            if points:
                reasons.append({"rule": "veel_organisaties", "points": points})
                score += points
            break

    points = rs.held_too_long_points
    if points and months >= rs.held_too_long_months and "stagnatie" in true_risks:
        reasons.append({"rule": "te_lang_in_wijkteam", "points": points})
        score += points

    zorg = not true_risks.isdisjoint(ZORG_RISKS) or any(
        domains.get(name, 5) <= ZORG_DOMAIN_MAX_SCORE for name in ZORG_DOMAINS
    )
    veiligheid = not true_risks.isdisjoint(VEILIGHEID_RISKS)
    points = rs.zorg_en_veiligheid_points
    if points and zorg and veiligheid:
        reasons.append({"rule": "zorg_en_veiligheid", "points": points})
        score += points

    reasons.sort(key=_reason_key)

    knock_outs = [name for name, needs in rs.knock_outs if true_risks.issuperset(needs)]
    if knock_outs or (rs.acuut is not None and score >= rs.acuut):
        level = 3
    elif score >= rs.opschalen:
        level = 2
    elif score >= rs.consultatie:
        level = 1
    else:
        level = 0

    multiproblem = sum(1 for value in domains.values() if value <= 2) >= 2
    meerdere_ketens = organisations >= 3 or (zorg and veiligheid)
    systeemimpact = (
        "minderjarigen_betrokken" in true_risks
        or "kind_in_gevaar" in true_risks
        or domains.get("huiselijke_relaties", 5) <= 2
    )
    lokaal = "overlast" in true_risks and "politie_contacten" in true_risks

    return TriageResult(
        score=score,
        level=level,
        level_name=LEVEL_NAMES[level],
        knock_outs=knock_outs,
        reasons=reasons,
        complete=len(domains) >= rs.complete_min_domains,
        ruleset=rs.name,
        zvh_criteria={
            "multiproblem": multiproblem,
            "meerdere_ketens": meerdere_ketens,
            "systeemimpact": systeemimpact,
            "lokaal_veiligheidsprobleem": lokaal,
            "voldaan": (multiproblem and meerdere_ketens and systeemimpact) or lokaal,
        },
    )
