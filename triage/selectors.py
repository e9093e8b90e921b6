"""Reads on triage: rulesets, assessments and the triage part of the case page."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse

from cases.categories import Category
from cases.models import Case
from cases.phases import Phase
from privacy.access import CaseAccess, access_for_cases, visible_cases

from .engine import CompiledRuleset, compiled_ruleset, evaluate
from .models import Ruleset, TriageAssessment
from .permissions import can_assess
from .presentation import assessment_view

HISTORY_LIMIT = 50


# --- rulesets ------------------------------------------------------------------------


def active_ruleset() -> Ruleset:
    """The one published, active ruleset (shipped as `v1` by a data migration)."""
    return Ruleset.objects.get(is_active=True)


def ruleset_by_name(name: str) -> Ruleset | None:
    return Ruleset.objects.filter(name=name).first()


def compiled(ruleset: Ruleset) -> CompiledRuleset:
    """The compiled rules of a stored version, from the engine's one compile cache
    (keyed by the version's id; an edited draft is recompiled)."""
    return compiled_ruleset(ruleset.definition, key=("ruleset", ruleset.pk))


def rulesets_for_admin() -> QuerySet[Ruleset]:
    return Ruleset.objects.select_related("based_on", "created_by", "published_by").order_by(
        "-created_at", "-id"
    )


def changed_cases_visible_to(
    user, *, ruleset: Ruleset, case_ids: list[int]
) -> list[dict[str, Any]]:
    """Of the cases whose level `ruleset` would change, those this user may open with
    triage in view: [{"case", "access", "old", "new"}], by reference.

    Goes through the access layer, so a functional admin (who sees no case) gets [].
    """
    cases = list(
        visible_cases(user)
        .filter(pk__in=case_ids)
        .select_related("owning_team")
        .order_by("reference")
    )
    access = access_for_cases(user, cases)
    cases = [c for c in cases if c.pk in access and access[c.pk].can_see(Category.TRIAGE)]
    latest = latest_assessments([c.pk for c in cases])
    rules = compiled(ruleset)
    return [
        {
            "case": case,
            "access": access[case.pk],
            "old": latest[case.pk].level,
            "new": evaluate(latest[case.pk].answers, rules, validated=True).level,
        }
        for case in cases
    ]


# --- assessments ---------------------------------------------------------------------


def _newest_first(qs: QuerySet[TriageAssessment]) -> QuerySet[TriageAssessment]:
    return qs.order_by("-assessed_at", "-id")


def latest_assessment(case: Case) -> TriageAssessment | None:
    """The case's newest assessment (by assessed_at), or None."""
    return _newest_first(
        TriageAssessment.objects.filter(case_id=case.pk).select_related("ruleset")
    ).first()


def _latest_id_of_case(case_ref: str = "pk") -> Subquery:
    """Id of the newest assessment of the case in the outer query (index-only lookup)."""
    return Subquery(
        _newest_first(TriageAssessment.objects.filter(case_id=OuterRef(case_ref))).values("pk")[:1]
    )


def latest_assessments(case_ids: Iterable[int]) -> dict[int, TriageAssessment]:
    """Case id → its newest assessment, for the given cases, in one query.

    Driven from the case ids (primary key) to each case's newest assessment id, so the
    plan stays an index lookup per case whatever the table statistics say.
    """
    ids = list(case_ids)
    if not ids:
        return {}
    latest_ids = Case.objects.filter(pk__in=ids).values(latest=_latest_id_of_case())
    rows = TriageAssessment.objects.filter(pk__in=latest_ids).order_by()
    return {a.case_id: a for a in rows}


def assessments_for(case: Case) -> QuerySet[TriageAssessment]:
    """The case's assessment history, newest first."""
    return _newest_first(
        TriageAssessment.objects.filter(case_id=case.pk).select_related("assessed_by")
    )


RESCORE_FIELDS = ("id", "case_id", "answers", "level", "assessed_at", "ruleset_id")


def open_latest_assessment_batches(batch_size: int) -> Iterator[list[Any]]:
    """The latest assessment of every open case, in batches ordered by case id, as rows
    with the attributes of RESCORE_FIELDS (plain tuples: cheap for 100 000 cases).

    Keyset pagination over open case ids (a primary-key range scan), then one query for
    those cases' latest assessments, so each batch costs the same however far the scan
    has come. One batch per `batch_size` open cases; cases without triage add no row.
    """
    last_case_id = 0
    while True:
        window = list(
            Case.objects.filter(pk__gt=last_case_id)
            .exclude(phase=Phase.GESLOTEN)
            .order_by("pk")
            .values_list("pk", _latest_id_of_case())[:batch_size]
        )
        if not window:
            return
        latest_ids = [latest_id for _case_id, latest_id in window if latest_id is not None]
        batch = (
            list(
                TriageAssessment.objects.filter(pk__in=latest_ids)
                .order_by("case_id")
                .values_list(*RESCORE_FIELDS, named=True)
            )
            if latest_ids
            else []
        )
        yield batch
        last_case_id = window[-1][0]
        if len(window) < batch_size:
            return


# --- the case page -------------------------------------------------------------------


def next_step(case: Case, level: int | None, *, can_act: bool) -> dict[str, Any] | None:
    """What the triage outcome suggests doing next, for a case in the wijkteam."""
    if level is None or level == 0 or not can_act:
        return None
    if case.phase not in (Phase.WIJKTEAM, Phase.NAZORG):
        return None
    if level >= 2:
        return {
            "kind": "escalate",
            "today": level == 3,
            "url": reverse("escalation:request", kwargs={"pk": case.pk}),
        }
    if case.phase != Phase.WIJKTEAM:
        return None
    url = reverse("escalation:consult", kwargs={"pk": case.pk})
    return {"kind": "consult", "today": False, "url": url}


def case_triage_context(case: Case, access: CaseAccess, user=None) -> dict[str, Any]:
    """Context for `triage/_case_triage.html`; empty when the viewer may not see triage."""
    if not access.can_see(Category.TRIAGE):
        return {"triage": None}
    history = list(assessments_for(case)[:HISTORY_LIMIT])
    latest = history[0] if history else None
    may_assess = user is not None and can_assess(user, access)
    return {
        "triage": {
            "latest": latest,
            "result": assessment_view(latest, access=access) if latest else None,
            "history": history,
            "can_assess": may_assess,
            "next_step": next_step(case, latest.level if latest else None, can_act=may_assess),
        }
    }
