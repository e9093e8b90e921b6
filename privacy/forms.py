from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.models import LegalBasis
from lib.forms import DutchDateInput
from organisations.models import Organisation

from .models import AccessAction, ReviewStatus, SubjectAccessRequest, SubjectAccessStatus


class AccessLogFilterForm(forms.Form):
    case = forms.CharField(label=_("Casus (kenmerk)"), required=False, max_length=20)
    user = forms.CharField(
        label=_("Medewerker"),
        required=False,
        max_length=150,
        help_text=_("Naam of gebruikersnaam"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Alle organisaties"),
    )
    action = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("Alle acties")), *AccessAction.choices]
    )
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DutchDateInput())
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DutchDateInput())
    break_the_glass = forms.BooleanField(label=_("Alleen noodtoegang"), required=False)

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data


class ParticipationAddForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partnerorganisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
    )
    reason = forms.CharField(
        label=_("Reden van deelname"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bijvoorbeeld: uitgenodigd voor het casusoverleg, eigenaar van een actie."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = candidates


class ParticipationRemoveForm(forms.Form):
    """The organisation must be an active participant of this case (no IDOR)."""

    organisation = forms.ModelChoiceField(
        label=_("Partnerorganisatie"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een organisatie"),
    )
    reason = forms.CharField(
        label=_("Reden van beëindigen"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = participants


class CaseBasisForm(forms.Form):
    legal_basis = forms.ChoiceField(label=_("Grondslag"), choices=())
    client_informed = forms.BooleanField(
        label=_("De cliënt is geïnformeerd over de verwerking"), required=False
    )
    client_informed_on = forms.DateField(
        label=_("Geïnformeerd op"), required=False, widget=DutchDateInput()
    )
    client_not_informed_reason = forms.CharField(
        label=_("Reden waarom de cliënt (nog) niet is geïnformeerd"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].choices = LegalBasis.choices

    def clean(self):
        data = super().clean()
        if (
            not data.get("client_informed")
            and not (data.get("client_not_informed_reason") or "").strip()
        ):
            self.add_error(
                "client_not_informed_reason",
                _("Geef aan waarom de cliënt (nog) niet is geïnformeerd."),
            )
        return data


class BreakGlassForm(forms.Form):
    reference = forms.CharField(
        label=_("Kenmerk van de casus"), max_length=20, help_text=_("Bijvoorbeeld 2026-0042.")
    )
    reason = forms.CharField(
        label=_("Reden"),
        min_length=20,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Minstens 20 tekens. Waarom moet u deze casus nu inzien? De "
            "privacyfunctionaris beoordeelt uw reden."
        ),
        error_messages={"min_length": _("Geef een reden van minstens %(limit_value)d tekens.")},
    )


class BreakGlassReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Beoordeling"),
        choices=(),
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (ReviewStatus.REVIEWED, ReviewStatus.REVIEWED.label),
            (ReviewStatus.QUESTIONED, ReviewStatus.QUESTIONED.label),
        ]


class AccessLogSummaryForm(forms.Form):
    group = forms.ChoiceField(
        label=_("Groeperen per"),
        choices=[("user", _("Medewerker")), ("day", _("Dag"))],
        required=False,
    )
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DutchDateInput())
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DutchDateInput())


class SubjectAccessRequestForm(forms.Form):
    requester = forms.CharField(
        label=_("Betrokkene"),
        max_length=200,
        help_text=_("Naam van de persoon die om inzage vraagt, zoals op het verzoek."),
        error_messages={"required": _("Vul de naam van de betrokkene in.")},
    )
    received_on = forms.DateField(
        label=_("Ontvangen op"),
        widget=DutchDateInput(),
        help_text=_("De antwoordtermijn is één maand na ontvangst (AVG artikel 12, lid 3)."),
        error_messages={
            "required": _("Vul de datum van ontvangst in."),
            "invalid": _("Vul de datum van ontvangst in als dd-mm-jjjj."),
        },
    )


class InzageSearchForm(forms.Form):
    """Which request, and who: the rule (full name + date of birth, or a reference) is
    `privacy.inzage.person_search`'s."""

    access_request = forms.ModelChoiceField(
        label=_("Inzageverzoek"),
        queryset=SubjectAccessRequest.objects.none(),
        empty_label=_("Kies het inzageverzoek"),
        error_messages={
            "required": _("Kies het inzageverzoek waarvoor u zoekt."),
            "invalid_choice": _("Kies een open inzageverzoek."),
        },
    )
    name = forms.CharField(
        label=_("Volledige naam (voornaam en achternaam)"), required=False, max_length=200
    )
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=DutchDateInput()
    )
    reference = forms.CharField(label=_("Of: kenmerk van een casus"), required=False, max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["access_request"].queryset = SubjectAccessRequest.objects.filter(
            status=SubjectAccessStatus.OPEN
        )
        self.fields["access_request"].label_from_instance = _request_label

    def query(self) -> str:
        """The search as the access log records it."""
        data = self.cleaned_data
        parts = []
        if data.get("name"):
            parts.append(f"naam={' '.join(data['name'].split())}")
        if data.get("date_of_birth"):
            parts.append(f"geboortedatum={data['date_of_birth']:%d-%m-%Y}")
        if data.get("reference"):
            parts.append(f"kenmerk={data['reference'].strip()}")
        return " ".join(parts)


def _request_label(access_request: SubjectAccessRequest) -> str:
    return _("%(n)s — %(who)s (termijn %(deadline)s)") % {
        "n": access_request.pk,
        "who": access_request.requester,
        "deadline": access_request.deadline.strftime("%d-%m-%Y"),
    }


def cells_from(data) -> list[tuple[str, str]]:
    """The ticked matrix cells of a convenant form as (party, category) pairs."""
    return [tuple(key.partition(":")[::2]) for key in data.getlist("cell")]


class ConvenantConfirmForm(forms.Form):
    """The second step of a convenant change: the decision it rests on, and the version
    of the matrix the change was prepared on (`privacy.matrix.matrix_version`)."""

    decision_reference = forms.CharField(
        label=_("Kenmerk van het besluit"),
        max_length=200,
        help_text=_("Bijvoorbeeld: besluit stuurgroep 12-11-2026."),
        error_messages={
            "required": _(
                "Vul het kenmerk van het besluit in waarop de wijziging berust, "
                "bijvoorbeeld “besluit stuurgroep 12-11-2026”."
            ),
            "max_length": _("Het kenmerk van het besluit is te lang (hoogstens 200 tekens)."),
        },
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.CharField(widget=forms.HiddenInput, max_length=64)


class InzageSelectionForm(InzageSearchForm):
    """The persons an inzage is about, chosen from the search for the request, and the
    period of the access history. Nothing is pre-selected: a request about a mother must
    not silently include her child. The search is run again (`privacy.inzage`), so only
    persons it finds can be chosen."""

    person = forms.MultipleChoiceField(
        label=_("Personen"),
        widget=forms.CheckboxSelectMultiple,
        choices=(),
        required=False,
        error_messages={
            "invalid_choice": _("Kies alleen personen uit de zoekresultaten van dit verzoek.")
        },
    )
    date_from = forms.DateField(
        label=_("Toegang vanaf"),
        required=False,
        widget=DutchDateInput(),
        error_messages={"invalid": _("Vul de begindatum in als dd-mm-jjjj.")},
    )
    date_to = forms.DateField(
        label=_("Toegang tot en met"),
        required=False,
        widget=DutchDateInput(),
        error_messages={"invalid": _("Vul de einddatum in als dd-mm-jjjj.")},
    )

    def __init__(self, *args, persons=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [(str(p.pk), p.full_name) for p in persons]

    def clean(self):
        data = super().clean()
        if not data.get("person") and "person" not in self.errors:
            self.add_error(
                "person",
                _(
                    "Kies voor wie u inzage geeft: vink minstens één persoon aan. "
                    "Niemand is vooraf aangevinkt, zodat bijvoorbeeld een kind niet "
                    "ongemerkt meekomt met een verzoek van de moeder."
                ),
            )
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data
