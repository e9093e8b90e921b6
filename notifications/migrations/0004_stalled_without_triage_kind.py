"""Issue 19: the reminder for a wijkteam case never triaged and without progress."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0003_hand_off_notifications"),
    ]

    operations = [
        migrations.AlterField(
            model_name="reminder",
            name="kind",
            field=models.CharField(
                choices=[
                    ("screening_due", "Aanmelding nog niet gescreend"),
                    ("review_due", "Evaluatie binnenkort of verlopen"),
                    ("action_overdue", "Actie over de deadline"),
                    ("handover_pending", "Overdracht nog niet geaccepteerd"),
                    ("aftercare_check_due", "Nazorgcontrole aan de beurt"),
                    ("held_too_long", "Lang in het wijkteam zonder advies of opschaling"),
                    ("stalled_no_triage", "Nooit getrieerd en geen voortgang"),
                    ("acute_aanmelding", "Acute aanmelding"),
                ],
                max_length=32,
                verbose_name="soort",
            ),
        ),
    ]
