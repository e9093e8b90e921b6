"""`manage.py triage_rescore [--ruleset NAME] [--batch-size N] [--dry-run]`.

Re-evaluates the latest assessment of every open case with a ruleset (default: the
active one), in batches; prints how many cases were examined and would change level
per transition, and how many new assessments were written.
"""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from triage import rescoring, selectors


class Command(BaseCommand):
    help = "Herberekent de laatste triage van alle open casussen met een triageversie."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--ruleset", help="Triageversie (standaard: de actieve versie).")
        parser.add_argument("--batch-size", type=int, default=rescoring.DEFAULT_BATCH_SIZE)
        parser.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets opslaan.")

    def handle(self, *args, ruleset=None, batch_size: int, dry_run: bool, **options) -> None:
        if batch_size < 1:
            raise CommandError("--batch-size moet minstens 1 zijn.", returncode=2)
        rules = selectors.ruleset_by_name(ruleset) if ruleset else selectors.active_ruleset()
        if rules is None:
            raise CommandError(f"Onbekende triageversie {ruleset!r}.", returncode=2)
        started = time.perf_counter()
        try:
            outcome = rescoring.rescore_open_cases(
                ruleset=rules, apply=not dry_run, batch_size=batch_size
            )
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages), returncode=2) from exc
        elapsed = time.perf_counter() - started
        mode = "proefdraai, niets opgeslagen" if dry_run else "toegepast"
        self.stdout.write(
            f"Triageversie {outcome.ruleset} ({mode}): {outcome.examined} open casussen "
            f"onderzocht in {outcome.batches} batches, {outcome.changed} veranderen van "
            f"niveau, {outcome.created} nieuwe wegingen opgeslagen ({elapsed:.1f} s)."
        )
        for row in outcome.transition_rows():
            self.stdout.write(f"  niveau {row['from']} → {row['to']}: {row['cases']}")
