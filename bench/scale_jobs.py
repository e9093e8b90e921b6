"""Background jobs at two sizes for bench_scale.py: the reminder scan and the rescoring,
each in a transaction that is rolled back (the databases are kept between runs)."""

from __future__ import annotations

import time

from common import figure, use_database

RATIO_GOAL = 1.5


class _Rollback(Exception):
    pass


def _in_rollback(work):
    """Run `work()` in a transaction that is rolled back; returns its result."""
    from django.db import transaction

    result = None
    try:
        with transaction.atomic():
            result = work()
            raise _Rollback
    except _Rollback:
        pass
    return result


def reminder_scan() -> tuple[float, int]:
    """Seconds of one `send_due_reminders` run, and the cases it had to look at."""
    from django.utils import timezone

    from cases.models import Case
    from escalation.reminders import send_due_reminders

    open_cases = Case.objects.exclude(phase="gesloten").count()

    def work():
        started = time.perf_counter()
        created = send_due_reminders(now=timezone.now())
        return time.perf_counter() - started, created

    seconds, created = _in_rollback(work)
    print(f"  reminder scan: {seconds:.1f} s over {open_cases:,} open cases, {created:,} created")
    return seconds, open_cases


def rescore() -> tuple[float, int]:
    """Seconds of the rescoring dry run (impact preview) against a new ruleset version."""
    from django.contrib.auth import get_user_model

    from triage import rescoring, selectors, services

    def work():
        user = get_user_model().objects.get(username="admin")
        draft = services.ruleset_draft_create(user=user, base=selectors.active_ruleset())
        thresholds = {"acuut": None, "opschalen": 14, "consultatie": 7}
        draft = services.ruleset_draft_update(
            user=user,
            ruleset=draft,
            name="bench-scale-v2",
            definition={**draft.definition, "thresholds": thresholds},
        )
        ruleset = services.ruleset_publish(user=user, ruleset=draft)
        started = time.perf_counter()
        preview = rescoring.impact_preview(ruleset=ruleset)
        return time.perf_counter() - started, preview.examined

    seconds, examined = _in_rollback(work)
    print(f"  rescoring dry run: {seconds:.1f} s over {examined:,} assessed open cases")
    return seconds, examined


def linearity(databases: list[tuple[str, int]]) -> None:
    """Both jobs on each database; the time per case must stay within 1.5× across sizes."""
    results = {}
    for name, size in databases:
        use_database(name)
        print(f"jobs on {name} ({size:,} cases):", flush=True)
        results[size] = {"reminder scan": reminder_scan(), "rescoring": rescore()}
    (small, a), (large, b) = sorted(results.items())
    for job in ("reminder scan", "rescoring"):
        (sa, na), (sb, nb) = a[job], b[job]
        per_a, per_b = sa / max(na, 1) * 1e6, sb / max(nb, 1) * 1e6
        figure(
            f"{job} time per case at {large:,} vs {small:,} cases",
            f"{per_a:.0f} → {per_b:.0f} µs ({sa:.1f} s → {sb:.1f} s) = {per_b / per_a:.2f}×",
            f"≤ {RATIO_GOAL}×",
            per_b / per_a <= RATIO_GOAL,
        )
