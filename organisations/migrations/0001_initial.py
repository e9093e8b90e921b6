"""Organisation and Membership move from `privacy` to their own app, data untouched."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ("organisation", "membership")


def _relabel(apps, old: str, new: str) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=old, model__in=MODELS).update(app_label=new)


def move_content_types(apps, schema_editor) -> None:
    _relabel(apps, "privacy", "organisations")


def move_content_types_back(apps, schema_editor) -> None:
    _relabel(apps, "organisations", "privacy")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("privacy", "0004_breakglass_retention_matrix_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # State only: the tables stay where they are (privacy_organisation,
        # privacy_membership); only Django's idea of which app owns them changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Organisation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(max_length=200, unique=True, verbose_name="naam"),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("wijkteam", "Sociaal wijkteam"),
                                    ("zvh", "Zorg- en Veiligheidshuis"),
                                    ("politie", "Politie"),
                                    ("ggz", "GGZ"),
                                    ("verslavingszorg", "Verslavingszorg"),
                                    ("veilig_thuis", "Veilig Thuis"),
                                    ("reclassering", "Reclassering"),
                                    ("om", "Openbaar Ministerie"),
                                    ("gemeente", "Gemeente"),
                                    ("woningcorporatie", "Woningcorporatie"),
                                    ("other", "Overig"),
                                ],
                                max_length=32,
                                verbose_name="soort",
                            ),
                        ),
                        (
                            "group",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="organisation",
                                to="auth.group",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "organisatie",
                        "verbose_name_plural": "organisaties",
                        "db_table": "privacy_organisation",
                        "ordering": ["name"],
                    },
                ),
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "role",
                            models.CharField(
                                choices=[
                                    ("medewerker", "Medewerker"),
                                    ("procesregisseur", "Procesregisseur"),
                                    ("manager", "Manager"),
                                    ("privacy_officer", "Privacyfunctionaris"),
                                    ("functioneel_beheer", "Functioneel beheer"),
                                ],
                                max_length=32,
                                verbose_name="rol",
                            ),
                        ),
                        (
                            "user",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="membership",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="memberships",
                                to="organisations.organisation",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "lidmaatschap",
                        "verbose_name_plural": "lidmaatschappen",
                        "db_table": "privacy_membership",
                    },
                ),
            ],
            database_operations=[],
        ),
        # Permissions and object grants refer to the content type: keep the same row.
        migrations.RunPython(move_content_types, move_content_types_back, elidable=True),
    ]
