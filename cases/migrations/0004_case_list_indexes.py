"""Indexes for the case list filtered by phase or team, newest activity first."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_person_name_search_index")]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["phase", "-last_activity_at"], name="case_phase_activity_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(
                fields=["owning_team", "-last_activity_at"], name="case_team_activity_idx"
            ),
        ),
    ]
