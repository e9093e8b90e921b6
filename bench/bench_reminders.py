"""Benchmark: the reminder scan (`send_reminders`) over 10 000 and 100 000 cases.

Run from the repository root: ``python bench/bench_reminders.py`` (or ``make bench``).
Uses its own database: ``DATABASE_URL`` from the environment (emptied first!), else
``sqlite:////tmp/schakel_bench_rem.sqlite3`` (recreated on every run). E-mail goes to
Django's in-memory backend.

Generated cases get workflow state in bulk in realistic shares (an aanmelding for every
aangemeld case, a ZVH track with evaluatiedatum and an action plan for ZVH cases, a
proposed handover, a nazorg check; triage for most wijkteam cases, a consultation for
some), with dates spread around today so part of everything is due.

Goal (issue 6): the scan over 100 000 cases in ≤ 10 s, with a query count that does not
grow with the number of cases. Printed for each size: the first run (creates and mails
what is due) and a second run at the same moment (creates 0: the run beat repeats every
15 minutes).

Options: ``--sizes 10000,100000``.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_DB = "sqlite:////tmp/schakel_bench_rem.sqlite3"
GOAL_SECONDS = 10.0
BATCH = 2000


def setup_django() -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    os.environ.setdefault("DATABASE_URL", DEFAULT_DB)
    os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    url = os.environ["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite://"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "postgresql":
        # Start from an empty schema (a flush would also drop the rows that data
        # migrations create, such as the active triage ruleset).
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    call_command("migrate", verbosity=0, interactive=False)
    return url


def add_workflow_state(case_ids: list[int], *, users: dict, orgs: dict, rng: random.Random):
    """Workflow rows for generated cases, in bulk, matching each case's phase."""
    from django.db import transaction
    from django.utils import timezone

    from cases.models import Case
    from cases.phases import Phase
    from escalation.models import (
        Action,
        ActionPlan,
        ActionStatus,
        AftercareCheck,
        Consultation,
        EscalationRequest,
        Handover,
        Outcome,
        ZvhTrack,
    )
    from triage.engine import LEVEL_NAMES
    from triage.models import Ruleset, TriageAssessment

    now = timezone.now()
    today = timezone.localdate()
    ruleset = Ruleset.objects.get(is_active=True)
    regisseur, wijkteam = users["regisseur"], users["wijkteam"]
    owners = [
        (orgs["Politie"], users["politie"]),
        (orgs["GGZ"], users["ggz"]),
        (orgs["Verslavingszorg"], None),
        (orgs["Veilig Thuis"], None),
    ]
    rows = (
        Case.objects.filter(pk__in=case_ids)
        .order_by("pk")
        .values_list("pk", "phase", "receiving_team_id", "phase_changed_at")
    )
    cases = list(rows)
    with transaction.atomic():
        requests, assessments, consultations, handovers, checks = [], [], [], [], []
        for pk, phase, receiving_team_id, changed in cases:
            if phase in (Phase.AANGEMELD, Phase.ZVH, Phase.AFSCHALING, Phase.NAZORG):
                accepted = phase != Phase.AANGEMELD
                requests.append(
                    EscalationRequest(
                        case_id=pk,
                        requested_by=wijkteam,
                        requested_at=changed,
                        aanleiding="Gegenereerd",
                        doel="Gegenereerd",
                        client_informed=True,
                        screening_deadline=today + timedelta(days=rng.randint(-4, 5)),
                        outcome=Outcome.ACCEPTED if accepted else "",
                        screened_by=regisseur if accepted else None,
                        screened_at=changed if accepted else None,
                    )
                )
            if phase == Phase.WIJKTEAM:
                if rng.random() < 0.7:
                    level = rng.choices((0, 1, 2, 3), (40, 35, 20, 5))[0]
                    assessed = changed + (now - changed) * rng.random()
                    assessments.append(
                        TriageAssessment(
                            case_id=pk,
                            answers={"risks": {}},
                            score=4 + 6 * level,
                            level=level,
                            level_name=LEVEL_NAMES[level],
                            ruleset=ruleset,
                            ruleset_name=ruleset.name,
                            assessed_at=assessed,
                            created_at=assessed,
                        )
                    )
                if rng.random() < 0.1:
                    consultations.append(
                        Consultation(
                            case_id=pk,
                            question="Gegenereerd",
                            asked_by=wijkteam,
                            asked_at=changed + (now - changed) * rng.random(),
                            answered_at=now,
                            answered_by=regisseur,
                            answer="Gegenereerd",
                        )
                    )
            elif phase == Phase.AFSCHALING:
                handovers.append(
                    Handover(
                        case_id=pk,
                        proposed_by=regisseur,
                        proposed_at=now - timedelta(days=rng.randint(0, 25)),
                        receiving_team_id=receiving_team_id,
                    )
                )
            elif phase == Phase.NAZORG:
                checks.append(
                    AftercareCheck(
                        case_id=pk, due_date=today + timedelta(days=rng.randint(-20, 30))
                    )
                )
        EscalationRequest.objects.bulk_create(requests, batch_size=BATCH)
        TriageAssessment.objects.bulk_create(assessments, batch_size=BATCH)
        Consultation.objects.bulk_create(consultations, batch_size=BATCH)
        Handover.objects.bulk_create(handovers, batch_size=BATCH)
        AftercareCheck.objects.bulk_create(checks, batch_size=BATCH)

        zvh_requests = (
            EscalationRequest.objects.filter(case_id__in=case_ids, case__phase=Phase.ZVH)
            .order_by("pk")
            .values_list("pk", "case_id", "screened_at")
        )
        tracks, plans = [], []
        for request_id, case_id, accepted_at in zvh_requests:
            tracks.append(
                ZvhTrack(
                    case_id=case_id,
                    request_id=request_id,
                    accepted_by=regisseur,
                    accepted_at=accepted_at,
                    review_date=today + timedelta(days=rng.randint(-5, 40)),
                )
            )
            plans.append(ActionPlan(case_id=case_id, goals="Gegenereerd", created_by=regisseur))
        ZvhTrack.objects.bulk_create(tracks, batch_size=BATCH)
        ActionPlan.objects.bulk_create(plans, batch_size=BATCH)
        actions = []
        plan_rows = (
            ActionPlan.objects.filter(case_id__in=case_ids)
            .order_by("pk")
            .values_list("pk", "case_id")
        )
        for plan_id, case_id in plan_rows:
            for _i in range(2):
                org, person = rng.choice(owners)
                actions.append(
                    Action(
                        plan_id=plan_id,
                        case_id=case_id,
                        description="Gegenereerd",
                        owner_organisation=org,
                        owner_person=person,
                        deadline=today + timedelta(days=rng.randint(-30, 40)),
                        status=rng.choice(
                            (ActionStatus.OPEN, ActionStatus.IN_PROGRESS, ActionStatus.DONE)
                        ),
                        created_by=regisseur,
                    )
                )
        Action.objects.bulk_create(actions, batch_size=BATCH)


def measure(label: str, now) -> tuple[float, int, int]:
    from django.core import mail
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from escalation.reminders import send_due_reminders

    mails_before = len(mail.outbox)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        created = send_due_reminders(now=now)
        seconds = time.perf_counter() - started
    mails = len(mail.outbox) - mails_before
    print(
        f"  {label:<28} {seconds:6.2f} s  {len(queries.captured_queries):3d} queries  "
        f"{created:6d} reminders created  {mails} e-mails",
        flush=True,
    )
    return seconds, len(queries.captured_queries), created


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))

    url = setup_django()
    from django.core import mail
    from django.core.management import call_command
    from django.utils import timezone

    from cases.models import Case
    from notifications.models import Reminder
    from workplace.demo.generate import generate_cases
    from workplace.demo.people import seed_organisations, seed_users

    mail.outbox = []
    # A worker loads the URLconf once (the e-mails reverse the Meldingen URL); load it
    # here so the first measured run does not include that one-off import.
    from django.urls import reverse

    reverse("notifications:list")
    print(f"bench_reminders: database {url.split('@')[-1]}", flush=True)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    orgs = seed_organisations()
    users = seed_users(orgs)
    rng = random.Random(6)
    results = {}
    for size in sizes:
        missing = size - Case.objects.count()
        if missing > 0:
            started = time.perf_counter()
            last = Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            generate_cases(missing, users=users, orgs=orgs, seed=size)
            new_ids = list(Case.objects.filter(pk__gt=last).values_list("pk", flat=True))
            add_workflow_state(new_ids, users=users, orgs=orgs, rng=rng)
            took = time.perf_counter() - started
            print(f"seeded to {Case.objects.count():,} cases in {took:.0f} s", flush=True)
        print(f"{size:,} cases:", flush=True)
        now = timezone.now() + timedelta(minutes=len(results))
        first = measure("first run (creates, mails)", now)
        second = measure("second run, same moment", now)
        results[size] = (first, second)
        print(f"  reminders in the database: {Reminder.objects.count():,}", flush=True)

    largest = results[sizes[-1]]
    counts = {q for (first, second) in results.values() for (_s, q, _c) in (first,)}
    steady = {q for (first, second) in results.values() for (_s, q, _c) in (second,)}
    ok_time = max(largest[0][0], largest[1][0]) <= GOAL_SECONDS
    ok_queries = len(counts) == 1 and len(steady) == 1
    print(
        f"goal ≤ {GOAL_SECONDS:.0f} s at {sizes[-1]:,} cases: {'met' if ok_time else 'MISSED'}; "
        f"query count independent of the number of cases: {'yes' if ok_queries else 'NO'} "
        f"(first runs {sorted(counts)}, second runs {sorted(steady)})"
    )
    return 0 if ok_time and ok_queries else 1


if __name__ == "__main__":
    sys.exit(main())
