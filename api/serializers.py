"""What the API sends and accepts. Input serializers are strict: an unknown field is
refused rather than ignored, so a misspelt field never silently does nothing."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from cases.categories import Category
from cases.models import Case, CaseNote, Person
from cases.phases import Phase
from escalation.models import Action, ActionStatus
from notifications.models import Reminder


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not declare."""

    def to_internal_value(self, data):
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: [_("Onbekend veld.")] for name in unknown})
        return super().to_internal_value(data)


class StrictCharField(serializers.CharField):
    """A string, and only a string: a number or boolean is refused, not converted."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError(_("Verkeerd type voor dit veld."))
        return super().to_internal_value(data)


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


class CaseSerializer(serializers.ModelSerializer):
    """Basisgegevens of a case: what every viewer of the case may see."""

    phase_label = serializers.CharField(source="get_phase_display")
    owning_team = serializers.CharField(source="owning_team.name")
    owning_team_id = serializers.IntegerField()
    regiehouder = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "title",
            "phase",
            "phase_label",
            "owning_team_id",
            "owning_team",
            "regiehouder",
            "registered_at",
            "last_activity_at",
            "phase_changed_at",
        ]

    def get_regiehouder(self, case) -> str:
        return _name(case.regiehouder)


class CaseDetailSerializer(CaseSerializer):
    receiving_team = serializers.SerializerMethodField()
    procesregisseur = serializers.SerializerMethodField()
    categories = serializers.SerializerMethodField()
    can_change = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [
            *CaseSerializer.Meta.fields,
            "receiving_team",
            "procesregisseur",
            "legal_basis",
            "client_informed",
            "client_informed_on",
            "categories",
            "can_change",
            "steps",
        ]

    def get_receiving_team(self, case) -> str:
        return case.receiving_team.name if case.receiving_team else ""

    def get_procesregisseur(self, case) -> str:
        return _name(case.procesregisseur)

    def get_categories(self, case) -> list[str]:
        """The categories of this case the caller may see."""
        return self.context["access"].sorted_categories

    def get_can_change(self, case) -> bool:
        return self.context["access"].can_change

    def get_steps(self, case) -> list[str]:
        """The workflow steps the caller may take now (POST /cases/{id}/{step}/)."""
        return self.context["steps"]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = [
            "id",
            "first_name",
            "last_name",
            "date_of_birth",
            "address",
            "postcode",
            "city",
            "relation",
        ]


class NoteSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    author_organisation = serializers.SerializerMethodField()

    class Meta:
        model = CaseNote
        fields = ["id", "category", "text", "author", "author_organisation", "created_at"]

    def get_author(self, note) -> str:
        return _name(note.author)

    def get_author_organisation(self, note) -> str:
        return note.author_organisation.name if note.author_organisation else ""


class NoteCreateSerializer(StrictSerializer):
    category = serializers.ChoiceField(choices=Category.choices)
    text = StrictCharField(max_length=5000)


class CaseFilterSerializer(serializers.Serializer):
    """Query parameters of the case list (others, such as `cursor`, are not its concern)."""

    q = serializers.CharField(required=False, allow_blank=True, max_length=200)
    phase = serializers.ChoiceField(choices=Phase.choices, required=False)
    team = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    updated_since = serializers.DateTimeField(required=False)


class NoteFilterSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices, required=False)


class ActionSerializer(serializers.ModelSerializer):
    owner_organisation = serializers.CharField(source="owner_organisation.name")
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Action
        fields = [
            "id",
            "description",
            "owner_organisation_id",
            "owner_organisation",
            "deadline",
            "status",
            "status_label",
            "updated_at",
            "completed_at",
        ]


class ActionStatusSerializer(StrictSerializer):
    status = serializers.ChoiceField(choices=ActionStatus.choices)
    expected_status = serializers.ChoiceField(choices=ActionStatus.choices, required=False)


class ReminderSerializer(serializers.ModelSerializer):
    case_reference = serializers.CharField(source="case.reference")
    kind_label = serializers.CharField(source="get_kind_display")
    explanation = serializers.CharField()

    class Meta:
        model = Reminder
        fields = [
            "id",
            "kind",
            "kind_label",
            "explanation",
            "case_id",
            "case_reference",
            "due_date",
            "created_at",
            "read_at",
        ]


class ReminderReadSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    read_at = serializers.DateTimeField()


class TriageReasonSerializer(serializers.Serializer):
    rule = serializers.CharField()
    points = serializers.IntegerField()
    text = serializers.CharField(required=False)


class TriageResultSerializer(serializers.Serializer):
    """A triage outcome as the pages show it (health reasons only with `gezondheid`)."""

    id = serializers.IntegerField()
    assessed_at = serializers.DateTimeField()
    score = serializers.IntegerField()
    level = serializers.IntegerField()
    level_name = serializers.CharField()
    level_label = serializers.CharField()
    reasons = TriageReasonSerializer(many=True)
    knock_outs = serializers.ListField(child=serializers.CharField())
    zvh_met = serializers.BooleanField()
    complete = serializers.BooleanField()
    ruleset = serializers.CharField()
    domains = serializers.ListField(child=serializers.DictField())
    unknown_domains = serializers.ListField(child=serializers.CharField())
    risks = serializers.ListField(child=serializers.CharField())
    health_withheld = serializers.BooleanField()


class LatestTriageSerializer(serializers.Serializer):
    assessment = TriageResultSerializer(allow_null=True)


class TriageAnswersSerializer(serializers.Serializer):
    """The answers of triage.engine (its own validation names the field)."""

    domains = serializers.DictField(child=serializers.IntegerField(), required=False)
    risks = serializers.DictField(child=serializers.BooleanField(), required=False)
    organisations = serializers.IntegerField(required=False, min_value=0)
    months_in_wijkteam = serializers.IntegerField(required=False, min_value=0)


class TriageEvaluationSerializer(serializers.Serializer):
    score = serializers.IntegerField()
    level = serializers.IntegerField()
    level_name = serializers.CharField()
    knock_outs = serializers.ListField(child=serializers.CharField())
    reasons = TriageReasonSerializer(many=True)
    complete = serializers.BooleanField()
    ruleset = serializers.CharField()
    zvh_criteria = serializers.DictField(child=serializers.BooleanField())


class StepResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    phase = serializers.ChoiceField(choices=Phase.choices)
    step = serializers.CharField()


class ProblemSerializer(serializers.Serializer):
    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
