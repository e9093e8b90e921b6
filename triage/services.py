"""Writes on triage: assessments, ruleset drafts and publication (rescoring: rescoring.py)."""

from __future__ import annotations

import logging
import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import Case
from cases.services import event_record
from privacy.access import case_access
from privacy.grants import sync_case_access

from . import selectors
from .defaults import LEVEL_LABELS_NL, RULESET_V1
from .engine import (
    TriageInputError,
    compile_ruleset,
    evaluate,
    validate_answers,
)
from .models import (
    AssessmentSource,
    Judgement,
    Ruleset,
    RulesetStatus,
    TriageAssessment,
)
from .permissions import can_assess, can_manage_rulesets

logger = logging.getLogger(__name__)

RULESET_NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,39}$")


# --- assessments ---------------------------------------------------------------------


def describe_outcome(level: int, level_name: str, score: int, ruleset_name: str) -> str:
    return _("Triage: %(label)s (niveau %(level)s, score %(score)s, versie %(version)s).") % {
        "label": LEVEL_LABELS_NL.get(level, level_name),
        "level": level,
        "score": score,
        "version": ruleset_name,
    }


@transaction.atomic
def assessment_create(
    *, user, case: Case, answers: dict, judgement: str, judgement_motivation: str = ""
) -> TriageAssessment:
    """Weigh the case with the active ruleset and record the professional's judgement."""
    access = case_access(user, case)
    if not can_assess(user, access):
        raise PermissionDenied(_("U kunt voor deze casus geen triage vastleggen."))
    if not case.is_open:
        raise ValidationError(_("Een gesloten casus kan niet meer worden gewogen."))
    try:
        normalised = validate_answers(answers)
    except TriageInputError as exc:
        raise ValidationError(exc.message_nl) from exc
    if judgement not in Judgement.values:
        raise ValidationError(_("Geef aan of u het eens bent met de uitkomst."))
    judgement_motivation = (judgement_motivation or "").strip()
    if judgement == Judgement.DISAGREE and not judgement_motivation:
        raise ValidationError(
            _("Licht toe waarom u het niet eens bent met de uitkomst van de triage.")
        )

    ruleset = selectors.active_ruleset()
    result = evaluate(normalised, selectors.compiled(ruleset), validated=True)
    now = timezone.now()
    assessment = TriageAssessment.objects.create(
        case=case,
        answers=normalised,
        score=result.score,
        level=result.level,
        level_name=result.level_name,
        reasons=result.reasons,
        knock_outs=result.knock_outs,
        zvh_criteria=result.zvh_criteria,
        complete=result.complete,
        ruleset=ruleset,
        ruleset_name=ruleset.name,
        assessed_by=user,
        assessed_at=now,
        created_at=now,
        source=AssessmentSource.WORKER,
        judgement=judgement,
        judgement_motivation=judgement_motivation,
    )
    description = describe_outcome(result.level, result.level_name, result.score, ruleset.name)
    if judgement == Judgement.DISAGREE:
        description += " " + _("De professional is het niet eens met de uitkomst.")
    event_record(
        case=case,
        kind="triage_assessed",
        actor=user,
        category=Category.TRIAGE,
        description=description,
        data={
            "assessment_id": assessment.pk,
            "level": result.level,
            "level_name": result.level_name,
            "score": result.score,
            "ruleset": ruleset.name,
            "judgement": judgement,
        },
    )
    # Triage changes no grants today, but the rule is that every state change re-syncs.
    sync_case_access(case)
    return assessment


# --- rulesets ------------------------------------------------------------------------


def _require_admin(user) -> None:
    if not can_manage_rulesets(user):
        raise PermissionDenied(_("Alleen functioneel beheer kan triageversies beheren."))


def _next_free_name() -> str:
    taken = set(Ruleset.objects.values_list("name", flat=True))
    number = len(taken) + 1
    while f"v{number}" in taken:
        number += 1
    return f"v{number}"


@transaction.atomic
def ruleset_draft_create(*, user, base: Ruleset | None = None) -> Ruleset:
    """A new draft, a copy of `base` (default: the active version) under a free name."""
    _require_admin(user)
    base = base or selectors.active_ruleset()
    name = _next_free_name()
    now = timezone.now()
    draft = Ruleset.objects.create(
        name=name,
        definition={**base.definition, "name": name},
        status=RulesetStatus.DRAFT,
        based_on=base,
        created_by=user,
        created_at=now,
        updated_at=now,
    )
    logger.info("triage ruleset draft %s created from %s by %s", name, base.name, user)
    return draft


def _ruleset_error_nl(message: str) -> str:
    return _("De regels zijn niet geldig: %(detail)s") % {"detail": message}


@transaction.atomic
def ruleset_draft_update(
    *, user, ruleset: Ruleset, name: str, definition: dict[str, Any], description: str = ""
) -> Ruleset:
    """Change a draft's name, rules and description. Published versions never change."""
    _require_admin(user)
    ruleset = Ruleset.objects.select_for_update().get(pk=ruleset.pk)
    if not ruleset.is_draft:
        raise ValidationError(
            _("Versie %(name)s is gepubliceerd en kan niet meer worden gewijzigd.")
            % {"name": ruleset.name}
        )
    name = name.strip()
    if not RULESET_NAME_RE.match(name):
        raise ValidationError(
            _(
                "Gebruik voor de versienaam kleine letters, cijfers, punt, streepje of "
                "liggend streepje (maximaal 40 tekens), bijvoorbeeld 'v2'."
            )
        )
    if Ruleset.objects.filter(name=name).exclude(pk=ruleset.pk).exists():
        raise ValidationError(_("Er bestaat al een versie met de naam %(name)s.") % {"name": name})
    definition = {**definition, "name": name}
    try:
        compile_ruleset(definition)
    except ValueError as exc:
        raise ValidationError(_ruleset_error_nl(str(exc))) from exc
    ruleset.name = name
    ruleset.definition = definition
    ruleset.description = description.strip()
    ruleset.updated_at = timezone.now()
    ruleset.save()
    return ruleset


@transaction.atomic
def ruleset_draft_delete(*, user, ruleset: Ruleset) -> None:
    _require_admin(user)
    if not ruleset.is_draft:
        raise ValidationError(_("Een gepubliceerde versie kan niet worden verwijderd."))
    ruleset.delete()


@transaction.atomic
def ruleset_publish(*, user, ruleset: Ruleset) -> Ruleset:
    """Make a draft the active version; the previous active version is retired.

    Assessments keep the version they were made with. Rescoring the open cases with the
    new version is the caller's next step (the publish view enqueues
    ``triage.tasks.rescore_open_cases`` after commit), so this service never needs tasks.
    """
    _require_admin(user)
    ruleset = Ruleset.objects.select_for_update().get(pk=ruleset.pk)
    if not ruleset.is_draft:
        raise ValidationError(_("Versie %(name)s is al gepubliceerd.") % {"name": ruleset.name})
    try:
        compile_ruleset(ruleset.definition)
    except ValueError as exc:
        raise ValidationError(_ruleset_error_nl(str(exc))) from exc
    now = timezone.now()
    previous = Ruleset.objects.select_for_update().filter(is_active=True).first()
    if previous is not None:
        previous.is_active = False
        previous.status = RulesetStatus.RETIRED
        previous.retired_at = now
        previous.save(update_fields=["is_active", "status", "retired_at"])
    ruleset.status = RulesetStatus.PUBLISHED
    ruleset.is_active = True
    ruleset.published_at = now
    ruleset.published_by = user
    ruleset.save(update_fields=["status", "is_active", "published_at", "published_by"])
    logger.info(
        "triage ruleset %s published by %s (replaces %s)",
        ruleset.name,
        user,
        previous.name if previous else "-",
    )
    return ruleset


def ensure_default_ruleset() -> Ruleset:
    """The active ruleset, creating the shipped `v1` when there is none.

    The data migration ships `v1`; this restores it where the tables were emptied
    after migrating (transactional tests flush them, a hand-cleaned database).
    """
    active = Ruleset.objects.filter(is_active=True).first()
    if active:
        return active
    now = timezone.now()
    ruleset, _created = Ruleset.objects.get_or_create(
        name=RULESET_V1["name"],
        defaults={
            "definition": RULESET_V1,
            "description": "Standaardversie bij de start van Schakel.",
            "status": RulesetStatus.PUBLISHED,
            "is_active": True,
            "created_at": now,
            "updated_at": now,
            "published_at": now,
        },
    )
    return ruleset
