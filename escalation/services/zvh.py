"""ZVH work on an accepted case: casusoverleg, evaluatie, plan van aanpak and actions."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.categories import Category
from cases.models import Case
from cases.services import event_record
from notifications.handoffs import notify
from notifications.models import NotificationKind
from notifications.recipients import professionals_of
from organisations.models import Organisation, OrganisationKind
from organisations.roles import NOT_PARTNER_KINDS, actor_of
from privacy.services import participation_add

from ..assignees import assignee_refusal, may_carry_out_action, may_own_action, owner_refusal
from ..models import Action, ActionPlan, ActionStatus, CaseConference, ZvhTrack
from ..transitions import TransitionRefused, guard, lock_case
from .notices import notice_open_if_criteria
from .plan import plan_version_record


@transaction.atomic
def conference_record(
    *,
    user,
    case: Case,
    held_on: date,
    invited=(),
    attendees: str = "",
    decisions: str = "",
    minutes: str = "",
    expected_phase: str | None = None,
) -> CaseConference:
    """Record a casusoverleg; invited partner organisations take part in the case."""
    case = lock_case(case)
    guard(user, case, "conference", expected_phase=expected_phase)
    invited = list(invited or [])
    if any(org.kind in NOT_PARTNER_KINDS for org in invited):
        raise ValidationError(_("Alleen convenantpartners kunnen worden uitgenodigd."))
    if held_on > timezone.localdate() + timedelta(days=365):
        raise ValidationError(_("Kies een datum binnen een jaar."))
    if not (decisions.strip() or minutes.strip()) and held_on <= timezone.localdate():
        raise ValidationError(_("Leg de besluiten of het verslag van het overleg vast."))
    conference = CaseConference.objects.create(
        case=case,
        held_on=held_on,
        attendees=attendees.strip(),
        decisions=decisions.strip(),
        minutes=minutes.strip(),
        created_by=user,
    )
    conference.invited.set(invited)
    for org in invited:
        participation_add(
            case=case,
            organisation=org,
            user=user,
            reason=_("Uitgenodigd voor het casusoverleg van %(d)s.")
            % {"d": held_on.strftime("%d-%m-%Y")},
        )
    event_record(
        case=case,
        kind="conference_recorded",
        actor=user,
        category=Category.OVERLEG,
        description=_("Casusoverleg van %(d)s vastgelegd.") % {"d": held_on.strftime("%d-%m-%Y")},
    )
    notify(
        kind=NotificationKind.CONFERENCE_INVITED,
        case=case,
        about=conference,
        to=[professionals_of(*[org.pk for org in invited])],
        actor=user,
    )
    return conference


@transaction.atomic
def review_record(
    *, user, case: Case, notes: str, next_review_date: date, expected_phase: str | None = None
) -> ZvhTrack:
    """Record an evaluatie and set the next evaluatiedatum."""
    case = lock_case(case)
    guard(user, case, "review", expected_phase=expected_phase)
    notes = notes.strip()
    if not notes:
        raise ValidationError(_("Schrijf de uitkomst van de evaluatie op."))
    if next_review_date <= timezone.localdate():
        raise ValidationError(_("De volgende evaluatiedatum moet na vandaag liggen."))
    track = ZvhTrack.objects.select_for_update().filter(case=case).running().first()
    if track is None:
        raise TransitionRefused(_("Deze casus heeft geen lopend ZVH-traject."))
    track.review_date = next_review_date
    track.last_reviewed_at = timezone.now()
    track.save(update_fields=["review_date", "last_reviewed_at"])
    event_record(
        case=case,
        kind="review_recorded",
        actor=user,
        category=Category.PLAN,
        description=_("Evaluatie: %(n)s Volgende evaluatie op %(d)s.")
        % {"n": notes, "d": next_review_date.strftime("%d-%m-%Y")},
    )
    notice_open_if_criteria(case=case, assigned_to=case.procesregisseur)
    return track


@transaction.atomic
def plan_save(*, user, case: Case, goals: str, expected_phase: str | None = None) -> ActionPlan:
    """Create or update the plan van aanpak (goals for the whole household)."""
    case = lock_case(case)
    guard(user, case, "plan", expected_phase=expected_phase)
    goals = goals.strip()
    if not goals:
        raise ValidationError(_("Beschrijf de doelen van het plan van aanpak."))
    plan, created = ActionPlan.objects.get_or_create(
        case=case, defaults={"goals": goals, "created_by": user}
    )
    if not created:
        plan.goals = goals
        plan.updated_at = timezone.now()
        plan.save(update_fields=["goals", "updated_at"])
    plan_version_record(plan=plan, user=user)
    event_record(
        case=case,
        kind="plan_saved",
        actor=user,
        category=Category.PLAN,
        description=_("Plan van aanpak opgesteld.") if created else _("Doelen bijgewerkt."),
    )
    return plan


@transaction.atomic
def action_add(
    *,
    user,
    case: Case,
    description: str,
    owner_organisation: Organisation,
    deadline: date,
    owner_person=None,
    expected_phase: str | None = None,
) -> Action:
    """Add an action to the plan; a partner that owns an action takes part in the case.

    A partner professional adds actions for its own organisation only: whatever was
    chosen, the owner becomes the partner's organisation.
    """
    case = lock_case(case)
    guard(user, case, "action_add", expected_phase=expected_phase)
    actor = actor_of(user)
    if actor.is_partner:
        owner_organisation = actor.organisation
    description = description.strip()
    if not description:
        raise ValidationError(_("Beschrijf de actie."))
    # The same rule the action form's pickers offer (escalation.assignees).
    if not may_own_action(case, owner_organisation):
        raise ValidationError(owner_refusal(owner_organisation))
    if deadline < timezone.localdate():
        raise ValidationError(_("De deadline kan niet in het verleden liggen."))
    if owner_person is not None and not may_carry_out_action(
        case, owner_organisation, owner_person
    ):
        raise ValidationError(assignee_refusal(owner_organisation, owner_person))
    plan = ActionPlan.objects.filter(case=case).first()
    if plan is None:
        raise ValidationError(_("Stel eerst de doelen van het plan van aanpak op."))
    action = Action.objects.create(
        plan=plan,
        case=case,
        description=description,
        owner_organisation=owner_organisation,
        owner_person=owner_person,
        deadline=deadline,
        created_by=user,
    )
    if not actor.is_partner and owner_organisation.kind not in (
        OrganisationKind.WIJKTEAM,
        OrganisationKind.ZVH,
    ):
        # A partner adding its own action already takes part (the guard checked it).
        participation_add(
            case=case,
            organisation=owner_organisation,
            user=user,
            reason=_("Voert een actie uit het plan van aanpak uit."),
        )
    event_record(
        case=case,
        kind="action_added",
        actor=user,
        category=Category.PLAN,
        description=_("Actie voor %(org)s (uiterlijk %(d)s): %(a)s")
        % {"org": owner_organisation, "d": deadline.strftime("%d-%m-%Y"), "a": description},
    )
    notify(
        kind=NotificationKind.ACTION_ASSIGNED,
        case=case,
        about=action,
        to=[professionals_of(action.owner_organisation_id), action.owner_person_id],
        actor=user,
    )
    return action


@transaction.atomic
def action_status_update(
    *, user, action: Action, status: str, expected_status: str | None = None
) -> Action:
    """A partner updates its own organisation's action (the regisseur may update any)."""
    case = lock_case(action.case)
    action = Action.objects.select_for_update().get(pk=action.pk)
    guard(user, case, "action_status", action_owner_id=action.owner_organisation_id)
    if status not in ActionStatus.values:
        raise ValidationError(_("Kies een geldige status."))
    if expected_status is not None and expected_status != action.status:
        raise TransitionRefused(
            _("Iemand anders heeft de status intussen gewijzigd in ‘%(s)s’; niets veranderd.")
            % {"s": action.get_status_display()}
        )
    if status == action.status:
        return action
    previous = action.get_status_display()
    now = timezone.now()
    action.status = status
    action.updated_at = now
    action.completed_at = now if status == ActionStatus.DONE else None
    action.save(update_fields=["status", "updated_at", "completed_at"])
    event_record(
        case=case,
        kind="action_status",
        actor=user,
        category=Category.PLAN,
        description=_("Actie ‘%(a)s’: %(old)s → %(new)s")
        % {"a": action.description[:80], "old": previous, "new": action.get_status_display()},
    )
    notify(
        kind=NotificationKind.ACTION_CHANGED,
        case=case,
        about=action,
        to=[
            professionals_of(action.owner_organisation_id),
            action.owner_person_id,
            case.procesregisseur_id,
        ],
        actor=user,
        event_key=now.isoformat(),
    )
    return action
