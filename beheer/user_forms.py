"""Forms of the user pages; the rules behind them live in beheer/users.py."""

from __future__ import annotations

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership, Organisation, Role

from .users import invitation_problems

STATUS_CHOICES = [("", _("Alle")), ("actief", _("Actief")), ("inactief", _("Gedeactiveerd"))]


def organisations() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Organisatie"),
        # A deactivated organisation takes no new members (organisations.services).
        queryset=Organisation.objects.filter(active=True).order_by("name"),
        empty_label=_("Kies een organisatie"),
        error_messages={"invalid_choice": _("Kies een organisatie uit de lijst.")},
    )


def roles() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Rol"),
        choices=[("", _("Kies een rol")), *Role.choices],
        error_messages={"invalid_choice": _("Kies een rol uit de lijst.")},
    )


class UserFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoek op naam, gebruikersnaam of e-mail"), required=False, max_length=100
    )
    organisatie = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Alle organisaties"),
    )
    status = forms.ChoiceField(label=_("Status"), choices=STATUS_CHOICES, required=False)


class NameEmailForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=150)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        help_text=_("Het eigen werkadres: links om in te loggen gaan alleen hierheen."),
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@organisatie.nl.")},
    )


class InviteForm(NameEmailForm):
    field_order = ["username", "first_name", "last_name", "email", "organisation", "role"]

    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, cijfers en . @ + - _ ; hiermee logt de gebruiker in."),
    )
    organisation = organisations()
    role = roles()

    def clean(self):
        data = super().clean()
        if data.get("username") and data.get("email"):
            problems = invitation_problems(username=data["username"], email=data["email"])
            for field, problem in problems.items():
                self.add_error(field, problem)
        return data


class MembershipForm(forms.Form):
    organisation = organisations()
    role = roles()


class ReactivateForm(forms.Form):
    memberships = forms.ModelMultipleChoiceField(
        label=_("Lidmaatschappen om te herstellen"),
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _(
                "Kies ten minste één lidmaatschap: zonder lidmaatschap kan de gebruiker "
                "niets in Schakel."
            )
        },
    )

    def __init__(self, *args, ended, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["memberships"]
        field.queryset = ended
        field.label_from_instance = lambda m: (
            f"{m.organisation.name} ({m.get_role_display()}), "
            f"beëindigd op {timezone.localtime(m.ended_at):%d-%m-%Y}"
        )
        # Someone who never had a membership can be reactivated without one.
        field.required = ended.exists()
