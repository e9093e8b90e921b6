"""The op- en afschaling workflow as data: every step, declared once (DESIGN.md, "The case
lifecycle").

A step is something a user does to a case. Its entry says who may take it in which phase
and the phase it leads to (`rules`; a phase that is not listed refuses the step), the
Dutch phrase for refusals (`label`), and its page: URL name and route, button on the case
page, form, service and texts. Everything reads this table: urls.py makes one URL per
page, `views.workflow_step` renders and submits it, `selectors.case_actions` shows the
buttons in this order, and `transitions.guard` checks the rules, returning the rule
whose `to` the service moves the case to.

`service` names the function in `escalation.services` ("module.function") instead of
importing it: the services call `guard`, which reads this table, so importing them here
would make a cycle. The step view resolves the name against the service modules.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.phases import Phase

from . import forms, handover_forms, plan_forms, step_pages


class Actor:
    """Who may take a step, relative to the case."""

    OWNING_WORKER = "owning_worker"  # medewerker of the owning wijkteam
    REGIEHOUDER = "regiehouder"  # the case's regiehouder in person
    REGISSEUR = "regisseur"  # a procesregisseur of the ZVH
    RECEIVING_WORKER = "receiving_worker"  # medewerker of the receiving wijkteam
    # A professional of the organisation owning the action (not its manager: read-only).
    ACTION_OWNER = "action_owner"
    # A professional of a convenant partner taking part in the case (invited to an overleg
    # or owning an action); it acts only for its own organisation.
    PARTNER = "partner"


ACTOR_LABELS = {
    Actor.OWNING_WORKER: _("een medewerker van het eigen wijkteam"),
    Actor.REGIEHOUDER: _("de regiehouder"),
    Actor.REGISSEUR: _("een procesregisseur van het Zorg- en Veiligheidshuis"),
    Actor.RECEIVING_WORKER: _("een medewerker van het ontvangende wijkteam"),
    Actor.ACTION_OWNER: _("de organisatie die de actie uitvoert"),
    Actor.PARTNER: _("een deelnemende partner"),
}


@dataclass(frozen=True)
class Rule:
    """Who may take a step in one phase, and the phase it leads to."""

    who: frozenset[str]
    to: str | None = None  # None: the case stays in its phase


def rule(*who: str, to: str | None = None) -> Rule:
    return Rule(who=frozenset(who), to=to)


@dataclass(frozen=True)
class PanelFacts:
    """What the case page knows when it decides which buttons to show."""

    open_consultation: bool
    plan_exists: bool


def always(facts: PanelFacts) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    name: str
    label: str | Promise  # completes "In fase X kunt u niet …" and "Alleen … kan …"
    rules: Mapping[str, Rule]  # phase → rule
    # The page; a step without `url_name` has its own view (action_status).
    url_name: str = ""
    route: str = ""
    button: str | Promise = ""
    title: str | Promise = ""
    submit: str | Promise = ""
    success: str | Promise = ""
    form: type | None = None
    service: str = ""  # "module.function" in escalation.services
    initial: Callable = step_pages.nothing
    extra: Callable = step_pages.nothing
    aside: str = ""
    shown: Callable[[PanelFacts], bool] = field(default=always)


W, A, Z = Phase.WIJKTEAM, Phase.AANGEMELD, Phase.ZVH
AF, N, G = Phase.AFSCHALING, Phase.NAZORG, Phase.GESLOTEN
REQUEST_ASIDE = "escalation/_aside_request.html"
HANDOVER_ASIDE = "escalation/_aside_handover.html"

# In the order of the buttons on the case page. A closed case (gesloten) is final: no
# step lists it, so nothing can be done to it.
STEPS: tuple[Step, ...] = (
    Step(
        "escalate",
        _("aanmelden bij het Zorg- en Veiligheidshuis"),
        # The ordinary aanmelding is open from nazorg too (DESIGN: wijkteam/nazorg).
        {W: rule(Actor.OWNING_WORKER, to=A), N: rule(Actor.OWNING_WORKER, to=A)},
        url_name="request",
        route="request",
        button=_("Aanmelden bij het Zorg- en Veiligheidshuis"),
        title=_("Aanmelden bij het Zorg- en Veiligheidshuis"),
        submit=_("Aanmelding versturen"),
        success=_("De casus is aangemeld bij het Zorg- en Veiligheidshuis."),
        form=forms.EscalationRequestForm,
        service="request.escalation_request",
        initial=step_pages.request_initial,
        extra=step_pages.triage_context,
        aside="escalation/_aside_triage.html",
    ),
    Step(
        "consult",
        _("advies vragen (meekijken)"),
        # Also in nazorg: the wijkteam that took the case back may doubt without wanting
        # to re-escalate at once; asking advice is the lighter step (issue 14).
        {W: rule(Actor.OWNING_WORKER), N: rule(Actor.OWNING_WORKER)},
        url_name="consult",
        route="consult",
        button=_("Advies vragen (meekijken)"),
        title=_("Advies vragen aan het Zorg- en Veiligheidshuis"),
        submit=_("Vraag versturen"),
        success=_("Uw vraag is verstuurd naar het Zorg- en Veiligheidshuis."),
        form=forms.ConsultationForm,
        service="consultation.consultation_ask",
        shown=lambda facts: not facts.open_consultation,
    ),
    Step(
        "consult_answer",
        _("het meekijkverzoek beantwoorden"),
        # A question asked before the aanmelding still deserves its answer; a question
        # asked in nazorg is answered there.
        {W: rule(Actor.REGISSEUR), A: rule(Actor.REGISSEUR), N: rule(Actor.REGISSEUR)},
        url_name="consult_answer",
        route="consult/answer",
        button=_("Meekijkverzoek beantwoorden"),
        title=_("Meekijkverzoek beantwoorden"),
        submit=_("Advies versturen"),
        success=_("Uw advies staat op de tijdlijn van de casus."),
        form=forms.ConsultationAnswerForm,
        service="consultation.consultation_answer",
        extra=step_pages.consultation_context,
        aside="escalation/_aside_consultation.html",
        shown=lambda facts: facts.open_consultation,
    ),
    Step(
        "accept",
        _("de aanmelding accepteren"),
        {A: rule(Actor.REGISSEUR, to=Z)},
        url_name="accept",
        route="accept",
        button=_("Aanmelding accepteren"),
        title=_("Aanmelding accepteren"),
        submit=_("Accepteren"),
        success=_("De aanmelding is geaccepteerd; de casus is in het ZVH."),
        form=forms.AcceptForm,
        service="screening.escalation_accept",
        initial=step_pages.accept_initial,
        extra=step_pages.request_context,
        aside=REQUEST_ASIDE,
    ),
    Step(
        "decline",
        _("de aanmelding afwijzen met advies"),
        # Back down to the wijkteam, but never bounced: advice or a named partner.
        {A: rule(Actor.REGISSEUR, to=W)},
        url_name="decline",
        route="decline",
        button=_("Afwijzen met advies"),
        title=_("Aanmelding afwijzen met advies"),
        submit=_("Advies versturen"),
        success=_("De casus is met advies teruggegeven aan het wijkteam."),
        form=forms.DeclineForm,
        service="screening.escalation_decline",
        extra=step_pages.request_context,
        aside=REQUEST_ASIDE,
    ),
    Step(
        "conference",
        _("een casusoverleg vastleggen"),
        {
            # Seed 004: the municipal professional organises the overleg with the chain
            # partners, before any aanmelding; invited partners see the case per convenant.
            W: rule(Actor.REGIEHOUDER),
            Z: rule(Actor.REGISSEUR, Actor.REGIEHOUDER),
        },
        url_name="conference",
        route="conference",
        button=_("Casusoverleg vastleggen"),
        title=_("Casusoverleg vastleggen"),
        submit=_("Overleg opslaan"),
        success=_("Het casusoverleg is vastgelegd."),
        form=plan_forms.ConferenceForm,
        service="zvh.conference_record",
        initial=step_pages.conference_initial,
    ),
    Step(
        "plan",
        _("het plan van aanpak bewerken"),
        {
            # One joint plan; the regie stays with the regiehouder (seed 004).
            Z: rule(Actor.REGIEHOUDER, Actor.REGISSEUR),
            # Not in afschaling: the handover checklist judged "goals met or transferred"
            # against this plan; to change it, the receiving team rejects the handover.
            # In nazorg the plan runs on with the wijkteam; the ZVH's track has ended.
            N: rule(Actor.REGIEHOUDER),
        },
        url_name="plan",
        route="plan",
        button=_("Plan van aanpak: doelen"),
        title=_("Plan van aanpak: doelen"),
        submit=_("Doelen opslaan"),
        success=_("Het plan van aanpak is opgeslagen."),
        form=plan_forms.PlanForm,
        service="zvh.plan_save",
        initial=step_pages.plan_initial,
    ),
    Step(
        "goal",
        _("een doel van het plan van aanpak vastleggen"),
        # Same rights as the goals text: one household, one plan (seed 002).
        {
            Z: rule(Actor.REGIEHOUDER, Actor.REGISSEUR),
            N: rule(Actor.REGIEHOUDER),
        },
        url_name="goal",
        route="plan/goal",
        button=_("Doel per persoon of leefgebied"),
        title=_("Doel per persoon en leefgebied"),
        submit=_("Doel opslaan"),
        success=_("Het doel is opgeslagen; de vorige versie van het plan blijft bewaard."),
        form=plan_forms.GoalForm,
        service="plan.goal_save",
        shown=lambda facts: facts.plan_exists,
    ),
    Step(
        "action_add",
        _("een actie toevoegen aan het plan van aanpak"),
        {
            # Partners add actions for their own organisation only (the service forces it).
            Z: rule(Actor.REGIEHOUDER, Actor.REGISSEUR, Actor.PARTNER),
            # Afschaling: no new work while the receiving team decides (see `plan`).
            N: rule(Actor.REGIEHOUDER, Actor.PARTNER),
        },
        url_name="action_add",
        route="plan/action",
        button=_("Actie toevoegen"),
        title=_("Actie toevoegen aan het plan van aanpak"),
        submit=_("Actie toevoegen"),
        success=_("De actie is toegevoegd."),
        form=plan_forms.ActionForm,
        service="zvh.action_add",
        shown=lambda facts: facts.plan_exists,
    ),
    Step(
        "review",
        _("een evaluatie vastleggen"),
        {Z: rule(Actor.REGISSEUR)},
        url_name="review",
        route="review",
        button=_("Evaluatie vastleggen"),
        title=_("Evaluatie vastleggen"),
        submit=_("Evaluatie opslaan"),
        success=_("De evaluatie is vastgelegd."),
        form=plan_forms.ReviewForm,
        service="zvh.review_record",
    ),
    Step(
        "propose_handover",
        _("afschaling voorstellen"),
        {Z: rule(Actor.REGISSEUR, to=AF)},
        url_name="handover",
        route="handover",
        button=_("Afschaling voorstellen"),
        title=_("Afschaling voorstellen"),
        submit=_("Afschaling voorstellen"),
        success=_("De afschaling is voorgesteld aan het ontvangende wijkteam."),
        form=handover_forms.HandoverProposeForm,
        service="handover.handover_propose",
        extra=step_pages.propose_context,
        aside="escalation/_aside_propose.html",
    ),
    Step(
        "accept_handover",
        _("de overdracht accepteren"),
        {AF: rule(Actor.RECEIVING_WORKER, to=N)},
        url_name="handover_accept",
        route="handover/accept",
        button=_("Overdracht accepteren"),
        title=_("Overdracht accepteren (warme overdracht)"),
        submit=_("Overdracht accepteren"),
        success=_("De overdracht is geaccepteerd; de casus is in nazorg bij uw team."),
        form=handover_forms.HandoverAcceptForm,
        service="handover.handover_accept",
        initial=step_pages.handover_initial,
        extra=step_pages.handover_context,
        aside=HANDOVER_ASIDE,
    ),
    Step(
        "reject_handover",
        _("de overdracht terugwijzen"),
        # Up again: the receiving team is not ready; a reason is required.
        {AF: rule(Actor.RECEIVING_WORKER, to=Z)},
        url_name="handover_reject",
        route="handover/reject",
        button=_("Overdracht terugwijzen"),
        title=_("Overdracht terugwijzen"),
        submit=_("Terugwijzen"),
        success=_("De overdracht is teruggewezen; de casus is terug bij het ZVH."),
        form=handover_forms.HandoverRejectForm,
        service="handover.handover_reject",
        extra=step_pages.handover_context,
        aside=HANDOVER_ASIDE,
    ),
    Step(
        "aftercare_check",
        _("een nazorgcontrole vastleggen"),
        {N: rule(Actor.REGIEHOUDER)},
        url_name="aftercare",
        route="aftercare",
        button=_("Nazorgcontrole vastleggen"),
        title=_("Nazorgcontrole vastleggen"),
        submit=_("Controle opslaan"),
        success=_("De nazorgcontrole is vastgelegd."),
        form=handover_forms.AftercareCheckForm,
        service="handover.aftercare_check_record",
        extra=step_pages.aftercare_context,
        aside="escalation/_aside_aftercare.html",
    ),
    Step(
        "re_escalate",
        _("opnieuw opschalen via de snelle route"),
        # Fast lane: the ZVH knows the case, so a reason suffices and triage is optional.
        {N: rule(Actor.REGIEHOUDER, to=A)},
        url_name="re_escalate",
        route="re-escalate",
        button=_("Opnieuw opschalen (snelle route)"),
        title=_("Opnieuw opschalen (snelle route)"),
        submit=_("Opnieuw aanmelden"),
        success=_("De casus is opnieuw aangemeld bij het Zorg- en Veiligheidshuis."),
        form=forms.ReEscalateForm,
        service="request.re_escalate",
    ),
    Step(
        "close",
        _("de casus sluiten"),
        {
            W: rule(Actor.REGIEHOUDER, to=G),
            Z: rule(Actor.REGISSEUR, to=G),
            N: rule(Actor.REGIEHOUDER, to=G),
        },
        url_name="close",
        route="close",
        button=_("Casus sluiten"),
        title=_("Casus sluiten"),
        submit=_("Casus sluiten"),
        success=_("De casus is gesloten."),
        form=forms.CloseForm,
        service="handover.case_close",
    ),
    Step(
        "action_status",
        _("de status van een actie bijwerken"),
        # Partners keep working on their actions until the nazorg ends.
        {
            Z: rule(Actor.REGISSEUR, Actor.ACTION_OWNER),
            AF: rule(Actor.REGISSEUR, Actor.ACTION_OWNER),
            N: rule(Actor.REGISSEUR, Actor.ACTION_OWNER),
        },
    ),
)

BY_NAME: dict[str, Step] = {step.name: step for step in STEPS}
# The steps with a page of their own, by URL name.
PAGES: dict[str, Step] = {step.url_name: step for step in STEPS if step.url_name}


def rule_for(phase: str, step: str) -> Rule | None:
    """The rule for `step` in `phase`, or None when the step is not open in that phase."""
    entry = BY_NAME.get(step)
    return entry.rules.get(phase) if entry else None


def steps_in(phase: str) -> list[str]:
    """The names of the steps open in `phase`, in table order."""
    return [step.name for step in STEPS if phase in step.rules]
