"""Inzageverzoeken (AVG art. 15) are recorded: who handles them, when received, the
one-month deadline of art. 12(3) and when completed. A new table; reversal drops it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0006_accesslog_identity_snapshot"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SubjectAccessRequest",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("requester", models.CharField(max_length=200, verbose_name="betrokkene")),
                ("received_on", models.DateField(verbose_name="ontvangen op")),
                ("deadline", models.DateField(verbose_name="uiterste antwoorddatum")),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "Open"), ("afgerond", "Afgerond")],
                        default="open",
                        max_length=16,
                        verbose_name="status",
                    ),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "completed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="afgerond op"),
                ),
                (
                    "requested_by",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "inzageverzoek",
                "verbose_name_plural": "inzageverzoeken",
                "ordering": ["deadline", "id"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("completed_at__isnull", True), ("status", "open")),
                            models.Q(("completed_at__isnull", False), ("status", "afgerond")),
                            _connector="OR",
                        ),
                        name="subject_access_completed_at_matches_status",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("deadline__gte", models.F("received_on"))),
                        name="subject_access_deadline_after_receipt",
                    ),
                ],
            },
        ),
    ]
