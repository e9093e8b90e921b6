"""Workflow state for the demo stories (called by `manage.py seed_demo`; idempotent).

Completes the stories of cases/demo/stories.py: the aanmelding behind every case that
reached the ZVH, DEMO-ZVH's casusoverleg and plan van aanpak, the acute aanmelding
waiting for screening, the open meekijkverzoek, the handovers and the nazorg check.
Every step checks whether it already exists, so running it twice creates nothing new.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from cases.models import Case
from cases.phases import Phase
from notifications.services import acute_aanmelding_alert
from organisations.models import Organisation, Role
from organisations.services import membership_set
from privacy.grants import sync_case_access
from privacy.services import participation_add
from triage.models import TriageAssessment

from .deadlines import screening_deadline
from .models import (
    Action,
    ActionPlan,
    ActionStatus,
    AdministrativeNotice,
    AftercareCheck,
    CaseConference,
    Consultation,
    EscalationRequest,
    Handover,
    HandoverStatus,
    Outcome,
    ZvhTrack,
)
from .services.assessment import triage_snapshot
from .services.consultation import OPEN_QUESTION_ACCESS_UNTIL


def _assessment_before(case: Case, moment) -> TriageAssessment | None:
    qs = TriageAssessment.objects.filter(case=case).order_by("-assessed_at", "-id")
    return qs.filter(assessed_at__lte=moment).first() or qs.first()


def _snapshot(case: Case, moment) -> dict:
    return triage_snapshot(_assessment_before(case, moment))


def _phase_moment(case: Case, phase: str):
    event = case.events.filter(to_phase=phase).order_by("created_at").first()
    return event.created_at if event else case.phase_changed_at


def _request(case: Case, *, users, partners=(), accepted: bool, acute: bool = False, **extra):
    existing = EscalationRequest.objects.filter(case=case).order_by("id").first()
    if existing:
        return existing
    requested_at = _phase_moment(case, Phase.AANGEMELD)
    snap = _snapshot(case, requested_at)
    qualifies = bool(snap and snap["triage_level"] >= 2)
    request = EscalationRequest.objects.create(
        case=case,
        requested_by=users["wijkteam"]
        if case.owning_team.name == "Wijkteam Noord"
        else case.regiehouder,
        requested_at=requested_at,
        client_informed=case.client_informed,
        reason_not_informed=case.client_not_informed_reason,
        override_flagged=not qualifies,
        override_motivation=""
        if qualifies
        else "Situatie escaleert snel; weging volgt na het eerste huisbezoek.",
        acute=acute,
        screening_deadline=extra.pop("deadline", None)
        or screening_deadline(requested_on=timezone.localtime(requested_at).date(), acute=acute),
        outcome=Outcome.ACCEPTED if accepted else "",
        screened_by=users["regisseur"] if accepted else None,
        screened_at=_phase_moment(case, Phase.ZVH) if accepted else None,
        **snap,
        **extra,
    )
    request.partners.set(partners)
    return request


def _track(case: Case, request: EscalationRequest, *, users, review_in_days: int, ended=None):
    track = ZvhTrack.objects.filter(request=request).first()
    if track:
        return track
    return ZvhTrack.objects.create(
        case=case,
        request=request,
        accepted_by=users["regisseur"],
        accepted_at=request.screened_at or timezone.now(),
        review_date=timezone.localdate() + timedelta(days=review_in_days),
        ended_at=ended,
    )


def _seed_zvh(case: Case, users, orgs) -> None:
    request = _request(
        case,
        users=users,
        accepted=True,
        partners=[orgs["Politie"], orgs["GGZ"]],
        aanleiding="Huiselijk geweld, alcoholverslaving van moeder en een zoon (14) die in "
        "beeld is bij de politie; de hulp van het wijkteam loopt vast.",
        doel="Veiligheid van de kinderen borgen en één plan voor het hele gezin.",
    )
    _track(case, request, users=users, review_in_days=2)
    regisseur = users["regisseur"]
    if not CaseConference.objects.filter(case=case).exists():
        conference = CaseConference.objects.create(
            case=case,
            held_on=timezone.localdate() - timedelta(days=30),
            attendees="Ingrid Hoekstra (ZVH, voorzitter), Fatima El Amrani (Wijkteam Noord), "
            "Mark de Boer (Politie), Anouk Visser (GGZ)",
            decisions="Gezamenlijke huisbezoeken politie en GGZ; Veilig Thuis doet een "
            "veiligheidstaxatie; verslavingszorg benadert moeder voor een intake.",
            minutes="Iedereen herkent de zorgen over de kinderen. Vader staat open voor "
            "schuldhulp; moeder wil nog geen behandeling.",
            created_by=regisseur,
        )
        conference.invited.set([orgs["Politie"], orgs["GGZ"]])
    plan, _created = ActionPlan.objects.get_or_create(
        case=case,
        defaults={
            "goals": "1. De kinderen zijn veilig thuis.\n2. Moeder start behandeling voor "
            "haar alcoholgebruik.\n3. Dylan gaat weer naar school en pleegt geen delicten.\n"
            "4. De schulden zijn in beeld en er is budgetbeheer.",
            "created_by": regisseur,
        },
    )
    today = timezone.localdate()
    actions = [
        (
            "Politie",
            "politie",
            "Gezamenlijk huisbezoek met GGZ; melding bij nieuw incident.",
            7,
            ActionStatus.IN_PROGRESS,
        ),
        ("GGZ", "ggz", "Beoordeling van moeder en motiverende gesprekken.", 14, ActionStatus.OPEN),
        (
            "Verslavingszorg",
            None,
            "Intakegesprek met moeder over haar alcoholgebruik.",
            -3,
            ActionStatus.OPEN,
        ),
        ("Veilig Thuis", None, "Veiligheidstaxatie voor Dylan en Noa.", 5, ActionStatus.OPEN),
    ]
    for org_name, person, description, days, status in actions:
        org = orgs[org_name]
        if not Action.objects.filter(plan=plan, owner_organisation=org).exists():
            Action.objects.create(
                plan=plan,
                case=case,
                description=description,
                owner_organisation=org,
                owner_person=users.get(person) if person else None,
                deadline=today + timedelta(days=days),
                status=status,
                created_by=regisseur,
            )
        participation_add(
            case=case,
            organisation=org,
            user=regisseur,
            reason="Voert een actie uit het plan van aanpak uit.",
        )
    if not AdministrativeNotice.objects.filter(case=case).exists():
        AdministrativeNotice.objects.create(
            case=case,
            criteria=["regisseur"],
            reason="Geweld in een gezin met minderjarigen; de burgemeester wil zulke "
            "casussen kennen.",
            assigned_to=regisseur,
        )


def _seed_acute(case: Case, users) -> None:
    request = _request(
        case,
        users=users,
        accepted=False,
        acute=True,
        deadline=timezone.localdate(),
        aanleiding="Man zonder vaste verblijfplaats met GHB-verslaving, twee keer buiten "
        "bewustzijn aangetroffen; veroorzaakt nachtelijke overlast.",
        doel="Vandaag afstemmen met GGZ en politie over opvang en veiligheid.",
        acute_notified_at=timezone.now(),
    )
    acute_aanmelding_alert(escalation_request=request, recipient_ids=[users["regisseur"].pk])


def _seed_advice(case: Case, users) -> None:
    if Consultation.objects.filter(case=case).exists():
        return
    Consultation.objects.create(
        case=case,
        question="Meneer lijkt verward en beschuldigt buren; hij weigert hulp. Moeten we "
        "opschalen of kan het wijkteam verder met advies?",
        asked_by=users["wijkteam"],
        asked_at=timezone.now() - timedelta(days=2),
    )
    case.advice_access_until = OPEN_QUESTION_ACCESS_UNTIL
    case.save(update_fields=["advice_access_until"])
    sync_case_access(case)


def _seed_nazorg(case: Case, users, orgs) -> None:
    request = _request(
        case,
        users=users,
        accepted=True,
        aanleiding="Schulden en dreigende huisuitzetting; ex-partner zoekt steeds contact.",
        doel="Stabiele woonsituatie en veiligheid voor moeder en zoon.",
    )
    _track(case, request, users=users, review_in_days=0, ended=_phase_moment(case, Phase.NAZORG))
    if not Handover.objects.filter(case=case).exists():
        Handover.objects.create(
            case=case,
            status=HandoverStatus.ACCEPTED,
            proposed_by=users["regisseur"],
            proposed_at=_phase_moment(case, Phase.AFSCHALING),
            receiving_team=orgs["Wijkteam Noord"],
            safety_risk_reduced=True,
            goals_met_or_transferred=True,
            regiehouder_named=True,
            named_regiehouder=users["wijkteam"],
            client_informed=True,
            aftercare_agreed=True,
            aftercare_agreements="Wijkteam belt maandelijks; na zes weken evaluatie.",
            aftercare_check_date=timezone.localdate() + timedelta(days=7),
            meeting_date=timezone.localtime(_phase_moment(case, Phase.NAZORG)).date(),
            meeting_attendees="Ingrid Hoekstra (ZVH), Fatima El Amrani (Wijkteam Noord), "
            "mevrouw zelf",
            accepted_by=users["wijkteam"],
            accepted_at=_phase_moment(case, Phase.NAZORG),
        )
    if not AftercareCheck.objects.filter(case=case).exists():
        AftercareCheck.objects.create(case=case, due_date=timezone.localdate() + timedelta(days=7))


def _seed_afschaling(case: Case, users, orgs) -> None:
    request = _request(
        case,
        users=users,
        accepted=True,
        aanleiding="Jongvolwassene met reclasseringstoezicht, zonder dagbesteding.",
        doel="Terugval voorkomen en woonbegeleiding regelen.",
    )
    _track(case, request, users=users, review_in_days=10)
    if not Handover.objects.filter(case=case).exists():
        Handover.objects.create(
            case=case,
            proposed_by=users["regisseur"],
            proposed_at=_phase_moment(case, Phase.AFSCHALING),
            receiving_team=orgs["Wijkteam Zuid"],
            safety_risk_reduced=True,
            goals_met_or_transferred=True,
            regiehouder_named=True,
            named_regiehouder=users["wijkteam2"],
            client_informed=True,
            aftercare_agreed=True,
            aftercare_agreements="Woonbegeleiding via Wijkteam Zuid; controle na vier weken.",
            aftercare_check_date=timezone.localdate() + timedelta(days=28),
        )


def _seed_zuid_2(case: Case, users, orgs) -> None:
    request = _request(
        case,
        users=users,
        accepted=True,
        partners=[orgs["GGZ"]],
        aanleiding="Psychische klachten en een dreigende uitzetting.",
        doel="Uitzetting voorkomen en behandeling laten doorlopen.",
    )
    _track(case, request, users=users, review_in_days=20)


def _gemeente_user(orgs):
    """A gemeente user (password `demo`) who sees the notices, never a case."""
    user, created = get_user_model().objects.get_or_create(
        username="gemeente",
        defaults={
            "first_name": "Sanne",
            "last_name": "Bakker",
            "email": "gemeente@schakel.invalid",
        },
    )
    if created:
        user.set_password("demo")
        user.save()
    membership_set(user=user, organisation=orgs["Gemeente"], role=Role.MEDEWERKER)
    return user


@transaction.atomic
def seed(*, cases: dict[str, Case], users: dict, orgs: dict[str, Organisation]) -> None:
    steps = {
        "DEMO-ZVH": lambda c: _seed_zvh(c, users, orgs),
        "DEMO-ACUUT": lambda c: _seed_acute(c, users),
        "DEMO-ADVIES": lambda c: _seed_advice(c, users),
        "DEMO-NAZORG": lambda c: _seed_nazorg(c, users, orgs),
        "DEMO-AFSCHALING": lambda c: _seed_afschaling(c, users, orgs),
        "DEMO-ZUID-2": lambda c: _seed_zuid_2(c, users, orgs),
    }
    for reference, step in steps.items():
        case = cases.get(reference)
        if case is not None:
            step(Case.objects.select_related("owning_team").get(pk=case.pk))
    if "Gemeente" in orgs:
        # Added to `users`, so seed_demo's summary counts every demo user of README.md.
        users["gemeente"] = _gemeente_user(orgs)
