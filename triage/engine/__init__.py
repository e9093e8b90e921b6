"""Rule-based, explainable triage engine (pure Python, no Django).

One module per concern: :mod:`.answers` (the input specification and its validation;
errors name the field), :mod:`.ruleset` (checking and compiling a ruleset definition,
with the app's one compile cache) and :mod:`.evaluate` (score, level, reasons and the
ZVH criteria). The public names are re-exported here: ``from triage.engine import …``.
"""

from __future__ import annotations

from .answers import (
    ANSWER_KEYS,
    COUNT_FIELDS,
    DOMAINS,
    RISKS,
    TriageInputError,
    validate_answers,
)
from .evaluate import (
    LEVEL_NAMES,
    VEILIGHEID_RISKS,
    ZORG_DOMAIN_MAX_SCORE,
    ZORG_DOMAINS,
    ZORG_RISKS,
    ZVH_CRITERIA,
    TriageResult,
    evaluate,
)
from .ruleset import (
    KNOCK_OUT_RULES,
    RULESET_KEYS,
    CompiledRuleset,
    compile_ruleset,
    compiled_ruleset,
    validate_ruleset,
)

__all__ = [
    "ANSWER_KEYS",
    "COUNT_FIELDS",
    "DOMAINS",
    "KNOCK_OUT_RULES",
    "LEVEL_NAMES",
    "RISKS",
    "RULESET_KEYS",
    "VEILIGHEID_RISKS",
    "ZORG_DOMAINS",
    "ZORG_DOMAIN_MAX_SCORE",
    "ZORG_RISKS",
    "ZVH_CRITERIA",
    "CompiledRuleset",
    "TriageInputError",
    "TriageResult",
    "compile_ruleset",
    "compiled_ruleset",
    "evaluate",
    "validate_answers",
    "validate_ruleset",
]
