"""Forms of the meetings pages: plan or change a meeting, an agenda item, the verslag and
a decision. Dates dd-mm-jjjj, times in Europe/Amsterdam."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from escalation.action_pickers import (
    ORGANISATION_ATTRS,
    action_person_field,
    check_action_assignee,
    offer_action_pickers,
)
from escalation.forms import UserChoiceField
from lib.forms import DutchDateInput
from organisations.models import Organisation, Role

from .models import MeetingKind
from .services import invitee_candidates


def _time(label):
    return forms.TimeField(
        label=label, widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort overleg"), choices=MeetingKind.choices)
    date = forms.DateField(
        label=_("Datum"), input_formats=["%d-%m-%Y", "%Y-%m-%d"], widget=DutchDateInput()
    )
    start = _time(_("Begintijd"))
    end = _time(_("Eindtijd"))
    location = forms.CharField(label=_("Locatie"), max_length=200, required=False)
    online_link = forms.URLField(
        label=_("Link om online deel te nemen"), required=False, assume_scheme="https"
    )
    chair = UserChoiceField(
        label=_("Voorzitter"), queryset=None, empty_label=_("Kies een voorzitter")
    )

    def __init__(self, *args, organisation_id: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Regisseurs of this ZVH; the service checks the chair again.
        self.fields["chair"].queryset = (
            get_user_model()
            .objects.filter(
                is_active=True,
                membership__organisation_id=organisation_id,
                membership__role=Role.PROCESREGISSEUR,
                membership__active=True,
            )
            .distinct()
            .order_by("first_name", "last_name")
        )

    def times(self) -> dict:
        """Start and end as aware datetimes in the Dutch time zone, for the services."""
        data = self.cleaned_data
        tz = ZoneInfo(settings.TIME_ZONE)
        return {
            "starts_at": datetime.combine(data["date"], data["start"], tzinfo=tz),
            "ends_at": datetime.combine(data["date"], data["end"], tzinfo=tz),
        }

    @staticmethod
    def initial_from(meeting) -> dict:
        start = timezone.localtime(meeting.starts_at)
        return {
            "kind": meeting.kind,
            "date": start.date(),
            "start": start.time(),
            "end": timezone.localtime(meeting.ends_at).time(),
            "location": meeting.location,
            "online_link": meeting.online_link,
            "chair": meeting.chair_id,
        }


class AgendaItemForm(forms.Form):
    case = forms.CharField(
        label=_("Kenmerk van de casus"),
        max_length=40,
        widget=forms.TextInput(attrs={"list": "case-references", "autocomplete": "off"}),
    )
    invited = forms.ModelMultipleChoiceField(
        label=_("Uitgenodigde partners voor deze casus"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Uitgenodigde partners nemen deel aan deze casus volgens het convenant."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = invitee_candidates()


class MinutesForm(forms.Form):
    attendance = forms.CharField(
        label=_("Aanwezigen"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    minutes = forms.CharField(
        label=_("Verslag"), required=False, max_length=20000, widget=forms.Textarea
    )


class DecisionForm(forms.Form):
    text = forms.CharField(
        label=_("Besluit"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Wordt een actie voor"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Geen actie"),
        widget=forms.Select(attrs=ORGANISATION_ATTRS),
    )
    owner_person = action_person_field()
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DutchDateInput())

    def __init__(self, *args, case, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.case = case
        # The plan action form's rule (escalation.assignees): a decision that becomes an
        # action assigns only whom that form would accept.
        offer_action_pickers(self.fields["owner_organisation"], self.fields["owner_person"], case)

    def clean(self):
        data = super().clean()
        check_action_assignee(self, self.case)
        return data
