"""Forms of the triage app: the assessment (Dutch, accessible) and the ruleset editor."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.conditional import ConditionalFormMixin, Reveal

from .defaults import (
    DOMAIN_LABELS,
    DOMAIN_SCORE_HELP,
    KNOCK_OUT_LABELS_NL,
    RISK_HELP,
    RISK_LABELS,
    SCORE_LABELS,
)
from .engine import DOMAINS, KNOCK_OUT_RULES, RISKS
from .models import Judgement

UNKNOWN = ""
MAX_ORGANISATIONS = 99
MAX_MONTHS = 600
# Asked on the outcome step, after the answers.
JUDGEMENT_FIELDS = frozenset({"judgement", "judgement_motivation"})


def answers_key(answers: dict[str, Any]) -> str:
    """A short fingerprint of the answers: the judgement belongs to the result it saw."""
    raw = json.dumps(answers, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def _domain_choices(domain: str) -> list[tuple[str, str]]:
    help_texts = DOMAIN_SCORE_HELP[domain]
    return [(UNKNOWN, _("Onbekend"))] + [
        (str(score), f"{score} — {SCORE_LABELS[score]}: {help_texts[score]}")
        for score in range(1, 6)
    ]


class AssessmentForm(ConditionalFormMixin, forms.Form):
    """The eleven domains, the risk factors, the counts and the professional judgement.

    Field names: ``domain_<name>``, ``risk_<name>``, ``organisations``,
    ``months_in_wijkteam``, ``judgement``, ``judgement_motivation``, ``answers_key``.
    """

    organisations = forms.IntegerField(
        label=_("Aantal betrokken organisaties"),
        help_text=_("Hoeveel organisaties zijn nu bij het huishouden betrokken?"),
        min_value=0,
        max_value=MAX_ORGANISATIONS,
        initial=0,
        error_messages={
            "required": _("Vul het aantal betrokken organisaties in (0 of meer)."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Het aantal kan niet negatief zijn."),
            "max_value": _("Vul een aantal van ten hoogste %(limit_value)s in."),
        },
    )
    months_in_wijkteam = forms.IntegerField(
        label=_("Aantal maanden in het wijkteam"),
        help_text=_("Vooringevuld vanaf de registratiedatum van de casus; pas aan als nodig."),
        min_value=0,
        max_value=MAX_MONTHS,
        error_messages={
            "required": _("Vul het aantal maanden in (0 of meer)."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Het aantal maanden kan niet negatief zijn."),
            "max_value": _("Vul een aantal van ten hoogste %(limit_value)s in."),
        },
    )
    reveals = (
        Reveal(
            "judgement",
            Judgement.DISAGREE,
            "judgement_motivation",
            _("Licht toe waarom u het niet eens bent met de uitkomst."),
        ),
    )

    # Not required by the field: the answers step posts no judgement (see clean).
    judgement = forms.ChoiceField(
        label=_("Uw professionele oordeel"),
        help_text=_(
            "Het instrument ondersteunt, het beslist niet. Bent u het eens met deze uitkomst?"
        ),
        choices=Judgement.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    judgement_motivation = forms.CharField(
        label=_("Waarom bent u het niet eens met de uitkomst?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=4000,
    )
    answers_key = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, saving: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.saving = saving
        # The motivation under "niet eens" is asked for only when saving.
        self.require_followups = saving
        for domain in DOMAINS:
            self.fields[f"domain_{domain}"] = forms.ChoiceField(
                label=DOMAIN_LABELS[domain],
                choices=_domain_choices(domain),
                widget=forms.RadioSelect,
                required=False,
                initial=UNKNOWN,
                error_messages={"invalid_choice": _("Kies een score van 1 tot en met 5.")},
            )
        for risk in RISKS:
            self.fields[f"risk_{risk}"] = forms.BooleanField(
                label=RISK_LABELS[risk], help_text=RISK_HELP[risk], required=False
            )

    @property
    def domain_fields(self) -> list[forms.BoundField]:
        return [self[f"domain_{d}"] for d in DOMAINS]

    @property
    def domain_rows(self) -> list[dict[str, Any]]:
        """Per domain: the bound field and, per radio, the short visible label ("Onbekend",
        "1" … "5") and the level description that screen readers hear with it."""
        rows = []
        for domain in DOMAINS:
            field = self[f"domain_{domain}"]
            options = []
            for radio in field:
                value = radio.data["value"]
                if value == UNKNOWN:
                    options.append({"radio": radio, "short": _("Onbekend"), "long": ""})
                    continue
                score = int(value)
                long = f"{SCORE_LABELS[score]}: {DOMAIN_SCORE_HELP[domain][score]}"
                options.append({"radio": radio, "short": str(score), "long": long})
            rows.append({"field": field, "options": options})
        return rows

    @property
    def risk_fields(self) -> list[forms.BoundField]:
        return [self[f"risk_{r}"] for r in RISKS]

    def answers(self) -> dict[str, Any]:
        """The answers in the engine's input format (requires a valid form)."""
        data = self.cleaned_data
        return {
            "domains": {
                d: int(data[f"domain_{d}"]) for d in DOMAINS if data.get(f"domain_{d}") != UNKNOWN
            },
            "risks": {r: bool(data.get(f"risk_{r}")) for r in RISKS},
            "organisations": data["organisations"],
            "months_in_wijkteam": data["months_in_wijkteam"],
        }

    def answers_are_valid(self) -> bool:
        """True when every answer is valid, so the outcome can be shown even if only
        the judgement (asked on the outcome step) is missing or incomplete."""
        self.is_valid()
        return not (set(self.errors) - JUDGEMENT_FIELDS)

    def clean(self):
        data = super().clean()
        if not self.saving:
            return data
        if not data.get("judgement") and "judgement" not in self.errors:
            self.add_error("judgement", _("Geef aan of u het eens bent met de uitkomst."))
        return data


# --- ruleset editor ------------------------------------------------------------------

ORG_TIERS = 3


def _points_field(label: str, **kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=0,
        max_value=100,
        error_messages={
            "required": _("Vul een aantal punten in (0 of meer)."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("Punten kunnen niet negatief zijn."),
            "max_value": _("Vul ten hoogste %(limit_value)s punten in."),
        },
        **kwargs,
    )


class RulesetForm(forms.Form):
    """Weights, thresholds and knock-outs of a draft ruleset, in plain Dutch."""

    name = forms.CharField(
        label=_("Versienaam"),
        max_length=40,
        help_text=_("Bijvoorbeeld 'v2'. Kleine letters, cijfers, punt of streepje."),
    )
    description = forms.CharField(
        label=_("Toelichting op de wijziging"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
    )
    held_too_long_months = forms.IntegerField(
        label=_("Te lang in het wijkteam: vanaf hoeveel maanden (bij stagnatie)"),
        min_value=0,
        max_value=120,
    )
    held_too_long_points = _points_field(_("Te lang in het wijkteam: punten"))
    zorg_en_veiligheid_points = _points_field(
        _("Punten als er zowel zorg- als veiligheidssignalen zijn")
    )
    threshold_consultatie = forms.IntegerField(
        label=_("Consultatie ZVH (niveau 1) vanaf score"), min_value=1, max_value=1000
    )
    threshold_opschalen = forms.IntegerField(
        label=_("Opschalen naar ZVH (niveau 2) vanaf score"), min_value=1, max_value=1000
    )
    threshold_acuut = forms.IntegerField(
        label=_("Acuut (niveau 3) vanaf score"),
        help_text=_("Leeg laten: alleen een knock-out maakt een casus acuut."),
        min_value=1,
        max_value=1000,
        required=False,
    )
    complete_min_domains = forms.IntegerField(
        label=_("Weging is volledig vanaf dit aantal beantwoorde domeinen"),
        min_value=0,
        max_value=len(DOMAINS),
    )
    knock_outs = forms.MultipleChoiceField(
        label=_("Knock-outs (altijd niveau 3, ongeacht de score)"),
        choices=[(k, KNOCK_OUT_LABELS_NL[k]) for k in KNOCK_OUT_RULES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for score in range(1, 6):
            self.fields[f"domain_points_{score}"] = _points_field(
                _("Score %(score)s (%(label)s)") % {"score": score, "label": SCORE_LABELS[score]}
            )
        for risk in RISKS:
            self.fields[f"risk_points_{risk}"] = _points_field(RISK_LABELS[risk])
        for i in range(ORG_TIERS):
            self.fields[f"org_threshold_{i}"] = forms.IntegerField(
                label=_("Trede %(n)s: vanaf aantal organisaties") % {"n": i + 1},
                min_value=0,
                max_value=MAX_ORGANISATIONS,
                required=False,
            )
            self.fields[f"org_points_{i}"] = _points_field(
                _("Trede %(n)s: punten") % {"n": i + 1}, required=False
            )

    @classmethod
    def initial_from(cls, name: str, description: str, definition: dict) -> dict[str, Any]:
        initial: dict[str, Any] = {
            "name": name,
            "description": description,
            "held_too_long_months": definition["held_too_long"]["months"],
            "held_too_long_points": definition["held_too_long"]["points"],
            "zorg_en_veiligheid_points": definition["zorg_en_veiligheid_points"],
            "threshold_consultatie": definition["thresholds"]["consultatie"],
            "threshold_opschalen": definition["thresholds"]["opschalen"],
            "threshold_acuut": definition["thresholds"].get("acuut"),
            "complete_min_domains": definition["complete_min_domains"],
            "knock_outs": list(definition["knock_outs"]),
        }
        for score in range(1, 6):
            initial[f"domain_points_{score}"] = definition["domain_points"][str(score)]
        for risk in RISKS:
            initial[f"risk_points_{risk}"] = definition["risk_points"][risk]
        for i, (threshold, points) in enumerate(definition["many_organisations"][:ORG_TIERS]):
            initial[f"org_threshold_{i}"] = threshold
            initial[f"org_points_{i}"] = points
        return initial

    @property
    def domain_point_fields(self) -> list[forms.BoundField]:
        return [self[f"domain_points_{s}"] for s in range(1, 6)]

    @property
    def risk_point_fields(self) -> list[forms.BoundField]:
        return [self[f"risk_points_{r}"] for r in RISKS]

    @property
    def org_tier_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"org_threshold_{i}"], self[f"org_points_{i}"]) for i in range(ORG_TIERS)]

    def clean(self):
        data = super().clean()
        points = [data.get(f"domain_points_{s}") for s in range(1, 6)]
        if None not in points and any(w < b for w, b in zip(points, points[1:], strict=False)):
            self.add_error(
                "domain_points_1",
                _("Een betere score mag nooit meer punten geven dan een slechtere."),
            )
        tiers = []
        for i in range(ORG_TIERS):
            threshold, tier_points = data.get(f"org_threshold_{i}"), data.get(f"org_points_{i}")
            if threshold is None and tier_points is None:
                continue
            if threshold is None or tier_points is None:
                self.add_error(
                    f"org_threshold_{i}", _("Vul bij een trede zowel het aantal als de punten in.")
                )
                continue
            tiers.append((i, threshold, tier_points))
        for (_i, t1, p1), (i2, t2, p2) in zip(tiers, tiers[1:], strict=False):
            if t2 >= t1:
                self.add_error(
                    f"org_threshold_{i2}",
                    _("Elke volgende trede moet bij minder organisaties beginnen dan de vorige."),
                )
            elif p2 > p1:
                self.add_error(
                    f"org_points_{i2}",
                    _("Een trede met minder organisaties mag niet meer punten geven."),
                )
        consultatie = data.get("threshold_consultatie")
        opschalen = data.get("threshold_opschalen")
        acuut = data.get("threshold_acuut")
        if consultatie is not None and opschalen is not None and opschalen < consultatie:
            self.add_error(
                "threshold_opschalen",
                _("De grens voor opschalen moet minstens even hoog zijn als die voor consultatie."),
            )
        if acuut is not None and opschalen is not None and acuut < opschalen:
            self.add_error(
                "threshold_acuut",
                _("De grens voor acuut moet minstens even hoog zijn als die voor opschalen."),
            )
        return data

    def definition(self) -> dict[str, Any]:
        """The ruleset data for the engine (requires a valid form)."""
        data = self.cleaned_data
        tiers = []
        for i in range(ORG_TIERS):
            if data.get(f"org_threshold_{i}") is not None:
                tiers.append([data[f"org_threshold_{i}"], data[f"org_points_{i}"]])
        return {
            "name": data["name"],
            "domain_points": {str(s): data[f"domain_points_{s}"] for s in range(1, 6)},
            "risk_points": {r: data[f"risk_points_{r}"] for r in RISKS},
            "many_organisations": tiers,
            "held_too_long": {
                "months": data["held_too_long_months"],
                "points": data["held_too_long_points"],
            },
            "zorg_en_veiligheid_points": data["zorg_en_veiligheid_points"],
            "knock_outs": [k for k in KNOCK_OUT_RULES if k in data["knock_outs"]],
            "thresholds": {
                "acuut": data.get("threshold_acuut"),
                "opschalen": data["threshold_opschalen"],
                "consultatie": data["threshold_consultatie"],
            },
            "complete_min_domains": data["complete_min_domains"],
        }
