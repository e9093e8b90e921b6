"""Rule-based, explainable triage engine (pure Python, no Django).

Answers
-------
``{"domains": {<domain>: 1..5}, "risks": {<risk>: bool}, "organisations": int >= 0,
"months_in_wijkteam": int >= 0}``. Every key is optional: a missing domain is unknown,
a missing risk is false, a missing count is 0. :func:`validate_answers` checks and
normalises them; :class:`TriageInputError` names the offending field.

Ruleset (data, editable by functional admins; checked by :func:`validate_ruleset`)
-----------------------------------------------------------------------------------
::

    {
      "name": "v1",                                   # non-empty string
      "domain_points": {"1": 3, "2": 2, "3": 1, "4": 0, "5": 0},
                          # points per answered domain, by score; keys "1".."5", ints >= 0,
                          # never more points for a better score
      "risk_points": {"geweld": 4, ...},              # every risk in RISKS, ints >= 0
      "many_organisations": [[5, 5], [3, 3]],
                          # [threshold, points] pairs, thresholds strictly descending,
                          # points non-increasing; the first pair whose threshold is
                          # reached applies (rule ``veel_organisaties``)
      "held_too_long": {"months": 6, "points": 2},
                          # months_in_wijkteam >= months and stagnatie
                          # (rule ``te_lang_in_wijkteam``)
      "zorg_en_veiligheid_points": 4,
                          # at least one zorg and one veiligheid signal
                          # (rule ``zorg_en_veiligheid``)
      "knock_outs": ["gevaar_zelf_of_ander", "kind_in_gevaar_met_geweld"],
                          # subset of KNOCK_OUT_RULES; any of them -> level 3
      "thresholds": {"acuut": None, "opschalen": 16, "consultatie": 8},
                          # minimum score per level; "acuut" may be None (only knock-outs
                          # give level 3); 1 <= consultatie <= opschalen <= acuut
      "complete_min_domains": 6,                      # answered domains for complete=True
    }

The zorg/veiligheid signals and the ZVH criteria for *complexe casuïstiek* are national
definitions and therefore fixed here, not part of the ruleset.

Use :func:`evaluate` (``validated=True`` skips answer validation for answers that came
from :func:`validate_answers`). For many evaluations with one ruleset, pass a
:class:`CompiledRuleset` from :func:`compile_ruleset` instead of the dict.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

DOMAINS: tuple[str, ...] = (
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

RISKS: tuple[str, ...] = (
    "geweld",
    "kind_in_gevaar",
    "wapens_of_bedreiging",
    "gevaar_zelf_of_ander",
    "verward_gedrag",
    "overlast",
    "politie_contacten",
    "justitie_traject",
    "zorgmijding",
    "geen_regie",
    "stagnatie",
    "minderjarigen_betrokken",
)

LEVEL_NAMES: dict[int, str] = {0: "wijkteam", 1: "consultatie", 2: "opschalen", 3: "acuut"}

ANSWER_KEYS: tuple[str, ...] = ("domains", "risks", "organisations", "months_in_wijkteam")
COUNT_FIELDS: tuple[str, ...] = ("organisations", "months_in_wijkteam")

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

# Knock-out name -> risks that must all be true.
KNOCK_OUT_RULES: dict[str, tuple[str, ...]] = {
    "gevaar_zelf_of_ander": ("gevaar_zelf_of_ander",),
    "kind_in_gevaar_met_geweld": ("kind_in_gevaar", "geweld"),
}

ZVH_CRITERIA: tuple[str, ...] = (
    "multiproblem",
    "meerdere_ketens",
    "systeemimpact",
    "lokaal_veiligheidsprobleem",
    "voldaan",
)

_DOMAIN_SET = frozenset(DOMAINS)
_RISK_SET = frozenset(RISKS)
_DOMAIN_SCORES = frozenset(range(1, 6))


class TriageInputError(ValueError):
    """Invalid answers. ``field`` names the offending field (e.g. ``domains.financien``)."""

    def __init__(self, field: str, message: str, message_nl: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.message_nl = message_nl


def _is_int(value: Any) -> bool:
    return type(value) is int  # excludes bool (a subclass of int)


def validate_answers(answers: Any) -> dict[str, Any]:
    """Check answers and return them normalised (all risks present, counts default to 0)."""
    if not isinstance(answers, dict):
        raise TriageInputError(
            "answers", "answers must be a JSON object", "De antwoorden moeten een object zijn"
        )
    for key in answers:
        if key not in ANSWER_KEYS:
            raise TriageInputError(str(key), f"unknown field {key!r}", f"Onbekend veld '{key}'")

    raw_domains = answers.get("domains", {})
    if not isinstance(raw_domains, dict):
        raise TriageInputError(
            "domains", "domains must be a JSON object", "Domeinen moeten een object zijn"
        )
    for name, score in raw_domains.items():
        if name not in _DOMAIN_SET:
            raise TriageInputError(
                f"domains.{name}", f"unknown domain {name!r}", f"Onbekend domein '{name}'"
            )
        if not (_is_int(score) and score in _DOMAIN_SCORES):
            raise TriageInputError(
                f"domains.{name}",
                f"score for domain {name!r} must be an integer from 1 to 5, got {score!r}",
                f"Score voor domein '{name}' moet een geheel getal van 1 tot en met 5 zijn",
            )
    domains = {name: raw_domains[name] for name in DOMAINS if name in raw_domains}

    raw_risks = answers.get("risks", {})
    if not isinstance(raw_risks, dict):
        raise TriageInputError(
            "risks", "risks must be a JSON object", "Risico's moeten een object zijn"
        )
    for name, value in raw_risks.items():
        if name not in _RISK_SET:
            raise TriageInputError(
                f"risks.{name}", f"unknown risk {name!r}", f"Onbekend risico '{name}'"
            )
        if type(value) is not bool:
            raise TriageInputError(
                f"risks.{name}",
                f"risk {name!r} must be true or false, got {value!r}",
                f"Risico '{name}' moet waar of onwaar zijn",
            )
    risks = {name: raw_risks.get(name, False) for name in RISKS}

    normalised: dict[str, Any] = {"domains": domains, "risks": risks}
    for field in COUNT_FIELDS:
        value = answers.get(field, 0)
        if not (_is_int(value) and value >= 0):
            raise TriageInputError(
                field,
                f"{field} must be a non-negative integer, got {value!r}",
                f"Veld '{field}' moet een geheel getal van 0 of meer zijn",
            )
        normalised[field] = value
    return normalised


@dataclass(frozen=True, slots=True)
class CompiledRuleset:
    """A validated ruleset in a shape that is cheap to evaluate."""

    name: str
    domain_points: tuple[int, ...]  # index = score (index 0 unused)
    risk_points: dict[str, int]
    many_organisations: tuple[tuple[int, int], ...]
    held_too_long_months: int
    held_too_long_points: int
    zorg_en_veiligheid_points: int
    knock_outs: tuple[tuple[str, tuple[str, ...]], ...]
    acuut: int | None
    opschalen: int
    consultatie: int
    complete_min_domains: int


def _non_negative_int(value: Any, what: str) -> int:
    if not (_is_int(value) and value >= 0):
        raise ValueError(f"{what} must be a non-negative integer, got {value!r}")
    return value


def _require_dict(value: Any, what: str) -> dict:
    if not isinstance(value, dict):
        raise ValueError(f"{what} must be an object")
    return value


RULESET_KEYS: tuple[str, ...] = (
    "name",
    "domain_points",
    "risk_points",
    "many_organisations",
    "held_too_long",
    "zorg_en_veiligheid_points",
    "knock_outs",
    "thresholds",
    "complete_min_domains",
)


def compile_ruleset(ruleset: dict[str, Any]) -> CompiledRuleset:
    """Validate ``ruleset`` and compile it; raises ValueError with a clear message."""
    _require_dict(ruleset, "ruleset")
    missing = [key for key in RULESET_KEYS if key not in ruleset]
    if missing:
        raise ValueError(f"ruleset is missing: {', '.join(missing)}")
    unknown = sorted(str(key) for key in ruleset if key not in RULESET_KEYS)
    if unknown:
        raise ValueError(f"ruleset has unknown keys: {', '.join(unknown)}")

    name = ruleset["name"]
    if not isinstance(name, str) or not name.strip():
        raise ValueError("ruleset name must be a non-empty string")

    domain_points_raw = _require_dict(ruleset["domain_points"], "domain_points")
    if set(domain_points_raw) != {"1", "2", "3", "4", "5"}:
        raise ValueError('domain_points must have exactly the keys "1" to "5"')
    domain_points = tuple(
        _non_negative_int(domain_points_raw[str(s)], f"domain_points.{s}") for s in range(1, 6)
    )
    if any(worse < better for worse, better in pairwise(domain_points)):
        raise ValueError("domain_points must not give more points for a better score")

    risk_points_raw = _require_dict(ruleset["risk_points"], "risk_points")
    unknown_risks = sorted(str(k) for k in risk_points_raw if k not in _RISK_SET)
    if unknown_risks:
        raise ValueError(f"risk_points has unknown risks: {', '.join(unknown_risks)}")
    missing_risks = [r for r in RISKS if r not in risk_points_raw]
    if missing_risks:
        raise ValueError(f"risk_points is missing: {', '.join(missing_risks)}")
    risk_points = {r: _non_negative_int(risk_points_raw[r], f"risk_points.{r}") for r in RISKS}

    tiers_raw = ruleset["many_organisations"]
    if not isinstance(tiers_raw, list | tuple):
        raise ValueError("many_organisations must be a list of [threshold, points] pairs")
    tiers: list[tuple[int, int]] = []
    for i, pair in enumerate(tiers_raw):
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValueError(f"many_organisations[{i}] must be a [threshold, points] pair")
        threshold = _non_negative_int(pair[0], f"many_organisations[{i}] threshold")
        points = _non_negative_int(pair[1], f"many_organisations[{i}] points")
        if tiers and threshold >= tiers[-1][0]:
            raise ValueError("many_organisations thresholds must be strictly descending")
        if tiers and points > tiers[-1][1]:
            raise ValueError("many_organisations points must not rise as the threshold drops")
        tiers.append((threshold, points))

    held = _require_dict(ruleset["held_too_long"], "held_too_long")
    if set(held) != {"months", "points"}:
        raise ValueError('held_too_long must have exactly the keys "months" and "points"')
    held_months = _non_negative_int(held["months"], "held_too_long.months")
    held_points = _non_negative_int(held["points"], "held_too_long.points")

    zv_points = _non_negative_int(ruleset["zorg_en_veiligheid_points"], "zorg_en_veiligheid_points")

    knock_outs_raw = ruleset["knock_outs"]
    if not isinstance(knock_outs_raw, list | tuple):
        raise ValueError("knock_outs must be a list")
    for ko in knock_outs_raw:
        if ko not in KNOCK_OUT_RULES:
            known = ", ".join(KNOCK_OUT_RULES)
            raise ValueError(f"unknown knock-out {ko!r} (known: {known})")
    if len(set(knock_outs_raw)) != len(knock_outs_raw):
        raise ValueError("knock_outs must not contain duplicates")
    knock_outs = tuple((ko, KNOCK_OUT_RULES[ko]) for ko in sorted(knock_outs_raw))

    thresholds = _require_dict(ruleset["thresholds"], "thresholds")
    unknown_levels = sorted(
        str(k) for k in thresholds if k not in ("acuut", "opschalen", "consultatie")
    )
    if unknown_levels:
        raise ValueError(f"thresholds has unknown keys: {', '.join(unknown_levels)}")
    for key in ("opschalen", "consultatie"):
        if key not in thresholds:
            raise ValueError(f"thresholds is missing {key!r}")
    consultatie = _non_negative_int(thresholds["consultatie"], "thresholds.consultatie")
    opschalen = _non_negative_int(thresholds["opschalen"], "thresholds.opschalen")
    acuut = thresholds.get("acuut")
    if acuut is not None:
        acuut = _non_negative_int(acuut, "thresholds.acuut")
    if consultatie < 1:
        raise ValueError("thresholds.consultatie must be at least 1")
    if opschalen < consultatie:
        raise ValueError("thresholds.opschalen must be at least thresholds.consultatie")
    if acuut is not None and acuut < opschalen:
        raise ValueError("thresholds.acuut must be at least thresholds.opschalen")

    complete_min = _non_negative_int(ruleset["complete_min_domains"], "complete_min_domains")
    if complete_min > len(DOMAINS):
        raise ValueError(f"complete_min_domains must be at most {len(DOMAINS)}")

    return CompiledRuleset(
        name=name,
        domain_points=(0, *domain_points),
        risk_points=risk_points,
        many_organisations=tuple(tiers),
        held_too_long_months=held_months,
        held_too_long_points=held_points,
        zorg_en_veiligheid_points=zv_points,
        knock_outs=knock_outs,
        acuut=acuut,
        opschalen=opschalen,
        consultatie=consultatie,
        complete_min_domains=complete_min,
    )


_CACHE_SIZE = 32
_cache: dict[int, tuple[dict[str, Any], dict[str, Any], CompiledRuleset]] = {}


def _compiled(ruleset: dict[str, Any]) -> CompiledRuleset:
    """compile_ruleset with a small cache; a ruleset dict changed in place is recompiled."""
    hit = _cache.get(id(ruleset))
    if hit is not None and hit[0] is ruleset and hit[1] == ruleset:
        return hit[2]
    compiled = compile_ruleset(ruleset)
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()
    _cache[id(ruleset)] = (ruleset, copy.deepcopy(ruleset), compiled)
    return compiled


def validate_ruleset(ruleset: dict[str, Any]) -> None:
    """Raise ValueError with a clear message when ``ruleset`` is not a valid ruleset."""
    compile_ruleset(ruleset)


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
    case the caller guarantees they came from :func:`validate_answers`) and ValueError for
    an invalid ruleset dict.
    """
    rs = ruleset if isinstance(ruleset, CompiledRuleset) else _compiled(ruleset)
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
