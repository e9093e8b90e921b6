"""Each case belongs to a region: that of its owning team (organisations 0002)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def set_regions(apps, schema_editor) -> None:
    Case = apps.get_model("cases", "Case")
    Organisation = apps.get_model("organisations", "Organisation")
    Case.objects.filter(region__isnull=True).update(
        region=Subquery(
            Organisation.objects.filter(pk=OuterRef("owning_team_id")).values("region_id")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0007_person_bsn"),
        ("organisations", "0002_regions_and_memberships"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="cases",
                to="organisations.region",
                verbose_name="regio",
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["region", "phase"], name="case_region_phase_idx"),
        ),
        migrations.RunPython(set_regions, migrations.RunPython.noop),
    ]
