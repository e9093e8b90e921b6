from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from privacy.retention import retention_run


class Command(BaseCommand):
    help = (
        "Anonimiseert persoonsgegevens van casussen die langer dan RETENTION_YEARS gesloten "
        "zijn. Met --dry-run wordt alleen getoond wat er zou veranderen."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Toon alleen; wijzig niets.")
        parser.add_argument("--now", help="Peilmoment (ISO 8601), bijvoorbeeld 2027-01-31T09:00.")

    def handle(self, *args, dry_run: bool = False, now: str | None = None, **options) -> None:
        moment = timezone.now()
        if now:
            try:
                moment = datetime.fromisoformat(now)
            except ValueError as exc:
                raise CommandError(f"--now is geen geldige ISO-datum: {now}") from exc
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
        result = retention_run(now=moment, dry_run=dry_run, triggered_by="retention_run")
        prefix = "[dry-run] " if dry_run else ""
        self.stdout.write(
            f"{prefix}Peilmoment {timezone.localtime(moment):%d-%m-%Y %H:%M}; "
            f"gesloten voor {timezone.localtime(result.cutoff):%d-%m-%Y}."
        )
        for plan in result.cases:
            counts = ", ".join(f"{key}: {value}" for key, value in plan.counts.items())
            closed = f"{timezone.localtime(plan.closed_at):%d-%m-%Y}" if plan.closed_at else "?"
            verb = "zou worden geanonimiseerd" if dry_run else "geanonimiseerd"
            self.stdout.write(f"{prefix}{plan.reference} (gesloten {closed}) {verb} — {counts}")
        summary = "zouden worden geanonimiseerd" if dry_run else "geanonimiseerd"
        self.stdout.write(f"{prefix}{result.count} casus(sen) {summary}.")
