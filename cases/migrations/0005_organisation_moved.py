"""Case foreign keys follow Organisation to the `organisations` app (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_case_list_indexes"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        # State only: the tables stay where they are (privacy_organisation,
        # privacy_membership); only Django's idea of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="owning_team",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="owned_cases",
                        to="organisations.organisation",
                        verbose_name="wijkteam",
                    ),
                ),
                migrations.AlterField(
                    model_name="case",
                    name="receiving_team",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="receiving_cases",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="caseevent",
                    name="actor_organisation",
                    field=models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="casenote",
                    name="author_organisation",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
