"""Issue 19: acute declared without triage; goals per person and life domain; plan versions."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_person_search_accents_birth_postcode"),
        ("escalation", "0003_referral"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="escalationrequest",
            name="acute_declared",
            field=models.BooleanField(default=False, verbose_name="acuut veiligheidsprobleem"),
        ),
        migrations.AddField(
            model_name="escalationrequest",
            name="acute_reason",
            field=models.TextField(blank=True, verbose_name="reden acuut"),
        ),
        migrations.CreateModel(
            name="Goal",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "domain",
                    models.CharField(
                        choices=[
                            ("financien", "Financiën"),
                            ("dagbesteding", "Werk en dagbesteding"),
                            ("huisvesting", "Huisvesting"),
                            ("huiselijke_relaties", "Huiselijke relaties"),
                            ("geestelijke_gezondheid", "Geestelijke gezondheid"),
                            ("lichamelijke_gezondheid", "Lichamelijke gezondheid"),
                            ("verslaving", "Middelengebruik en verslaving"),
                            ("adl", "Dagelijkse levensverrichtingen"),
                            ("sociaal_netwerk", "Sociaal netwerk"),
                            ("maatschappelijke_participatie", "Meedoen in de samenleving"),
                            ("justitie", "Justitie"),
                        ],
                        max_length=32,
                        verbose_name="leefgebied",
                    ),
                ),
                ("text", models.TextField(verbose_name="doel")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("open", "Loopt"),
                            ("met", "Behaald"),
                            ("transferred", "Overgedragen"),
                            ("dropped", "Vervallen"),
                        ],
                        default="open",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                ("updated_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="cases.person",
                        verbose_name="persoon",
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="goal_items",
                        to="escalation.actionplan",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "doel",
                "verbose_name_plural": "doelen",
                "ordering": ["domain", "id"],
            },
        ),
        migrations.CreateModel(
            name="PlanVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveIntegerField(verbose_name="versie")),
                ("goals", models.TextField(verbose_name="doelen voor het huishouden")),
                ("goal_items", models.JSONField(default=list)),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "created_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="escalation.actionplan",
                    ),
                ),
            ],
            options={
                "verbose_name": "versie van het plan van aanpak",
                "verbose_name_plural": "versies van het plan van aanpak",
                "ordering": ["plan", "-number"],
                "constraints": [
                    models.UniqueConstraint(fields=("plan", "number"), name="unique_plan_version")
                ],
            },
        ),
    ]
