"""The two pickers of a plan action, the organisation that carries it out and its person,
filled from the one rule in escalation.assignees: used by the plan's action form and by a
meeting's decision that becomes an action (meetings.forms), so neither offers what
`services.zvh.action_add` refuses, and both refuse a person of another organisation before
the service is reached, with the same Dutch message."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from cases.models import Case

from .assignees import (
    action_assignees,
    action_owner_organisations,
    assignee_refusal,
    may_carry_out_action,
)
from .forms import UserChoiceField

# Attributes static/js/action-picker.js looks for: it offers only the people of the
# organisation chosen above them.
ORGANISATION_ATTRS = {"data-action-organisation": ""}
PERSON_ATTRS = {"data-action-person": ""}


class OrganisationGroupedSelect(forms.Select):
    """A select of people in one optgroup per organisation; each option carries its
    organisation (`data-organisation`), for static/js/action-picker.js."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation_of_group: dict[str, int] = {}

    def optgroups(self, name, value, attrs=None):
        groups = super().optgroups(name, value, attrs)
        for group_name, options, _index in groups:
            organisation = self.organisation_of_group.get(group_name)
            if organisation is not None:
                for option in options:
                    option["attrs"]["data-organisation"] = str(organisation)
        return groups


def action_person_field() -> UserChoiceField:
    """The person picker of an action, optional; `offer_action_pickers` fills it."""
    return UserChoiceField(
        label=_("Uitvoerende persoon"),
        queryset=None,
        required=False,
        empty_label=_("Nog niemand"),
        help_text=_(
            "Alleen medewerkers van de uitvoerende organisatie. Leeg laten als de "
            "organisatie het werk zelf verdeelt."
        ),
        widget=OrganisationGroupedSelect(attrs=PERSON_ATTRS),
        error_messages={"invalid_choice": _("Kies een persoon uit de lijst.")},
    )


def offer_action_pickers(
    organisation_field: forms.ModelChoiceField,
    person_field: forms.ModelChoiceField,
    case: Case,
    *,
    organisation_id: int | None = None,
) -> None:
    """Fill both pickers for an action of `case` (of `organisation_id` only, when given):
    the organisations that may own it, and their professionals grouped per organisation.
    `person_field` must use an OrganisationGroupedSelect."""
    organisations = action_owner_organisations(case)
    memberships = action_assignees(case)
    if organisation_id is not None:
        organisations = organisations.filter(pk=organisation_id)
        memberships = memberships.filter(organisation_id=organisation_id)
    organisation_field.queryset = organisations
    memberships = list(memberships)
    person_field.queryset = get_user_model().objects.filter(pk__in=[m.user_id for m in memberships])
    widget = person_field.widget
    groups: dict[str, list] = {}
    for membership in memberships:
        name = membership.organisation.name
        widget.organisation_of_group[name] = membership.organisation_id
        groups.setdefault(name, []).append(
            (membership.user_id, person_field.label_from_instance(membership.user))
        )
    widget.choices = [("", person_field.empty_label), *groups.items()]


def check_action_assignee(form: forms.Form, case: Case) -> None:
    """Add the Dutch refusal to `owner_person` when the chosen person does not work for
    the chosen `owner_organisation` (a page without JavaScript offers everyone)."""
    organisation = form.cleaned_data.get("owner_organisation")
    person = form.cleaned_data.get("owner_person")
    if (
        organisation is not None
        and person is not None
        and not may_carry_out_action(case, organisation, person)
    ):
        form.add_error("owner_person", assignee_refusal(organisation, person))
