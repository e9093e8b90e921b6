from __future__ import annotations

from django import forms
from django.db import models
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.categories import NOTE_CATEGORIES
from cases.models import LegalBasis, Relation, validate_bsn
from cases.phases import Phase
from lib.conditional import NO, YES, ConditionalFormMixin, Reveal, YesNoField
from lib.forms import DutchDateInput
from organisations.models import Organisation, OrganisationKind


class CaseRegistrationForm(ConditionalFormMixin, forms.Form):
    reveals = (
        Reveal("client_informed", YES, "client_informed_on"),
        Reveal(
            "client_informed",
            NO,
            "client_not_informed_reason",
            _("Geef aan waarom de cliënt (nog) niet is geïnformeerd."),
        ),
    )

    title = forms.CharField(
        label=_("Korte omschrijving"),
        max_length=200,
        help_text=_("Zonder namen, bijvoorbeeld 'Gezin met schulden en overlast'."),
    )
    legal_basis = forms.ChoiceField(label=_("Grondslag"), choices=LegalBasis.choices)
    client_informed = YesNoField(
        label=_("Is de cliënt geïnformeerd over de registratie?"),
        required_message=_("Geef aan of de cliënt is geïnformeerd over de registratie."),
    )
    client_informed_on = forms.DateField(
        label=_("Geïnformeerd op"), required=False, widget=DutchDateInput()
    )
    client_not_informed_reason = forms.CharField(
        label=_("Waarom is de cliënt (nog) niet geïnformeerd?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )

    def clean(self):
        data = super().clean()
        informed_on = data.get("client_informed_on")
        if informed_on and informed_on > timezone.localdate():
            self.add_error("client_informed_on", _("Deze datum ligt in de toekomst."))
        return data


class PersonForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=DutchDateInput()
    )
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    postcode = forms.RegexField(
        label=_("Postcode"),
        regex=r"^\s*[1-9][0-9]{3}\s?[A-Za-z]{2}\s*$",
        required=False,
        max_length=10,
        error_messages={"invalid": _("Vul een postcode in zoals 1234 AB.")},
    )
    city = forms.CharField(label=_("Woonplaats"), max_length=100, required=False)
    relation = forms.ChoiceField(label=_("Relatie"), choices=Relation.choices)

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        return value


class BaseHouseholdFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        filled = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        if not filled:
            raise forms.ValidationError(_("Voeg minstens één persoon aan het huishouden toe."))


HouseholdFormSet = formset_factory(
    PersonForm, formset=BaseHouseholdFormSet, extra=0, min_num=1, max_num=20, validate_max=True
)


class NoteForm(forms.Form):
    category = forms.ChoiceField(label=_("Categorie"), choices=NOTE_CATEGORIES)
    text = forms.CharField(
        label=_("Notitie"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000
    )

    def __init__(self, *args, allowed_categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        if allowed_categories is not None:
            self.fields["category"].choices = [
                (value, label) for value, label in NOTE_CATEGORIES if value in allowed_categories
            ]


class CaseFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Zoeken"),
        required=False,
        max_length=100,
        help_text=_(
            "Naam of een deel ervan, casusnummer, geboortedatum (dd-mm-jjjj) "
            "of postcode met huisnummer (1234 AB 12)."
        ),
    )
    phase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle fasen")), *Phase.choices]
    )
    team = forms.TypedChoiceField(label=_("Wijkteam"), required=False, coerce=int, empty_value=None)
    # Cases the user is regiehouder or procesregisseur of.
    mine = forms.BooleanField(label=_("Alleen mijn casussen"), required=False)

    def __init__(self, *args, teams=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].choices = [("", _("Alle teams"))] + [(t.pk, t.name) for t in teams]


class Urgency(models.TextChoices):
    NORMAAL = "normaal", _("Normaal (screening binnen vijf werkdagen)")
    ACUUT = "acuut", _("Acuut (screening binnen één werkdag)")


class IntakeForm(ConditionalFormMixin, forms.Form):
    """A case brought in directly at the ZVH: the minimum the regisseur screens on."""

    reveals = (
        Reveal(
            "client_informed",
            NO,
            "reason_not_informed",
            _("Geef aan waarom de cliënt niet is geïnformeerd."),
        ),
    )

    team = forms.ModelChoiceField(
        label=_("Wijkteam van het huishouden"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een wijkteam"),
        help_text=_(
            "Een casus hoort altijd bij een wijkteam: kies het wijkteam van de wijk waar "
            "het huishouden woont. Dat team wordt eigenaar als het ZVH de casus teruggeeft."
        ),
    )
    aanleiding = forms.CharField(
        label=_("Aanleiding"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        help_text=_("Wat is er aan de hand en waarom moet het ZVH dit oppakken?"),
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=Urgency.choices,
        initial=Urgency.NORMAAL,
        widget=forms.RadioSelect,
    )
    client_informed = YesNoField(
        label=_("Is de cliënt geïnformeerd over de aanmelding?"),
        required_message=_("Geef aan of de cliënt is geïnformeerd over de aanmelding."),
    )
    reason_not_informed = forms.CharField(
        label=_("Waarom is de cliënt niet geïnformeerd?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Bijvoorbeeld een lopend strafrechtelijk onderzoek of de veiligheid."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Organisation.objects.filter(
            kind=OrganisationKind.WIJKTEAM
        ).order_by("name")


class IntakePersonForm(forms.Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=150)
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=DutchDateInput()
    )
    bsn = forms.CharField(
        label=_("BSN"),
        required=False,
        max_length=9,
        validators=[validate_bsn],
        help_text=_(
            "Optioneel. Alleen gebruikt om te zien of het huishouden al bekend is; "
            "het BSN wordt nergens getoond."
        ),
    )
    relation = forms.ChoiceField(
        label=_("Relatie"), choices=Relation.choices, initial=Relation.CLIENT
    )

    def clean_date_of_birth(self):
        value = self.cleaned_data.get("date_of_birth")
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("Een geboortedatum kan niet in de toekomst liggen."))
        return value


# Two empty persons beyond the first: a household is seldom larger at intake, and the
# page needs no script or round trip to add one.
IntakeHouseholdFormSet = formset_factory(
    IntakePersonForm,
    formset=BaseHouseholdFormSet,
    extra=2,
    min_num=1,
    max_num=20,
    validate_max=True,
)
