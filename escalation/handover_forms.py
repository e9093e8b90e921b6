"""Forms of the afschaling and the nazorg: the handover checklist (each item a Ja/Nee
question with its follow-up under the answer that needs it), the receiving team's
decision and the nazorg check."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.conditional import NO, YES, ConditionalFormMixin, Reveal, YesNoField
from organisations.models import Membership, Organisation, OrganisationKind, Role

from .forms import PhaseForm, TextCategoryMixin, UserChoiceField, _date, _text
from .models import CHECKLIST, AftercareOutcome, Checklist


def _why_not(item: str) -> Reveal:
    """The motivation asked under "Nee" of a checklist item."""
    return Reveal(item, NO, f"{item}_note", _("Motiveer waarom dit punt niet is afgevinkt."))


def _motivation(label) -> forms.CharField:
    return _text(label, rows=2, required=False)


def regiehouder_memberships(*, region_id: int | None = None):
    """The memberships that may hold the regie after afschaling: active medewerkers of an
    active wijkteam (of the case's region), by team and name. Never a manager, privacy
    officer, functioneel beheer or gemeente account, and never an ended membership."""
    memberships = Membership.objects.active().filter(
        role=Role.MEDEWERKER,
        organisation__kind=OrganisationKind.WIJKTEAM,
        organisation__active=True,
        user__is_active=True,
    )
    if region_id is not None:
        memberships = memberships.filter(organisation__region_id=region_id)
    return memberships.select_related("user", "organisation").order_by(
        "organisation__name", "user__first_name", "user__last_name", "user__username"
    )


def _person(user) -> str:
    return user.get_full_name() or user.username


class HandoverProposeForm(ConditionalFormMixin, PhaseForm):
    """Afschaling: the receiving team and the checklist, each item a Ja/Nee question
    with its follow-up under the answer that needs it."""

    reveals = (
        _why_not("safety_risk_reduced"),
        _why_not("goals_met_or_transferred"),
        Reveal("regiehouder_named", YES, "named_regiehouder", _("Kies de nieuwe regiehouder.")),
        _why_not("regiehouder_named"),
        _why_not("client_informed"),
        Reveal("aftercare_agreed", YES, "aftercare_agreements", _("Beschrijf de nazorgafspraken.")),
        Reveal(
            "aftercare_agreed",
            YES,
            "aftercare_check_date",
            _("Kies de datum van de nazorgcontrole."),
        ),
        _why_not("aftercare_agreed"),
    )

    receiving_team = forms.ModelChoiceField(
        label=_("Ontvangend wijkteam"),
        queryset=Organisation.objects.none(),
        empty_label=_("Kies een wijkteam"),
    )
    safety_risk_reduced = YesNoField(
        label=_("Is het veiligheidsrisico verminderd?"),
        required_message=_("Geef aan of het veiligheidsrisico is verminderd."),
    )
    safety_risk_reduced_note = _motivation(_("Waarom niet? (veiligheidsrisico)"))
    goals_met_or_transferred = YesNoField(
        label=_("Zijn de doelen behaald of overgedragen?"),
        required_message=_("Geef aan of de doelen zijn behaald of overgedragen."),
    )
    goals_met_or_transferred_note = _motivation(_("Waarom niet? (doelen)"))
    regiehouder_named = YesNoField(
        label=_("Is er een regiehouder in het ontvangende wijkteam benoemd?"),
        required_message=_("Geef aan of er een regiehouder is benoemd."),
    )
    named_regiehouder = UserChoiceField(
        label=_("Nieuwe regiehouder"),
        queryset=None,
        required=False,
        empty_label=_("Kies een medewerker"),
        help_text=_("Een medewerker van het ontvangende wijkteam."),
    )
    regiehouder_named_note = _motivation(_("Waarom niet? (regiehouder)"))
    client_informed = YesNoField(
        label=_("Is de cliënt geïnformeerd over de afschaling?"),
        required_message=_("Geef aan of de cliënt is geïnformeerd over de afschaling."),
    )
    client_informed_note = _motivation(_("Waarom niet? (cliënt)"))
    aftercare_agreed = YesNoField(
        label=_("Zijn er nazorgafspraken?"),
        required_message=_("Geef aan of er nazorgafspraken zijn."),
    )
    aftercare_agreements = _text(_("Nazorgafspraken"), rows=3, required=False)
    aftercare_check_date = _date(_("Datum eerste nazorgcontrole"), required=False)
    aftercare_agreed_note = _motivation(_("Waarom niet? (nazorg)"))
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
        region_id = self.case.region_id if self.case is not None else None
        self.fields["end_participations"].queryset = (
            Organisation.objects.filter(
                participations__case=self.case, participations__removed_at__isnull=True
            ).order_by("name")
            if self.case is not None
            else Organisation.objects.none()
        )
        teams = Organisation.objects.filter(kind=OrganisationKind.WIJKTEAM, active=True)
        if region_id is not None:
            teams = teams.filter(region_id=region_id)
        self.fields["receiving_team"].queryset = teams.order_by("name")
        self.regiehouders = list(regiehouder_memberships(region_id=region_id))
        field = self.fields["named_regiehouder"]
        field.queryset = get_user_model().objects.filter(
            pk__in={m.user_id for m in self.regiehouders}
        )
        # Grouped by wijkteam: the picker never mixes teams without saying which is which.
        groups: dict[str, list] = {}
        for membership in self.regiehouders:
            groups.setdefault(membership.organisation.name, []).append(
                (membership.user_id, _person(membership.user))
            )
        field.choices = [("", _("Kies een medewerker")), *groups.items()]
        if self.case is not None:
            self.initial.setdefault("receiving_team", self.case.owning_team_id)

    def clean(self):
        data = super().clean()
        team, person = data.get("receiving_team"), data.get("named_regiehouder")
        if team is not None and person is not None:
            members = {m.user_id for m in self.regiehouders if m.organisation_id == team.pk}
            if person.pk not in members:
                self.add_error(
                    "named_regiehouder",
                    _("Kies een medewerker van het ontvangende wijkteam (%(team)s).")
                    % {"team": team.name},
                )
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


class AftercareCheckForm(ConditionalFormMixin, PhaseForm):
    """The nazorg check: each outcome asks its own follow-up under it (a concern needs
    its description, every outcome but re-escalation the next check date)."""

    reveals = (
        Reveal("outcome", AftercareOutcome.STABLE, "notes"),
        Reveal(
            "outcome",
            AftercareOutcome.STABLE,
            "next_check_date",
            _("Kies de datum van de volgende controle."),
        ),
        Reveal(
            "outcome",
            AftercareOutcome.CONCERNS,
            "concerns_notes",
            _("Beschrijf de zorgen."),
        ),
        Reveal(
            "outcome",
            AftercareOutcome.CONCERNS,
            "concerns_next_check_date",
            _("Kies de datum van de volgende controle."),
        ),
        Reveal(
            "outcome",
            AftercareOutcome.RE_ESCALATE,
            "re_escalate_notes",
            _("Licht toe waarom de casus opnieuw moet worden opgeschaald."),
        ),
    )

    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=AftercareOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de uitkomst van de controle.")},
    )
    notes = _text(_("Toelichting"), rows=3, required=False)
    next_check_date = _date(_("Volgende controle"), required=False)
    concerns_notes = _text(_("Welke zorgen zijn er?"), rows=3, required=False)
    concerns_next_check_date = _date(_("Volgende controle"), required=False)
    re_escalate_notes = _text(_("Waarom opnieuw opschalen?"), rows=3, required=False)

    def clean(self):
        data = super().clean()
        for name in ("next_check_date", "concerns_next_check_date"):
            value = data.get(name)
            if value and value <= timezone.localdate() and name not in self.errors:
                self.add_error(name, _("Kies een datum na vandaag."))
        return data

    def service_kwargs(self) -> dict:
        """One `notes` and one `next_check_date`: those of the chosen outcome."""
        data = super().service_kwargs()
        concerns = data.pop("concerns_notes"), data.pop("concerns_next_check_date")
        re_escalate = data.pop("re_escalate_notes")
        if data["outcome"] == AftercareOutcome.CONCERNS:
            data["notes"], data["next_check_date"] = concerns
        elif data["outcome"] == AftercareOutcome.RE_ESCALATE:
            data["notes"], data["next_check_date"] = re_escalate, None
        return data
