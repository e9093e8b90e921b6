"""Organisation and Membership now live in `organisations`: drop them from this app's state.

It waits for every app whose foreign keys pointed here to point there first."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("escalation", "0002_organisation_moved"),
        ("cases", "0005_organisation_moved"),
        ("organisations", "0001_initial"),
        ("privacy", "0004_breakglass_retention_matrix_log"),
    ]

    operations = [
        # State only: the tables stay where they are (privacy_organisation,
        # privacy_membership); only Django's idea of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="organisation",
                    name="group",
                ),
                migrations.AlterField(
                    model_name="caseparticipation",
                    name="organisation",
                    field=models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="participations",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="breakglassaccess",
                    name="organisation",
                    field=models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
                migrations.AlterField(
                    model_name="accesslog",
                    name="organisation",
                    field=models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="organisations.organisation",
                    ),
                ),
                migrations.DeleteModel(
                    name="Membership",
                ),
                migrations.DeleteModel(
                    name="Organisation",
                ),
            ],
            database_operations=[],
        ),
    ]
