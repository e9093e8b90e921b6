"""Forms of the workflow. Each carries the phase it was rendered for (`phase`, hidden):
the service refuses it when the case has moved on (two tabs, an old page)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cases.phases import Phase
from lib.forms import DutchDateInput
from organisations.models import Organisation, OrganisationKind, Role
from organisations.roles import NOT_PARTNER_KINDS
from privacy.access import NO_ACCESS, CaseAccess, case_access

from .models import CHECKLIST, ActionStatus, AftercareOutcome, Checklist, InformedWhom, Outcome
from .people import regisseurs
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


class EscalationRequestForm(TextCategoryMixin, PhaseForm):
    text_field = "aanleiding"
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
    client_informed = forms.BooleanField(
        label=_("De cliënt is geïnformeerd over de aanmelding"), required=False
    )
    reason_not_informed = _text(
        _("Reden waarom de cliënt niet is geïnformeerd"),
        rows=2,
        required=False,
        help_text=_("Bijvoorbeeld een lopend strafrechtelijk onderzoek of de veiligheid."),
    )
    override_motivation = _text(
        _("Motivering zonder passende triage"),
        rows=3,
        required=False,
        help_text=_(
            "Alleen nodig als er geen triage van de afgelopen 30 dagen met niveau 2 of "
            "hoger is (minstens 20 tekens). De procesregisseur ziet deze motivering."
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

    def clean(self):
        data = super().clean()
        if not data.get("client_informed") and not (data.get("reason_not_informed") or "").strip():
            self.add_error(
                "reason_not_informed",
                _("Geef aan waarom de cliënt niet over de aanmelding is geïnformeerd."),
            )
        if data.get("acute_declared") and len((data.get("acute_reason") or "").strip()) < 20:
            self.add_error(
                "acute_reason", _("Beschrijf het acute veiligheidsprobleem (minstens 20 tekens).")
            )
        return data


class ReEscalateForm(TextCategoryMixin, PhaseForm):
    text_field = "reason"
    reason = _text(_("Reden om opnieuw op te schalen"), rows=4)


class AcceptForm(PhaseForm):
    procesregisseur = UserChoiceField(label=_("Procesregisseur"), queryset=None)
    review_date = _date(_("Eerste evaluatiedatum"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["procesregisseur"].queryset = regisseurs(
            region_id=self.case.region_id if self.case is not None else None
        )
        if self.user is not None:
            self.initial.setdefault("procesregisseur", self.user.pk)


class DeclineForm(TextCategoryMixin, PhaseForm):
    text_field = "outcome_text"
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=[
            (Outcome.ADVIES, Outcome.ADVIES.label),
            (Outcome.DOORGELEID, Outcome.DOORGELEID.label),
        ],
        widget=forms.RadioSelect,
    )
    outcome_text = _text(_("Advies aan het wijkteam"), rows=5)
    referred_to = forms.ModelChoiceField(
        label=_("Doorgeleid naar"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Alleen bij doorgeleid: de partner die de casus oppakt."),
    )
    referral_participates = forms.BooleanField(
        label=_("De partner neemt deel aan de casus"),
        required=False,
        help_text=_(
            "Alleen bij doorgeleid: de partner krijgt de categorieën die het convenant hem "
            "toekent. Zonder vinkje ziet de partner alleen de taak op zijn startpagina."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["referred_to"].queryset = partner_organisations()

    def clean(self):
        data = super().clean()
        if data.get("outcome") == Outcome.DOORGELEID and not data.get("referred_to"):
            self.add_error("referred_to", _("Kies de partner die de casus oppakt."))
        return data


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    expected_status = forms.ChoiceField(choices=ActionStatus.choices, widget=forms.HiddenInput)


class HandoverProposeForm(PhaseForm):
    receiving_team = forms.ModelChoiceField(
        label=_("Ontvangend wijkteam"), queryset=Organisation.objects.none()
    )
    safety_risk_reduced = forms.BooleanField(
        label=_("Het veiligheidsrisico is verminderd"), required=False
    )
    safety_risk_reduced_note = _text(_("Motivering (veiligheidsrisico)"), rows=2, required=False)
    goals_met_or_transferred = forms.BooleanField(
        label=_("De doelen zijn behaald of overgedragen"), required=False
    )
    goals_met_or_transferred_note = _text(_("Motivering (doelen)"), rows=2, required=False)
    regiehouder_named = forms.BooleanField(
        label=_("Er is een regiehouder in het ontvangende wijkteam benoemd"), required=False
    )
    regiehouder_named_note = _text(_("Motivering (regiehouder)"), rows=2, required=False)
    named_regiehouder = UserChoiceField(
        label=_("Nieuwe regiehouder"), queryset=None, required=False
    )
    client_informed = forms.BooleanField(
        label=_("De cliënt is geïnformeerd over de afschaling"), required=False
    )
    client_informed_note = _text(_("Motivering (cliënt)"), rows=2, required=False)
    aftercare_agreed = forms.BooleanField(label=_("Er zijn nazorgafspraken"), required=False)
    aftercare_agreed_note = _text(_("Motivering (nazorg)"), rows=2, required=False)
    aftercare_agreements = _text(_("Nazorgafspraken"), rows=3, required=False)
    aftercare_check_date = _date(_("Datum eerste nazorgcontrole"), required=False)
    end_participations = forms.ModelMultipleChoiceField(
        label=_("Deelname beëindigen"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Vink de partners aan die na de afschaling niet meer deelnemen; hun toegang "
            "stopt bij het voorstel. Niet aangevinkte partners blijven deelnemen in de nazorg."
        ),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_participations"].queryset = (
            Organisation.objects.filter(
                participations__case=self.case, participations__removed_at__isnull=True
            ).order_by("name")
            if self.case is not None
            else Organisation.objects.none()
        )
        teams = Organisation.objects.filter(kind=OrganisationKind.WIJKTEAM).order_by("name")
        self.fields["receiving_team"].queryset = teams
        self.fields["named_regiehouder"].queryset = (
            get_user_model()
            .objects.filter(
                membership__organisation__kind=OrganisationKind.WIJKTEAM,
                membership__role=Role.MEDEWERKER,
                is_active=True,
            )
            .order_by("first_name", "last_name")
        )
        if self.case is not None:
            self.initial.setdefault("receiving_team", self.case.owning_team_id)

    def clean(self):
        data = super().clean()
        for item in CHECKLIST:
            if not data.get(item) and not (data.get(f"{item}_note") or "").strip():
                self.add_error(f"{item}_note", _("Motiveer waarom dit punt niet is afgevinkt."))
        if data.get("regiehouder_named") and not data.get("named_regiehouder"):
            self.add_error("named_regiehouder", _("Kies de nieuwe regiehouder."))
        if data.get("aftercare_agreed") and not data.get("aftercare_check_date"):
            self.add_error("aftercare_check_date", _("Kies de datum van de nazorgcontrole."))
        return data

    def service_kwargs(self) -> dict:
        data = super().service_kwargs()
        notes = {item: data.pop(f"{item}_note", "") for item in CHECKLIST}
        flags = {item: bool(data.pop(item)) for item in CHECKLIST}
        data["checklist"] = Checklist(**flags, notes=notes)
        return data


class HandoverAcceptForm(PhaseForm):
    meeting_date = _date(_("Datum van het overdrachtsgesprek"))
    meeting_attendees = _text(_("Aanwezig bij het overdrachtsgesprek"), rows=2)


class HandoverRejectForm(TextCategoryMixin, PhaseForm):
    text_field = "reason"
    reason = _text(_("Reden van terugwijzen"), rows=4)


class AftercareCheckForm(PhaseForm):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=AftercareOutcome.choices, widget=forms.RadioSelect
    )
    notes = _text(_("Toelichting"), rows=3, required=False)
    next_check_date = _date(
        _("Volgende controle"),
        required=False,
        help_text=_("Niet nodig als u opnieuw opschaalt."),
    )


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
