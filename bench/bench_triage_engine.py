"""Benchmark: in-process triage evaluations per second (goal >= 50 000/s).

Run from the repository root: ``python bench/bench_triage_engine.py``. No Django needed.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from triage.defaults import RULESET_V1  # noqa: E402
from triage.engine import DOMAINS, RISKS, compile_ruleset, evaluate  # noqa: E402

GOAL = 50_000
SAMPLES = 2_000
ROUNDS = 25


def random_answers(rng: random.Random) -> dict:
    domains = {d: rng.randint(1, 5) for d in rng.sample(DOMAINS, rng.randint(0, len(DOMAINS)))}
    risks = {r: rng.random() < 0.25 for r in RISKS if rng.random() < 0.7}
    return {
        "domains": domains,
        "risks": risks,
        "organisations": rng.randint(0, 8),
        "months_in_wijkteam": rng.randint(0, 24),
    }


def rate(label: str, func, samples: list[dict]) -> float:
    best = 0.0
    for _ in range(ROUNDS):
        start = time.perf_counter()
        for answers in samples:
            func(answers)
        best = max(best, len(samples) / (time.perf_counter() - start))
    print(f"  {label}: {best:,.0f} evaluations/s")
    return best


def main() -> int:
    rng = random.Random(20240601)
    samples = [random_answers(rng) for _ in range(SAMPLES)]
    compiled = compile_ruleset(RULESET_V1)

    print(f"triage engine benchmark (best of {ROUNDS} rounds of {SAMPLES} answers)")
    rate("ruleset dict, validating answers", lambda a: evaluate(a, RULESET_V1), samples)
    full = rate("compiled ruleset, validating answers", lambda a: evaluate(a, compiled), samples)
    rate(
        "compiled ruleset, pre-validated",
        lambda a: evaluate(a, compiled, validated=True),
        samples,
    )
    print(f"triage engine: {full:.0f} evaluations/s (goal >= {GOAL})")
    return 0 if full >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
