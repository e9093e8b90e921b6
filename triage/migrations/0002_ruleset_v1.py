"""Ship the default triage ruleset `v1` (DESIGN.md, "Triage") as the active version.

The definition is copied here on purpose: a migration must keep producing the same
data even when the defaults in the code change later.
"""

from django.db import migrations
from django.utils import timezone

RULESET_V1 = {
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


def create_v1(apps, schema_editor):
    Ruleset = apps.get_model("triage", "Ruleset")
    if Ruleset.objects.filter(name="v1").exists():
        return
    now = timezone.now()
    Ruleset.objects.create(
        name="v1",
        definition=RULESET_V1,
        description="Standaardversie bij de start van Schakel.",
        status="published",
        is_active=not Ruleset.objects.filter(is_active=True).exists(),
        created_at=now,
        updated_at=now,
        published_at=now,
    )


class Migration(migrations.Migration):
    dependencies = [("triage", "0001_initial")]

    operations = [migrations.RunPython(create_v1, migrations.RunPython.noop)]
