"""`manage.py triage_evaluate [--ruleset NAME] [FILE]`: evaluate triage answers as JSON.

Reads one answers object or a list of them from FILE or stdin and writes the result(s)
as JSON on stdout (same shape, same order). Invalid input or an unknown ruleset: exit
status 2, a message naming the field on stderr, nothing on stdout (DESIGN.md, Triage).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from triage import selectors
from triage.engine import TriageInputError, evaluate, validate_answers

INVALID = 2


class Command(BaseCommand):
    help = "Berekent de triage-uitkomst van antwoorden in JSON (bestand of stdin)."
    # call_command(..., stdin=StringIO(...)) in tests.
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", help="JSON-bestand; zonder bestand: stdin.")
        parser.add_argument(
            "--ruleset", help="Naam van de triageversie (standaard: de actieve versie)."
        )

    def handle(self, *args, file: str | None = None, ruleset: str | None = None, **options):
        rules = self._ruleset(ruleset)
        raw = self._read(file, options.get("stdin"))
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CommandError(f"invalid JSON: {exc}", returncode=INVALID) from exc
        if isinstance(data, list):
            results = [self._evaluate(item, rules, prefix=f"[{i}].") for i, item in enumerate(data)]
            output = results
        elif isinstance(data, dict):
            output = self._evaluate(data, rules, prefix="")
        else:
            raise CommandError(
                "answers: expected a JSON object or a list of objects", returncode=INVALID
            )
        # Everything is evaluated before anything is written: nothing on stdout on error.
        self.stdout.write(json.dumps(output, ensure_ascii=False))

    def _ruleset(self, name: str | None):
        if name is None:
            return selectors.compiled(selectors.active_ruleset())
        ruleset = selectors.ruleset_by_name(name)
        if ruleset is None:
            raise CommandError(f"unknown ruleset {name!r}", returncode=INVALID)
        try:
            return selectors.compiled(ruleset)
        except ValueError as exc:
            raise CommandError(f"ruleset {name!r} is invalid: {exc}", returncode=INVALID) from exc

    def _read(self, file: str | None, stdin) -> str:
        if file and file != "-":
            try:
                return Path(file).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"cannot read {file}: {exc}", returncode=INVALID) from exc
        return (stdin or sys.stdin).read()

    def _evaluate(self, answers, rules, *, prefix: str) -> dict:
        try:
            return evaluate(validate_answers(answers), rules, validated=True).to_dict()
        except TriageInputError as exc:
            raise CommandError(f"{prefix}{exc.field}: {exc.message}", returncode=INVALID) from exc
