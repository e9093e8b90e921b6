"""Escalation foreign keys follow Organisation to the `organisations` app (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("escalation", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        # State only: the tables stay where they are (privacy_organisation,
        # privacy_membership); only Django's idea of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="action",
                    name="owner_organisation",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="actions",
                        to="organisations.organisation",
                        verbose_name="uitvoerende organisatie",
                    ),
                ),
                migrations.AlterField(
                    model_name="caseconference",
                    name="invited",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="uitgenodigd",
                    ),
                ),
                migrations.AlterField(
                    model_name="escalationrequest",
                    name="partners",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="partners",
                    ),
                ),
                migrations.AlterField(
                    model_name="escalationrequest",
                    name="referred_to",
                    field=models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="doorgeleid naar",
                    ),
                ),
                migrations.AlterField(
                    model_name="handover",
                    name="receiving_team",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                        verbose_name="ontvangend wijkteam",
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
