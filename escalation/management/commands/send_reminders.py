"""`manage.py send_reminders [--now 2027-01-31T09:00]`: one reminder scan, the same
function the periodic Celery task calls."""

from __future__ import annotations

from datetime import datetime

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import ngettext

from escalation.reminders import send_due_reminders


def parse_now(value: str) -> datetime:
    """ISO date-time; without an offset it is read as Europe/Amsterdam time."""
    moment = datetime.fromisoformat(value)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


class Command(BaseCommand):
    help = "Maakt de herinneringen aan die nu (of op --now) aan de beurt zijn en mailt ze."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            help="Doe alsof het dit moment is, bijvoorbeeld 2027-01-31T09:00 (Nederlandse tijd).",
        )

    def handle(self, *args, now: str | None = None, **options) -> None:
        moment = None
        if now is not None:
            try:
                moment = parse_now(now)
            except ValueError:
                self.stderr.write(
                    f"Ongeldige --now ‘{now}’: gebruik JJJJ-MM-DDTUU:MM, "
                    "bijvoorbeeld 2027-01-31T09:00."
                )
                raise SystemExit(2) from None
        created = send_due_reminders(now=moment)
        self.stdout.write(
            ngettext("%(n)d herinnering aangemaakt.", "%(n)d herinneringen aangemaakt.", created)
            % {"n": created}
        )
