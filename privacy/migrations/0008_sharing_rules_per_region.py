"""The convenant matrix per region: existing cells and changes belong to the default
region, the one REGION_NAME named when Schakel knew only one."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def to_default_region(apps, schema_editor) -> None:
    SharingRule = apps.get_model("privacy", "SharingRule")
    SharingRuleChange = apps.get_model("privacy", "SharingRuleChange")
    Region = apps.get_model("organisations", "Region")
    if not SharingRule.objects.exists() and not SharingRuleChange.objects.exists():
        return
    region, _created = Region.objects.get_or_create(
        name=settings.REGION_NAME, defaults={"retention_years": settings.RETENTION_YEARS}
    )
    SharingRule.objects.filter(region__isnull=True).update(region=region)
    SharingRuleChange.objects.filter(region__isnull=True).update(region=region)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0007_subject_access_request"),
        ("organisations", "0002_regions_and_memberships"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="sharingrule", name="unique_sharing_cell"),
        migrations.AddField(
            model_name="sharingrule",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sharing_rules",
                to="organisations.region",
            ),
        ),
        migrations.AddField(
            model_name="sharingrulechange",
            name="region",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sharing_rule_changes",
                to="organisations.region",
            ),
        ),
        migrations.RunPython(to_default_region, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sharingrule",
            name="region",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="sharing_rules",
                to="organisations.region",
            ),
        ),
        migrations.AddConstraint(
            model_name="sharingrule",
            constraint=models.UniqueConstraint(
                fields=("region", "party", "category"), name="unique_sharing_cell_per_region"
            ),
        ),
    ]
