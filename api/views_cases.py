"""Cases, their persons, notes and latest triage: reads (and notes) through the access
layer, exactly as the case pages."""

from __future__ import annotations

from dataclasses import asdict

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from cases.categories import Category
from cases.models import Case, CaseNote
from cases.search import matching_case_ids
from cases.selectors import notes_for
from escalation.steps import steps_in
from escalation.transitions import may
from privacy.access import visible_cases
from privacy.models import AccessAction
from triage.presentation import assessment_view
from triage.selectors import latest_assessment
from workplace.services import note_add

from . import serializers as s
from .base import ApiView
from .pagination import IdCursorPagination

# Plan actions have their own endpoint (POST /actions/{id}/status/).
OWN_ENDPOINT_STEPS = frozenset({"action_status"})


def case_list_for(user, *, q="", phase="", team=None, updated_since=None) -> QuerySet[Case]:
    """The user's visible cases with the list's filters. Search matches reference and
    names only (category basis, which every viewer of a case has), as the page list."""
    qs = visible_cases(user)
    if phase:
        qs = qs.filter(phase=phase)
    if team:
        qs = qs.filter(owning_team_id=team)
    if updated_since:
        qs = qs.filter(last_activity_at__gte=updated_since)
    if q.strip():
        qs = qs.filter(pk__in=matching_case_ids(q.strip()))
    return qs.select_related("owning_team", "regiehouder")


class CaseListView(ApiView):
    serializer_class = s.CaseSerializer
    pagination_class = IdCursorPagination

    @extend_schema(
        operation_id="cases_list",
        parameters=[s.CaseFilterSerializer],
        responses=s.CaseSerializer(many=True),
    )
    def get(self, request):
        """The cases the caller may open; list responses write no access-log row."""
        filters = s.CaseFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        page = self.paginate_queryset(case_list_for(request.user, **filters.validated_data))
        return self.get_paginated_response(s.CaseSerializer(page, many=True).data)


class CaseDetailView(ApiView):
    serializer_class = s.CaseDetailSerializer

    def get(self, request, pk: int):
        case, access = self.open_case(pk, context="casus")
        steps = [
            name
            for name in steps_in(case.phase)
            if name not in OWN_ENDPOINT_STEPS and may(request.user, case, name)
        ]
        context = {"access": access, "steps": steps}
        return Response(s.CaseDetailSerializer(case, context=context).data)


class CasePersonsView(ApiView):
    serializer_class = s.PersonSerializer
    pagination_class = None

    @extend_schema(responses=s.PersonSerializer(many=True))
    def get(self, request, pk: int):
        case, _access = self.open_case(pk, context="personen")
        persons = case.persons.order_by("id")
        return Response(s.PersonSerializer(persons, many=True).data)


class CaseNotesView(ApiView):
    serializer_class = s.NoteSerializer
    pagination_class = IdCursorPagination

    @extend_schema(parameters=[s.NoteFilterSerializer], responses=s.NoteSerializer(many=True))
    def get(self, request, pk: int):
        """Notes of the categories the caller may see; others are never returned."""
        case, access = self.open_case(pk, context="notities")
        filters = s.NoteFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        categories = set(access.categories)
        if "category" in filters.validated_data:
            categories &= {filters.validated_data["category"]}
        page = self.paginate_queryset(notes_for(case, categories))
        return self.get_paginated_response(s.NoteSerializer(page, many=True).data)

    @extend_schema(request=s.NoteCreateSerializer, responses={201: s.NoteSerializer})
    def post(self, request, pk: int):
        case, access = self.open_case(pk, context="notitie toegevoegd", action=AccessAction.CHANGE)
        if not access.can_change:
            raise PermissionDenied(_("U kunt in deze casus geen notities toevoegen."))
        body = s.NoteCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        note = note_add(user=request.user, case=case, **body.validated_data)
        note = CaseNote.objects.select_related("author", "author_organisation").get(pk=note.pk)
        return Response(s.NoteSerializer(note).data, status=status.HTTP_201_CREATED)


class CaseTriageView(ApiView):
    serializer_class = s.LatestTriageSerializer

    @extend_schema(
        parameters=[OpenApiParameter("pk", int, OpenApiParameter.PATH)],
        responses=s.LatestTriageSerializer,
    )
    def get(self, request, pk: int):
        """The newest triage; health reasons and scores only for who may see `gezondheid`."""
        case, access = self.open_case(pk, context="triage")
        if not access.can_see(Category.TRIAGE):
            raise PermissionDenied(_("U mag de triage van deze casus niet inzien."))
        latest = latest_assessment(case)
        if latest is None:
            return Response({"assessment": None})
        view = asdict(assessment_view(latest, access=access))
        view.update(id=latest.pk, assessed_at=latest.assessed_at)
        return Response(s.LatestTriageSerializer({"assessment": view}).data)
