"""Triage answers: their specification and validation (pure Python, no Django).

Answers
-------
``{"domains": {<domain>: 1..5}, "risks": {<risk>: bool}, "organisations": int >= 0,
"months_in_wijkteam": int >= 0}``. Every key is optional: a missing domain is unknown,
a missing risk is false, a missing count is 0. :func:`validate_answers` checks and
normalises them; :class:`TriageInputError` names the offending field.
"""

from __future__ import annotations

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

ANSWER_KEYS: tuple[str, ...] = ("domains", "risks", "organisations", "months_in_wijkteam")
COUNT_FIELDS: tuple[str, ...] = ("organisations", "months_in_wijkteam")

DOMAIN_SET = frozenset(DOMAINS)
RISK_SET = frozenset(RISKS)
DOMAIN_SCORES = frozenset(range(1, 6))


def is_int(value: Any) -> bool:
    """True for a real integer; False for bool (a subclass of int) and everything else."""
    return type(value) is int


class TriageInputError(ValueError):
    """Invalid answers. ``field`` names the offending field (e.g. ``domains.financien``)."""

    def __init__(self, field: str, message: str, message_nl: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.message_nl = message_nl


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
        if name not in DOMAIN_SET:
            raise TriageInputError(
                f"domains.{name}", f"unknown domain {name!r}", f"Onbekend domein '{name}'"
            )
        if not (is_int(score) and score in DOMAIN_SCORES):
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
        if name not in RISK_SET:
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
        if not (is_int(value) and value >= 0):
            raise TriageInputError(
                field,
                f"{field} must be a non-negative integer, got {value!r}",
                f"Veld '{field}' moet een geheel getal van 0 of meer zijn",
            )
        normalised[field] = value
    return normalised
