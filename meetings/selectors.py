"""Reads of meetings, always through the access layer: a case reference is shown only to
those who may open that case; partners and wijkteams see only meetings with an agenda
item of a case they take part in."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from cases.categories import Category
from cases.models import Case
from organisations.roles import actor_of
from privacy.access import visible_cases

from .models import AgendaItem, Decision, Meeting


def may_use_agenda(user) -> bool:
    """Professionals who work on cases (regisseurs, wijkteams, partners) have an agenda."""
    return actor_of(user).works_on_cases


def is_organiser(user, meeting: Meeting) -> bool:
    """A procesregisseur of the ZVH that organises the meeting."""
    actor = actor_of(user)
    return actor.is_regisseur and actor.belongs_to(meeting.organisation_id)


def _items(user, *, only_visible: bool) -> QuerySet[AgendaItem]:
    """Agenda items with `visible` (may this user open the case), in agenda order."""
    visible = Exists(visible_cases(user).filter(pk=OuterRef("case_id")))
    qs = (
        AgendaItem.objects.annotate(visible=visible)
        .select_related("case")
        .prefetch_related("invited")
        .order_by("position", "id")
    )
    return qs.filter(visible=True) if only_visible else qs


def meetings_for(user) -> QuerySet[Meeting]:
    """The meetings this user may see: all of their own ZVH for a regisseur, else those
    with an agenda item of a case the user may open."""
    actor = actor_of(user)
    with_visible_item = Q(
        Exists(
            AgendaItem.objects.filter(
                meeting=OuterRef("pk"), case__in=visible_cases(user).values("pk")
            )
        )
    )
    if actor.is_regisseur:
        return Meeting.objects.filter(Q(organisation_id=actor.organisation_id) | with_visible_item)
    return Meeting.objects.filter(with_visible_item)


def upcoming_agenda(user) -> list[Meeting]:
    """Upcoming meetings with their items: three queries, whatever the number of meetings
    (meetings, items with their visibility and case, invited organisations)."""
    meetings = meetings_for(user).filter(ends_at__gte=timezone.now(), cancelled_at__isnull=True)
    return _with_items(user, meetings)


def _with_items(user, meetings: QuerySet[Meeting]) -> list[Meeting]:
    actor = actor_of(user)
    result = list(
        meetings.select_related("chair").prefetch_related(
            Prefetch(
                "items",
                queryset=_items(user, only_visible=not actor.is_regisseur),
                to_attr="agenda",
            )
        )
    )
    return result


def meeting_for_user(user, pk) -> Meeting:
    """One meeting with its agenda for this user; Http404 when unknown or not visible."""
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    found = _with_items(user, meetings_for(user).filter(pk=pk))
    if not found:
        raise Http404
    return found[0]


def item_case_id(*, meeting_pk: int, item_pk: int) -> int:
    """The case of an agenda item (0 when the pair does not exist), for `case_view`."""
    case_id = (
        AgendaItem.objects.filter(pk=item_pk, meeting_id=meeting_pk)
        .values_list("case_id", flat=True)
        .first()
    )
    return case_id or 0


def item_of(*, meeting_pk: int, item_pk: int, case: Case) -> AgendaItem:
    return (
        AgendaItem.objects.select_related("meeting", "meeting__chair", "case", "adopted_by")
        .prefetch_related("invited", _decisions())
        .get(pk=item_pk, meeting_id=meeting_pk, case=case)
    )


def _decisions() -> Prefetch:
    return Prefetch(
        "decisions",
        queryset=Decision.objects.select_related(
            "action", "action__owner_organisation", "action__owner_person"
        ),
    )


def items_for_case(case: Case, categories) -> list[AgendaItem]:
    """The meetings of a case (category `overleg`: nothing without it), oldest first."""
    if Category.OVERLEG not in categories:
        return []
    return list(
        AgendaItem.objects.filter(case=case, meeting__cancelled_at__isnull=True)
        .select_related("meeting", "meeting__chair")
        .prefetch_related("invited", _decisions())
        .order_by("meeting__starts_at", "id")
    )
