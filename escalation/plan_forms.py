"""Forms of the ZVH work on a case: casusoverleg, evaluatie and the joint plan van aanpak
(goals per person and life domain, actions)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cases.models import Person
from organisations.models import Organisation, OrganisationKind
from organisations.roles import actor_of

from .forms import PhaseForm, UserChoiceField, _date, _text, partner_organisations
from .goals import domains_offered
from .models import DOMAIN_CHOICES, Goal, GoalStatus


class GoalForm(PhaseForm):
    goal = forms.ModelChoiceField(
        label=_("Bestaand doel wijzigen"),
        queryset=Goal.objects.none(),
        required=False,
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
        label=_("Uitvoerende organisatie"), queryset=Organisation.objects.none()
    )
    owner_person = UserChoiceField(label=_("Uitvoerende persoon"), queryset=None, required=False)
    deadline = _date(_("Deadline"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        orgs = Organisation.objects.exclude(
            kind__in=(OrganisationKind.GEMEENTE, OrganisationKind.WIJKTEAM)
        )
        if self.case is not None:
            orgs = orgs | Organisation.objects.filter(pk=self.case.owning_team_id)
        actor = actor_of(self.user)
        if actor.is_partner:
            # A partner adds actions for its own organisation only.
            orgs = Organisation.objects.filter(pk=actor.organisation_id)
            self.initial.setdefault("owner_organisation", actor.organisation_id)
        self.fields["owner_organisation"].queryset = orgs.order_by("name")
        self.fields["owner_person"].queryset = (
            get_user_model()
            .objects.filter(
                membership__organisation__in=orgs, membership__active=True, is_active=True
            )
            .distinct()
            .order_by("first_name", "last_name")
        )
