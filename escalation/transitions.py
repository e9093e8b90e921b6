"""Taking a workflow step: who may (`may`, `guard`), and moving the case (`phase_change`).

The steps, their actors and target phases are the table in `escalation.steps`; anything
not in it is refused by `guard` with a Dutch message. The services (escalation.services)
lock the case, call `guard` before they change anything, and pass the returned rule's
`to` to `phase_change`, which moves the case, writes the timeline event and re-syncs
access.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Case
from cases.phases import Phase
from cases.services import event_record
from organisations.roles import actor_of
from privacy.grants import sync_case_access
from privacy.models import CaseParticipation

from .steps import ACTOR_LABELS, BY_NAME, Actor, Rule, rule_for


class TransitionRefused(Exception):
    """A step that is not allowed now or not by this user; str() is the Dutch message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def actor_matches(user, case: Case, who: str, *, action_owner_id: int | None = None) -> bool:
    """Whether `user` is `who` (an `Actor`) for this case."""
    actor = actor_of(user)
    if who == Actor.OWNING_WORKER:
        return actor.is_worker_of(case.owning_team_id)
    if who == Actor.REGIEHOUDER:
        return user.pk == case.regiehouder_id
    if who == Actor.REGISSEUR:
        return actor.is_regisseur
    if who == Actor.RECEIVING_WORKER:
        return actor.is_worker_of(case.receiving_team_id)
    if who == Actor.ACTION_OWNER:
        return actor.works_on_cases and actor.belongs_to(action_owner_id)
    if who == Actor.PARTNER:
        # One query, only for the steps a partner may take; an unsaved case has none.
        return (
            actor.is_partner
            and case.pk is not None
            and CaseParticipation.objects.active()
            .filter(case_id=case.pk, organisation_id=actor.organisation_id)
            .exists()
        )
    return False


def may(user, case: Case, step: str, *, action_owner_id: int | None = None) -> bool:
    """Whether `user` may take `step` on `case` now (for showing buttons)."""
    rule = rule_for(case.phase, step)
    return bool(
        rule
        and any(actor_matches(user, case, w, action_owner_id=action_owner_id) for w in rule.who)
    )


def guard(
    user,
    case: Case,
    step: str,
    *,
    expected_phase: str | None = None,
    action_owner_id: int | None = None,
) -> Rule:
    """The step's rule in the case's phase (its `to` is where the step leads), or
    TransitionRefused with the reason in Dutch.

    `expected_phase` is the phase the form was rendered for: a form from another tab
    or an old page is refused rather than applied to a case that moved on.
    """
    label = BY_NAME[step].label if step in BY_NAME else step
    phase_label = Phase(case.phase).label
    if expected_phase is not None and expected_phase != case.phase:
        raise TransitionRefused(
            _(
                "Deze casus is intussen in fase ‘%(phase)s’ gekomen. Uw formulier hoorde bij "
                "een eerdere fase en is niet verwerkt; bekijk de casus opnieuw."
            )
            % {"phase": phase_label}
        )
    rule = rule_for(case.phase, step)
    if rule is None:
        raise TransitionRefused(
            _("In fase ‘%(phase)s’ kunt u niet %(step)s.") % {"phase": phase_label, "step": label}
        )
    if not any(actor_matches(user, case, w, action_owner_id=action_owner_id) for w in rule.who):
        who = _(" of ").join(str(ACTOR_LABELS[w]) for w in sorted(rule.who))
        raise TransitionRefused(_("Alleen %(who)s kan %(step)s.") % {"who": who, "step": label})
    return rule


def lock_case(case: Case) -> Case:
    """The case row, locked until the end of the transaction, with fresh values.

    Two regisseurs accepting at once queue here; the second sees the new phase and
    is refused by `guard`.
    """
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def phase_change(
    *,
    case: Case,
    to: str,
    actor,
    kind: str,
    description: str,
    data: dict | None = None,
    **fields,
) -> Case:
    """Move the (locked) case to `to`, save `fields`, write the event, re-sync access."""
    now = timezone.now()
    from_phase = case.phase
    case.phase = to
    case.phase_changed_at = now
    for name, value in fields.items():
        setattr(case, name, value)
    case.save(update_fields=["phase", "phase_changed_at", *fields])
    event_record(
        case=case,
        kind=kind,
        actor=actor,
        from_phase=from_phase,
        to_phase=to,
        description=description,
        data=data,
    )
    sync_case_access(case)
    return case
