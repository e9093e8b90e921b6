"""Rescoring: re-evaluating the latest assessment of every open case with a ruleset.

Used for the impact preview of a draft (counts only) and, after a version is published,
to write the new assessments (``triage.tasks.rescore_open_cases``, the
``triage_rescore`` command). Works in batches, cheap enough for 100 000 cases.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import CaseEvent

from . import selectors
from .engine import CompiledRuleset, evaluate
from .models import AssessmentSource, Ruleset, RulesetStatus, TriageAssessment

DEFAULT_BATCH_SIZE = 2000


@dataclass
class RescoreResult:
    ruleset: str
    examined: int = 0
    changed: int = 0  # cases whose level would change
    created: int = 0  # new assessments written (only when applied)
    batches: int = 0
    transitions: Counter = field(default_factory=Counter)  # (old, new) -> cases
    changed_case_ids: list[int] = field(default_factory=list)

    def transition_rows(self) -> list[dict[str, int]]:
        """Level changes, most common first: [{"from": 1, "to": 2, "cases": 3}, ...]."""
        return [
            {"from": old, "to": new, "cases": n}
            for (old, new), n in sorted(
                self.transitions.items(), key=lambda item: (-item[1], item[0])
            )
            if old != new
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "ruleset": self.ruleset,
            "examined": self.examined,
            "changed": self.changed,
            "created": self.created,
            "batches": self.batches,
            "transitions": self.transition_rows(),
        }


def insert_assessment_rows(rows: list[dict[str, Any]]) -> None:
    """Low-level bulk write of assessments (given as column dicts, all with the same keys).

    Bypasses model instances: bulk_create spends most of a 100 000-case rescore building
    and preparing model objects. Each value is prepared by its field for this backend;
    PostgreSQL gets COPY, other databases one executemany. No permission checks and no
    events: callers (the rescore, the benchmark) do their own.
    """
    if not rows:
        return
    meta = TriageAssessment._meta
    fields = [meta.get_field(name.removesuffix("_id")) for name in rows[0]]
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    prepared = (
        [
            field.get_db_prep_save(value, connection)
            for field, value in zip(fields, row.values(), strict=True)
        ]
        for row in rows
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in prepared:
                    copy.write_row(values)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", prepared)


def rescore_open_cases(
    *, ruleset: Ruleset, apply: bool = False, batch_size: int = DEFAULT_BATCH_SIZE
) -> RescoreResult:
    """Re-evaluate the latest assessment of every open case with `ruleset`.

    Without `apply` this only counts what would change (the impact preview). With
    `apply` (only for a published version) each case whose latest assessment was made
    with another version gets a new assessment; a level change goes on the timeline.
    Works in batches, each in its own transaction.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if apply and ruleset.status != RulesetStatus.PUBLISHED:
        raise ValidationError(_("Alleen met een gepubliceerde versie kan worden herberekend."))
    rules: CompiledRuleset = selectors.compiled(ruleset)
    outcome = RescoreResult(ruleset=ruleset.name)
    for batch in selectors.open_latest_assessment_batches(batch_size):
        outcome.batches += 1
        new_rows: list[dict[str, Any]] = []
        events: list[CaseEvent] = []
        now = timezone.now()
        for latest in batch:
            outcome.examined += 1
            result = evaluate(latest.answers, rules, validated=True)
            outcome.transitions[(latest.level, result.level)] += 1
            if result.level != latest.level:
                outcome.changed += 1
                outcome.changed_case_ids.append(latest.case_id)
            if not apply or latest.ruleset_id == ruleset.pk:
                continue
            new_rows.append(
                {
                    "case_id": latest.case_id,
                    "answers": latest.answers,
                    "score": result.score,
                    "level": result.level,
                    "level_name": result.level_name,
                    "reasons": result.reasons,
                    "knock_outs": result.knock_outs,
                    "zvh_criteria": result.zvh_criteria,
                    "complete": result.complete,
                    "ruleset_id": ruleset.pk,
                    "ruleset_name": ruleset.name,
                    "assessed_by_id": None,
                    "assessed_at": latest.assessed_at,
                    "created_at": now,
                    "source": AssessmentSource.RESCORE,
                    "rescored_from_id": latest.id,
                    "judgement": "",
                    "judgement_motivation": "",
                }
            )
            if result.level != latest.level:
                events.append(
                    CaseEvent(
                        case_id=latest.case_id,
                        kind="triage_rescored",
                        category=Category.TRIAGE,
                        description=_(
                            "Triage herberekend met versie %(version)s: niveau %(old)s → %(new)s."
                        )
                        % {"version": ruleset.name, "old": latest.level, "new": result.level},
                        data={"ruleset": ruleset.name, "from": latest.level, "to": result.level},
                        created_at=now,
                    )
                )
        if new_rows:
            with transaction.atomic():
                insert_assessment_rows(new_rows)
                CaseEvent.objects.bulk_create(events, batch_size=1000)
            outcome.created += len(new_rows)
    return outcome


def impact_preview(*, ruleset: Ruleset, batch_size: int = DEFAULT_BATCH_SIZE) -> RescoreResult:
    """What publishing `ruleset` would change for open cases (nothing is written)."""
    return rescore_open_cases(ruleset=ruleset, apply=False, batch_size=batch_size)
