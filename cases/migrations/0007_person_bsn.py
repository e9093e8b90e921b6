"""Optional BSN per person, only to find a household in another open case at screening.

The partial index skips the many persons without a BSN."""

from django.db import migrations, models

import cases.models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0006_person_search_accents_birth_postcode"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="bsn",
            field=models.CharField(
                blank=True,
                default="",
                max_length=9,
                validators=[cases.models.validate_bsn],
                verbose_name="BSN",
            ),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(
                condition=models.Q(("bsn", ""), _negated=True),
                fields=["bsn"],
                name="person_bsn_idx",
            ),
        ),
    ]
