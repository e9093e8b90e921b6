"""Regions and municipalities; a person may hold more than one membership.

Every existing organisation is placed in the default region, created from the settings
that used to hold the one region (REGION_NAME, RETENTION_YEARS). `Membership.user`
becomes a foreign key; every existing row stays and is active.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def place_in_default_region(apps, schema_editor) -> None:
    Region = apps.get_model("organisations", "Region")
    Organisation = apps.get_model("organisations", "Organisation")
    if not Organisation.objects.exists():
        return
    region, _created = Region.objects.get_or_create(
        name=settings.REGION_NAME, defaults={"retention_years": settings.RETENTION_YEARS}
    )
    Organisation.objects.filter(region__isnull=True).update(region=region)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Region",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="naam")),
                (
                    "retention_years",
                    models.PositiveSmallIntegerField(verbose_name="bewaartermijn (jaren)"),
                ),
            ],
            options={
                "verbose_name": "regio",
                "verbose_name_plural": "regio's",
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="Municipality",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, unique=True, verbose_name="naam")),
                (
                    "region",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="municipalities",
                        to="organisations.region",
                        verbose_name="regio",
                    ),
                ),
            ],
            options={
                "verbose_name": "gemeente",
                "verbose_name_plural": "gemeenten",
                "ordering": ["name"],
            },
        ),
        migrations.AddField(
            model_name="organisation",
            name="municipality",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="organisations.municipality",
                verbose_name="gemeente",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="region",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="organisations",
                to="organisations.region",
                verbose_name="regio",
            ),
        ),
        migrations.RunPython(place_in_default_region, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="membership",
            name="user",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="memberships",
                related_query_name="membership",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="membership",
            name="active",
            field=models.BooleanField(default=True, verbose_name="actief"),
        ),
        migrations.AddField(
            model_name="membership",
            name="ended_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="beëindigd op"),
        ),
        migrations.AlterModelOptions(
            name="membership",
            options={
                "ordering": ["pk"],
                "verbose_name": "lidmaatschap",
                "verbose_name_plural": "lidmaatschappen",
            },
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.UniqueConstraint(
                fields=("user", "organisation", "role"), name="unique_membership"
            ),
        ),
        migrations.AddConstraint(
            model_name="membership",
            constraint=models.CheckConstraint(
                condition=models.Q(("active", True), ("ended_at__isnull", True))
                | models.Q(("active", False), ("ended_at__isnull", False)),
                name="membership_ended_when_inactive",
            ),
        ),
    ]
