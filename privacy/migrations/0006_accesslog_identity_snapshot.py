"""The access log keeps who accessed as they were then: username, name, organisation.

Existing rows are filled from today's user and organisation rows, the best record
there is of who they were. On PostgreSQL the append-only trigger allows this one
UPDATE through the same `schakel.retention` switch the retention job uses.
"""

from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat, Trim


def backfill(apps, schema_editor):
    AccessLog = apps.get_model("privacy", "AccessLog")
    User = apps.get_model("auth", "User")
    Organisation = apps.get_model("organisations", "Organisation")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET LOCAL schakel.retention = 'on'")
    user = User.objects.filter(pk=OuterRef("user_id"))
    AccessLog.objects.update(
        username=Subquery(user.values("username")[:1]),
        user_full_name=Subquery(
            user.annotate(full=Trim(Concat("first_name", Value(" "), "last_name"))).values("full")[
                :1
            ]
        ),
        organisation_name=Subquery(
            Organisation.objects.filter(pk=OuterRef("organisation_id")).values("name")[:1]
        ),
    )
    AccessLog.objects.filter(organisation_name__isnull=True).update(organisation_name="")
    AccessLog.objects.filter(user_full_name__isnull=True).update(user_full_name="")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET LOCAL schakel.retention = 'off'")


class Migration(migrations.Migration):
    atomic = True

    dependencies = [
        ("cases", "0005_organisation_moved"),
        ("organisations", "0001_initial"),
        ("privacy", "0005_organisation_moved_out"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslog",
            name="organisation_name",
            field=models.CharField(blank=True, max_length=200),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="user_full_name",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="username",
            field=models.CharField(blank=True, max_length=150),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(
                fields=["username", "timestamp"], name="privacy_acc_usernam_fcfd95_idx"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
