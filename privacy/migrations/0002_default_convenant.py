from django.db import migrations


def create_default_matrix(apps, schema_editor):
    from privacy.convenant import ALL, DEFAULT_MATRIX

    SharingRule = apps.get_model("privacy", "SharingRule")
    rows = [
        SharingRule(party=party, category=category, allowed=category in allowed)
        for party, allowed in DEFAULT_MATRIX.items()
        for category in ALL
    ]
    SharingRule.objects.bulk_create(rows, ignore_conflicts=True)


def remove_matrix(apps, schema_editor):
    apps.get_model("privacy", "SharingRule").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(create_default_matrix, remove_matrix)]
