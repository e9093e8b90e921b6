"""Default ruleset ``v1`` and the Dutch texts shown with a triage (pure Python).

The domain and score descriptions are our own short wording, inspired by the idea of the
Zelfredzaamheid-Matrix; the ZRM's licensed criteria texts are deliberately not copied.
"""

from __future__ import annotations

from typing import Any

from triage.engine import DOMAINS, RISKS

RULESET_V1: dict[str, Any] = {
    "name": "v1",
    "domain_points": {"1": 3, "2": 2, "3": 1, "4": 0, "5": 0},
    "risk_points": {
        "geweld": 4,
        "kind_in_gevaar": 4,
        "wapens_of_bedreiging": 4,
        "gevaar_zelf_of_ander": 5,
        "verward_gedrag": 2,
        "overlast": 2,
        "politie_contacten": 3,
        "justitie_traject": 3,
        "zorgmijding": 2,
        "geen_regie": 3,
        "stagnatie": 2,
        "minderjarigen_betrokken": 1,
    },
    "many_organisations": [[5, 5], [3, 3]],
    "held_too_long": {"months": 6, "points": 2},
    "zorg_en_veiligheid_points": 4,
    "knock_outs": ["gevaar_zelf_of_ander", "kind_in_gevaar_met_geweld"],
    "thresholds": {"acuut": None, "opschalen": 16, "consultatie": 8},
    "complete_min_domains": 6,
}

DOMAIN_LABELS: dict[str, str] = {
    "financien": "Financiën",
    "dagbesteding": "Werk en dagbesteding",
    "huisvesting": "Huisvesting",
    "huiselijke_relaties": "Huiselijke relaties",
    "geestelijke_gezondheid": "Geestelijke gezondheid",
    "lichamelijke_gezondheid": "Lichamelijke gezondheid",
    "verslaving": "Middelengebruik en verslaving",
    "adl": "Dagelijkse levensverrichtingen",
    "sociaal_netwerk": "Sociaal netwerk",
    "maatschappelijke_participatie": "Meedoen in de samenleving",
    "justitie": "Justitie",
}

# Short, generic meaning of each score; used when a domain has no specific wording.
SCORE_LABELS: dict[int, str] = {
    1: "acuut probleem",
    2: "ernstig probleem",
    3: "kwetsbaar",
    4: "redt zich voldoende",
    5: "zelfredzaam",
}

# Our own wording per domain for scores 1..5 (1 = acuut probleem ... 5 = zelfredzaam).
DOMAIN_SCORE_HELP: dict[str, dict[int, str]] = {
    "financien": {
        1: "Geen geld voor eerste levensbehoeften; schulden groeien snel.",
        2: "Grote schulden of betalingsachterstanden zonder regeling.",
        3: "Rondkomen lukt nauwelijks; hulp bij geldzaken nodig.",
        4: "Rondkomen lukt, met af en toe ondersteuning.",
        5: "Beheert eigen geld zonder hulp.",
    },
    "dagbesteding": {
        1: "Geen enkele dagbesteding; dagen zonder structuur.",
        2: "Nauwelijks zinvolle bezigheden; dreigt uit te vallen.",
        3: "Enige dagbesteding, maar onregelmatig of ongeschikt.",
        4: "Passend werk, school of vrijwilligerswerk met wat steun.",
        5: "Heeft zelfstandig passend werk of dagbesteding.",
    },
    "huisvesting": {
        1: "Dak- of thuisloos, of huisuitzetting is op handen.",
        2: "Woonruimte onveilig, onzeker of ernstig vervuild.",
        3: "Woonruimte is er, maar met duidelijke problemen.",
        4: "Stabiele woonruimte, soms hulp nodig.",
        5: "Woont zelfstandig en stabiel.",
    },
    "huiselijke_relaties": {
        1: "Onveilige thuissituatie; direct ingrijpen nodig.",
        2: "Ernstige spanningen of conflicten in het gezin.",
        3: "Regelmatig spanningen; relaties kwetsbaar.",
        4: "Relaties grotendeels goed, af en toe steun nodig.",
        5: "Steunende en veilige relaties thuis.",
    },
    "geestelijke_gezondheid": {
        1: "Acute psychische crisis of gevaar.",
        2: "Ernstige psychische klachten, geen passende zorg.",
        3: "Psychische klachten die het dagelijks leven hinderen.",
        4: "Klachten onder controle, eventueel met behandeling.",
        5: "Geen noemenswaardige psychische klachten.",
    },
    "lichamelijke_gezondheid": {
        1: "Acuut medisch probleem zonder zorg.",
        2: "Ernstige lichamelijke klachten, zorg ontbreekt.",
        3: "Lichamelijke klachten die het dagelijks leven hinderen.",
        4: "Klachten onder controle met zorg.",
        5: "Goede lichamelijke gezondheid.",
    },
    "verslaving": {
        1: "Ernstig gebruik met direct gevaar of ontregeling.",
        2: "Verslaving met grote gevolgen, geen behandeling.",
        3: "Problematisch gebruik met merkbare gevolgen.",
        4: "Gebruik onder controle, eventueel met hulp.",
        5: "Geen problematisch middelengebruik.",
    },
    "adl": {
        1: "Kan basale zelfzorg niet uitvoeren; niemand helpt.",
        2: "Grote tekorten in zelfzorg of huishouden.",
        3: "Zelfzorg of huishouden lukt deels.",
        4: "Redt zich met beperkte hulp.",
        5: "Verzorgt zichzelf en het huishouden zelfstandig.",
    },
    "sociaal_netwerk": {
        1: "Geïsoleerd of netwerk is schadelijk.",
        2: "Zeer beperkt netwerk, geen steun.",
        3: "Klein netwerk met weinig steun.",
        4: "Voldoende netwerk dat soms helpt.",
        5: "Sterk en steunend netwerk.",
    },
    "maatschappelijke_participatie": {
        1: "Volledig buitengesloten; geen contact met de buurt of instanties.",
        2: "Nauwelijks deelname; mijdt instanties.",
        3: "Beperkte deelname aan de samenleving.",
        4: "Doet mee, met enige ondersteuning.",
        5: "Doet volledig en zelfstandig mee.",
    },
    "justitie": {
        1: "Recente ernstige delicten of direct justitieel ingrijpen.",
        2: "Lopende zaken of herhaald contact met justitie.",
        3: "Incidenteel contact met politie of justitie.",
        4: "Oude justitiecontacten, nu stabiel.",
        5: "Geen contact met politie of justitie.",
    },
}

RISK_LABELS: dict[str, str] = {
    "geweld": "Geweld",
    "kind_in_gevaar": "Kind in gevaar",
    "wapens_of_bedreiging": "Wapens of bedreiging",
    "gevaar_zelf_of_ander": "Gevaar voor zichzelf of anderen",
    "verward_gedrag": "Verward gedrag",
    "overlast": "Overlast",
    "politie_contacten": "Contacten met de politie",
    "justitie_traject": "Lopend justitieel traject",
    "zorgmijding": "Zorgmijding",
    "geen_regie": "Niemand heeft de regie",
    "stagnatie": "Hulp stagneert",
    "minderjarigen_betrokken": "Minderjarigen betrokken",
}

RISK_HELP: dict[str, str] = {
    "geweld": "Er is sprake van fysiek, psychisch of seksueel geweld, thuis of daarbuiten.",
    "kind_in_gevaar": "De veiligheid of ontwikkeling van een kind is ernstig bedreigd.",
    "wapens_of_bedreiging": "Er zijn wapens in het spel of er wordt (ernstig) gedreigd.",
    "gevaar_zelf_of_ander": "De persoon is een direct gevaar voor zichzelf of voor anderen.",
    "verward_gedrag": "Gedrag dat wijst op verwardheid of een psychische ontregeling.",
    "overlast": "Buren, de buurt of de verhuurder ervaren herhaald overlast.",
    "politie_contacten": "De politie is (herhaald) betrokken geweest.",
    "justitie_traject": "Er loopt een strafzaak, reclasseringstoezicht of een maatregel.",
    "zorgmijding": "Hulp of zorg wordt afgewezen of ontweken.",
    "geen_regie": "Er zijn hulpverleners, maar niemand coördineert de aanpak.",
    "stagnatie": "De hulp levert al langere tijd geen vooruitgang op.",
    "minderjarigen_betrokken": "Er zijn kinderen in het huishouden of direct betrokken.",
}

LEVEL_LABELS_NL: dict[int, str] = {
    0: "Wijkteam",
    1: "Consultatie ZVH",
    2: "Opschalen naar ZVH",
    3: "Acuut",
}

ZVH_CRITERIA_LABELS_NL: dict[str, str] = {
    "multiproblem": "Problemen op meerdere leefgebieden",
    "meerdere_ketens": "Meerdere ketens of domeinen betrokken (zorg, veiligheid, straf)",
    "systeemimpact": "Impact op het gezin of systeem",
    "lokaal_veiligheidsprobleem": "Lokaal veiligheidsprobleem (overlast en politie)",
    "voldaan": "Voldoet aan de criteria voor complexe casuïstiek",
}

KNOCK_OUT_LABELS_NL: dict[str, str] = {
    "gevaar_zelf_of_ander": "Gevaar voor zichzelf of anderen",
    "kind_in_gevaar_met_geweld": "Kind in gevaar en er is sprake van geweld",
}

# Template per rule name for showing a reason. Placeholders: {points}, {score},
# {score_label}, {organisations}, {months}.
RULE_EXPLANATIONS: dict[str, str] = {
    **{
        f"domein:{name}": f"{DOMAIN_LABELS[name]}: {{score_label}} (score {{score}})"
        for name in DOMAINS
    },
    **{name: f"Risico: {RISK_LABELS[name].lower()}" for name in RISKS},
    "veel_organisaties": "Veel organisaties betrokken ({organisations})",
    "te_lang_in_wijkteam": "Al {months} maanden in het wijkteam en de hulp stagneert",
    "zorg_en_veiligheid": "Zowel zorg- als veiligheidssignalen",
}


def explain_reason(rule: str, points: int, answers: dict[str, Any]) -> str:
    """A plain Dutch sentence for one reason, e.g. "Financiën: ernstig probleem (score 2)
    — 2 punten"."""
    domains = answers.get("domains") or {}
    score = domains.get(rule.removeprefix("domein:")) if rule.startswith("domein:") else None
    template = RULE_EXPLANATIONS.get(rule, rule)
    text = template.format(
        points=points,
        score=score if score is not None else "?",
        score_label=SCORE_LABELS.get(score, "onbekend"),
        organisations=answers.get("organisations", 0),
        months=answers.get("months_in_wijkteam", 0),
    )
    unit = "punt" if points == 1 else "punten"
    return f"{text} — {points} {unit}"
