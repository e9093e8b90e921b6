"""The named demo cases: the stories of the source articles, with fictional people.

Each story is data (story_data.py); `seed_stories` creates what is missing and leaves existing
demo cases alone, so `seed_demo` can run again safely.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from cases.models import Case, CaseEvent, CaseNote, Person
from cases.phases import Phase
from organisations.models import Organisation
from organisations.roles import actor_of
from privacy.grants import sync_case_access
from privacy.models import CaseParticipation

from .story_data import STORIES, Story
from .story_data_oost import OOST_STORIES


def _at(days_ago: int):
    return timezone.now() - timedelta(days=days_ago, hours=2)


@transaction.atomic
def seed_story(story: Story, *, number: int, users: dict, orgs: dict[str, Organisation]) -> Case:
    existing = Case.objects.filter(reference=story.reference).first()
    if existing:
        return existing
    registered = _at(story.history[0][1])
    phase, phase_days = story.history[-1]
    case = Case.objects.create(
        reference=story.reference,
        # Named demo cases live outside the yearly numbering (year 0), so real
        # registrations keep getting consecutive YYYY-NNNN references.
        year=0,
        number=number,
        title=story.title,
        phase=phase,
        owning_team=orgs[story.team],
        receiving_team=orgs[story.receiving_team] if story.receiving_team else None,
        regiehouder=users[story.regiehouder],
        procesregisseur=users[story.procesregisseur] if story.procesregisseur else None,
        registered_at=registered,
        phase_changed_at=_at(phase_days),
        last_activity_at=_at(min(phase_days, 1)),
        closed_at=_at(phase_days) if phase == Phase.GESLOTEN else None,
        legal_basis=story.legal_basis,
        client_informed=story.client_informed,
        client_informed_on=registered.date() if story.client_informed else None,
        client_not_informed_reason=story.client_not_informed_reason,
    )
    Person.objects.bulk_create([Person(case=case, **p) for p in story.persons])
    events = []
    previous = ""
    for step_phase, days_ago in story.history:
        actor_name = story.regiehouder
        if step_phase in (Phase.ZVH, Phase.AFSCHALING) and story.procesregisseur:
            actor_name = story.procesregisseur
        actor = users[actor_name]
        events.append(
            CaseEvent(
                case=case,
                kind="registered" if not previous else "phase_changed",
                actor=actor,
                actor_organisation=actor_of(actor).organisation,
                from_phase=previous,
                to_phase=step_phase,
                description="Casus geregistreerd." if not previous else "Fase gewijzigd.",
                created_at=_at(days_ago),
            )
        )
        previous = step_phase
    CaseEvent.objects.bulk_create(events)
    CaseNote.objects.bulk_create(
        [
            CaseNote(
                case=case,
                category=category,
                text=text,
                author=users[author],
                author_organisation=actor_of(users[author]).organisation,
                created_at=_at(max(phase_days - i, 0)),
            )
            for i, (category, author, text) in enumerate(story.notes)
        ]
    )
    for partner in story.partners:
        CaseParticipation.objects.create(
            case=case,
            organisation=orgs[partner],
            reason="Uitgenodigd voor het casusoverleg.",
            added_by=users["regisseur"],
            added_at=_at(max(phase_days - 1, 0)),
        )
    sync_case_access(case)
    return case


def seed_stories(*, users: dict, orgs: dict[str, Organisation]) -> dict[str, Case]:
    return {
        story.reference: seed_story(story, number=i, users=users, orgs=orgs)
        for i, story in enumerate(STORIES + OOST_STORIES, start=1)
    }
