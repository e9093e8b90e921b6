"""Plan actions, the caller's reminders and triage evaluation without a case."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from cases.categories import Category
from escalation.models import Action
from escalation.services.zvh import action_status_update
from notifications.models import Reminder
from notifications.selectors import reminders_for
from notifications.services import reminder_mark_read
from organisations.roles import actor_of
from privacy.models import AccessAction
from triage.engine import TriageInputError, evaluate
from triage.selectors import active_ruleset, compiled

from . import serializers as s
from .base import ApiView
from .pagination import IdCursorPagination


class CaseActionsView(ApiView):
    serializer_class = s.ActionSerializer
    pagination_class = None

    @extend_schema(responses=s.ActionSerializer(many=True))
    def get(self, request, pk: int):
        """The actions of the case's plan van aanpak (category plan)."""
        case, access = self.open_case(pk, context="plan van aanpak")
        if not access.can_see(Category.PLAN):
            raise PermissionDenied(_("U mag het plan van aanpak van deze casus niet inzien."))
        actions = Action.objects.filter(case=case).select_related("owner_organisation")
        return Response(s.ActionSerializer(actions.order_by("deadline", "id"), many=True).data)


class ActionStatusView(ApiView):
    serializer_class = s.ActionSerializer

    @extend_schema(request=s.ActionStatusSerializer, responses=s.ActionSerializer)
    def post(self, request, pk: int):
        """The owner of an action (or the regisseur) updates its status."""
        case_id = Action.objects.filter(pk=pk).values_list("case_id", flat=True).first()
        if case_id is None:
            raise Http404
        _case, access = self.open_case(case_id, context="actie-status", action=AccessAction.CHANGE)
        if not access.can_see(Category.PLAN):
            raise Http404
        body = s.ActionStatusSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        action = action_status_update(
            user=request.user,
            action=Action.objects.get(pk=pk),
            status=body.validated_data["status"],
            expected_status=body.validated_data.get("expected_status"),
        )
        action = Action.objects.select_related("owner_organisation").get(pk=action.pk)
        return Response(s.ActionSerializer(action).data)


class ReminderListView(ApiView):
    serializer_class = s.ReminderSerializer
    pagination_class = IdCursorPagination

    @extend_schema(responses=s.ReminderSerializer(many=True))
    def get(self, request):
        """The caller's own reminders, for cases the caller may still open."""
        page = self.paginate_queryset(reminders_for(request.user))
        return self.get_paginated_response(s.ReminderSerializer(page, many=True).data)


class ReminderReadView(ApiView):
    serializer_class = s.ReminderReadSerializer

    @extend_schema(request=None, responses=s.ReminderReadSerializer)
    def post(self, request, pk: int):
        """Mark one of the caller's reminders read (as the Meldingen page does)."""
        try:
            reminder = reminder_mark_read(user=request.user, reminder_id=pk)
        except Reminder.DoesNotExist:
            raise Http404 from None
        return Response(s.ReminderReadSerializer(reminder).data)


class TriageEvaluateView(ApiView):
    serializer_class = s.TriageEvaluationSerializer

    @extend_schema(request=s.TriageAnswersSerializer, responses=s.TriageEvaluationSerializer)
    def post(self, request):
        """The active ruleset's outcome for these answers; nothing is stored.

        The answers are the caller's own, so the outcome is returned whole.
        """
        actor = actor_of(request.user)
        if not (actor.is_worker or actor.is_regisseur):
            raise PermissionDenied(
                _("Alleen wijkteammedewerkers en procesregisseurs wegen triage.")
            )
        try:
            result = evaluate(request.data, compiled(active_ruleset()), validated=False)
        except TriageInputError as exc:
            raise ValidationError({exc.field: exc.message_nl}) from exc
        return Response(s.TriageEvaluationSerializer(result.to_dict()).data)


@extend_schema(exclude=True)
class NotFoundView(ApiView):
    """Any other path under /api/: 404 as problem+json, like every other API answer,
    not the HTML page of the site (a client parses one format)."""

    def _not_found(self, request, *args, **kwargs):
        raise Http404

    get = post = put = patch = delete = head = options = _not_found
