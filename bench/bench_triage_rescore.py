"""Benchmark: rescore the latest triage of 100 000 open cases (goal <= 60 s).

Run from the repository root: ``python bench/bench_triage_rescore.py [--cases N]``.
Uses a throwaway SQLite database (/tmp/schakel_bench_triage.sqlite3, recreated each run)
unless DATABASE_URL is set; with DATABASE_URL (use a database of your own, e.g.
postgres://postgres@127.0.0.1:5432/schakel_bench) earlier bench rows are removed first.

Creates N open cases with one v1 assessment each (plus 10 % closed cases that must be
skipped), publishes a v2 with other thresholds, then times the impact preview (dry run)
and the applied rescore (new assessments written in batches).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_SECONDS = 60.0
SQLITE_PATH = Path("/tmp/schakel_bench_triage.sqlite3")
PREFIX = "BENCH-"


def setup_django() -> str:
    if not os.environ.get("DATABASE_URL"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{SQLITE_PATH}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_PATH}"
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from django.db import connection

    return connection.vendor


def random_answers(rng: random.Random) -> dict:
    from triage.engine import DOMAINS, RISKS, validate_answers

    domains = {d: rng.randint(1, 5) for d in rng.sample(DOMAINS, rng.randint(3, len(DOMAINS)))}
    risks = {r: rng.random() < 0.15 for r in RISKS}
    return validate_answers(
        {
            "domains": domains,
            "risks": risks,
            "organisations": rng.randint(0, 6),
            "months_in_wijkteam": rng.randint(0, 18),
        }
    )


def create_data(n_open: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from cases.models import Case
    from cases.phases import Phase
    from privacy.convenant import ensure_default_matrix
    from triage import selectors
    from triage.engine import evaluate
    from triage.models import TriageAssessment
    from triage.rescoring import insert_assessment_rows
    from workplace.demo.people import seed_organisations, seed_users

    ensure_default_matrix()
    orgs = seed_organisations()
    users = seed_users(orgs)
    TriageAssessment.objects.filter(case__reference__startswith=PREFIX).delete()
    Case.objects.filter(reference__startswith=PREFIX).delete()

    rng = random.Random(20261123)
    v1 = selectors.active_ruleset()
    rules = selectors.compiled(v1)
    team, worker = orgs["Wijkteam Noord"], users["wijkteam"]
    n_closed = n_open // 10
    phases = [Phase.WIJKTEAM, Phase.WIJKTEAM, Phase.AANGEMELD, Phase.ZVH, Phase.NAZORG]
    started = time.perf_counter()
    chunk = 5000
    total = n_open + n_closed
    for offset in range(0, total, chunk):
        with transaction.atomic():
            cases = Case.objects.bulk_create(
                [
                    Case(
                        reference=f"{PREFIX}{i:07d}",
                        year=1,
                        number=i,
                        title="Benchmarkcasus",
                        phase=Phase.GESLOTEN if i >= n_open else rng.choice(phases),
                        owning_team=team,
                        regiehouder=worker,
                    )
                    for i in range(offset, min(offset + chunk, total))
                ]
            )
            if cases[0].pk is None:  # backends that do not return ids (older SQLite)
                cases = list(
                    Case.objects.filter(reference__in=[c.reference for c in cases]).only("id")
                )
            rows = []
            now = timezone.now()
            for case in cases:
                answers = random_answers(rng)
                result = evaluate(answers, rules, validated=True)
                rows.append(
                    {
                        "case_id": case.pk,
                        "answers": answers,
                        "score": result.score,
                        "level": result.level,
                        "level_name": result.level_name,
                        "reasons": result.reasons,
                        "knock_outs": result.knock_outs,
                        "zvh_criteria": result.zvh_criteria,
                        "complete": result.complete,
                        "ruleset_id": v1.pk,
                        "ruleset_name": v1.name,
                        "assessed_by_id": worker.pk,
                        "assessed_at": now,
                        "created_at": now,
                        "source": "worker",
                        "rescored_from_id": None,
                        "judgement": "agree",
                        "judgement_motivation": "",
                    }
                )
            insert_assessment_rows(rows)
    print(
        f"  created {n_open:,} open + {n_closed:,} closed cases with one assessment each "
        f"in {time.perf_counter() - started:.1f} s"
    )


def publish_v2():
    from django.contrib.auth import get_user_model

    from triage import selectors, services
    from triage.models import Ruleset

    user = get_user_model().objects.get(username="admin")
    Ruleset.objects.filter(name="bench-v2", status="draft").delete()
    existing = Ruleset.objects.filter(name="bench-v2").first()
    if existing is not None:
        return existing
    base = selectors.active_ruleset()
    draft = services.ruleset_draft_create(user=user, base=base)
    thresholds = {"acuut": None, "opschalen": 14, "consultatie": 7}
    draft = services.ruleset_draft_update(
        user=user,
        ruleset=draft,
        name="bench-v2",
        definition={**draft.definition, "thresholds": thresholds},
    )
    return services.ruleset_publish(user=user, ruleset=draft)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=2000)
    args = parser.parse_args()

    vendor = setup_django()
    print(f"triage rescore benchmark ({vendor}, {args.cases:,} open cases)")
    create_data(args.cases)
    ruleset = publish_v2()

    from triage import rescoring

    started, cpu = time.perf_counter(), time.process_time()
    preview = rescoring.impact_preview(ruleset=ruleset, batch_size=args.batch_size)
    preview_s, preview_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"  impact preview (dry run): {preview.examined:,} cases, {preview.changed:,} change "
        f"level, {preview.batches} batches in {preview_s:.1f} s (CPU {preview_cpu:.1f} s)"
    )

    started, cpu = time.perf_counter(), time.process_time()
    applied = rescoring.rescore_open_cases(ruleset=ruleset, apply=True, batch_size=args.batch_size)
    apply_s, apply_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"  rescore applied: {applied.examined:,} cases, {applied.created:,} new assessments, "
        f"{applied.changed:,} level changes in {apply_s:.1f} s (CPU {apply_cpu:.1f} s)"
    )
    for row in applied.transition_rows()[:6]:
        print(f"    level {row['from']} -> {row['to']}: {row['cases']:,}")
    ok = applied.examined >= args.cases and apply_s <= GOAL_SECONDS
    print(
        f"triage rescore: {apply_s:.1f} s for {applied.examined:,} open cases "
        f"(goal <= {GOAL_SECONDS:.0f} s) on {vendor}; load average {os.getloadavg()[0]:.1f}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
