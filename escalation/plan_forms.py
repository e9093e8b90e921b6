"""Forms of the ZVH work on a case: casusoverleg, evaluatie and the joint plan van aanpak
(goals per person and life domain, actions)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import Person
from organisations.models import Organisation
from organisations.roles import actor_of

from .action_pickers import (
    ORGANISATION_ATTRS,
    action_person_field,
    check_action_assignee,
    offer_action_pickers,
)
from .forms import PhaseForm, _date, _text, partner_organisations
from .goals import domains_offered
from .models import DOMAIN_CHOICES, Goal, GoalStatus


class GoalForm(PhaseForm):
    goal = forms.ModelChoiceField(
        label=_("Bestaand doel wijzigen"),
        queryset=Goal.objects.none(),
        required=False,
        empty_label=_("Geen: een nieuw doel"),
        help_text=_("Leeg laten voor een nieuw doel."),
    )
    person = forms.ModelChoiceField(
        label=_("Voor wie"),
        queryset=Person.objects.none(),
        required=False,
        empty_label=_("Het hele huishouden"),
    )
    domain = forms.ChoiceField(
        label=_("Leefgebied"),
        # Every domain, always (only their order depends on the case): the API's schema
        # reads the choices from here.
        choices=DOMAIN_CHOICES,
        help_text=_("Leefgebieden die in de laatste triage laag scoorden staan bovenaan."),
    )
    text = _text(_("Doel"), rows=3)
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        labels = dict(DOMAIN_CHOICES)
        if self.case is not None:
            self.fields["goal"].queryset = Goal.objects.filter(plan__case=self.case)
            self.fields["person"].queryset = self.case.persons.all()
            self.fields["domain"].choices = [(d, labels[d]) for d in domains_offered(self.case)]
        else:
            self.fields["domain"].choices = DOMAIN_CHOICES


class ConferenceForm(PhaseForm):
    held_on = _date(_("Datum van het overleg"))
    invited = forms.ModelMultipleChoiceField(
        label=_("Uitgenodigde partners"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Uitgenodigde partners krijgen toegang volgens het convenant."),
    )
    attendees = _text(_("Aanwezigen"), rows=2, required=False)
    decisions = _text(_("Besluiten"), rows=4, required=False)
    minutes = _text(_("Verslag"), rows=6, required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["invited"].queryset = partner_organisations()


class ReviewForm(PhaseForm):
    notes = _text(_("Uitkomst van de evaluatie"), rows=4)
    next_review_date = _date(_("Volgende evaluatiedatum"))


class PlanForm(PhaseForm):
    goals = _text(_("Doelen voor het hele huishouden"), rows=6)


class ActionForm(PhaseForm):
    description = _text(_("Actie"), rows=2)
    owner_organisation = forms.ModelChoiceField(
        label=_("Uitvoerende organisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
        widget=forms.Select(attrs=ORGANISATION_ATTRS),
    )
    owner_person = action_person_field()
    deadline = _date(_("Deadline"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        actor = actor_of(self.user)
        own = actor.organisation_id if actor.is_partner else None
        # One rule for the pickers and the service (escalation.assignees); a partner adds
        # actions for its own organisation only.
        offer_action_pickers(
            self.fields["owner_organisation"],
            self.fields["owner_person"],
            self.case,
            organisation_id=own,
        )
        if own is not None:
            self.initial.setdefault("owner_organisation", own)
            # One possible answer, already chosen: no empty choice to pick first.
            self.fields["owner_organisation"].empty_label = None

    def clean(self):
        data = super().clean()
        check_action_assignee(self, self.case)
        return data
