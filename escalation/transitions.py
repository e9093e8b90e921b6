"""The op- en afschaling workflow as data (DESIGN.md, "The case lifecycle").

`ALLOWED` maps each phase to the steps that may be taken in it, who may take them and
the phase they lead to (None: the case stays in its phase). Everything not in the table
is refused by `guard` with a Dutch message. The service functions (services_*.py) call
`guard` on the row-locked case before they change anything, and `phase_change` to move
the case, write the timeline event and re-sync access.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case
from cases.phases import Phase
from cases.services import event_record
from organisations.models import OrganisationKind, Role
from organisations.roles import membership_of
from privacy.grants import sync_case_access


class Actor:
    """Who may take a step, relative to the case."""

    OWNING_WORKER = "owning_worker"  # medewerker of the owning wijkteam
    REGIEHOUDER = "regiehouder"  # the case's regiehouder in person
    REGISSEUR = "regisseur"  # a procesregisseur of the ZVH
    RECEIVING_WORKER = "receiving_worker"  # medewerker of the receiving wijkteam
    ACTION_OWNER = "action_owner"  # member of the organisation owning the action


ACTOR_LABELS = {
    Actor.OWNING_WORKER: gettext_lazy("een medewerker van het eigen wijkteam"),
    Actor.REGIEHOUDER: gettext_lazy("de regiehouder"),
    Actor.REGISSEUR: gettext_lazy("een procesregisseur van het Zorg- en Veiligheidshuis"),
    Actor.RECEIVING_WORKER: gettext_lazy("een medewerker van het ontvangende wijkteam"),
    Actor.ACTION_OWNER: gettext_lazy("de organisatie die de actie uitvoert"),
}


@dataclass(frozen=True)
class Step:
    who: frozenset[str]
    to: str | None = None  # None: the case stays in its phase


def _step(*who: str, to: str | None = None) -> Step:
    return Step(who=frozenset(who), to=to)


STEP_LABELS = {
    "consult": gettext_lazy("advies vragen (meekijken)"),
    "consult_answer": gettext_lazy("het meekijkverzoek beantwoorden"),
    "escalate": gettext_lazy("aanmelden bij het Zorg- en Veiligheidshuis"),
    "re_escalate": gettext_lazy("opnieuw opschalen via de snelle route"),
    "accept": gettext_lazy("de aanmelding accepteren"),
    "decline": gettext_lazy("de aanmelding afwijzen met advies"),
    "conference": gettext_lazy("een casusoverleg vastleggen"),
    "plan": gettext_lazy("het plan van aanpak bewerken"),
    "review": gettext_lazy("een evaluatie vastleggen"),
    "action_status": gettext_lazy("de status van een actie bijwerken"),
    "propose_handover": gettext_lazy("afschaling voorstellen"),
    "accept_handover": gettext_lazy("de overdracht accepteren"),
    "reject_handover": gettext_lazy("de overdracht terugwijzen"),
    "aftercare_check": gettext_lazy("een nazorgcontrole vastleggen"),
    "close": gettext_lazy("de casus sluiten"),
}

ALLOWED: dict[str, dict[str, Step]] = {
    Phase.WIJKTEAM: {
        "consult": _step(Actor.OWNING_WORKER),
        "consult_answer": _step(Actor.REGISSEUR),
        "escalate": _step(Actor.OWNING_WORKER, to=Phase.AANGEMELD),
        "close": _step(Actor.REGIEHOUDER, to=Phase.GESLOTEN),
    },
    Phase.AANGEMELD: {
        # A question asked before the aanmelding still deserves its answer.
        "consult_answer": _step(Actor.REGISSEUR),
        "accept": _step(Actor.REGISSEUR, to=Phase.ZVH),
        # Back down to the wijkteam, but never bounced: advice or a named partner.
        "decline": _step(Actor.REGISSEUR, to=Phase.WIJKTEAM),
    },
    Phase.ZVH: {
        "conference": _step(Actor.REGISSEUR),
        "plan": _step(Actor.REGISSEUR),
        "review": _step(Actor.REGISSEUR),
        "action_status": _step(Actor.REGISSEUR, Actor.ACTION_OWNER),
        "propose_handover": _step(Actor.REGISSEUR, to=Phase.AFSCHALING),
        "close": _step(Actor.REGISSEUR, to=Phase.GESLOTEN),
    },
    Phase.AFSCHALING: {
        # Partners keep working on their actions until the handover is done.
        "action_status": _step(Actor.REGISSEUR, Actor.ACTION_OWNER),
        "accept_handover": _step(Actor.RECEIVING_WORKER, to=Phase.NAZORG),
        # Up again: the receiving team is not ready; a reason is required.
        "reject_handover": _step(Actor.RECEIVING_WORKER, to=Phase.ZVH),
    },
    Phase.NAZORG: {
        "action_status": _step(Actor.REGISSEUR, Actor.ACTION_OWNER),
        "aftercare_check": _step(Actor.REGIEHOUDER),
        # The ordinary aanmelding is open from nazorg too (DESIGN: wijkteam/nazorg).
        "escalate": _step(Actor.OWNING_WORKER, to=Phase.AANGEMELD),
        # Fast lane: the ZVH knows the case, so a reason suffices and triage is optional.
        "re_escalate": _step(Actor.REGIEHOUDER, to=Phase.AANGEMELD),
        "close": _step(Actor.REGIEHOUDER, to=Phase.GESLOTEN),
    },
    # Final: a closed case is only read by the privacy officer.
    Phase.GESLOTEN: {},
}


class TransitionRefused(Exception):
    """A step that is not allowed now or not by this user; str() is the Dutch message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def is_regisseur(user) -> bool:
    m = membership_of(user)
    return bool(
        m and m.role == Role.PROCESREGISSEUR and m.organisation.kind == OrganisationKind.ZVH
    )


def _is_worker_of(user, organisation_id: int | None) -> bool:
    m = membership_of(user)
    return bool(
        organisation_id
        and m
        and m.role == Role.MEDEWERKER
        and m.organisation_id == organisation_id
        and m.organisation.kind == OrganisationKind.WIJKTEAM
    )


def actor_matches(user, case: Case, who: str, *, action_owner_id: int | None = None) -> bool:
    if who == Actor.OWNING_WORKER:
        return _is_worker_of(user, case.owning_team_id)
    if who == Actor.REGIEHOUDER:
        return user.pk == case.regiehouder_id
    if who == Actor.REGISSEUR:
        return is_regisseur(user)
    if who == Actor.RECEIVING_WORKER:
        return _is_worker_of(user, case.receiving_team_id)
    if who == Actor.ACTION_OWNER:
        m = membership_of(user)
        return bool(action_owner_id and m and m.organisation_id == action_owner_id)
    return False


def may(user, case: Case, step: str, *, action_owner_id: int | None = None) -> bool:
    """Whether `user` may take `step` on `case` now (for showing buttons)."""
    rule = ALLOWED.get(case.phase, {}).get(step)
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
) -> Step:
    """The step's rule, or TransitionRefused with the reason in Dutch.

    `expected_phase` is the phase the form was rendered for: a form from another tab
    or an old page is refused rather than applied to a case that moved on.
    """
    label = STEP_LABELS.get(step, step)
    phase_label = Phase(case.phase).label
    if expected_phase is not None and expected_phase != case.phase:
        raise TransitionRefused(
            _(
                "Deze casus is intussen in fase ‘%(phase)s’ gekomen. Uw formulier hoorde bij "
                "een eerdere fase en is niet verwerkt; bekijk de casus opnieuw."
            )
            % {"phase": phase_label}
        )
    rule = ALLOWED.get(case.phase, {}).get(step)
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
