"""Celery tasks of the triage app: thin wrappers around the services and rescoring."""

from __future__ import annotations

from celery import shared_task

from lib.locks import one_run_at_a_time

from . import rescoring, selectors


# acks_late + reject_on_worker_lost: a rescore whose worker is killed is delivered
# again and picks up where it stopped (each batch commits on its own, and a case whose
# latest assessment already uses the version is skipped). one_run_at_a_time keeps a
# second delivery, or the rescore of the next version, from running beside it: both
# would read the same latest assessments and write a second row for the same case.
@shared_task(name="triage.rescore_open_cases", acks_late=True, reject_on_worker_lost=True)
def rescore_open_cases(
    ruleset_name: str | None = None,
    batch_size: int = rescoring.DEFAULT_BATCH_SIZE,
    dry_run: bool = False,
) -> dict:
    """Re-evaluate the latest assessment of every open case (default: the active version).

    Safe to run twice: a case whose latest assessment already uses the version is skipped.
    """
    ruleset = (
        selectors.ruleset_by_name(ruleset_name) if ruleset_name else selectors.active_ruleset()
    )
    if ruleset is None:
        raise ValueError(f"unknown ruleset {ruleset_name!r}")
    with one_run_at_a_time("triage.rescore_open_cases"):
        return rescoring.rescore_open_cases(
            ruleset=ruleset, apply=not dry_run, batch_size=batch_size
        ).as_dict()
