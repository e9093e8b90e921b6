"""Forms of the workflow. Each carries the phase it was rendered for (`phase`, hidden):
the service refuses it when the case has moved on (two tabs, an old page)."""

from __future__ import annotations

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cases.phases import Phase
from lib.conditional import NO, YES, ConditionalFormMixin, Reveal, YesNoField
from lib.forms import DutchDateInput
from organisations.models import Organisation
from organisations.roles import NOT_PARTNER_KINDS
from privacy.access import NO_ACCESS, CaseAccess, case_access

from .models import ActionStatus, InformedWhom, Outcome
from .people import regisseurs
from .services.assessment import (
    ACUTE_REASON_MIN_CHARS,
    OVERRIDE_MIN_CHARS,
    latest_assessment,
    qualifying_assessment,
)
from .text_category import (
    TEXT_CATEGORY_HELP,
    TEXT_CATEGORY_LABEL,
    default_text_category,
    text_category_choices,
)


def _text(label, *, rows=3, required=True, help_text="", max_length=5000):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label, *, required=True, help_text=""):
    return forms.DateField(
        label=label, required=required, help_text=help_text, widget=DutchDateInput()
    )


def partner_organisations():
    return (
        Organisation.objects.filter(active=True)
        .exclude(kind__in=NOT_PARTNER_KINDS)
        .order_by("name")
    )


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(choices=Phase.choices, widget=forms.HiddenInput)

    def __init__(self, *args, case=None, user=None, access: CaseAccess | None = None, **kwargs):
        self.case = case
        self.user = user
        if access is not None:
            self.__dict__["access"] = access
        initial = kwargs.setdefault("initial", {})
        if case is not None:
            initial.setdefault("phase", case.phase)
        super().__init__(*args, **kwargs)

    @cached_property
    def access(self) -> CaseAccess:
        """The author's CaseAccess on the case (given by the view, or read once)."""
        if self.case is None or self.user is None:
            return NO_ACCESS
        return case_access(self.user, self.case)

    def service_kwargs(self) -> dict:
        """The cleaned data as service arguments; `phase` becomes `expected_phase`."""
        data = dict(self.cleaned_data)
        data["expected_phase"] = data.pop("phase")
        return data


class TextCategoryMixin(forms.Form):
    """A step with free text: the author picks the category it is filed under on the
    timeline (escalation.text_category), by default the most restrictive that fits.

    Left out of a post, the author's default applies.
    """

    text_category = forms.ChoiceField(
        label=TEXT_CATEGORY_LABEL,
        help_text=TEXT_CATEGORY_HELP,
        choices=(),
        required=False,
        error_messages={
            "invalid_choice": _(
                "U kunt deze tekst alleen vastleggen in een categorie die u zelf mag inzien."
            )
        },
    )

    text_field = ""  # the free-text field the category belongs to: shown right after it

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.pop("text_category")
        field.choices = text_category_choices(self.access)
        fields = list(self.fields.items())
        at = next((i + 1 for i, (name, _f) in enumerate(fields) if name == self.text_field), None)
        fields.insert(len(fields) if at is None else at, ("text_category", field))
        self.fields = dict(fields)
        self.initial.setdefault("text_category", default_text_category(self.access))

    def clean_text_category(self) -> str:
        return self.cleaned_data.get("text_category") or default_text_category(self.access)


class ConsultationForm(PhaseForm):
    question = _text(
        _("Uw vraag aan het Zorg- en Veiligheidshuis"),
        rows=5,
        help_text=_(
            "Het ZVH kan tot 14 dagen na het antwoord de basisgegevens, signalen en "
            "triage van deze casus inzien. De casus blijft bij uw wijkteam."
        ),
    )


class ConsultationAnswerForm(PhaseForm):
    answer = _text(_("Advies aan het wijkteam"), rows=6)


class EscalationRequestForm(ConditionalFormMixin, TextCategoryMixin, PhaseForm):
    """The aanmelding. The motivation without a fitting triage is asked only when there
    is none: with a triage of level 2 or higher from the last 30 days the field is not
    on the form at all."""

    text_field = "aanleiding"
    reveals = (
        Reveal(
            "client_informed",
            NO,
            "reason_not_informed",
            _("Geef aan waarom de cliënt niet over de aanmelding is geïnformeerd."),
        ),
        Reveal(
            "acute_declared",
            YES,
            "acute_reason",
            _("Beschrijf het acute veiligheidsprobleem (minstens 20 tekens)."),
        ),
    )

    aanleiding = _text(
        _("Aanleiding"),
        rows=5,
        help_text=_(
            "Wat is er aan de hand? De triage gaat al met de aanmelding mee; herhaal die hier niet."
        ),
    )
    doel = _text(_("Doel: wat wilt u bereiken?"), rows=3)
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners om uit te nodigen"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    client_informed = YesNoField(
        label=_("Is de cliënt geïnformeerd over de aanmelding?"),
        required_message=_("Geef aan of de cliënt is geïnformeerd over de aanmelding."),
    )
    reason_not_informed = _text(
        _("Waarom is de cliënt niet geïnformeerd?"),
        rows=2,
        required=False,
        help_text=_("Bijvoorbeeld een lopend strafrechtelijk onderzoek of de veiligheid."),
    )
    override_motivation = _text(
        _("Waarom meldt u aan zonder passende triage?"),
        rows=3,
        help_text=_(
            "Er is geen triage van de afgelopen 30 dagen met niveau 2 of hoger. Motiveer de "
            "aanmelding in minstens 20 tekens; de procesregisseur ziet deze motivering."
        ),
    )

    acute_declared = forms.BooleanField(label=_("Acuut veiligheidsprobleem"), required=False)
    acute_reason = _text(
        _("Waarom is het acuut?"),
        rows=2,
        required=False,
        help_text=_(
            "Ook zonder triage (minstens 20 tekens): het ZVH screent binnen één werkdag en "
            "de procesregisseurs worden direct gewaarschuwd."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partners"].queryset = partner_organisations()
        if self.case is not None and qualifying_assessment(latest_assessment(self.case)):
            # The service ignores a motivation when the triage qualifies: do not ask it.
            del self.fields["override_motivation"]

    def clean(self):
        data = super().clean()
        if (
            "override_motivation" in self.fields
            and "override_motivation" not in self.errors
            and len((data.get("override_motivation") or "").strip()) < OVERRIDE_MIN_CHARS
        ):
            self.add_error(
                "override_motivation",
                _("Motiveer waarom u zonder passende triage aanmeldt (minstens %(n)d tekens).")
                % {"n": OVERRIDE_MIN_CHARS},
            )
        if (
            data.get("acute_declared")
            and "acute_reason" not in self.errors
            and len((data.get("acute_reason") or "").strip()) < ACUTE_REASON_MIN_CHARS
        ):
            self.add_error(
                "acute_reason",
                _("Beschrijf het acute veiligheidsprobleem (minstens %(n)d tekens).")
                % {"n": ACUTE_REASON_MIN_CHARS},
            )
        return data


class ReEscalateForm(TextCategoryMixin, PhaseForm):
    text_field = "reason"
    reason = _text(_("Reden om opnieuw op te schalen"), rows=4)


class AcceptForm(PhaseForm):
    procesregisseur = UserChoiceField(
        label=_("Procesregisseur"),
        queryset=None,
        empty_label=_("Kies een procesregisseur"),
        error_messages={"required": _("Kies de procesregisseur van deze casus.")},
    )
    review_date = _date(_("Eerste evaluatiedatum"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procesregisseur"].queryset = regisseurs(
            region_id=self.case.region_id if self.case is not None else None
        )
        if self.user is not None:
            self.initial.setdefault("procesregisseur", self.user.pk)


class DeclineForm(ConditionalFormMixin, TextCategoryMixin, PhaseForm):
    text_field = "outcome_text"
    reveals = (
        Reveal(
            "outcome",
            Outcome.DOORGELEID,
            "referred_to",
            _("Kies de partner die de casus oppakt."),
        ),
        Reveal("outcome", Outcome.DOORGELEID, "referral_participates"),
    )

    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (Outcome.ADVIES, Outcome.ADVIES.label),
            (Outcome.DOORGELEID, Outcome.DOORGELEID.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de uitkomst van de screening.")},
    )
    outcome_text = _text(_("Advies aan het wijkteam"), rows=5)
    referred_to = forms.ModelChoiceField(
        label=_("Doorgeleid naar"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Kies een partner"),
        help_text=_("De partner die de casus oppakt."),
    )
    referral_participates = forms.BooleanField(
        label=_("De partner neemt deel aan de casus"),
        required=False,
        help_text=_(
            "De partner krijgt de categorieën die het convenant hem toekent. Zonder vinkje "
            "ziet de partner alleen de taak op zijn startpagina."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referred_to"].queryset = partner_organisations()


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    expected_status = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.HiddenInput)


class CloseForm(TextCategoryMixin, PhaseForm):
    text_field = "reason"
    reason = _text(_("Reden van sluiten"), rows=3)


class NoticeMarkForm(forms.Form):
    reason = _text(_("Waarom moet het bestuur geïnformeerd worden?"), rows=3)


class NoticeRecordForm(forms.Form):
    informed_on = _date(_("Geïnformeerd op"))
    informed_whom = forms.ChoiceField(
        label=_("Wie is geïnformeerd?"), choices=InformedWhom.choices, widget=forms.RadioSelect
    )
    pseudonymised_summary = _text(
        _("Gepseudonimiseerde samenvatting"),
        rows=4,
        help_text=_("Zonder namen, adressen of geboortedata: de gemeente leest deze tekst."),
    )
