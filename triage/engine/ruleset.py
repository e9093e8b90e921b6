"""Triage rulesets: checking and compiling a definition (pure Python, no Django).

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

:func:`compiled_ruleset` is the app's one compile cache: the engine uses it for ruleset
dicts and ``triage.selectors.compiled`` for stored versions.
"""

from __future__ import annotations

import copy
from collections.abc import Hashable
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from .answers import DOMAINS, RISK_SET, RISKS, is_int

# Knock-out name -> risks that must all be true (national definitions, not ruleset data).
KNOCK_OUT_RULES: dict[str, tuple[str, ...]] = {
    "gevaar_zelf_of_ander": ("gevaar_zelf_of_ander",),
    "kind_in_gevaar_met_geweld": ("kind_in_gevaar", "geweld"),
}


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
    if not (is_int(value) and value >= 0):
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
    unknown_risks = sorted(str(k) for k in risk_points_raw if k not in RISK_SET)
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


def validate_ruleset(ruleset: dict[str, Any]) -> None:
    """Raise ValueError with a clear message when ``ruleset`` is not a valid ruleset."""
    compile_ruleset(ruleset)


_CACHE_SIZE = 32
_cache: dict[Hashable, tuple[dict[str, Any], CompiledRuleset]] = {}


def compiled_ruleset(definition: dict[str, Any], *, key: Hashable = None) -> CompiledRuleset:
    """``compile_ruleset(definition)``, cached under ``key`` (default: the dict's identity).

    The cached entry keeps a copy of the definition and is used only while it still
    equals ``definition``: a dict changed in place, an edited draft or a reused id is
    recompiled, never served stale rules.
    """
    cache_key = ("id", id(definition)) if key is None else key
    hit = _cache.get(cache_key)
    if hit is not None and hit[0] == definition:
        return hit[1]
    compiled = compile_ruleset(definition)
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()
    _cache[cache_key] = (copy.deepcopy(definition), compiled)
    return compiled
